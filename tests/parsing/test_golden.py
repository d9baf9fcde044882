"""Golden files: the five seeds against fixtures/seeds/expected.json, field by field,
and the shared scorer over all of them."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import score_records

from meetings.parsing import load_default_authority, parse_file, parse_text

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
ATTRIBUTIONS = json.loads((SEEDS / "attributions.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def produced() -> list[dict]:
    authority = load_default_authority()
    records = []
    for gold in EXPECTED:
        records += [r.to_json() for r in parse_file(SEEDS / gold["source"], authority)]
    return records


def by_source(records: list[dict], source: str) -> dict:
    return next(r for r in records if r["source"] == source)


@pytest.mark.parametrize("gold", EXPECTED, ids=[g["source"] for g in EXPECTED])
def test_seed_matches_gold_field_by_field(produced, gold):
    record = by_source(produced, gold["source"])
    for key, value in gold.items():
        assert record[key] == value, key


def test_scorer_over_all_seeds(produced, capsys):
    scores = [score_records.score_record(by_source(produced, g["source"]), g) for g in EXPECTED]
    attribution = score_records.attribution_scores(produced, ATTRIBUTIONS)
    share = sum(ok for _, ok in attribution) / len(attribution)
    overall = sum(sum(s.values()) / len(s) for s in scores) / len(scores)
    assert share >= 0.95
    assert overall >= 0.97


def test_statement_offsets_point_into_the_original(produced):
    authority = load_default_authority()
    for gold in EXPECTED:
        text = (SEEDS / gold["source"]).read_text(encoding="utf-8")
        for statement in parse_file(SEEDS / gold["source"], authority)[0].statements:
            assert " ".join(text[statement.start : statement.end].split()) == statement.text


def test_hard_wrapped_seeds_score_as_well():
    """The same summaries saved with lines wrapped at 72 columns."""
    authority = load_default_authority()
    records = []
    for gold in EXPECTED:
        text = (SEEDS / gold["source"]).read_text(encoding="utf-8")
        records += [r.to_json() for r in parse_text(wrap(text), gold["source"], authority)]
    scores = [score_records.score_record(by_source(records, g["source"]), g) for g in EXPECTED]
    assert sum(sum(s.values()) / len(s) for s in scores) / len(scores) >= 0.97


def wrap(text: str, width: int = 72) -> str:
    lines = []
    for line in text.split("\n"):
        indent = " " * (len(line) - len(line.lstrip()))
        lines += textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent) or [""]
    return "\n".join(lines)
