"""The pages people read: home, meetings list and detail, people, subjects, errors."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Count
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from meetings.models import Meeting, Participant, Person, Statement, Subject, Topic
from meetings.views import errors

pytestmark = pytest.mark.django_db


def page(client, url, status=200, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return response.content.decode("utf-8")


def titles_in_order(html: str) -> list[str]:
    found = re.findall(r'<h3 class="meeting-title"><a href="[^"]+"><bdi>([^<]+)</bdi></a>', html)
    return [html_lib.unescape(title) for title in found]


def clone_meeting(meeting: Meeting, copy_number: int) -> Meeting:
    """A copy of `meeting` with its participants, topics and statements, as another source."""
    participants = list(meeting.participants.all())
    topics = list(meeting.topics.order_by("order"))
    statements = list(meeting.statements.prefetch_related("speakers"))
    copy = Meeting.objects.get(pk=meeting.pk)
    copy.pk = None
    copy.public_id = f"{meeting.public_id}-copy-{copy_number}"
    copy.source_name = f"copy-{copy_number}-{meeting.source_name}"
    copy.source_key = f"copy-{copy_number}-{meeting.source_key}"
    copy.save()
    for participant in participants:
        participant.pk, participant.meeting = None, copy
    Participant.objects.bulk_create(participants)
    new_topics = {}
    for topic in topics:
        old_pk = topic.pk
        topic.pk, topic.meeting = None, copy
        topic.parent = new_topics.get(topic.parent_id)
        topic.save()
        new_topics[old_pk] = topic
    speakers = {s.pk: [p.pk for p in s.speakers.all()] for s in statements}
    old_ids = [s.pk for s in statements]
    for statement in statements:
        statement.pk, statement.meeting = None, copy
        statement.topic = new_topics.get(statement.topic_id)
    created = Statement.objects.bulk_create(statements)
    through = Statement.speakers.through
    through.objects.bulk_create(
        through(statement_id=new.pk, person_id=person)
        for old, new in zip(old_ids, created, strict=True)
        for person in speakers[old]
    )
    return copy


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# --- Home -------------------------------------------------------------------


def test_home_shows_counts_latest_meetings_and_a_linked_timeline(client, seeds):
    html = page(client, reverse("meetings:home"))
    assert f"{Statement.objects.count()}</dd>" in html
    assert 'id="q"' in html and html.count('id="q"') == 1
    latest = max(seeds, key=lambda m: m.date_start)
    assert latest.title in html
    for year, count in ((2003, 2), (2004, 2), (2005, 1)):
        assert f'href="/meetings/?year={year}" aria-label="{year}: {count} meeting' in html
        assert f"<title>{year}: {count} meeting" in html


def test_home_with_an_empty_archive(client):
    html = page(client, reverse("meetings:home"))
    assert "No meetings have been imported yet." in html
    assert "<svg" not in html


# --- Meetings list ----------------------------------------------------------


def test_meeting_list_shows_every_meeting_newest_first(client, seeds):
    html = page(client, reverse("meetings:meeting_list"))
    expected = [m.title for m in sorted(seeds, key=lambda m: m.date_start, reverse=True)]
    assert titles_in_order(html) == expected
    assert "5 meetings" in html
    assert 'class="facet"' in html
    assert "Vladimir Putin" in html  # principals


def test_meeting_list_sorts_oldest_first(client, seeds):
    html = page(client, reverse("meetings:meeting_list"), sort="date")
    assert titles_in_order(html) == [m.title for m in sorted(seeds, key=lambda m: m.date_start)]
    assert 'href="/meetings/?sort=-date"' in html


def test_meeting_list_shows_each_meetings_duration_and_statement_count(client, seeds):
    from meetings.templatetags.archive_tags import minutes as duration

    html = page(client, reverse("meetings:meeting_list"))
    items = re.findall(r'<li class="meeting-item">.*?</li>', html, re.S)
    assert len(items) == len(seeds)
    for meeting in seeds:
        item = next(i for i in items if f'href="{meeting.get_absolute_url()}"' in i)
        count = meeting.statements.count()
        assert f'<span class="statement-count">{count} statements</span>' in item
        if meeting.duration_minutes:
            assert f'<span class="duration">{duration(meeting.duration_minutes)}</span>' in item
        else:
            assert 'class="duration"' not in item


@pytest.mark.parametrize(
    ("sort", "key", "descending"),
    [
        ("statements", lambda m: m.statements.count(), False),
        ("-statements", lambda m: m.statements.count(), True),
        # A meeting whose duration the text does not give comes last both ways.
        ("duration", lambda m: (m.duration_minutes is None, m.duration_minutes or 0), False),
        ("-duration", lambda m: (m.duration_minutes is not None, m.duration_minutes or 0), True),
    ],
)
def test_meeting_list_sorts_by_size(client, seeds, sort, key, descending):
    url = reverse("meetings:meeting_list")
    html = page(client, url, sort=sort)
    newest_first = sorted(seeds, key=lambda m: m.date_start, reverse=True)
    # sorted() is stable, reversed or not: equal values stay newest first.
    expected = sorted(newest_first, key=key, reverse=descending)
    assert titles_in_order(html) == [m.title for m in expected]
    sort_bar = html.split('<p class="sort">', 1)[1].split("</p>", 1)[0]
    assert sort_bar.count('aria-current="true"') == 1
    for other in ("-date", "date", "-duration", "duration", "-statements", "statements"):
        if other != sort:
            assert f'href="{url}?sort={other}"' in sort_bar


def test_meeting_list_sorted_by_statements_keeps_its_query_count(
    client, seeds, django_assert_max_num_queries
):
    url = reverse("meetings:meeting_list") + "?sort=-statements"
    few = query_count(client, url)
    for number in range(60):
        clone_meeting(seeds[number % len(seeds)], number)
    with django_assert_max_num_queries(few):
        html = page(client, url)
    assert len(titles_in_order(html)) == 50
    assert html.count('class="statement-count"') == 50


def test_year_facet_filters_and_keeps_counts_for_other_years(client, seeds):
    html = page(client, reverse("meetings:meeting_list"), year="2004")
    assert sorted(titles_in_order(html)) == sorted(
        m.title for m in seeds if m.date_start.year == 2004
    )
    year_facet = re.search(r'data-facet="year".*?</section>', html, re.S).group()
    # The facet ignores its own filter: the other years still show what they hold.
    assert 'href="/meetings/?year=2003">2003 <span class="count">2</span>' in year_facet
    assert 'href="/meetings/" aria-current="true"' in year_facet  # selected: links to remove
    assert 'class="chip" href="/meetings/"' in html
    assert "Year: 2004" in html


def test_facet_links_add_one_filter_to_the_others(client, seeds):
    html = page(client, reverse("meetings:meeting_list"), year="2004")
    assert 'href="/meetings/?year=2004&amp;type=summit"' in html
    html = page(client, reverse("meetings:meeting_list"), year="2004", type="summit")
    assert titles_in_order(html) == [m.title for m in seeds if m.source_name.startswith("000")]
    type_facet = re.search(r'data-facet="type".*?</section>', html, re.S).group()
    assert 'Foreign ministers <span class="count">1</span>' in type_facet
    # Removing one filter keeps the other.
    assert 'class="chip" href="/meetings/?type=summit"' in html
    assert 'class="chip" href="/meetings/?year=2004"' in html


def test_person_subject_country_and_location_facets(client, seeds):
    putin = Person.objects.get(name="Vladimir Putin")
    with_putin = Meeting.objects.filter(participants__person=putin).distinct().count()
    html = page(client, reverse("meetings:meeting_list"), person=putin.slug)
    assert f"{with_putin} meeting" in html
    assert "Person: Vladimir Putin" in html

    subject = Subject.objects.annotate(n=Count("topics__meeting", distinct=True)).latest("n")
    html = page(client, reverse("meetings:meeting_list"), subject=subject.slug)
    assert len(titles_in_order(html)) == subject.n

    html = page(client, reverse("meetings:meeting_list"), country="Japan")
    assert len(titles_in_order(html)) == 5
    html = page(client, reverse("meetings:meeting_list"), location="Moscow")
    assert titles_in_order(html) == [m.title for m in seeds if m.location == "Moscow"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("year", "abc"), ("type", "bogus"), ("person", "nobody"), ("month", "13"), ("subject", "x")],
)
def test_malformed_filters_are_ignored_with_a_message(client, seeds, name, value):
    html = page(client, reverse("meetings:meeting_list"), **{name: value})
    notice = re.search(r'<div class="notice notice-warning".*?</div>', html, re.S).group()
    assert f"“{value}”" in notice and "It is ignored." in notice
    # Plain words, not the form library's ("Select a valid choice", "Enter a …").
    assert "Select a valid choice" not in notice and "Enter a" not in notice
    assert len(titles_in_order(html)) == 5


def test_an_unknown_filter_value_names_the_values_there_are(client, seeds):
    html = page(client, reverse("meetings:meeting_list"), type="conference")
    assert (
        "No meeting type “conference”; choose one of: Summit (summit), "
        "Foreign ministers (foreign_ministers), Official visit (official_visit), "
        "Telephone talk (telephone), Video conference (video), Other (other). It is ignored."
    ) in html
    html = page(client, reverse("meetings:meeting_list"), month="13")
    assert "No month “13”; choose one of: January (1), February (2)" in html
    html = page(client, reverse("meetings:meeting_list"), person="nobody")
    assert "No person “nobody” is in the archive. It is ignored." in html
    html = page(client, reverse("meetings:meeting_list"), sort="sideways")
    assert "No sort order “sideways”; choose one of: newest first (-date)" in html


def test_unknown_sort_and_page_fall_back(client, seeds):
    html = page(client, reverse("meetings:meeting_list"), sort="sideways", page="zz")
    assert len(titles_in_order(html)) == 5


def test_meeting_list_paginates_fifty_at_a_time(client, seeds):
    for number in range(50):
        clone_meeting(seeds[number % len(seeds)], number)
    html = page(client, reverse("meetings:meeting_list"))
    assert len(titles_in_order(html)) == 50
    assert "Page 1 of 2" in html and 'href="/meetings/?page=2"' in html
    html = page(client, reverse("meetings:meeting_list"), page="2")
    assert len(titles_in_order(html)) == 5


def test_meeting_list_queries_do_not_grow_with_rows(client, seeds, django_assert_max_num_queries):
    url = reverse("meetings:meeting_list") + "?type=summit&year=2004&sort=date"
    few = query_count(client, url)
    for number in range(60):
        clone_meeting(seeds[number % len(seeds)], number)
    with django_assert_max_num_queries(few):
        html = page(client, url)
    assert "Page 1 of" not in html or len(titles_in_order(html)) <= 50
    with django_assert_max_num_queries(few):
        assert len(titles_in_order(page(client, reverse("meetings:meeting_list")))) == 50


# --- Meeting detail -----------------------------------------------------------


def test_meeting_page_shows_the_record(client, seeds):
    meeting = next(m for m in seeds if m.documents_issued)
    html = page(client, meeting.get_absolute_url())
    assert f'<h1 id="meeting-title" dir="auto">{escape(meeting.title)}</h1>' in html
    assert "provisional translation" in html
    for document in meeting.documents_issued:
        assert document in html
    for participant in meeting.participants.select_related("person"):
        assert f'href="{participant.person.get_absolute_url()}"' in html
    assert '<h3 id="facet' not in html
    assert 'id="original"' in html
    assert html.count('class="statement ') == meeting.statements.count()
    for topic in meeting.topics.all():
        assert f'href="#{topic.anchor}"' in html and f'id="{topic.anchor}"' in html


def test_every_statement_has_its_anchor_and_speaker_links(client, seeds):
    meeting = seeds[0]
    html = page(client, meeting.get_absolute_url())
    for statement in meeting.statements.prefetch_related("speakers"):
        assert f'id="{statement.anchor}"' in html
        assert f'href="#{statement.anchor}"' in html
        for speaker in statement.speakers.all():
            assert f'class="speaker" href="{speaker.get_absolute_url()}"' in html


def test_selected_statement_is_marked_in_the_original_text(client, seeds):
    statement = Statement.objects.filter(start_offset__isnull=False).order_by("pk")[3]
    meeting = statement.meeting
    html = page(client, meeting.get_absolute_url(), s=str(statement.order))
    span = meeting.original_text[statement.start_offset : statement.end_offset]
    marked = re.search(rf'<mark id="original-{statement.anchor}"[^>]*>(.*?)</mark>', html, re.S)
    assert marked is not None
    assert marked.group(1) == escape(span)
    assert html.count("<mark") == 1
    # The anchor form of the parameter works too.
    html = page(client, meeting.get_absolute_url(), s=statement.anchor)
    assert f'<mark id="original-{statement.anchor}"' in html


def test_original_text_is_escaped_before_highlighting(client, seeds):
    meeting = seeds[0]
    hostile = "Intro <b>bold</b>.\n\n<script>alert('x')</script> & friends said so.\n"
    meeting.original_text = hostile
    meeting.save()
    start = hostile.index("<script>")
    statement = meeting.statements.first()
    statement.start_offset, statement.end_offset = start, len(hostile) - 1
    statement.save()
    meeting.statements.exclude(pk=statement.pk).update(start_offset=None, end_offset=None)
    html = page(client, meeting.get_absolute_url(), s=str(statement.order))
    assert "<script>alert" not in html
    assert (
        f'<mark id="original-{statement.anchor}" class="original-span" '
        f'data-statement="{statement.anchor}">&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; '
        "&amp; friends said so.</mark>"
    ) in html
    assert "Intro &lt;b&gt;bold&lt;/b&gt;." in html


def test_editor_note_is_markdown_and_sanitised(client, seeds):
    meeting = seeds[0]
    meeting.editor_note = (
        "Checked against the **printed** text.\n\n<script>alert('note')</script>"
        '\n\n<a href="javascript:alert(1)" onclick="x()">link</a>'
    )
    meeting.save()
    html = page(client, meeting.get_absolute_url())
    note = re.search(r'<section class="editor-note".*?</section>', html, re.S).group()
    assert "<strong>printed</strong>" in note
    assert "<script" not in note and "alert('note')" not in note
    assert "javascript:" not in note and "onclick" not in note


def test_meeting_page_links_neighbours_related_and_citations(client, seeds):
    by_date = sorted(seeds, key=lambda m: m.date_start)
    middle = by_date[2]
    html = page(client, middle.get_absolute_url())
    assert f'rel="prev" href="{by_date[1].get_absolute_url()}"' in html
    assert f'rel="next" href="{by_date[3].get_absolute_url()}"' in html
    assert 'class="related"' in html
    assert f"Diplomatic Meetings Archive. http://testserver{middle.get_absolute_url()} " in html
    for fmt in ("txt", "csl", "ris", "bibtex"):
        url = reverse("machine:meeting_citation", args=[middle.public_id, fmt])
        assert f'href="{url}"' in html
    assert f'href="{reverse("machine:meeting_json", args=[middle.public_id])}"' in html
    first = page(client, by_date[0].get_absolute_url())
    assert 'rel="prev"' not in first


def test_related_meetings_rank_shared_principals_then_subjects_then_closeness(client, seeds):
    def principals(meeting):
        return {p.person_id for p in meeting.participants.all() if p.role == "principal"}

    def subjects(meeting):
        return {t.subject_id for t in meeting.topics.all() if t.subject_id}

    def rank(meeting, other):
        return (
            -len(principals(meeting) & principals(other)),
            -len(subjects(meeting) & subjects(other)),
            abs((other.date_start - meeting.date_start).days),
        )

    for meeting in seeds:
        others = [
            m
            for m in seeds
            if m.pk != meeting.pk
            and (principals(meeting) & principals(m) or subjects(meeting) & subjects(m))
        ]
        expected = sorted(others, key=lambda m: rank(meeting, m))
        response = client.get(meeting.get_absolute_url())
        assert [m.pk for m in response.context["related"]] == [m.pk for m in expected[:5]]


def related_links(html: str) -> list[str]:
    section = re.search(r'<section class="related".*?</section>', html, re.S).group()
    return re.findall(r'href="(/meetings/[^"/]+/)"', section)


def test_a_summit_lists_the_same_leaders_other_meetings_first(client, seeds):
    koizumi = Person.objects.get(name="Junichiro Koizumi")
    putin = Person.objects.get(name="Vladimir Putin")

    def leaders(meeting):
        return {p.person for p in meeting.participants.all() if p.role == "principal"}

    summits = sorted(
        (m for m in seeds if leaders(m) == {koizumi, putin}), key=lambda m: m.date_start
    )
    assert len(summits) == 3
    sea_island = summits[1]  # 2004: shares "North Korea" with the foreign ministers' meeting
    links = related_links(page(client, sea_island.get_absolute_url()))
    others = {summits[0].get_absolute_url(), summits[2].get_absolute_url()}
    assert set(links[:2]) == others
    ministers = next(m for m in seeds if m.meeting_type == "foreign_ministers")
    shared = {t.subject.key for t in ministers.topics.all() if t.subject} & {
        t.subject.key for t in sea_island.topics.all() if t.subject
    }
    assert shared == {"north korea"}  # a subject nearly every seed has, and nothing else
    assert links.index(ministers.get_absolute_url()) > 1

    # Equal in leaders and subjects (none shared): the closer in time comes first.
    gleneagles = summits[2]
    links = related_links(page(client, gleneagles.get_absolute_url()))
    assert links[:2] == [sea_island.get_absolute_url(), summits[0].get_absolute_url()]


def test_edit_link_only_for_staff(client, seeds):
    meeting = seeds[0]
    edit_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    assert edit_url not in page(client, meeting.get_absolute_url())
    staff = User.objects.create_user("editor", password="pw-for-tests", is_staff=True)
    client.force_login(staff)
    assert f'href="{edit_url}"' in page(client, meeting.get_absolute_url())


def test_meeting_page_queries_do_not_grow_with_statements(
    client, seeds, django_assert_max_num_queries
):
    meeting = max(seeds, key=lambda m: m.statements.count())
    few = query_count(client, meeting.get_absolute_url())
    topic = meeting.topics.first()
    speaker = Person.objects.get(name="Vladimir Putin")
    extra = Statement.objects.bulk_create(
        Statement(meeting=meeting, topic=topic, order=1000 + n, text=f"Extra statement {n}.")
        for n in range(60)
    )
    for statement in extra:
        statement.speakers.add(speaker)
    for number in range(5):
        clone_meeting(meeting, number)
    with django_assert_max_num_queries(few):
        html = page(client, meeting.get_absolute_url())
    assert "Extra statement 59." in html


def test_unknown_meeting_is_a_styled_404(client, seeds):
    html = page(client, "/meetings/no-such-meeting/", status=404)
    assert "Page not found" in html
    assert 'class="site-header"' in html and "css/site.css" in html


def test_server_error_page_is_styled_and_needs_no_database(seeds):
    request = RequestFactory().get("/")
    response = errors.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html and "css/site.css" in html


# --- People and subjects ----------------------------------------------------


def test_person_page(client, seeds):
    person = Person.objects.get(name="Vladimir Putin")
    html = page(client, person.get_absolute_url())
    assert f'<h1 id="person-name" dir="auto">{person.name}</h1>' in html
    assert "President" in html  # office as the texts give it
    attended = Meeting.objects.filter(participants__person=person).distinct()
    for meeting in attended:
        assert f'href="{meeting.get_absolute_url()}"' in html
    assert f'<input type="hidden" name="speaker" value="{person.slug}">' in html
    assert 'action="/search/"' in html
    first = person.statements.order_by("meeting__date_start", "order").first()
    assert f"?s={first.order}#{first.anchor}" in html


def test_person_page_paginates_statements(client, seeds, django_assert_max_num_queries):
    person = Person.objects.get(name="Vladimir Putin")
    few = query_count(client, person.get_absolute_url())
    number = 0
    while person.statements.count() <= 25:
        clone_meeting(seeds[number % len(seeds)], number)
        number += 1
    with django_assert_max_num_queries(few):
        html = page(client, person.get_absolute_url())
    assert html.count('class="statement-hit"') == 25
    assert 'href="/people/' + person.slug + '/?page=2"' in html


def test_people_index(client, seeds):
    html = page(client, reverse("meetings:person_list"))
    mentioned = Person.objects.filter(participations__isnull=False).distinct()
    for person in mentioned:
        assert f'href="{person.get_absolute_url()}"' in html
    unmentioned = Person.objects.filter(participations__isnull=True, statements__isnull=True)
    for person in unmentioned:
        assert f'href="{person.get_absolute_url()}"' not in html


def test_unknown_person_is_404(client, seeds):
    page(client, reverse("meetings:person", args=["nobody-at-all"]), status=404)


def test_subject_pages(client, seeds):
    subject = Subject.objects.annotate(n=Count("topics__meeting", distinct=True)).latest("n")
    html = page(client, reverse("meetings:subject_list"))
    assert f'href="{subject.get_absolute_url()}"' in html
    html = page(client, subject.get_absolute_url())
    meetings = Meeting.objects.filter(topics__subject=subject).distinct().order_by("date_start")
    positions = [html.index(f'href="{m.get_absolute_url()}#topic-') for m in meetings]
    assert positions == sorted(positions) and len(positions) == subject.n
    topic = Topic.objects.filter(subject=subject).first()
    for statement in topic.statements.all():
        assert escape(statement.text) in html


def _facet_values(html: str, name: str) -> list[str]:
    section = re.search(rf'data-facet="{name}".*?</section>', html, re.S).group()
    return re.findall(r'class="facet-value[^"]*"', section), section


def test_a_long_facet_shows_its_top_values_and_links_to_all(client, seeds):
    from meetings.facets import FACET_LIMIT

    subjects = Subject.objects.filter(topics__isnull=False).distinct().count()
    assert subjects > FACET_LIMIT  # the seeds have more subjects than one facet shows
    html = page(client, reverse("meetings:meeting_list"))
    shown, section = _facet_values(html, "subject")
    assert len(shown) == FACET_LIMIT
    more = subjects - FACET_LIMIT
    assert f'<a href="/meetings/?all=subject">Show {more} more</a>' in section

    html = page(client, reverse("meetings:meeting_list"), all="subject")
    shown, section = _facet_values(html, "subject")
    assert len(shown) == subjects
    assert '<a href="/meetings/">Show fewer</a>' in section
    # Only the facet asked for opens; the others keep their limit.
    assert len(_facet_values(html, "person")[0]) <= FACET_LIMIT


def _facet_rows(html: str, name: str) -> list[str]:
    section = re.search(rf'data-facet="{name}".*?</section>', html, re.S).group()
    return re.findall(r"<li>(.*?)</li>", section, re.S)


def test_the_selected_facet_value_is_the_first_row_with_its_count(client, seeds):
    html = page(client, reverse("meetings:meeting_list"), year="2004")
    rows = _facet_rows(html, "year")
    assert 'aria-current="true"' in rows[0]
    assert '2004 <span class="count">2</span>' in rows[0]
    assert len(rows) == 3  # the other years stay, newest first, below it
    assert '2005 <span class="count">1</span>' in rows[1]
    # However the year is written.
    assert 'aria-current="true"' in _facet_rows(page(client, "/meetings/?year=02004"), "year")[0]


def test_a_selected_value_beyond_the_cut_comes_first(client, seeds):
    from meetings.facets import FACET_LIMIT

    html = page(client, reverse("meetings:meeting_list"))
    slugs = re.findall(r'href="/meetings/\?subject=([^"]+)"', html)
    assert len(slugs) == FACET_LIMIT
    hidden = Subject.objects.filter(topics__isnull=False).exclude(slug__in=slugs).first()
    html = page(client, reverse("meetings:meeting_list"), subject=hidden.slug)
    rows = _facet_rows(html, "subject")
    assert len(rows) <= FACET_LIMIT
    assert 'aria-current="true"' in rows[0] and escape(hidden.name) in rows[0]
