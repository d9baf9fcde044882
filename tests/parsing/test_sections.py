"""Numbered headings versus numbered statements, list items and lettered paragraphs."""

from __future__ import annotations

from helpers import holding, parse_one, summary

INTRO = "Prime Minister Koizumi held a meeting with President Putin in Moscow."


def headings(record):
    return [
        (s.number, s.heading, [(x.number, x.heading) for x in s.subsections])
        for s in record.sections
    ]


def test_sections_and_subsections():
    record = parse_one(
        summary(
            f"""
            {INTRO}

            1. Bilateral Relations

            (1) Energy

            President Putin stated that energy mattered.

            (2)Trade and investment.

            Prime Minister Koizumi stated that trade was growing.

            2. North Korea

            The two leaders agreed to cooperate.
            """
        )
    )
    assert headings(record) == [
        ("1", "Bilateral Relations", [("(1)", "Energy"), ("(2)", "Trade and investment")]),
        ("2", "North Korea", []),
    ]
    assert holding(record, "energy mattered").subsection == "(1)"
    assert holding(record, "cooperate").section == "2"


def test_heading_without_a_dot():
    record = parse_one(
        summary(f"{INTRO}\n\n1 Opening remarks\n\nPresident Putin stated that he was glad.")
    )
    assert headings(record) == [("1", "Opening remarks", [])]


def test_numbered_statement_paragraph_is_not_a_subsection():
    record = parse_one(
        summary(
            f"""
            {INTRO}

            1. Introductory Remarks

            (1) President Putin explained that relations are important.

            (2) In response, Prime Minister Koizumi stated that he agreed.
            """
        )
    )
    assert headings(record) == [("1", "Introductory Remarks", [])]
    statement = holding(record, "relations are important")
    assert (statement.section, statement.subsection, statement.speakers) == ("1", None, ["Putin"])


def test_inline_enumeration_and_indented_items_are_not_sections():
    record = parse_one(
        summary(
            f"""
            {INTRO} At the meeting, (1) trade and (2) energy were discussed.

            1. Energy

            President Putin made the following statements.

              1. Gas supplies will grow.

              2. Oil supplies will grow.
            """
        )
    )
    assert headings(record) == [("1", "Energy", [])]
    assert holding(record, "Oil supplies").speakers == ["Putin"]


def test_lettered_paragraphs_are_statements_not_headings():
    record = parse_one(
        summary(
            f"""
            {INTRO}

            1. Overview

            A. Prime Minister Koizumi stated that Japan valued ties.

            B. President Putin responded that Russia agreed.
            """
        )
    )
    assert headings(record) == [("1", "Overview", [])]
    assert holding(record, "Japan valued ties").speakers == ["Koizumi"]
    assert holding(record, "Russia agreed").speakers == ["Putin"]


def test_parenthesised_headings_are_the_sections_when_nothing_else_numbers_them():
    record = parse_one(
        summary(
            f"""
            {INTRO}

            (1) Iraq
            President Putin stated that the inspections should continue.

            (2) North Korea
            The two leaders agreed to keep in close contact.
            """
        )
    )
    assert headings(record) == [("(1)", "Iraq", []), ("(2)", "North Korea", [])]
    assert holding(record, "inspections should continue").section == "(1)"
    assert holding(record, "close contact").section == "(2)"
