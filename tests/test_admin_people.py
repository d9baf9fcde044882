"""Issue 13: people in the admin: split a wrongly merged person, remove an alias."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings import importer, search
from meetings.models import Participant, Person, PersonAlias, Statement
from meetings.people import SplitError, merge_people, spellings_of, split_person
from tests.test_admin import form_data

RICE_TALK = """\
Telephone Talks between Foreign Minister Nobutaka Machimura and Secretary of State \
Condoleezza Rice of the United States

February 11, 2005

On February 11, Minister for Foreign Affairs Nobutaka Machimura held telephone talks with \
Secretary of State Condoleezza Rice of the United States. The outline of the talks is as follows.

1. Secretary Rice stated that the United States shared the same view on the regrettable statement.

2. Minister Machimura said that Japan would continue to coordinate closely.
"""

LAVROV_TALK = """\
Telephone Talks between Foreign Minister Nobutaka Machimura and Foreign Minister Sergei \
Lavrov of the Russian Federation

March 3, 2005

On March 3, Minister for Foreign Affairs Nobutaka Machimura held telephone talks with \
Minister of Foreign Affairs Sergei Lavrov of the Russian Federation. The outline of the \
talks is as follows.

1. Minister Lavrov stated that the quillwort treaty talks should resume soon.

