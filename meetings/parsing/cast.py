"""Who took part, as it is gathered: the cast (principals, attendees, the sides) and
the parts of the text it is read from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .mentions import Mention
from .names import Person
from .text import Unit


@dataclass
class Cast:
    principals: list[Person] = field(default_factory=list)
    attendees: list[Person] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)  # the states of the meeting, host first
    is_home_name: Callable[[str], bool] = lambda name: False
    home: str = ""

    def add(self, person: Person | None, role: str) -> None:
        if person is None or person in self.principals:
            return
        if role == "principal":
            if person in self.attendees:
                self.attendees.remove(person)
            self.principals.append(person)
        elif person not in self.attendees:
            self.attendees.append(person)

    @property
    def everyone(self) -> list[Person]:
        return self.principals + self.attendees


@dataclass
class CastSources:
    """The parts of the text the cast is read from."""

    text: str
    title_spans: list[tuple[int, int]]
    intro: list[Unit]
    body: list[Unit]
    tables: list[Unit]
    mentions: list[Mention]
    # "Japanese side: Prime Minister X, Minister Y." under an "Attendees" heading or label
    attendee_lists: list[Unit] = field(default_factory=list)
    home_country: str = "Japan"  # the publisher's own side, one side of every meeting
    site_lines: list[str] = field(default_factory=list)
    is_home_name: Callable[[str], bool] = lambda name: False
