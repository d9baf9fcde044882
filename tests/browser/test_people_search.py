"""Finding people: the person box above search results, the people page's filters and the
suggestions under search boxes, at desktop width and at 375 px, with axe on each page.

The seeds write Mikhail Kasyanov as "Kasjyanov" and "Kasiyanov"; the people authority
file knows "Kasianov" too.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import PHONE, horizontal_overflow, widest_elements
from playwright.sync_api import expect

from meetings.models import Person

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
BLOCKING = {"serious", "critical"}


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def sized_page(request, page):
    page.set_viewport_size(request.param)
    return page


@pytest.fixture(scope="module")
def axe():
    return Axe()


def assert_accessible_and_fitting(page, axe) -> None:
    violations = axe.run(page).response["violations"]
    blocking = [
        f"{v['impact']}: {v['id']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]
    assert not blocking, "\n".join(blocking)
    overflow = horizontal_overflow(page)
    assert overflow <= 1, f"{overflow}px too wide; widest: {widest_elements(page)}"


def test_a_misspelled_name_shows_the_person_box_above_the_results(archive, sized_page, axe):
    page = sized_page
    kasyanov = Person.objects.get(name="Mikhail Kasyanov")
    page.goto(archive("/search/?q=Kasianov"))
    box = page.locator(".person-box")
    expect(box).to_have_count(1)
    expect(box).to_be_visible()
    expect(box).to_contain_text("Mikhail Kasyanov")
    counts = f"{kasyanov.statements.count()} statements in "
    expect(box.locator(".person-box-counts")).to_contain_text(counts)
    expect(box.locator(".person-box-counts")).to_contain_text(
        re.compile(r"also written .*Kasjyanov.*Kasiyanov")
    )
    first_hit = page.locator(".hit").first
    expect(first_hit).to_be_visible()
    assert box.bounding_box()["y"] < first_hit.bounding_box()["y"]
    # Every spelling is found and marked.
    marked = {text.lower() for text in page.locator(".snippet mark").all_inner_texts()}
    assert {"kasjyanov", "kasiyanov"} <= marked
    assert_accessible_and_fitting(page, axe)

    box.get_by_role("link", name="Mikhail Kasyanov").click()
    expect(page).to_have_url(re.compile(re.escape(kasyanov.get_absolute_url()) + "$"))
    expect(page.locator("h1")).to_have_text("Mikhail Kasyanov")


def test_a_misspelled_speaker_is_suggested_and_read(archive, sized_page, axe):
    page = sized_page
    page.goto(archive("/search/?q=speaker%3Akoizumy"))
    expect(page.locator(".did-you-mean")).to_contain_text("Did you mean speaker:Koizumi?")
    expect(page.locator(".notice-info")).to_have_count(0)  # the box says it, once
    expect(page.locator(".person-box")).to_contain_text("closest known name")
    assert page.locator(".hit").count() > 0
    assert_accessible_and_fitting(page, axe)


def test_the_people_page_finds_by_misspelled_name_country_and_office(archive, sized_page, axe):
    page = sized_page
    page.goto(archive("/people/"))
    assert_accessible_and_fitting(page, axe)
    rows = page.locator(".people-table tbody tr")
    names = rows.locator("th a").all_inner_texts()
    assert names.index("Mikhail Kasyanov") < names.index("Junichiro Koizumi")  # family names

    page.get_by_label("Name").fill("Kasyanof")
    page.get_by_role("button", name="Find").click()
    expect(page).to_have_url(re.compile(r"/people/\?q=Kasyanof"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Mikhail Kasyanov")
    expect(page.locator(".chip")).to_contain_text("Name: Kasyanof")

    page.get_by_role("link", name=re.compile("Name: Kasyanof")).click()
    page.get_by_label("Country").select_option("Japan")
    page.get_by_label("Office").fill("Prime Minister")
    page.get_by_role("button", name="Find").click()
    expect(page).to_have_url(re.compile(r"country=Japan"))
    found = rows.locator("th a").all_inner_texts()
    assert "Junichiro Koizumi" in found
    for name in found:
        assert Person.objects.get(name=name).country == "Japan"
    assert_accessible_and_fitting(page, axe)


def test_suggestions_by_keyboard_open_a_person(archive, sized_page, axe):
    page = sized_page
    page.goto(archive("/search/"))
    box = page.locator("#q")
    box.press_sequentially("kasj", delay=30)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    option = listbox.get_by_role("option").first
    expect(option).to_contain_text("Mikhail Kasyanov")
    expect(box).to_have_attribute("aria-expanded", "true")
    assert_accessible_and_fitting(page, axe)  # with the list open

    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("ArrowDown")
    expect(listbox).to_be_visible()
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/people/mikhail-kasyanov/$"))


def test_suggestions_offer_subjects_and_open_one_by_pointer(archive, sized_page):
    page = sized_page
    page.goto(archive("/"))
    page.locator("#q").press_sequentially("north", delay=30)
    option = page.get_by_role("option", name=re.compile("North Korea"))
    expect(option).to_be_visible()
    expect(option).to_contain_text("subject")
    option.click()
    expect(page).to_have_url(re.compile(r"/subjects/north-korea/$"))


def test_the_people_page_suggests_only_people(archive, sized_page):
    # "Kawaguchi" is a person and a word of a subject ("Foreign Minister Kawaguchi's Visit").
    page = sized_page
    page.goto(archive("/search/"))
    page.locator("#q").press_sequentially("kawaguchi", delay=30)
    options = page.get_by_role("listbox", name="Suggestions").get_by_role("option")
    expect(options.filter(has_text="Yoriko Kawaguchi")).to_have_count(1)
    expect(options.filter(has_text="Visit to Russia")).to_have_count(1)

    page.goto(archive("/people/"))
    page.get_by_label("Name").press_sequentially("kawaguchi", delay=30)
    options = page.locator(".people-finder").get_by_role("option")
    expect(options.filter(has_text="Yoriko Kawaguchi")).to_have_count(1)
    expect(options.filter(has_text="Visit to Russia")).to_have_count(0)


def test_without_javascript_the_forms_still_find_people(archive, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(archive("/search/"))
        page.locator("#q").fill("Kasianov")
        page.locator("#q").press("Enter")
        expect(page.locator(".person-box")).to_contain_text("Mikhail Kasyanov")
        expect(page.get_by_role("listbox")).to_have_count(0)
        page.goto(archive("/people/"))
        page.get_by_label("Name").fill("kasianov")
        page.get_by_role("button", name="Find").click()
        expect(page.locator(".people-table tbody tr")).to_have_count(1)
    finally:
        context.close()
