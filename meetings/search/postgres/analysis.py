"""Text as PostgreSQL indexes it, and tsqueries written from it.

Text is folded and split into words in Python first (`words_of`, accents off
as in the Whoosh backend, no `unaccent` needed) and only then stemmed by
PostgreSQL, so markup-like text such as `<script>` is words, not a tag
PostgreSQL would skip. Query words take the same road (`analyse`), and the
tsquery is written from their lexemes, so a word of only stop words drops out
exactly as in Whoosh.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from django.contrib.postgres.search import SearchQuery
from django.db import connection

from ..query import MIN_WORD_LENGTH, STOP_WORDS, fold

CONFIG = "archive_search"  # english Porter stems, no stop words: migration 0003
WORD = re.compile(r"[^\W_]+")


def words_of(text: str) -> list[str]:
    """Folded words, the units both the index and the queries hand to PostgreSQL."""
    return WORD.findall(fold(text))


def prepared(text: str) -> str:
    return " ".join(words_of(text))


@dataclass(frozen=True)
class Lexeme:
    position: int
    text: str
    searchable: bool  # False for stop words and one-letter words, searched only in phrases


def analyse(texts: Iterable[str]) -> dict[str, list[Lexeme]]:
    """{text: its lexemes in order} as the body column has them, one round trip for all."""
    words = {text: words_of(text) for text in set(texts)}
    unique = sorted({" ".join(found) for found in words.values() if found})
    by_form: dict[str, list[tuple[int, str]]] = {form: [] for form in unique}
    if unique:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT given.t, v.lexeme, v.positions "
                "FROM unnest(%s::text[]) AS given(t) "
                "CROSS JOIN LATERAL unnest(to_tsvector(%s::regconfig, given.t)) AS v",
                [unique, CONFIG],
            )
            for form, lexeme, positions in cursor.fetchall():
                by_form[form].extend((position, lexeme) for position in positions or [1])
    result = {}
    for text, found in words.items():
        searchable = {
            index + 1
            for index, word in enumerate(found)
            if word not in STOP_WORDS and len(word) >= MIN_WORD_LENGTH
        }
        result[text] = [
            Lexeme(position, lexeme, position in searchable)
            for position, lexeme in sorted(by_form.get(" ".join(found), []))
        ]
    return result


def quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _phrase(lexemes: list[Lexeme]) -> str:
    parts = [quoted(lexemes[0].text)]
    for before, after in pairwise(lexemes):
        gap = after.position - before.position
        parts.append("&" if gap == 0 else "<->" if gap == 1 else f"<{gap}>")
        parts.append(quoted(after.text))
    return "(" + " ".join(parts) + ")" if len(parts) > 1 else parts[0]


def word_tsquery(lexemes: list[Lexeme]) -> str | None:
    """A typed word as Whoosh reads it: its one searchable stem, or if it has several
    (six-party) the phrase of all its parts; None for a stop word."""
    searchable = [lexeme for lexeme in lexemes if lexeme.searchable]
    if not searchable:
        return None
    return _phrase(lexemes) if len(searchable) > 1 else quoted(searchable[0].text)


def phrase_tsquery(lexemes: list[Lexeme]) -> str | None:
    """A quoted phrase: every word in its place, stop words too."""
    return _phrase(lexemes) if len(lexemes) > 1 else word_tsquery(lexemes)


def searchable_stems(lexemes: list[Lexeme]) -> list[str]:
    return [lexeme.text for lexeme in lexemes if lexeme.searchable]


class TsQuery(SearchQuery):
    """A tsquery written by us from analysed lexemes, not re-parsed by to_tsquery."""

    def __init__(self, literal: str):
        super().__init__("")
        self.literal = literal

    def as_sql(self, compiler, connection, **kwargs):
        return "%s::tsquery", [self.literal]


def all_of(tokens: list[str]) -> TsQuery | None:
    return TsQuery(" & ".join(quoted(token) for token in tokens)) if tokens else None
