"""The OpenSearch description, so browsers can add the archive as a search engine."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from meetings.citations import ARCHIVE_NAME, INSTITUTION


@require_safe
def opensearch(request):
    absolute = request.build_absolute_uri
    context = {
        "short_name": "Meetings Archive",  # OpenSearch allows at most 16 characters
        "description": f"Search the {ARCHIVE_NAME}: meeting summaries of the {INSTITUTION}",
        "search_page": absolute(reverse("meetings:search")),
        "search_feed": absolute(reverse("machine:feed_search")),
        "self_url": absolute(reverse("machine:opensearch")),
    }
    return render(
        request,
        "opensearch.xml",
        context,
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
