"""Positions over time: a subject's or a search's statements by date, one column per side.

`/positions/?subject=<slug>` reads the subject's statements from the database,
every one of them; `/positions/?q=…` (with any of the search page's filters)
asks the search module for its matches, oldest first, up to SEARCH_LIMIT.
Both are paged by meeting, and drawn as statements per year per side.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from .. import search as search_module
from ..archive_cache import cached
from ..filters import SearchFilterForm
from ..models import Meeting, Statement, Subject, Topic
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
        "clear_url": _positions_url(q=query) if query else _positions_url(),
        "problems": form.problems,
        "home_country": HOME_COUNTRY,
    }
    if not query and not filters:
        context["subjects"] = cached("positions_landing", _most_discussed_subjects)
        return render(request, "meetings/positions.html", context)
    summary, found, page_sides = _summary_of(query, filters)
    context.update(found)
    if summary is not None:
        context.update(_laid_out(summary, request.GET.get("page"), page_sides))
    return render(request, "meetings/positions.html", context)


def _positions_url(**params) -> str:
    url = reverse("meetings:positions")
    return f"{url}?{urlencode(params)}" if params else url


def _summary_of(query: str, filters: dict):
    """(what the page draws from every statement found, or None; what to tell the
    reader about how they were found; how to get the sides of a page's statements,
    given the page's meeting ids and its number)."""
    if not query and "subject" in filters and set(filters) <= DATABASE_FILTERS:
        key = (filters["subject"], filters.get("year"))
        summary = cached("positions_summary", lambda: _subject_summary(filters), key)

        def page_sides(meeting_ids, number):
            return cached(
                "positions_page_sides",
                lambda: sides_of(_on_subject(meeting_ids, filters["subject"])),
                key,
                number,
            )

        return summary, {}, page_sides
    result = search_module.search(query, filters, sort="date", every_match=SEARCH_LIMIT)
    found = {"search_error": result.error, "search_notice": result.notice, "total": result.total}
    if result.error:
        return None, found, None
    found["capped"] = result.total > len(result.ids)
    rows = dated_rows(Statement.objects.filter(id__in=result.ids))
    sides = rows_sides(rows)  # worked out once, for the counts and for the page

    def page_sides(meeting_ids, _number):
        on_page = set(meeting_ids)
        return {pk: sides[pk] for pk, meeting_id, _ in rows if meeting_id in on_page}

    return summarised(rows, sides), found, page_sides


def _subject_summary(filters: dict) -> dict:
    """The subject's summary. A page reads its own statements (`_on_subject`), so
    what every request unpickles is the subject's meeting ids, not every statement's."""
    return summarised(_subject_rows(topic_ids(filters["subject"]), filters.get("year")))


def _on_subject(meeting_ids: list[int], subject_slug: str) -> dict[int, int]:
    """{statement id: meeting id} of these meetings' statements on the subject."""
    statements = Statement.objects.filter(topic_id__in=topic_ids(subject_slug, meeting_ids))
    return dict(statements.order_by().values_list("id", "meeting_id"))


def _subject_rows(topics: list[int], year: int | None) -> list[tuple[int, int, date | None]]:
    rows = dated_rows(Statement.objects.filter(topic_id__in=topics))
    if year is not None:
        rows = [row for row in rows if row[2] and row[2].year == year]
    return rows


def dated_rows(statements) -> list[tuple[int, int, date | None]]:
    """(statement id, meeting id, meeting day) in date order, undated meetings last.

    The day is the meeting's first day, else its published date, as search's years are.
    """
    found = list(statements.order_by().values_list("id", "meeting_id", "order"))
    meeting_ids = sorted({meeting_id for _, meeting_id, _ in found})
    days = {
        pk: start or published
        for pk, start, published in Meeting.objects.filter(pk__in=meeting_ids)
        .order_by()
        .values_list("pk", "date_start", "published")
    }
    found.sort(key=lambda row: (days[row[1]] is None, days[row[1]] or date.min, row[1], row[2]))
    return [(statement_id, meeting_id, days[meeting_id]) for statement_id, meeting_id, _ in found]


def topic_ids(subject_slug: str, meeting_ids: list[int] | None = None) -> list[int]:
    """The topics on the subject and their sub-sections, of these meetings when given
    (two plain queries, no OR of joins)."""
    topics = (
        Topic.objects.all()
        if meeting_ids is None
        else Topic.objects.filter(meeting_id__in=meeting_ids)
    )
    direct = list(topics.filter(subject__slug=subject_slug).values_list("pk", flat=True))
    children = topics.filter(parent_id__in=direct).values_list("pk", flat=True)
    return direct + list(children)


def rows_sides(rows) -> dict[int, Side]:
    return sides_of({statement_id: meeting_id for statement_id, meeting_id, _ in rows})


def summarised(rows, sides: dict[int, Side] | None = None) -> dict:
    """What the page needs of every row, so that a page of a long subject, read from
    the cache, costs no more than a page of a short one: the meetings' ids in order
    and the counts per year and side."""
    sides = rows_sides(rows) if sides is None else sides
    return {
        "meeting_ids": list(dict.fromkeys(meeting_id for _, meeting_id, _ in rows)),
        "counts": counts_by_year(rows, sides),
        "shown": len(rows),
        "undated": sum(1 for *_, day in rows if day is None),
        "counterparts": counterpart_countries(sides.values()),
    }


def _laid_out(summary: dict, page_number, page_sides) -> dict:
    page = Paginator(summary["meeting_ids"], MEETINGS_PER_PAGE).get_page(page_number)
    sides = page_sides(list(page.object_list), page.number)
    counterparts = summary["counterparts"]
    return {
        "shown": summary["shown"],
        "page": page,
        "meetings": _meetings_on(page.object_list, sides),
        "chart": charts.paired_bars(summary["counts"]),
        "table": table_rows(summary["counts"]),
        "undated": summary["undated"],
        "counterparts": counterparts,
        "several_counterparts": len(counterparts) > 1,
    }


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


def _meetings_on(meeting_ids: list[int], sides: dict[int, Side]) -> list[dict]:
    """Each meeting of the page with its statements (`sides`' keys) in three piles:
    home, counterpart, both."""
    statements = Statement.objects.filter(id__in=list(sides)).prefetch_related("speakers")
    meetings = Meeting.objects.in_bulk(meeting_ids)
    piles = {pk: {HOME: [], COUNTERPART: [], BOTH: []} for pk in meeting_ids}
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


def _most_discussed_subjects() -> list[Subject]:
    """The subjects with most statements (their topics' own, sub-sections apart)."""
    subject_of = dict(Topic.objects.filter(subject__isnull=False).values_list("pk", "subject_id"))
    per_topic = (
        Statement.objects.filter(topic__isnull=False)
        .values_list("topic_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: Counter[int] = Counter()
    for topic_id, n in per_topic:
        if topic_id in subject_of:
            counts[subject_of[topic_id]] += n
    subjects = Subject.objects.in_bulk(list(counts))
    ranked = sorted(counts, key=lambda pk: (-counts[pk], subjects[pk].name))[:LANDING_SUBJECTS]
    for pk in ranked:
        subjects[pk].statement_count = counts[pk]
    return [subjects[pk] for pk in ranked]
