"""Layouts the publisher has used from 2000 to 2025, each in a short text written for the
test (invented people, real layouts): site headers, captions, no date line or no year,
names in capitals, "H.E."/"Hon." partners, courtesy calls, telephone and video talks."""

from __future__ import annotations

import pytest
from helpers import parse_one, summary


def principals(record):
    return [(p.name, p.country) for p in record.participants if p.role == "principal"]


def test_site_header_and_captions_are_not_the_title():
    record = parse_one(
        """
        Japan-Chile Relations

        May 4, 2019
        Two leaders shaking hands before the meeting (Photo: Cabinet Public Relations Office)
        Japan-Chile Summit Meeting 1

        On May 4, commencing at 2:10 p.m. for approximately 35 minutes, Mr. Ichiro Tanabe,
        Prime Minister of Japan, held a summit meeting with H.E. Mr. Marco Velaz, President
        of the Republic of Chile. The overview of the meeting is as follows.
        """
    )
    assert record.title == ""
    assert record.duration_minutes == 35
    assert record.meeting_dates == ["2019-05-04"]
    assert principals(record) == [("Ichiro Tanabe", "Japan"), ("Marco Velaz", "Chile")]
    assert record.meeting_type == "summit"


def test_family_name_in_capitals_is_read_given_name_first():
    record = parse_one(
        """
        Press Releases
        Japan-Chile Foreign Ministers' Meeting

        February 2, 2023

        On February 2, for approximately 40 minutes, Mr. TANABE Ichiro, Minister for Foreign
        Affairs of Japan, held a meeting with H.E. Ms. Aina VELAZ-ORTA, Minister of Foreign
        Affairs of the Republic of Chile. The overview is as follows.
        """
    )
    assert record.title == "Japan-Chile Foreign Ministers' Meeting"
    assert [n for n, _ in principals(record)] == ["Ichiro Tanabe", "Aina Velaz-Orta"]
    assert record.meeting_type == "foreign_ministers"


def test_no_date_line_and_no_year_keeps_month_and_day_and_is_not_refused():
    record = parse_one(
        """
        Meeting between Prime Minister Ichiro Tanabe and President Marco Velaz of Chile

        On 22 September Prime Minister Ichiro Tanabe met with President Marco Velaz of the
        Republic of Chile. The following is a summary of the meeting.
        """
    )
    assert record.published is None
    assert record.meeting_dates == []
    assert record.meeting_dates_partial == ["--09-22"]
    assert len(principals(record)) == 2


def test_date_line_without_a_day_dates_the_meeting():
    record = parse_one(
        """
        Visit of Prime Minister Ichiro Tanabe to Chile

        August 2003

        On August 17, Prime Minister Ichiro Tanabe arrived in Chile and held talks with
        President Marco Velaz of the Republic of Chile on August 18.
        """
    )
    assert record.published == "2003-08"
    assert "2003-08-18" in record.meeting_dates


def test_courtesy_call_received_from_an_honourable_visitor():
    record = parse_one(
        """
        Japan-Chile Relations

        May 19, 2018

        On May 19, commencing at 2 p.m. for approximately 20 minutes, Mr. Ichiro Tanabe, Prime
        Minister of Japan, received a courtesy call from the Rt. Hon. Marco Velaz, Deputy Prime
        Minister of Chile, who is staying in Tokyo. The overview is as follows.
        """
    )
    assert [n for n, _ in principals(record)] == ["Ichiro Tanabe", "Marco Velaz"]
    assert record.duration_minutes == 20


def test_working_lunch_hosted_by_the_counterpart_has_both_principals():
    record = parse_one(
        """
        Japan-Chile Summit Meeting

        June 9, 2004

        Prime Minister Ichiro Tanabe, who was visiting Chile, attended a bilateral working
        lunch hosted by President Marco Velaz of the Republic of Chile for about one hour.
        """
    )
    assert [n for n, _ in principals(record)] == ["Ichiro Tanabe", "Marco Velaz"]


def test_telephone_and_video_talks_are_typed_as_such():
    telephone = parse_one(
        """
        Japan-Chile Summit Telephone Talk

        March 3, 2020

        On March 3, Prime Minister Ichiro Tanabe held a telephone talk with President Marco
        Velaz of the Republic of Chile for approximately 15 minutes.
        """
    )
    video = parse_one(
        """
        Japan-Chile Foreign Ministers' Video Conference Meeting

        December 20, 2021

        On December 20, Mr. TANABE Ichiro, Minister for Foreign Affairs of Japan, held a video
        conference meeting with H.E. Mr. Marco Velaz, Minister of Foreign Affairs of Chile.
        """
    )
    assert telephone.meeting_type == "telephone"
    assert video.meeting_type == "video"


