"""Bidi controls in imported text stay inside their own element (issue 11.4).

A U+202E (RIGHT-TO-LEFT OVERRIDE) in a title or statement, left unterminated,
reverses everything after it up to the end of the enclosing paragraph: the
page's own words around it. Every page must put such text inside a <bdi>
element or an element with dir="auto", which the browser isolates.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from meetings import importer
from meetings import search as search_engine
from meetings.models import Meeting, Person, Statement

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seeds" / "003_a3cc2b874fe25dad.txt"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# No markup possible, nothing laid out, or a form control that isolates its contents.
NOT_RENDERED = {"title", "script", "style", "textarea", "select", "option"}


class IsolationChecker(HTMLParser):
    """Collects text holding a bidi control that no <bdi> or dir="auto" element encloses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, isolates)
        self.exposed: list[str] = []
        self.isolated = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        isolates = tag == "bdi" or dict(attrs).get("dir") == "auto"
        self.stack.append((tag, isolates))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not BIDI_CONTROLS.search(data):
            return
        if any(tag in NOT_RENDERED for tag, _ in self.stack):
            return
        if any(isolates for _, isolates in self.stack):
            self.isolated += 1
        else:
            self.exposed.append(data.strip()[:80])


def check(html: str) -> IsolationChecker:
    checker = IsolationChecker()
    checker.feed(html)
    checker.close()
    return checker


@pytest.fixture
def overridden(transactional_db, settings, tmp_path):
    """The Lavrov seed with U+202E in its title, a heading and a statement, imported and indexed."""
    settings.SEARCH_AUTO_INDEX = True
    text = SEED.read_text(encoding="utf-8")
    title = text.split("\n", 1)[0]
    text = text.replace(title, "\u202eReversed\u202c " + title, 1)
    text = text.replace("2. The Northern Territorial Issue", "2. The \u202eNorthern\u202c Issue", 1)
    text = text.replace(
        "There was brief reference to the issue of Iraq",
        "There was brief reference to the issue of \u202eIraq",  # never terminated
        1,
    )
    path = tmp_path / "override.txt"
    path.write_text(text, encoding="utf-8")
    summary = importer.import_paths([path])
    assert summary.new == 1 and not summary.errors, summary.errors
    meeting = Meeting.objects.get()
    assert "\u202e" in meeting.title
    assert Statement.objects.filter(text__contains="\u202eIraq").exists()
    return meeting


def pages(meeting: Meeting) -> dict[str, str]:
    topic = meeting.topics.get(heading__contains="\u202e")
    lavrov = Person.objects.get(name="Sergey Lavrov")
    return {
        "meeting": meeting.get_absolute_url(),
        "meeting highlighted": meeting.get_absolute_url() + "?s=1",
        "meetings": reverse("meetings:meeting_list"),
        "home": reverse("meetings:home"),
        "person": lavrov.get_absolute_url(),
        "subject": topic.subject.get_absolute_url(),
        "subjects": reverse("meetings:subject_list"),
        "search": reverse("meetings:search") + "?q=Iraq",
        "search by title": reverse("meetings:search") + "?q=title:reversed",
    }


def test_bidi_controls_are_isolated_on_every_page(client, overridden):
    assert search_engine.search("Iraq").total >= 1  # the search page has hits to show
    for name, url in pages(overridden).items():
        response = client.get(url)
        assert response.status_code == 200, name
        found = check(response.content.decode("utf-8"))
        assert found.exposed == [], f"{name}: not isolated: {found.exposed}"
        assert found.isolated > 0, f"{name}: the text is not on the page"


def test_the_checker_sees_unisolated_text():
    assert check("<p>a \u202eb</p>").exposed == ["a \u202eb"]
    assert check('<p>a <bdi>\u202eb</bdi> c</p><p dir="auto">\u202ed</p>').exposed == []
    assert check("<title>\u202ex</title>").exposed == []


def review_pages(meeting: Meeting) -> dict[str, str]:
    """The editors' own pages that show imported text (the stock admin forms show it
    in form controls, which isolate their contents)."""
    statement = Statement.objects.get(text__contains="\u202eIraq")
    return {
        "review queue": reverse("meetings_review:queue"),
        "statement editor": reverse("meetings_review:statement", args=[statement.pk]),
    }


def test_bidi_controls_are_isolated_on_the_review_pages(admin_client, overridden):
    lavrov = Person.objects.get(name="Sergey Lavrov")
    Person.objects.filter(pk=lavrov.pk).update(name="\u202eSergey Lavrov")
    statement = Statement.objects.get(text__contains="\u202eIraq")
    statement.speakers.add(lavrov)
    Statement.objects.filter(pk=statement.pk).update(confidence=0.1)  # into the queue
    Meeting.objects.filter(pk=overridden.pk).update(
        needs_review=True, review_reasons=["no date for the talks"]
    )
    for name, url in review_pages(overridden).items():
        response = admin_client.get(url)
        assert response.status_code == 200, name
        found = check(response.content.decode("utf-8"))
        assert found.exposed == [], f"{name}: not isolated: {found.exposed}"
        assert found.isolated > 0, f"{name}: the text is not on the page"
