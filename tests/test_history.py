"""Issue 11 (history) and issue 13.4: every change is kept with who, when, old and new values.

Admin edits, review actions, bulk reassignments, merges and re-imports each
leave history rows (django-simple-history) and, for editors' actions, an admin
LogEntry on the object's history page; a revert restores the old values and the
search index; readers see "Corrected on"; permalinks survive renames and merges.
"""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.urls import reverse
from test_admin import change_url, form_data
from test_review import DOUBTFUL

from meetings import importer, search
from meetings.history_records import BASELINE, IMPORTER
from meetings.models import (
    Meeting,
    Participant,
    Person,
    PersonAlias,
    Statement,
    Subject,
    SubjectAlias,
    Topic,
)
from meetings.people import merge_people
from meetings.subjects import merge_subjects

HISTORIES = (Meeting, Statement, Participant, Person, PersonAlias, Subject, SubjectAlias, Topic)

# Two sections (two subjects); the parser doubts the pronoun (DOUBTFUL, 0.5).
TALK = """\
Telephone Talks between Foreign Minister Nobutaka Machimura and Secretary of State \
Condoleezza Rice of the United States

February 11, 2005

On February 11, from 8:40 a.m. for about 20 minutes, Minister for Foreign Affairs Nobutaka \
Machimura held telephone talks with Secretary of State Condoleezza Rice of the United States. \
The outline of the talks is as follows.

1. North Korea

(1) He said that the statement by North Korea on February 10 was extremely regrettable.

(2) Secretary Rice stated that the United States shared the same view and that North Korea \
should return to the Six-Party Talks without preconditions.

2. Iraq

The two ministers agreed that Japan and the United States would continue to coordinate closely.
"""


