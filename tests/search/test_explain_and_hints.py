"""How a query was read, in words (explain.describe), and the field-syntax hint (hints.py)."""

from __future__ import annotations

import pytest

from meetings import search
from meetings.search import explain, query


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("putin peace treaty 2004", "statements containing “putin”, “peace”, “treaty” and “2004”"),
        ('"peace treaty"', "statements containing the phrase “peace treaty”"),
        (
            'speaker:"Mikhail Kasyanov" country:ROK type:phone',
            "statements spoken by Mikhail Kasyanov, from meetings with Republic of Korea, "
            "from meetings of the type “Telephone talk”",
        ),
        (
            "subject:energy title:gleneagles",
            "statements on the subject “energy”, from meetings whose title has “gleneagles”",
        ),
        (
            'location:moscow topic:"north korea"',
            "statements from meetings in moscow, under a section heading with “north korea”",
        ),
        ("year:2004", "statements in 2004"),
        ("year:2003..2005", "statements from 2003 to 2005"),
        ("year:2004..", "statements from 2004 on"),
        ("date:..2004-06", "statements up to 2004-06-30"),
        ("date:2004-06-10", "statements dated 2004-06-10"),
        ("-peace", "statements not containing “peace”"),
        ("kyoto -speaker:putin", "statements containing “kyoto”, not spoken by putin"),
        ("kyoto OR protocol", "statements containing “kyoto” or “protocol”"),
        (
            "japan OR (russia AND china)",
            "statements either containing “japan” or (containing “russia” and “china”)",
        ),
        ("the islands", "statements containing “islands” (“the” is too common to search for)"),
        ("the of", "nothing: “the” and “of” are too common to search for"),
        ("peace year:abcd", "statements containing “peace”"),
    ],
)
def test_describe_says_how_the_query_was_read(text, described):
    assert explain.describe(query.parse(text).tree) == described


def test_an_empty_query_describes_nothing():
    assert explain.describe(query.parse("").tree) is None
    assert explain.describe(query.parse("year:abcd").tree) is None


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("putin kyoto protocol 2004", 'speaker:putin year:2004 "kyoto protocol"'),
        ("putin 2004", "speaker:putin year:2004"),
        ("vladimir putin energy", 'speaker:"vladimir putin" energy'),
        ("koizumi putin treaty", "speaker:koizumi speaker:putin treaty"),  # joint statements
        ("Koizumi welcomed fishing", "speaker:Koizumi welcomed fishing"),  # no such phrase
        ("koizumy kyoto 2004", "speaker:Koizumi year:2004 kyoto"),  # a misspelt name, written right
    ],
)
def test_a_hint_in_field_syntax_when_it_finds_something(corpus, text, hint):
    result = search.search(text)
    assert result.hint == hint
    if hint:
        assert search.search(hint).total > 0


def test_the_words_left_as_a_phrase_only_when_the_phrase_is_there(corpus):
    # "protocol kyoto" is no phrase of any statement: the words stay apart.
    assert (
        search.search("putin protocol kyoto 2004").hint == "speaker:putin year:2004 protocol kyoto"
    )


@pytest.mark.parametrize(
    "text",
    [
        "putin kyoto 2003",  # Putin said nothing of Kyoto in 2003
        "peace treaty",  # no name, no year
        "putin",  # one word: nothing to mix
        "speaker:putin kyoto",  # already in field syntax
        "putin OR kyoto 2004",  # not plain words
    ],
)
def test_no_hint(corpus, text):
    assert search.search(text).hint is None


def test_the_hint_keeps_the_filters_of_the_request(corpus):
    assert search.search("putin 2004").hint == "speaker:putin year:2004"
    assert search.search("putin 2004", filters={"type": "official_visit"}).hint is None