def test_a_timed_working_lunch_after_the_talks_adds_to_the_duration():
    record = parse_one(
        """
        Japan-Chile Foreign Ministers' Meeting and Working Lunch

        May 30, 2025

        On May 30, from 0:05 p.m., for approximately 40 minutes, Mr. TANABE Ichiro, Minister
        for Foreign Affairs of Japan, held a bilateral meeting with H.E. Mr. Marco Velaz,
        Minister of Foreign Affairs of Chile. This was followed by a working lunch from
        0:45 p.m. for approximately 60 minutes.
        """
    )
    assert record.duration_minutes == 100


def test_patronymic_and_middle_name_are_not_part_of_a_new_persons_name():
    record = parse_one(
        """
        Japan-Chile Summit Meeting

        June 9, 2004

        On June 9, Prime Minister Ichiro Tanabe held talks with President Marco Andrejevich
        Velaz of the Republic of Chile for about one hour.
        """
    )
    assert [n for n, _ in principals(record)] == ["Ichiro Tanabe", "Marco Velaz"]


def test_a_press_release_with_no_meeting_is_refused():
    import pytest

    from meetings.parsing import ParseError

    with pytest.raises(ParseError):
        parse_one(
            """
            Emergency Grant Aid for Flood Damage in Chile

            June 9, 2004

            The Government of Japan decided to extend emergency grant aid of 500,000 dollars
            for the flood damage. The aid goes through international organisations.
            """
        )


def test_a_headline_title_verb_is_not_part_of_a_name():
    record = parse_one(
        """
        Foreign Minister Ichiro Tanabe Meets Foreign Minister of Chile

        March 2, 2016

        On March 2, Mr. Ichiro Tanabe, Minister for Foreign Affairs of Japan, held a meeting
        with H.E. Mr. Marco Velaz, Minister of Foreign Affairs of the Republic of Chile.
        """
    )
    assert [n for n, _ in principals(record)] == ["Ichiro Tanabe", "Marco Velaz"]


def test_post_nominals_and_honourables_are_not_people():
    record = parse_one(
        """
        Japan-Australia Summit Meeting

        October 9, 2013

        On October 9, Prime Minister Ichiro Tanabe held a meeting with the Rt Hon Mark Dunn MP,
        Prime Minister of Australia, for approximately 40 minutes.
        """
    )
    assert [n for n, _ in principals(record)] == ["Ichiro Tanabe", "Mark Dunn"]


def test_numbered_and_repeated_caption_lines_are_not_a_title():
    record = parse_one(
        """
        Japan-Chile Relations

        August 25, 2019
        Japan-Chile Summit Meeting1
        Japan-Chile Summit Meeting2
        Japan-Chile Foreign Ministers' Meeting
        Japan-Chile Foreign Ministers' Meeting
        On August 25, for approximately 40 minutes, Prime Minister Ichiro Tanabe held a summit
        meeting with H.E. Mr. Marco Velaz, President of the Republic of Chile.
        """
    )
    assert record.title == ""
    assert record.duration_minutes == 40


@pytest.mark.parametrize(
    ("timing", "minutes"),
    [
        ("for approximately 55minutes", 55),
        ("commencing at 10:25 a.m. until 10:45 a.m. (local time)", 20),
        ("from 11:55 a.m. to 12:45 p.m. and from 2:40 p.m. to 3:25 p.m.", 95),
        (
            "in a one-on-one meeting for approximately 30 minutes, and an expanded meeting for"
            " approximately 45 minutes",
            75,
        ),
        ("(the sixth meeting; it lasted approximately one hour and 30 minutes)", 90),
    ],
)
def test_lengths_of_talks_in_the_forms_pages_use(timing, minutes):
    record = parse_one(
        f"""
        Japan-Chile Summit Meeting

        May 4, 2019

        On May 4, Prime Minister Ichiro Tanabe held talks with H.E. Mr. Marco Velaz, President
        of the Republic of Chile, {timing}.
        """
    )
    assert record.duration_minutes == minutes


def test_the_dates_of_an_event_attended_are_not_the_meeting_dates():
    record = parse_one(
        """
        Japan-Kenya Summit Meeting

        August 28, 2019

        On August 28, Prime Minister Ichiro Tanabe, who is in Yokohama to participate in the
        Seventh Tokyo International Conference on African Development held from August 28 to
        30, held a summit meeting with H.E. Mr. Marco Velaz, President of the Republic of Kenya.
        """
    )
    assert record.meeting_dates == ["2019-08-28"]


