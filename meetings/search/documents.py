"""What the index holds for one statement, read from the database in batches.

Both backends index these plain records; `content_hash` lets check_index see
when a statement, its meeting, topic or speakers changed since it was indexed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields

from django.db.models import Prefetch

from meetings.models import Participant, Person, Statement, StatementKind

BATCH_SIZE = 500


@dataclass
class StatementDoc:
    id: int
    meeting_id: int
    text: str
    speaker_slugs: list[str]  # facet values
    speaker_names: list[str]  # canonical names and every alias: what speaker: matches
    countries: list[str]
    topic: str  # headings of the topic, its parent and their subjects' names
    subject_slugs: list[str]
    meeting_type: str
    title: str
    location: str
    date_ordinal: int  # 0 when the meeting has no date
    year: int  # 0 when unknown

    @property
    def content_hash(self) -> str:
        # The fields as asdict() gives them (JSON is the same) without its deep copies.
        values = {name: getattr(self, name) for name in _FIELD_NAMES}
        payload = json.dumps(values, sort_keys=True, ensure_ascii=False)
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


_FIELD_NAMES = tuple(field.name for field in fields(StatementDoc))


def _statement_rows(ids: Iterable[int] | None):
    people = Person.objects.prefetch_related("aliases")
    rows = Statement.objects.select_related(
        "meeting", "topic__subject", "topic__parent__subject"
    ).prefetch_related(
        Prefetch("speakers", queryset=people),
        Prefetch(
            "meeting__participants",
            queryset=Participant.objects.only("meeting_id", "person_id", "country"),
        ),
    )
    if ids is not None:
        rows = rows.filter(id__in=list(ids))
    return rows.order_by("id")


def load_docs(ids: Iterable[int]) -> list[StatementDoc]:
    """Docs for the statements among `ids` that exist (missing ids are left out)."""
    ids = list(ids)
    docs = []
    for start in range(0, len(ids), BATCH_SIZE):
        docs.extend(build_doc(row) for row in _statement_rows(ids[start : start + BATCH_SIZE]))
    return docs


def iter_all_docs(batch_size: int = BATCH_SIZE) -> Iterator[list[StatementDoc]]:
    """Every statement, in id-ordered batches (for rebuild and check)."""
    ids = list(Statement.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        yield [build_doc(row) for row in _statement_rows(chunk)]


def build_doc(statement: Statement) -> StatementDoc:
    meeting = statement.meeting
    speakers = list(statement.speakers.all())
    names = []
    for person in speakers:
        names.append(person.name)
        names.extend(alias.name for alias in person.aliases.all())
    date = meeting.date_start or meeting.published
    topic = statement.topic
    topics = [t for t in (topic, topic.parent if topic else None) if t is not None]
    headings = []
    subject_slugs = []
    for item in topics:
        headings.append(item.heading)
        if item.subject is not None:
            headings.append(item.subject.name)
            subject_slugs.append(item.subject.slug)
    return StatementDoc(
        id=statement.id,
        meeting_id=meeting.id,
        text=statement.text,
        speaker_slugs=sorted({person.slug for person in speakers}),
        speaker_names=_unique(names),
        countries=_countries(statement, speakers),
        topic=" | ".join(_unique(headings)),
        subject_slugs=_unique(subject_slugs),
        meeting_type=meeting.meeting_type,
        title=meeting.title,
        location=meeting.location or "",
        date_ordinal=date.toordinal() if date else 0,
        year=date.year if date else 0,
    )


def _countries(statement: Statement, speakers: list[Person]) -> list[str]:
    """Speakers' countries; for joint and narrative text, the meeting's countries."""
    meeting = statement.meeting
    if statement.kind != StatementKind.STATEMENT or not speakers:
        countries = list(meeting.countries or [])
        if countries:
            return _unique(countries)
    speaker_ids = {person.id for person in speakers}
    countries = [
        participant.country
        for participant in meeting.participants.all()
        if participant.person_id in speaker_ids and participant.country
    ]
    countries.extend(person.country for person in speakers if person.country)
    if not countries:
        countries = list(meeting.countries or [])
    return _unique(countries)


def _unique(values: Iterable[str]) -> list[str]:
    seen = {}
    for value in values:
        if value and value not in seen:
            seen[value] = None
    return list(seen)


def statement_ids_for_meetings(meeting_ids: Iterable[int]) -> list[int]:
    return list(
        Statement.objects.filter(meeting_id__in=list(meeting_ids)).values_list("id", flat=True)
    )


def statement_ids_for_people(person_ids: Iterable[int]) -> list[int]:
    return list(
        Statement.objects.filter(speakers__in=list(person_ids))
        .values_list("id", flat=True)
        .distinct()
    )


def database_hashes() -> dict[int, str]:
    """{statement id: content hash} for every statement (check_index)."""
    return {doc.id: doc.content_hash for batch in iter_all_docs() for doc in batch}
