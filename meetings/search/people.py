"""The people a query names, found under every spelling.

A word (or two to four adjacent words, or a quoted phrase) of a query that is
a known person's family name, full name or alias, or close to one, stands for
that person: `expand` rewrites the parsed tree so that it also finds the
person's other spellings in the text and the statements the person spoke:

    Kasianov  ->  Kasianov OR Kasyanov OR Kasjyanov OR ... OR speaker:"Mikhail Kasyanov"

`speaker:` values that name nobody exactly are read as the closest person
(`speaker:koizumy` -> `speaker:"Junichiro Koizumi"`). Every expansion adds a
notice, and misspelled names come back as a suggestion. The query is parsed
once (query.py); both backends translate the rewritten tree.

Names are looked up in the directory of names.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.db.models import Count

from meetings.models import Participant, Statement

from .names import Directory, KnownPerson, directory, name_key, resolve
from .query import And, FieldTerm, Not, Or, ParsedQuery, Phrase, Word, simple_tokens
from .results import PersonFound

MAX_NAME_WORDS = 4
MAX_PEOPLE = 3  # people one query may name
MAX_SPELLINGS = 8  # other spellings searched per person
SHOWN_SPELLINGS = 6


# ---------------------------------------------------------------- reading a query


@dataclass(frozen=True)
class Match:
    person: KnownPerson
    typed: str  # the words as the query has them
    fuzzy: bool  # read as the closest name, not found as written
    as_speaker: bool = False  # a speaker: value
    excluded: bool = False  # under NOT: the person is left out, under every spelling


@dataclass
class Expansion:
    parsed: ParsedQuery  # the query with every named person's spellings and statements
    matches: list[Match]
    notices: list[str]

    def corrections(self) -> dict[str, str]:
        """{name as typed: the person's name as the archive writes it}, for misspellings."""
        return {m.typed: _written(m) for m in self.matches if m.fuzzy}

    def covered_words(self) -> set[str]:
        """Folded words that named a person: no spelling suggestion for them."""
        return {word for m in self.matches for word in simple_tokens(m.typed)}


def _written(match: Match) -> str:
    person = match.person
    if len(match.typed.split()) > 1 or not person.family_names:
        return person.name
    return person.family_names[0]


def _text_node(text: str):
    words = tuple(text.split())
    return Word(words[0]) if len(words) == 1 else Phrase(words)


class _Expander:
    """Rewrites a tree; `known` are the typed words the index has, which are never read
    as a misspelled name ("price" is no "Rice", "takashi" no "Takashima")."""

    def __init__(self, names: Directory, known: set[str]):
        self.names = names
        self.known = known
        self.matches: list[Match] = []
        self.negated = False

    def full(self) -> bool:
        return len({m.person.id for m in self.matches}) >= MAX_PEOPLE

    def node(self, node):
        if isinstance(node, And):
            return And(tuple(self.sequence(list(node.children))))
        if isinstance(node, Or):
            return Or(tuple(self.node(child) for child in node.children))
        if isinstance(node, Not):
            outer, self.negated = self.negated, not self.negated
            child = self.node(node.child)
            self.negated = outer
            return Not(child)
        if isinstance(node, Word):
            return self.named(node, node.text)
        if isinstance(node, Phrase):
            return self.named(node, " ".join(node.words))
        if isinstance(node, FieldTerm) and node.field == "speaker":
            return self.speaker(node)
        return node

    def sequence(self, children: list) -> list:
        """AND-ed children, adjacent words read as one name where they are one (Roh Moo-hyon)."""
        result, start = [], 0
        while start < len(children):
            end = start
            while end < len(children) and isinstance(children[end], Word):
                end += 1
            for size in range(min(end - start, MAX_NAME_WORDS), 1, -1):
                words = children[start : start + size]
                found = self.named(And(tuple(words)), " ".join(w.text for w in words))
                if not isinstance(found, And):
                    result.append(found)
                    start += size
                    break
            else:
                result.append(self.node(children[start]))
                start += 1
        return result

    def named(self, node, typed: str):
        fuzzy = not all(word in self.known for word in typed.split())
        resolved = None if self.full() else resolve(typed, self.names, fuzzy)
        if resolved is None:
            return node
        person, fuzzy = resolved
        self.matches.append(Match(person, typed, fuzzy, excluded=self.negated))
        return Or((node, *self.spellings(person, node), FieldTerm("speaker", person.name)))

    def spellings(self, person: KnownPerson, typed_node) -> list:
        """The person's other spellings as text queries: a family name alone where it is
        the person's only, whole names where a namesake shares it ("Lee")."""
        families = [f for f in person.family_names if self.names.unambiguous(f)]
        texts = families
        if len(families) < len(person.family_names):
            texts = families + [s for s in person.spellings if len(s.split()) > 1]
        nodes, seen = [], {name_key(_typed_text(typed_node))}
        for text in texts:
            if name_key(text) not in seen:
                seen.add(name_key(text))
                nodes.append(_text_node(text))
        return nodes[:MAX_SPELLINGS]

    def speaker(self, node: FieldTerm) -> FieldTerm:
        words = simple_tokens(node.value.replace("-", " "))
        known = all(word in self.names.tokens for word in words)
        resolved = None if self.full() else resolve(node.value, self.names)
        if resolved is None:
            return node
        person, fuzzy = resolved
        if known:  # as written it finds them already: left as it is, named in the box
            if not fuzzy:
                self.matches.append(Match(person, node.value, False, True, self.negated))
            return node
        self.matches.append(Match(person, node.value, fuzzy, True, self.negated))
        return FieldTerm("speaker", person.name)


def _leaf_texts(node) -> list[str]:
    if isinstance(node, Word | Phrase):
        return [_typed_text(node)]
    if isinstance(node, Not):
        return _leaf_texts(node.child)
    if isinstance(node, And | Or):
        return [text for child in node.children for text in _leaf_texts(child)]
    return []


def _typed_text(node) -> str:
    if isinstance(node, Word):
        return node.text
    if isinstance(node, Phrase):
        return " ".join(node.words)
    return " ".join(_typed_text(child) for child in node.children)


def expand(parsed: ParsedQuery, known_words: Callable[[list[str]], set[str]]) -> Expansion:
    """The query with each person it names found under every spelling, and what was done.

    `known_words(words)` gives those of `words` the index has (the backend's).
    """
    if parsed.is_empty:
        return Expansion(parsed, [], [])
    typed = sorted({word for text in _leaf_texts(parsed.tree) for word in text.split()})
    expander = _Expander(directory(), known_words(typed) if typed else set())
    tree = expander.node(parsed.tree)
    if not expander.matches:
        return Expansion(parsed, [], [])
    return Expansion(replace(parsed, tree=tree), expander.matches, _notices(expander.matches))


def _notices(matches: list[Match]) -> list[str]:
    return [notice for notice in map(_notice, matches) if notice]


def _notice(match: Match) -> str | None:
    """What was done for one person named, in one line; None when nothing was."""
    person = match.person
    if match.as_speaker:
        if not match.fuzzy:
            return None
        value = f'"{match.typed}"' if " " in match.typed else match.typed
        return f"speaker:{value} was read as {person.name}"
    spellings = person.other_family_names()[:SHOWN_SPELLINGS]
    written = f" and the text under every spelling ({', '.join(spellings)})" if spellings else ""
    if match.excluded:
        return f"“{match.typed}” leaves out {person.name}: their statements{written}"
    read = "was read as" if match.fuzzy else "also finds"
    return f"“{match.typed}” {read} {person.name}: their statements{written}"


def found_people(matches: list[Match]) -> list[PersonFound]:
    """The people named (not excluded), with their statement and meeting counts."""
    wanted: dict[int, Match] = {}
    for match in matches:
        if not match.excluded:
            wanted.setdefault(match.person.id, match)
    statements, meetings = _counts(list(wanted))
    found = []
    for person_id, match in wanted.items():
        if not (statements.get(person_id) or meetings.get(person_id)):
            continue  # known from the authority file only: no page to show them on
        found.append(
            PersonFound(
                slug=match.person.slug,
                name=match.person.name,
                typed=match.typed,
                fuzzy=match.fuzzy,
                statements=statements.get(person_id, 0),
                meetings=meetings.get(person_id, 0),
                also_written=match.person.other_spellings()[:SHOWN_SPELLINGS],
                notice=_notice(match),
            )
        )
    return found


def _counts(person_ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """({person: statements spoken}, {person: meetings attended}): two grouped counts,
    no join of the one with the other."""
    if not person_ids:
        return {}, {}
    spoken = (
        Statement.speakers.through.objects.filter(person_id__in=person_ids)
        .values("person_id")
        .annotate(n=Count("id"))
        .values_list("person_id", "n")
    )
    attended = (
        Participant.objects.filter(person_id__in=person_ids)
        .values("person_id")
        .annotate(n=Count("meeting_id", distinct=True))
        .values_list("person_id", "n")
    )
    return dict(spoken), dict(attended)
