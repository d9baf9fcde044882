"""Editors' review marks that outlive a re-import.

Before a meeting is rebuilt, its reviewed statements are read by their text;
after, each rebuilt statement with the same text gets its reviewed speakers,
kind and mark back. A statement whose text changed is new to everybody.
"""

from __future__ import annotations

from dataclasses import dataclass

from meetings import history
from meetings.models import Meeting, Statement


@dataclass
class ReviewedStatement:
    kind: str
    speaker_ids: list[int]
    mark: dict


def reviewed_statements(meeting: Meeting) -> dict[str, list[ReviewedStatement]]:
    """The reviewed statements of a meeting about to be rebuilt, by their text."""
    kept: dict[str, list[ReviewedStatement]] = {}
    rows = meeting.statements.filter(reviewed_at__isnull=False).prefetch_related("speakers")
    for statement in rows.order_by("order"):
        kept.setdefault(statement.text, []).append(
            ReviewedStatement(
                kind=statement.kind,
                speaker_ids=sorted(person.pk for person in statement.speakers.all()),
                mark=statement.review_fields(),
            )
        )
    return kept


def keep_reviewed(
    statements: list[Statement], reviewed: dict[str, list[ReviewedStatement]]
) -> bool:
    """Give rebuilt statements whose text is unchanged their reviewed speakers and mark back.

    An editor's confirmation or fix is a verdict on that text, so it outlives
    re-imports (even --overwrite-edited); a statement whose text changed is new
    to everybody and goes through review again.
    """
    if not reviewed:
        return False
    through = Statement.speakers.through
    kept = False
    with history.standing_aside():  # new rows of this import: their creation is not recorded either
        for statement in statements:
            kept = _give_back(statement, reviewed, through) or kept
    return kept


def _give_back(statement: Statement, reviewed: dict[str, list[ReviewedStatement]], through):
    """The reviewed speakers and mark of the old statement with this text, if any."""
    waiting = reviewed.get(statement.text)
    if not waiting:
        return False
    old = waiting.pop(0)
    statement.kind = old.kind
    for name, value in old.mark.items():
        setattr(statement, name, value)
    statement.save(update_fields=["kind", "reviewed_at", "reviewed_by", "review_action"])
    through.objects.filter(statement_id=statement.pk).delete()
    through.objects.bulk_create(
        through(statement_id=statement.pk, person_id=pk) for pk in old.speaker_ids
    )
    return True
