"""What needs a person's eyes, and the marks editors leave when they have looked.

    queue(pages) -> ReviewQueue     # doubtful statements, meetings, new people, fuzzy
                                    # spellings, lone subjects; one page of each
    confirm_statements(statements, user)      # the parser's speakers are right
    set_speakers(statement, people, user)     # the speakers are these people
    reassign_speaker(statements, person, user)
    mark_reviewed(queryset, user, action)     # meetings, people, aliases or subjects

Every mark records who made it and when (`Reviewed` on the models); a marked
item leaves the queue and stays out of it: the importer carries the marks of
statements whose text a re-import leaves unchanged (meetings/importer.py).
Speaker changes go through `speakers.set`, whose m2m signal reindexes the
statement after commit (meetings/indexing/signals.py). Each action writes
history rows (old and new values, the user, "review: ..." as the reason) and,
given a signed-in user, an admin LogEntry on each item it touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from rapidfuzz import fuzz, process

from . import history
from .models import (
    AliasSource,
    Meeting,
    Person,
    PersonAlias,
    PersonOrigin,
    ReviewAction,
    Statement,
    StatementKind,
    Subject,
)
from .parsing.record import REVIEW_BELOW

STATEMENT_SUMMARY = re.compile(r"^\d+ statement\(s\): ")
PAGE_SIZE = 25
SECTIONS = ("statements", "meetings", "people", "aliases", "subjects")
SIMILAR_AT_LEAST = 80  # rapidfuzz token_set_ratio: "Kuznetsov" ~ "Ivan Kuznetsov" is 100


@dataclass
class MeetingItem:
    meeting: Meeting
    confidence: float
    reasons: list[str]


@dataclass
class ReviewQueue:
    """One page of each section; `pages[name].paginator.count` is the section's size."""

    pages: dict[str, Page]

    @property
    def statements(self) -> list[Statement]:
        return list(self.pages["statements"].object_list)

    @property
    def meetings(self) -> list[MeetingItem]:
        return list(self.pages["meetings"].object_list)

    @property
    def people(self) -> list[Person]:
        return list(self.pages["people"].object_list)

    @property
    def aliases(self) -> list[PersonAlias]:
        return list(self.pages["aliases"].object_list)

    @property
    def subjects(self) -> list[Subject]:
        return list(self.pages["subjects"].object_list)

    @property
    def total(self) -> int:
        return sum(page.paginator.count for page in self.pages.values())


def doubtful_statements():
    """Unreviewed statements the parser attributed with less than REVIEW_BELOW, most doubtful
    first."""
    return (
        Statement.objects.filter(confidence__lt=REVIEW_BELOW, reviewed_at__isnull=True)
        .select_related("meeting")
        .defer("meeting__original_text")
        .prefetch_related("speakers")
        .order_by("confidence", "meeting__date_start", "meeting_id", "order")
    )


def _doubtful_meeting_rows() -> list[tuple[float, int, list[str]]]:
    """(confidence, id, reasons) of unreviewed meetings with a doubtful header field, most
    doubtful first; read without the texts, so every candidate can be sorted."""
    rows = []
    candidates = Meeting.objects.filter(needs_review=True, reviewed_at__isnull=True)
    for pk, reasons, notes in candidates.values_list("pk", "review_reasons", "parse_confidence"):
        reasons = [r for r in reasons or [] if not STATEMENT_SUMMARY.match(r)]
        if reasons:  # doubtful statements are listed apart
            confidences = [
                note.get("confidence", 1.0)
                for note in (notes or {}).values()
                if isinstance(note, dict)
            ]
            rows.append((min(confidences, default=0.0), pk, reasons))
    return sorted(rows, key=lambda row: row[:2])


def _meeting_items(rows) -> list[MeetingItem]:
    meetings = Meeting.objects.defer("original_text").in_bulk([pk for _, pk, _ in rows])
    return [MeetingItem(meetings[pk], confidence, reasons) for confidence, pk, reasons in rows]


def new_people():
    """People an import created because no authority entry matched: new, or a duplicate?"""
    return (
        Person.objects.filter(origin=PersonOrigin.IMPORT, reviewed_at__isnull=True)
        .with_counts()
        .order_by("name", "pk")
    )


def similar_people(people: Iterable[Person], limit: int = 3) -> dict[int, list[Person]]:
    """For each person, the known people whose names come closest (possible duplicates)."""
    people = list(people)
    if not people:
        return {}
    names = dict(Person.objects.values_list("pk", "name"))
    found = {}
    for person in people:
        choices = {pk: name for pk, name in names.items() if pk != person.pk}
        matches = process.extract(
            person.name,
            choices,
            scorer=fuzz.token_set_ratio,
            limit=limit,
            score_cutoff=SIMILAR_AT_LEAST,
        )
        found[person.pk] = [pk for _, _, pk in matches]
    wanted = Person.objects.in_bulk({pk for pks in found.values() for pk in pks})
    return {pk: [wanted[other] for other in others] for pk, others in found.items()}


def _sources() -> dict:
    return {
        "statements": doubtful_statements(),
        "meetings": _doubtful_meeting_rows(),
        "people": new_people(),
        "aliases": PersonAlias.objects.filter(source=AliasSource.FUZZY, reviewed_at__isnull=True)
        .select_related("person")
        .order_by("score", "name"),
        "subjects": Subject.objects.filter(reviewed_at__isnull=True)
        .annotate(topic_total=Count("topics"))
        .filter(topic_total=1)
        .order_by("name", "pk"),
    }