def test_a_deputy_prime_minister_who_is_also_foreign_minister_holds_foreign_ministers_talks():
    record = parse_one(
        """
        Japan-Viet Nam Relations

        May 5, 2016

        On May 5, Mr. Ichiro Tanabe, Minister for Foreign Affairs of Japan, held a meeting with
        H.E. Mr. Marco Velaz, Deputy Prime Minister and Minister of Foreign Affairs of the
        Socialist Republic of Viet Nam.
        """
    )
    assert record.meeting_type == "foreign_ministers"


def test_a_korean_name_in_capitals_keeps_its_family_name_first():
    record = parse_one(
        """
        Japan-ROK Summit Meeting

        May 26, 2024

        On May 26, Mr. TANABE Ichiro, Prime Minister of Japan, held a summit meeting with
        Mr. PARK Min Seo, President of the Republic of Korea.
        """
    )
    assert [n for n, _ in principals(record)] == ["Ichiro Tanabe", "Park Min Seo"]


def test_a_visit_with_a_programme_of_talks_has_every_counterpart_and_every_day():
    record = parse_one(
        """
        Mr. Ichiro Tanabe, Vice-Minister for Foreign Affairs, to Visit Chile

        April 22, 2008

        1. Mr. Ichiro Tanabe, Vice-Minister for Foreign Affairs, who visited Santiago, met
        with officials of the Government of Chile. His schedule was as follows:

        (1) Mr. Marco Velaz, Minister of Foreign Affairs: for about 1 hour from 1:00 p.m. on
        April 9 (Working Lunch)

        (2) Ms. Ana Ruiz, Minister of Finance: for about 30 minutes from 3:00 p.m. on April 10

        2. In all of the meetings, both sides agreed to strengthen relations.
        """
    )
    assert [n for n, _ in principals(record)] == ["Ichiro Tanabe", "Marco Velaz", "Ana Ruiz"]
    assert record.meeting_dates == ["2008-04-09", "2008-04-10"]
    assert record.duration_minutes == 90


def test_talks_abroad_timed_only_in_japan_time_get_their_local_date():
    record = parse_one(
        """
        Japan-Chile Foreign Ministers' Meeting

        February 19, 2023

        On February 19, for approximately 35 minutes commencing at 3:10 a.m. (Japan time),
        Mr. TANABE Ichiro, Minister for Foreign Affairs of Japan, held a meeting with H.E. Mr.
        Marco Velaz, Minister of Foreign Affairs of Chile, on the sidelines of the Munich
        Security Conference in Germany.
        """
    )
    assert record.meeting_dates == ["2023-02-18"]  # 19:10 in Munich the evening before
    assert record.duration_minutes == 35


def test_the_head_of_an_international_organisation_has_it_for_country():
    record = parse_one(
        """
        Courtesy Call on Parliamentary Senior Vice-Minister for Foreign Affairs

        March 10, 2014

        On March 10, for approximately 20 minutes, Parliamentary Senior Vice-Minister for
        Foreign Affairs Mr. Ichiro Tanabe received a courtesy call from Secretary General Mr.
        Marco Velaz and others of the Trilateral Cooperation Secretariat.
        """
    )
    assert principals(record) == [
        ("Ichiro Tanabe", "Japan"),
        ("Marco Velaz", "Trilateral Cooperation Secretariat"),
    ]
    assert record.meeting_type == "other"


def test_an_ambassador_posted_to_japan_belongs_to_the_country_that_sent_them():
    record = parse_one(
        """
        Courtesy Call on Foreign Minister Tanabe by Ambassador of Chile

        March 3, 2016

        On March 3, Mr. Ichiro Tanabe, Minister for Foreign Affairs of Japan, received a
        courtesy call from Amb. Marco Velaz, Ambassador of the Republic of Chile to Japan.
        """
    )
    assert principals(record) == [("Ichiro Tanabe", "Japan"), ("Marco Velaz", "Chile")]
    assert record.meeting_type == "other"


def test_an_untitled_courtesy_call_is_no_summit_even_when_it_mentions_one():
    record = parse_one(
        """
        Japan-Chile Relations

        May 9, 2019

        On May 9, Mr. Ichiro Tanabe, Prime Minister of Japan, received a courtesy call from
        H.E. Mr. Marco Velaz, Minister of Economy of the Republic of Chile. Minister Velaz
        said that he hoped the two countries would hold a summit meeting next year.
        """
    )
    assert record.meeting_type == "other"


def test_a_plural_photos_caption_is_not_the_title():
    record = parse_one(
        """
        Japan-Chile Relations
        Photos: Cabinet Public Relations Office

        June 2, 2018

        On June 2, Mr. Ichiro Tanabe, Prime Minister of Japan, held a summit meeting with
        H.E. Mr. Marco Velaz, President of the Republic of Chile.
        """
    )
    assert record.title == ""


