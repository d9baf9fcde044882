"""Phones (375 x 740) and desktop: no sideways scrolling, the Refine panel at the top,
facet rows whole, a timeline that can be read and tapped (issue 12, finding 6).

The archive holds the seeds and a generated corpus spread over 1990-2025, so
lists are long, facets have many values and the timeline has dozens of years.
"""

from __future__ import annotations

import re

import pytest
from browser_helpers import (
    PAGE_TYPES,
    PHONE,
    VIEWPORTS,
    horizontal_overflow,
    page_paths,
    seeds_and_corpus,
    widest_elements,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LISTS_WITH_FACETS = ("meeting_list", "search", "subject")


def list_path(page_type: str) -> str:
    if page_type == "subject":
        return largest_subject().get_absolute_url()
    return {"meeting_list": "/meetings/", "search": "/search/?q=japan"}[page_type]


def largest_subject():
    from django.db.models import Count

    from meetings.models import Subject

    return Subject.objects.annotate(n=Count("topics")).order_by("-n", "slug").first()


MIN_TARGET = 24  # px, WCAG 2.2 target size (minimum)
MIN_TEXT = 12  # px


@pytest.fixture(scope="module")
def archive_paths(seed_paths, tmp_path_factory):
    return seeds_and_corpus(seed_paths, tmp_path_factory.mktemp("corpus"))


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_page_scrolls_sideways(archive, page, page_type, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(archive(page_paths()[page_type]))
    overflow = horizontal_overflow(page)
    assert overflow <= 1, f"{overflow}px too wide; widest: {widest_elements(page)}"


@pytest.mark.parametrize("page_type", LISTS_WITH_FACETS)
def test_on_a_phone_the_refine_panel_is_on_the_first_screen_and_opens(archive, page, page_type):
    page.set_viewport_size(PHONE)
    page.goto(archive(list_path(page_type)))
    summary = page.locator("details.refine > summary")
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    assert box["height"] >= MIN_TARGET
    # Closed, so the results follow it on the same screen.
    first_result = page.locator(".meeting-item, .hit, .subject-section").first.bounding_box()
    assert first_result["y"] < PHONE["height"], first_result

    summary.click()
    year = page.locator('.facet[data-facet="year"] a.facet-value').first
    expect(year).to_be_visible()
    year_value = year.inner_text().split()[0]
    year.click()
    expect(page).to_have_url(re.compile(rf"[?&]year={year_value}\b"))
    expect(page.locator(".chip")).to_contain_text(year_value)
    expect(page.locator("details.refine > summary")).to_contain_text("1 in use")


@pytest.mark.parametrize("page_type", LISTS_WITH_FACETS)
def test_at_desktop_width_the_refine_panel_is_open_beside_the_results(archive, page, page_type):
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.goto(archive(list_path(page_type)))
    panel = page.locator("details.refine")
    expect(panel).to_have_attribute("open", "")
    facets = page.locator(".facets").bounding_box()
    results = page.locator(".results").bounding_box()
    assert facets["x"] + facets["width"] <= results["x"], (facets, results)
    assert facets["y"] < VIEWPORTS["desktop"]["height"] / 3
    expect(page.locator(".facet a.facet-value").first).to_be_in_viewport()


CLIPPED_ROWS = """() => {
    const clipped = [];
    for (const list of document.querySelectorAll(".facet ul")) {
        const box = list.getBoundingClientRect();
        if (list.scrollHeight > list.clientHeight + 1) {
            clipped.push("list scrolls: " + list.parentNode.dataset.facet);
        }
        for (const row of list.querySelectorAll("li")) {
            const r = row.getBoundingClientRect();
            const cut = r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5
                || r.left < box.left - 0.5 || r.right > box.right + 0.5
                || row.scrollWidth > row.clientWidth + 1 || r.height < 24;
            if (cut) clipped.push(row.textContent.trim() + " " + JSON.stringify(r));
        }
    }
    return clipped;
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("page_type", LISTS_WITH_FACETS)
def test_no_facet_row_is_cut(archive, page, page_type, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(archive(list_path(page_type)))
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    if page_type != "subject":
        rows = page.locator(".facet li")
        assert rows.count() > 25, "the corpus gives facets more rows than fit a box"
    assert page.evaluate(CLIPPED_ROWS) == []


TIMELINE = """() => {
    const shown = el => el.getClientRects().length > 0;
    const links = [...document.querySelectorAll(".timeline a")].filter(shown);
    const texts = [...document.querySelectorAll(".timeline text")].filter(shown);
    const years = texts.filter(t => t.classList.contains("year"))
        .map(t => t.getBoundingClientRect());
    let overlaps = 0;
    for (let i = 1; i < years.length; i++) {
        const [a, b] = [years[i - 1], years[i]];
        const apart = a.right <= b.left || b.right <= a.left;
        if (!apart && a.bottom > b.top && b.bottom > a.top) overlaps++;
    }
    return {
        labels: links.map(a => a.getAttribute("aria-label")),
        targets: links.map(a => a.getBoundingClientRect()).map(r => [r.width, r.height]),
        fontSizes: texts.map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a),
        yearLabels: years.length,
        overlaps: overlaps,
        chartRight: Math.max(...links.map(a => a.getBoundingClientRect().right)),
    };
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_timeline_is_readable_and_every_year_is_a_target(archive, page, viewport):
    from meetings.models import Meeting

    dated = Meeting.objects.filter(date_start__isnull=False)
    first = dated.order_by("date_start").first().date_start.year
    last = dated.order_by("-date_start").first().date_start.year
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(archive("/"))
    chart = page.evaluate(TIMELINE)

    assert len(chart["labels"]) == last - first + 1 >= 20
    assert chart["labels"][0].startswith(f"{first}: ")
    assert min(width for width, _ in chart["targets"]) >= MIN_TARGET, chart["targets"]
    assert min(height for _, height in chart["targets"]) >= MIN_TARGET, chart["targets"]
    assert min(chart["fontSizes"]) >= MIN_TEXT, chart["fontSizes"]
    assert chart["overlaps"] == 0
    assert chart["yearLabels"] >= len(chart["labels"]) / 2
    if viewport == "phone":  # one row per year, every one written and within the screen
        assert chart["yearLabels"] == len(chart["labels"])
        assert chart["chartRight"] <= PHONE["width"]

    page.locator(f'.timeline a[aria-label^="{last}: "]').filter(visible=True).click()
    expect(page).to_have_url(re.compile(rf"/meetings/\?year={last}$"))


def facet_link(page, facet: str, label: str):
    return page.locator(f'.facet[data-facet="{facet}"] a.facet-value', has_text=label).first


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_subject_page_narrows_to_one_side_and_year(archive, page, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(archive(largest_subject().get_absolute_url()))
    if viewport == "phone":
        page.locator("details.refine > summary").click()
    japan = facet_link(page, "side", "Japan")
    promised = int(japan.locator(".count").inner_text())
    japan.click()
    expect(page).to_have_url(re.compile(r"[?&]side=japan\b"))
    expect(page.locator(".result-count")).to_contain_text(f"{promised} statement")
    expect(page.locator(".chip")).to_contain_text("Side: Japan")
    if viewport == "phone":
        page.locator("details.refine > summary").click()
    year = page.locator('.facet[data-facet="year"] a.facet-value').first
    label, count = year.inner_text().split()
    year.click()
    expect(page).to_have_url(re.compile(rf"side=japan.*year={label}|year={label}.*side=japan"))
    expect(page.locator(".result-count")).to_contain_text(f"{count} statement")
    expect(page.locator(".chip")).to_have_count(2)
    assert horizontal_overflow(page) <= 1
