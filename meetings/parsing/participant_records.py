"""The cast as the record's participants: offices without courtesy words or nationality."""

from __future__ import annotations

import re

from .cast import Cast
from .lexicon import COUNTRY_FORMS, country_of
from .names import Person
from .office_words import is_title_word
from .record import ParticipantRecord

COURTESY_WORDS = re.compile(
    r"\b(?:(?:His|Her) (?:Royal )?(?:Majesty|Highness|Excellency)|Hono(?:u)?rable"
    r"|(?:Mr|Ms|Mrs|Dr|Prof|Amb|Rev|Professor)\.?)(?=\s|$)"
)


def office_of(title: str) -> str:
    """The office without courtesy words: "His Majesty King" -> "King", "Prime Minister Dr."
    -> "Prime Minister"; a bare "Mr." is no office."""
    office = " ".join(COURTESY_WORDS.sub(" ", title).split())
    office = re.sub(r"^(?:the|The)\s+", "", office)
    return _without_nationality(office)


def _without_nationality(office: str) -> str:
    """ "French President" -> "President", "Republic of Korea Minister of ..." -> "Minister
    of ...": the country is the participant's country, not part of the office."""
    words = office.split()
    for size in range(min(5, len(words) - 1), 0, -1):
        prefix = " ".join(words[:size])
        if prefix.lower().replace("’", "'") not in COUNTRY_FORMS:
            continue
        rest = words[size:]
        demonym = size == 1 and country_of(prefix) != prefix
        # "Russian Federation President Assistant": the state's president's assistant
        possessive = len(rest) > 1 and is_title_word(rest[1]) and rest[1] not in ("of", "for")
        return " ".join(rest) if demonym or not possessive else office
    return office


def participant_records(cast: Cast) -> list[ParticipantRecord]:
    return [
        _record(person, role)
        for role, people in (("principal", cast.principals), ("attendee", cast.attendees))
        for person in people
    ]


def _record(person: Person, role: str) -> ParticipantRecord:
    return ParticipantRecord(
        name=person.name,
        name_as_written=person.written,
        title=office_of(person.title),
        country=person.country or "",
        role=role,
        resolution=person.resolution,
        resolution_score=person.score,
    )
