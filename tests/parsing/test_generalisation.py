"""Cases found by reading summaries the parser had never seen: each pins one general rule."""

from __future__ import annotations

from helpers import holding, parse_one, summary

from meetings.parsing import load_default_authority

AUTHORITY = load_default_authority()

JEJU_INTRO = (
    "Prime Minister Junichiro Koizumi, who is visiting Jeju Island, Republic of Korea, held a "
    "summit meeting with President Roh Moo-hyun of the Republic of Korea from 10:00 a.m. to "
    "11:30 a.m. on July 21 at the Shilla Hotel, followed by a working lunch."
)


def test_occasion_keeps_the_acronym_in_parentheses():
    record = parse_one(
        summary(
            "Foreign Minister Yoriko Kawaguchi held a meeting with Foreign Minister Li Zhaoxing "
            "of the People's Republic of China on June 21 in Qingdao, China, on the occasion of "
            "the Asia Cooperation Dialogue (ACD) Foreign Ministers' Meeting.",
            title="Japan-China Foreign Ministers' Meeting",
            date="June 22, 2004",
        ),
        AUTHORITY,
    )
    assert record.occasion == "Asia Cooperation Dialogue (ACD) Foreign Ministers' Meeting"
    assert record.location == "Qingdao, China"
    assert record.meeting_type == "foreign_ministers"


def test_location_from_who_is_visiting():
    record = parse_one(
        summary(JEJU_INTRO, title="Japan-Republic of Korea Summit Meeting", date="July 21, 2004"),
        AUTHORITY,
    )
    assert record.location == "Jeju Island, Republic of Korea"
    assert record.venue == "Shilla Hotel"
    assert record.start_time_local == "10:00"
    assert record.duration_minutes == 90
    assert record.meeting_type == "summit"


def test_short_numbered_line_after_a_numbered_statement_is_a_subsection():
    record = parse_one(
        summary(
            f"""
            {JEJU_INTRO}

            1. Bilateral Relations

            (1) President Roh welcomed Prime Minister Koizumi. President Roh stated that the
            two countries should build a future-oriented relationship.

            (2) North Korea

            Prime Minister Koizumi stated that the Six-Party Talks were important.

            2. Others

            The two leaders agreed to meet again.
            """,
            title="Japan-Republic of Korea Summit Meeting",
            date="July 21, 2004",
        ),
        AUTHORITY,
    )
    first = record.sections[0]
    assert [(s.number, s.heading) for s in first.subsections] == [("(2)", "North Korea")]
    assert holding(record, "President Roh welcomed").subsection is None
    assert holding(record, "President Roh welcomed").speakers == ["Roh Moo-hyun"]
    assert holding(record, "Six-Party Talks").subsection == "(2)"
    assert not [s for s in record.statements if s.text == "North Korea"]


def test_a_side_speaks_through_its_principal():
    record = parse_one(
        summary(
            """
            On May 7, a dialogue was held in Tokyo between Vice-Minister for Foreign Affairs
            Shotaro Yachi and Vice-Minister of Foreign Affairs Dai Bingguo of the People's
            Republic of China.

            1. Relations

            The Japanese side stated that the demonstrations were regrettable and requested
            that the Chinese side take measures. The Chinese side explained its position.
            Mongolia stated nothing here, but China expressed its hope for dialogue.
            """,
            title="Japan-China Comprehensive Policy Dialogue",
        ),
        AUTHORITY,
    )
    assert holding(record, "demonstrations were regrettable").speakers == ["Shotaro Yachi"]
    assert holding(record, "explained its position").speakers == ["Dai Bingguo"]
    assert holding(record, "China expressed its hope").speakers == ["Dai Bingguo"]
    assert record.meeting_type == "other"  # vice-ministers are not foreign ministers


def test_courtesy_titles_and_an_office_after_the_name():
    record = parse_one(
        summary(
            """
            Minister for Foreign Affairs Yoriko Kawaguchi held a meeting with Mr. Tang Wei,
            Minister of Foreign Affairs of the People's Republic of China, on June 9 in
            Beijing, followed by a dinner with His Majesty King Abdullah II of the Hashemite
            Kingdom of Jordan.

            His Majesty stated that he was glad.
            """,
            title="Japan-China Foreign Ministers' Meeting",
        ),
        AUTHORITY,
    )
    offices = {p.name: (p.title, p.country) for p in record.participants}
    assert offices["Tang Wei"] == ("Minister of Foreign Affairs", "China")
    assert offices["Abdullah II"] == ("King", "Jordan")
    assert holding(record, "he was glad").speakers == ["Abdullah II"]


