"""Issue 13: what lands in the review queue from real imports, what a fix in an admin form
does to it, what a re-import does to the marks, and paging per section."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from meetings import importer, review
from meetings.authority import sync_authority
from meetings.models import (
    Meeting,
    Person,
    PersonAlias,
    PersonOrigin,
    Statement,
    Subject,
    Topic,
)
from tests.test_admin import form_data

QUEUE = reverse("meetings_review:queue")

# The talks reported with no date anywhere: the parser doubts the date fields.
UNDATED = """\
Telephone Talks between Foreign Minister Nobutaka Machimura and Secretary of State \
Condoleezza Rice of the United States

Minister for Foreign Affairs Nobutaka Machimura held telephone talks with Secretary of \
State Condoleezza Rice of the United States. The outline of the talks is as follows.

1. Minister Machimura said that the statement by North Korea was extremely regrettable.

2. Secretary Rice stated that the United States shared the same view.
"""

# One principal where a meeting has two.
ALONE = """\
Visit to Japan by Foreign Minister

February 11, 2005

On February 11, Minister for Foreign Affairs Nobutaka Machimura held a meeting. The \
outline of the meeting is as follows.

1. Minister Machimura said that the statement by North Korea was extremely regrettable.

2. Minister Machimura stated that Japan would continue to coordinate closely.
"""

# "Condolezza" is one letter off the authority's "Condoleezza": a fuzzy match. Each
# numbered heading is a subject no other meeting has.
SPELT = """\
Telephone Talks between Foreign Minister Nobutaka Machimura and Secretary of State \
{rice} of the United States

February 11, 2005

On February 11, from 8:40 a.m. for about 20 minutes, Minister for Foreign Affairs Nobutaka \
Machimura held telephone talks with Secretary of State {rice} of the United States. \
The outline of the talks is as follows.

1. Quillwort Fisheries

Minister Machimura said that the fisheries talks should resume.

2. North Korea

