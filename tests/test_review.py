"""Issue 13: the review queue, the statement editor, bulk actions and durable review marks."""

from __future__ import annotations

from html import escape

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from meetings import importer, search
from meetings.models import AliasSource, Meeting, Person, PersonAlias, Statement

# The parser reads "He" with nobody named before as a narrative at 0.5 confidence.
DOUBTFUL_TEXT = """\
Telephone Talks between Foreign Minister Nobutaka Machimura and Secretary of State \
Condoleezza Rice of the United States

February 11, 2005

On February 11, from 8:40 a.m. for about 20 minutes, Minister for Foreign Affairs Nobutaka \
Machimura held telephone talks with Secretary of State Condoleezza Rice of the United States. \
The outline of the talks is as follows.

1. He said that the statement by North Korea on February 10 was extremely regrettable.

2. Secretary Rice stated that the United States shared the same view and that North Korea \
should return to the Six-Party Talks without preconditions.

3. The two ministers agreed that Japan and the United States would continue to coordinate closely.
"""
DOUBTFUL = "He said that the statement by North Korea on February 10 was extremely regrettable."
QUEUE = reverse("meetings_review:queue")


@pytest.fixture
def talk(db, tmp_path):
    path = tmp_path / "talk.txt"
    path.write_text(DOUBTFUL_TEXT, encoding="utf-8")
    summary = importer.import_paths([path])
    assert summary.new == 1, summary.messages
    return path


def doubtful() -> Statement:
    return Statement.objects.get(text=DOUBTFUL)


def person(name: str) -> Person:
    return Person.objects.by_any_name(name).get()


def editor_url(statement: Statement) -> str:
    return reverse("meetings_review:statement", args=[statement.pk])


def queued_statements(admin_client) -> list[Statement]:
    response = admin_client.get(QUEUE)
    assert response.status_code == 200
    return response.context["queue"].statements


def admin_user() -> User:
    return User.objects.get(username="admin")


def test_the_parser_doubts_the_pronoun(talk):
    statement = doubtful()
    assert statement.confidence == 0.5
    assert statement.attribution_reason == "'He' with no speaker before"
    assert list(statement.speakers.all()) == []


def test_queue_lists_doubtful_statements_most_doubtful_first(admin_client, talk):
    rice = Statement.objects.get(text__startswith="Secretary Rice stated")
    Statement.objects.filter(pk=rice.pk).update(confidence=0.3, attribution_reason="test doubt")

    response = admin_client.get(QUEUE)

    statements = response.context["queue"].statements
    assert [s.pk for s in statements] == [rice.pk, doubtful().pk]
    html = response.content.decode()
    assert escape("'He' with no speaker before") in html
    assert html.index(escape("test doubt")) < html.index(escape("'He' with no speaker"))
    assert editor_url(doubtful()) in html
    # Sure attributions stay out of it; the admin index links to the queue.
    assert all(s.confidence < 0.6 for s in statements)
    assert QUEUE in admin_client.get(reverse("admin:index")).content.decode()


def test_editor_shows_the_statement_highlighted_in_its_paragraph(admin_client, talk):
    response = admin_client.get(editor_url(doubtful()))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'1. <mark id="statement-text">{DOUBTFUL}</mark></div>' in html
    choices = {p.name for p in response.context["form"].fields["participants"].queryset}
    assert choices == {"Nobutaka Machimura", "Condoleezza Rice"}
    assert 'type="checkbox"' in html and "Save fix" in html and "Confirm" in html


def test_confirm_clears_it_from_the_queue_and_records_who(admin_client, talk):
    response = admin_client.post(editor_url(doubtful()), {"action": "confirm"})

    assert response.status_code == 302
    statement = doubtful()
    assert statement.review_action == "confirmed"
    assert statement.reviewed_by == admin_user()
    assert statement.reviewed_at is not None
    assert list(statement.speakers.all()) == []  # a confirmation changes nothing
    assert statement not in queued_statements(admin_client)
    assert Meeting.objects.get().edited is False


