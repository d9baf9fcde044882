"""Which side of the table a statement comes from: the home country, its counterpart, or both.

The summaries are the Ministry of Foreign Affairs of Japan's, so Japan is the
home side of every meeting (as `meetings/parsing/profiles.py` says of the
publisher; the views may not import the parser, so the name is kept here too).
A speaker's country is the one the meeting lists them under, else the one their
person record gives. Narrative, unattributed statements and statements spoken
by both sides together belong to neither column: they are BOTH.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .models import Participant, Person, Statement

HOME_COUNTRY = "Japan"
HOME, COUNTERPART, BOTH = "home", "counterpart", "both"
SIDES = (HOME, COUNTERPART, BOTH)
CHUNK = 500  # ids per query


@dataclass(frozen=True)
class Side:
    name: str  # HOME, COUNTERPART or BOTH
    countries: tuple[str, ...] = ()  # the speakers' countries, in name order


def side_of(countries: set[str]) -> Side:
    known = tuple(sorted(country for country in countries if country))
    if not known:
        return Side(BOTH)
    if known == (HOME_COUNTRY,):
        return Side(HOME, known)
    if HOME_COUNTRY not in known:
        return Side(COUNTERPART, known)
    return Side(BOTH, known)


def sides_of(statement_meetings: dict[int, int]) -> dict[int, Side]:
    """The side of each statement, given as {statement id: its meeting's id}.

    Single-table queries on lists of ids, a few hundred at a time: their plans
    stay simple however large the tables and however stale the planner's statistics.
    """
    spoken: list[tuple[int, int]] = []
    for chunk in chunked(list(statement_meetings)):
        through = Statement.speakers.through.objects.filter(statement_id__in=chunk)
        spoken += through.values_list("statement_id", "person_id")
    listed: dict[tuple[int, int], str] = {}
    for chunk in chunked(sorted(set(statement_meetings.values()))):
        participants = Participant.objects.filter(meeting_id__in=chunk).exclude(country="")
        for meeting_id, person_id, country in participants.values_list(
            "meeting_id", "person_id", "country"
        ):
            listed[meeting_id, person_id] = country
    own: dict[int, str] = {}
    for chunk in chunked(sorted({person_id for _, person_id in spoken})):
        own.update(Person.objects.filter(id__in=chunk).values_list("id", "country"))
    countries: dict[int, set[str]] = defaultdict(set)
    for statement_id, person_id in spoken:
        meeting_id = statement_meetings[statement_id]
        countries[statement_id].add(listed.get((meeting_id, person_id)) or own[person_id])
    return {statement_id: side_of(countries[statement_id]) for statement_id in statement_meetings}


def chunked(ids: list[int], size: int = CHUNK) -> list[list[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]
