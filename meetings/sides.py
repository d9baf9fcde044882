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

from django.db.models import QuerySet

from .models import Participant, Statement

HOME_COUNTRY = "Japan"
HOME, COUNTERPART, BOTH = "home", "counterpart", "both"
SIDES = (HOME, COUNTERPART, BOTH)


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


def sides_of(statements: QuerySet) -> dict[int, Side]:
    """The side of each statement in `statements` (a queryset: two queries, whatever its size)."""
    spoken = Statement.speakers.through.objects.filter(statement__in=statements.values("pk"))
    rows = spoken.values_list(
        "statement_id", "statement__meeting_id", "person_id", "person__country"
    )
    listed_in = Participant.objects.filter(meeting__in=statements.values("meeting_id"))
    listed = {
        (meeting_id, person_id): country
        for meeting_id, person_id, country in listed_in.exclude(country="").values_list(
            "meeting_id", "person_id", "country"
        )
    }
    countries: dict[int, set[str]] = defaultdict(set)
    for statement_id, meeting_id, person_id, person_country in rows:
        countries[statement_id].add(listed.get((meeting_id, person_id)) or person_country)
    return {statement_id: side_of(found) for statement_id, found in countries.items()}
