"""Principals, attendees, their offices and countries."""

from __future__ import annotations

import pytest
from helpers import parse_one, summary


def people(record):
    return [(p.name, p.title, p.country, p.role) for p in record.participants]


def test_principals_with_countries_from_the_text():
    record = parse_one(
        summary(
            "Prime Minister Junichiro Koizumi held a meeting with President Jacques Chirac of "
            "the French Republic in Paris.",
            title="Japan-France Summit Meeting",
        )
    )
    assert people(record) == [
        ("Junichiro Koizumi", "Prime Minister", "Japan", "principal"),
        ("Jacques Chirac", "President", "France", "principal"),
    ]


def test_other_side_is_inferred_from_the_title():
    record = parse_one(
        summary(
            "Prime Minister Junichiro Koizumi held a summit meeting with Premier Wen Jiabao.",
            title="Japan-China Summit Meeting",
        )
    )
    assert [p.country for p in record.participants] == ["Japan", "China"]


def test_attendee_lists_with_sides():
    record = parse_one(
        summary(
            "Prime Minister Junichiro Koizumi held a meeting with President Vladimir Putin of the "
            "Russian Federation. (Other attendees from the Russian side: Deputy Minister of "
            "Foreign Affairs Sergey Kislyak and Advisor to the President and his Sherpa Andrei "
            "Illarionov; from the Japanese side: Minister of Economy, Trade and Industry Shoichi "
            "Nakagawa and Director of the Russian Division Kuninori Matsuda.) Other officials "
            "attending the meeting included Director-General Kuznetsov from the Russian side, "
            "and Press Secretary Hatsuhisa Takashima from the Japanese side."
        )
    )
    assert people(record)[2:] == [
        ("Sergey Kislyak", "Deputy Minister of Foreign Affairs", "Russian Federation", "attendee"),
        (
            "Andrei Illarionov",
            "Advisor to the President and his Sherpa",
            "Russian Federation",
            "attendee",
        ),
        ("Shoichi Nakagawa", "Minister of Economy, Trade and Industry", "Japan", "attendee"),
        ("Kuninori Matsuda", "Director of the Russian Division", "Japan", "attendee"),
        ("Kuznetsov", "Director-General", "Russian Federation", "attendee"),
        ("Hatsuhisa Takashima", "Press Secretary", "Japan", "attendee"),
    ]


def test_attendees_table_with_bars():
    record = parse_one(
        summary(
            """
            On 25 June, Foreign Minister Kawaguchi held talks with Foreign Minister Li Zhaoxing in
            Beijing.

            (Attendees)
            Japan side | Chinese side
            Foreign Minister Kawaguchi | Foreign Minister Li
            Ambassador Koreshige Anami | Vice Minister Wang Yi

            1. Bilateral relations

            Foreign Minister Li stated that ties mattered.
            """,
            title="Japan-China Foreign Ministers' Meeting",
        )
    )
    assert people(record) == [
        ("Kawaguchi", "Foreign Minister", "Japan", "principal"),
        ("Li Zhaoxing", "Foreign Minister", "China", "principal"),
        ("Koreshige Anami", "Ambassador", "Japan", "attendee"),
        ("Wang Yi", "Vice Minister", "China", "attendee"),
    ]
    assert all("|" not in s.text for s in record.statements)


def test_people_only_mentioned_are_not_participants():
    record = parse_one(
        summary(
            """
            Prime Minister Koizumi held talks with President Putin in Moscow.

            1. Iraq

            President Putin stated that the analysis of Chief Inspector Hans Blix mattered, and
            that he was accompanied by Atomic Energy Minister Alexander Rumyantsev.

            Foreign Minister Igor Ivanov, who also attended the meeting, stated that he agreed.
            """
        )
    )
    assert [(p.name, p.role) for p in record.participants] == [
        ("Koizumi", "principal"),
        ("Putin", "principal"),
        ("Igor Ivanov", "attendee"),
    ]


def test_partners_of_further_meetings_are_principals():
    record = parse_one(
        summary(
            """
            Chairman Mikhail Kasjyanov paid an official visit to Japan and held talks with Prime
            Minister Junichiro Koizumi on June 9.

            1. Other Meetings

            Chairman Kasjyanov held talks with Speaker Yohei Kono, had a breakfast meeting with
            Chairman Hiroshi Okuda, and a lunch meeting hosted by President Tasuku Takagaki.
            """,
            title="Visit to Japan by Chairman Mikhail Kasjyanov",
        )
    )
    assert [p.name for p in record.participants if p.role == "principal"] == [
        "Mikhail Kasjyanov",
        "Junichiro Koizumi",
        "Yohei Kono",
        "Hiroshi Okuda",
        "Tasuku Takagaki",
    ]


@pytest.mark.parametrize(
    ("office", "name", "country"),
    [
        ("President of the United States of America", "Barack Obama", "United States"),
        ("President of the People's Republic of China", "Xi Jinping", "China"),
    ],
)
def test_multi_word_country_inside_an_office_is_not_read_as_a_name(office, name, country):
    text = (
        f"Visit to Japan by {office} {name}\n"
        "(Summary of Results)\n\nDecember 26, 2015\n\n"
        f"{office} {name} paid an official visit to "
        "Japan from December 25 to December 27. He held talks with Prime Minister Shinzo Abe "
        "on December 26.\n\n1. Economy\n\nPrime Minister Abe stated that trade grew.\n"
    )
    record = parse_one(text)
    visitor = record.participants[0]
    assert (visitor.name_as_written, visitor.title, visitor.country) == (name, office, country)
