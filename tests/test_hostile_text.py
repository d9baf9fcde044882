"""Hostile text in every imported field, read back through every way out (issue 11).

Meeting titles, places, people's names, subjects, headings, statements and
editors' notes come from pages we do not control. Each hostile string below is
put into all of them at once, and then every page, feed, JSON answer, CSV
export and citation is read back: nothing may run as markup, nothing may break
the file format it sits in, and the text must come back intact where the format
carries text as text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from meetings import importer
from meetings import search as search_engine
from meetings.models import Meeting, Person, Statement, Topic

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seeds" / "003_a3cc2b874fe25dad.txt"

# "XSS" marks the part of each string that would run if it ever became markup.
HOSTILE = [
    "<script>XSS()</script>",
    '"><img src=x onerror=XSS()>',
    "'><svg onload=XSS()>",
    "javascript:XSS()",
    '<a href="javascript:XSS()">click</a>',
    "</textarea></title><script>XSS()</script>",
    "<iframe src=XSS></iframe>",
    "<style>body{background:url(XSS)}</style>",
    "<!-- XSS",
    "]]></title><entry><title>XSS</title>",
    '=HYPERLINK("http://XSS")',
    "+cmd|' /C XSS'!A0",
    "@SUM(XSS)",
    "{{ XSS }} {% debug %}",
    "XSS}, author={Someone else",
    "XSS\nER  - \nTY  - JOUR",
    "[XSS](javascript:XSS()) ![x](javascript:XSS())",
    "&lt;script&gt;XSS&lt;/script&gt; &amp;",
]

EXECUTING_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


class MarkupChecker(HTMLParser):
    """Collects every place where the marker became markup that could run."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.inside: list[str] = []

    def handle_starttag(self, tag, attrs):
        if "xss" in tag.lower():
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            value = value or ""
            if "xss" in name.lower():
                self.problems.append(f"attribute {name} on <{tag}>")
            elif name.lower().startswith("on") and "xss" in value.lower():
                self.problems.append(f"handler {name} on <{tag}>")
            elif name in ("href", "src", "action", "formaction") and EXECUTING_URL.match(value):
                self.problems.append(f"{name}={value[:40]} on <{tag}>")
        if tag in ("script", "style"):
            self.inside.append(tag)

    def handle_endtag(self, tag):
        if self.inside and self.inside[-1] == tag:
            self.inside.pop()

    def handle_data(self, data):
        if self.inside and "xss" in data.lower():
            self.problems.append(f"inside <{self.inside[-1]}>: {data.strip()[:40]}")


def markup_problems(html: str) -> list[str]:
    checker = MarkupChecker()
    checker.feed(html)
    checker.close()
    return checker.problems


@pytest.fixture
def hostile_archive(request, transactional_db, settings, tmp_path):
    """The Lavrov seed imported, then one hostile string put into every field readers see."""
    hostile = request.param
    settings.SEARCH_AUTO_INDEX = False
    summary = importer.import_paths([SEED])
    assert summary.new == 1 and not summary.errors, summary.errors
    meeting = Meeting.objects.get()
    Meeting.objects.filter(pk=meeting.pk).update(
        title=f"{hostile} talks", location=hostile, editor_note=f"Note: {hostile}"
    )
    topic = meeting.topics.order_by("order").first()
    Topic.objects.filter(pk=topic.pk).update(heading=hostile)
    topic.subject.__class__.objects.filter(pk=topic.subject_id).update(name=hostile)
    Person.objects.filter(name="Sergey Lavrov").update(name=f"Sergey {hostile} Lavrov")
    statement = meeting.statements.order_by("order").first()
    Statement.objects.filter(pk=statement.pk).update(text=f"Iraq and {hostile} were discussed")
    search_engine.rebuild()
    return hostile, Meeting.objects.get(), Statement.objects.get(pk=statement.pk)


def html_urls(meeting: Meeting) -> list[str]:
    person = Person.objects.get(name__startswith="Sergey ", name__endswith=" Lavrov")
    subject = meeting.topics.order_by("order").first().subject
    search = reverse("meetings:search")
    return [
        meeting.get_absolute_url(),
        meeting.get_absolute_url() + "?s=1",
        reverse("meetings:meeting_list"),
        reverse("meetings:home"),
        person.get_absolute_url(),
        reverse("meetings:person_list"),
        subject.get_absolute_url(),
        reverse("meetings:subject_list"),
        reverse("meetings:positions") + f"?subject={subject.slug}",
        search + "?q=Iraq",
        search + "?q=" + "discussed%20%3Cscript%3EXSS()",
    ]