def test_a_courtesy_call_by_a_foreign_minister_on_the_prime_minister_is_other():
    record = parse_one(
        summary(
            "On April 4, Prime Minister Junichiro Koizumi received a courtesy call from Foreign "
            "Minister Alexander Downer of Australia, who is visiting Japan.",
            title="Courtesy Call on Prime Minister Koizumi by Foreign Minister Downer",
        ),
        AUTHORITY,
    )
    assert record.meeting_type == "other"
    assert record.location == "Japan"
    assert {p.name for p in record.participants} == {"Junichiro Koizumi", "Alexander Downer"}


def test_attendee_lists_per_side_under_an_attendees_heading():
    record = parse_one(
        summary(
            """
            1. Time and Place

            April 29, 2005, from 6:15pm local time, at the Federal Chancellery, Berlin.

            2. Attendees

            Japanese side: Prime Minister Junichiro Koizumi, Deputy Chief Cabinet Secretary
            Seiken Sugiura. German side: Chancellor Gerhard Schroeder, Federal Minister for
            Foreign Affairs Joschka Fischer.

            3. Summary

            A. Chancellor Schroeder welcomed Prime Minister Koizumi.
            """,
            title="Japan-Germany Summit Meeting",
            date="April 30, 2005",
        ),
        AUTHORITY,
    )
    roles = {p.name: (p.role, p.country) for p in record.participants}
    assert roles == {
        "Junichiro Koizumi": ("principal", "Japan"),
        "Gerhard Schroeder": ("principal", "Germany"),
        "Seiken Sugiura": ("attendee", "Japan"),
        "Joschka Fischer": ("attendee", "Germany"),
    }
    assert (record.location, record.venue, record.start_time_local) == (
        "Berlin",
        "Federal Chancellery",
        "18:15",
    )
    assert [s.heading for s in record.sections] == ["Time and Place", "Attendees", "Summary"]


def test_side_markers_that_precede_the_names():
    record = parse_one(
        summary(
            "Prime Minister Junichiro Koizumi held a meeting with President Hu Jintao of the "
            "People's Republic of China in Santiago on November 21. (Other attendees from the "
            "Japanese side included Deputy Chief Cabinet Secretary Seiken Sugiura, and from the "
            "Chinese side Minister of Foreign Affairs Li Zhaoxing.)",
            title="Japan-China Summit Meeting",
            date="November 22, 2004",
        ),
        AUTHORITY,
    )
    attendees = {p.name: p.country for p in record.participants if p.role == "attendee"}
    assert attendees == {"Seiken Sugiura": "Japan", "Li Zhaoxing": "China"}


def test_roman_numbered_sections_bullets_and_abbreviations_in_headings():
    record = parse_one(
        summary(
            """
            Prime Minister Koizumi held a meeting with President Bush in New York.

            I. U.S. Force realignment

            - Prime Minister Koizumi stated that the burden should be reduced.
            - President Bush agreed.

            II. North Korea

            The two leaders agreed to cooperate.
            """
        ),
        AUTHORITY,
    )
    assert [(s.number, s.heading) for s in record.sections] == [
        ("I", "U.S. Force realignment"),
        ("II", "North Korea"),
    ]
    assert holding(record, "President Bush agreed").speakers == ["George W. Bush"]
    assert holding(record, "burden should be reduced").speakers == ["Junichiro Koizumi"]


def test_documents_dates_and_three_word_names():
    record = parse_one(
        summary(
            """
            On December 14, President Mohamed Hosni Mubarak held a summit meeting with Prime
            Minister Shinzo Abe, and on December 15 he delivered an address to the Diet. The
            two leaders adopted the Joint Declaration on Partnership and agreed to meet again,
            and welcomed the signing of the Exchange of Notes concerning grant aid.
            """,
            title="Official Visit to Japan by President Mubarak",
            date="December 16, 2006",
        ),
        AUTHORITY,
    )
    assert record.meeting_dates == ["2006-12-14"]
    assert record.documents_issued == [
        "Joint Declaration on Partnership",
        "Exchange of Notes concerning grant aid",
    ]
    assert record.participants[0].name_as_written == "Mohamed Hosni Mubarak"
    assert record.participants[0].name == "Hosni Mubarak"


def test_a_country_visited_gives_way_to_the_town_of_the_talks():
    record = parse_one(
        summary(
            "Prime Minister Junichiro Koizumi, who is visiting Australia, held a summit meeting "
            "with Prime Minister John Howard on 1 May at Parliament House in Canberra.",
            title="Japan-Australia Summit Meeting",
            date="May 1, 2002",
        ),
        AUTHORITY,
    )
    assert (record.location, record.venue) == ("Canberra", "Parliament House")