def test_fix_sets_the_speaker_and_search_finds_it_under_them(
    admin_client, talk, django_capture_on_commit_callbacks
):
    search.rebuild()
    machimura = person("Nobutaka Machimura")
    assert search.search("regrettable", {"speaker": machimura.slug}).total == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            editor_url(doubtful()), {"action": "fix", "participants": [machimura.pk]}
        )

    assert response.status_code == 302
    statement = doubtful()
    assert list(statement.speakers.all()) == [machimura]
    assert statement.kind == "statement"
    assert (statement.review_action, statement.reviewed_by) == ("fixed", admin_user())
    assert Meeting.objects.get().edited is True
    found = search.search("regrettable", {"speaker": machimura.slug})
    assert [hit.statement_id for hit in found.hits] == [statement.pk]
    assert statement not in queued_statements(admin_client)


def test_fix_with_someone_outside_the_meeting(admin_client, talk):
    outsider = Person.objects.create(name="Someone Else")

    admin_client.post(editor_url(doubtful()), {"action": "fix", "others": [outsider.pk]})

    assert list(doubtful().speakers.all()) == [outsider]


def test_other_speakers_are_found_by_autocomplete_not_listed(admin_client, talk):
    Person.objects.create(name="Someone Else")
    outsider = Person.objects.create(name="Another Outsider")
    doubtful().speakers.add(outsider)

    html = admin_client.get(editor_url(doubtful())).content.decode()

    others = html[html.index('<select name="others"') :]
    others = others[: others.index("</select>")]
    assert 'class="admin-autocomplete"' in others and 'data-field-name="speakers"' in others
    # Only the speaker already chosen is in the page, not everyone in the archive.
    assert others.count("<option") == 1 and "Another Outsider" in others
    assert "admin/js/autocomplete.js" in html and "select2" in html
    found = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "meetings",
            "model_name": "statement",
            "field_name": "speakers",
            "term": "Someone",
        },
    ).json()["results"]
    assert [row["text"] for row in found] == ["Someone Else"]


def change_file(path) -> None:
    text = path.read_text(encoding="utf-8").replace("coordinate closely.", "work together.")
    path.write_text(text, encoding="utf-8")


def test_a_fix_survives_the_reimport_of_a_changed_file(admin_client, talk):
    machimura = person("Nobutaka Machimura")
    admin_client.post(editor_url(doubtful()), {"action": "fix", "participants": [machimura.pk]})
    change_file(talk)

    assert importer.import_paths([talk]).kept_edited == 1
    assert list(doubtful().speakers.all()) == [machimura]

    # Even when the editors' edits are overwritten, the verdict on unchanged text stays.
    summary = importer.import_paths([talk], overwrite_edited=True)

    assert summary.updated == 1
    statement = doubtful()
    assert list(statement.speakers.all()) == [machimura]
    assert (statement.review_action, statement.reviewed_by) == ("fixed", admin_user())
    assert Statement.objects.filter(text__endswith="work together.").exists()  # rebuilt
    assert statement not in queued_statements(admin_client)
    assert Meeting.objects.get().edited is True


def test_a_confirmation_survives_the_reimport_of_a_changed_file(admin_client, talk):
    admin_client.post(editor_url(doubtful()), {"action": "confirm"})
    change_file(talk)

    summary = importer.import_paths([talk])

    assert summary.updated == 1
    assert doubtful().review_action == "confirmed"
    assert queued_statements(admin_client) == []
    assert Meeting.objects.get().edited is True  # it holds an editor's verdict now


def test_a_reviewed_statement_whose_text_changed_comes_back(admin_client, talk):
    admin_client.post(editor_url(doubtful()), {"action": "confirm"})
    text = talk.read_text(encoding="utf-8").replace("extremely regrettable", "regrettable")
    talk.write_text(text, encoding="utf-8")

    importer.import_paths([talk])

    assert [s.text for s in queued_statements(admin_client)] == [
        DOUBTFUL.replace("extremely regrettable", "regrettable")
    ]