def queue(pages: Mapping[str, str | int] | None = None) -> ReviewQueue:
    """The queue, `pages[section]` (1 by default) of each section."""
    pages = pages or {}
    shown = {
        name: Paginator(source, PAGE_SIZE).get_page(pages.get(name))
        for name, source in _sources().items()
    }
    shown["meetings"].object_list = _meeting_items(shown["meetings"].object_list)
    people = list(shown["people"].object_list)
    similar = similar_people(people)
    for person in people:
        person.similar = similar[person.pk]
    shown["people"].object_list = people
    return ReviewQueue(shown)


# --- The text around a statement ---------------------------------------------


@dataclass
class Passage:
    before: str
    statement: str
    after: str
    found: bool  # the stored offsets point at the statement in the original text


def passage(statement: Statement) -> Passage:
    """The statement inside its paragraph of the original text, split for highlighting."""
    text = statement.meeting.original_text or ""
    start, end = statement.start_offset, statement.end_offset
    if start is None or end is None or not (0 <= start <= end <= len(text)):
        return Passage("", statement.text, "", False)
    paragraph_start = text.rfind("\n\n", 0, start)
    paragraph_start = 0 if paragraph_start < 0 else paragraph_start + 2
    paragraph_end = text.find("\n\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    return Passage(
        text[paragraph_start:start], text[start:end], text[end:paragraph_end].rstrip(), True
    )


@dataclass
class Segment:
    text: str
    anchor: str = ""  # a statement's own words: its anchor ("s5")


def source_segments(text: str, statements: Iterable[Statement]) -> list[Segment]:
    """The original text cut at the statements' stored offsets, so a page can mark and
    link each statement where it stands; statements without good offsets are left out."""
    spans = sorted(
        (s.start_offset, s.end_offset, s.anchor)
        for s in statements
        if s.start_offset is not None
        and s.end_offset is not None
        and 0 <= s.start_offset < s.end_offset <= len(text)
    )
    segments, position = [], 0
    for start, end, anchor in spans:
        if start < position:
            continue  # overlaps the one before
        segments += [Segment(text[position:start]), Segment(text[start:end], anchor)]
        position = end
    segments.append(Segment(text[position:]))
    return [segment for segment in segments if segment.text]


# --- Marks -------------------------------------------------------------------


def _mark(user, action: str) -> dict:
    return {
        "reviewed_at": timezone.now(),
        "reviewed_by": user if getattr(user, "is_authenticated", False) else None,
        "review_action": action,
    }


def _kind_for(people: list[Person]) -> str:
    if not people:
        return StatementKind.NARRATIVE
    return StatementKind.JOINT if len(people) > 1 else StatementKind.STATEMENT


def _reason(action: str) -> str:
    return f"review: {ReviewAction(action).label.lower()}"


@transaction.atomic
def confirm_statements(statements: Iterable[Statement], user) -> int:
    """The parser's speakers are right: a mark only, the record itself is unchanged."""
    rows = history.update(
        Statement.objects.filter(pk__in=[s.pk for s in statements]),
        user=user,
        reason=_reason(ReviewAction.CONFIRMED),
        **_mark(user, ReviewAction.CONFIRMED),
    )
    history.log_action(user, rows, "Confirmed the parser's speakers (review).")
    return len(rows)


@transaction.atomic
def set_speakers(
    statement: Statement, people: Iterable[Person], user, action: str = ReviewAction.FIXED
) -> None:
    """Give the statement these speakers; the meeting counts as edited, search follows.

    One history row for the statement (kind, mark and speakers together).
    """
    people = list(dict.fromkeys(people))
    with history.acting(user, _reason(action)):
        for name, value in _mark(user, action).items():
            setattr(statement, name, value)
        statement.kind = _kind_for(people)
        statement.save(update_fields=["kind", "reviewed_at", "reviewed_by", "review_action"])
        statement.speakers.set(people)  # m2m_changed: reindexed after commit
        history.mark_meeting_edited(statement.meeting_id)
    names = ", ".join(person.name for person in people) or "no speaker (narrative)"
    history.log_action(user, [statement], f"{ReviewAction(action).label}: speakers {names}.")


@transaction.atomic
def reassign_speaker(statements: Iterable[Statement], person: Person, user) -> int:
    statements = list(statements)
    for statement in statements:
        set_speakers(statement, [person], user, action=ReviewAction.REASSIGNED)
    return len(statements)


@transaction.atomic
def mark_reviewed(queryset, user) -> int:
    """Meetings, statements, people, aliases or subjects: checked, out of the queue."""
    reason = _reason(ReviewAction.MARKED)
    rows = history.update(queryset, user=user, reason=reason, **_mark(user, ReviewAction.MARKED))
    history.log_action(user, rows, "Marked reviewed (out of the review queue).")
    return len(rows)


def mark_fixed(item, user) -> None:
    """An editor corrected `item` in its admin form: out of the queue, as corrected. The
    mark joins the history row that form's save wrote (one change, one row)."""
    history.amend(item, **_mark(user, ReviewAction.FIXED))
