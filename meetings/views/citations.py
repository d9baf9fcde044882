"""Citation downloads of one meeting: CSL-JSON, RIS, BibTeX."""

from __future__ import annotations

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe

from meetings.citations import CITATION_FORMATS, RENDERERS, citation_for
from meetings.models import Meeting


def citation_body(fmt: str, citation) -> str:
    rendered = RENDERERS[fmt](citation)
    if fmt == "csl":
        return json.dumps(rendered, ensure_ascii=False, indent=1)
    return rendered


@require_safe
def meeting_citation(request, public_id: str, fmt: str):
    meeting = get_object_or_404(Meeting, public_id=public_id)
    url = request.build_absolute_uri(meeting.get_absolute_url())
    citation = citation_for(meeting, url, accessed=timezone.localdate())
    content_type, extension = CITATION_FORMATS[fmt]
    response = HttpResponse(
        citation_body(fmt, citation), content_type=f"{content_type}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{public_id}.{extension}"'
    return response
