"""CSV exports of the meetings list and of a search, bounded by EXPORT_MAX_ROWS."""

from __future__ import annotations

import csv

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from ..filters import MeetingFilter, SearchFilterForm
from ..models import Meeting
from .response_cache import cached_response
from .searching import hit_statements, run_search

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

MEETING_COLUMNS = (
    "public_id",
    "url",
    "title",
    "subtitle",
    "published",
    "date_start",
    "date_end",
    "meeting_type",
    "location",
    "venue",
    "occasion",
    "principals",
    "countries",
    "duration_minutes",
    "statements",
)
STATEMENT_COLUMNS = (
    "permalink",
    "meeting",
    "meeting_title",
    "date",
    "speakers",
    "section",
    "kind",
    "text",
)


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


# Longest file name stem made of filters; the rest is left out.
FILENAME_MAX = 120


def export_filename(kind: str, filters: list[tuple[str, object]], query: str = "") -> str:
    """`meetings-2004-country-russian-federation-2026-12-03.csv`: what the file holds, and when.

    `filters` are (name, value) pairs; a year stands alone, any other filter is
    named before its value. Only ASCII letters, digits and hyphens remain.
    """
    parts = [kind]
    if query:
        parts.append(slugify(query))
    for name, value in filters:
        parts.append(slugify(value) if name == "year" else slugify(f"{name} {value}"))
    stem = "-".join(part for part in parts if part)[:FILENAME_MAX].strip("-")
    return f"{stem}-{timezone.localdate().isoformat()}.csv"


def csv_response(filename: str, header, rows, truncated: bool) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte order mark: spreadsheet programs then read the file as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    if truncated:
        response["X-Export-Truncated"] = "true"
        limit = settings.EXPORT_MAX_ROWS
        writer.writerow([f"# Export truncated to the first {limit} rows; narrow the filters."])
    return response


def meeting_row(meeting, url: str) -> list:
    return [
        meeting.public_id,
        url,
        meeting.title,
        meeting.subtitle,
        meeting.published,
        meeting.date_start,
        meeting.date_end,
        meeting.meeting_type,
        meeting.location,
        meeting.venue,
        meeting.occasion,
        "; ".join(p.person.name for p in meeting.principal_list),
        "; ".join(meeting.countries),
        meeting.duration_minutes,
        meeting.statement_count,
    ]


@require_safe
def meetings_csv(request):
    # Kept per archive state: a year's meetings grow with the archive, the request does not.
    return cached_response(
        request,
        "meetings-csv",
        lambda: meetings_csv_made(request),
        sorted(request.GET.lists()),
        settings.EXPORT_MAX_ROWS,
        timezone.localdate(),  # the file name's date
    )


def meetings_csv_made(request) -> HttpResponse:
    limit = settings.EXPORT_MAX_ROWS
    # The list page's filters and sort, as on the page: a value not understood is ignored.
    filterset = MeetingFilter(request.GET or None, queryset=Meeting.objects.all())
    meetings = list(filterset.qs.for_list()[: limit + 1])
    rows = [
        meeting_row(meeting, request.build_absolute_uri(meeting.get_absolute_url()))
        for meeting in meetings[:limit]
    ]
    filters = [(f["name"], f["value"]) for f in filterset.active_list()]
    filename = export_filename("meetings", filters)
    return csv_response(filename, MEETING_COLUMNS, rows, len(meetings) > limit)


def search_filename(params) -> str:
    form = SearchFilterForm(params)
    filters = [(f["name"], f["value"]) for f in form.active_list()]
    return export_filename("search", filters, query=form.values().get("q", ""))


def statement_row(statement, url: str) -> list:
    topic = statement.topic
    return [
        url,
        statement.meeting.public_id,
        statement.meeting.title,
        statement.meeting.date_start,
        "; ".join(person.name for person in statement.speakers.all()),
        f"{topic.number} {topic.heading}" if topic else "",
        statement.kind,
        statement.text,
    ]


def all_hits(request, limit: int):
    """Every hit up to `limit`, walking the search's pages; the first page's result too."""
    per_page = settings.SEARCH_MAX_PER_PAGE
    first = run_search(request.GET, per_page, page=1, per_page=per_page)
    hits = list(first.hits)
    page = 1
    while not first.error and len(hits) < min(first.total, limit) and first.per_page:
        page += 1
        more = run_search(request.GET, per_page, page=page, per_page=per_page).hits
        if not more:
            break
        hits += more
    return first, hits


@require_safe
def search_csv(request):
    limit = settings.EXPORT_MAX_ROWS
    first, hits = all_hits(request, limit)
    first.hits = hits[:limit]
    if first.error:
        response = csv_response(
            search_filename(request.GET), STATEMENT_COLUMNS, [], truncated=False
        )
        csv.writer(response).writerow([f"# {first.error}"])
        return response
    rows = [
        statement_row(statement, request.build_absolute_uri(statement.get_absolute_url()))
        for statement in hit_statements(first)
    ]
    return csv_response(search_filename(request.GET), STATEMENT_COLUMNS, rows, first.total > limit)
