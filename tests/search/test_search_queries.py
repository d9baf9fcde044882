"""meetings.search.search(): the query language, filters, facets, snippets, suggestions."""

from __future__ import annotations

import re

import pytest

from meetings import search
from tests.search.corpus import HOSTILE, statement_with


def ids(query: str, **options) -> set[int]:
    result = search.search(query, per_page=100, **options)
    assert result.error is None, result.error
    return set(result.ids)


def test_phrase_is_stricter_than_words(corpus):
    phrase = ids('"peace treaty"')
    words = ids("peace treaty")
    assert phrase == {statement_with("conclusion of a peace treaty").id}
    assert phrase < words
    assert statement_with("treaty of peace").id in words


def test_stems_and_accents(corpus):
    assert statement_with("peace treaty, treaties").id in ids("treaties")
    cafe = statement_with("café").id
    assert ids("cafe") == {cafe}
    assert ids("CAFÉ") == {cafe}


def test_boolean_operators(corpus):
    kyoto = ids("kyoto")
    assert ids("kyoto OR fishing") == kyoto | ids("fishing")
    assert ids("kyoto AND putin") == kyoto & ids("putin")
    assert ids("kyoto -koizumi") == kyoto - ids("koizumi")
    assert ids("kyoto NOT koizumi") == kyoto - ids("koizumi")
    assert ids("(kyoto OR fishing) AND koizumi") == (kyoto | ids("fishing")) & ids("koizumi")


@pytest.mark.parametrize(
    ("query", "expected_text"),
    [
        ("speaker:putin", "Pacific pipeline"),
        ('speaker:"Mikhail Kasyanov"', "Chairman Kasjyanov stated"),
        ("country:russia", "Pacific pipeline"),
        ('topic:"north korea"', "further cooperate with Japan"),
        ("subject:fisheries", "illegal fishing"),
        ("type:official_visit", "illegal fishing"),
        ("year:2005", "treaty of peace"),
        ("title:gleneagles", "treaty of peace"),
        ("location:moscow", "Pacific pipeline"),
    ],
)
def test_every_field(corpus, query, expected_text):
    assert statement_with(expected_text).id in ids(query)


def test_fields_exclude_what_they_should(corpus):
    assert statement_with("illegal fishing").id not in ids("speaker:putin")
    assert ids("type:summit") & ids("type:official_visit") == set()
    assert ids("year:2005") == {statement_with("treaty of peace").id}


def test_speaker_aliases_find_the_same_statements(corpus):
    assert ids("speaker:kasjyanov") == ids("speaker:kasyanov") != set()


def test_date_ranges(corpus):
    sea_island = statement_with("further cooperate with Japan").id
    gleneagles = statement_with("treaty of peace").id
    in_range = ids("date:2003-01..2004-06")
    assert sea_island in in_range and gleneagles not in in_range
    assert ids("date:2004..") == ids("year:2004") | ids("year:2005")
    assert ids("date:..2003") == ids("year:2003")
    assert ids("date:2004-06-09") == ids("year:2004")
    assert ids("", filters={"date_from": "2005-01-01"}) == {gleneagles}
    assert ids("treaty", filters={"date_to": "2004"}) == ids("treaty year:2003")


def test_facets_count_the_whole_result_and_filters_narrow(corpus):
    result = search.search("japan OR russia OR treaty", per_page=1)
    assert len(result.hits) == 1 and result.total > 3
    assert sum(result.facets["type"].values()) == result.total
    assert sum(result.facets["year"].values()) == result.total
    assert max(result.facets["speaker"].values()) <= result.total
    for name in ("speaker", "country", "type", "year", "subject"):
        value, count = next(iter(result.facets[name].items()))
        narrowed = search.search("japan OR russia OR treaty", filters={name: value})
        assert narrowed.total == count, name


def test_sorting_by_date(corpus):
    from meetings.models import Statement

    def dates(sort):
        found = search.search("", filters={"country": "Japan"}, sort=sort, per_page=100).ids
        by_id = Statement.objects.select_related("meeting").in_bulk(found)
        return [by_id[i].meeting.date_start for i in found]

    assert dates("date") == sorted(dates("date"))
    assert dates("-date") == sorted(dates("-date"), reverse=True)


