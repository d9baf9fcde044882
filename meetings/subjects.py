"""Subjects editors merge: topics move to the survivor and the merged keys stay as its
aliases, so a re-import files those headings under the survivor too."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from . import history
from .indexing import after_commit
from .models import FormerSubjectSlug, Subject, SubjectAlias, Topic


def subject_for_key(key: str) -> Subject | None:
    """The subject a heading key belongs to, through a merged subject's alias too."""
    subject = Subject.objects.filter(key=key).first()
    if subject is None:
        alias = SubjectAlias.objects.select_related("subject").filter(key=key).first()
        subject = alias.subject if alias else None
    return subject


@transaction.atomic
def merge_subjects(survivor: Subject, others: Iterable[Subject], user=None) -> int:
    """Fold `others` into `survivor`; returns how many were merged.

    The merged subjects' pages redirect to the survivor's. Every row changed
    gets a history row naming `user`, and (given a signed-in user) an admin LogEntry.
    """
    others = [s for s in others if s.pk != survivor.pk]
    meeting_ids = set(Topic.objects.filter(subject__in=others).values_list("meeting_id", flat=True))
    names = ", ".join(f"{s.name} (id {s.pk})" for s in others)
    with history.acting(user, f"merge of subjects into {survivor.name}"):
        for other in others:
            history.update(Topic.objects.filter(subject=other), subject=survivor)
            history.update(SubjectAlias.objects.filter(subject=other), subject=survivor)
            FormerSubjectSlug.objects.filter(subject=other).update(subject=survivor)
            FormerSubjectSlug.objects.update_or_create(
                slug=other.slug, defaults={"subject": survivor}
            )
            key = other.key
            other.delete()
            SubjectAlias.objects.get_or_create(key=key, defaults={"subject": survivor})
    after_commit.index_meetings(sorted(meeting_ids))
    if others:
        history.log_action(user, [survivor], f"Merged {names} into this subject.")
    return len(others)
