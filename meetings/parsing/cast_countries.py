"""Each participant's country: stated, else the office's, the authority's, the side
left open, the host's; a person new in the text is then filed under its canonical name."""

from __future__ import annotations

import re

from .canonical_names import canonical_name
from .cast import Cast
from .lexicon import country_of
from .names import Person


def assign_countries(cast: Cast) -> None:
    """Stated country, else the office's, the authority's, the other side's, the host's."""
    host = cast.sides[0]
    for person in cast.everyone:
        person.country = (
            person.country or title_country(person.title) or person.authority_country or None
        )
    unknown = [p for p in cast.principals if p.country is None]
    for person in unknown:
        person.country = _other_side(person, cast)
    for person in unknown:
        if person.country is None and cast.is_home_name(person.name):
            person.country = cast.home  # "Mr. MORI Takeo, Vice-Minister for Foreign Affairs"
    for person in unknown:
        if person.country is None:
            person.country = (
                _other_side(person, cast) or _open_side(cast) or _counterpart(cast) or host
            )
    for person in cast.attendees:
        person.country = person.country or host
    for person in cast.everyone:
        if person.resolution == "text":
            person.name = canonical_name(person.written, person.country, person.title)


# "Ambassador to Japan": the country an envoy is sent to is not the envoy's
POSTED_TO = re.compile(r"\bto\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*)*")


def title_country(title: str) -> str | None:
    return country_of(POSTED_TO.sub(" ", title)) if title else None


def _counterpart(cast: Cast) -> str | None:
    """A third principal beside the home side's and a guest's: one more of the guest's side
    (a visiting minister meets several of the host's officials)."""
    if not any(p.country == cast.home for p in cast.principals):
        return None
    return next((s for s in cast.sides if s != cast.home), None)


def _open_side(cast: Cast) -> str | None:
    """The side no principal stands for yet, when the other one has its principal."""
    taken = {p.country for p in cast.principals if p.country}
    if not taken:
        return None
    open_sides = [s for s in cast.sides if s not in taken]
    return open_sides[0] if open_sides else None


def _other_side(person: Person, cast: Cast) -> str | None:
    """Two principals from one side is a domestic meeting; the unknown one is the other side."""
    known = {p.country for p in cast.principals if p is not person and p.country}
    open_sides = [s for s in cast.sides if s not in known]
    return open_sides[0] if len(known) == 1 and open_sides else None