Secretary Rice stated that North Korea should return to the Six-Party Talks without \
preconditions.
"""


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(tmp_path, name: str, text: str):
    path = write(tmp_path, name, text)
    summary = importer.import_paths([path])
    assert summary.failed == 0, summary.messages
    return path


def queue(admin_client, **pages):
    response = admin_client.get(QUEUE, pages)
    assert response.status_code == 200
    return response.context["queue"]


def reasons_of(admin_client) -> dict[str, list[str]]:
    return {item.meeting.title: item.reasons for item in queue(admin_client).meetings}


# --- Meetings the parser doubted ---------------------------------------------


def test_a_text_with_no_date_lands_in_the_queue_with_its_reason(db, admin_client, tmp_path):
    imported(tmp_path, "undated.txt", UNDATED)

    (title, reasons), *others = reasons_of(admin_client).items()

    assert others == []
    assert title.startswith("Telephone Talks between Foreign Minister")
    assert any(reason.startswith("meeting_dates:") for reason in reasons), reasons
    assert Meeting.objects.get().date_start is None
    html = admin_client.get(QUEUE).content.decode()
    assert "undated — Telephone Talks" in html  # the meeting's label says so


def test_a_text_with_one_principal_lands_in_the_queue_with_its_reason(db, admin_client, tmp_path):
    imported(tmp_path, "alone.txt", ALONE)

    reasons = reasons_of(admin_client)["Visit to Japan by Foreign Minister"]

    assert any(reason.startswith("principals:") for reason in reasons), reasons


def change_statement_text(path) -> None:
    text = path.read_text(encoding="utf-8").replace("shared the same view", "agreed")
    path.write_text(text, encoding="utf-8")


def test_a_meetings_mark_survives_the_reimport_of_a_changed_file(db, admin_client, tmp_path):
    path = imported(tmp_path, "undated.txt", UNDATED)
    meeting = Meeting.objects.get()
    admin_client.post(reverse("meetings_review:mark"), {"kind": "meeting", "pk": meeting.pk})
    assert queue(admin_client).meetings == []
    change_statement_text(path)

    assert importer.import_paths([path]).updated == 1

    meeting.refresh_from_db()
    assert meeting.review_action == "marked"
    assert meeting.reviewed_by.username == "admin"
    assert queue(admin_client).meetings == []


def fix_the_date(admin_client, meeting: Meeting) -> None:
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    data = form_data(admin_client.get(url))
    data.update(date_start="2005-02-11", date_end="2005-02-11", meeting_dates="2005-02-11")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""


def test_fixing_a_meeting_in_its_form_takes_it_off_the_queue_until_the_fix_is_overwritten(
    db, admin_client, tmp_path
):
    path = imported(tmp_path, "undated.txt", UNDATED)
    meeting = Meeting.objects.get()

    fix_the_date(admin_client, meeting)

    meeting.refresh_from_db()
    assert (meeting.review_action, meeting.edited) == ("fixed", True)
    assert queue(admin_client).meetings == []

    change_statement_text(path)
    assert importer.import_paths([path]).kept_edited == 1  # the fix stays, so does the mark
    assert queue(admin_client).meetings == []

    importer.import_paths([path], overwrite_edited=True)  # the fix is gone: so is the mark

    meeting.refresh_from_db()
    assert (meeting.date_start, meeting.reviewed_at) == (None, None)
    assert [item.meeting for item in queue(admin_client).meetings] == [meeting]


# --- People and spellings ----------------------------------------------------


def test_a_fuzzy_spelling_from_an_import_is_queued_until_fixed_in_its_form(
    db, admin_client, tmp_path
):
    path = imported(tmp_path, "spelt.txt", SPELT.format(rice="Condolezza Rice"))
    alias = PersonAlias.objects.get(name="Condolezza Rice")
    assert (alias.source, alias.person.name) == ("fuzzy", "Condoleezza Rice")
    assert 90 <= alias.score < 100
    assert queue(admin_client).aliases == [alias]

    # The spelling belongs to someone else: the editor says so in the alias's form.
    other = Person.objects.create(name="Condolezza Rice-Moreno")
    url = reverse("admin:meetings_personalias_change", args=[alias.pk])
    data = form_data(admin_client.get(url))
    data["person"] = str(other.pk)
    assert admin_client.post(url, data).status_code == 302

    alias.refresh_from_db()
    assert (alias.person, alias.review_action) == (other, "fixed")
    assert queue(admin_client).aliases == []
    # The next import of the text files that spelling under the person the editor chose.
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    importer.import_paths([path])
    speaker = Statement.objects.get(text__startswith="Secretary Rice stated").speakers.get()
    assert speaker == other
    assert queue(admin_client).aliases == []


def test_a_person_new_in_a_text_is_queued_with_close_names_until_fixed(db, admin_client, tmp_path):
    # "Condolisa" is too far from "Condoleezza" for a fuzzy match: a new person.
    imported(tmp_path, "new.txt", SPELT.format(rice="Condolisa Rice"))
    newcomer = Person.objects.get(name="Condolisa Rice")
    assert newcomer.origin == PersonOrigin.IMPORT
    assert Person.objects.get(name="Nobutaka Machimura").origin == PersonOrigin.AUTHORITY

    (queued,) = queue(admin_client).people
    assert queued == newcomer
    assert [p.name for p in queued.similar] == ["Condoleezza Rice"]
    html = admin_client.get(QUEUE).content.decode()
    rice = Person.objects.get(name="Condoleezza Rice")
    assert f"?id__in={newcomer.pk},{rice.pk}" in html  # the two side by side, to merge

    url = reverse("admin:meetings_person_change", args=[newcomer.pk])
    data = form_data(admin_client.get(url))
    data["office"] = "Secretary of State"
    assert admin_client.post(url, data).status_code == 302

    newcomer.refresh_from_db()
    assert newcomer.review_action == "fixed"
    assert queue(admin_client).people == []


def test_a_person_new_in_a_text_leaves_the_queue_once_the_authority_file_lists_them(
    db, admin_client, tmp_path, settings
):
    imported(tmp_path, "new.txt", SPELT.format(rice="Condolisa Rice"))
    authority = json.loads(settings.PEOPLE_AUTHORITY_FILE.read_text(encoding="utf-8"))
    authority.append({"name": "Condolisa Rice", "country": "Utopia", "aliases": []})
    settings.PEOPLE_AUTHORITY_FILE = write(tmp_path, "people.json", json.dumps(authority))

    sync_authority()

    newcomer = Person.objects.get(name="Condolisa Rice")
    assert (newcomer.origin, newcomer.country) == (PersonOrigin.AUTHORITY, "United States")
    assert queue(admin_client).people == []


def test_merging_a_new_person_with_a_known_one_settles_it(db, admin_client, tmp_path):
    imported(tmp_path, "new.txt", SPELT.format(rice="Condolisa Rice"))
    people = Person.objects.filter(name__in=["Condolisa Rice", "Condoleezza Rice"])

    admin_client.post(
        reverse("admin:meetings_person_changelist"),
        {"action": "merge_selected", "_selected_action": [p.pk for p in people]},
    )

    # The one with most statements survives (the newcomer here); either way it is settled.
    (survivor,) = Person.objects.filter(name__contains="Condol")
    assert survivor.name == "Condolisa Rice"
    assert survivor.review_action == "fixed"
    assert "Condoleezza Rice" in survivor.aliases.values_list("name", flat=True)
    assert queue(admin_client).people == []


# --- Subjects ----------------------------------------------------------------


def test_lone_subjects_are_queued_until_marked_or_fixed(db, admin_client, tmp_path):
    imported(tmp_path, "spelt.txt", SPELT.format(rice="Condoleezza Rice"))
    fisheries, korea = (
        Subject.objects.get(name="Quillwort Fisheries"),
        Subject.objects.get(name="North Korea"),
    )
    assert queue(admin_client).subjects == [korea, fisheries]  # by name

    admin_client.post(reverse("meetings_review:mark"), {"kind": "subject", "pk": korea.pk})
    url = reverse("admin:meetings_subject_change", args=[fisheries.pk])
    data = form_data(admin_client.get(url))
    data["name"] = "Fisheries"
    assert admin_client.post(url, data).status_code == 302

    assert queue(admin_client).subjects == []
    korea.refresh_from_db()
    fisheries.refresh_from_db()
    assert (korea.review_action, fisheries.review_action) == ("marked", "fixed")


def test_a_subject_used_twice_is_not_queued(db, admin_client, tmp_path):
    imported(tmp_path, "spelt.txt", SPELT.format(rice="Condoleezza Rice"))
    korea = Subject.objects.get(name="North Korea")
    meeting = Meeting.objects.get()
    Topic.objects.create(meeting=meeting, subject=korea, number="3", heading="North Korea")

    assert korea not in queue(admin_client).subjects


# --- Paging ------------------------------------------------------------------


def test_each_section_pages_on_its_own(db, admin_client, tmp_path):
    imported(tmp_path, "spelt.txt", SPELT.format(rice="Condoleezza Rice"))
    meeting = Meeting.objects.get()
    for n in range(review.PAGE_SIZE):
        subject = Subject.objects.create(name=f"Zz subject {n:02}")
        Topic.objects.create(meeting=meeting, subject=subject, number=str(n), heading=subject.name)
    total = review.PAGE_SIZE + 2  # the text's two subjects as well

    first = queue(admin_client)
    second = queue(admin_client, subjects_page=2)

    assert first.pages["subjects"].paginator.count == total
    assert len(first.subjects) == review.PAGE_SIZE
    # By name: the text's "North Korea" and "Quillwort Fisheries" come first.
    assert [s.name for s in second.subjects] == ["Zz subject 23", "Zz subject 24"]
    assert not set(first.subjects) & set(second.subjects)
    assert first.total == second.total
    html = admin_client.get(QUEUE).content.decode()
    assert 'href="/admin/meetings/review/?subjects_page=2"' in html
    assert "Page 1 of 2" in html
    # A page past the end shows the last one; other sections keep their first page.
    assert queue(admin_client, subjects_page=99).subjects == second.subjects


@pytest.mark.parametrize("page", ["x", "0", "-1"])
def test_a_bad_page_number_shows_a_page_anyway(db, admin_client, tmp_path, page):
    imported(tmp_path, "spelt.txt", SPELT.format(rice="Condoleezza Rice"))

    assert len(queue(admin_client, subjects_page=page).subjects) == 2


def test_a_fix_in_a_form_and_its_mark_are_one_history_row(db, admin_client, tmp_path):
    imported(tmp_path, "undated.txt", UNDATED)
    meeting = Meeting.objects.get()

    fix_the_date(admin_client, meeting)

    versions = Meeting.history.filter(id=meeting.pk).order_by("history_id")
    fix = versions.last()
    assert (fix.review_action, fix.edited, fix.history_user.username) == ("fixed", True, "admin")
    assert str(fix.date_start) == "2005-02-11"
    # No version with the new date but without the mark: the save and its mark are one.
    dated = versions.filter(date_start__isnull=False)
    assert list(dated.values_list("review_action", flat=True)) == ["fixed"]
