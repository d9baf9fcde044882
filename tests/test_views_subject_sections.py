"""A subject's page on a long subject: paged, filtered by side and year, with counts
(issue 12, finding 10). The seeds and a generated corpus, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Count
from django.test.utils import override_settings
from machine_seeds import import_seeds

from devtools.corpus import write_corpus
from meetings.models import Participant, Statement, Subject, Topic
from meetings.views.pages import SECTIONS_PER_PAGE

pytestmark = pytest.mark.django_db

CORPUS_MEETINGS = 100
SIDE_OF = {(True, False): "japan", (False, True): "counterpart", (True, True): "both"}


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, seed_paths, tmp_path_factory):
    """Imported once for the module (each test's own changes are rolled back), emptied after."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(CORPUS_MEETINGS, folder, seed=12, expected=False)
    index_dir = tmp_path_factory.mktemp("index")
    with (
        django_db_blocker.unblock(),
        override_settings(SEARCH_AUTO_INDEX=False, SEARCH_INDEX_DIR=index_dir),
    ):
        import_seeds([*seed_paths, folder])
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def longest(archive) -> Subject:
    """The subject with the most sections: more than one page of them."""
    subject = Subject.objects.annotate(n=Count("topics")).order_by("-n", "slug").first()
    assert subject.n > SECTIONS_PER_PAGE
    return subject


def get(client, subject, **params) -> str:
    response = client.get(subject.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode("utf-8")


def shown_statements(html: str) -> list[Statement]:
    """The statements the page lists, found from their ids ("<topic pk>-s<order>")."""
    found = re.findall(r'<div class="statement" id="(\d+)-s(\d+)">', html)
    meetings = dict(Topic.objects.values_list("pk", "meeting_id"))
    return [
        Statement.objects.get(meeting_id=meetings[int(topic)], order=int(order))
        for topic, order in found
    ]


def shown_topics(html: str) -> list[int]:
    return [
        int(pk) for pk in re.findall(r'<section class="subject-section" [^>]*"section-(\d+)"', html)
    ]


def side_of(statement: Statement) -> str | None:
    """Worked out here from the rows, not by the queryset the page uses."""
    countries = set(
        Participant.objects.filter(
            meeting=statement.meeting, person__in=statement.speakers.all()
        ).values_list("country", flat=True)
    )
    home = "Japan" in countries
    return SIDE_OF.get((home, bool(countries - {"Japan", ""})))


def subject_statements(subject) -> list[Statement]:
    return list(
        Statement.objects.filter(topic__subject=subject)
        | Statement.objects.filter(topic__parent__subject=subject)
    )


def facet_counts(html: str, name: str) -> dict[str, int]:
    section = re.search(rf'data-facet="{name}".*?</section>', html, re.S).group()
    pairs = re.findall(r'>([^<>]+?) <span class="count">(\d+)</span>', section)
    return {label.strip(): int(count) for label, count in pairs}


def test_a_long_subject_is_paged_in_date_order(client, longest):
    topics = list(
        Topic.objects.filter(subject=longest).order_by("meeting__date_start", "meeting_id", "order")
    )
    pages = -(-len(topics) // SECTIONS_PER_PAGE)
    seen = []
    for number in range(1, pages + 1):
        html = get(client, longest, page=number)
        on_page = shown_topics(html)
        assert len(on_page) == min(SECTIONS_PER_PAGE, len(topics) - len(seen))
        seen += on_page
        assert f"Page {number} of {pages}" in html
    assert seen == [t.pk for t in topics]
    html = get(client, longest)
    assert f"{len(subject_statements(longest))} statements in {len(topics)} sections" in html


@pytest.mark.parametrize("side", ["japan", "counterpart", "both"])
def test_the_side_filter_keeps_that_sides_statements_and_counts_them(client, longest, side):
    everything = subject_statements(longest)
    sides = Counter(side_of(statement) for statement in everything)
    assert sides["japan"] and sides["counterpart"] and sides["both"]

    html = get(client, longest, side=side)
    assert facet_counts(html, "side") == {
        "Japan": sides["japan"],
        "Counterpart": sides["counterpart"],
        "Both sides": sides["both"],
    }
    assert f"{sides[side]} statement" in html
    pages = re.search(r"Page 1 of (\d+)", html)
    listed = []
    for number in range(1, int(pages.group(1)) + 1 if pages else 2):
        listed += shown_statements(get(client, longest, side=side, page=number))
    assert all(side_of(statement) == side for statement in listed)
    assert len(listed) == sides[side]  # every one of them, each once, over the pages
    # Sections with nothing from that side are left out: each one shown lists a statement.
    html = get(client, longest, side=side)
    for topic in shown_topics(html):
        section = re.search(rf'"section-{topic}".*?</section>', html, re.S).group()
        assert 'class="statement"' in section
    assert f'href="{longest.get_absolute_url()}"' in html  # the chip that removes it


def test_the_year_filter_keeps_that_years_sections_with_counts_per_year_and_side(client, longest):
    everything = subject_statements(longest)
    by_year = Counter(s.meeting.date_start.year for s in everything if s.meeting.date_start)
    year, count = by_year.most_common(1)[0]

    html = get(client, longest, year=year, all="year")
    assert facet_counts(html, "year") == {str(y): n for y, n in by_year.items()}
    statements = shown_statements(html)
    assert len(statements) == count
    assert {s.meeting.date_start.year for s in statements} == {year}
    sides = Counter(side_of(s) for s in statements)
    shown_sides = facet_counts(html, "side")
    assert shown_sides.get("Japan", 0) == sides["japan"]
    assert shown_sides.get("Counterpart", 0) == sides["counterpart"]

    both = get(client, longest, year=year, side="japan")
    assert {side_of(s) for s in shown_statements(both)} == {"japan"}
    assert len(shown_statements(both)) == sides["japan"]


def test_values_it_cannot_use_are_explained_and_ignored(client, longest):
    html = get(client, longest, year="abcd", side="russia")
    assert "Year “abcd” is not a year; write it like 2004. It is ignored." in html
    assert "No side “russia”; choose one of: Japan (japan), Counterpart (counterpart)" in html
    assert len(shown_topics(html)) == SECTIONS_PER_PAGE  # nothing was filtered


def test_a_filter_nothing_matches_says_so(client, longest):
    html = get(client, longest, year=1900)
    assert "No section on this subject has statements with these filters." in html
    assert f'<a href="{longest.get_absolute_url()}">Show every section</a>' in html


def test_the_query_count_does_not_grow_with_the_subject(
    client, longest, django_assert_max_num_queries
):
    """Counted afresh (first request after a write: the counts are computed) and from the
    cache (every later one, one read of the archive generation), a long subject's page
    takes no more queries than a short one's."""
    subjects = Subject.objects.annotate(n=Count("topics")).filter(n__gt=0).order_by("n", "slug")
    small = next(s for s in subjects if shown_statements(get(client, s, side="japan")))
    assert longest.n > 10 * small.n
    asked = [
        (small, {"side": "japan"}),
        (longest, {"side": "japan", "year": 2004}),
        (longest, {"side": "japan", "page": 2}),
    ]
    for warm in (False, True):
        counts = []
        for subject, params in asked:
            cache.clear()
            if warm:
                get(client, subject, **params)
            with django_assert_max_num_queries(20) as done:
                get(client, subject, **params)
            counts.append(len(done))
        assert counts[1] <= counts[0] and counts[2] <= counts[0], (warm, counts)
