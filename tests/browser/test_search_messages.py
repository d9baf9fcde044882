"""The search page's messages in the browser, at desktop width and at 375 px: how the query
was read, the field-syntax hint, and a field value it could not use (issue 12, finding 9)."""

from __future__ import annotations

import re

import pytest
from browser_helpers import PHONE, VIEWPORTS, horizontal_overflow
from playwright.sync_api import expect

from meetings.models import Person, Statement

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_names_and_a_year_typed_as_words_lead_to_the_field_syntax(archive, page, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(archive("/search/"))
    page.locator("#q").fill("putin peace treaty 2004")
    page.locator("#q").press("Enter")

    expect(page.locator(".understood")).to_have_text(
        "Searched for statements containing “putin”, “peace”, “treaty” and “2004”."
    )
    hint = page.locator(".field-hint a")
    expect(hint).to_have_text('speaker:putin year:2004 "peace treaty"')
    box = hint.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]  # on the first screen, phone or not
    assert horizontal_overflow(page) <= 1

    hint.click()
    expect(page.locator("#q")).to_have_value('speaker:putin year:2004 "peace treaty"')
    expect(page.locator(".understood")).to_have_text(
        "Searched for statements containing the phrase “peace treaty”, spoken by putin, in 2004."
    )
    expect(page.locator(".field-hint")).to_have_count(0)
    links = page.locator("a.hit-meeting")
    expect(links.first).to_be_visible()
    putin = Person.objects.get(name="Vladimir Putin")
    for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        public_id, order = re.search(r"/meetings/([^/]+)/\?s=(\d+)", href).groups()
        statement = Statement.objects.get(meeting__public_id=public_id, order=int(order))
        assert putin in statement.speakers.all() and statement.meeting.date_start.year == 2004


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_year_it_cannot_read_is_explained_in_plain_words(archive, page, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(archive("/search/?q=treaty+year:abcd"))
    expect(page.locator(".notice-info")).to_have_text(
        "year:abcd was left out: “abcd” is not a year (write year:2004 or year:2003..2005)"
    )
    expect(page.locator(".understood")).to_have_text("Searched for statements containing “treaty”.")
    expect(page.locator(".hit").first).to_be_visible()

    page.goto(archive("/search/?q=year:abcd"))
    expect(page.locator('[role="alert"]')).to_have_text(
        "Nothing was searched: year:abcd was left out: “abcd” is not a year "
        "(write year:2004 or year:2003..2005)."
    )
    expect(page.locator(".facets")).to_have_count(0)
    results = page.locator(".results").bounding_box()
    assert results["width"] > VIEWPORTS[viewport]["width"] * 0.8  # no empty Refine column
    assert horizontal_overflow(page) <= 1
