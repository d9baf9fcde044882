"""Each record says how sure it is and why; what is particular to a publisher comes from
its source profile, not from the parser."""

from __future__ import annotations

import re
import textwrap

from helpers import parse_one, summary

from meetings.parsing import parse_text
from meetings.parsing.profiles import MOFA_JAPAN, SourceProfile
from meetings.parsing.record import REVIEW_BELOW

INTRO = (
    "On June 10, Prime Minister Junichiro Koizumi held a meeting with President Vladimir Putin "
    "of the Russian Federation in Moscow for approximately one hour."
)


def test_fields_read_from_the_text_are_sure_and_say_where_they_came_from():
    record = parse_one(summary(INTRO))
    assert record.notes["published"].reason == "the date line"
    assert record.notes["meeting_dates"].reason == "from the sentence that reports the meeting"
    assert record.notes["principals"].confidence >= 0.9
    assert record.review_reasons == []


def test_a_missing_field_is_empty_and_the_record_says_why():
    record = parse_one(
        "Japan-Russia Summit Meeting\n\nPrime Minister Junichiro Koizumi held a meeting with "
        "President Vladimir Putin of the Russian Federation.\n"
    )
    assert record.published is None and record.meeting_dates == []
    assert record.notes["meeting_dates"].confidence < REVIEW_BELOW
    assert any("no date for the talks" in reason for reason in record.review_reasons)
    assert "confidence" in record.to_json() and record.to_json()["review"]


def test_a_speaker_carried_over_from_the_previous_paragraph_is_less_certain():
    record = parse_one(
        summary(
            INTRO
            + """

            1. Economy

            President Putin made the following statements.

            The pipeline project should go ahead.
            """
        )
    )
    carried = next(s for s in record.statements if "pipeline project" in s.text)
    named = next(s for s in record.statements if s.text.startswith("On June 10"))
    assert carried.speakers == ["Vladimir Putin"]
    assert carried.reason and carried.confidence < 0.9
    assert named.kind == "narrative" and named.reason


def test_the_home_country_and_site_lines_come_from_the_profile():
    text = textwrap.dedent(
        """
        France-Chile Meetings

        June 10, 2004

        On June 10, President Marc Durand held a meeting with President Marco Velaz of the
        Republic of Chile in Paris.
        """
    ).lstrip()
    french = SourceProfile(
        key="test-france",
        publisher="Ministry for Europe and Foreign Affairs",
        home_country="France",
        site_lines=(re.compile(r"France-\w+ Meetings"),),
    )
    record = parse_text(text, "test.txt", None, french)[0]
    assert record.title == ""  # "France-Chile Meetings" is this publisher's site header
    countries = {p.name: p.country for p in record.participants if p.role == "principal"}
    assert countries == {"Marc Durand": "France", "Marco Velaz": "Chile"}
    japanese = parse_text(text, "test.txt")[0]
    assert japanese.title == "France-Chile Meetings"


def test_the_home_profile_tells_its_own_peoples_names_in_latin_letters():
    assert MOFA_JAPAN.is_home_name("Takeo Mori")
    assert MOFA_JAPAN.is_home_name("Yukio Satoh")  # "oh" for a long o
    # Hepburn has no "hu", "we", "si", "ti", "fi": most Chinese and Western names stay out
    for name in ("Hu Jintao", "Wen Jiabao", "Wendy Sherman", "Kofi Annan", "Moon Jae-in"):
        assert not MOFA_JAPAN.is_home_name(name)
