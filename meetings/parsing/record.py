"""The parser's output: one MeetingRecord per meeting, in RECORD_FORMAT v1.

Pure data, no Django. `to_json()` gives exactly the RECORD_FORMAT object that
`manage.py parse_meeting --json` prints; offsets and other extras that the
importer needs stay on the dataclasses and out of that contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STATEMENT_KINDS = ("statement", "joint", "narrative")
ROLES = ("principal", "attendee")


REVIEW_BELOW = 0.6  # a field or attribution read with less confidence needs a person's eyes


@dataclass
class FieldNote:
    """How sure the parser is of one header field, and why."""

    confidence: float
    reason: str

    def to_json(self) -> dict:
        return {"confidence": self.confidence, "reason": self.reason}


class ParseError(ValueError):
    """The text is not a meeting summary we can read; the message is one line."""


@dataclass
class ParticipantRecord:
    name: str  # canonical full name, given name first
    name_as_written: str
    title: str
    country: str
    role: str  # "principal" | "attendee"
    # How `name` was resolved: "authority" (exact alias), "fuzzy", "text" (new person).
    resolution: str = "text"
    resolution_score: float | None = None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "name_as_written": self.name_as_written,
            "title": self.title,
            "country": self.country,
            "role": self.role,
        }


@dataclass
class SubsectionRecord:
    number: str  # "(1)"
    heading: str

    def to_json(self) -> dict:
        return {"number": self.number, "heading": self.heading}


@dataclass
class SectionRecord:
    number: str  # "1"
    heading: str
    subsections: list[SubsectionRecord] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "heading": self.heading,
            "subsections": [s.to_json() for s in self.subsections],
        }


@dataclass
class StatementRecord:
    section: str | None  # section number, None before the first section
    subsection: str | None
    speakers: list[str]  # canonical names
    kind: str  # "statement" | "joint" | "narrative"
    text: str
    # Character offsets of `text` in the original (decoded) text: text == original[start:end]
    # after whitespace collapsing, so a page can highlight the statement in place.
    start: int = 0
    end: int = 0
    confidence: float = 1.0  # of the attribution, 0..1
    reason: str = ""  # why these speakers ("speaker carried over from the previous paragraph")

    def to_json(self) -> dict:
        return {
            "section": self.section,
            "subsection": self.subsection,
            "speakers": list(self.speakers),
            "kind": self.kind,
            "text": self.text,
            "confidence": self.confidence,
            "reason": self.reason,
        }


@dataclass
class MeetingRecord:
    source: str
    title: str
    subtitle: str | None
    provisional_translation: bool
    published: str | None  # "YYYY-MM-DD"
    meeting_dates: list[str]
    start_time_local: str | None  # "HH:MM"
    duration_minutes: int | None
    location: str | None
    venue: str | None
    meeting_type: str
    occasion: str | None
    participants: list[ParticipantRecord] = field(default_factory=list)
    sections: list[SectionRecord] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    documents_issued: list[str] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    # "--MM-DD": a meeting day the text gives without any year (meeting_dates is then empty)
    meeting_dates_partial: list[str] = field(default_factory=list)
    notes: dict[str, FieldNote] = field(default_factory=dict)  # per header field

    @property
    def review_reasons(self) -> list[str]:
        """What a person should check: doubtful fields, then doubtful attributions."""
        reasons = [
            f"{name}: {n.reason}" for name, n in self.notes.items() if n.confidence < REVIEW_BELOW
        ]
        doubtful = [s for s in self.statements if s.confidence < REVIEW_BELOW]
        if doubtful:
            reasons.append(f"{len(doubtful)} statement(s): {doubtful[0].reason}")
        return reasons

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "title": self.title,
            "subtitle": self.subtitle,
            "provisional_translation": self.provisional_translation,
            "published": self.published,
            "meeting_dates": list(self.meeting_dates),
            "start_time_local": self.start_time_local,
            "duration_minutes": self.duration_minutes,
            "location": self.location,
            "venue": self.venue,
            "meeting_type": self.meeting_type,
            "occasion": self.occasion,
            "participants": [p.to_json() for p in self.participants],
            "sections": [s.to_json() for s in self.sections],
            "speakers": list(self.speakers),
            "documents_issued": list(self.documents_issued),
            "statements": [s.to_json() for s in self.statements],
            "meeting_dates_partial": list(self.meeting_dates_partial),
            "confidence": {name: note.to_json() for name, note in self.notes.items()},
            "review": self.review_reasons,
        }