def test_paging_and_the_per_page_cap(corpus, settings):
    settings.SEARCH_MAX_PER_PAGE = 2
    first = search.search("japan OR russia", per_page=50)
    second = search.search("japan OR russia", per_page=50, page=2)
    assert first.per_page == 2 and len(first.ids) == 2
    assert "at most 2 results per page" in first.notice
    assert not set(first.ids) & set(second.ids)


def test_snippets_escape_first_then_mark(corpus):
    hostile = statement_with("<script>").id
    result = search.search("delegation")
    hit = next(h for h in result.hits if h.statement_id == hostile)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in hit.snippet
    assert "<mark>delegation</mark>" in hit.snippet
    assert "&amp;" in hit.snippet and "<script" not in hit.snippet


def test_hostile_query_never_reaches_markup(corpus):
    for query in ["<script>alert(1)</script>", '"<b>delegation</b>"', "<mark>fisheries"]:
        result = search.search(query)
        for hit in result.hits:
            tags = re.findall(r"</?[^>]*>", hit.snippet)
            assert set(tags) <= {"<mark>", "</mark>"}, tags
    assert statement_with(HOSTILE[:20]).id in search.search("<script>").ids


def test_stemmed_matches_are_marked(corpus):
    result = search.search("treaty")
    snippet = next(h.snippet for h in result.hits if "treaties" in h.snippet)
    assert "<mark>treaties</mark>" in snippet


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        "((kyoto",
        "kyoto))",
        "OR",
        "AND kyoto OR",
        "NOT",
        "-",
        "nosuchfield:kyoto",
        "speaker:",
        "year:abc",
        "date:2004-13..",
        "***",
        "?*",
        "k" * 10_000,
        " ".join(f"word{i}" for i in range(200)),
        "(" * 300 + "kyoto",
        "\x00\ufffd\u202e",
    ],
)
def test_bad_queries_never_raise(corpus, query):
    result = search.search(query)
    assert isinstance(result, search.SearchResult)
    assert result.error is None or isinstance(result.error, str)


def test_bounds_are_reported(corpus, settings):
    settings.SEARCH_MAX_TERMS = 3
    assert "shortened to" in search.search("k" * 10_000).notice
    assert "first 3 terms" in search.search("japan russia kyoto treaty").notice
    assert search.search("***").error
    assert "unknown field" in search.search("nosuchfield:kyoto").notice


def test_suggestion_from_the_index_vocabulary(corpus):
    result = search.search("kyoto protocl")
    assert result.total == 0
    assert result.suggestion == "kyoto protocol"
    assert search.search("kyoto protocol").suggestion is None


def test_related_statements(corpus):
    first = statement_with("early ratification of the Kyoto Protocol").id
    second = statement_with("importance of the Kyoto Protocol").id
    related = search.related(first, limit=3)
    assert related[0] == second and first not in related
    assert search.related(10**9) == []


def test_ranges_inside_or_and_not(corpus):
    """Top-level ranges become cached filter sets; nested ones are index queries."""
    in_2004, in_2005 = ids("year:2004"), ids("year:2005")
    assert in_2004 and in_2005
    assert ids("year:2004 OR year:2005") == in_2004 | in_2005
    assert ids("year:2004 OR date:2005-01..2005-12") == in_2004 | in_2005
    everything = ids("year:2003..2005")
    assert ids("year:2003..2005 -year:2004") == everything - in_2004
    assert ids("treaty OR year:2005") == ids("treaty") | in_2005


def test_a_query_of_only_exclusions_is_everything_else_newest_first(corpus):
    """Issue 11.3: no score over every statement; listed by date, and the notice says so."""
    from meetings.models import Statement

    everything = set(Statement.objects.values_list("id", flat=True))
    year_2004 = ids("year:2004")
    cases = {
        "-kyoto": everything - ids("kyoto"),
        "NOT kyoto -speaker:putin": everything - ids("kyoto OR speaker:putin"),
        '-"peace treaty" year:2004': year_2004 - ids('"peace treaty"'),
        "-the": everything,  # a stop word excludes nothing
    }
    for query, expected in cases.items():
        result = search.search(query, per_page=100)
        assert set(result.ids) == expected and result.total == len(expected), query
        assert result.sort == "-date", query
        assert "only excludes words" in result.notice, query
    by_date = search.search("-kyoto", per_page=100, sort="date")
    assert by_date.sort == "date" and not by_date.notices  # a sort asked for is kept
    assert set(by_date.ids) == cases["-kyoto"]