@pytest.fixture
def talk(db, tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(TALK, encoding="utf-8")
    assert importer.import_paths([path]).new == 1
    return path


def admin_user() -> User:
    return User.objects.get(username="admin")


def versions(obj) -> list:
    """The object's history rows, oldest first."""
    return list(type(obj).history.filter(id=obj.pk).order_by("history_date", "history_id"))


def last_change(obj):
    """The newest history row of `obj` and what changed since the row before it.

    The changes are {field: (old, new)}.
    """
    *_, before, after = versions(obj)
    delta = after.diff_against(before)
    return after, {change.field: (change.old, change.new) for change in delta.changes}


def speakers_of(row) -> set[int]:
    return {link.person_id for link in row.speakers.all()}


def statement(text_start: str) -> Statement:
    return Statement.objects.get(text__startswith=text_start)


def doubtful() -> Statement:
    return Statement.objects.get(text=DOUBTFUL)


def history_page(client, obj) -> str:
    response = client.get(reverse(f"admin:meetings_{obj._meta.model_name}_history", args=[obj.pk]))
    assert response.status_code == 200
    return response.content.decode()


def post_change(client, obj, **changes):
    url = change_url(obj._meta.model_name, obj.pk)
    data = form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""


# --- Imports -------------------------------------------------------------------


def test_a_first_import_writes_no_history(talk):
    assert Statement.objects.exists()
    assert {model.__name__: model.history.count() for model in HISTORIES} == {
        model.__name__: 0 for model in HISTORIES
    }


def test_a_reimport_of_a_changed_file_is_recorded_as_the_importer(talk):
    meeting = Meeting.objects.get()
    old_ids = set(Statement.objects.values_list("pk", flat=True))
    talk.write_text(TALK.replace("coordinate closely", "work together"), "utf-8")

    assert importer.import_paths([talk]).updated == 1

    baseline, reimport = versions(meeting)
    assert (baseline.history_change_reason, reimport.history_change_reason) == (BASELINE, IMPORTER)
    assert reimport.history_user is None and reimport.history_type == "~"
    assert baseline.source_checksum != reimport.source_checksum
    removed = Statement.history.filter(history_type="-")
    assert set(removed.values_list("id", flat=True)) == old_ids
    assert set(removed.values_list("history_change_reason", flat=True)) == {IMPORTER}
    assert removed.filter(text__endswith="coordinate closely.").exists()  # the old values
    # The new rows' creation is not recorded: only changes are.
    assert not Statement.history.filter(history_type="+").exists()


# --- Admin edits ---------------------------------------------------------------


def test_an_admin_edit_records_the_editor_the_time_and_old_and_new_values(admin_client, talk):
    meeting = Meeting.objects.get()
    old_title = meeting.title

    post_change(admin_client, meeting, title="Telephone Talks (corrected)")

    row, changes = last_change(meeting)
    assert row.history_user == admin_user() and row.history_type == "~"
    assert changes["title"] == (old_title, "Telephone Talks (corrected)")
    assert changes["edited"] == (False, True)  # one save, one row
    assert versions(meeting)[0].history_change_reason == BASELINE
    page = history_page(admin_client, meeting)
    assert "Telephone Talks (corrected)" in page and "admin" in page


EDITS = [
    (lambda: statement("Secretary Rice"), {"kind": "joint"}, "kind", "statement", "joint"),
    (
        lambda: Participant.objects.get(name_as_written="Condoleezza Rice"),
        {"title": "U.S. Secretary of State"},
        "title",
        "Secretary of State",
        "U.S. Secretary of State",
    ),
    (
        lambda: Person.objects.get(name="Condoleezza Rice"),
        {"office": "Secretary of State (2005-2009)"},
        "office",
        None,
        "Secretary of State (2005-2009)",
    ),
    (
        lambda: Topic.objects.order_by("order").first(),
        {"heading": "North Korea (checked)"},
        "heading",
        None,
        "North Korea (checked)",
    ),
]


@pytest.mark.parametrize(("target", "post", "field", "old", "new"), EDITS)
def test_an_admin_edit_of_each_kind_of_record_is_kept(
    admin_client, talk, target, post, field, old, new
):
    obj = target()
    if old is None:
        old = getattr(obj, field)

    post_change(admin_client, obj, **post)

    row, changes = last_change(obj)
    assert row.history_user == admin_user()
    assert changes[field][1] == new and changes[field][0] == old


def test_aliases_and_subjects_edited_in_the_admin_are_kept(admin_client, talk):
    rice = Person.objects.get(name="Condoleezza Rice")
    alias = PersonAlias.objects.create(person=rice, name="C. Rice", source="admin")
    subject = Subject.objects.order_by("pk").first()
    old_name = subject.name

    post_change(admin_client, alias, name="Condi Rice")
    post_change(admin_client, subject, name="Korean Peninsula")

    row, changes = last_change(alias)
    assert (row.history_user, changes["name"]) == (admin_user(), ("C. Rice", "Condi Rice"))
    row, changes = last_change(subject)
    assert (row.history_user, changes["name"]) == (admin_user(), (old_name, "Korean Peninsula"))


def test_a_speaker_change_in_the_statement_form_is_one_history_row(admin_client, talk):
    target = doubtful()
    machimura = Person.objects.get(name="Nobutaka Machimura")

    post_change(admin_client, target, speakers=[str(machimura.pk)])

    baseline, change = versions(target)  # the save and the speakers: one row
    assert change.history_user == admin_user()
    assert (speakers_of(baseline), speakers_of(change)) == (set(), {machimura.pk})
    assert "speakers" in last_change(target)[1]


# --- Review actions, bulk actions and merges -----------------------------------


def logged(obj) -> list[str]:
    return list(
        LogEntry.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name)
        .order_by("action_time")
        .values_list("change_message", flat=True)
    )


def test_confirm_in_the_review_queue_is_recorded_and_logged(admin_client, talk):
    target = doubtful()

    admin_client.post(reverse("meetings_review:statement", args=[target.pk]), {"action": "confirm"})

    before, row = versions(target)
    assert (row.history_user, row.history_change_reason) == (
        admin_user(),
        "review: confirmed as parsed",
    )
    assert (before.review_action, row.review_action) == ("", "confirmed")
    assert (before.reviewed_by_id, row.reviewed_by_id) == (None, admin_user().pk)
    assert logged(target) == ["Confirmed the parser's speakers (review)."]
    assert "Confirmed the parser" in history_page(admin_client, target)


