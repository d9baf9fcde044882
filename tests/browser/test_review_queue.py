"""An editor fixes a doubtful speaker from the review queue in three steps; the page and the
search follow. Anyone else is found with the autocomplete, which works under the CSP.

This module changes data, so it has its own server and seed import (see conftest.py).
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import expect

from meetings import importer
from meetings.models import Meeting, Person, Statement

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
PASSWORD = "a long reviewer passphrase"
QUEUE = "/admin/meetings/review/"
DOUBTFUL = "He said that the statement by North Korea on February 10 was extremely regrettable."
TALK = f"""\
Telephone Talks between Foreign Minister Nobutaka Machimura and Secretary of State \
Condoleezza Rice of the United States

February 11, 2005

On February 11, from 8:40 a.m. for about 20 minutes, Minister for Foreign Affairs Nobutaka \
Machimura held telephone talks with Secretary of State Condoleezza Rice of the United States. \
The outline of the talks is as follows.

1. {DOUBTFUL}

2. Secretary Rice stated that the United States shared the same view.
"""


def blocking_violations(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at "
        f"{[' '.join(map(str, n['target'])) for n in v['nodes'][:5]]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


@pytest.fixture(scope="module")
def talk(archive, tmp_path_factory):
    """The talk imported once, and its reviewer; each test changes a statement of its own."""
    path = tmp_path_factory.mktemp("talk") / "talk.txt"
    path.write_text(TALK, encoding="utf-8")
    assert importer.import_paths([path]).new == 1
    User.objects.create_superuser("reviewer", "reviewer@example.org", PASSWORD)
    return path


def test_fixing_a_speaker_from_the_queue_shows_on_the_meeting_page(archive, page, talk):
    statement = Statement.objects.get(text=DOUBTFUL)
    meeting = statement.meeting

    page.goto(archive(f"/admin/login/?next={QUEUE}"))
    page.locator("#id_username").fill("reviewer")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(archive(QUEUE))
    assert blocking_violations(page) == []

    # 1. open the item
    page.get_by_role("link", name=re.compile(r"^He said that the statement")).click()
    expect(page.locator("#passage mark")).to_have_text(DOUBTFUL)
    assert blocking_violations(page) == []
    # 2. tick the speaker
    page.get_by_label("Nobutaka Machimura").check()
    # 3. save
    page.get_by_role("button", name="Save fix").click()

    expect(page).to_have_url(archive(QUEUE))
    expect(page.locator(".messagelist .success")).to_contain_text("Nobutaka Machimura")
    expect(page.locator(f'tr[data-statement="{statement.pk}"]')).to_have_count(0)
    statement.refresh_from_db()
    assert statement.reviewed_by.username == "reviewer"
    assert Meeting.objects.get(pk=meeting.pk).edited

    page.goto(archive(meeting.get_absolute_url()))
    expect(page.locator(f"#{statement.anchor} .speakers")).to_have_text("Nobutaka Machimura")

    # And search finds the statement under its speaker now.
    machimura = Person.objects.get(name="Nobutaka Machimura")
    page.goto(archive(f"/search/?q=regrettable&speaker={machimura.slug}"))
    hits = page.locator(".hit")
    expect(hits).to_have_count(1)
    expect(hits.locator(".snippet mark")).to_have_text("regrettable")
    hits.locator("a.hit-meeting").click()
    expect(page.locator(":target .text")).to_have_text(DOUBTFUL)


def test_anyone_else_is_found_with_the_autocomplete(archive, page, talk):
    statement = Statement.objects.get(text__startswith="Secretary Rice stated")
    blocked = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(archive(f"/admin/login/?next=/admin/meetings/review/statement/{statement.pk}/"))
    page.locator("#id_username").fill("reviewer")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    others = page.locator("#id_others + .select2")
    expect(others).to_be_visible()  # select2 has built its box: the script ran
    assert page.locator("#id_others option").count() == 0  # nobody listed in advance

    others.click()
    page.locator("#id_others + .select2 .select2-search__field").fill("Lavrov")
    page.locator(".select2-results__option", has_text="Sergey Lavrov").click()
    page.get_by_role("button", name="Save fix").click()

    expect(page.locator(".messagelist .success")).to_contain_text("Condoleezza Rice, Sergey Lavrov")
    speakers = {p.name for p in Statement.objects.get(pk=statement.pk).speakers.all()}
    assert speakers == {"Condoleezza Rice", "Sergey Lavrov"}
    assert blocked == []
