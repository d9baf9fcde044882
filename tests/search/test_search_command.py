"""manage.py search --json: the one JSON object the API returns too."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command

CONTRACT_KEYS = [
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
HIT_KEYS = {"statement", "meeting", "meeting_title", "date", "speakers", "topic", "snippet"}


def run(*args) -> dict:
    out = StringIO()
    call_command("search", *args, "--json", stdout=out)
    text = out.getvalue().strip()
    assert text.count("\n") == 0
    return json.loads(text)


def test_json_shape(corpus):
    data = run("kyoto", "--per-page", "1", "--sort", "relevance")
    assert list(data) == CONTRACT_KEYS
    assert data["query"] == "kyoto" and data["total"] == 2 and data["per_page"] == 1
    assert len(data["hits"]) == 1 and set(data["hits"][0]) == HIT_KEYS
    hit = data["hits"][0]
    assert hit["meeting"] == "2004-06-09-sea-island" and hit["date"] == "2004-06-09"
    assert "<mark>Kyoto</mark>" in hit["snippet"] and hit["topic"] == "1 Kyoto Protocol"
    assert set(data["facets"]) == {"speaker", "country", "type", "year", "subject"}
    assert data["facets"]["speaker"] == {"Junichiro Koizumi": 1, "Vladimir Putin": 1}
    assert data["error"] is None


def test_pages_and_date_sort(corpus):
    first = run("japan OR russia", "--sort", "date", "--per-page", "2")
    second = run("japan OR russia", "--sort", "date", "--per-page", "2", "--page", "2")
    assert first["hits"][0]["date"] <= second["hits"][0]["date"]
    assert second["page"] == 2


def test_a_query_it_cannot_run_is_an_error_message(corpus):
    data = run("***")
    assert data["error"] and data["total"] == 0 and data["hits"] == []


def test_suggestion_in_json(corpus):
    assert run("kyoto protocl")["suggestion"] == "kyoto protocol"