def test_a_fix_in_the_review_queue_is_recorded_and_logged(admin_client, talk):
    target = doubtful()
    machimura = Person.objects.get(name="Nobutaka Machimura")

    admin_client.post(
        reverse("meetings_review:statement", args=[target.pk]),
        {"action": "fix", "participants": [machimura.pk]},
    )

    baseline, fix = versions(target)
    assert (fix.history_user, fix.history_change_reason) == (admin_user(), "review: corrected")
    assert (speakers_of(baseline), speakers_of(fix)) == (set(), {machimura.pk})
    assert (baseline.kind, fix.kind) == ("narrative", "statement")
    assert logged(target) == ["Corrected: speakers Nobutaka Machimura."]
    meeting_row, changes = last_change(target.meeting)
    assert meeting_row.history_user == admin_user() and changes["edited"] == (False, True)


def test_a_bulk_reassignment_is_recorded_for_every_statement(admin_client, talk):
    rice = Person.objects.get(name="Condoleezza Rice")
    chosen = list(Statement.objects.order_by("order")[:2])
    url = reverse("admin:meetings_statement_changelist")
    selection = {"action": "reassign_speaker", "_selected_action": [s.pk for s in chosen]}

    admin_client.post(url, {**selection, "apply": "1", "person": rice.pk})

    for target in chosen:
        row, changes = last_change(target)
        assert row.history_user == admin_user()
        assert row.history_change_reason == "review: speaker reassigned"
        assert speakers_of(row) == {rice.pk} and "speakers" in changes
        assert logged(target) == ["Speaker reassigned: speakers Condoleezza Rice."]


def test_mark_reviewed_is_recorded_and_logged_for_each_record(admin_client, talk):
    meeting = Meeting.objects.get()
    chosen = list(Statement.objects.order_by("order")[:3])

    admin_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "mark_reviewed", "_selected_action": [meeting.pk]},
    )
    admin_client.post(
        reverse("admin:meetings_statement_changelist"),
        {"action": "mark_reviewed", "_selected_action": [s.pk for s in chosen]},
    )
    subject = Subject.objects.order_by("pk").first()
    admin_client.post(reverse("meetings_review:mark"), {"kind": "subject", "pk": subject.pk})

    for obj in [meeting, subject, *chosen]:
        before, row = versions(obj)
        assert (row.history_user, row.history_change_reason) == (
            admin_user(),
            "review: marked reviewed",
        )
        assert (before.review_action, row.review_action) == ("", "marked")
        assert logged(obj) == ["Marked reviewed (out of the review queue)."]


def test_merging_people_is_recorded_for_every_row_it_touches(admin_client, talk):
    rice = Person.objects.get(name="Condoleezza Rice")
    twin = Person.objects.create(name="Condoleezza Rice (US)", country="United States")
    participant = Participant.objects.get(person=rice)
    participant.person = twin
    participant.save()
    spoken = statement("Secretary Rice")
    spoken.speakers.set([twin])

    admin_client.post(
        reverse("admin:meetings_person_changelist"),
        {"action": "merge_selected", "_selected_action": [rice.pk, twin.pk]},
    )

    survivor = Person.objects.get(name__startswith="Condoleezza Rice")
    gone = twin if survivor == rice else rice
    row, changes = last_change(participant)
    assert row.history_user == admin_user()
    assert row.history_change_reason.startswith("merge of people into")
    assert changes["person"] == (twin.pk, survivor.pk) or survivor == twin
    row, changes = last_change(spoken)
    assert row.history_user == admin_user() and speakers_of(row) == {survivor.pk}
    deleted = Person.history.get(id=gone.pk, history_type="-")
    assert deleted.history_user == admin_user() and deleted.name == gone.name
    assert PersonAlias.history.filter(name=gone.name, history_type="+").exists()
    assert logged(survivor) == [f"Merged {gone.name} (id {gone.pk}) into this person."]
    assert f"Merged {gone.name}" in history_page(admin_client, survivor)


