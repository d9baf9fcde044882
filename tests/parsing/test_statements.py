"""Who said what: the attribution rules of RECORD_FORMAT.md on small texts."""

from __future__ import annotations

from helpers import holding, parse_one, summary

INTRO = (
    "Prime Minister Junichiro Koizumi held a meeting with President Vladimir Putin "
    "of the Russian Federation in Moscow."
)


def parse_body(body: str):
    return parse_one(summary(f"{INTRO}\n\n1. Talks\n\n{body}"))


def test_intro_is_narrative():
    record = parse_body("President Putin stated that he was glad.")
    assert holding(record, "held a meeting").speakers == []
    assert holding(record, "held a meeting").kind == "narrative"


def test_response_splits_a_paragraph():
    record = parse_body(
        "Prime Minister Koizumi stated that energy mattered. In response, President Putin stated "
        "that Russia agreed."
    )
    assert holding(record, "energy mattered").speakers == ["Junichiro Koizumi"]
    assert holding(record, "Russia agreed").speakers == ["Vladimir Putin"]


def test_response_inside_one_sentence():
    record = parse_body(
        "Prime Minister Koizumi stressed the importance of energy, in response to which President "
        "Putin stated that the pipeline was of great interest. Foreign Minister Kawaguchi "
        "emphasized the project, and President Putin responded that resources were enormous."
    )
    assert holding(record, "importance of energy").speakers == ["Junichiro Koizumi"]
    assert holding(record, "great interest").speakers == ["Vladimir Putin"]
    assert holding(record, "resources were enormous").speakers == ["Vladimir Putin"]


def test_joint_statements():
    record = parse_body(
        "The two leaders agreed to meet again.\n\nBoth sides confirmed the plan.\n\n"
        "Prime Minister Koizumi and President Putin concurred that trade mattered.\n\n"
        "For the future, both leaders affirmed their resolve."
    )
    for snippet in ("meet again", "confirmed the plan", "trade mattered", "their resolve"):
        statement = holding(record, snippet)
        assert statement.kind == "joint"
        assert statement.speakers == ["Junichiro Koizumi", "Vladimir Putin"]


def test_following_statements_carry_to_unnamed_paragraphs():
    record = parse_body(
        "President Putin made the following statements.\n\n"
        "The Action Plan is valuable.\n\n"
        "  1. Cooperation must grow.\n\n"
        "In response, Prime Minister Koizumi stated that he agreed.\n\n"
        "Japan will act."
    )
    assert holding(record, "Action Plan is valuable").speakers == ["Vladimir Putin"]
    assert holding(record, "Cooperation must grow").speakers == ["Vladimir Putin"]
    assert holding(record, "Japan will act").speakers == []  # the carry ended


def test_carry_ends_at_a_heading():
    record = parse_one(
        summary(
            f"{INTRO}\n\n1. Talks\n\nPresident Putin made the following comments.\n\n"
            "Trade matters.\n\n2. Other\n\nThe weather was fine."
        )
    )
    assert holding(record, "Trade matters").speakers == ["Vladimir Putin"]
    assert holding(record, "weather was fine").kind == "narrative"


def test_mentioned_person_is_not_the_speaker():
    record = parse_body(
        "Prime Minister Koizumi pointed out that in talks between former Prime Minister Yoshiro "
        "Mori and President Putin, President Putin had stated that the issue was an obstacle. "
        "To date, both sides have confirmed the recognition."
    )
    statement = holding(record, "had stated that the issue")
    assert statement.speakers == ["Junichiro Koizumi"]
    assert "both sides have confirmed" in statement.text


def test_pronoun_and_title_continuation():
    record = parse_body(
        "President Putin stated that ties were good. Prime Minister Koizumi agreed.\n\n"
        "He also stated that trade would grow.\n\n"
        "The President stated that he would visit Japan.\n\n"
        "The Prime Minister stated that he welcomed this."
    )
    assert holding(record, "trade would grow").speakers == ["Junichiro Koizumi"]
    assert holding(record, "would visit Japan").speakers == ["Vladimir Putin"]
    assert holding(record, "welcomed this").speakers == ["Junichiro Koizumi"]


