"""Which stored meeting a file's meeting is, and what importing it would do.

Each meeting is keyed on (source_key, source_index): the file's identity is its
source URL when known, otherwise its path; never its base name alone. A
meeting found under the file's path (imported before its URL was known, or its
URL changed) or stored before identities existed (source_key empty, same base
name) is taken over. The file's checksum says whether it changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from meetings.models import Meeting
from meetings.parsing.record import MeetingRecord
from meetings.parsing.sources import SourceText
from meetings.provenance import Provenance

from .cache import RunCache
from .results import KEPT_EDITED, NEW, UNCHANGED, UPDATED

PUBLIC_ID_LENGTH = 80


@dataclass(frozen=True)
class Origin:
    """Which file a meeting comes from and where that file was published."""

    path_key: str  # the file's path (meetings.provenance.path_key)
    name: str  # its base name: how meetings stored before identities are found
    given: Provenance  # what this import says; unknown parts keep the stored values

    def provenance_for(self, existing: Meeting | None) -> Provenance:
        stored = (
            Provenance(
                url=existing.source_url,
                publisher=existing.source_publisher,
                accessed=existing.source_accessed,
            )
            if existing is not None
            else Provenance()
        )
        return stored.overridden_by(self.given)

    def fields_for(self, existing: Meeting | None) -> dict:
        provenance = self.provenance_for(existing)
        return {
            "source_key": provenance.url or self.path_key,
            "source_path": self.path_key,
            "source_name": self.name,
            "source_url": provenance.url,
            "source_publisher": provenance.publisher,
            "source_accessed": provenance.accessed,
        }

    def differs(self, existing: Meeting) -> bool:
        return any(
            getattr(existing, name) != value for name, value in self.fields_for(existing).items()
        )


def planned_outcome(
    source: SourceText,
    index: int,
    overwrite_edited: bool,
    origin: Origin | None = None,
    cache: RunCache | None = None,
) -> str:
    """What storing would do, read from the database without writing."""
    origin = origin or Origin(path_key=source.name, name=source.name, given=Provenance())
    existing = find_existing(origin, index, cache)
    return outcome_for(existing, source, overwrite_edited, origin)


def find_existing(origin: Origin, index: int, cache: RunCache | None = None) -> Meeting | None:
    """The stored meeting this file's `index`-th meeting replaces, if any.

    Looked up by the file's identity (its URL, else its path), then by its
    path (imported before its URL was known, or under another URL), then,
    among meetings stored before identities existed, by its base name.
    """
    meetings = Meeting.objects.filter(source_index=index)
    key = origin.given.url or origin.path_key
    # The partial unique index (source_key, source_index) WHERE source_key <> '' is only
    # used when the query states its condition too; without it SQLite read every meeting.
    existing = meetings.filter(source_key=key).exclude(source_key="").first()
    if existing is None:
        existing = meetings.filter(source_path=origin.path_key).order_by("pk").first()
    if existing is None and (cache is None or cache.has_legacy_meetings()):
        existing = meetings.filter(source_key="", source_name=origin.name).first()
    return existing


def outcome_for(
    existing: Meeting | None, source: SourceText, overwrite_edited: bool, origin: Origin
) -> str:
    if existing is None:
        return NEW
    if existing.source_checksum == source.checksum:
        return UPDATED if origin.differs(existing) else UNCHANGED
    if existing.edited and not overwrite_edited:
        return KEPT_EDITED
    return UPDATED


def new_public_id(record: MeetingRecord) -> str:
    """`<first meeting date>-<title>` as a slug, cut to ~80 characters, made unique."""
    first_date = (sorted(record.meeting_dates) or [record.published or ""])[0]
    base = slugify(f"{first_date} {record.title}")
    if len(base) > PUBLIC_ID_LENGTH:
        cut = base[:PUBLIC_ID_LENGTH]
        base = cut.rsplit("-", 1)[0] if "-" in cut[PUBLIC_ID_LENGTH // 2 :] else cut
    base = base.strip("-") or "meeting"
    candidate, number = base, 2
    while Meeting.objects.filter(public_id=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate
