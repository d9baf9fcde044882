"""The search page used with the keyboard alone: skip link, search box, submit, visible focus."""

from __future__ import annotations

import re

import pytest
from browser_helpers import focus_is_visible, focus_state
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def tab(page, backwards: bool = False) -> dict:
    page.keyboard.press("Shift+Tab" if backwards else "Tab")
    return focus_state(page)


def test_the_search_page_works_from_the_keyboard_with_visible_focus(archive, page):
    page.goto(archive("/search/"))

    focused = tab(page)
    assert "skip-link" in focused["className"], focused
    assert focus_is_visible(focused), focused
    expect(page.locator(".skip-link")).to_be_in_viewport()

    page.keyboard.press("Enter")
    assert focus_state(page)["id"] == "main"

    focused = tab(page)
    assert focused["id"] == "q", focused
    assert focus_is_visible(focused), focused

    focused = tab(page)
    assert (focused["tag"], focused["type"]) == ("button", "submit"), focused
    assert focus_is_visible(focused), focused

    assert tab(page, backwards=True)["id"] == "q"
    page.keyboard.type("peace treaty")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=peace\+treaty"))
    expect(page.locator(".hit").first).to_be_visible()
    expect(page.locator("#q")).to_have_value("peace treaty")


def test_every_stop_in_the_tab_order_of_the_search_results_shows_its_focus(archive, page):
    page.goto(archive("/search/?q=peace+treaty"))
    stops = []
    for _ in range(40):
        focused = tab(page)
        if focused["tag"] == "body":  # past the last stop
            break
        stops.append(focused)
        assert focus_is_visible(focused), focused
    assert any(stop["className"] == "hit-meeting" for stop in stops), stops
