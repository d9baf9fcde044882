"""What a parsed query asks for, in plain words: "statements containing “peace” and
“treaty”, spoken by putin, in 2004". Shown above the results and in the JSON, so a
reader sees how the query was read. Pure Python: it reads only the syntax tree.
"""

from __future__ import annotations

import datetime as dt

from meetings.vocabulary import MEETING_TYPE_CHOICES

from .query import (
    MIN_WORD_LENGTH,
    STOP_WORDS,
    And,
    FieldTerm,
    MatchAll,
    Not,
    Or,
    Phrase,
    Range,
    Word,
    canonical_country,
    canonical_type,
    fold,
)

TYPE_LABELS = dict(MEETING_TYPE_CHOICES)


def describe(tree) -> str | None:
    """'statements containing …, spoken by …' for the whole query; None for MatchAll."""
    if isinstance(tree, MatchAll):
        return None
    parts = tree.children if isinstance(tree, And) else (tree,)
    too_common = [f"“{p.text}”" for p in parts if _too_common(p)]
    clauses = _clauses(parts)
    if not clauses:
        return f"nothing: {_listed(too_common)} {_is_or_are(too_common)} too common to search for"
    text = "statements " + ", ".join(clauses)
    if too_common:
        text += f" ({_listed(too_common)} {_is_or_are(too_common)} too common to search for)"
    return text


def _clauses(parts) -> list[str]:
    """The words searched for as one clause, then one clause per other part."""
    searched = [p for p in parts if isinstance(p, Word | Phrase) and not _too_common(p)]
    others = sorted(
        (p for p in parts if not isinstance(p, Word | Phrase | MatchAll)), key=_clause_order
    )
    clauses = [f"containing {_listed([_searched(p) for p in searched])}"] if searched else []
    return clauses + [_clause(node) for node in others]


def _clause_order(node) -> int:
    return next(
        i for i, kind in enumerate((Or, FieldTerm, Range, Not, And)) if isinstance(node, kind)
    )


def _is_or_are(items: list) -> str:
    return "is" if len(items) == 1 else "are"


def _too_common(node) -> bool:
    if not isinstance(node, Word):
        return False
    text = fold(node.text)
    return text in STOP_WORDS or len(text) < MIN_WORD_LENGTH


def _searched(node) -> str:
    if isinstance(node, Phrase):
        return f"the phrase “{' '.join(node.words)}”"
    return f"“{node.text}”"


def _clause(node) -> str:
    if isinstance(node, Word | Phrase):
        return f"containing {_searched(node)}"
    if isinstance(node, FieldTerm):
        return _field_clause(node)
    if isinstance(node, Range):
        return _range_clause(node)
    if isinstance(node, Not):
        return "not " + _clause(node.child)
    if isinstance(node, Or):
        if all(isinstance(child, Word | Phrase) for child in node.children):
            return "containing " + " or ".join(_searched(child) for child in node.children)
        return "either " + " or ".join(_clause(child) for child in node.children)
    if isinstance(node, And):
        return "(" + ", ".join(_clauses(node.children)) + ")"
    return "any statement"


def _field_clause(node: FieldTerm) -> str:
    value = node.value
    if node.field == "speaker":
        return f"spoken by {value}"
    if node.field == "country":
        return f"from meetings with {canonical_country(value)}"
    if node.field == "type":
        return f"from meetings of the type “{TYPE_LABELS.get(canonical_type(value), value)}”"
    if node.field == "subject":
        return f"on the subject “{value}”"
    if node.field == "topic":
        return f"under a section heading with “{value}”"
    if node.field == "title":
        return f"from meetings whose title has “{value}”"
    return f"from meetings in {value}"


def _range_clause(node: Range) -> str:
    if node.field == "year":
        low, high = node.low, node.high
    else:
        low, high = (
            dt.date.fromordinal(d).isoformat() if d else None for d in (node.low, node.high)
        )
    if low is not None and low == high:
        return f"in {low}" if node.field == "year" else f"dated {low}"
    if low is not None and high is not None:
        return f"from {low} to {high}"
    if low is not None:
        return f"from {low} on"
    return f"up to {high}"


def _listed(items: list[str]) -> str:
    """“a”, “b” and “c”."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
