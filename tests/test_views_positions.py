"""/positions/: a subject's or a search's statements by date, one column per side."""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter, defaultdict
from datetime import date

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from machine_seeds import import_seeds

from devtools.corpus import write_corpus
from meetings import importer
from meetings import search as search_engine
from meetings.models import Meeting, Statement, Subject
from meetings.parsing.profiles import DEFAULT_PROFILE
from meetings.sides import HOME_COUNTRY
from meetings.views import positions

pytestmark = pytest.mark.django_db

CORPUS_MEETINGS = 40


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("positions-corpus")
    write_corpus(CORPUS_MEETINGS, folder, seed=21, expected=False)
    return folder


@pytest.fixture
def corpus(corpus_dir, seed_paths):
    """The seeds and a generated corpus: many years, several counterpart countries."""
    import_seeds(seed_paths)
    summary = importer.import_paths([corpus_dir])
    assert not summary.errors


def get(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


# --- Reading the page ----------------------------------------------------------------

LINK = re.compile(r'<a href="/meetings/([^/]+)/\?s=(\d+)#s\2">§ \2 in the original')


def statement_keys(fragment: str) -> list[tuple[str, int]]:
    return [(public_id, int(order)) for public_id, order in LINK.findall(fragment)]


def sections(html: str) -> list[str]:
    return re.findall(r'<section class="positions-meeting".*?</section>', html, re.S)


def piles(section: str) -> dict[str, list[tuple[str, int]]]:
    """The statements of one meeting row by where they stand: home, counterpart, both."""
    home = re.search(r'class="positions-side side-home">(.*?)</div>\s*<div', section, re.S)
    counterpart = re.search(
        r'class="positions-side side-counterpart">(.*?)</div>\s*</div>', section, re.S
    )
    both = re.search(r'class="positions-both">(.*)', section, re.S)
    return {
        "home": statement_keys(home.group(1)),
        "counterpart": statement_keys(counterpart.group(1)),
        "both": statement_keys(both.group(1)) if both else [],
    }


def page_statements(html: str) -> dict[tuple[str, int], str]:
    found = {}
    for section in sections(html):
        for side, keys in piles(section).items():
            for key in keys:
                assert key not in found, f"{key} shown twice"
                found[key] = side
    return found


def table_counts(html: str) -> dict[int, tuple[int, int, int]]:
    rows = re.findall(
        r'<tr><th scope="row"><a href="[^"]*">(\d{4})</a></th>'
        r'<td class="num side-home">(\d+)</td><td class="num side-counterpart">(\d+)</td>'
        r'<td class="num side-both">(\d+)</td></tr>',
        html,
    )
    return {int(year): (int(home), int(other), int(both)) for year, home, other, both in rows}


# --- What the database says, worked out here on its own --------------------------------


def expected_side(statement: Statement) -> str:
    listed = {p.person_id: p.country for p in statement.meeting.participants.all()}
    countries = {listed.get(p.pk) or p.country for p in statement.speakers.all()} - {""}
    if not countries:
        return "both"
    if countries == {"Japan"}:
        return "home"
    return "both" if "Japan" in countries else "counterpart"


def subject_statements(subject: Subject):
    return (
        Statement.objects.filter(Q(topic__subject=subject) | Q(topic__parent__subject=subject))
        .select_related("meeting")
        .prefetch_related("speakers", "meeting__participants")
    )


def key(statement: Statement) -> tuple[str, int]:
    return statement.meeting.public_id, statement.order


def biggest_subject() -> Subject:
    return Subject.objects.annotate(n=Count("topics__meeting", distinct=True)).order_by(
        "-n", "slug"
    )[0]


# --- Columns -------------------------------------------------------------------------


def test_home_country_is_the_publishers_home_side():
    assert DEFAULT_PROFILE.home_country == HOME_COUNTRY


def test_each_subject_statement_stands_in_its_sides_column(client, seeds):
    subjects = Subject.objects.annotate(n=Count("topics")).filter(n__gt=0)
    assert subjects.count() > 10
    seen = Counter()
    for subject in subjects:
        html = get(client, reverse("meetings:positions"), subject=subject.slug)
        shown = page_statements(html)
        expected = {key(s): expected_side(s) for s in subject_statements(subject)}
        assert shown == expected, subject.slug
        seen.update(shown.values())
    # The seeds have all three: Japan's, Russia's, and joint or narrative statements.
    assert seen["home"] > 20 and seen["counterpart"] > 20 and seen["both"] > 5


def test_a_changed_speaker_moves_the_statement_to_its_new_column_at_once(client, seeds):
    """The page's summary and its sides are cached per archive state: a correction
    made after the page was read shows on the next read."""
    subject = biggest_subject()
    url = reverse("meetings:positions")
    before = page_statements(get(client, url, subject=subject.slug))
    statement = next(s for s in subject_statements(subject) if expected_side(s) == "home")
    assert before[key(statement)] == "home"
    counterpart = statement.meeting.participants.exclude(country__in=["", HOME_COUNTRY]).first()
    statement.speakers.set([counterpart.person])

    after = page_statements(get(client, url, subject=subject.slug))
    assert after[key(statement)] == "counterpart"
    assert {k: side for k, side in after.items() if k != key(statement)} == {
        k: side for k, side in before.items() if k != key(statement)
    }


def test_meetings_follow_each_other_by_date_and_statements_by_order(client, corpus):
    subject = biggest_subject()
    html = get(client, reverse("meetings:positions"), subject=subject.slug)
    days = [date.fromisoformat(d) for d in re.findall(r'<time datetime="([\d-]+)">', html)]
    assert len(days) >= 10
    assert days == sorted(days)
    for section in sections(html):
        for keys in piles(section).values():
            assert [order for _, order in keys] == sorted(order for _, order in keys)


def test_column_heads_name_home_and_counterpart_countries(client, corpus):
    subject = biggest_subject()
    html = get(client, reverse("meetings:positions"), subject=subject.slug)
    head = re.search(r'<div class="positions-head".*?</div>', html, re.S).group()
    counterparts = set()
    for statement in subject_statements(subject):
        if expected_side(statement) == "counterpart":
            listed = {p.person_id: p.country for p in statement.meeting.participants.all()}
            counterparts |= {listed.get(p.pk) or p.country for p in statement.speakers.all()}
    assert len(counterparts) > 1
    assert '<p class="side-home">Japan</p>' in head
    assert f'<p class="side-counterpart">{", ".join(sorted(counterparts))}</p>' in head


def test_each_statement_links_to_its_highlighted_place_in_the_original(client, seeds):
    subject = Subject.objects.get(slug="north-korea")
    html = get(client, reverse("meetings:positions"), subject=subject.slug)
    keys = list(page_statements(html))
    assert keys
    for public_id, order in keys:
        meeting = Meeting.objects.get(public_id=public_id)
        statement = meeting.statements.get(order=order)
        original = get(client, meeting.get_absolute_url(), s=order)
        if statement.start_offset is not None:
            assert f'<mark id="original-s{order}" class="original-span"' in original
        assert (
            f'<article class="statement statement-{statement.kind} is-selected" id="s{order}">'
            in (original)
        )


# --- Counts per year -----------------------------------------------------------------


def test_counts_per_year_per_side_are_the_databases(client, corpus):
    subject = biggest_subject()
    html = get(client, reverse("meetings:positions"), subject=subject.slug)
    expected = defaultdict(lambda: [0, 0, 0])
    for statement in subject_statements(subject):
        day = statement.meeting.date_start or statement.meeting.published
        column = ("home", "counterpart", "both").index(expected_side(statement))
        expected[day.year][column] += 1
    assert len(expected) > 5
    assert table_counts(html) == {year: tuple(counts) for year, counts in expected.items()}
    # The chart draws the same numbers: two bars a year, every year first to last.
    bars = re.findall(r"<title>(\d{4}), (Japan|counterpart): (\d+)</title>", html)
    years = range(min(expected), max(expected) + 1)
    assert len(bars) == 2 * len(years)
    for year, side, count in bars:
        home, other, _ = expected.get(int(year), (0, 0, 0))
        assert int(count) == (home if side == "Japan" else other)
    assert '<svg class="pairs-chart"' in html and 'role="img"' in html
    assert '<title id="chart-title">' in html and '<desc id="chart-desc">' in html


def test_a_year_from_the_table_keeps_only_that_years_meetings(client, corpus):
    subject = biggest_subject()
    html = get(client, reverse("meetings:positions"), subject=subject.slug)
    year, (home, other, both) = max(table_counts(html).items(), key=lambda item: sum(item[1]))
    assert f'href="/positions/?subject={subject.slug}&amp;year={year}"' in html
    one_year = get(client, reverse("meetings:positions"), subject=subject.slug, year=year)
    shown = page_statements(one_year)
    assert len(shown) == home + other + both
    assert {d[:4] for d in re.findall(r'<time datetime="([\d-]+)">', one_year)} == {str(year)}


# --- Long subjects are paged by meeting --------------------------------------------------


def test_a_long_subject_is_paged_by_meeting(client, corpus, monkeypatch):
    monkeypatch.setattr(positions, "MEETINGS_PER_PAGE", 5)
    subject = biggest_subject()
    statements = list(subject_statements(subject))
    meetings = {s.meeting_id for s in statements}
    assert len(meetings) > 10
    shown, number, first_table = {}, 1, None
    while True:
        html = get(client, reverse("meetings:positions"), subject=subject.slug, page=number)
        assert len(sections(html)) == min(5, len(meetings) - 5 * (number - 1))
        first_table = first_table or table_counts(html)
        assert table_counts(html) == first_table  # the chart is the whole subject's
        for statement_key, side in page_statements(html).items():
            assert statement_key not in shown
            shown[statement_key] = side
        if 'rel="next"' not in html:
            break
        number += 1
    assert number == -(-len(meetings) // 5)
    assert set(shown) == {key(s) for s in statements}


def test_queries_do_not_grow_with_the_subject(client, seed_paths, corpus_dir):
    import_seeds(seed_paths)
    url = f"{reverse('meetings:positions')}?subject=north-korea"
    with CaptureQueriesContext(connection) as few:
        get(client, url)
    importer.import_paths([corpus_dir])
    with CaptureQueriesContext(connection) as many:
        html = get(client, url)
    assert len(sections(html)) > 5
    assert len(many) == len(few), [q["sql"] for q in many]


# --- From a search -------------------------------------------------------------------


def test_a_search_lays_out_every_match(client, indexed_seeds):
    result = search_engine.search("peace treaty", per_page=100)
    assert 5 < result.total <= 100
    html = get(client, reverse("meetings:positions"), q="peace treaty")
    shown = page_statements(html)
    statements = Statement.objects.filter(id__in=result.ids).select_related("meeting")
    statements = statements.prefetch_related("speakers", "meeting__participants")
    assert shown == {key(s): expected_side(s) for s in statements}
    assert f"{result.total} statements in " in html
    assert 'href="/search/?q=peace+treaty">Show as search results</a>' in html


def test_a_search_with_filters_keeps_them(client, indexed_seeds):
    html = get(client, reverse("meetings:positions"), q="peace treaty", year="2004")
    result = search_engine.search("peace treaty", {"year": 2004}, per_page=100)
    assert len(page_statements(html)) == result.total > 0
    assert '<input type="hidden" name="year" value="2004">' in html
    assert {d[:4] for d in re.findall(r'<time datetime="([\d-]+)">', html)} == {"2004"}


def test_a_query_with_nothing_to_search_says_so(client, indexed_seeds):
    html = get(client, reverse("meetings:positions"), q="AND")
    assert 'class="notice notice-error"' in html
    assert "positions-meeting" not in html


# --- Ways in -------------------------------------------------------------------------


def test_subject_pages_and_search_results_link_to_positions(client, indexed_seeds):
    subject = Subject.objects.get(slug="north-korea")
    html = get(client, subject.get_absolute_url())
    assert f'href="/positions/?subject={subject.slug}">Positions over time</a>' in html
    results = get(client, reverse("meetings:search"), q="peace treaty", year="2004")
    assert 'href="/positions/?q=peace+treaty&amp;year=2004">Positions over time</a>' in results
    nothing = get(client, reverse("meetings:search"), q="xyzzyplugh")
    assert "Positions over time" not in nothing


def test_without_a_subject_or_query_the_page_offers_subjects(client, seeds):
    html = get(client, reverse("meetings:positions"))
    listed = re.findall(r'<a href="/positions/\?subject=([\w-]+)">', html)
    assert "north-korea" in listed
    assert "positions-meeting" not in html
    unknown = get(client, reverse("meetings:positions"), subject="no-such-subject")
    assert "No subject “no-such-subject” is in the archive. It is ignored." in html_lib.unescape(
        unknown
    )
