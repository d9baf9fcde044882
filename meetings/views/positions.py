"""Positions over time: a subject's or a search's statements by date, one column per side.

`/positions/?subject=<slug>` reads the subject's statements from the database,
every one of them; `/positions/?q=…` (with any of the search page's filters)
asks the search module for its matches, oldest first, up to SEARCH_LIMIT.
Both are paged by meeting, and drawn as statements per year per side.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from .. import search as search_module
from ..filters import SearchFilterForm
from ..models import Meeting, Statement, Subject
from ..sides import BOTH, COUNTERPART, HOME, HOME_COUNTRY, SIDES, Side, sides_of
from . import charts

MEETINGS_PER_PAGE = 20
SEARCH_LIMIT = 2000
LANDING_SUBJECTS = 24
# Without a query, these filters are read from the database directly: every statement counts.
DATABASE_FILTERS = {"subject", "year"}


def positions(request):
    form = SearchFilterForm(request.GET)
    query = form.values().get("q", "")
    filters = form.search_filters()
    active = form.active_list()
    context = {
        "query": query,
        "subject": form.values().get("subject"),
        "active_filters": active,
        "hidden_filters": [(f["name"], request.GET[f["name"]]) for f in active],
        "clear_url": reverse("meetings:positions")
        + (f"?{urlencode({'q': query})}" if query else ""),
        "problems": form.problems,
        "home_country": HOME_COUNTRY,
    }
    if not query and not filters:
        context["subjects"] = _most_discussed_subjects()
        return render(request, "meetings/positions.html", context)
    statements, found = _statements(query, filters)
    context.update(found)
    if statements is not None:
        context.update(_laid_out(statements, request.GET.get("page")))
    return render(request, "meetings/positions.html", context)


def _positions_url(**params) -> str:
    url = reverse("meetings:positions")
    return f"{url}?{urlencode(params)}" if params else url


def _statements(query: str, filters: dict):
    """(statements queryset or None, what to tell the reader about how they were found)."""
    if not query and "subject" in filters and set(filters) <= DATABASE_FILTERS:
        slug = filters["subject"]
        statements = Statement.objects.filter(
            Q(topic__subject__slug=slug) | Q(topic__parent__subject__slug=slug)
        )
        if "year" in filters:
            statements = statements.annotate(
                day=Coalesce("meeting__date_start", "meeting__published")
            ).filter(day__year=filters["year"])
        return statements, {}
    result = search_module.search(query, filters, sort="date", every_match=SEARCH_LIMIT)
    found = {"search_error": result.error, "search_notice": result.notice, "total": result.total}
    if result.error:
        return None, found
    found["capped"] = result.total > len(result.ids)
    return Statement.objects.filter(id__in=result.ids), found


def _laid_out(statements, page_number) -> dict:
    rows = list(  # (statement id, meeting id, day), in date order
        statements.annotate(day=Coalesce("meeting__date_start", "meeting__published"))
        .order_by(F("day").asc(nulls_last=True), "meeting_id", "order")
        .values_list("id", "meeting_id", "day")
    )
    sides = sides_of_rows(statements, rows)
    meeting_ids = list(dict.fromkeys(meeting_id for _, meeting_id, _ in rows))
    page = Paginator(meeting_ids, MEETINGS_PER_PAGE).get_page(page_number)
    counterparts = counterpart_countries(sides.values())
    return {
        "shown": len(rows),
        "page": page,
        "meetings": _meetings_on(page.object_list, rows, sides),
        "chart": charts.paired_bars(counts_by_year(rows, sides)),
        "table": table_rows(counts_by_year(rows, sides)),
        "undated": sum(1 for *_, day in rows if day is None),
        "counterparts": counterparts,
        "several_counterparts": len(counterparts) > 1,
    }


def sides_of_rows(statements, rows) -> dict[int, Side]:
    found = sides_of(statements)
    return {statement_id: found.get(statement_id, Side(BOTH)) for statement_id, *_ in rows}


def counts_by_year(rows, sides: dict[int, Side]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SIDES, 0))
    for statement_id, _, day in rows:
        if day is not None:
            counts[day.year][sides[statement_id].name] += 1
    return dict(counts)


def table_rows(counts: dict[int, dict[str, int]]) -> list[dict]:
    return [{"year": year, **counts[year]} for year in sorted(counts)]


def counterpart_countries(sides) -> list[str]:
    found = {c for side in sides if side.name == COUNTERPART for c in side.countries}
    return sorted(found)


def _meetings_on(meeting_ids: list[int], rows, sides: dict[int, Side]) -> list[dict]:
    """Each meeting of the page with its statements in three piles: home, counterpart, both."""
    wanted = set(meeting_ids)
    ids = [statement_id for statement_id, meeting_id, _ in rows if meeting_id in wanted]
    statements = Statement.objects.filter(id__in=ids).prefetch_related("speakers")
    meetings = Meeting.objects.in_bulk(meeting_ids)
    piles = {pk: {HOME: [], COUNTERPART: [], BOTH: []} for pk in wanted}
    for statement in sorted(statements, key=lambda s: s.order):
        statement.side = sides[statement.pk]
        piles[statement.meeting_id][statement.side.name].append(statement)
    laid = []
    for pk in meeting_ids:
        pile = piles[pk]
        countries = counterpart_countries(s.side for s in pile[COUNTERPART])
        laid.append(
            {
                "meeting": meetings[pk],
                "columns": [
                    (HOME, HOME_COUNTRY, pile[HOME]),
                    (COUNTERPART, ", ".join(countries) or "Counterpart", pile[COUNTERPART]),
                ],
                "both": pile[BOTH],
            }
        )
    return laid


def _most_discussed_subjects():
    return (
        Subject.objects.annotate(statement_count=Count("topics__statements"))
        .filter(statement_count__gt=0)
        .order_by("-statement_count", "name")[:LANDING_SUBJECTS]
    )
