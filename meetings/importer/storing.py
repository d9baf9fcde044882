"""Storing a file's MeetingRecords as rows, inside the file's transaction.

A changed meeting is rebuilt in place (its children deleted with their
history, then stored again) and keeps its public_id and its editors' review
marks; an unchanged one whose provenance changed only has its source fields
updated. Each stored meeting gets a journal note in the same transaction
(meetings/indexing/journal.py), cleared once it is indexed.
"""

from __future__ import annotations

import datetime as dt

from meetings import history
from meetings.authority import PeopleResolver
from meetings.indexing import journal
from meetings.models import (
    AliasSource,
    Meeting,
    MeetingType,
    Participant,
    ReviewAction,
    Role,
    Statement,
    StatementKind,
    Subject,
    Topic,
    normalize_heading,
)
from meetings.parsing.record import MeetingRecord
from meetings.parsing.sources import SourceText
from meetings.provenance import Provenance
from meetings.subjects import subject_for_key
from meetings.vocabulary import name_key

from .cache import RunCache
from .identity import Origin, find_existing, new_public_id, outcome_for
from .results import UPDATED, FileResult
from .reviews import keep_reviewed, reviewed_statements


def store_file(
    source: SourceText,
    records: list[MeetingRecord],
    result: FileResult,
    *,
    overwrite_edited: bool,
    cache: RunCache | None = None,
    origin: Origin | None = None,
) -> None:
    cache = cache or RunCache()
    origin = origin or Origin(path_key=source.name, name=source.name, given=Provenance())
    people = PeopleResolver(cache.people, cache.settled_aliases)
    subjects = cache.subjects
    for index, record in enumerate(records):
        existing = find_existing(origin, index, cache)
        outcome = outcome_for(existing, source, overwrite_edited, origin)
        result.outcomes.append(outcome)
        if existing is None or (outcome == UPDATED and existing.source_checksum != source.checksum):
            meeting = store_meeting(source, index, record, existing, people, subjects, origin)
            result.meeting_ids.append(meeting.pk)
        elif origin.differs(existing):  # same text, new provenance (kept edits stay kept)
            fields = origin.fields_for(existing)
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save(update_fields=[*fields, "updated_at"])


def store_meeting(
    source: SourceText,
    index: int,
    record: MeetingRecord,
    existing: Meeting | None,
    people: PeopleResolver,
    subjects: dict[str, Subject],
    origin: Origin | None = None,
) -> Meeting:
    origin = origin or Origin(path_key=source.name, name=source.name, given=Provenance())
    meeting = existing or Meeting(source_index=index, public_id=new_public_id(record))
    reviewed = reviewed_statements(existing) if existing is not None else {}
    old_reasons = list(existing.review_reasons) if existing is not None else []
    was_fixed = existing is not None and existing.review_action == ReviewAction.FIXED
    for name, value in origin.fields_for(existing).items():
        setattr(meeting, name, value)
    _fill_meeting(meeting, source, record)
    if meeting.review_reasons != old_reasons or was_fixed:
        # Other doubts need a look of their own; an editor's fix the text has just
        # overwritten (--overwrite-edited, or "edited" unticked) is gone.
        meeting.reviewed_at, meeting.reviewed_by, meeting.review_action = None, None, ""
    meeting.save()
    journal.note([meeting.pk])  # commits with the rows; cleared once they are indexed
    if existing is not None:
        _clear_children(meeting)
    _store_participants(meeting, record, people)
    topics = _store_topics(meeting, record, subjects)
    statements = _store_statements(meeting, record, topics, people)
    if keep_reviewed(statements, reviewed):
        history.amend(meeting, edited=True)  # it holds an editor's verdicts now
    return meeting


def _fill_meeting(meeting: Meeting, source: SourceText, record: MeetingRecord) -> None:
    dated = record.published and len(record.published) == len("YYYY-MM-DD")
    dates = sorted(record.meeting_dates) or ([record.published] if dated else [])
    meeting.title = _clip(record.title, 500)
    meeting.subtitle = _clip(record.subtitle, 200)
    meeting.provisional_translation = bool(record.provisional_translation)
    full_day = record.published and len(record.published) == len("YYYY-MM-DD")
    meeting.published = _date(record.published) if full_day else None
    meeting.published_partial = "" if full_day else (record.published or "")
    meeting.meeting_dates = list(record.meeting_dates)
    meeting.meeting_dates_partial = list(record.meeting_dates_partial)
    meeting.parse_confidence = {name: note.to_json() for name, note in record.notes.items()}
    meeting.review_reasons = record.review_reasons
    meeting.needs_review = bool(record.review_reasons)
    meeting.date_start = _date(dates[0]) if dates else None
    meeting.date_end = _date(dates[-1]) if dates else None
    meeting.start_time = (
        dt.time.fromisoformat(record.start_time_local) if record.start_time_local else None
    )
    meeting.duration_minutes = record.duration_minutes
    meeting.location = _clip(record.location, 200)
    meeting.venue = _clip(record.venue, 200)
    meeting.meeting_type = (
        record.meeting_type if record.meeting_type in MeetingType.values else MeetingType.OTHER
    )
    meeting.occasion = _clip(record.occasion, 300)
    meeting.documents_issued = list(record.documents_issued)
    meeting.countries = sorted({p.country for p in record.participants if p.country})
    meeting.source_checksum = source.checksum
    meeting.source_encoding = source.encoding
    meeting.original_text = source.text
    meeting.edited = False  # a fresh import (or a deliberate overwrite) holds no edits