def machine_urls(meeting: Meeting, statement: Statement) -> dict[str, list[str]]:
    public_id = meeting.public_id
    citations = [
        reverse("machine:meeting_citation", args=[public_id, fmt])
        for fmt in ("txt", "csl", "ris", "bibtex")
    ] + [
        reverse("machine:statement_citation", args=[public_id, statement.order, fmt])
        for fmt in ("txt", "csl", "ris", "bibtex")
    ]
    return {
        "atom": [
            reverse("machine:feed_meetings"),
            reverse("machine:feed_search") + "?q=Iraq",
        ],
        "json": [
            reverse("machine:api_meetings"),
            reverse("machine:api_meeting", args=[public_id]),
            reverse("machine:meeting_json", args=[public_id]),
            reverse("machine:api_search") + "?q=Iraq",
            reverse("machine:api_suggest") + "?q=Sergey",
        ],
        "csv": [reverse("machine:meetings_csv"), reverse("machine:search_csv") + "?q=Iraq"],
        "citations": citations,
    }


def text_in(value, wanted: str) -> bool:
    if isinstance(value, str):
        return wanted in value
    if isinstance(value, dict):
        return any(text_in(item, wanted) for item in value.values())
    if isinstance(value, list):
        return any(text_in(item, wanted) for item in value)
    return False


def collapsed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("hostile_archive", HOSTILE, indirect=True)
def test_hostile_text_never_becomes_markup_nor_breaks_a_format(client, hostile_archive):
    hostile, meeting, statement = hostile_archive
    machine = machine_urls(meeting, statement)
    for url in html_urls(meeting):
        response = client.get(url)
        assert response.status_code == 200, url
        assert markup_problems(response.content.decode("utf-8")) == [], url
    for url in machine["atom"]:
        check_feed(client.get(url).content, hostile, url)
    for url in machine["json"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text_in(json.loads(response.content), hostile), url
    for url in machine["csv"]:
        check_csv(client.get(url).content.decode("utf-8-sig"), hostile, url)
    for url in machine["citations"]:
        response = client.get(url)
        assert response.status_code == 200, url
        check_citation(url.rsplit(".", 1)[-1], response.content.decode("utf-8"), hostile)


def check_feed(content: bytes, hostile: str, url: str) -> None:
    feed = ET.fromstring(content)  # raises if the text broke the XML
    names = {element.tag.rsplit("}", 1)[-1] for element in feed.iter()}
    assert not any("xss" in name.lower() for name in names), url
    assert any(hostile in (element.text or "") for element in feed.iter()), url


def check_csv(content: str, hostile: str, url: str) -> None:
    cells = [cell for row in csv.reader(io.StringIO(content)) for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@"))], url
    assert any(hostile in cell for cell in cells), url


def check_citation(fmt: str, body: str, hostile: str) -> None:
    """One record each, and the text in it (a citation writes whitespace as one space)."""
    if fmt == "ris":
        lines = body.splitlines()
        assert sum(line.startswith("TY  -") for line in lines) == 1
        assert sum(line.startswith("ER  -") for line in lines) == 1
    elif fmt == "bibtex":
        assert body.count("{") == body.count("}")
        assert len(re.findall(r"^@\w+\{", body, re.MULTILINE)) == 1
        assert not re.search(r"^\s*author\s*=\s*\{Someone", body, re.MULTILINE)
    elif fmt == "csl":
        assert text_in(json.loads(body), collapsed(hostile))
    else:
        assert collapsed(hostile) in body


def test_the_checker_sees_markup_that_runs():
    assert markup_problems("<p>a <script>XSS()</script></p>") == ["inside <script>: XSS()"]
    assert markup_problems('<img src=x onerror="XSS()">') == ["handler onerror on <img>"]
    assert markup_problems('<a href="javascript:XSS()">x</a>') == ["href=javascript:XSS() on <a>"]
    assert markup_problems("<p>&lt;script&gt;XSS()&lt;/script&gt;</p>") == []
    assert markup_problems('<input value="&quot;&gt;&lt;img onerror=XSS()&gt;">') == []
