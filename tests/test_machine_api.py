"""The JSON API: /api/meetings/, /api/meetings/<id>/, /meetings/<id>.json, /api/search/."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from machine_seeds import assert_queries_do_not_grow

from meetings.models import Participant, Person, Role, Statement, Subject
from meetings.search import search
from meetings.search.serialize import result_json

pytestmark = pytest.mark.django_db

# The object of `manage.py search --json` (meetings/search/serialize.py), key for key.
SEARCH_CONTRACT_KEYS = [
    "query",
    "total",
    "page",
    "per_page",
    "hits",
    "facets",
    "suggestion",
    "hint",
    "understood",
    "people",
    "notices",
    "error",
]
HIT_KEYS = ["statement", "meeting", "meeting_title", "date", "speakers", "topic", "snippet"]


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content.decode("utf-8"))


def test_meetings_list_has_every_seed_with_principals(client, seeds):
    data = get_json(client, reverse("machine:api_meetings"))
    assert list(data) == ["count", "page", "pages", "per_page", "next", "previous", "results"]
    assert data["count"] == len(seeds) == len(data["results"])
    by_id = {item["public_id"]: item for item in data["results"]}
    assert set(by_id) == {meeting.public_id for meeting in seeds}
    for meeting in seeds:
        item = by_id[meeting.public_id]
        assert item["url"] == f"http://testserver{meeting.get_absolute_url()}"
        assert item["title"] == meeting.title
        assert item["published"] == meeting.published.isoformat()
        assert item["meeting_type"] == meeting.meeting_type
        principals = Participant.objects.filter(meeting=meeting, role=Role.PRINCIPAL)
        assert [p["name"] for p in item["principals"]] == [
            p.person.name for p in principals.order_by("order")
        ]


def test_meetings_list_uses_the_list_filters(client, seeds):
    year = seeds[0].date_start.year
    data = get_json(client, reverse("machine:api_meetings"), year=year)
    expected = {m.public_id for m in seeds if m.date_start.year == year}
    assert {item["public_id"] for item in data["results"]} == expected
    summits = get_json(client, reverse("machine:api_meetings"), type="summit")
    assert {item["meeting_type"] for item in summits["results"]} == {"summit"}
    assert summits["count"] == sum(m.meeting_type == "summit" for m in seeds)


def test_meetings_list_bad_page_is_a_json_error(client, seeds):
    assert "error" in get_json(client, reverse("machine:api_meetings"), status=400, page="x")
    assert "error" in get_json(client, reverse("machine:api_meetings"), status=404, page=99)


def test_meetings_list_query_count_does_not_grow_with_rows(
    client, seed_paths, django_assert_max_num_queries
):
    url = reverse("machine:api_meetings")
    # The archive's generation, the (cached) total, the page's meetings, their principals.
    response = assert_queries_do_not_grow(client, url, seed_paths, django_assert_max_num_queries, 4)
    assert response.json()["count"] == len(seed_paths)


def test_full_record_matches_the_database(client, seeds):
    for meeting in seeds:
        record = get_json(client, reverse("machine:api_meeting", args=[meeting.public_id]))
        assert record["public_id"] == meeting.public_id
        assert record["url"] == f"http://testserver{meeting.get_absolute_url()}"
        assert record["edited"] is False
        assert record["source"] == meeting.source_name
        assert len(record["statements"]) == Statement.objects.filter(meeting=meeting).count()
        assert len(record["participants"]) == meeting.participants.count()
        top_topics = meeting.topics.filter(parent=None).order_by("order")
        assert [s["number"] for s in record["sections"]] == [t.number for t in top_topics]
        first = Statement.objects.filter(meeting=meeting).order_by("order").first()
        assert record["statements"][0]["text"] == first.text
        assert record["statements"][0]["permalink"] == (
            f"http://testserver{first.get_absolute_url()}"
        )
        assert list(record["statements"][0]) == [
            "order",
            "section",
            "subsection",
            "speakers",
            "kind",
            "text",
            "start",
            "end",
            "permalink",
        ]


def test_full_record_keeps_speakers_and_non_ascii_text(client, seeds):
    meeting = seeds[0]
    spoken = Statement.objects.filter(meeting=meeting, speakers__isnull=False).first()
    spoken.text = "Kōno said “yes”"
    spoken.save()
    response = client.get(reverse("machine:api_meeting", args=[meeting.public_id]))
    assert "Kōno said “yes”".encode() in response.content  # not \\u escapes
    record = json.loads(response.content)
    statement = next(s for s in record["statements"] if s["order"] == spoken.order)
    assert statement["speakers"] == [p.name for p in spoken.speakers.all()]
    assert set(record["speakers"]) >= set(statement["speakers"])


def test_full_record_query_count_is_fixed(client, seeds, django_assert_max_num_queries):
    meeting = max(seeds, key=lambda m: m.statements.count())
    with django_assert_max_num_queries(6):
        client.get(reverse("machine:api_meeting", args=[meeting.public_id]))


def test_json_download_is_the_record_as_an_attachment(client, seeds):
    meeting = seeds[1]
    response = client.get(reverse("machine:meeting_json", args=[meeting.public_id]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{meeting.public_id}.json"'
    api = client.get(reverse("machine:api_meeting", args=[meeting.public_id]))
    assert json.loads(response.content) == json.loads(api.content)
    assert reverse("machine:meeting_json", args=[meeting.public_id]).endswith(".json")


def test_unknown_meeting_is_a_json_404(client):
    data = get_json(client, reverse("machine:api_meeting", args=["nope"]), status=404)
    assert data == {"error": "no meeting with public id 'nope'"}
    get_json(client, reverse("machine:meeting_json", args=["nope"]), status=404)


def test_search_answers_exactly_the_contract(client, indexed_seeds):
    data = get_json(client, reverse("machine:api_search"), q="peace treaty")
    assert list(data) == SEARCH_CONTRACT_KEYS
    assert data["error"] is None
    assert data["query"] == "peace treaty"
    assert data["total"] >= 1 and data["hits"]
    for hit in data["hits"]:
        assert list(hit) == HIT_KEYS
        assert hit["meeting"] in {m.public_id for m in indexed_seeds}


def test_search_is_the_command_line_object(client, indexed_seeds):
    params = {"q": "Putin", "type": "summit", "sort": "-date", "per_page": "3", "page": "2"}
    data = get_json(client, reverse("machine:api_search"), **params)
    expected = result_json(search("Putin", {"type": "summit"}, page=2, per_page=3, sort="-date"))
    assert data == json.loads(json.dumps(expected))
    assert data["page"] == 2 and len(data["hits"]) <= 3


@pytest.mark.parametrize(
    "params",
    [{"q": "NOT"}, {"q": "AND OR NOT ("}, {"q": "a", "page": "-1"}, {"q": "a", "per_page": "x"}],
)
def test_bad_searches_answer_200_with_an_error(client, indexed_seeds, params):
    data = get_json(client, reverse("machine:api_search"), **params)
    assert list(data) == SEARCH_CONTRACT_KEYS
    assert data["error"]
    assert data["hits"] == []


@pytest.mark.parametrize("query", ['"unclosed phrase', "x" * 5000, "(((", "year:abc", "\x00"])
def test_odd_searches_never_fail(client, indexed_seeds, query):
    data = get_json(client, reverse("machine:api_search"), q=query)
    assert list(data) == SEARCH_CONTRACT_KEYS


def test_search_with_no_query_is_not_a_server_error(client, indexed_seeds):
    data = get_json(client, reverse("machine:api_search"))
    assert list(data) == SEARCH_CONTRACT_KEYS


# Issue 11.3: every repair the API makes to a request is listed, as the search page shows it.


def search_api(client, **params) -> dict:
    data = get_json(client, reverse("machine:api_search"), **params)
    assert list(data) == SEARCH_CONTRACT_KEYS
    assert data["error"] is None, data["error"]
    return data


def test_a_plain_search_lists_no_repairs(client, indexed_seeds):
    assert search_api(client, q="peace treaty")["notices"] == []


def test_a_too_long_query_is_listed_as_shortened(client, indexed_seeds, settings):
    settings.SEARCH_MAX_QUERY_LENGTH = 20
    data = search_api(client, q="peace treaty " * 10)
    assert data["query"] == "peace treaty peace t"
    assert data["notices"] == ["the query was shortened to 20 characters"]


def test_dropped_terms_are_listed(client, indexed_seeds, settings):
    settings.SEARCH_MAX_TERMS = 2
    data = search_api(client, q="peace treaty islands")
    assert data["notices"] == ["only the first 2 terms of the query were used"]


def test_a_capped_per_page_is_listed(client, indexed_seeds, settings):
    settings.SEARCH_MAX_PER_PAGE = 4
    data = search_api(client, q="Russia", per_page="50")
    assert data["per_page"] == 4 and len(data["hits"]) == 4
    assert data["notices"] == ["at most 4 results per page"]


def test_a_query_of_only_exclusions_is_listed_by_date_and_says_so(client, indexed_seeds):
    data = search_api(client, q="-peace", per_page="100")

    assert data["notices"] == [
        "a query that only excludes words lists everything else, newest first"
    ]
    with_peace = search("peace", per_page=100).total
    assert data["total"] == Statement.objects.count() - with_peace > 0
    dates = [hit["date"] for hit in data["hits"]]
    assert dates == sorted(dates, reverse=True)
    assert not any(
        "peace" in Statement.objects.get(pk=h["statement"]).text.lower() for h in data["hits"]
    )


def test_an_ignored_filter_is_listed(client, indexed_seeds):
    data = search_api(client, q="Russia", year="soon")
    assert len(data["notices"]) == 1 and "soon" in data["notices"][0]


# Issue 12.2: suggestions for a search box, people and subjects as they are typed.


def suggest(client, text: str) -> dict:
    data = get_json(client, reverse("machine:api_suggest"), q=text)
    assert list(data) == ["query", "people", "subjects"]
    return data


def test_suggest_names_people_under_any_spelling(client, seeds):
    kasyanov = Person.objects.with_counts().get(name="Mikhail Kasyanov")
    for typed in ("kasi", "Kasjy", "Mikhail Kas", "kasyanof"):
        people = suggest(client, typed)["people"]
        assert people and people[0]["name"] == "Mikhail Kasyanov", typed
    first = suggest(client, "kasi")["people"][0]
    assert first == {
        "name": "Mikhail Kasyanov",
        "slug": kasyanov.slug,
        "url": kasyanov.get_absolute_url(),
        "country": "Russian Federation",
        "office": kasyanov.office,
        "statements": kasyanov.statement_count,
        "meetings": kasyanov.meeting_count,
        "also_written": first["also_written"],
    }
    assert "Kasjyanov" in first["also_written"]
    assert [p["name"] for p in suggest(client, "koizumy")["people"]] == ["Junichiro Koizumi"]


def test_suggest_names_subjects_by_a_word_begun(client, seeds):
    subject = Subject.objects.get(slug="north-korea")
    subjects = suggest(client, "north")["subjects"]
    assert subjects[0]["name"] == subject.name and subjects[0]["url"] == subject.get_absolute_url()
    assert subjects[0]["meetings"] == subject.topics.values("meeting").distinct().count()
    assert any(s["slug"] == "north-korea" for s in suggest(client, "korea")["subjects"])


def test_suggest_lists_only_people_with_a_page_and_at_most_eight(client, seeds):
    listed = {p["slug"] for p in suggest(client, "an")["people"]}
    assert 0 < len(listed) <= 8
    for person in Person.objects.filter(slug__in=listed).with_counts():
        assert person.meeting_count or person.statement_count
    # Roh Moo-hyun is in the authority file but in no seed meeting.
    assert suggest(client, "Roh Moo")["people"] == []


def test_suggest_needs_two_letters_and_answers_only_reads(client, seeds):
    assert suggest(client, "k") == {"query": "k", "people": [], "subjects": []}
    assert suggest(client, "  ") == {"query": "", "people": [], "subjects": []}
    assert len(suggest(client, "x" * 500)["query"]) == 100
    url = reverse("machine:api_suggest")
    assert client.post(url, {"q": "kas"}).status_code == 405


def test_a_name_searched_is_listed_with_the_person(client, indexed_seeds):
    data = search_api(client, q="Kasianov")
    assert [p["name"] for p in data["people"]] == ["Mikhail Kasyanov"]
    assert data["notices"][0].startswith("“Kasianov” also finds Mikhail Kasyanov")


# Issue 12.9: the API says how it read the query, explains bad field values, offers the hint.


def test_the_api_says_how_it_read_the_query_and_offers_the_field_syntax(client, indexed_seeds):
    data = search_api(client, q="putin peace treaty 2004")
    assert data["understood"] == "statements containing “putin”, “peace”, “treaty” and “2004”"
    assert data["hint"] == 'speaker:putin year:2004 "peace treaty"'
    assert search_api(client, q=data["hint"])["total"] > 0
    plain = search_api(client, q="peace treaty")
    assert (
        plain["hint"] is None
        and plain["understood"] == "statements containing “peace” and “treaty”"
    )


def test_the_api_explains_a_bad_field_value_as_the_page_does(client, indexed_seeds):
    data = get_json(client, reverse("machine:api_search"), q="year:abcd")
    why = "year:abcd was left out: “abcd” is not a year (write year:2004 or year:2003..2005)"
    assert data["error"] == f"Nothing was searched: {why}."
    assert data["notices"] == [why] and data["understood"] is None and data["total"] == 0

    data = search_api(client, q="peace type:conference")
    assert len(data["notices"]) == 1
    assert data["notices"][0].startswith("type:conference was left out: “conference” is not a")
    assert data["understood"] == "statements containing “peace”" and data["total"] > 0