def test_a_portuguese_name_with_a_particle_is_filed_under_given_and_last_family_name():
    record = parse_one(
        """
        Japan-Brazil Foreign Ministers' Meeting

        July 3, 2012

        On July 3, Mr. Ichiro Tanabe, Minister for Foreign Affairs of Japan, held a meeting
        with H.E. Mr. Marco de Souza Velaz, Minister of External Relations of the Federative
        Republic of Brazil.
        """
    )
    assert [n for n, _ in principals(record)] == ["Ichiro Tanabe", "Marco Velaz"]


def test_a_caption_repeating_the_meeting_sentence_does_not_hide_the_dated_one():
    record = parse_one(
        """
        Japan-Chile Relations

        June 29, 2021
        Mr. TANABE Ichiro, Prime Minister of Japan, held a video teleconference meeting with
        H.E. Mr. Marco VELAZ, President of the Republic of Chile. Japan-Chile Leaders Video
        Teleconference Meeting (Photo: Cabinet Public Relations Office)

        On June 29, commencing at 3:45 p.m. for approximately 15 minutes, Mr. TANABE Ichiro,
        Prime Minister of Japan, held a video teleconference meeting with H.E. Mr. Marco
        VELAZ, President of the Republic of Chile. The overview of the meeting is as follows.

          1. Prime Minister Tanabe stated that Chile was an important partner.
        """
    )
    assert record.duration_minutes == 15
    assert record.start_time_local == "15:45"
    assert record.meeting_type == "video"


def test_a_length_in_a_sentence_of_its_own_and_a_dotted_acronym_inside_a_name():
    record = parse_one(
        """
        Meeting between Foreign Minister Ichiro Tanabe and the U.N. Special Adviser

        March 7, 2008

        On February 28, Mr. Ichiro Tanabe, Minister for Foreign Affairs, held talks with
        Professor Marco Velaz, Special Adviser to U.N. Secretary-General. It started at
        11:30 a.m. and lasted about 40 minutes.
        """
    )
    assert record.duration_minutes == 40
    assert record.meeting_dates == ["2008-02-28"]


def test_a_clock_time_in_hours_is_no_length():
    record = parse_one(
        """
        Japan-Chile Relations

        December 25, 2017

        On December 25th, from 12:10hrs local time, for approximately 45 minutes, H.E. Mr.
        Ichiro Tanabe, Minister for Foreign Affairs, paid a courtesy call on H.E. Mr. Marco
        Velaz, President of the Republic of Chile.
        """
    )
    assert record.duration_minutes == 45


def test_military_and_police_ranks_before_a_name_are_no_part_of_it():
    record = parse_one(
        """
        Summit Meeting between Prime Minister Ichiro Tanabe and Prime Minister of Chile

        April 15, 2002

        On 12 April, Prime Minister Ichiro Tanabe held a Summit Meeting with
        Prime Minister of the Republic of Chile H.E. Pol. Lt. Col. Marco Velaz from 15:25
        for about 40 minutes.
        """
    )
    assert principals(record) == [("Ichiro Tanabe", "Japan"), ("Marco Velaz", "Chile")]
    assert record.duration_minutes == 40


@pytest.mark.parametrize(
    "head",
    [
        "Japan and the United Nations\n\nDecember 14, 2017",
        "December 14, 2017\nJapan-UN Leaders Meeting 1 Japan-UN Leaders Meeting\n"
        "(Photo: Cabinet Public Relations Office)",
        "Japan-Chile Relations\n\nDecember 14, 2017\n\n1. Japan-Chile Summit Meeting",
        "Health and Medical Care\n\nDecember 14, 2017",
        "Japan-Chile Relations\n\nDecember 14, 2017\nJapan-Chile Summit Meeting\n"
        "Two leaders shaking hands",
    ],
    ids=[
        "site-section",
        "numbered-photo-label",
        "numbered-first-section",
        "topic-section",
        "captions-under-the-date",
    ],
)
def test_lines_that_are_no_title(head):
    record = parse_one(
        head
        + "\n\nOn December 14, commencing at 11:35 a.m. for approximately 80 minutes, Mr. Ichiro"
        " Tanabe, Prime Minister of Japan, held a meeting with H.E. Mr. Marco Velaz, President"
        " of the Republic of Chile. The overview of the meeting is as follows.\n"
    )
    assert record.title == ""
    assert record.duration_minutes == 80
    assert record.meeting_dates == ["2017-12-14"]


