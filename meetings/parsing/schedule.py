"""A visit's programme of several talks: "His schedule was as follows:" and then one item
per talk, "(1) Ambassador X, Deputy Secretary of State: for about 1 hour from 1:00 p.m. on
April 9". Each item's person is a principal; the talks' dates and lengths add up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import find_clock_range, find_dates, find_duration
from .mentions import Mention, within
from .sections import Placed
from .text import Unit

PROGRAMME_LEAD = re.compile(
    r"\b(?:schedule|programme|program|itinerary|as follows|the following)\b[^.]*:\s*$", re.I
)
ITEM_HEAD = 250  # characters: the item's person and office come before its colon


@dataclass
class Programme:
    people: list[Mention] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)
    minutes: int = 0


def read_programme(
    text: str, placed: list[Placed], intro: list[Unit], named: list[Mention], reference
) -> Programme | None:
    """The talks listed after the intro's "... was as follows:", or None."""
    lead = next((u for u in intro if PROGRAMME_LEAD.search(text[u.body_start : u.end])), None)
    units = [p.unit for p in placed if p.role == "paragraph"]
    if lead is None or lead not in units:
        return None
    programme = Programme()
    for unit in units[units.index(lead) + 1 :]:
        head_end = text.find(":", unit.body_start, min(unit.end, unit.body_start + ITEM_HEAD))
        people = within(named, unit.body_start, head_end) if head_end > 0 else []
        if not people or people[0].start - unit.body_start > 20:
            break
        item = text[head_end : unit.end]
        programme.people.append(people[0])
        programme.dates += [d for d in find_dates(item, reference) if d not in programme.dates]
        programme.minutes += find_duration(item) or find_clock_range(item) or 0
    return programme if len(programme.people) > 1 else None
