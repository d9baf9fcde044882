"""Atom feeds: newly added meetings, and any search."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from meetings.citations import ARCHIVE_NAME, INSTITUTION
from meetings.models import Meeting

from .searching import hit_statements, run_search

FEED_SIZE = 50


def meeting_description(meeting: Meeting) -> str:
    people = ", ".join(p.person.name for p in meeting.principal_list)
    parts = [
        meeting.date_start.isoformat() if meeting.date_start else "",
        meeting.location,
        people,
    ]
    return escape(" · ".join(part for part in parts if part))


class MeetingsFeed(Feed):
    feed_type = Atom1Feed
    title = f"{ARCHIVE_NAME}: newly added meetings"
    subtitle = f"Meeting summaries of the {INSTITUTION}, newest additions first."
    author_name = ARCHIVE_NAME

    def link(self):
        return reverse("machine:feed_meetings")

    def items(self):
        return Meeting.objects.for_list().order_by("-imported_at", "-id")[:FEED_SIZE]

    def item_title(self, meeting):
        return meeting.title

    def item_description(self, meeting):
        return meeting_description(meeting)

    def item_pubdate(self, meeting):
        return meeting.imported_at

    def item_updateddate(self, meeting):
        return meeting.updated_at


class SearchFeed(Feed):
    """Statements matching a search, in the order the search ranks them."""

    feed_type = Atom1Feed
    author_name = ARCHIVE_NAME

    def get_object(self, request):
        result = run_search(request.GET, max_per_page=settings.SEARCH_MAX_PER_PAGE)
        return {"result": result, "query_string": request.GET.urlencode()}

    def title(self, search):
        return f"{ARCHIVE_NAME}: search for “{search['result'].query}”"

    def subtitle(self, search):
        result = search["result"]
        return result.error or f"{result.total} matching statements"

    def link(self, search):
        return f"{reverse('meetings:search')}?{search['query_string']}"

    def feed_url(self, search):
        return f"{reverse('machine:feed_search')}?{search['query_string']}"

    def items(self, search):
        result = search["result"]
        if result.error:
            return []
        snippets = {hit.statement_id: hit.snippet for hit in result.hits}
        statements = hit_statements(result)
        for statement in statements:
            statement.snippet = snippets[statement.pk]
        return statements

    def item_title(self, statement):
        speakers = ", ".join(person.name for person in statement.speakers.all())
        return f"{speakers or 'Narrative'}: {statement.meeting.title}"

    def item_description(self, statement):
        return statement.snippet  # already escaped HTML with <mark>s

    def item_link(self, statement):
        return statement.get_absolute_url()

    def item_pubdate(self, statement):
        return statement.meeting.imported_at

    def item_updateddate(self, statement):
        return statement.meeting.updated_at
