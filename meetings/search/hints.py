"""A query of plain words that names a person or a year, rewritten in field syntax:
`putin peace treaty 2004` -> `speaker:putin year:2004 "peace treaty"`, offered only
when the rewritten query finds something. The people a query names come from
people.py (every spelling, misspellings read as the closest name); this module
only rewrites the tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .query import And, Phrase, Word, fold, simple_tokens

YEAR = re.compile(r"(1[89]|2[01])\d\d")
MAX_NAME_WORDS = 4


def speaker_values(matches) -> dict[str, str]:
    """{the typed name's words, folded: how to write it after speaker:} for the people a
    query names as words (people.Match): as typed, or the archive's spelling of a misspelling."""
    values = {}
    for match in matches:
        if match.as_speaker or match.excluded:
            continue
        value = match.typed
        if match.fuzzy:
            families = match.person.family_names
            single = len(match.typed.split()) == 1 and families
            value = families[0] if single else match.person.name
        values[_key(match.typed)] = value
    return values


def field_hint(tree, speakers: dict[str, str], matches: Callable[[str], bool]) -> str | None:
    """The field-syntax form of a query of plain words (two or more) that names a person
    (`speakers`, from speaker_values) or a year: the first form for which
    `matches(text)` is true; else None."""
    parts = _plain_parts(tree)
    if parts is None or len(parts) < 2:
        return None
    fields, rest = _fields_and_rest(parts, speakers)
    if not fields:
        return None
    for candidate in _candidates(fields, rest):
        if matches(candidate):
            return candidate
    return None


def _key(text: str) -> str:
    return " ".join(simple_tokens(text))


def _plain_parts(tree) -> list | None:
    """The words and phrases of a query made of nothing else, in order; None otherwise."""
    if isinstance(tree, Word | Phrase):
        parts = [tree]
    elif isinstance(tree, And):
        parts = list(tree.children)
    else:
        return None
    return parts if all(isinstance(part, Word | Phrase) for part in parts) else None


def _text(part) -> str:
    return part.text if isinstance(part, Word) else " ".join(part.words)


def _fields_and_rest(parts: list, speakers: dict[str, str]) -> tuple[list[str], list[str]]:
    """speaker: terms (a name of several words kept whole), then one year:, then the other
    parts as typed."""
    names, years, rest = [], [], []
    start = 0
    while start < len(parts):
        size = _name_at(parts, start, speakers)
        if size:
            typed = " ".join(_text(part) for part in parts[start : start + size])
            value = speakers[_key(typed)]
            names.append(f'speaker:"{value}"' if re.search(r"[\s-]", value) else f"speaker:{value}")
            start += size
            continue
        part = parts[start]
        word = fold(part.text) if isinstance(part, Word) else None
        if word and YEAR.fullmatch(word) and not years:
            years.append(f"year:{word}")
        else:
            rest.append(part.text if isinstance(part, Word) else f'"{_text(part)}"')
        start += 1
    return names + years, rest


def _name_at(parts: list, start: int, speakers: dict[str, str]) -> int:
    """How many parts from `start` are a name the query named (longest first); 0 if none."""
    if isinstance(parts[start], Phrase):
        return 1 if _key(_text(parts[start])) in speakers else 0
    for size in range(min(MAX_NAME_WORDS, len(parts) - start), 0, -1):
        words = parts[start : start + size]
        if (
            all(isinstance(w, Word) for w in words)
            and _key(" ".join(_text(w) for w in words)) in speakers
        ):
            return size
    return 0


def _candidates(fields: list[str], rest: list[str]) -> list[str]:
    """With the remaining words as one phrase first (when they are plain words), then apart."""
    head = " ".join(fields)
    if not rest:
        return [head]
    apart = f"{head} {' '.join(rest)}"
    if len(rest) > 1 and not any(word.startswith('"') for word in rest):
        return [f'{head} "{" ".join(rest)}"', apart]
    return [apart]
