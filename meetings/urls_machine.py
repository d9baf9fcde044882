"""Machine access: feeds, sitemap, OpenSearch, JSON API, CSV exports, citations."""

from django.urls import path, re_path

from meetings.views import api, citations, exports, feeds, opensearch
from meetings.views.sitemaps import sitemap_index, sitemap_section

app_name = "machine"

urlpatterns = [
    path("feeds/meetings.atom", feeds.MeetingsFeed(), name="feed_meetings"),
    path("feeds/search.atom", feeds.SearchFeed(), name="feed_search"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path("opensearch.xml", opensearch.opensearch, name="opensearch"),
    path("api/meetings/", api.api_meetings, name="api_meetings"),
    path("api/meetings/<slug:public_id>/", api.api_meeting, name="api_meeting"),
    path("api/search/", api.api_search, name="api_search"),
    path("api/suggest/", api.api_suggest, name="api_suggest"),
    path("meetings/<slug:public_id>.json", api.meeting_json, name="meeting_json"),
    re_path(
        r"^meetings/(?P<public_id>[-a-zA-Z0-9_]+)/cite\.(?P<fmt>txt|csl|ris|bibtex)$",
        citations.meeting_citation,
        name="meeting_citation",
    ),
    re_path(
        r"^meetings/(?P<public_id>[-a-zA-Z0-9_]+)/s(?P<order>[0-9]{1,9})"
        r"/cite\.(?P<fmt>txt|csl|ris|bibtex)$",
        citations.statement_citation,
        name="statement_citation",
    ),
    path("meetings.csv", exports.meetings_csv, name="meetings_csv"),
    path("search.csv", exports.search_csv, name="search_csv"),
]