def _clear_children(meeting: Meeting) -> None:
    """Delete the rows a re-import rebuilds; their last values stay in history ("importer")."""
    history.delete_with_history(meeting.statements.all())
    history.delete_with_history(meeting.topics.filter(parent__isnull=False))
    history.delete_with_history(meeting.topics.all())
    history.delete_with_history(meeting.participants.all())


def _store_participants(meeting: Meeting, record: MeetingRecord, people: PeopleResolver) -> None:
    rows = []
    named = [p for p in record.participants if name_key(p.name)]
    for order, participant in enumerate(named, start=1):
        person = people.person(participant.name, participant.country)
        if participant.resolution == "fuzzy":
            people.add_alias(
                person, participant.name_as_written, AliasSource.FUZZY, participant.resolution_score
            )
        else:
            people.add_alias(person, participant.name_as_written, AliasSource.IMPORT)
        rows.append(
            Participant(
                meeting=meeting,
                person=person,
                name_as_written=_clip(participant.name_as_written, 200),
                title=_clip(participant.title, 300),
                country=_clip(participant.country, 100),
                role=participant.role if participant.role in Role.values else Role.ATTENDEE,
                order=order,
            )
        )
    Participant.objects.bulk_create(rows)


def _store_topics(
    meeting: Meeting, record: MeetingRecord, subjects: dict[str, Subject]
) -> dict[tuple[str, str | None], Topic]:
    """Sections and sub-sections as Topics, keyed (section number, sub-section number or None).

    Two inserts per meeting (sections, then sub-sections, which need their
    parents' ids) instead of one per topic.
    """
    sections: dict[tuple[str, str | None], Topic] = {}
    subsections: list[tuple[tuple[str, str | None], str, Topic]] = []
    order = 0
    for section in record.sections:
        order += 1
        sections[(section.number, None)] = _topic(
            meeting, section.number, section.heading, order, subjects
        )
        for subsection in section.subsections:
            order += 1
            topic = _topic(meeting, subsection.number, subsection.heading, order, subjects)
            subsections.append(((section.number, subsection.number), section.number, topic))
    Topic.objects.bulk_create(sections.values())
    for _key, section_number, topic in subsections:
        topic.parent = sections[(section_number, None)]
    Topic.objects.bulk_create(topic for _key, _section, topic in subsections)
    return {**sections, **{key: topic for key, _section, topic in subsections}}


def _topic(meeting, number, heading, order, subjects) -> Topic:
    return Topic(
        meeting=meeting,
        subject=_subject_for(heading, subjects),
        number=_clip(number, 20),
        heading=_clip(heading, 500),
        order=order,
    )


def _subject_for(heading: str, subjects: dict[str, Subject]) -> Subject | None:
    key = normalize_heading(heading or "")[:300]
    if not key:
        return None
    if key not in subjects:
        subject = subject_for_key(key)
        subjects[key] = subject or Subject.objects.create(name=_clip(heading, 300), key=key)
    return subjects[key]


def _store_statements(
    meeting: Meeting,
    record: MeetingRecord,
    topics: dict[tuple[str, str | None], Topic],
    people: PeopleResolver,
) -> list[Statement]:
    countries = {name_key(p.name): p.country for p in record.participants}
    for name in record.speakers:  # a speaker missing from the participants still gets a Person
        if name_key(name):
            people.person(name, countries.get(name_key(name), ""))
    statements = Statement.objects.bulk_create(
        Statement(
            meeting=meeting,
            topic=topics.get((item.section, item.subsection)) or topics.get((item.section, None)),
            order=order,
            kind=item.kind if item.kind in StatementKind.values else StatementKind.STATEMENT,
            text=item.text,
            start_offset=item.start,
            end_offset=item.end,
            confidence=item.confidence,
            attribution_reason=_clip(item.reason, 200),
        )
        for order, item in enumerate(record.statements, start=1)
    )
    through = Statement.speakers.through
    links = []
    for statement, item in zip(statements, record.statements, strict=True):
        speaker_ids = {
            people.person(name, countries.get(name_key(name), "")).pk
            for name in item.speakers
            if name_key(name)
        }
        links.extend(through(statement_id=statement.pk, person_id=pk) for pk in sorted(speaker_ids))
    through.objects.bulk_create(links)
    return statements


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _clip(value: str | None, length: int) -> str:
    return (value or "").strip()[:length]
