"""Issue 13: the statement list on the seeds: phrase-first search, filters that scale,
autocomplete boxes for speakers and meetings."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings import importer
from meetings.models import Meeting, Person, Statement

URL = reverse("admin:meetings_statement_changelist")


@pytest.fixture
def seeds_imported(db, seed_paths):
    assert importer.import_paths(seed_paths).failed == 0


def listed(admin_client, **params) -> list[Statement]:
    response = admin_client.get(URL, params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


@pytest.fixture
def treaty_statements(seeds_imported):
    """Statements of one meeting, in order: the words apart, together, apart, together."""
    meeting = Meeting.objects.order_by("pk").first()
    texts = [
        "The treaty of 1956 was discussed, and a lasting peace.",
        "Both sides will work on the peace treaty.",
        "Peace in the region needs a treaty on fisheries too.",
        "A Peace Treaty remains the goal.",
    ]
    return [
        Statement.objects.create(meeting=meeting, order=900 + n, text=text)
        for n, text in enumerate(texts)
    ]


@pytest.mark.parametrize("query", ["peace treaty", "Peace  TREATY", '"peace" treaty'])
def test_search_puts_the_words_as_a_phrase_first(admin_client, treaty_statements, query):
    apart_1, together_1, apart_2, together_2 = treaty_statements

    rows = [s for s in listed(admin_client, q=query) if s in treaty_statements]

    assert rows == [together_1, together_2, apart_1, apart_2]


def test_sorted_by_a_column_the_phrase_does_not_rank(admin_client, treaty_statements):
    # "o=4": the order column, ascending, as the editor clicks it.
    rows = [s for s in listed(admin_client, q="peace treaty", o="4") if s in treaty_statements]
    assert rows == treaty_statements


def sidebar_choices(admin_client, **params) -> dict[str, list[str]]:
    response = admin_client.get(URL, params)
    return {
        spec.title: [str(label) for _, label in getattr(spec, "lookup_choices", [])]
        for spec in response.context["cl"].filter_specs
    }


def test_meeting_and_speaker_filters_list_only_the_chosen_value(admin_client, seeds_imported):
    assert Meeting.objects.count() == 5 and Person.objects.speakers().count() > 5

    choices = sidebar_choices(admin_client)

    assert choices["meeting"] == []
    assert choices["speaker"] == ["No speaker"]

    meeting = Meeting.objects.order_by("pk").first()
    putin = Person.objects.get(name="Vladimir Putin")
    chosen = sidebar_choices(admin_client, meeting=meeting.pk, speaker=putin.pk)
    assert chosen["meeting"] == [str(meeting)]
    assert chosen["speaker"] == ["No speaker", "Vladimir Putin"]
    rows = listed(admin_client, meeting=meeting.pk, speaker=putin.pk)
    assert rows and all(s.meeting_id == meeting.pk for s in rows)
    assert all(putin in s.speakers.all() for s in rows)


def test_the_filters_are_search_boxes_that_keep_the_other_filters(admin_client, seeds_imported):
    putin = Person.objects.get(name="Vladimir Putin")

    html = admin_client.get(URL, {"speaker": putin.pk, "kind": "statement", "q": "treaty"}).content
    html = html.decode()

    assert 'id="filter-speaker"' in html and 'id="filter-meeting"' in html
    assert 'data-field-name="speakers"' in html and 'data-field-name="meeting"' in html
    assert f'<option value="{putin.pk}" selected>Vladimir Putin</option>' in html
    # The meeting box's form carries the speaker, kind and query along.
    meeting_form = html[html.index('aria-label="Filter by meeting"') :]
    meeting_form = meeting_form[: meeting_form.index("</form>")]
    for name, value in (("speaker", putin.pk), ("kind", "statement"), ("q", "treaty")):
        assert f'name="{name}" value="{value}"' in meeting_form
    assert "select2" in html  # the autocomplete's files


@pytest.mark.parametrize(
    ("field", "term", "expected"),
    [("speakers", "putin", "Vladimir Putin"), ("meeting", "Gleneagles", "2005-07-07 — ")],
)
def test_the_boxes_autocomplete(admin_client, seeds_imported, field, term, expected):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "meetings", "model_name": "statement", "field_name": field, "term": term},
    )

    assert response.status_code == 200
    labels = [row["text"] for row in response.json()["results"]]
    assert labels and all(expected in label for label in labels)


def test_columns_link_to_the_filters(admin_client, seeds_imported):
    statement = Statement.objects.filter(speakers__name="Vladimir Putin").first()

    html = admin_client.get(URL, {"meeting": statement.meeting_id}).content.decode()

    putin = Person.objects.get(name="Vladimir Putin")
    assert f'<a href="?speaker={putin.pk}" title="Statements of Vladimir Putin">' in html
    assert f'<a href="?meeting={statement.meeting_id}" title="Statements of this meeting">' in html


def test_a_bad_filter_value_filters_nothing(admin_client, seeds_imported):
    everything = len(listed(admin_client))
    assert len(listed(admin_client, speaker="999999")) == everything
    assert len(listed(admin_client, meeting="x")) == everything


def test_reassigning_picks_the_person_by_autocomplete(admin_client, seeds_imported):
    chosen = list(Statement.objects.order_by("pk")[:2])

    page = admin_client.post(
        URL, {"action": "reassign_speaker", "_selected_action": [s.pk for s in chosen]}
    )

    html = page.content.decode()
    assert 'class="admin-autocomplete"' in html and 'data-field-name="speakers"' in html
    assert html.count("<option") <= 2  # not every person in the archive
