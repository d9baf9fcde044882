"""An editor corrects a statement, readers see "Corrected on", the editor reverts it from
the history page; the history pages pass axe at desktop width and at 375 px.

This module changes data, so it has its own server and seed import (see conftest.py).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import PHONE, busiest_meeting
from django.contrib.auth.models import User
from playwright.sync_api import expect

from meetings.models import Statement

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
PASSWORD = "a long historian passphrase"


def blocking_violations(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        f"{[' '.join(map(str, n['target'])) for n in v['nodes'][:5]]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


def clean_at_both_widths(page) -> None:
    assert blocking_violations(page) == []
    page.set_viewport_size(PHONE)
    assert blocking_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_correction_shows_to_readers_and_reverts_from_the_history_page(archive, page):
    meeting = busiest_meeting()
    statement = Statement.objects.filter(meeting=meeting).order_by("order")[1]
    original = statement.text
    change_path = f"/admin/meetings/statement/{statement.pk}/change/"
    User.objects.create_superuser("historian", "historian@example.org", PASSWORD)
    page.goto(archive(f"/admin/login/?next={change_path}"))
    page.locator("#id_username").fill("historian")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(archive(change_path))

    page.locator('textarea[name="text"]').fill(original + " (Checked against the original.)")
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    page.goto(archive(meeting.get_absolute_url()))
    corrected = page.locator(".corrected")
    expect(corrected).to_contain_text("Corrected on")
    expect(corrected).to_contain_text(f"statement {statement.order} (text)")
    clean_at_both_widths(page)

    page.goto(archive(f"/admin/meetings/statement/{statement.pk}/history/"))
    expect(page.locator("#change-history")).to_contain_text("historian")
    expect(page.locator("#change-history")).to_contain_text("Checked against the original.")
    clean_at_both_widths(page)

    # The oldest version is the text as imported; reverting to it restores the text.
    page.locator("#change-history tbody tr").last.locator("a").first.click()
    expect(page.locator('textarea[name="text"]')).to_have_value(original)
    clean_at_both_widths(page)
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    statement.refresh_from_db()
    assert statement.text == original
    page.goto(archive(meeting.get_absolute_url()))
    expect(page.locator(f"#{statement.anchor} .text")).to_have_text(original)
