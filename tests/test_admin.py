"""The editors' admin on imported seeds: lists, filters, edits, merging people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from meetings import importer
from meetings.models import Meeting, Participant, Person, PersonAlias, Statement
from meetings.people import merge_people


@pytest.fixture
def imported(db, seed_paths):
    summary = importer.import_paths(seed_paths)
    assert summary.failed == 0
    return Meeting.objects.all()


def changelist(admin_client, model: str, **params):
    response = admin_client.get(reverse(f"admin:meetings_{model}_changelist"), params)
    assert response.status_code == 200, response.content[:500]
    return response


def result_count(response) -> int:
    return response.context["cl"].result_count


def form_data(response) -> dict:
    """The POST body a browser would send back for an admin change page, unchanged."""
    data: dict = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):  # none on a version page
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        forms.extend(formset.forms)
    for form in forms:
        for name, field in form.fields.items():
            _put(data, form[name].html_name, form[name].value())
            if field.show_hidden_initial:  # fields with callable defaults, e.g. JSON lists
                _put(data, form[name].html_initial_name, form[name].value())
    return data


def _put(data: dict, key: str, value) -> None:
    if value is None or value is False:
        return
    if value is True:
        data[key] = "on"
    elif isinstance(value, list | tuple):
        data[key] = [str(item) for item in value]
    elif isinstance(value, dt.date | dt.time):
        data[key] = value.isoformat()
    else:
        data[key] = str(value)


def change_url(model: str, pk: int) -> str:
    return reverse(f"admin:meetings_{model}_change", args=[pk])


@pytest.mark.parametrize(
    "model", ["meeting", "statement", "person", "personalias", "topic", "subject"]
)
def test_changelists_load(admin_client, imported, model):
    response = changelist(admin_client, model)
    assert result_count(response) > 0


def test_meeting_filters_and_search(admin_client, imported):
    assert result_count(changelist(admin_client, "meeting")) == 5
    assert result_count(changelist(admin_client, "meeting", meeting_type="summit")) == (
        Meeting.objects.filter(meeting_type="summit").count()
    )
    assert result_count(changelist(admin_client, "meeting", year="2004")) == 2
    assert result_count(changelist(admin_client, "meeting", date_start__year="2003")) == 2
    assert result_count(changelist(admin_client, "meeting", country="Japan")) == 5
    assert result_count(changelist(admin_client, "meeting", q="Kasyanov")) == 1
    assert result_count(changelist(admin_client, "meeting", q="Putin")) == (
        Meeting.objects.with_person(Person.objects.get(name="Vladimir Putin")).count()
    )
    page = changelist(admin_client, "meeting").content.decode()
    assert "Russian Federation" in page  # the country filter offers participants' countries


def test_person_list_shows_counts(admin_client, imported):
    response = changelist(admin_client, "person", q="Koizumi")
    koizumi = next(p for p in response.context["cl"].result_list if p.name == "Junichiro Koizumi")
    assert koizumi.meeting_count == 4  # all but the foreign ministers' meeting
    assert koizumi.statement_count == Person.objects.get(pk=koizumi.pk).statements.count() > 0


def test_change_form_saves_and_marks_meeting_edited(admin_client, imported):
    meeting = Meeting.objects.get(source_name="003_a3cc2b874fe25dad.txt")
    counts = (meeting.participants.count(), meeting.topics.count(), meeting.statements.count())
    url = change_url("meeting", meeting.pk)
    data = form_data(admin_client.get(url))
    data["title"] = "Foreign Ministers' Meeting (corrected title)"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    meeting.refresh_from_db()
    assert meeting.title == "Foreign Ministers' Meeting (corrected title)"
    assert meeting.edited is True
    assert (
        meeting.participants.count(),
        meeting.topics.count(),
        meeting.statements.count(),
    ) == counts


def test_inline_edit_marks_meeting_edited(admin_client, imported):
    meeting = Meeting.objects.get(source_name="004_563a0f5284475358.txt")
    statement = meeting.statements.order_by("order").first()
    url = change_url("meeting", meeting.pk)
    data = form_data(admin_client.get(url))
    row = next(k for k, v in data.items() if k.endswith("-id") and v == str(statement.pk))
    new_kind = "narrative" if statement.kind != "narrative" else "statement"
    data[row.removesuffix("-id") + "-kind"] = new_kind

    assert admin_client.post(url, data).status_code == 302

    meeting.refresh_from_db()
    statement.refresh_from_db()
    assert meeting.edited is True
    assert statement.kind == new_kind


def test_saving_an_unchanged_form_does_not_mark_edited(admin_client, imported):
    meeting = Meeting.objects.get(source_name="001_8c808e7691950097.txt")
    url = change_url("meeting", meeting.pk)

    assert admin_client.post(url, form_data(admin_client.get(url))).status_code == 302

    meeting.refresh_from_db()
    assert meeting.edited is False


def test_statement_admin_edit_marks_meeting_edited(admin_client, imported):
    statement = Statement.objects.filter(speakers__name="Sergey Lavrov").first()
    url = change_url("statement", statement.pk)
    data = form_data(admin_client.get(url))
    data["kind"] = "narrative"

    assert admin_client.post(url, data).status_code == 302

    statement.refresh_from_db()
    assert statement.kind == "narrative"
    assert statement.meeting.edited is True
    assert Meeting.objects.filter(edited=True).count() == 1


def test_admin_edit_survives_reimport_of_changed_file(admin_client, tmp_path):
    import shutil

    from tests.conftest import SEEDS_DIR

    source = shutil.copy(SEEDS_DIR / "004_563a0f5284475358.txt", tmp_path / "meeting.txt")
    importer.import_paths([source])
    meeting = Meeting.objects.get()
    url = change_url("meeting", meeting.pk)
    data = form_data(admin_client.get(url))
    data["occasion"] = "G8 Gleneagles Summit (checked)"
    assert admin_client.post(url, data).status_code == 302
    with open(source, "a", encoding="utf-8") as text:
        text.write("\n")

    summary = importer.import_paths([source])

    assert summary.kept_edited == 1
    meeting.refresh_from_db()
    assert meeting.occasion == "G8 Gleneagles Summit (checked)"


def test_merge_action_moves_everything_to_the_survivor(admin_client, imported):
    koizumi = Person.objects.get(name="Junichiro Koizumi")
    duplicate = Person.objects.create(
        name="Koizumi Junichiro", country="Japan", note="Family name first."
    )
    PersonAlias.objects.create(person=duplicate, name="J. Koizumi", source="admin")
    moved_participation = Participant.objects.filter(person=koizumi).first()
    moved_participation.person = duplicate
    moved_participation.save()
    only_duplicate = Statement.objects.filter(speakers=koizumi).order_by("pk")[0]
    only_duplicate.speakers.remove(koizumi)
    only_duplicate.speakers.add(duplicate)
    both = Statement.objects.filter(speakers=koizumi).order_by("pk")[1]
    both.speakers.add(duplicate)
    statements = set(
        Statement.objects.filter(speakers__in=[koizumi, duplicate]).values_list("pk", flat=True)
    )
    participations = Participant.objects.filter(person__in=[koizumi, duplicate]).count()

    response = admin_client.post(
        reverse("admin:meetings_person_changelist"),
        {"action": "merge_selected", "_selected_action": [duplicate.pk, koizumi.pk]},
        follow=True,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Merged Koizumi Junichiro into Junichiro Koizumi" in page
    assert "most statements" in page
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    koizumi.refresh_from_db()
    assert set(koizumi.statements.values_list("pk", flat=True)) == statements
    assert list(both.speakers.filter(pk=koizumi.pk)) == [koizumi]
    assert koizumi.participations.count() == participations
    aliases = dict(koizumi.aliases.values_list("name", "source"))
    assert aliases["Koizumi Junichiro"] == "merge"
    assert aliases["J. Koizumi"] == "admin"
    assert koizumi.note == "Family name first."  # filled in from the merged person


def test_merge_needs_two_people(admin_client, imported):
    putin = Person.objects.get(name="Vladimir Putin")
    response = admin_client.post(
        reverse("admin:meetings_person_changelist"),
        {"action": "merge_selected", "_selected_action": [putin.pk]},
        follow=True,
    )
    assert "Select at least two people" in response.content.decode()
    assert Person.objects.filter(pk=putin.pk).exists()


def test_merge_people_keeps_an_existing_alias_spelling(imported):
    putin = Person.objects.get(name="Vladimir Putin")
    twin = Person.objects.create(name="Vladimir V. Putin")
    PersonAlias.objects.create(person=putin, name="Putin", source="admin")
    PersonAlias.objects.create(person=twin, name="V. V. Putin", source="admin")

    assert merge_people(putin, [twin]) == 1

    assert set(putin.aliases.values_list("name", flat=True)) >= {
        "Putin",
        "V. V. Putin",
        "Vladimir V. Putin",
    }
    assert Person.objects.by_any_name("Vladimir V. Putin").get() == putin


def test_alias_inline_refuses_a_known_spelling(admin_client, imported):
    putin = Person.objects.get(name="Vladimir Putin")
    koizumi = Person.objects.get(name="Junichiro Koizumi")
    PersonAlias.objects.create(person=koizumi, name="J. Koizumi", source="admin")
    url = change_url("person", putin.pk)
    data = form_data(admin_client.get(url))
    prefix = "aliases"
    extra = int(data[f"{prefix}-TOTAL_FORMS"]) - 1
    data[f"{prefix}-{extra}-name"] = "j koizumi"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "is already an alias" in response.content.decode()


@pytest.mark.parametrize("text", ["```.", "—"])
def test_saving_a_statement_without_words_indexes_it(
    admin_client, transactional_db, seed_paths, text
):
    """Issue 11.1: such a text failed the index write after the commit, an HTTP 500."""
    from meetings import search

    importer.import_paths(seed_paths[:1])  # and indexed: commits are real here
    statement = Statement.objects.order_by("pk").first()
    url = change_url("statement", statement.pk)
    data = form_data(admin_client.get(url))
    data["text"] = text

    response = admin_client.post(url, data)

    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.text == text
    report = search.check()
    assert (report["missing"], report["stale"], report["changed"]) == ([], [], [])


@pytest.mark.parametrize("authority", ["people.json", "none"])
def test_a_renamed_person_stays_one_person_on_the_next_import(
    admin_client, settings, tmp_path, seed_paths, authority
):
    """Issue 11.2: the old name becomes an alias, so a re-import maps to the edited person."""
    import shutil

    if authority == "none":  # then only the texts' own spellings name people
        settings.PEOPLE_AUTHORITY_FILE = tmp_path / "absent-people.json"
    copies = [shutil.copy(path, tmp_path / path.name) for path in seed_paths]
    importer.import_paths(copies)
    putin = Person.objects.get(name="Vladimir Putin")
    people = Person.objects.count()
    spoken = putin.statements.count()
    assert spoken > 0
    url = change_url("person", putin.pk)
    data = form_data(admin_client.get(url))
    data["name"] = "President V. Putin"

    assert admin_client.post(url, data).status_code == 302

    putin.refresh_from_db()
    assert putin.name == "President V. Putin"
    assert putin.aliases.get(name="Vladimir Putin").source == "admin"
    for copy in copies:  # every file changed: all are imported again
        with open(copy, "a", encoding="utf-8") as text:
            text.write("\n")
    summary = importer.import_paths(copies, overwrite_edited=True)

    assert summary.updated == len(copies) and summary.failed == 0
    assert Person.objects.count() == people
    assert not Person.objects.filter(name="Vladimir Putin").exists()
    assert Person.objects.by_any_name("Vladimir Putin").get() == putin
    assert putin.statements.count() == spoken


def test_renaming_back_and_forth_keeps_both_names_once(admin_client, imported):
    koizumi = Person.objects.get(name="Junichiro Koizumi")
    url = change_url("person", koizumi.pk)
    for name in ("Koizumi Junichiro", "Junichiro Koizumi"):
        data = form_data(admin_client.get(url))
        data["name"] = name
        assert admin_client.post(url, data).status_code == 302

    koizumi.refresh_from_db()
    assert koizumi.name == "Junichiro Koizumi"
    names = list(koizumi.aliases.values_list("name", flat=True))
    assert "Koizumi Junichiro" in names  # the name it had in between
    assert "Junichiro Koizumi" not in names  # its own name again, no longer an alias


def test_renaming_to_one_of_its_aliases_swaps_name_and_alias(admin_client, imported):
    putin = Person.objects.get(name="Vladimir Putin")
    assert putin.aliases.filter(name="Vladimir V. Putin").exists()  # from fixtures/people.json
    url = change_url("person", putin.pk)
    data = form_data(admin_client.get(url))
    data["name"] = "Vladimir V. Putin"

    assert admin_client.post(url, data).status_code == 302

    names = set(putin.aliases.values_list("name", flat=True))
    assert "Vladimir Putin" in names and "Vladimir V. Putin" not in names
    assert Person.objects.by_any_name("Vladimir Putin").get() == putin
