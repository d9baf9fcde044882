"""The parser on real pages of the publisher (../shared/real): every page gives a record,
and each field stays above its floor. The floors sit a little under today's scores, so a
change that loses ground on real pages fails here, not on the seeds alone."""

from __future__ import annotations

import pytest

from devtools import real_pages

pytestmark = pytest.mark.skipif(
    not real_pages.REAL.is_dir(),
    reason=f"{real_pages.REAL} is absent: the real pages are not beside the project",
)

FULL_OVERALL = 0.95  # the bar; today 0.994
FULL_ATTRIBUTION = 0.95
HEADER_OVERALL = 0.95
FIELD_FLOOR = 0.90


@pytest.fixture(scope="module")
def scores() -> dict[str, real_pages.SetScore]:
    return {s.label: s for s in real_pages.score_all()}


def _set(scores, label):
    if label not in scores:
        pytest.skip(f"no pages for {label!r} in {real_pages.REAL}")
    return scores[label]


def test_no_real_page_is_refused(scores):
    refused = [(p.name, p.error) for s in scores.values() for p in s.refused]
    assert not refused


def test_full_gold_pages_overall_and_attribution(scores):
    full = _set(scores, "real pages, full gold")
    assert full.overall() >= FULL_OVERALL
    assert full.attribution >= FULL_ATTRIBUTION


def test_header_gold_pages_overall(scores):
    assert _set(scores, "real pages, header gold").overall() >= HEADER_OVERALL


@pytest.mark.parametrize("label", ["real pages, full gold", "real pages, header gold"])
def test_every_field_above_its_floor(scores, label):
    means = _set(scores, label).field_means()
    low = {name: round(value, 3) for name, value in means.items() if value < FIELD_FLOOR}
    assert not low


def test_every_decade_is_read(scores):
    for scored in scores.values():
        low = {d: round(v, 3) for d, v in scored.by_decade().items() if v < FIELD_FLOOR}
        assert not low, scored.label