def test_a_section_header_above_the_title_and_photo_bullets_below_it_are_dropped():
    record = parse_one(
        """
        Boao Forum for Asia
        Summit Meeting between Prime Minister Ichiro Tanabe and President Marco Velaz

          • (Photo) Summit Meeting between Prime Minister Tanabe and President Velaz-1
        April 15, 2002

        On 12 April, Prime Minister Ichiro Tanabe held a Summit Meeting with President Marco
        Velaz of the Republic of Chile.
        """
    )
    assert record.title == (
        "Summit Meeting between Prime Minister Ichiro Tanabe and President Marco Velaz"
    )
    assert record.published == "2002-04-15"


def test_a_date_line_broken_after_the_month():
    record = parse_one(
        """
        Foreign Minister Tanabe's Visit to Chile: Meeting with
        President Marco Velaz
        (Summary)
        August
        29, 2000
        On the afternoon of August 29 Minister for Foreign Affairs Ichiro Tanabe held talks
        with President Marco Velaz of Chile for about one hour.
        """
    )
    assert record.title == (
        "Foreign Minister Tanabe's Visit to Chile: Meeting with President Marco Velaz"
    )
    assert record.published == "2000-08-29"
    assert record.meeting_dates == ["2000-08-29"]


def test_a_summary_with_no_sentence_reporting_the_talks_leaves_their_date_empty():
    record = parse_one(
        """
        Summit Meeting Between Japan and the Republic of Chile
        (Summary)

        12 January 2001

        1. Meeting with President Marco Velaz of the Republic of Chile

          1. President Velaz remarked that relations stretched back many decades.
          2. He mentioned plans to hold a regional summit in July 2001.
        """
    )
    assert record.published == "2001-01-12"
    assert record.meeting_dates == []
    assert record.notes["meeting_dates"].confidence < 0.5


def test_a_visits_span_and_the_journey_home_do_not_date_the_talks():
    record = parse_one(
        """
        Visit by Minister for Foreign Affairs Ichiro Tanabe to Chile

        April 11, 2005

        Minister for Foreign Affairs Ichiro Tanabe visited the Republic of Chile for the
        period from April 5 to 7 and held meetings with President Marco Velaz, before
        returning to Japan on April 8. The summary of his visit is as follows.
        """
    )
    assert record.meeting_dates == []


def test_talks_reported_without_a_date_were_held_on_the_date_lines_day():
    record = parse_one(
        """
        Japan-Chile Summit (Outline)

        January 10, 2003

        From 12:06 to 14:57 Prime Minister Ichiro Tanabe and President Marco Velaz held a
        Japan-Chile Summit in Santiago.
        """
    )
    assert record.meeting_dates == ["2003-01-10"]
    assert record.duration_minutes == 171


def test_a_meeting_sentence_under_the_first_numbered_heading_is_the_intro():
    record = parse_one(
        """
        Prime Minister Ichiro Tanabe's Visit to Chile (Overview)

        January 17, 2013

        Prime Minister Ichiro Tanabe visited Santiago, the Republic of Chile, on Wednesday,
        January 16. The following is an overview of his visit.

        1. Japan-Chile Summit Meeting

        Following a welcome ceremony, Prime Minister Tanabe held a meeting with H.E. Mr. Marco
        Velaz, President of Chile at the Presidential Palace for about 60 minutes from around
        3:50 P.M. (local time).

        2. Other programmes
        """
    )
    assert record.duration_minutes == 60
    assert principals(record) == [("Ichiro Tanabe", "Japan"), ("Marco Velaz", "Chile")]


def test_a_programme_announced_before_the_first_item_gives_every_talk():
    record = parse_one(
        """
        Mr. Ichiro Tanabe, Vice-Minister for Foreign Affairs, to Visit Chile

        April 22, 2008

        1.  Mr. Ichiro Tanabe, Vice-Minister for Foreign Affairs, who visited Santiago, met with
        officials of the Government of Chile.  His schedule was as follows:

        (1) Mr. Marco Velaz, Deputy Minister of Foreign Affairs: for about 1 hour and 30
        minutes from 1:00 p.m. on April 9 (Working Lunch)

        (2) Mr. Pedro Ruiz, Deputy Minister of Defense: for about 30 minutes from 2:15 p.m.
        April 10
        """
    )
    assert [n for n, _ in principals(record)] == ["Ichiro Tanabe", "Marco Velaz", "Pedro Ruiz"]
    assert record.meeting_dates == ["2008-04-09", "2008-04-10"]
    assert record.duration_minutes == 120


