"""Every page type takes as many SQL queries in a larger archive as in a small one
(issue 14, item 6): the seeds, then the seeds and a generated corpus ten times their
size. Counted twice at each size: the first request after a write (the cached
counts are counted afresh) and a later one (they come from the cache)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from machine_seeds import import_seeds

from devtools.corpus import write_corpus
from meetings import importer
from meetings.models import Meeting, Person, Statement, Subject

pytestmark = pytest.mark.django_db

CORPUS_MEETINGS = 80


def addresses() -> dict[str, str]:
    """One address per page type, chosen in the small archive and kept for the large."""
    meeting = Meeting.objects.order_by("date_start", "id").first()
    person = Person.objects.annotate(n=Count("statements")).order_by("-n", "id").first()
    subject = Subject.objects.annotate(n=Count("topics")).order_by("-n", "id").first()
    return {
        "home": "/",
        "meeting_list": "/meetings/",
        "meeting": meeting.get_absolute_url(),
        "people": "/people/",
        "people_by_meetings": "/people/?sort=-meetings&page=1",
        "person": person.get_absolute_url(),
        "subjects": "/subjects/",
        "subject": subject.get_absolute_url(),
        "positions": f"/positions/?subject={subject.slug}",
        "meetings_csv": f"/meetings.csv?year={meeting.date_start.year}",
        "feed": "/feeds/meetings.atom",
        "sitemap": "/sitemap.xml",
        "sitemap_meetings": "/sitemap-meetings.xml",
        "api": "/api/meetings/",
    }


def queries(client, url: str) -> tuple[int, int]:
    """(queries of the first request after the cache is emptied, of the next one)."""
    cache.clear()
    counted = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as done:
            assert client.get(url, secure=True).status_code == 200
        counted.append(len(done))
    return counted[0], counted[1]


def test_no_page_takes_more_queries_in_a_larger_archive(client, seed_paths, tmp_path):
    import_seeds(seed_paths)
    urls = addresses()
    small = {name: queries(client, url) for name, url in urls.items()}
    statements = Statement.objects.count()
    write_corpus(CORPUS_MEETINGS, tmp_path, seed=3, expected=False)
    assert not importer.import_paths(sorted(tmp_path.glob("*.txt"))).errors
    assert Statement.objects.count() > 10 * statements
    large = {name: queries(client, url) for name, url in urls.items()}
    assert large == small
    for name, (first, later) in small.items():
        assert later <= first, name  # a cached page never costs more than a counted one