2. Minister Machimura said that Japan agreed.
"""


@pytest.fixture
def wrongly_merged(db, tmp_path):
    """Sergey Lavrov merged into Condoleezza Rice by mistake; returns the two files."""
    paths = []
    for name, text in (("rice.txt", RICE_TALK), ("lavrov.txt", LAVROV_TALK)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    assert importer.import_paths(paths).new == 2
    rice, lavrov = (
        Person.objects.get(name="Condoleezza Rice"),
        Person.objects.get(name="Sergey Lavrov"),
    )
    merge_people(rice, [lavrov])
    return paths


def rice() -> Person:
    return Person.objects.get(name="Condoleezza Rice")


def lavrov_statement() -> Statement:
    return Statement.objects.get(text__startswith="Minister Lavrov stated")


def lavrov_spellings() -> list[str]:
    return [name for name in spellings_of(rice()).values() if "Lavrov" in name]


def test_the_wrong_merge_gave_one_person_both_records(wrongly_merged):
    assert list(lavrov_statement().speakers.all()) == [rice()]
    assert set(lavrov_spellings()) == {"Sergey Lavrov", "Sergei Lavrov", "Sergej Lavrov"}


def test_split_moves_the_spellings_participations_and_statements_and_reindexes(
    wrongly_merged, django_capture_on_commit_callbacks
):
    search.rebuild()
    assert search.search("quillwort", {"speaker": rice().slug}).total == 1

    with django_capture_on_commit_callbacks(execute=True):
        split = split_person(rice(), lavrov_spellings(), "Sergey Lavrov")

    lavrov = split.person
    assert (split.participations, split.statements, split.shared_meetings) == (1, 1, [])
    assert list(lavrov_statement().speakers.all()) == [lavrov]
    assert lavrov.country == "Russian Federation"  # as the moved participation gives it
    assert Participant.objects.get(person=lavrov).name_as_written == "Sergei Lavrov"
    # Rice keeps her own meeting and statement, and none of Lavrov's names.
    assert Statement.objects.filter(speakers=rice()).count() == 1
    assert not [a for a in rice().aliases.values_list("name", flat=True) if "Lavrov" in a]
    assert set(lavrov.aliases.values_list("name", flat=True)) == {"Sergei Lavrov", "Sergej Lavrov"}
    # Both are reindexed: search finds the statement under Lavrov, not under Rice.
    assert search.search("quillwort", {"speaker": rice().slug}).total == 0
    found = search.search("quillwort", {"speaker": lavrov.slug})
    assert [hit.statement_id for hit in found.hits] == [lavrov_statement().pk]


def test_a_split_holds_through_a_reimport(wrongly_merged):
    split_person(rice(), lavrov_spellings(), "Sergey Lavrov")
    lavrov_path = wrongly_merged[1]
    lavrov_path.write_text(
        lavrov_path.read_text(encoding="utf-8").replace("agreed", "fully agreed"),
        encoding="utf-8",
    )

    assert importer.import_paths([lavrov_path]).updated == 1

    lavrov = Person.objects.get(name="Sergey Lavrov")
    assert list(lavrov_statement().speakers.all()) == [lavrov]
    assert Participant.objects.filter(person=lavrov).count() == 1


def test_split_refuses_a_taken_name_or_no_spelling(wrongly_merged):
    with pytest.raises(SplitError, match="already Nobutaka Machimura"):
        split_person(rice(), lavrov_spellings(), "Nobutaka Machimura")
    with pytest.raises(SplitError, match="Choose spellings"):
        split_person(rice(), [], "Sergey Lavrov")
    with pytest.raises(SplitError, match="Choose spellings"):
        split_person(rice(), ["Condoleezza Rice"], "Someone Else")  # its own name
    assert not Person.objects.filter(name="Sergey Lavrov").exists()


def test_split_keeps_statements_where_both_take_part(wrongly_merged):
    """Both in one meeting: which of them spoke is for an editor to say."""
    meeting = lavrov_statement().meeting
    Participant.objects.create(
        meeting=meeting, person=rice(), name_as_written="Condoleezza Rice", order=9
    )

    split = split_person(rice(), lavrov_spellings(), "Sergey Lavrov")

    assert split.shared_meetings == [meeting.pk]
    assert split.statements == 0
    assert list(lavrov_statement().speakers.all()) == [rice()]


def test_split_action_goes_through_a_form(admin_client, wrongly_merged):
    url = reverse("admin:meetings_person_changelist")
    selection = {"action": "split_selected", "_selected_action": [rice().pk]}

    form_page = admin_client.post(url, selection)

    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert "Spellings that belong to someone else" in html and "Sergei Lavrov" in html
    assert "Condoleeza Rice" in html  # Rice's own other spellings are offered too
    assert not Person.objects.filter(name="Sergey Lavrov").exists()  # nothing yet

    keys = [key for key, name in spellings_of(rice()).items() if "Lavrov" in name]
    taken = admin_client.post(
        url, {**selection, "apply": "1", "spellings": keys, "new_name": "Nobutaka Machimura"}
    )
    assert taken.status_code == 200
    assert "is already Nobutaka Machimura" in taken.content.decode()

    done = admin_client.post(
        url, {**selection, "apply": "1", "spellings": keys, "new_name": "Sergey Lavrov"}
    )

    assert done.status_code == 302
    lavrov = Person.objects.get(name="Sergey Lavrov")
    assert list(lavrov_statement().speakers.all()) == [lavrov]
    messages = [str(m) for m in done.wsgi_request._messages]
    assert messages == [
        "Split Sergey Lavrov from Condoleezza Rice: 1 participation(s), 1 statement(s), "
        "3 alias(es) moved."
    ]


def test_split_action_needs_exactly_one_person(admin_client, wrongly_merged):
    people = Person.objects.filter(name__in=["Condoleezza Rice", "Nobutaka Machimura"])

    response = admin_client.post(
        reverse("admin:meetings_person_changelist"),
        {"action": "split_selected", "_selected_action": [p.pk for p in people]},
        follow=True,
    )

    assert "Select exactly one person to split." in response.content.decode()


def test_removing_an_alias_in_the_person_form(admin_client, wrongly_merged):
    person = rice()
    alias = person.aliases.get(name="Condoleeza Rice")
    url = reverse("admin:meetings_person_change", args=[person.pk])
    data = form_data(admin_client.get(url))
    row = next(k for k, v in data.items() if k.endswith("-id") and v == str(alias.pk))
    data[row.removesuffix("-id") + "-DELETE"] = "on"

    assert admin_client.post(url, data).status_code == 302

    assert not PersonAlias.objects.filter(pk=alias.pk).exists()
    assert not Person.objects.by_any_name("Condoleeza Rice").exists()
    assert Person.objects.by_any_name("Condoleezza Rise").get() == person  # the others stay


def test_a_split_is_recorded_for_every_row_it_touches_and_logged(admin_client, wrongly_merged):
    from django.contrib.admin.models import LogEntry
    from django.contrib.auth.models import User

    editor = User.objects.get(username="admin")
    statement = lavrov_statement()

    split = split_person(rice(), lavrov_spellings(), "Sergey Lavrov", user=editor)

    lavrov = split.person
    participant = Participant.objects.get(person=lavrov)
    moved = Participant.history.filter(id=participant.pk, history_type="~").latest("history_id")
    assert (moved.person_id, moved.history_user) == (lavrov.pk, editor)
    assert moved.history_change_reason == "split of Condoleezza Rice"
    assert Statement.history.filter(id=statement.pk, history_type="~").exists()
    alias = PersonAlias.objects.get(name="Sergei Lavrov")
    assert PersonAlias.history.filter(id=alias.pk, person_id=lavrov.pk).exists()
    assert Person.history.get(id=lavrov.pk, history_type="+").history_user == editor
    logged = {
        entry.object_id: entry.change_message
        for entry in LogEntry.objects.filter(content_type__model="person")
    }
    assert logged[str(rice().pk)] == f"Split Sergey Lavrov (id {lavrov.pk}) off."
    assert logged[str(lavrov.pk)] == f"Split off Condoleezza Rice (id {rice().pk})."