def test_bulk_reassign_speaker_through_an_intermediate_form(admin_client, talk):
    rice = person("Condoleezza Rice")
    chosen = list(Statement.objects.order_by("order")[:2])
    url = reverse("admin:meetings_statement_changelist")
    selection = {"action": "reassign_speaker", "_selected_action": [s.pk for s in chosen]}

    form_page = admin_client.post(url, selection)

    assert form_page.status_code == 200
    assert "New speaker" in form_page.content.decode()
    assert all(list(s.speakers.all()) == [] for s in chosen)  # nothing yet

    done = admin_client.post(url, {**selection, "apply": "1", "person": rice.pk})

    assert done.status_code == 302
    for statement in Statement.objects.filter(pk__in=[s.pk for s in chosen]):
        assert list(statement.speakers.all()) == [rice]
        assert (statement.review_action, statement.reviewed_by) == ("reassigned", admin_user())
    untouched = Statement.objects.exclude(pk__in=[s.pk for s in chosen])
    assert not untouched.filter(reviewed_at__isnull=False).exists()


def test_bulk_mark_reviewed_on_statements_and_meetings(admin_client, talk):
    meeting = Meeting.objects.get()
    Meeting.objects.filter(pk=meeting.pk).update(
        needs_review=True, review_reasons=["meeting_dates: no dated meeting sentence"]
    )
    assert [item.meeting for item in admin_client.get(QUEUE).context["queue"].meetings] == [meeting]

    admin_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "mark_reviewed", "_selected_action": [meeting.pk]},
    )
    admin_client.post(
        reverse("admin:meetings_statement_changelist"),
        {"action": "mark_reviewed", "_selected_action": [doubtful().pk]},
    )

    queue = admin_client.get(QUEUE).context["queue"]
    assert (queue.meetings, queue.statements) == ([], [])
    meeting.refresh_from_db()
    assert (meeting.review_action, meeting.reviewed_by) == ("marked", admin_user())
    assert doubtful().reviewed_by == admin_user()


def test_queue_lists_fuzzy_spellings_and_lone_subjects_until_marked(admin_client, talk):
    rice = person("Condoleezza Rice")
    alias = PersonAlias.objects.create(
        person=rice, name="Condolezza Rice", source=AliasSource.FUZZY, score=93
    )
    PersonAlias.objects.create(person=rice, name="C. Rice", source=AliasSource.ADMIN)
    queue = admin_client.get(QUEUE).context["queue"]
    assert queue.aliases == [alias]

    response = admin_client.post(reverse("meetings_review:mark"), {"kind": "alias", "pk": alias.pk})

    assert response.status_code == 302
    alias.refresh_from_db()
    assert alias.reviewed_by == admin_user()
    assert admin_client.get(QUEUE).context["queue"].aliases == []


def test_statement_admin_columns_filters_and_search(admin_client, talk):
    url = reverse("admin:meetings_statement_changelist")

    response = admin_client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert ">Speakers<" in html
    meeting = Meeting.objects.get()
    assert str(meeting).startswith("2005-02-11 — Telephone Talks")
    assert str(meeting) in html
    rice_text = Statement.objects.get(text__startswith="Secretary Rice stated").text
    assert len(rice_text) > 140
    assert rice_text[:140] in html  # an excerpt long enough to read
    machimura, rice = person("Nobutaka Machimura"), person("Condoleezza Rice")

    def count(**params) -> int:
        page = admin_client.get(url, params)
        assert page.status_code == 200
        return page.context["cl"].result_count

    assert count(confidence="low") == 1
    assert count(confidence="high") == 3
    assert count(speaker=rice.pk) == 2
    assert count(speaker=machimura.pk) == 1
    assert count(meeting=meeting.pk) == 4
    assert count(kind="narrative") == 2
    assert count(q="preconditions") == 1
    assert count(reviewed="no") == 4


def test_meeting_admin_edits_dates_one_a_line(admin_client, talk):
    from tests.test_admin import form_data

    meeting = Meeting.objects.get()
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    page = admin_client.get(url)
    assert "2005-02-11</textarea>" in page.content.decode()
    data = form_data(page)

    data["meeting_dates"] = "2005-02-12\n2005-02-11\n"
    assert admin_client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.meeting_dates == ["2005-02-11", "2005-02-12"]
    assert meeting.edited is True

    data["meeting_dates"] = "11 February"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()