@pytest.mark.parametrize(
    "talks, expected",
    [
        ("held talks with Foreign Minister Marco Velaz and paid a courtesy call on President "
         "Pedro Ruiz", "foreign_ministers"),
        ("held talks with President Pedro Ruiz", "other"),
    ],
)  # fmt: skip
def test_a_ministers_visit_is_typed_by_its_talks(talks, expected):
    record = parse_one(
        f"""
        Visit to Chile by Mr. Ichiro Tanabe, Minister for Foreign Affairs

        January 5, 2010

        Mr. Ichiro Tanabe, Minister for Foreign Affairs of Japan, visited the Republic of Chile
        on January 4 and {talks} of the Republic of Chile.
        """
    )
    assert record.meeting_type == expected


def test_a_visit_whose_hosts_met_the_visitor_at_several_levels_is_an_official_visit():
    record = parse_one(
        """
        Visit to Japan by President Marco Velaz of Chile

        May 22, 2001

        President Marco Velaz of the Republic of Chile paid an official visit to Japan. He held
        talks with Minister for Foreign Affairs Ichiro Tanabe on May 21 and with Prime Minister
        Kenji Morita on May 22.
        """
    )
    assert record.meeting_type == "official_visit"


@pytest.mark.parametrize(
    "office",
    [
        "Minister of External Affairs",
        "Minister for Europe and Foreign Affairs",
        "Minister of State and Foreign Affairs",
        "Secretary of Foreign Relations",
    ],
)
def test_foreign_ministers_under_other_names(office):
    record = parse_one(
        f"""
        Talks between Mr. Ichiro Tanabe, Minister for Foreign Affairs, and Mr. Marco Velaz

        February 13, 2007

        On 7 February, Mr. Ichiro Tanabe, Minister for Foreign Affairs of Japan, met with
        Mr. Marco Velaz, {office} of the Republic of Chile, for two hours from 18:30.
        """
    )
    assert record.meeting_type == "foreign_ministers"


def test_a_state_minister_meeting_a_foreign_minister_is_no_foreign_ministers_meeting():
    record = parse_one(
        """
        Meeting between State Minister for Foreign Affairs Tanabe Keiko and H.E. Mr. Marco Velaz

        June 6, 2022

        On June 6, commencing at 11:00 AM for approximately 105 minutes, Ms. TANABE Keiko, State
        Minister for Foreign Affairs of Japan, held a meeting with H.E. Mr. Marco VELAZ, Minister
        of Foreign Affairs of the Republic of Chile.
        """
    )
    assert record.meeting_type == "other"


def test_a_prince_whose_office_follows_his_name():
    record = parse_one(
        """
        Countries & Regions

        August 24, 2013

        After the welcoming ceremony, Prime Minister Ichiro Tanabe held a meeting with H.R.H.
        Prince Karim bin Nabil Al Hashimi, the Prime Minister of Bahrain, on August 24 for
        approximately 50 minutes.
        """
    )
    assert [(p.title, p.country) for p in record.participants][1] == ("Prime Minister", "Bahrain")
    assert record.meeting_type == "summit"


@pytest.mark.parametrize(
    "sentences, minutes",
    [
        ("On November 22, commencing at around 5 p.m., Mr. Ichiro Tanabe, Minister for Foreign "
         "Affairs of Japan, held a Foreign Ministers' Meeting (approximately 40 minutes) and a "
         "working dinner (approximately 60 minutes) with H.E. Mr. Marco Velaz.", 100),
        ("I. Date and Venue\n\nTime: Approximately 18:00-19:00, 11 September 2000\nVenue: "
         "Hotel Plaza, New York\n\nII. Outline of the Meeting\n\nForeign Minister Ichiro "
         "Tanabe and Foreign Minister Marco Velaz of Chile exchanged views.", 60),
        ("On October 14, commencing at 6:15 p.m. for approximately 35 minutes, Prime Minister "
         "Ichiro Tanabe held a summit meeting with Prime Minister Marco Velaz of Chile. "
         "Following that, commencing at 7:13 p.m. for approximately one hour and 10 minutes, "
         "Prime Minister Tanabe held a dinner with Prime Minister Velaz.", 105),
    ],
    ids=["in-parentheses", "time-label", "dinner-following-that"],
)  # fmt: skip
def test_lengths_said_in_other_ways(sentences, minutes):
    record = parse_one(f"Japan-Chile Meeting\n\nNovember 23, 2021\n\n{sentences}\n")
    assert record.duration_minutes == minutes


def test_the_date_said_to_be_local_is_the_meetings():
    record = parse_one(
        """
        Japan-Chile Relations

        September 19, 2016

        On September 20, commencing at 2:07 a.m. (September 19, 1:07 p.m. local time) for
        approximately 20 minutes, Mr. Ichiro Tanabe, Prime Minister, held a Japan-Chile Summit
        Meeting with H.E. Mr. Marco Velaz, President of the Republic of Chile, in New York.
        """
    )
    assert record.meeting_dates == ["2016-09-19"]


