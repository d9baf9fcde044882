"""Browsing: facets on the meetings list, and from a statement's speaker to the person page."""

from __future__ import annotations

import re

import pytest
from browser_helpers import busiest_meeting
from playwright.sync_api import expect

from meetings.models import Meeting, Person

pytestmark = pytest.mark.browser


def expect_meetings(page, count: int) -> None:
    expect(page.locator(".result-count")).to_have_text(re.compile(rf"^{count} meetings?$"))
    expect(page.locator(".meeting-item")).to_have_count(count)


def click_facet(page, facet: str, label: str) -> int:
    """Follow a facet value's link; returns the count the link promised."""
    link = page.locator(f'.facet[data-facet="{facet}"] a.facet-value', has_text=label)
    promised = int(link.locator(".count").inner_text())
    link.click()
    return promised


def test_facets_narrow_the_meetings_list_and_removing_them_widens_it_again(archive, page):
    page.goto(archive("/meetings/"))
    everything = Meeting.objects.count()
    expect_meetings(page, everything)
    expect(page.locator(".active-filters")).to_have_count(0)

    summits = click_facet(page, "type", "Summit")
    expect(page).to_have_url(re.compile(r"[?&]type=summit\b"))
    assert summits == Meeting.objects.filter(meeting_type="summit").count()
    expect_meetings(page, summits)
    expect(page.locator(".active-filters .chip")).to_have_count(1)
    expect(page.locator('.facet[data-facet="type"] a.is-selected')).to_contain_text("Summit")

    summits_2004 = click_facet(page, "year", "2004")
    expect(page).to_have_url(re.compile(r"[?&]year=2004\b"))
    expect_meetings(page, summits_2004)
    in_2004 = Meeting.objects.filter(date_start__year=2004)
    assert summits_2004 == in_2004.filter(meeting_type="summit").count()
    assert 0 < summits_2004 < summits
    expect(page.locator(".active-filters .chip")).to_have_count(2)

    # Remove the first filter through its chip: only the year is left.
    page.locator(".active-filters .chip", has_text="Summit").click()
    expect(page).not_to_have_url(re.compile(r"type="))
    assert in_2004.count() > summits_2004
    expect_meetings(page, in_2004.count())
    expect(page.locator(".active-filters .chip")).to_have_count(1)

    # The selected facet value is itself a link that removes the filter.
    page.locator('.facet[data-facet="year"] a.is-selected').click()
    expect(page).not_to_have_url(re.compile(r"year="))
    expect_meetings(page, everything)
    expect(page.locator(".active-filters")).to_have_count(0)
    expect(page.locator(".facet a.is-selected")).to_have_count(0)


def test_a_speaker_link_leads_to_the_person_page(archive, page):
    meeting = busiest_meeting()
    page.goto(archive(meeting.get_absolute_url()))
    speaker_link = page.locator(".statement a.speaker").first
    name = speaker_link.inner_text()
    speaker_link.click()

    person = Person.objects.get(name=name)
    expect(page).to_have_url(archive(person.get_absolute_url()))
    expect(page.locator("h1")).to_have_text(name)
    expect(page.locator("main")).to_contain_text("Statements")
    # The meeting we came from is among the person's statements.
    from_meeting = page.locator(f'.statement-hit a[href^="{meeting.get_absolute_url()}"]')
    expect(from_meeting.first).to_be_visible()
