"""Attendees: persons in "Other attendees ..." lists or "(Attendees)" tables (each list
or column names its side) and persons "who also attended"."""

from __future__ import annotations

import re

from .cast import Cast
from .lexicon import country_of
from .mentions import Mention, within
from .text import Unit, sentence_spans

ATTENDEE_SPAN = re.compile(
    r"\b(?:attendees|attending|attended by|also present|were present|participants?|present at)\b",
    re.IGNORECASE,
)
SIDE = re.compile(
    r"(?:\b(?:from|on)\s+the\s+|\b)(?P<side>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?)\s+sides?\b(?P<colon>\s*:)?"
)


WHO_ATTENDED = re.compile(r"^,?\s*who\s+(?:also\s+)?(?:attended|was present|participated|joined)")


def attendees_of_unit(text: str, unit: Unit, named: list[Mention], cast: Cast) -> None:
    for start, end in _attendee_spans(text, unit):
        for side_start, side_end, country in _side_segments(text, start, end, cast.sides, named):
            for mention in within(named, side_start, side_end):
                if mention.person not in cast.principals:
                    cast.add(mention.person, "attendee")
                    if country and not mention.person.country:
                        mention.person.country = country


def _attendee_spans(text: str, unit: Unit) -> list[tuple[int, int]]:
    """Parenthesised remarks and sentences that list who attended."""
    spans = []
    body = text[unit.body_start : unit.end]
    for match in re.finditer(r"\(([^()]*)\)", body):
        if ATTENDEE_SPAN.search(match.group(1)):
            spans.append((unit.body_start + match.start(), unit.body_start + match.end()))
    for start, end in sentence_spans(text, unit.body_start, unit.end):
        inside = any(a <= start < b for a, b in spans)
        if not inside and ATTENDEE_SPAN.search(text[start:end]):
            spans.append((start, end))
    return spans


def _names_follow_markers(
    text: str, start: int, markers: list[re.Match], named: list[Mention]
) -> bool:
    """No name before the first side marker, but names after the last: markers lead."""
    before = within(named, start, markers[0].start())
    after = [m for m in named if m.start >= markers[-1].end()]
    lead = text[markers[-1].end() : markers[-1].end() + 40]
    return not before and bool(after) and not re.match(r"\s*[.)]", lead)


def _side_segments(
    text: str, start: int, end: int, sides: list[str], named: list[Mention] = ()
) -> list[tuple[int, int, str | None]]:
    """Split an attendee list at its side markers: "(from the Russian side: A, B; ...)",
    "A and B from the Russian side, and C from the Japanese side"."""
    markers = [m for m in SIDE.finditer(text, start, end) if country_of(m.group("side"))]
    if not markers:
        return [(start, end, None)]
    if not any(m.group("colon") for m in markers) and _names_follow_markers(
        text, start, markers, named
    ):
        # "from the Japanese side included A, and from the Chinese side B"
        bounds = [m.start() for m in markers[1:]] + [end]
        pairs = zip(markers, bounds, strict=True)
        return [(m.end(), stop, country_of(m.group("side"))) for m, stop in pairs]
    segments, cursor = [], start
    for index, marker in enumerate(markers):
        country = country_of(marker.group("side"))
        if marker.group("colon"):
            # a side's list runs to the next side: "Chinese side: A, office; B, office;
            # participants on the Japanese side: C"
            following = markers[index + 1].start() if index + 1 < len(markers) else end
            segments.append((marker.end(), following, country))
            cursor = following
        else:
            segments.append((cursor, marker.start(), country))
            cursor = marker.end()
    return segments


def table_cast(text: str, tables: list[Unit], named: list[Mention], cast: Cast) -> None:
    """ "Japan side | Russian side" over rows "Prime Minister Koizumi | President Putin"."""
    columns: list[str | None] = []
    first_row = not cast.principals
    for unit in tables:
        cells = _cells(text, unit)
        if not cells:
            continue
        countries = [
            country_of(text[a:b]) if re.search(r"\bsides?\b", text[a:b], re.I) else None
            for a, b in cells
        ]
        if countries[0] and any(within(named, a, b) for a, b in cells[1:]):
            # "U.S. side: | Chief of Staff A, Adviser B |": a row per side
            for a, b in cells[1:]:
                for mention in within(named, a, b):
                    cast.add(mention.person, "attendee")
                    mention.person.country = mention.person.country or countries[0]
            continue
        if any(countries):
            columns = countries
            continue
        for index, (a, b) in enumerate(cells):
            country = columns[index] if index < len(columns) else None
            for mention in within(named, a, b):
                cast.add(mention.person, "principal" if first_row else "attendee")
                if country and not mention.person.country:
                    mention.person.country = country
        first_row = False


def listed_cast(text: str, units: list[Unit], named: list[Mention], cast: Cast) -> None:
    """Per-side lists of attendees: the first person of a side that has no principal yet
    heads it, as the first row of an attendee table does."""
    for unit in units:
        for start, end, country in _side_segments(
            text, unit.body_start, unit.end, cast.sides, named
        ):
            people = [m.person for m in within(named, start, end)]
            for index, person in enumerate(people):
                if country and not person.country:
                    person.country = country
                side_has_head = any(p.country == country for p in cast.principals)
                first = index == 0 and country is not None and not side_has_head
                cast.add(person, "principal" if first else "attendee")


def _cells(text: str, unit: Unit) -> list[tuple[int, int]]:
    if "|" not in text[unit.start : unit.end]:
        return []
    cells, cursor = [], unit.start
    for match in re.finditer(r"\|", text[unit.start : unit.end]):
        cells.append((cursor, unit.start + match.start()))
        cursor = unit.start + match.end()
    cells.append((cursor, unit.end))
    return cells


def who_attended(text: str, named: list[Mention], cast: Cast) -> None:
    for mention in named:
        if WHO_ATTENDED.match(text[max(mention.end, mention.suffix_end) :]):
            cast.add(mention.person, "attendee")
