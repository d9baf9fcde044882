"""Issue 13: the meeting change form: the original text beside compact rows, the parser's
doubts first, dates and documents one a line, labelled cells. Its looks (height, overflow,
axe) are measured in Chromium: tests/browser/test_editor_pages.py."""

from __future__ import annotations

from html import escape

import pytest
from django.urls import reverse

from meetings import importer
from meetings.models import Meeting, Statement
from meetings.review import Segment, source_segments
from tests.test_admin import form_data


@pytest.fixture
def seeds_imported(db, seed_paths):
    assert importer.import_paths(seed_paths).failed == 0


def busiest() -> Meeting:
    return max(Meeting.objects.all(), key=lambda m: m.statements.count())


def change_page(admin_client, meeting: Meeting):
    response = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert response.status_code == 200
    return response


def test_the_original_text_stands_beside_with_each_statement_marked(admin_client, seeds_imported):
    meeting = busiest()

    html = change_page(admin_client, meeting).content.decode()

    pane = html[html.index('<aside class="meeting-source"') :]
    pane = pane[: pane.index("</aside>")]
    statements = list(meeting.statements.order_by("order"))
    for statement in statements:
        span = f'<span class="source-statement" id="text-{statement.anchor}">'
        words = meeting.original_text[statement.start_offset : statement.end_offset]
        assert span + escape(words) + "</span>" in pane
        # Each row's excerpt links to its place in the text.
        assert f'href="#text-{statement.anchor}" class="to-source"' in html
    assert pane.count('class="source-statement"') == len(statements)
    title_line = meeting.original_text.splitlines()[0]
    assert escape(title_line) in pane  # the text outside the statements is there too
    assert html.index('class="meeting-structure"') < html.index('class="meeting-source"')


def test_statements_are_compact_rows_without_their_text(admin_client, seeds_imported):
    meeting = busiest()

    response = change_page(admin_client, meeting)

    html = response.content.decode()
    statements = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.opts.model is Statement
    )
    fields = set(statements.formset.forms[0].fields)
    assert fields == {"order", "kind", "speakers", "id", "DELETE", "meeting"}
    assert "statements-0-text" not in html
    first = meeting.statements.order_by("order").first()
    assert reverse("meetings_review:statement", args=[first.pk]) in html  # "Check"
    assert reverse("admin:meetings_statement_change", args=[first.pk]) in html  # "Edit"
    # Cells have no <label>: each field names its column and row.
    assert 'aria-label="Kind, row 1"' in html and 'aria-label="Delete, row 1"' in html
    assert 'aria-label="Person, row 1"' in html  # the participants' rows too
    # No add/change/delete icons beside each select.
    assert "related-widget-wrapper" not in html[html.index('id="statements-group"') :]


def test_the_parsers_doubts_come_first_and_open_while_waiting(admin_client, seeds_imported):
    meeting = Meeting.objects.order_by("pk").first()
    Meeting.objects.filter(pk=meeting.pk).update(
        needs_review=True,
        parse_confidence={
            "meeting_dates": {"confidence": 0.3, "reason": "no date for the talks"},
            "title": {"confidence": 0.95, "reason": "the title line"},
        },
    )

    fieldsets = change_page(admin_client, meeting).context["adminform"].fieldsets

    name, options = fieldsets[0]
    assert name == "Parser review" and options["classes"] == []
    html = change_page(admin_client, meeting).content.decode()
    assert "<li>meeting_dates: 0.30 — no date for the talks</li><li>title: 0.95" in html

    Meeting.objects.filter(pk=meeting.pk).update(needs_review=False)
    fieldsets = change_page(admin_client, meeting).context["adminform"].fieldsets
    assert fieldsets[0][1]["classes"] == ["collapse"]


def test_meeting_dates_and_documents_are_edited_one_a_line(admin_client, seeds_imported):
    meeting = busiest()
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(change_page(admin_client, meeting))
    data["documents_issued"] = "  Joint Statement \n\nAction Plan\n"
    data["meeting_dates"] = "2003-01-11\n2003-01-10\n2003-01-10"

    assert admin_client.post(url, data).status_code == 302

    meeting.refresh_from_db()
    assert meeting.documents_issued == ["Joint Statement", "Action Plan"]
    assert meeting.meeting_dates == ["2003-01-10", "2003-01-11"]
    html = change_page(admin_client, meeting).content.decode()
    assert "Joint Statement\nAction Plan</textarea>" in html


def test_statements_are_added_from_their_own_form_not_as_empty_rows(admin_client, seeds_imported):
    response = change_page(admin_client, busiest())
    statements = next(
        i for i in response.context["inline_admin_formsets"] if i.opts.model is Statement
    )
    assert not statements.has_add_permission


@pytest.mark.parametrize(
    ("offsets", "expected"),
    [
        ([(4, 9)], [Segment("One "), Segment("two. ", "s1"), Segment("Three.")]),
        ([(0, 4), (2, 6)], [Segment("One ", "s1"), Segment("two. Three.")]),  # overlap: first
        ([(None, 3), (5, 99)], [Segment("One two. Three.")]),  # unknown or outside the text
    ],
)
def test_source_segments(offsets, expected):
    statements = [
        Statement(order=n, start_offset=start, end_offset=end)
        for n, (start, end) in enumerate(offsets, start=1)
    ]

    assert source_segments("One two. Three.", statements) == expected
