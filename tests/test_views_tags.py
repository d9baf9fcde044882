"""archive_tags: facet links from the query string, Markdown, dates, optional URLs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from meetings.models import Meeting
from meetings.templatetags.archive_tags import date_range, render_markdown


def render(source: str, url: str = "/meetings/?year=2004&type=summit&page=3", **context) -> str:
    request = RequestFactory().get(url)
    template = Template("{% load archive_tags %}" + source)
    return template.render(Context({"request": request, **context}))


def test_add_qsarg_replaces_the_value_and_restarts_paging():
    assert render("{% add_qsarg 'year' 2005 %}") == "/meetings/?year=2005&amp;type=summit"
    assert render("{% add_qsarg 'person' 'a&b' %}") == (
        "/meetings/?year=2004&amp;type=summit&amp;person=a%26b"
    )


def test_add_qsarg_page_keeps_the_filters():
    assert render("{% add_qsarg 'page' 4 %}") == "/meetings/?year=2004&amp;type=summit&amp;page=4"


def test_remove_qsarg_drops_one_parameter():
    assert render("{% remove_qsarg 'year' %}") == "/meetings/?type=summit"
    assert render("{% remove_qsarg 'year' %}", url="/meetings/?year=2004") == "/meetings/"
    assert render("{% remove_qsarg 'x' 'b' %}", url="/s/?x=a&x=b") == "/s/?x=a"


def test_toggle_qsarg_adds_or_removes():
    assert render("{% toggle_qsarg 'year' 2004 %}") == "/meetings/?type=summit"
    assert render("{% toggle_qsarg 'year' 2003 %}") == "/meetings/?year=2003&amp;type=summit"


def test_url_or_empty_leaves_out_unknown_routes():
    assert render("{% url_or_empty 'meetings:meeting' 'abc' %}") == "/meetings/abc/"
    assert render("{% url_or_empty 'machine:not-a-route' 'abc' %}") == ""


def test_markdown_is_rendered_then_sanitised():
    html = render_markdown("*Note* <script>alert(1)</script> <img src=x onerror=alert(1)>")
    assert "<em>Note</em>" in html
    assert "<script" not in html and "onerror" not in html
    assert render("{{ note|markdown }}", note="[x](javascript:alert(1))") == (
        '<p><a rel="noopener noreferrer">x</a></p>'
    )


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        ("2004-06-09", None, "9 June 2004"),
        ("2003-12-15", "2003-12-16", "15–16 December 2003"),
        ("2003-11-30", "2003-12-02", "30 November – 2 December 2003"),
        ("2003-12-31", "2004-01-01", "31 December 2003 – 1 January 2004"),
    ],
)
def test_date_range(start, end, text):
    meeting = Meeting(
        date_start=dt.date.fromisoformat(start),
        date_end=dt.date.fromisoformat(end) if end else None,
    )
    assert date_range(meeting) == f'<time datetime="{start}">{text}</time>'