def test_merging_subjects_is_recorded_and_logged(admin_client, talk):
    subjects = list(Subject.objects.order_by("pk")[:2])
    assert len(subjects) == 2
    topics = {subject.pk: list(subject.topics.all()) for subject in subjects}

    admin_client.post(
        reverse("admin:meetings_subject_changelist"),
        {"action": "merge_selected", "_selected_action": [s.pk for s in subjects]},
    )

    survivor = Subject.objects.get(pk__in=[s.pk for s in subjects])
    gone = next(s for s in subjects if s.pk != survivor.pk)
    for topic in topics[gone.pk]:
        row, changes = last_change(topic)
        assert row.history_user == admin_user()
        assert changes["subject"] == (gone.pk, survivor.pk)
    assert Subject.history.get(id=gone.pk, history_type="-").history_user == admin_user()
    assert SubjectAlias.history.filter(key=gone.key, history_type="+").exists()
    assert logged(survivor) == [f"Merged {gone.name} (id {gone.pk}) into this subject."]


def test_a_long_reason_is_cut_to_fit_its_column(talk):
    """PostgreSQL refuses a history_change_reason over 100 characters (SQLite would not)."""
    subjects = list(Subject.objects.order_by("pk")[:2])
    Subject.objects.filter(pk=subjects[0].pk).update(name="North Korea " * 20)
    subjects[0].refresh_from_db()

    merge_subjects(subjects[0], subjects[1:])

    reasons = set(
        Topic.history.filter(history_type="~").values_list("history_change_reason", flat=True)
    )
    assert {len(reason) for reason in reasons} == {100}
    assert all(reason.startswith("merge of subjects into North Korea") for reason in reasons)


def test_a_merge_called_from_code_records_history_too(talk):
    rice = Person.objects.get(name="Condoleezza Rice")
    twin = Person.objects.create(name="C. Rice")
    twin_id = twin.pk
    spoken = statement("Secretary Rice")
    spoken.speakers.set([twin])

    merge_people(rice, [twin])

    row, changes = last_change(spoken)
    assert speakers_of(row) == {rice.pk} and "speakers" in changes
    assert Person.history.filter(id=twin_id, history_type="-").exists()
    assert not LogEntry.objects.exists()  # no user, no admin log entry


# --- Revert --------------------------------------------------------------------


