"""Damaged input (cut short, lines shuffled or dropped, stray characters) gives records or a
ParseError, never any other exception."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.parsing import ParseError, load_default_authority, parse_text

HERE = Path(__file__).resolve().parent
TEXTS = sorted((HERE.parents[1] / "fixtures" / "seeds").glob("*.txt")) + sorted(
    (HERE / "unseen").glob("*.txt")
)
AUTHORITY = load_default_authority()


def parses_or_refuses(text: str) -> None:
    try:
        records = parse_text(text, "damaged.txt", AUTHORITY)
    except ParseError as error:
        assert str(error) and "\n" not in str(error)
        return
    for record in records:
        record.to_json()
        for statement in record.statements:
            assert 0 <= statement.start <= statement.end <= len(text)


def damaged_versions(text: str, rng: random.Random) -> list[str]:
    lines = text.split("\n")
    versions = [text[: rng.randrange(len(text) + 1)] for _ in range(12)]
    versions += [text[rng.randrange(len(text)) :] for _ in range(4)]
    for _ in range(4):
        shuffled = lines[:]
        rng.shuffle(shuffled)
        versions.append("\n".join(shuffled))
        kept = [line for line in lines if rng.random() > 0.3]
        versions.append("\n".join(kept))
    noisy = list(text)
    for _ in range(40):
        noisy.insert(rng.randrange(len(noisy) + 1), rng.choice("()|.,:;\n\t1Aa-\"'"))
    versions.append("".join(noisy))
    return versions


@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_damaged_texts_parse_or_raise_parse_error(path):
    text = path.read_text(encoding="utf-8")
    rng = random.Random(path.name)
    for version in damaged_versions(text, rng):
        parses_or_refuses(version)


FRAGMENTS = st.sampled_from(
    [
        "Japan-China Summit Meeting",
        "(Summary)",
        "June 10, 2004",
        "25 June 2004",
        "1. ",
        "(1) ",
        "A. ",
        "Prime Minister Junichiro Koizumi held a meeting with President Hu Jintao",
        " from 6:15pm local time",
        " for approximately 50 minutes",
        " in Beijing.",
        "The two leaders agreed that ",
        "The Japanese side stated that ",
        "(Foreign Minister Li)",
        "Japanese side | Chinese side",
        "His Majesty stated",
        "Mr. Li Zhaoxing, Minister of Foreign Affairs of the",
        "Back to Index",
        "\n",
        "\n\n",
        ", ",
        ". ",
        "(",
        ")",
        "|",
        ":",
    ]
)


@settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(FRAGMENTS | st.text(max_size=12), max_size=40))
def test_arbitrary_fragments_parse_or_raise_parse_error(parts):
    parses_or_refuses("".join(parts))
