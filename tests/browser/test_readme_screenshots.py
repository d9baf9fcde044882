"""The README's screenshots, written only when asked for:

    .venv/bin/pytest tests/browser/test_readme_screenshots.py --screenshots

They land in docs/screenshots/ at 1280 x 900.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.models import Count
from playwright.sync_api import expect

from meetings.models import Statement, Subject

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        "not config.getoption('--screenshots')",
        reason="writes docs/screenshots/ only with --screenshots",
    ),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WINDOW = {"width": 1280, "height": 900}
QUERY = "peace treaty"


def shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_meeting_page_screenshot(archive, page):
    statement = (
        Statement.objects.filter(text__icontains=QUERY)
        .select_related("meeting")
        .order_by("meeting__date_start", "order")
        .first()
    )
    page.set_viewport_size(WINDOW)
    page.goto(archive(f"{statement.meeting.get_absolute_url()}?s={statement.order}"))
    expect(page.locator("#original mark")).to_be_visible()
    shoot(page, "meeting")


def test_search_page_screenshot(archive, page):
    page.set_viewport_size(WINDOW)
    page.goto(archive("/search/"))
    page.locator("#q").fill(QUERY)
    page.locator("#q").press("Enter")
    expect(page.locator(".hit").first).to_be_visible()
    shoot(page, "search")


def test_person_box_screenshot(archive, page):
    page.set_viewport_size(WINDOW)
    page.goto(archive("/search/?q=Kasianov"))
    expect(page.locator(".person-box")).to_be_visible()
    shoot(page, "person-box")


def test_people_page_screenshot(archive, page):
    page.set_viewport_size(WINDOW)
    page.goto(archive("/people/"))
    page.get_by_label("Name").press_sequentially("kasj", delay=30)
    expect(page.get_by_role("option").first).to_be_visible()
    shoot(page, "people")


def test_statement_citation_screenshot(archive, page):
    statement = (
        Statement.objects.filter(meeting__provisional_translation=True, speakers__isnull=False)
        .select_related("meeting")
        .order_by("order")[2]
    )
    page.set_viewport_size(WINDOW)
    page.goto(archive(statement.meeting.get_absolute_url()))
    block = page.locator(f"#{statement.anchor}")
    block.locator(".cite-statement summary").click()
    expect(block.locator(".citation-text")).to_be_visible()
    block.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 24)")
    shoot(page, "statement-citation")


def test_positions_screenshot(archive, page):
    subject = Subject.objects.annotate(n=Count("topics__statements")).order_by("-n", "slug")[0]
    page.set_viewport_size(WINDOW)
    page.goto(archive(f"/positions/?subject={subject.slug}"))
    expect(page.locator("svg.pairs-chart")).to_be_visible()
    chart = page.locator(".positions-chart")
    chart.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 12)")
    shoot(page, "positions")
