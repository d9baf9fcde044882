"""The /search/ page on the indexed seeds: hits, facets, filters, sort, pages, messages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from machine_seeds import import_seeds, seed_meetings
from test_views_pages import clone_meeting, query_count

from meetings import search as search_engine
from meetings.models import Person, Statement

pytestmark = pytest.mark.django_db
SEARCH = reverse("meetings:search")


@pytest.fixture
def seeds(seed_paths):
    import_seeds(seed_paths, index=True)
    return seed_meetings()


def search_page(client, **params) -> str:
    response = client.get(SEARCH, params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode("utf-8")


def hit_statements(html: str) -> list[Statement]:
    """The statements the hits link to, in page order (meeting link carries ?s=order)."""
    links = re.findall(r'class="hit-meeting" href="/meetings/([^/]+)/\?s=(\d+)#', html)
    return [Statement.objects.get(meeting__public_id=m, order=int(o)) for m, o in links]


def facet(html: str, name: str) -> str:
    return re.search(rf'data-facet="{name}".*?</section>', html, re.S).group()


def test_search_shows_hits_with_marked_snippets_speakers_and_meetings(client, seeds):
    html = search_page(client, q="peace treaty")
    result = search_engine.search("peace treaty")
    assert f"{result.total} statements found" in html
    assert html.count('<li class="hit">') == min(result.total, 20)
    assert "<mark>" in html.split('<ol class="hits"', 1)[1]
    for statement in hit_statements(html):
        assert "peace" in statement.text.lower()
        for speaker in statement.speakers.all():
            assert f'href="{speaker.get_absolute_url()}"' in html
    assert html.count('id="q"') == 1
    assert 'value="peace treaty"' in html


def test_speaker_facet_adds_and_removes_the_filter(client, seeds):
    putin = Person.objects.get(name="Vladimir Putin")
    html = search_page(client, q="peace")
    link = f'href="/search/?q=peace&amp;speaker={putin.slug}"'
    assert link in facet(html, "speaker")
    assert "Vladimir Putin <span" in facet(html, "speaker")

    html = search_page(client, q="peace", speaker=putin.slug)
    hits = hit_statements(html)
    assert hits and all(putin in s.speakers.all() for s in hits)
    assert "Speaker: Vladimir Putin" in html
    assert 'class="chip" href="/search/?q=peace"' in html
    assert 'href="/search/?q=peace" aria-current="true"' in facet(html, "speaker")
    # The search box keeps the filter for the next query.
    assert f'<input type="hidden" name="speaker" value="{putin.slug}">' in html


def test_year_and_type_facets_narrow_the_hits(client, seeds):
    html = search_page(client, q="peace", year="2004", type="summit")
    hits = hit_statements(html)
    assert hits
    for statement in hits:
        assert statement.meeting.date_start.year == 2004
        assert statement.meeting.meeting_type == "summit"


@pytest.mark.parametrize(
    ("name", "value"),
    [("year", "abc"), ("date_from", "yesterday"), ("speaker", "nobody"), ("type", "bogus")],
)
def test_malformed_filters_are_explained_and_ignored(client, seeds, name, value):
    html = search_page(client, q="peace", **{name: value})
    notice = re.search(r'<div class="notice notice-warning".*?</div>', html, re.S).group()
    assert f"“{value}”" in notice and "It is ignored." in notice
    # Plain words, not the form library's ("Select a valid choice", "Enter a …").
    assert "Select a valid choice" not in notice and "Enter a" not in notice
    assert len(hit_statements(html)) == search_engine.search("peace").total


def test_date_range_filters(client, seeds):
    html = search_page(client, q="peace", date_from="2004-01-01", date_to="2004-12-31")
    hits = hit_statements(html)
    assert hits and all(s.meeting.date_start.year == 2004 for s in hits)


def test_sort_by_date(client, seeds):
    html = search_page(client, q="Japan", sort="date")
    dates = [s.meeting.date_start for s in hit_statements(html)]
    assert len(dates) > 2 and dates == sorted(dates)
    assert '<strong aria-current="true">oldest first</strong>' in html
    html = search_page(client, q="Japan", sort="-date")
    dates = [s.meeting.date_start for s in hit_statements(html)]
    assert dates == sorted(dates, reverse=True)


def test_empty_query_shows_the_help_and_no_hits(client, seeds):
    html = search_page(client)
    assert '<li class="hit">' not in html
    assert 'id="help"' in html
    assert "<code>speaker:putin</code>" in html  # Markdown rendered


def test_filters_alone_browse_statements(client, seeds):
    putin = Person.objects.get(name="Vladimir Putin")
    html = search_page(client, speaker=putin.slug)
    assert len(hit_statements(html)) == min(putin.statements.count(), 20)


def test_did_you_mean_links_to_the_suggestion(client, seeds):
    html = search_page(client, q="treety")
    assert 'Did you mean <a href="/search/?q=treaty"><bdi>treaty</bdi></a>?' in html


def test_query_errors_and_notices_are_shown(client, seeds):
    html = search_page(client, q="AND")
    assert (
        'role="alert"' in html
        and "Nothing was searched: the query has no words to look for." in html
    )
    html = search_page(client, q="peace " * 120)
    assert "shortened" in html or "only the first" in html


# Issue 12, finding 9: messages that say what was understood, and hints in field syntax.


def test_a_bad_year_says_what_was_read_and_how_to_write_it(client, seeds):
    html = search_page(client, q="year:abcd")
    assert (
        '<div class="notice notice-error" role="alert"><p>Nothing was searched: year:abcd was '
        "left out: “abcd” is not a year (write year:2004 or year:2003..2005).</p></div>"
    ) in html
    assert "nothing to search for" not in html and 'class="understood"' not in html


def test_a_bad_field_value_beside_words_is_left_out_and_the_rest_is_searched(client, seeds):
    html = search_page(client, q="peace year:abcd type:conference")
    assert "year:abcd was left out: “abcd” is not a year" in html
    assert "type:conference was left out: “conference” is not a meeting type (write one of " in html
    assert "type:summit, type:foreign_ministers" in html
    assert (
        '<p class="understood">Searched for <bdi>statements containing “peace”</bdi>.</p>' in html
    )
    statements = hit_statements(html)
    assert statements and all("peace" in s.text.lower() for s in statements)


@pytest.mark.parametrize(
    ("query", "understood"),
    [
        ("peace treaty", "statements containing “peace” and “treaty”"),
        (
            '"peace treaty" speaker:putin',
            "statements containing the phrase “peace treaty”, spoken by putin",
        ),
        (
            "kyoto -protocol year:2003..2005",
            "statements containing “kyoto”, from 2003 to 2005, not containing “protocol”",
        ),
        ("the islands", "statements containing “islands” (“the” is too common to search for)"),
        (
            "(energy OR oil) country:russia",
            "statements containing “energy” or “oil”, from meetings with Russian Federation",
        ),
    ],
)
def test_the_page_says_how_it_read_the_query(client, seeds, query, understood):
    html = search_page(client, q=query)
    assert f'<p class="understood">Searched for <bdi>{escape(understood)}</bdi>.</p>' in html


def test_a_query_mixing_a_name_words_and_a_year_gets_a_hint_in_field_syntax(client, seeds):
    html = search_page(client, q="putin peace treaty 2004")
    assert "Searched for <bdi>statements containing “putin”, “peace”, “treaty” and “2004”" in html
    hint = 'speaker:putin year:2004 "peace treaty"'
    link = f'<a href="{SEARCH}?q=speaker%3Aputin+year%3A2004+%22peace+treaty%22"><bdi>'
    assert (
        f'<p class="did-you-mean field-hint">Did you mean {link}{escape(hint)}</bdi></a>?</p>'
        in html
    )
    putin = Person.objects.get(name="Vladimir Putin")
    followed = hit_statements(search_page(client, q=hint))
    assert followed
    for statement in followed:
        assert putin in statement.speakers.all()
        assert statement.meeting.date_start.year == 2004
        assert "peace treaty" in statement.text.lower()


def test_no_hint_when_the_field_syntax_would_find_nothing_or_there_is_no_field(client, seeds):
    assert 'class="did-you-mean field-hint"' not in search_page(client, q="putin peace treaty 1990")
    assert 'class="did-you-mean field-hint"' not in search_page(client, q="peace treaty islands")
    html = search_page(client, q="koizumi kyoto 2004")
    assert "Did you mean <a" in html and escape("speaker:koizumi year:2004 kyoto") in html


def test_snippets_of_hostile_text_are_escaped(client, seeds):
    statement = Statement.objects.first()
    statement.text = "<script>alert('x')</script> zanzibar & co"
    statement.save()
    search_engine.index_statements([statement.pk])
    html = search_page(client, q="zanzibar")
    assert "<script>alert" not in html
    assert escape("<script>") in html and "<mark>zanzibar</mark>" in html


def test_paging_and_query_count_do_not_grow_with_hits(client, seeds, django_assert_max_num_queries):
    url = f"{SEARCH}?q=Japan"
    few = query_count(client, url)
    for number in range(10):
        clone_meeting(seeds[number % len(seeds)], number)
    search_engine.rebuild()
    with django_assert_max_num_queries(few):
        html = search_page(client, q="Japan")
    assert html.count('<li class="hit">') == 20
    assert 'href="/search/?q=Japan&amp;page=2"' in html
    html = search_page(client, q="Japan", page="2")
    assert '<ol class="hits" start="21">' in html


def test_person_page_search_form_limits_to_that_speaker(client, seeds):
    koizumi = Person.objects.get(name="Junichiro Koizumi")
    html = search_page(client, q="Russia", speaker=koizumi.slug)
    hits = hit_statements(html)
    assert hits and all(koizumi in s.speakers.all() for s in hits)


def test_a_long_search_facet_links_to_all_its_values(client, seeds):
    from meetings.facets import FACET_LIMIT

    query = "japan OR russia OR minister OR president OR cooperation"
    subjects = search_engine.search(query).facets["subject"]
    assert len(subjects) > FACET_LIMIT
    html = search_page(client, q=query)
    section = facet(html, "subject")
    assert section.count('class="facet-value') == FACET_LIMIT
    assert f"Show {len(subjects) - FACET_LIMIT} more</a>" in section
    assert "all=subject" in section

    html = search_page(client, q=query, all="subject")
    section = facet(html, "subject")
    assert section.count('class="facet-value') == len(subjects)
    assert "Show fewer</a>" in section


def test_the_selected_value_is_the_first_row_of_its_facet(client, seeds):
    # Joint statements: both leaders have the same count, and Koizumi sorts before Putin.
    putin = Person.objects.get(name="Vladimir Putin")
    html = search_page(client, q="both leaders", speaker=putin.slug)
    total = search_engine.search("both leaders", {"speaker": putin.slug}).total
    rows = re.findall(r"<li>(.*?)</li>", facet(html, "speaker"), re.S)
    assert len(rows) == 2
    assert 'aria-current="true"' in rows[0]
    assert f'Vladimir Putin <span class="count">{total}</span>' in rows[0]
    assert "Junichiro Koizumi" in rows[1]
    html = search_page(client, q="Putin", year="2004")
    rows = re.findall(r"<li>(.*?)</li>", facet(html, "year"), re.S)
    assert 'aria-current="true"' in rows[0] and "2004 <span" in rows[0]


def test_a_search_with_no_results_shows_no_refine_box_and_no_exports(client, seeds):
    html = search_page(client, q="zzyzxnotaword")
    main = html.split("<h1>", 1)[1].split('class="search-help"', 1)[0]  # not the footer
    assert "No statements match" in main
    assert 'id="facets-heading"' not in main and 'class="facets"' not in main
    assert 'class="download"' not in main
    for link in ("machine:search_csv", "machine:feed_search", "machine:api_search"):
        assert f'href="{reverse(link)}?' not in main
    # With results, both are there.
    html = search_page(client, q="peace")
    assert 'id="facets-heading"' in html and 'class="download"' in html


def test_an_unknown_type_names_the_types_there_are(client, seeds):
    html = search_page(client, q="peace", type="conference")
    assert (
        "No meeting type “conference”; choose one of: Summit (summit), "
        "Foreign ministers (foreign_ministers), Official visit (official_visit)"
    ) in html