def test_a_japan_time_date_in_parentheses_is_not_the_meetings():
    record = parse_one(
        """
        Japan-Chile Relations

        May 5, 2023

        On May 5, commencing at 1:25 p.m. (local time; 2:25 a.m. on May 6 JST) for
        approximately 100 minutes, Mr. TANABE Ichiro, Minister for Foreign Affairs, held a
        meeting with H.E. Mr. Marco VELAZ, Minister of Foreign Affairs of the Republic of Chile.
        """
    )
    assert record.meeting_dates == ["2023-05-05"]


@pytest.mark.parametrize(
    "aside, place",
    [("(At Valparaiso)", "Valparaiso"), ("(June 20 and 21, Santiago, Chile)", "Santiago")],
)
def test_a_line_under_the_title_says_where(aside, place):
    record = parse_one(
        f"""
        Japan-Chile Summit Meeting (Summary)
        {aside}

        June 22, 2005

        Prime Minister Ichiro Tanabe held talks with President Marco Velaz of the Republic of
        Chile, who had invited him to the Republic of Chile.
        """
    )
    assert record.location.startswith(place)


def test_an_office_then_a_comma_then_the_person():
    record = parse_one(
        """
        Japan-Chile Summit Meeting (Overview)

        November 14, 2010

        President of the Republic of Chile, Dr. Marco Velaz, held a meeting with the Prime
        Minister of Japan, Mr. Ichiro Tanabe, on November 14 (Sun) from 4:10 to 4:30 p.m.
        """
    )
    offices = {p.name: (p.title, p.country) for p in record.participants}
    assert offices == {
        "Marco Velaz": ("President", "Chile"),
        "Ichiro Tanabe": ("Prime Minister", "Japan"),
    }


def test_talks_with_several_leaders_each_of_their_country():
    record = parse_one(
        """
        Bilateral Summit Meetings between Japan and Chile, Peru and Bolivia
        (Summary)

        At the margin of the summit in Lima, Prime Minister Ichiro Tanabe held bilateral
        meetings on 5 November 2002 with President Marco Velaz of the Republic of Chile, President
        Pedro Ruiz of the Republic of Peru, and President Jorge Soto of the Plurinational State of
        Bolivia. The following is a summary of those meetings.
        """
    )
    assert principals(record) == [
        ("Ichiro Tanabe", "Japan"),
        ("Marco Velaz", "Chile"),
        ("Pedro Ruiz", "Peru"),
        ("Jorge Soto", "Bolivia"),
    ]


def test_a_visits_further_talks_in_a_later_sentence():
    record = parse_one(
        """
        Visit to Chile by Minister for Foreign Affairs Ichiro Tanabe (Overview)

        April 29, 2012

        On Sunday, April 29, Mr. Ichiro Tanabe, Minister for Foreign Affairs, visited Chile and
        held a meeting with the Hon. Mr. Marco Velaz, Foreign Minister of the Republic of Chile.
        Foreign Minister Tanabe also paid courtesy calls on President Pedro Ruiz as well as
        Senate President Jorge Soto. The overview of the meetings is as follows.
        """
    )
    assert {n for n, _ in principals(record)} == {
        "Ichiro Tanabe",
        "Marco Velaz",
        "Pedro Ruiz",
        "Jorge Soto",
    }
    assert record.meeting_type == "foreign_ministers"


def test_a_courtesy_call_then_a_foreign_ministers_meeting_both_timed():
    record = parse_one(
        """
        Japan-Chile Relations

        July 2, 2021

         On July 2, commencing at 11:00 a.m. local time(same day, 5:00 p.m. JST) for 40 minutes,
        Mr. TANABE Ichiro, Minister for Foreign Affairs of Japan, who is visiting Chile, paid a
        courtesy call on H.E. Dr. Marco Velaz, President of the Republic of Chile.
         After the courtesy call, commencing at 11:45 a.m. (local time; 5:45 p.m. JST) for 2
        hours and 10 minutes, Minister Tanabe held a foreign ministers' meeting with H.E. Mr.
        Pedro Ruiz, Minister of Foreign Affairs of the Republic of Chile.
        """
    )
    assert record.duration_minutes == 170
    assert record.meeting_type == "foreign_ministers"


