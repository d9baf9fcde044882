"""Statement citations and positions over time, in Chromium at desktop width and at 375 px."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import PHONE, busiest_meeting, horizontal_overflow, widest_elements
from playwright.sync_api import expect

from meetings.models import Statement, Subject

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    return Axe()


def assert_axe_clean(page, axe) -> None:
    violations = axe.run(page).response["violations"]
    blocking = [
        f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes'][:5]]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert not blocking, "\n".join(blocking)


def assert_fits(page) -> None:
    overflow = horizontal_overflow(page)
    assert overflow <= 1, f"{overflow}px too wide; widest: {widest_elements(page)}"


def spoken_statement() -> Statement:
    """A statement of the busiest seed meeting with a speaker, somewhere down the page."""
    meeting = busiest_meeting()
    spoken = meeting.statements.filter(speakers__isnull=False).order_by("order")
    return spoken[spoken.count() // 2]


def biggest_subject() -> Subject:
    from django.db.models import Count

    return Subject.objects.annotate(n=Count("topics__statements")).order_by("-n", "slug")[0]


# --- Citations -----------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_a_statement_copies_its_link_and_shows_its_whole_citation(archive, page, axe, width):
    page.set_viewport_size(WIDTHS[width])
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=archive.url)
    statement = spoken_statement()
    meeting_url = archive(statement.meeting.get_absolute_url())
    page.goto(meeting_url)
    block = page.locator(f"#{statement.anchor}")

    block.locator(".copy-link").click()
    expect(block.locator(".copy-link")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{meeting_url}#{statement.anchor}"

    citation = block.locator(".citation-text")
    expect(citation).to_be_hidden()
    block.locator(".cite-statement summary").click()
    expect(citation).to_be_visible()
    text = citation.inner_text()
    assert f"§ {statement.order}, statement by " in text
    assert "Ministry of Foreign Affairs of Japan" in text
    assert f"{meeting_url}#{statement.anchor}" in text.replace("\n", "")
    # The whole citation shows: nothing is cut or scrolled away inside its box.
    assert citation.evaluate("el => el.scrollWidth <= el.clientWidth")
    box = citation.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS[width]["width"]
    block.locator(".cite-statement .copy-citation").click()
    assert page.evaluate("navigator.clipboard.readText()") == text.strip()

    assert_fits(page)
    assert_axe_clean(page, axe)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_meeting_citation_box_shows_the_whole_url(archive, page, width):
    page.set_viewport_size(WIDTHS[width])
    meeting = busiest_meeting()
    page.goto(archive(meeting.get_absolute_url()))
    box = page.locator("#citation-text")
    box.scroll_into_view_if_needed()
    expect(box).to_contain_text(meeting.source_url)
    assert box.evaluate(
        "el => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight"
    )
    assert_fits(page)


def test_print_keeps_the_section_numbers(archive, page):
    meeting = busiest_meeting()
    page.goto(archive(meeting.get_absolute_url()))
    page.emulate_media(media="print")
    numbers = page.locator(".statement .permalink")
    assert numbers.count() == meeting.statements.count()
    for index in (0, numbers.count() // 2, numbers.count() - 1):
        expect(numbers.nth(index)).to_be_visible()
        expect(numbers.nth(index)).to_have_text(re.compile(r"^§ \d+$"))
    expect(page.locator(".statement .show-original").first).to_be_hidden()
    expect(page.locator(".statement .cite-statement").first).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()


# --- Positions over time ---------------------------------------------------------------


def test_positions_are_reached_from_the_subject_page_and_from_search(archive, page):
    subject = biggest_subject()
    page.goto(archive(subject.get_absolute_url()))
    page.get_by_role("link", name="Positions over time").click()
    expect(page).to_have_url(re.compile(rf"/positions/\?subject={subject.slug}$"))
    expect(page.locator("h1")).to_have_text(f"Positions over time: {subject.name}")

    page.goto(archive("/search/?q=peace+treaty"))
    page.get_by_role("link", name="Positions over time").click()
    expect(page).to_have_url(re.compile(r"/positions/\?q=peace\+treaty$"))
    expect(page.locator(".positions-meeting").first).to_be_visible()


def column_boxes(page):
    row = (
        page.locator(".positions-meeting")
        .filter(has=page.locator(".side-counterpart .position"))
        .filter(has=page.locator(".side-home .position"))
        .first
    )
    return (
        row.locator(".positions-side.side-home").bounding_box(),
        row.locator(".positions-side.side-counterpart").bounding_box(),
        row,
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_positions_stand_side_by_side_and_stack_on_a_phone(archive, page, axe, width):
    page.set_viewport_size(WIDTHS[width])
    subject = biggest_subject()
    page.goto(archive(f"/positions/?subject={subject.slug}"))
    home, counterpart, row = column_boxes(page)
    if width == "desktop":
        assert (
            abs(home["y"] - counterpart["y"]) < 2 and counterpart["x"] > home["x"] + home["width"]
        )
        expect(page.locator(".positions-head")).to_be_visible()
        # Named once in the sticky head; each column's own label is for screen readers.
        label = row.locator(".positions-side .side-label").first.bounding_box()
        assert label["width"] <= 1 and label["height"] <= 1
    else:
        assert counterpart["y"] >= home["y"] + home["height"] - 1
        assert abs(counterpart["x"] - home["x"]) < 2
        expect(page.locator(".positions-head")).to_be_hidden()
        expect(row.locator(".side-home .side-label")).to_have_text(re.compile("Japan", re.I))
    expect(page.locator("svg.pairs-chart")).to_be_visible()
    page.locator(".chart-table summary").click()
    expect(page.locator(".counts-table")).to_be_visible()
    assert_fits(page)
    assert_axe_clean(page, axe)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_position_opens_its_highlighted_place_in_the_original(archive, page, width):
    page.set_viewport_size(WIDTHS[width])
    page.goto(archive("/positions/?q=peace+treaty"))
    link = page.locator(".positions-side.side-counterpart .position-link a").first
    href = link.get_attribute("href")
    order = re.search(r"\?s=(\d+)#s\1$", href).group(1)
    link.click()
    expect(page).to_have_url(re.compile(rf"\?s={order}#s{order}$"))
    expect(page.locator(f"#s{order}")).to_have_class(re.compile(r"\bis-selected\b"))
    expect(page.locator(f"mark#original-s{order}")).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["/positions/", "/positions/?q=peace+treaty&year=2004"])
def test_other_positions_pages_are_accessible_and_fit(archive, page, axe, width, path):
    page.set_viewport_size(WIDTHS[width])
    assert page.goto(archive(path)).status == 200
    assert_fits(page)
    assert_axe_clean(page, axe)
