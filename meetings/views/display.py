"""Shaping rows for the page templates: no queries here, only what was loaded."""

from __future__ import annotations

from collections import defaultdict

from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ..citations import as_text, citation_for

TIMELINE_HEIGHT = 140
TIMELINE_LABEL_SPACE = 34
# Columns: as wide as the page's column (78rem less padding) allows, never so narrow that
# a bar is under a 24 px target; a longer run of years scrolls sideways in its box.
TIMELINE_FIT_WIDTH = 1190
TIMELINE_MAX_STEP = 54
TIMELINE_MIN_STEP = 30
TIMELINE_BAR_SHARE = 0.8
# Below this step a year label is as wide as its column: only every other year is written.
TIMELINE_LABEL_EVERY_STEP = 40
# Room either side for a year label wider than its bar.
TIMELINE_MARGIN = 4
# Rows (narrow screens): one 28 px row per year, drawn in CSS pixels, never scaled.
TIMELINE_ROW_HEIGHT = 28
TIMELINE_ROW_BAR_HEIGHT = 16
TIMELINE_ROW_BAR_MAX_PERCENT = 70


def timeline(counts_by_year: dict[int, int]) -> dict | None:
    """Bar geometry for meetings per year, every year from first to last included.

    Two drawings of the same bars: columns for wide screens and one row per
    year for phones, so text stays at its CSS size and every bar is a target.
    """
    if not counts_by_year:
        return None
    first, last = min(counts_by_year), max(counts_by_year)
    years = range(first, last + 1)
    tallest = max(counts_by_year.values())
    step = max(TIMELINE_MIN_STEP, min(TIMELINE_MAX_STEP, TIMELINE_FIT_WIDTH // len(years)))
    bar_width = round(step * TIMELINE_BAR_SHARE)
    gap = step - bar_width
    bars = []
    for index, year in enumerate(years):
        count = counts_by_year.get(year, 0)
        bars.append(
            {
                "year": year,
                "count": count,
                "labelled": step >= TIMELINE_LABEL_EVERY_STEP or (year - first) % 2 == 0,
                **_column(index, count, tallest, step, bar_width),
                **_row(index, count, tallest),
            }
        )
    return {
        "bars": bars,
        "bar_width": bar_width,
        "width": len(bars) * step - gap + 2 * TIMELINE_MARGIN,
        "height": TIMELINE_HEIGHT + TIMELINE_LABEL_SPACE,
        "baseline": TIMELINE_HEIGHT,
        "label_y": TIMELINE_HEIGHT + 18,
        "count_y": TIMELINE_HEIGHT + 33,
        "row_height": TIMELINE_ROW_HEIGHT,
        "row_bar_height": TIMELINE_ROW_BAR_HEIGHT,
        "rows_height": len(bars) * TIMELINE_ROW_HEIGHT,
    }


def _column(index: int, count: int, tallest: int, step: int, bar_width: int) -> dict:
    height = round(TIMELINE_HEIGHT * count / tallest) if count else 0
    x = TIMELINE_MARGIN + index * step
    return {"x": x, "y": TIMELINE_HEIGHT - height, "height": height, "middle": x + bar_width / 2}


def _row(index: int, count: int, tallest: int) -> dict:
    top = index * TIMELINE_ROW_HEIGHT
    percent = round(TIMELINE_ROW_BAR_MAX_PERCENT * count / tallest, 1) if count else 0
    return {
        "row_top": top,
        "row_bar_y": top + (TIMELINE_ROW_HEIGHT - TIMELINE_ROW_BAR_HEIGHT) // 2,
        "row_text_y": top + 19,
        # A string: the template writes it into an attribute as is, never localised.
        "row_percent": f"{max(percent, 0.5) if count else 0:g}",
    }


def original_with_spans(text: str, statements, selected=None) -> SafeString:
    """The original text, escaped, each statement's span wrapped so it can be found.

    The selected statement's span is a <mark>; the others are plain <span>s that
    the page's script can highlight when the reader follows a statement link.
    """
    pieces, position = [], 0
    for statement in sorted(_spans_in(text, statements), key=lambda s: s.start_offset):
        start, end = statement.start_offset, statement.end_offset
        if start < position:  # overlapping offsets: keep the text, skip the wrapper
            continue
        tag = "mark" if statement is selected else "span"
        pieces.append(escape(text[position:start]))
        pieces.append(
            f'<{tag} id="original-{statement.anchor}" class="original-span" '
            f'data-statement="{statement.anchor}">{escape(text[start:end])}</{tag}>'
        )
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))


def _spans_in(text: str, statements):
    for statement in statements:
        start, end = statement.start_offset, statement.end_offset
        if start is not None and end is not None and 0 <= start < end <= len(text):
            yield statement


def selected_statement(statements, wanted: str | None):
    """The statement named by `?s=12` or `?s=s12`, if there is one."""
    if not wanted:
        return None
    wanted = wanted.removeprefix("s")
    return next((s for s in statements if str(s.order) == wanted), None)


def sections(topics, statements) -> list[dict]:
    """Topics as a tree, each with its statements in reading order.

    Statements before the first section sit in a leading section with no topic.
    """
    by_topic = defaultdict(list)
    for statement in statements:
        by_topic[statement.topic_id].append(statement)
    nodes = {
        t.pk: {"topic": t, "statements": by_topic.get(t.pk, []), "children": []} for t in topics
    }
    tree = []
    if by_topic.get(None):
        tree.append({"topic": None, "statements": by_topic[None], "children": []})
    for topic in topics:
        parent = nodes.get(topic.parent_id)
        (parent["children"] if parent else tree).append(nodes[topic.pk])
    return tree


def by_country(participants) -> list[tuple[str, list]]:
    """Participants grouped by country, countries in the order the text names them."""
    groups: dict[str, list] = {}
    for participant in participants:
        groups.setdefault(participant.country or "Country not stated", []).append(participant)
    return [
        (country, sorted(members, key=lambda p: (p.role != "principal", p.order)))
        for country, members in groups.items()
    ]


def source_credit(meeting) -> str:
    """The licence's "Source: … URL: … Accessed …" notice as HTML, the URL a link."""
    notice = meeting.source_notice
    if not notice:
        return ""
    url = meeting.source_url
    if not url or url not in notice:
        return conditional_escape(notice)
    before, after = notice.split(url, 1)
    return format_html('{}<a href="{}" rel="external">{}</a>{}', before, url, url, after)


def cite_statements(meeting, statements, meeting_url: str, accessed) -> None:
    """Give each statement its absolute permalink and its citation as text, for the page."""
    for statement in statements:
        statement.permalink = f"{meeting_url}#{statement.anchor}"
        statement.citation_text = as_text(
            citation_for(meeting, statement.permalink, accessed, statement)
        )
