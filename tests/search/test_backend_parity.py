"""Both backends mean the same thing: one corpus, both indexes, the same answers.

Runs with --db=postgres only (the PostgreSQL backend needs the server).
"""

from __future__ import annotations

import re

import pytest

from meetings import search
from tests.search.corpus import create_corpus

QUERIES = [
    "kyoto",
    "treaties",
    "the kyoto",
    '"peace treaty"',
    '"conclusion of a peace treaty"',
    '"treaty of peace"',
    "six-party",
    "Russia's",
    "cafe",
    "CAFÉ naïve",
    "<script>",
    "<script>alert(1)</script>",
    '"<b>delegation</b>"',
    "kyoto OR fishing",
    "kyoto -koizumi",
    "(kyoto OR fishing) AND koizumi",
    "NOT putin",
    "speaker:putin",
    "speaker:kasjyanov",
    'speaker:"Mikhail Kasyanov"',
    "speaker:jun",
    "country:russia",
    "country:japan -speaker:koizumi",
    'topic:"north korea"',
    "topic:fishery",
    "topic:energies",
    "subject:fisheries",
    "subject:energy",
    "title:gleneagles",
    "title:summits",
    "title:the",
    "location:moscow",
    "location:georgia",
    "type:summit",
    "type:visit",
    "year:2004",
    "year:2003..2004",
    "date:2003-01..2004-06",
    "date:2004..",
    "date:..2003",
    "the",
    "japan OR russia OR treaty",
    # People under every spelling (meetings/search/people.py), misspelled ones too.
    "Kasjyanov",
    "kasyanov",
    "Kasianov",
    '"Mikhail Kasyanov"',
    "koizumy",
    "speaker:koizumy",
    "putin -kasyanov",
    "kasyanov OR fishing",
]


@pytest.fixture
def both_indexed(request, settings, transactional_db):
    if request.config.getoption("--db") != "postgres":
        pytest.skip("the PostgreSQL backend needs --db=postgres")
    from meetings.search.postgres.models import SearchDocument, SearchVocabulary

    SearchDocument.objects.all().delete()
    SearchVocabulary.objects.all().delete()
    settings.SEARCH_AUTO_INDEX = False
    create_corpus()
    for name in ("whoosh", "postgres"):
        settings.SEARCH_BACKEND = name
        search.rebuild()
    return settings


def answer(settings, backend: str, query: str, **options) -> dict:
    settings.SEARCH_BACKEND = backend
    result = search.search(query, per_page=100, **options)
    return {
        "ids": sorted(result.ids),
        "total": result.total,
        "facets": result.facets,
        "error": result.error,
        "notice": result.notice,
        "suggestion": result.suggestion,
        "marked": sorted(
            {
                word.lower()
                for hit in result.hits
                for word in re.findall(r"<mark>(.*?)</mark>", hit.snippet)
            }
        ),
    }


def test_every_query_means_the_same(both_indexed):
    for query in QUERIES:
        whoosh = answer(both_indexed, "whoosh", query)
        postgres = answer(both_indexed, "postgres", query)
        assert postgres == whoosh, query


@pytest.mark.parametrize(
    "filters",
    [
        {"speaker": "vladimir-putin"},
        {"country": "Japan", "type": "summit"},
        {"year": 2003},
        {"date_from": "2004-01-01", "date_to": "2004-12-31"},
        {"subject": "Fisheries"},
    ],
)
def test_filters_mean_the_same(both_indexed, filters):
    for query in ("", "japan OR russia", "treaty"):
        whoosh = answer(both_indexed, "whoosh", query, filters=filters)
        postgres = answer(both_indexed, "postgres", query, filters=filters)
        assert postgres == whoosh, (query, filters)


def test_suggestions_and_related_agree(both_indexed):
    for query in ("kyoto protocl", "pipline", "fishng koizumi"):
        whoosh = answer(both_indexed, "whoosh", query)["suggestion"]
        assert whoosh and answer(both_indexed, "postgres", query)["suggestion"] == whoosh
    from tests.search.corpus import statement_with

    first = statement_with("early ratification of the Kyoto Protocol").id
    firsts = []
    for name in ("whoosh", "postgres"):
        both_indexed.SEARCH_BACKEND = name
        firsts.append(search.related(first, limit=3)[0])
    assert firsts[0] == firsts[1]
