"""What needs a person's eyes, and the marks editors leave when they have looked.

    queue() -> ReviewQueue      # doubtful statements, meetings, fuzzy names, lone subjects
    confirm_statements(statements, user)      # the parser's speakers are right
    set_speakers(statement, people, user)     # the speakers are these people
    reassign_speaker(statements, person, user)
    mark_reviewed(queryset, user)             # meetings, aliases or subjects

Every mark records who made it and when (`Reviewed` on the models); a marked
item leaves the queue and stays out of it: the importer carries the marks of
statements whose text a re-import leaves unchanged (meetings/importer.py).
Speaker changes go through `speakers.set`, whose m2m signal reindexes the
statement after commit (meetings/search/signals.py). Each action writes
history rows (old and new values, the user, "review: ..." as the reason) and,
given a signed-in user, an admin LogEntry on each item it touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from . import history
from .models import (
    AliasSource,
    Meeting,
    Person,
    PersonAlias,
    ReviewAction,
    Statement,
    StatementKind,
    Subject,
)
from .parsing.record import REVIEW_BELOW

STATEMENT_SUMMARY = re.compile(r"^\d+ statement\(s\): ")


@dataclass
class MeetingItem:
    meeting: Meeting
    confidence: float
    reasons: list[str]


@dataclass
class ReviewQueue:
    statements: list[Statement] = field(default_factory=list)
    meetings: list[MeetingItem] = field(default_factory=list)
    aliases: list[PersonAlias] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.statements) + len(self.meetings) + len(self.aliases) + len(self.subjects)


def doubtful_statements():
    """Unreviewed statements the parser attributed with less than REVIEW_BELOW, most doubtful
    first."""
    return (
        Statement.objects.filter(confidence__lt=REVIEW_BELOW, reviewed_at__isnull=True)
        .select_related("meeting")
        .prefetch_related("speakers")
        .order_by("confidence", "meeting__date_start", "meeting_id", "order")
    )


def doubtful_meetings() -> list[MeetingItem]:
    """Unreviewed meetings with a doubtful header field (their statements are listed apart)."""
    items = []
    for meeting in Meeting.objects.filter(needs_review=True, reviewed_at__isnull=True):
        reasons = [r for r in meeting.review_reasons if not STATEMENT_SUMMARY.match(r)]
        if not reasons:
            continue
        confidences = [
            note.get("confidence", 1.0)
            for note in (meeting.parse_confidence or {}).values()
            if isinstance(note, dict)
        ]
        items.append(MeetingItem(meeting, min(confidences, default=0.0), reasons))
    return sorted(items, key=lambda item: (item.confidence, item.meeting.pk))


def queue() -> ReviewQueue:
    return ReviewQueue(
        statements=list(doubtful_statements()),
        meetings=doubtful_meetings(),
        aliases=list(
            PersonAlias.objects.filter(source=AliasSource.FUZZY, reviewed_at__isnull=True)
            .select_related("person")
            .order_by("score", "name")
        ),
        subjects=list(
            Subject.objects.filter(reviewed_at__isnull=True)
            .annotate(topic_total=Count("topics"))
            .filter(topic_total=1)
            .order_by("name")
        ),
    )


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
    """Meetings, statements, aliases or subjects: checked, out of the queue."""
    reason = _reason(ReviewAction.MARKED)
    rows = history.update(queryset, user=user, reason=reason, **_mark(user, ReviewAction.MARKED))
    history.log_action(user, rows, "Marked reviewed (out of the review queue).")
    return len(rows)
