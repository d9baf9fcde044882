"""The read-only JSON API: meetings, one meeting's full record, search, suggestions."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from meetings.models import Meeting

from .counts import meetings_paginator
from .records import meeting_filter, meeting_for_record, meeting_record, meeting_summary
from .searching import run_search, search_json
from .suggest import suggestions

API_PAGE_SIZE = 50


def json_response(data, status: int = 200, filename: str | None = None) -> JsonResponse:
    # Keys keep their insertion order; non-ASCII text stays readable.
    response = JsonResponse(
        data, status=status, safe=False, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_error(message: str, status: int) -> JsonResponse:
    return json_response({"error": message}, status=status)


def page_link(request, number: int | None) -> str | None:
    if number is None:
        return None
    params = request.GET.copy()
    params["page"] = number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@require_safe
def api_meetings(request):
    filterset = meeting_filter(request.GET)
    paginator = meetings_paginator(filterset, filterset.qs.for_list(), API_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return json_error("page must be a whole number", 400)
    except EmptyPage:
        return json_error(f"no such page (there are {paginator.num_pages})", 404)
    return json_response(
        {
            "count": paginator.count,
            "page": page.number,
            "pages": paginator.num_pages,
            "per_page": API_PAGE_SIZE,
            "next": page_link(request, page.next_page_number() if page.has_next() else None),
            "previous": page_link(
                request, page.previous_page_number() if page.has_previous() else None
            ),
            "results": [
                meeting_summary(meeting, request.build_absolute_uri(meeting.get_absolute_url()))
                for meeting in page
            ],
        }
    )


def record_response(request, public_id: str, filename: str | None = None):
    try:
        meeting = meeting_for_record(public_id)
    except Meeting.DoesNotExist:
        return json_error(f"no meeting with public id {public_id!r}", 404)
    record = meeting_record(meeting, request.build_absolute_uri(meeting.get_absolute_url()))
    record["api_url"] = request.build_absolute_uri(
        reverse("machine:api_meeting", args=[meeting.public_id])
    )
    return json_response(record, filename=filename)


@require_safe
def api_meeting(request, public_id: str):
    return record_response(request, public_id)


@require_safe
def meeting_json(request, public_id: str):
    return record_response(request, public_id, filename=f"{public_id}.json")


@require_safe
def api_search(request):
    per_page = settings.SEARCH_MAX_PER_PAGE
    return json_response(search_json(run_search(request.GET, max_per_page=per_page)))


@require_safe
def api_suggest(request):
    """People and subjects for what is typed in a search box (static/js/suggest.js)."""
    response = json_response(suggestions(request.GET.get("q", "")))
    response["Cache-Control"] = "max-age=60"
    return response