def test_a_burmese_form_of_address_and_a_title_without_a_date_line():
    title = (
        "Parliamentary Vice-Minister Ichiro Tanabe received a courtesy call from U Marco Win, "
        "Minister for Foreign Affairs of the Republic of the Union of Myanmar"
    )
    record = parse_one(
        f"""
        Press Releases
        {title}


        On January 22, commencing at 15:20 for approximately 20 minutes, Mr. Ichiro Tanabe,
        Parliamentary Vice-Minister for Foreign Affairs, received a courtesy call from U Marco
        Win, Minister for Foreign Affairs of Myanmar, at the Ministry of Foreign Affairs with
        Mr.Pedro Ruiz.
        """
    )
    assert record.title == title
    assert ("Marco Win", "Myanmar") in principals(record)


def test_a_dialogue_that_took_place_is_a_meeting_summary():
    record = parse_one(
        """
        Japan-Chile Relations

        April 23, 2021
          1.  On April 23, the Japan-Chile Policy Dialogue took place virtually. The
        representative of the Japanese side was Mr. Ichiro Tanabe, Assistant Minister and
        Director-General for Latin American Affairs and the Chilean side was represented by
        Mr. Marco Velaz, Vice Minister of Foreign Affairs.
        """
    )
    assert record.meeting_dates == ["2021-04-23"]


def test_an_office_then_a_comma_then_a_full_name_without_a_form_of_address():
    record = parse_one(
        """
        Japan-Chile Foreign Ministerial Meeting

        June 27, 2009

        On June 27, 2009, Minister of Foreign Affairs, Ichiro Tanabe, who was in Trieste, held a
        meeting with Minister of Foreign Affairs of Chile, Marco Velaz for about 40 minutes.
        """
    )
    assert principals(record) == [("Ichiro Tanabe", "Japan"), ("Marco Velaz", "Chile")]


@pytest.mark.parametrize(
    "sentence, dates",
    [
        ("Today, Minister for Foreign Affairs Ichiro Tanabe held a meeting with Minister of "
         "Foreign Affairs Marco Velaz of Chile.", ["2004-07-01"]),
        ("Minister for Foreign Affairs Ichiro Tanabe held a meeting with Minister of Foreign "
         "Affairs Marco Velaz of Chile during her visit to Jakarta.\n\n  1. The two ministers "
         "recalled the summit that took place in Santiago on May 22.", []),
    ],
    ids=["today", "undated"],
)  # fmt: skip
def test_an_undated_meeting_sentence_dates_the_talks_only_when_it_says_today(sentence, dates):
    record = parse_one(f"Japan-Chile Foreign Ministers' Meeting\n\nJuly 1, 2004\n\n{sentence}\n")
    assert record.meeting_dates == dates


def test_an_event_the_visitor_attended_does_not_date_the_talks():
    record = parse_one(
        """
        Japan-Chile Relations

        August 31, 2019

        On August 31, for about 30 minutes commencing at 10:15 am, Mr. Ichiro Tanabe, Minister
        for Foreign Affairs, held a Foreign Ministers' meeting with H.E. Mr. Marco Velaz,
        Minister of External Relations of the Republic of Chile. Minister Velaz attended the
        Seventh Tokyo International Conference on African Development held from August 28 to 30.
        """
    )
    assert record.meeting_dates == ["2019-08-31"]


def test_talks_beside_an_event_attended_are_typed_by_the_principals():
    record = parse_one(
        """
        North Atlantic Treaty Organization (NATO)

        February 19, 2022

        On February 19, commencing at 5:00 p.m. for approximately 15 minutes, Mr. TANABE Ichiro,
        Minister for Foreign Affairs of Japan, who was visiting Germany to attend the G7 Foreign
        Ministers' Meeting, held a meeting with H.E. Mr. Marco Velaz, Secretary General of the
        North Atlantic Treaty Organization (NATO).
        """
    )
    assert record.meeting_type == "other"
    assert record.participants[1].country == "North Atlantic Treaty Organization"


def test_a_dialogue_held_virtually_is_a_video_meeting():
    record = parse_one(
        "Japan-Chile Relations\n\nApril 23, 2021\n\nOn April 23, the Japan-Chile Policy Dialogue "
        "took place virtually between Mr. Ichiro Tanabe, Director-General, and Mr. Marco Velaz, "
        "Vice Minister of Foreign Affairs of Chile.\n"
    )
    assert record.meeting_type == "video"


def test_an_honorific_written_as_part_of_a_name_and_a_parliament_named_in_its_own_word():
    record = parse_one(
        summary(
            "On June 10, Minister for Foreign Affairs Ichiro Tanabe paid a courtesy call on "
            "President Seyyed Reza Tavakoli of the Islamic Republic of Iran and met with Speaker "
            "of the Majlis Hamid Rostami.",
            title="Visit to Iran by Minister for Foreign Affairs Ichiro Tanabe",
        )
    )
    names = [p.name for p in record.participants]
    assert "Reza Tavakoli" in names and "Hamid Rostami" in names
