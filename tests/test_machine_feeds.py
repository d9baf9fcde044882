"""Atom feeds, sitemap.xml and the OpenSearch description."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from machine_seeds import assert_queries_do_not_grow

from meetings.models import Meeting, Person, Subject
from meetings.views import sitemaps

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


def get_xml(client, url, content_type, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == content_type
    return ET.fromstring(response.content)


def atom(client, url, **params):
    return get_xml(client, url, "application/atom+xml; charset=utf-8", **params)


def test_meetings_feed_lists_newest_additions_first(client, seeds):
    newest = seeds[-1]
    Meeting.objects.filter(pk=newest.pk).update(imported_at="2099-01-01T00:00:00Z")
    feed = atom(client, reverse("machine:feed_meetings"))
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(seeds)
    assert entries[0].findtext(f"{ATOM}title") == newest.title
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert links == {f"http://testserver{m.get_absolute_url()}" for m in seeds}
    for entry in entries:
        assert entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")


def test_meetings_feed_query_count_does_not_grow(client, seed_paths, django_assert_max_num_queries):
    url = reverse("machine:feed_meetings")
    assert_queries_do_not_grow(client, url, seed_paths, django_assert_max_num_queries, 3)


def test_search_feed_has_one_entry_per_hit(client, indexed_seeds):
    feed = atom(client, reverse("machine:feed_search"), q="peace treaty")
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    assert "peace treaty" in feed.findtext(f"{ATOM}title")
    meeting_urls = {f"http://testserver{m.get_absolute_url()}" for m in indexed_seeds}
    for entry in entries:
        page_url, _, anchor = entry.find(f"{ATOM}link").get("href").partition("#")
        assert page_url in meeting_urls and anchor.startswith("s")
        assert "<mark>" in entry.findtext(f"{ATOM}summary")


def test_search_feed_of_a_bad_query_is_an_empty_feed(client, indexed_seeds):
    feed = atom(client, reverse("machine:feed_search"), q="peace", page="0")
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}subtitle")


def sitemap_locations(client) -> list[str]:
    """Every address the sitemap gives: its index, then each page of each section."""
    index = get_xml(client, reverse("machine:sitemap"), "application/xml")
    assert index.tag == f"{SITEMAP}sitemapindex"
    locations = []
    for page in index.iter(f"{SITEMAP}loc"):
        address = urlsplit(page.text)
        section = get_xml(client, address.path, "application/xml", **parse_qs(address.query))
        locations += [url.findtext(f"{SITEMAP}loc") for url in section.iter(f"{SITEMAP}url")]
    return locations


def record_paths() -> list[str]:
    paths = [reverse("meetings:home"), reverse("meetings:meeting_list")]
    paths += [m.get_absolute_url() for m in Meeting.objects.all()]
    paths += [p.get_absolute_url() for p in Person.objects.all()]
    paths += [s.get_absolute_url() for s in Subject.objects.all()]
    return paths


def test_sitemap_lists_every_meeting_person_and_subject(client, seeds):
    locations = sitemap_locations(client)
    assert Person.objects.exists() and Subject.objects.exists()
    assert sorted(locations) == sorted(f"http://testserver{path}" for path in record_paths())


def test_sitemap_sections_come_in_pages_of_at_most_the_limit(client, seeds, monkeypatch):
    monkeypatch.setattr(sitemaps.RecordSitemap, "limit", 2)
    index = get_xml(client, reverse("machine:sitemap"), "application/xml")
    meeting_pages = [
        loc.text for loc in index.iter(f"{SITEMAP}loc") if "/sitemap-meetings.xml" in loc.text
    ]
    assert len(meeting_pages) == 3  # five meetings, two a page
    for page in meeting_pages:
        address = urlsplit(page)
        urls = get_xml(client, address.path, "application/xml", **parse_qs(address.query))
        assert 1 <= len(urls.findall(f"{SITEMAP}url")) <= 2
    assert sorted(sitemap_locations(client)) == sorted(
        f"http://testserver{path}" for path in record_paths()
    )
    latest = max(m.updated_at for m in Meeting.objects.all())
    stamps = {
        entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod")
        for entry in index.iter(f"{SITEMAP}sitemap")
    }
    assert stamps[meeting_pages[0]].startswith(latest.date().isoformat())


def test_an_unknown_sitemap_section_or_page_is_not_found(client, seeds):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-meetings.xml", {"p": 9}).status_code == 404
    assert client.get("/sitemap-meetings.xml", {"p": "x"}).status_code == 404


def test_sitemap_query_count_does_not_grow(client, seed_paths, django_assert_max_num_queries):
    url = reverse("machine:sitemap")
    # The archive generation, then (once per generation) the sitemap's own queries.
    assert_queries_do_not_grow(client, url, seed_paths, django_assert_max_num_queries, 7)


def test_opensearch_points_at_search_page_and_feed(client):
    content_type = "application/opensearchdescription+xml; charset=utf-8"
    root = get_xml(client, reverse("machine:opensearch"), content_type)
    assert root.tag == f"{OPENSEARCH}OpenSearchDescription"
    assert len(root.findtext(f"{OPENSEARCH}ShortName")) <= 16
    templates = {url.get("type"): url.get("template") for url in root.iter(f"{OPENSEARCH}Url")}
    html = urlsplit(templates["text/html"])
    assert html.path == reverse("meetings:search")
    assert parse_qs(html.query) == {"q": ["{searchTerms}"]}
    feed = urlsplit(templates["application/atom+xml"])
    assert feed.path == reverse("machine:feed_search")
    assert parse_qs(feed.query) == {"q": ["{searchTerms}"]}
