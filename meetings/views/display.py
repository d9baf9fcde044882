"""Shaping rows for the page templates: no queries here, only what was loaded."""

from __future__ import annotations

from collections import defaultdict

from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe

from ..citations import as_text, citation_for

TIMELINE_HEIGHT = 140
TIMELINE_BAR_WIDTH = 44
TIMELINE_GAP = 10
TIMELINE_LABEL_SPACE = 34


def timeline(counts_by_year: dict[int, int]) -> dict | None:
    """Bar geometry for meetings per year, every year from first to last included."""
    if not counts_by_year:
        return None
    first, last = min(counts_by_year), max(counts_by_year)
    tallest = max(counts_by_year.values())
    step = TIMELINE_BAR_WIDTH + TIMELINE_GAP
    bars = []
    for index, year in enumerate(range(first, last + 1)):
        count = counts_by_year.get(year, 0)
        height = round(TIMELINE_HEIGHT * count / tallest) if count else 0
        x = index * step
        bars.append(
            {
                "year": year,
                "count": count,
                "x": x,
                "y": TIMELINE_HEIGHT - height,
                "height": height,
                "middle": x + TIMELINE_BAR_WIDTH / 2,
            }
        )
    return {
        "bars": bars,
        "bar_width": TIMELINE_BAR_WIDTH,
        "width": len(bars) * step - TIMELINE_GAP,
        "height": TIMELINE_HEIGHT + TIMELINE_LABEL_SPACE,
        "baseline": TIMELINE_HEIGHT,
        "label_y": TIMELINE_HEIGHT + 18,
        "count_y": TIMELINE_HEIGHT + 33,
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
