"""An editor changes a statement in the admin; the page and the search both show the change.

This module changes data, so it has its own server and seed import (see conftest.py).
"""

from __future__ import annotations

import re

import pytest
from browser_helpers import busiest_meeting
from django.contrib.auth.models import User
from playwright.sync_api import expect

from meetings.models import Statement

pytestmark = pytest.mark.browser

NEW_WORD = "quillwort"  # in no seed text, and left alone by the stemmer
PASSWORD = "a long editor passphrase"


def log_in(page, archive, next_path: str) -> None:
    User.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.goto(archive(f"/admin/login/?next={next_path}"))
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(archive(next_path))


def test_a_statement_edited_in_the_admin_shows_on_the_page_and_in_search(archive, page):
    meeting = busiest_meeting()
    statement = Statement.objects.filter(meeting=meeting).order_by("order")[1]
    meeting_path = meeting.get_absolute_url()
    assert not Statement.objects.filter(text__icontains=NEW_WORD).exists()

    log_in(page, archive, meeting_path)
    page.get_by_role("link", name="Edit this record").click()
    expect(page).to_have_url(re.compile(rf"/admin/meetings/meeting/{meeting.pk}/change/"))

    # The meeting lists its statements in short rows; a statement's words are edited in
    # its own form, one click away.
    page.get_by_role("link", name=f"Edit statement {statement.order}", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/admin/meetings/statement/{statement.pk}/change/"))
    text_area = page.locator('textarea[name="text"]')
    expect(text_area).to_have_value(statement.text)
    edited_text = f"{statement.text} The delegates also mentioned the {NEW_WORD}."
    text_area.fill(edited_text)
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator(".errornote")).to_have_count(0)

    statement.refresh_from_db()
    assert statement.text == edited_text
    meeting.refresh_from_db()
    assert meeting.edited

    page.goto(archive(meeting_path))
    expect(page.locator(f"#{statement.anchor} .text")).to_have_text(edited_text)

    page.goto(archive("/search/"))
    page.locator("#q").fill(NEW_WORD)
    page.locator("#q").press("Enter")
    hits = page.locator(".hit")
    expect(hits).to_have_count(1)
    expect(hits.locator(".snippet mark")).to_have_text(NEW_WORD)
    hits.locator("a.hit-meeting").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(meeting_path)}\?s={statement.order}#"))
    expect(page.locator(":target .text")).to_contain_text(NEW_WORD)
