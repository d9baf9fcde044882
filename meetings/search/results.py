"""What a search returns: statement ids and the little needed to show them.

Views load the Statement rows for `ids` from the ORM in one query; the JSON
form (`as_json`) is the command-line and API contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fields import FACET_NAMES


@dataclass
class Hit:
    statement_id: int
    score: float
    snippet: str  # safe HTML: escaped text with <mark> around matched terms


@dataclass
class PersonFound:
    """A person the query names (search/people.py), for the box above the results."""

    slug: str
    name: str
    typed: str  # the words of the query that named them
    fuzzy: bool  # read as the closest known name
    statements: int
    meetings: int
    also_written: list[str] = field(default_factory=list)
    notice: str | None = None  # the notice about them, which the box shows in its own words


@dataclass
class SearchResult:
    query: str
    total: int = 0
    page: int = 1
    per_page: int = 20
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(
        default_factory=lambda: {name: {} for name in FACET_NAMES}
    )
    suggestion: str | None = None
    people: list[PersonFound] = field(default_factory=list)
    hint: str | None = (
        None  # the query in field syntax, e.g. 'speaker:putin year:2004 "peace treaty"'
    )
    understood: str | None = None  # how the query was read: "statements containing …"
    error: str | None = None
    notice: str | None = None  # the notices in one line, e.g. "query shortened to 500 characters"
    notices: list[str] = field(default_factory=list)  # every bound hit, every repair made
    sort: str = "relevance"

    def add_notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)
        self.notice = "; ".join(self.notices)

    @property
    def ids(self) -> list[int]:
        return [hit.statement_id for hit in self.hits]
