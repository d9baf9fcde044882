"""One search: rows matched, ranked by ts_rank, paged; totals and facets in one pass."""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.contrib.postgres.search import SearchRank
from django.db import connection, transaction
from django.db.models import F
from django.db.utils import OperationalError

from meetings.archive_cache import cached, search_generation

from .. import fields
from ..contract import ONLY_COMMON_WORDS, Filters, Found
from ..query import ParsedQuery
from .models import SearchDocument
from .translate import Translator, filter_condition


def run_search(parsed: ParsedQuery, filters: Filters, page: int, per_page: int, sort: str) -> Found:
    """Page `page` of the matches and the facet counts over all of them, kept (in Django's
    cache) until the search tables change: counting costs what the query matches, which
    grows with the archive. SEARCH_RESULTS_KEPT = 0 keeps none; a search stopped by the
    time limit is never kept."""
    if not settings.SEARCH_RESULTS_KEPT:
        return _search(parsed, filters, page, per_page, sort)
    found = cached(
        "postgres_search",
        lambda: _search(parsed, filters, page, per_page, sort),
        repr((parsed.tree, filters, page, per_page, sort)),
        token=search_generation(),
        keep=lambda result: not result.notices,
    )
    return found.copy()


def _search(parsed: ParsedQuery, filters: Filters, page: int, per_page: int, sort: str) -> Found:
    translator = Translator(parsed)
    condition = translator.translate(parsed.tree)
    if condition is None:
        return Found.nothing(ONLY_COMMON_WORDS)
    matched = SearchDocument.objects.filter(condition & filter_condition(filters))
    try:
        with time_limit():
            rows = _page(matched, translator.ranking_query(), page, per_page, sort)
            total, facets = totals_and_facets(matched)
    except OperationalError:
        notice = (
            f"the search took longer than {settings.SEARCH_TIME_LIMIT_S:g} s and was "
            "stopped; try fewer or more specific words"
        )
        return Found.nothing(notice)
    return Found(
        ids=[row[0] for row in rows],
        scores=[float(row[1] or 0) for row in rows],
        total=total,
        facets=facets,
    )


@contextmanager
def time_limit():
    """SEARCH_TIME_LIMIT_S for the queries inside, then the timeout the connection had."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        before = cursor.fetchone()[0]
        limit = f"{int(settings.SEARCH_TIME_LIMIT_S * 1000)}ms"
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [limit])
        yield
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])


def _page(matched, rank_query, page: int, per_page: int, sort: str):
    start, end = (page - 1) * per_page, page * per_page
    if sort == "relevance" and rank_query is not None:
        ranked = matched.annotate(rank=SearchRank(F("body"), rank_query))
        ordered = ranked.order_by("-rank", "statement_id")
        return list(ordered.values_list("statement_id", "rank")[start:end])
    ordering = (
        ("date_ordinal", "statement_id") if sort == "date" else ("-date_ordinal", "-statement_id")
    )
    rows = matched.order_by(*ordering).values_list("statement_id", flat=True)[start:end]
    return [(statement_id, 0.0) for statement_id in rows]


def _facets_sql() -> str:
    """One pass over the matches: their number, then each facet's values counted."""
    parts = ["SELECT 'total', '', count(*) FROM matched"]
    for spec in fields.FACETS:
        name, column = spec.name, spec.postgres_column
        if spec.many:
            parts.append(
                f"SELECT '{name}', value, count(*) FROM matched "
                f"CROSS JOIN LATERAL unnest(matched.{column}) AS value GROUP BY value"
            )
        elif spec.kind == fields.RANGE:  # the year: zero means unknown
            parts.append(
                f"SELECT '{name}', {column}::text, count(*) FROM matched "
                f"WHERE {column} > 0 GROUP BY {column}"
            )
        else:
            parts.append(f"SELECT '{name}', {column}, count(*) FROM matched GROUP BY {column}")
    return "WITH matched AS MATERIALIZED ({matched})\n" + "\nUNION ALL ".join(parts)


FACETS_SQL = _facets_sql()  # from constants only: no value of a request in it


def totals_and_facets(matched) -> tuple[int, dict[str, dict[str, int]]]:
    """The number of matches and every facet's counts, in one pass over the matches."""
    columns = matched.order_by().values(*(spec.postgres_column for spec in fields.FACETS))
    inner, params = columns.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(FACETS_SQL.format(matched=inner), params)
        rows = cursor.fetchall()
    total = 0
    counts: dict[str, list[tuple[str, int]]] = {}
    for name, value, n in rows:
        if name == "total":
            total = n
        else:
            counts.setdefault(name, []).append((value, n))
    facets = {
        spec.name: dict(
            sorted(
                counts.get(spec.name, []),
                key=_year_order if spec.kind == fields.RANGE else _most_first,
            )
        )
        for spec in fields.FACETS
    }
    return total, facets


def _most_first(row) -> tuple:
    return (-row[1], row[0])


def _year_order(row) -> int:
    return int(row[0])
