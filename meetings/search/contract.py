"""What a search backend is: the functions search/__init__.py calls, and what they take and give.

Each backend is a package (`whoosh/`, `postgres/`) whose top level has these
functions; `backend()` returns it typed as SearchBackend, and
tests/search/test_contract.py checks that both packages have every function
with these parameters. The query arrives parsed (query.ParsedQuery, one tree
for both backends) with its filters normalised (Filters); the answer is Found.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .query import ParsedQuery, Range

ONLY_COMMON_WORDS = "the query has only very common words, which are not searched"


@dataclass(frozen=True)
class Filters:
    """The search filters in one form: facet values to have, ranges to fall in."""

    facets: dict[str, list[str]] = field(default_factory=dict)  # name -> values (all required)
    ranges: list[Range] = field(default_factory=list)  # on "year" or "date" (ordinals)


@dataclass(frozen=True)
class Found:
    """One page of matches, best (or first by date) first, and counts over every match."""

    ids: list[int]  # statement ids of the page
    scores: list[float]  # one per id; 0.0 when sorted by date
    total: int  # every match, not only the page
    facets: dict[str, dict[str, int]]  # facet name -> {value: matches}
    notices: list[str] = field(default_factory=list)  # what a reader should know

    def copy(self) -> Found:
        """A copy its caller may change without changing this one (a kept result)."""
        return Found(
            ids=list(self.ids),
            scores=list(self.scores),
            total=self.total,
            facets={name: dict(counts) for name, counts in self.facets.items()},
            notices=list(self.notices),
        )

    @classmethod
    def nothing(cls, notice: str | None = None) -> Found:
        return cls(ids=[], scores=[], total=0, facets={}, notices=[notice] if notice else [])


@runtime_checkable
class SearchBackend(Protocol):
    """The functions each backend package has at its top level."""

    def run_search(
        self, parsed: ParsedQuery, filters: Filters, page: int, per_page: int, sort: str
    ) -> Found:
        """Page `page` of the matches in `sort` order ("relevance", "date", "-date")."""

    def snippets(self, texts: dict[int, str], parsed: ParsedQuery) -> dict[int, str]:
        """{statement id: escaped text with <mark> around the words the query matched}."""

    def corrections(self, words: list[str]) -> dict[str, str]:
        """{word the index lacks: the likeliest word it has} ("did you mean")."""

    def known_words(self, words: Iterable[str]) -> set[str]:
        """The words every part of which some indexed statement has."""

    def related(self, statement_id: int, text: str, limit: int) -> list[int]:
        """Statements most like `text` (more like this), best first, itself left out."""

    def sync_statements(self, ids: Iterable[int]) -> int:
        """Make the index match the database for these statements; how many are indexed."""

    def sync_meetings(self, meeting_ids: Iterable[int]) -> int:
        """Re-index every statement of these meetings; how many are indexed."""

    def remove_statements(self, ids: Iterable[int]) -> None: ...

    def remove_meetings(self, meeting_ids: Iterable[int]) -> None: ...

    def rebuild(self, on_batch: Callable[[int, int], None] | None = None) -> int:
        """Index every statement afresh (on_batch(done, total) as it goes); how many."""

    def indexed_hashes(self) -> dict[int, str]:
        """{statement id: content hash} as the index holds them (for check())."""

    def count(self) -> int:
        """How many statements the index holds."""
