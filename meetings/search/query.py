"""Our query language, parsed once into a small syntax tree both backends translate.

    kyoto protocol            both words (AND is implied)
    "peace treaty"            an exact phrase
    a OR b, a AND b, NOT a, -a, ( ... )
    speaker:putin  speaker:"Mikhail Kasyanov"  country:russia  topic:"north korea"
    subject:energy  title:gleneagles  location:moscow  type:summit
    year:2003  year:2003..2005  date:2003-01..2004-06  date:2004..  date:..2004-06-30

Parsing never raises: unbalanced quotes and parentheses are closed, lone
operators dropped, unknown fields read as words, wildcards ignored; every such
repair adds a one-line notice. No Django imports besides reading settings
through the caller: bounds are passed in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from meetings.vocabulary import MEETING_TYPES

from .fields import FIELD_EXAMPLES, RANGE_FIELDS, TEXT_FIELDS
from .query_tokens import Token, tokenize
from .words import COUNTRY_ALIASES as COUNTRY_ALIASES
from .words import MIN_WORD_LENGTH as MIN_WORD_LENGTH
from .words import STOP_WORDS as STOP_WORDS
from .words import TYPE_ALIASES as TYPE_ALIASES
from .words import canonical_country as canonical_country
from .words import canonical_type as canonical_type
from .words import canonical_value as canonical_value
from .words import common_prefix_length as common_prefix_length
from .words import fold as fold
from .words import simple_tokens as simple_tokens

# ---------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Word:
    text: str  # as typed (backends analyse it: fold, stem)


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class FieldTerm:
    field: str  # a text field of fields.QUERY_FIELDS: speaker, country, topic ...
    value: str


@dataclass(frozen=True)
class Range:
    field: str  # "year" (years) or "date" (proleptic ordinals, date.toordinal())
    low: int | None
    high: int | None


@dataclass(frozen=True)
class And:
    children: tuple


@dataclass(frozen=True)
class Or:
    children: tuple


@dataclass(frozen=True)
class Not:
    child: object


@dataclass(frozen=True)
class MatchAll:
    pass


Node = Word | Phrase | FieldTerm | Range | And | Or | Not | MatchAll

FIELD_ALIASES = {
    "speakers": "speaker",
    "person": "speaker",
    "by": "speaker",
    "heading": "topic",
    "section": "topic",
    "place": "location",
    "kind": "type",
}
WILDCARDS = "*?"


@dataclass
class ParsedQuery:
    text: str  # the query actually parsed (after shortening)
    tree: Node
    notices: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return isinstance(self.tree, MatchAll)

    def positive_words(self) -> list[str]:
        """Words and phrase words a hit matched on (for highlighting), NOT-parts left out."""
        return _positive_words(self.tree)

    @property
    def excludes_only(self) -> bool:
        """Only NOT-parts (besides date and year ranges): "everything except ...".

        Such a query matches nearly every statement and has nothing to rank
        by, so search() lists it by date, not by a score over every document.
        """
        parts = self.tree.children if isinstance(self.tree, And) else (self.tree,)
        kept = [part for part in parts if not isinstance(part, MatchAll | Range)]
        return bool(kept) and all(isinstance(part, Not) for part in kept)

    def plain_words(self) -> list[str]:
        """Bare words outside NOT, candidates for "did you mean"."""
        return [node.text for node in _walk(self.tree) if isinstance(node, Word)]


# ---------------------------------------------------------------- helpers


def parse_date_bound(text: str, upper: bool) -> dt.date | None:
    """`2004`, `2004-06` or `2004-06-10`; the first (or, for `upper`, the last) day meant."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if month is None:
            return dt.date(year, 12, 31) if upper else dt.date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, last if upper else 1)
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_range(field_name: str, text: str) -> Range | None:
    """`2003`, `2003..2005`, `2004..`, `..2004-06` for year: or date:."""
    low_text, sep, high_text = text.partition("..")
    if not sep:
        high_text = low_text
    if not low_text.strip() and not high_text.strip():
        return None
    if field_name == "year":
        bounds = []
        for part in (low_text, high_text):
            part = part.strip()
            if part and not re.fullmatch(r"\d{1,4}", part):
                return None
            bounds.append(int(part) if part else None)
        return Range("year", bounds[0], bounds[1])
    low = parse_date_bound(low_text, upper=False) if low_text.strip() else None
    high = parse_date_bound(high_text, upper=True) if high_text.strip() else None
    if (low_text.strip() and low is None) or (high_text.strip() and high is None):
        return None
    return Range("date", low.toordinal() if low else None, high.toordinal() if high else None)


def _walk(node, negated=False):
    if isinstance(node, And | Or):
        for child in node.children:
            yield from _walk(child, negated)
    elif isinstance(node, Not):
        return
    else:
        yield node


def _positive_words(node) -> list[str]:
    words = []
    for leaf in _walk(node):
        if isinstance(leaf, Word):
            words.append(leaf.text)
        elif isinstance(leaf, Phrase):
            words.extend(leaf.words)
    return words


# ---------------------------------------------------------------- parser

MAX_DEPTH = 20


