"""Citation downloads of a meeting or of one statement: text, CSL-JSON, RIS, BibTeX."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from meetings.citations import CITATION_FORMATS, RENDERERS, citation_for
from meetings.models import Meeting, Statement


def citation_body(fmt: str, citation) -> str:
    rendered = RENDERERS[fmt](citation)
    if fmt == "csl":
        return json.dumps(rendered, ensure_ascii=False, indent=1)
    if fmt == "txt":
        return rendered + "\n"
    return rendered


def citation_response(fmt: str, citation, filename: str) -> HttpResponse:
    content_type, extension = CITATION_FORMATS[fmt]
    response = HttpResponse(
        citation_body(fmt, citation), content_type=f"{content_type}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


@require_safe
def meeting_citation(request, public_id: str, fmt: str):
    meeting = get_object_or_404(Meeting, public_id=public_id)
    url = request.build_absolute_uri(meeting.get_absolute_url())
    citation = citation_for(meeting, url, accessed=timezone.localdate())
    return citation_response(fmt, citation, public_id)


@require_safe
def statement_citation(request, public_id: str, order: str, fmt: str):
    statement = get_object_or_404(
        Statement.objects.select_related("meeting").prefetch_related("speakers"),
        meeting__public_id=public_id,
        order=int(order),
    )
    url = request.build_absolute_uri(statement.get_absolute_url())
    citation = citation_for(statement.meeting, url, timezone.localdate(), statement)
    return citation_response(fmt, citation, f"{public_id}-s{statement.order}")
