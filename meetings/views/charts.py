"""Geometry of the small server-drawn SVG charts: numbers in, coordinates out."""

from __future__ import annotations

from ..sides import COUNTERPART, HOME

PAIR_BAR_WIDTH = 16
PAIR_GAP = 2  # between a year's two bars
YEAR_GAP = 14  # between years
PAIR_HEIGHT = 120
PAIR_LABEL_SPACE = 24
PAIR_SERIES = (HOME, COUNTERPART)


def paired_bars(counts: dict[int, dict[str, int]]) -> dict | None:
    """Statements per year, one bar per side, every year from first to last included.

    `counts` is {year: {side: n}}; the chart keeps its natural width (a wrapper
    scrolls it on a narrow screen) so that bars and labels stay readable.
    """
    if not counts:
        return None
    first, last = min(counts), max(counts)
    tallest = max(counts[year].get(side, 0) for year in counts for side in PAIR_SERIES) or 1
    step = 2 * PAIR_BAR_WIDTH + PAIR_GAP + YEAR_GAP
    years = []
    for index, year in enumerate(range(first, last + 1)):
        x = YEAR_GAP // 2 + index * step
        bars = []
        for offset, side in enumerate(PAIR_SERIES):
            count = counts.get(year, {}).get(side, 0)
            height = round(PAIR_HEIGHT * count / tallest) if count else 0
            bars.append(
                {
                    "side": side,
                    "count": count,
                    "x": x + offset * (PAIR_BAR_WIDTH + PAIR_GAP),
                    "y": PAIR_HEIGHT - height,
                    "height": height,
                }
            )
        years.append({"year": year, "bars": bars, "middle": x + PAIR_BAR_WIDTH + PAIR_GAP / 2})
    return {
        "years": years,
        "bar_width": PAIR_BAR_WIDTH,
        "width": len(years) * step,
        "height": PAIR_HEIGHT + PAIR_LABEL_SPACE,
        "baseline": PAIR_HEIGHT,
        "label_y": PAIR_HEIGHT + 18,
        "tallest": tallest,
    }