class _Parser:
    def __init__(self, tokens: list[Token], max_terms: int):
        self.tokens = tokens
        self.pos = 0
        self.max_terms = max_terms
        self.terms = 0
        self.notices: list[str] = []
        self.depth = 0

    def note(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node:
        parts = []
        while self.peek() is not None:
            node = self.parse_or()
            if node is not None:
                parts.append(node)
            token = self.peek()
            if token is not None and token.kind == "rparen":
                self.take()
                self.note("an unmatched ')' was ignored")
        return _and(parts)

    def parse_or(self) -> Node | None:
        options = [self.parse_and()]
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            options.append(self.parse_and())
        if len(options) > 1 and None in options:
            self.note("a lone OR was ignored")
        options = [option for option in options if option is not None]
        if not options:
            return None
        return options[0] if len(options) == 1 else Or(tuple(options))

    def parse_and(self) -> Node | None:
        parts = []
        while (token := self.peek()) is not None and token.kind not in ("or", "rparen"):
            if token.kind == "and":
                self.take()
                continue
            node = self.parse_unary()
            if node is not None:
                parts.append(node)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_unary(self) -> Node | None:
        token = self.peek()
        if token.kind in ("not", "minus"):
            self.take()
            following = self.peek()
            if following is None or following.kind in ("or", "and", "rparen"):
                self.note(f"a lone {token.text} was ignored")
                return None
            child = self.parse_unary()
            return Not(child) if child is not None else None
        return self.parse_primary()

    def parse_primary(self) -> Node | None:
        token = self.take()
        if token.kind == "lparen":
            return self.parse_group()
        if token.kind == "phrase":
            if not token.closed:
                self.note("a closing quote was added")
            return self.leaf(_phrase(token.text))
        if token.kind == "field":
            return self.parse_field(token.text)
        return self.leaf(self.word(token.text))

    def parse_group(self) -> Node | None:
        if self.depth >= MAX_DEPTH:
            self.note(f"parentheses nested deeper than {MAX_DEPTH} were ignored")
            return None
        self.depth += 1
        node = self.parse_or()
        self.depth -= 1
        token = self.peek()
        if token is not None and token.kind == "rparen":
            self.take()
        else:
            self.note("a closing parenthesis was added")
        return node

    def parse_field(self, name: str) -> Node | None:
        name = FIELD_ALIASES.get(name, name)
        value_token = self.peek()
        if value_token is None or value_token.kind not in ("word", "phrase"):
            self.note(_needs_a_value(name))
            return None
        self.take()
        value = value_token.text.strip()
        if name in RANGE_FIELDS:
            node = parse_range(name, value)
            if node is None:
                self.note(
                    f"{name}:{value} was left out: “{value}” is not a {name} "
                    f"(write {FIELD_EXAMPLES[name]})"
                )
            return self.leaf(node)
        if name in TEXT_FIELDS:
            if not simple_tokens(value):
                self.note(_needs_a_value(name))
                return None
            if name == "type" and canonical_type(value) not in MEETING_TYPES:
                types = ", ".join(f"type:{kind}" for kind in MEETING_TYPES)
                self.note(
                    f"type:{value} was left out: “{value}” is not a meeting type "
                    f"(write one of {types})"
                )
                return None
            return self.leaf(FieldTerm(name, value))
        self.note(
            f"unknown field {name}: was searched as words "
            f"(the fields are {', '.join(FIELD_EXAMPLES)})"
        )
        words = [_phrase(value) if value_token.kind == "phrase" else self.word(value)]
        return self.leaf(_and([self.word(name), *words]))

    def word(self, text: str) -> Node | None:
        if any(c in WILDCARDS for c in text):
            self.note("wildcards (* and ?) are not supported and were ignored")
            text = "".join(c for c in text if c not in WILDCARDS)
        if not re.search(r"\w", text):
            return None
        return Word(text)

    def leaf(self, node: Node | None) -> Node | None:
        if node is None:
            return None
        size = _count_terms(node)
        if self.terms + size > self.max_terms:
            self.note(f"only the first {self.max_terms} terms of the query were used")
            return None
        self.terms += size
        return node


def _needs_a_value(name: str) -> str:
    example = FIELD_EXAMPLES.get(name)
    return f"{name}: was left out: it needs a value" + (f" (write {example})" if example else "")


def _count_terms(node) -> int:
    if isinstance(node, And | Or):
        return sum(_count_terms(child) for child in node.children)
    if isinstance(node, Not):
        return _count_terms(node.child)
    if isinstance(node, Phrase):
        return len(node.words)
    return 1


def _phrase(text: str) -> Node | None:
    words = tuple(word for word in text.split() if re.search(r"\w", word))
    if not words:
        return None
    return Word(words[0]) if len(words) == 1 else Phrase(words)


def _and(parts: list) -> Node:
    parts = [part for part in parts if part is not None]
    if not parts:
        return MatchAll()
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def _normalise(node: Node) -> Node:
    """A query that only excludes means "everything except"."""
    if isinstance(node, Not):
        return And((MatchAll(), node))
    if isinstance(node, And) and all(isinstance(child, Not) for child in node.children):
        return And((MatchAll(), *node.children))
    return node


def parse(text: str, max_length: int = 500, max_terms: int = 30) -> ParsedQuery:
    """Parse `text`; never raises. Bounds come from settings via the caller."""
    notices = []
    text = (text or "").replace("\x00", " ")
    if len(text) > max_length:
        text = text[:max_length]
        notices.append(f"the query was shortened to {max_length} characters")
    parser = _Parser(tokenize(text), max_terms)
    tree = _normalise(parser.parse())
    return ParsedQuery(text=text.strip(), tree=tree, notices=notices + parser.notices)
