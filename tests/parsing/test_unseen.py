"""Summaries in the style of pages the parser was not built on (other countries, years and
layouts), each with a hand-written gold record in tests/parsing/unseen/*.json.

Every gold statement is also an attribution check: the produced statement holding its text
must name exactly its speakers (narrative text: none).
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
import score_records

from meetings.parsing import load_default_authority, parse_file, parse_text

UNSEEN = Path(__file__).resolve().parent / "unseen"
GOLD = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(UNSEEN.glob("*.json"))]
MIN_OVERALL = 0.97
MIN_FIELD = 0.9
MIN_ATTRIBUTION = 0.95


def attributions_of(gold: dict) -> list[dict]:
    """Each gold statement's text, without the connective that joins it to the one before."""
    found = []
    for statement in gold["statements"]:
        snippet = re.sub(r"^(?:and|but)\s+", "", statement["text"]).rstrip(".,; ")
        found.append(
            {"source": gold["source"], "snippet": snippet, "speakers": statement["speakers"]}
        )
    return found


@pytest.fixture(scope="module")
def produced() -> dict[str, dict]:
    authority = load_default_authority()
    records = {}
    for gold in GOLD:
        (record,) = parse_file(UNSEEN / gold["source"], authority)
        records[gold["source"]] = record.to_json()
    return records


def test_every_unseen_text_has_a_gold_record():
    assert len(GOLD) >= 12
    assert {g["source"] for g in GOLD} == {p.name for p in UNSEEN.glob("*.txt")}


@pytest.mark.parametrize("gold", GOLD, ids=[g["source"] for g in GOLD])
def test_unseen_text_scores_high(produced, gold):
    record = produced[gold["source"]]
    scores = score_records.score_record(record, gold)
    wrong = {field: score for field, score in scores.items() if score < 1}
    assert sum(scores.values()) / len(scores) >= MIN_OVERALL, wrong
    checks = score_records.attribution_scores([record], attributions_of(gold))
    misattributed = [a["snippet"][:50] for a, ok in checks if not ok]
    assert len(misattributed) <= len(checks) * (1 - MIN_ATTRIBUTION), misattributed


def test_every_field_holds_across_the_unseen_set(produced):
    rows = [score_records.score_record(produced[g["source"]], g) for g in GOLD]
    means = {field: sum(r[field] for r in rows) / len(rows) for field in rows[0]}
    assert all(mean >= MIN_FIELD for mean in means.values()), means


def hard_wrapped(text: str, width: int = 72) -> str:
    """The text as saved by a browser that wraps lines (words kept whole, hyphens too)."""
    lines = []
    for line in text.split("\n"):
        lines += textwrap.wrap(line, width, break_on_hyphens=False) or [""]
    return "\n".join(lines)


def test_hard_wrapped_unseen_texts_score_as_well():
    authority = load_default_authority()
    rows, checks = [], []
    for gold in GOLD:
        text = hard_wrapped((UNSEEN / gold["source"]).read_text(encoding="utf-8"))
        (record,) = [r.to_json() for r in parse_text(text, gold["source"], authority)]
        rows.append(score_records.score_record(record, gold))
        checks += score_records.attribution_scores([record], attributions_of(gold))
    assert sum(sum(s.values()) / len(s) for s in rows) / len(rows) >= MIN_OVERALL
    misattributed = [a["snippet"][:50] for a, ok in checks if not ok]
    assert len(misattributed) <= len(checks) * (1 - MIN_ATTRIBUTION), misattributed
