"""Search parameters from a query string, shared by the search feed, API and CSV.

They read the same parameters as the /search/ page, through its form
(meetings.filters.SearchFilterForm): `q`, the filters, `sort`, `page`; a
malformed filter value is ignored there and here alike.
"""

from __future__ import annotations

from django.http import QueryDict

from meetings import search as search_engine
from meetings.filters import SearchFilterForm
from meetings.models import Statement
from meetings.search import SearchResult
from meetings.search.errors import SearchError

DEFAULT_PER_PAGE = 20


def positive_int(text: str | None, default: int) -> int | None:
    """`text` as a whole number >= 1, `default` when absent, None when unusable."""
    if text in (None, ""):
        return default
    return int(text) if text.isdigit() and int(text) >= 1 else None


def run_search(
    params: QueryDict, max_per_page: int, page: int | None = None, per_page: int | None = None
) -> SearchResult:
    """Search as `params` ask; `page`/`per_page` given here override theirs (exports)."""
    form = SearchFilterForm(params)
    query = params.get("q", "")
    page = page or positive_int(params.get("page"), 1)
    per_page = per_page or positive_int(params.get("per_page"), DEFAULT_PER_PAGE)
    if page is None or per_page is None:
        return SearchResult(query=query, error="page and per_page must be whole numbers from 1")
    try:
        result = search_engine.search(
            query,
            filters=form.search_filters(),
            page=page,
            per_page=min(per_page, max_per_page),
            sort=form.values().get("sort") or "relevance",
        )
    except SearchError as error:  # e.g. the index is busy or missing: say so, don't fail
        return SearchResult(query=query, error=str(error))
    if per_page > max_per_page:  # capped here, so search() could not say so
        result.add_notice(f"at most {max_per_page} results per page")
    for problem in form.problems:
        result.add_notice(problem)
    return result


def search_json(result: SearchResult) -> dict:
    """The command-line contract's object for `result` (see meetings/search/serialize.py)."""
    from meetings.search.serialize import result_json

    return result_json(result)


def hit_statements(result: SearchResult) -> list[Statement]:
    """The hits' statements in rank order, loaded in one go."""
    rows = Statement.objects.for_display().in_bulk(result.ids)
    return [rows[statement_id] for statement_id in result.ids if statement_id in rows]
