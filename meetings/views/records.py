"""Meetings as plain data for the JSON API and the CSV exports.

Each function takes rows already loaded (with the prefetches named in
`meetings_for_list()` / `meeting_for_record()`), so building the data never
runs a query per row. Keys are in a fixed order: the output is stable.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import QueryDict

from meetings.filters import MeetingFilter
from meetings.models import Meeting, Participant, Statement, Topic


def iso(value) -> str | None:
    return value.isoformat() if value else None


def meeting_filter(params: QueryDict) -> MeetingFilter:
    """The list filters in `params`, the same ones the list page accepts.

    As on the page, a value that is not understood is ignored, not an error.
    """
    return MeetingFilter(params or None, queryset=Meeting.objects.all())


def principals(meeting: Meeting) -> list[dict]:
    return [
        {
            "name": participant.person.name,
            "title": participant.title,
            "country": participant.country,
        }
        for participant in meeting.principal_list
    ]


def meeting_summary(meeting: Meeting, url: str) -> dict:
    """One meeting in a list: needs `Meeting.objects.for_list()`."""
    return {
        "public_id": meeting.public_id,
        "url": url,
        "title": meeting.title,
        "subtitle": meeting.subtitle or None,
        "published": iso(meeting.published),
        "date_start": iso(meeting.date_start),
        "date_end": iso(meeting.date_end),
        "meeting_dates": list(meeting.meeting_dates),
        "meeting_type": meeting.meeting_type,
        "location": meeting.location or None,
        "venue": meeting.venue or None,
        "occasion": meeting.occasion or None,
        "principals": principals(meeting),
    }


def meeting_for_record(public_id: str) -> Meeting:
    """The meeting with everything `meeting_record()` reads; raises Meeting.DoesNotExist."""
    statements = Statement.objects.order_by("order").select_related("topic", "topic__parent")
    return Meeting.objects.prefetch_related(
        Prefetch(
            "participants",
            queryset=Participant.objects.order_by("order").select_related("person"),
            to_attr="participant_list",
        ),
        Prefetch("topics", queryset=Topic.objects.order_by("order"), to_attr="topic_list"),
        Prefetch(
            "statements",
            queryset=statements.prefetch_related("speakers"),
            to_attr="statement_list",
        ),
    ).get(public_id=public_id)


def participant_json(participant: Participant) -> dict:
    return {
        "name": participant.person.name,
        "name_as_written": participant.name_as_written,
        "title": participant.title,
        "country": participant.country,
        "role": participant.role,
    }


def sections_json(topics: list[Topic]) -> list[dict]:
    sections = {}
    for topic in topics:
        if topic.parent_id is None:
            sections[topic.pk] = {
                "number": topic.number,
                "heading": topic.heading,
                "subsections": [],
            }
    for topic in topics:
        if topic.parent_id in sections:
            sections[topic.parent_id]["subsections"].append(
                {"number": topic.number, "heading": topic.heading}
            )
    return list(sections.values())


def section_numbers(topic: Topic | None) -> tuple[str | None, str | None]:
    if topic is None:
        return None, None
    if topic.parent is None:
        return topic.number, None
    return topic.parent.number, topic.number


def statement_json(statement: Statement, meeting_url: str) -> dict:
    section, subsection = section_numbers(statement.topic)
    return {
        "order": statement.order,
        "section": section,
        "subsection": subsection,
        "speakers": [person.name for person in statement.speakers.all()],
        "kind": statement.kind,
        "text": statement.text,
        "start": statement.start_offset,
        "end": statement.end_offset,
        "permalink": f"{meeting_url}#{statement.anchor}",
    }


def speaker_names(statements: list[Statement]) -> list[str]:
    names = {}
    for statement in statements:
        for person in statement.speakers.all():
            names.setdefault(person.name, None)
    return list(names)


def meeting_record(meeting: Meeting, url: str) -> dict:
    """The stored meeting in RECORD_FORMAT's shape, plus its public id, URL and edit flag."""
    statements = meeting.statement_list
    return {
        "public_id": meeting.public_id,
        "url": url,
        "source": meeting.source_name,
        "source_url": meeting.source_url or None,
        "source_publisher": meeting.source_publisher or None,
        "source_accessed": iso(meeting.source_accessed),
        "source_notice": meeting.source_notice or None,
        "title": meeting.title,
        "subtitle": meeting.subtitle or None,
        "provisional_translation": meeting.provisional_translation,
        "published": iso(meeting.published),
        "meeting_dates": list(meeting.meeting_dates),
        "start_time_local": meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
        "duration_minutes": meeting.duration_minutes,
        "location": meeting.location or None,
        "venue": meeting.venue or None,
        "meeting_type": meeting.meeting_type,
        "occasion": meeting.occasion or None,
        "participants": [participant_json(p) for p in meeting.participant_list],
        "sections": sections_json(meeting.topic_list),
        "speakers": speaker_names(statements),
        "documents_issued": list(meeting.documents_issued),
        "statements": [statement_json(s, url) for s in statements],
        "edited": meeting.edited,
    }
