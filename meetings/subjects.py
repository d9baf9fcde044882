"""Subjects editors merge: topics move to the survivor and the merged keys stay as its
aliases, so a re-import files those headings under the survivor too."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from .indexing_state import index_after_commit
from .models import Subject, SubjectAlias, Topic


def subject_for_key(key: str) -> Subject | None:
    """The subject a heading key belongs to, through a merged subject's alias too."""
    subject = Subject.objects.filter(key=key).first()
    if subject is None:
        alias = SubjectAlias.objects.select_related("subject").filter(key=key).first()
        subject = alias.subject if alias else None
    return subject


@transaction.atomic
def merge_subjects(survivor: Subject, others: Iterable[Subject]) -> int:
    """Fold `others` into `survivor`; returns how many were merged."""
    others = [s for s in others if s.pk != survivor.pk]
    meeting_ids = set(Topic.objects.filter(subject__in=others).values_list("meeting_id", flat=True))
    for other in others:
        Topic.objects.filter(subject=other).update(subject=survivor)
        SubjectAlias.objects.filter(subject=other).update(subject=survivor)
        key = other.key
        other.delete()
        SubjectAlias.objects.get_or_create(key=key, defaults={"subject": survivor})
    index_after_commit("index_meetings", sorted(meeting_ids))
    return len(others)
