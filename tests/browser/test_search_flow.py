"""Search from the home page, open a hit, land on its statement highlighted in the original."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from meetings.models import Statement

pytestmark = pytest.mark.browser


def test_a_hit_opens_its_statement_highlighted_in_the_original_text(archive, page):
    page.goto(archive("/"))
    page.locator("#q").fill("peace treaty")
    page.locator("#q").press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=peace\+treaty"))
    hits = page.locator(".hit")
    expect(hits.first).to_be_visible()
    expect(hits.first.locator(".snippet mark").first).to_have_text(re.compile("peace|treaty", re.I))

    first_hit = hits.first.locator("a.hit-meeting")
    meeting_title = first_hit.inner_text()
    first_hit.click()

    expect(page).to_have_url(re.compile(r"\?s=\d+#s\d+$"))
    anchor = page.evaluate("() => location.hash.slice(1)")
    expect(page.locator("h1")).to_have_text(meeting_title)

    target = page.locator(":target")
    expect(target).to_have_count(1)
    expect(target).to_have_id(anchor)
    expect(target).to_have_class(re.compile(r"\bstatement\b"))
    expect(target).to_be_in_viewport()

    # The same statement as the hit, and its own words are what the original marks.
    public_id = re.search(r"/meetings/([^/]+)/", page.url).group(1)
    statement = Statement.objects.get(
        meeting__public_id=public_id, order=int(anchor.removeprefix("s"))
    )
    expect(target.locator(".text")).to_have_text(statement.text)
    marked = page.locator("#original mark")
    expect(marked).to_have_count(1)
    expect(marked).to_have_id(f"original-{anchor}")
    expect(marked).to_be_visible()
    expect(marked).to_be_in_viewport()
    original_span = page.evaluate(
        "(id) => document.getElementById(id).textContent", f"original-{anchor}"
    )
    assert _words(statement.text)[:4] == _words(original_span)[:4]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())