def test_standing_speaker_labels():
    record = parse_body(
        "(President Putin)\n\nWelcome to Moscow.\n\nWe value Japan.\n\n"
        "(Prime Minister Koizumi)\n\nThank you."
    )
    assert holding(record, "Welcome to Moscow").speakers == ["Vladimir Putin"]
    assert holding(record, "We value Japan").speakers == ["Vladimir Putin"]
    assert holding(record, "Thank you").speakers == ["Junichiro Koizumi"]


def test_narrative_sentence_then_speaker():
    record = parse_body(
        "At the plenary meeting held on the same day, North Korea was discussed. Prime Minister "
        "Koizumi extended his appreciation to President Putin."
    )
    assert holding(record, "was discussed").kind == "narrative"
    assert holding(record, "extended his appreciation").speakers == ["Junichiro Koizumi"]


def test_offsets_give_back_the_statement_text():
    text = summary(
        f"{INTRO}\n\n1. Talks\n\n(1) President Putin stated that ties\n   were good. In response, "
        "Prime Minister Koizumi agreed."
    )
    record = parse_one(text)
    original = text.lstrip("\n")
    for statement in record.statements:
        assert " ".join(original[statement.start : statement.end].split()) == statement.text


def test_what_a_person_did_is_narrative_but_a_nod_before_speech_is_a_statement():
    record = parse_one(
        summary(
            INTRO
            + """
            1. Bilateral relations

            Prime Minister Koizumi explained the proposal. President Putin listened quietly
            with eager attention.

            2. Economy

            President Putin nodded and stated that the pipeline would be built.
            """
        )
    )
    assert holding(record, "listened quietly").kind == "narrative"
    assert holding(record, "listened quietly").speakers == []
    assert holding(record, "pipeline would be built").speakers == ["Vladimir Putin"]


def test_a_joint_coordination_is_one_statement():
    record = parse_one(
        summary(
            INTRO
            + """
            1. Bilateral relations

            Prime Minister Koizumi and President Putin welcomed the progress of the talks, and
            the two leaders confirmed that they would meet again next year.
            """
        )
    )
    statement = holding(record, "welcomed the progress")
    assert "meet again next year" in statement.text
    assert statement.kind == "joint"


def test_in_response_inside_a_sentence_hands_over_to_the_other_speaker():
    record = parse_one(
        summary(
            INTRO
            + """
            1. Opening

            President Putin expressed delight to see Prime Minister Koizumi again, and in
            response to this Prime Minister Koizumi expressed his gratitude for the invitation.
            """
        )
    )
    assert holding(record, "expressed delight").speakers == ["Vladimir Putin"]
    assert holding(record, "his gratitude for the invitation").speakers == ["Junichiro Koizumi"]


def test_went_on_to_names_the_joint_act():
    record = parse_one(
        summary(
            INTRO
            + """
            1. Opening

            The two leaders went on to exchange opinions on some key topics.
            """
        )
    )
    assert holding(record, "exchange opinions").kind == "joint"


def test_a_family_name_in_capitals_after_an_office_is_the_speaker():
    record = parse_one(
        """
        Japan-Chile Summit Meeting

        June 10, 2004

        On June 10, Mr. TANABE Ichiro, Parliamentary Vice-Minister for Foreign Affairs, held a
        meeting with H.E. Mr. Marco Velaz, Minister of Foreign Affairs of Chile.

        1. Parliamentary Vice-Minister TANABE expressed his appreciation for the visit.

        2. Parliamentary Vice-Minister TANABE also stated that trade should grow.
        """
    )
    assert holding(record, "appreciation for the visit").speakers == ["Ichiro Tanabe"]
    assert holding(record, "trade should grow").speakers == ["Ichiro Tanabe"]
