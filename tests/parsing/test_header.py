"""Title, date line and the facts of the intro paragraph."""

from __future__ import annotations

import pytest
from helpers import parse_one, summary

from meetings.parsing import ParseError


def test_day_first_dates_and_pm_time():
    record = parse_one(
        summary(
            """
            On 25 June, Minister for Foreign Affairs Yoriko Kawaguchi held a meeting for about
            one hour from 6:15pm local time with Minister of Foreign Affairs Li Zhaoxing of the
            People's Republic of China in Beijing.
            """,
            title="Japan-China Foreign Ministers' Meeting",
            date="25 June 2004",
        )
    )
    assert record.published == "2004-06-25"
    assert record.meeting_dates == ["2004-06-25"]
    assert record.start_time_local == "18:15"
    assert record.duration_minutes == 60
    assert record.location == "Beijing"
    assert record.meeting_type == "foreign_ministers"


def test_am_time_and_clock_range_duration():
    record = parse_one(
        summary(
            "Prime Minister Koizumi and President Putin held talks from 10:00 a.m. to 11:45 "
            "a.m. in Moscow."
        )
    )
    assert record.start_time_local == "10:00"
    assert record.duration_minutes == 105


def test_site_furniture_before_the_title_is_dropped():
    record = parse_one(
        """
        Japanese | English

        Japan-Russia Relations

        Japan-Russia Summit Meeting
        (Summary of Results)
        Ministry of Foreign Affairs

        June 10, 2004

        Prime Minister Koizumi held a meeting with President Putin in Moscow.

        Back to Japan-Russia Relations Index
        """
    )
    assert record.title == "Japan-Russia Summit Meeting"
    assert record.subtitle == "Summary of Results"
    assert all("Back to" not in s.text for s in record.statements)


def test_provisional_translation_and_multi_line_title():
    record = parse_one(
        """
        (PROVISIONAL TRANSLATION)

        Visit to Japan by President Vladimir Putin
        of the Russian Federation
        (Outline)

        November 22, 2005

        President Putin paid an official visit to Japan and held talks with Prime Minister
        Koizumi on November 21.
        """
    )
    assert record.provisional_translation
    assert record.title == "Visit to Japan by President Vladimir Putin of the Russian Federation"
    assert record.subtitle == "Outline"
    assert record.meeting_type == "summit"  # a visit is typed by its talks
    assert record.meeting_dates == ["2005-11-21"]


def test_time_and_place_section():
    record = parse_one(
        summary(
            """
            1. Time and Place

            April 11, 2007, from 10:00 to 11:30, at the Prime Minister's Office, Tokyo.

            2. Summit Meeting

            Prime Minister Shinzo Abe held a summit meeting with Premier Wen Jiabao.
            """,
            title="Japan-China Summit Meeting",
            date="April 12, 2007",
        )
    )
    assert record.meeting_dates == ["2007-04-11"]
    assert record.start_time_local == "10:00"
    assert record.duration_minutes == 90
    assert record.location == "Tokyo"
    assert record.venue == "Prime Minister's Office"


def test_telephone_talk_is_telephone_and_has_no_location():
    record = parse_one(
        summary(
            "Prime Minister Junichiro Koizumi held a telephone talk with President Roh Moo-hyun "
            "of the Republic of Korea in Tokyo for approximately 20 minutes.",
            title="Japan-Republic of Korea Summit Telephone Talk",
        )
    )
    assert record.meeting_type == "telephone"
    assert record.location is None
    assert record.duration_minutes == 20


def test_occasion_venue_and_documents():
    record = parse_one(
        summary(
            "Prime Minister Koizumi held a working dinner with President Chirac at the Elysee "
            "Palace in Paris in order to attend the G8 Evian Summit. Two documents were signed: "
            "the Joint Declaration on Partnership; and the Action Plan on Culture."
        )
    )
    assert record.venue == "Elysee Palace"
    assert record.occasion == "G8 Evian Summit"
    assert record.documents_issued == [
        "Joint Declaration on Partnership",
        "Action Plan on Culture",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The quick brown fox jumps over the lazy dog.\nNothing else here at all.\n",
        "name,country,date\nKoizumi,Japan,2004-06-10\nPutin,Russia,2004-06-10\n",
        "A Title\n\nJune 10, 2004\n\nThe weather was fine and the garden was green.\n",
    ],
)
def test_not_a_summary_raises_a_one_line_parse_error(text):
    with pytest.raises(ParseError) as raised:
        parse_one(text)
    assert "\n" not in str(raised.value)


def test_text_cut_off_mid_sentence_still_parses():
    record = parse_one(
        summary("Prime Minister Koizumi held a meeting with President Putin. The two")
    )
    assert [p.name for p in record.participants] == ["Koizumi", "Putin"]


def test_occasion_with_a_plus_sign_is_read_from_the_title():
    text = (
        "Japan-China Summit Meeting on the occasion of the ASEAN+3 Summit Meeting (Outline)\n\n"
        "December 13, 2005\n\n"
        "On December 12, Prime Minister Junichiro Koizumi held a meeting with Premier Wen "
        "Jiabao of the People's Republic of China in Kuala Lumpur, Malaysia.\n\n"
        "1. Premier Wen said that relations faced difficulties.\n"
    )
    assert parse_one(text).occasion == "ASEAN+3 Summit Meeting"
