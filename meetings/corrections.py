"""What editors corrected in a meeting since its text was last imported, for its readers.

    corrections(meeting) -> [Correction(day, items)]   # newest day first

Read from the change history (meetings/history_records.py): rows written by a
signed-in editor after the meeting's latest import of a changed text, of the
meeting, its statements, participants and sections. Only what readers see
counts (a title, a statement's speakers), not review marks or bookkeeping. An
import (first or re-import) is never a correction, and a re-import that
rebuilds the meeting replaces the corrections made before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from .history_records import IMPORTER, history_model
from .models import Meeting, Participant, Statement, Topic

MAX_DAYS = 3
MAX_ITEMS = 8

MEETING_FIELDS = {
    "title": "title",
    "subtitle": "subtitle",
    "provisional_translation": "provisional translation",
    "published": "publication date",
    "date_start": "date",
    "date_end": "end date",
    "meeting_dates": "meeting dates",
    "start_time": "start time",
    "duration_minutes": "duration",
    "location": "place",
    "venue": "venue",
    "meeting_type": "type",
    "occasion": "occasion",
    "documents_issued": "documents issued",
    "editor_note": "editor’s note",
}
STATEMENT_FIELDS = {"text": "text", "kind": "kind", "topic_id": "section", "order": "order"}
PARTICIPANT_FIELDS = {
    "person_id": "person",
    "name_as_written": "name as written",
    "title": "office",
    "country": "country",
    "role": "role",
    "order": "order",
}
TOPIC_FIELDS = {
    "number": "number",
    "heading": "heading",
    "subject_id": "subject",
    "parent_id": "parent",
    "order": "order",
}


@dataclass
class Item:
    what: str  # "statement 4", "participant", "" for the meeting itself
    name: str = ""  # text from the record (a participant's name): shown isolated (<bdi>)
    fields: list[str] = field(default_factory=list)


@dataclass
class Correction:
    day: dt.date
    items: list[Item]
    more: int = 0  # items left out of the line


def corrections(meeting: Meeting) -> list[Correction]:
    """Editors' corrections since the meeting's latest import, newest day first."""
    since, own = _own_changes(meeting)
    rows = [*own]
    if _children_changed(meeting, since):
        rows += _child_changes(Statement, meeting, since, STATEMENT_FIELDS, _statement_item)
        rows += _child_changes(Participant, meeting, since, PARTICIPANT_FIELDS, _participant_item)
        rows += _child_changes(Topic, meeting, since, TOPIC_FIELDS, _topic_item)
    return _by_day(rows)


def _own_changes(meeting: Meeting) -> tuple[dt.datetime, list]:
    """When the meeting's text was last imported, and the editors' changes since."""
    since = meeting.imported_at
    previous, changes = None, []
    rows = history_model(Meeting).objects.filter(id=meeting.pk)
    for row in rows.order_by("history_date", "history_id"):
        rebuilt = previous is not None and previous.source_checksum != row.source_checksum
        if row.history_change_reason == IMPORTER and rebuilt:
            since, changes = row.history_date, []
        elif row.history_user_id and row.history_date > since:
            fields = _changed(row, previous, MEETING_FIELDS)
            if fields:
                changes.append((row.history_date, Item("", fields=fields)))
        previous = row
    return since, changes


def _children_changed(meeting: Meeting, since: dt.datetime) -> bool:
    """One query: has an editor touched a statement, participant or section since?"""
    queries = [
        history_model(model)
        .objects.filter(meeting_id=meeting.pk, history_user__isnull=False, history_date__gt=since)
        .order_by()
        .values_list("history_id")
        for model in (Statement, Participant, Topic)
    ]
    return queries[0].union(*queries[1:], all=True).exists()


def _child_changes(model, meeting, since, fields: dict, describe) -> list:
    historical = history_model(model)
    edited = list(
        historical.objects.filter(
            meeting_id=meeting.pk, history_user__isnull=False, history_date__gt=since
        )
    )
    if not edited:
        return []
    versions: dict[int, list] = {}
    every = historical.objects.filter(id__in={row.id for row in edited})
    for row in every.order_by("history_date", "history_id"):
        versions.setdefault(row.id, []).append(row)
    speakers = _speakers(model, [row for rows in versions.values() for row in rows])
    changes = []
    for row in edited:
        rows = versions[row.id]
        at = next(i for i, version in enumerate(rows) if version.history_id == row.history_id)
        previous = rows[at - 1] if at else None
        item = _item(row, previous, fields, describe, speakers)
        if item is not None:
            changes.append((row.history_date, item))
    return changes


def _item(row, previous, fields, describe, speakers) -> Item | None:
    item = describe(row)
    if row.history_type == "+":
        item.fields = ["added"]
    elif row.history_type == "-":
        item.fields = ["removed"]
    else:
        item.fields = _changed(row, previous, fields)
        before = speakers.get(previous.history_id) if previous is not None else None
        if speakers and before is not None and speakers.get(row.history_id) != before:
            item.fields.append("speakers")
    return item if item.fields else None


def _changed(row, previous, fields: dict) -> list[str]:
    if previous is None:
        return []
    return [
        label for name, label in fields.items() if getattr(row, name) != getattr(previous, name)
    ]


def _speakers(model, rows) -> dict[int, set[int]]:
    """The speakers each statement version had, from the history's snapshots."""
    if model is not Statement:
        return {}
    snapshot = history_model(Statement).speakers.model
    found: dict[int, set[int]] = {row.history_id: set() for row in rows}
    links = snapshot.objects.filter(history_id__in=list(found)).values_list(
        "history_id", "person_id"
    )
    for history_id, person_id in links:
        found[history_id].add(person_id)
    return found


def _statement_item(row) -> Item:
    return Item(f"statement {row.order}")


def _participant_item(row) -> Item:
    return Item("participant", name=row.name_as_written)


def _topic_item(row) -> Item:
    return Item(f"section {row.number}".strip())


def _by_day(changes: list) -> list[Correction]:
    days: dict[dt.date, list[Item]] = {}
    for when, item in sorted(changes, key=lambda change: change[0], reverse=True):
        items = days.setdefault(timezone.localdate(when), [])
        same = next((i for i in items if (i.what, i.name) == (item.what, item.name)), None)
        if same is None:
            items.append(item)
        else:
            same.fields += [f for f in item.fields if f not in same.fields]
    return [
        Correction(day, items[:MAX_ITEMS], max(0, len(items) - MAX_ITEMS))
        for day, items in list(days.items())[:MAX_DAYS]
    ]