def test_a_revert_in_the_admin_restores_the_old_text_and_the_search_index(
    admin_client, talk, django_capture_on_commit_callbacks
):
    search.rebuild()
    target = statement("Secretary Rice")
    old_text = target.text
    with django_capture_on_commit_callbacks(execute=True):
        post_change(admin_client, target, text="Secretary Rice stated that talks must resume.")
    assert search.search("preconditions").total == 0
    baseline = versions(target)[0]
    url = reverse("admin:meetings_statement_simple_history", args=[target.pk, baseline.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, form_data(admin_client.get(url)))

    assert response.status_code == 302
    target.refresh_from_db()
    assert target.text == old_text
    assert [hit.statement_id for hit in search.search("preconditions").hits] == [target.pk]
    assert search.search("resume").total == 0
    assert last_change(target)[0].history_user == admin_user()
    assert Meeting.objects.get().edited is True


def test_a_revert_restores_speakers_and_keeps_the_public_id(admin_client, talk):
    meeting = Meeting.objects.get()
    public_id = meeting.public_id
    target = doubtful()
    machimura = Person.objects.get(name="Nobutaka Machimura")
    post_change(admin_client, meeting, title="Renamed talks")
    post_change(admin_client, target, speakers=[str(machimura.pk)])
    assert Meeting.objects.get().public_id == public_id

    for obj in (meeting, target):
        baseline = versions(obj)[0]
        url = reverse(
            f"admin:meetings_{obj._meta.model_name}_simple_history", args=[obj.pk, baseline.pk]
        )
        assert admin_client.post(url, form_data(admin_client.get(url))).status_code == 302

    meeting.refresh_from_db()
    assert meeting.title == versions(meeting)[0].title
    assert meeting.public_id == public_id
    assert list(doubtful().speakers.all()) == []


# --- What readers see ----------------------------------------------------------


def corrected_lines(client, meeting) -> list[str]:
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return [
        f"{c.day:%Y-%m-%d}: "
        + "; ".join(
            " ".join(filter(None, [i.what, i.name, f"({', '.join(i.fields)})"])) for i in c.items
        )
        for c in response.context["corrections"]
    ]


def test_an_imported_meeting_shows_no_correction(client, admin_client, talk):
    meeting = Meeting.objects.get()
    admin_client.post(
        reverse("meetings_review:statement", args=[doubtful().pk]), {"action": "confirm"}
    )

    assert corrected_lines(client, meeting) == []
    assert "Corrected on" not in client.get(meeting.get_absolute_url()).content.decode()


def test_a_meeting_page_says_when_an_editor_corrected_it_and_what(client, admin_client, talk):
    from django.utils import timezone

    meeting = Meeting.objects.get()
    machimura = Person.objects.get(name="Nobutaka Machimura")
    post_change(admin_client, meeting, title="Telephone Talks (corrected)")
    admin_client.post(
        reverse("meetings_review:statement", args=[doubtful().pk]),
        {"action": "fix", "participants": [machimura.pk]},
    )
    participant = Participant.objects.get(name_as_written="Condoleezza Rice")
    post_change(admin_client, participant, title="U.S. Secretary of State")

    today = timezone.localdate()
    assert corrected_lines(client, meeting) == [
        f"{today:%Y-%m-%d}: participant Condoleezza Rice (office); "
        f"statement {doubtful().order} (kind, speakers); (title)"
    ]
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert f'Corrected on <time datetime="{today:%Y-%m-%d}">' in html
    assert "participant <bdi>Condoleezza Rice</bdi> (office)" in html


def test_a_reimport_that_overwrites_the_corrections_removes_the_line(client, admin_client, talk):
    meeting = Meeting.objects.get()
    post_change(admin_client, meeting, title="Telephone Talks (corrected)")
    assert corrected_lines(client, meeting) != []
    talk.write_text(TALK.replace("coordinate closely", "work together"), "utf-8")

    assert importer.import_paths([talk], overwrite_edited=True).updated == 1

    assert corrected_lines(client, meeting) == []


# --- Permalinks ----------------------------------------------------------------


def test_renaming_a_person_keeps_their_address(client, admin_client, talk):
    rice = Person.objects.get(name="Condoleezza Rice")
    url = rice.get_absolute_url()
    form = admin_client.get(change_url("person", rice.pk)).context["adminform"].form
    assert "slug" not in form.fields  # read-only once created

    post_change(admin_client, rice, name="Condoleezza Rice (Secretary)")

    rice.refresh_from_db()
    assert rice.get_absolute_url() == url
    assert client.get(url).context["person"] == rice


def test_a_changed_slug_redirects_from_the_old_address(client, talk):
    rice = Person.objects.get(name="Condoleezza Rice")
    old_url = rice.get_absolute_url()
    rice.slug = "condoleezza-rice-2"
    rice.save()

    response = client.get(old_url)

    assert response.status_code == 301 and response["Location"] == rice.get_absolute_url()
    assert Person.objects.create(name="Condoleezza Rice!").slug != old_url.split("/")[-2]


def test_a_merged_persons_address_redirects_for_good_to_the_survivor(client, talk):
    rice = Person.objects.get(name="Condoleezza Rice")
    twin = Person.objects.create(name="C. Rice")
    older = Person.objects.create(name="Dr. C. Rice")
    twin_url, older_url = twin.get_absolute_url(), older.get_absolute_url()
    merge_people(twin, [older])  # the twin now also answers for the older address
    merge_people(rice, [twin])

    for url in (twin_url, older_url):
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == rice.get_absolute_url()
    assert client.get("/people/nobody-at-all/").status_code == 404
    assert Person.objects.create(name="C. Rice").get_absolute_url() != twin_url


def test_a_merged_subjects_address_redirects_to_the_survivor(client, admin_client, talk):
    subjects = list(Subject.objects.order_by("pk")[:2])
    urls = {s.pk: s.get_absolute_url() for s in subjects}

    admin_client.post(
        reverse("admin:meetings_subject_changelist"),
        {"action": "merge_selected", "_selected_action": [s.pk for s in subjects]},
    )

    survivor = Subject.objects.get(pk__in=urls)
    gone = next(pk for pk in urls if pk != survivor.pk)
    response = client.get(urls[gone])
    assert response.status_code == 301 and response["Location"] == survivor.get_absolute_url()
    assert client.get(urls[survivor.pk]).status_code == 200
