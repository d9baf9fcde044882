"""Keeps the search index true to the database.

Saves, deletes and speaker changes queue ids; the index is written once per
transaction, in `transaction.on_commit`, so a rolled-back transaction never
reaches it. Indexing syncs ids to what the database then holds, so an id
queued by a rolled-back savepoint is harmless. Nothing happens when
settings.SEARCH_AUTO_INDEX is False or during a bulk import (the importer
indexes each file itself). Connected by MeetingsConfig.ready (meetings/apps.py).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from meetings import search
from meetings.models import Meeting, Person, PersonAlias, Statement, Subject, Topic
from meetings.search import names as search_names
from meetings.signals import people_merged

from .bulk import is_bulk_import

logger = logging.getLogger(__name__)
_local = threading.local()


class _Batch:
    def __init__(self):
        self.statements: set[int] = set()
        self.meetings: set[int] = set()
        self.removed_meetings: set[int] = set()
        self.people: set[int] = set()
        self.done = False


def _active() -> bool:
    return getattr(settings, "SEARCH_AUTO_INDEX", True) and not is_bulk_import()


def _queue(kind: str, ids) -> None:
    """Add ids to this thread's batch, then ask for a flush once the transaction commits.

    Outside a transaction on_commit runs at once, so the ids must be in first.
    """
    if not _active():
        return
    batch = getattr(_local, "batch", None)
    if batch is None or batch.done:
        batch = _local.batch = _Batch()
    getattr(batch, kind).update(int(i) for i in ids)
    transaction.on_commit(lambda: _flush(batch))


def _flush(batch: _Batch) -> None:
    if batch.done:
        return
    batch.done = True
    if getattr(_local, "batch", None) is batch:
        _local.batch = None
    try:
        if batch.removed_meetings:
            search.remove_meetings(sorted(batch.removed_meetings))
        if batch.meetings:
            search.index_meetings(sorted(batch.meetings - batch.removed_meetings))
        if batch.people:
            search.index_people(sorted(batch.people))
        if batch.statements:
            search.index_statements(sorted(batch.statements))
    except search.SearchError as error:  # the index is busy, or some statements cannot be indexed
        # Not dropped silently: the log names the fix, check_index finds the drift.
        # The rows are committed, so the edit itself succeeded: no error page for it.
        logger.error("search index not updated: %s", error)


def queue_statements(ids) -> None:
    _queue("statements", ids)


def queue_meetings(ids) -> None:
    _queue("meetings", ids)


def queue_people(ids) -> None:
    _queue("people", ids)


@receiver(post_save, sender=Statement, dispatch_uid="search_statement_saved")
@receiver(post_delete, sender=Statement, dispatch_uid="search_statement_deleted")
def statement_changed(sender, instance, **kwargs):
    queue_statements([instance.pk])


@receiver(m2m_changed, sender=Statement.speakers.through, dispatch_uid="search_speakers")
def speakers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        if action == "pre_clear" and reverse:
            queue_statements(instance.statements.values_list("id", flat=True))
        return
    if reverse:  # person.statements.add(...): instance is a Person
        queue_statements(pk_set or [])
        if action == "post_clear":
            queue_people([instance.pk])
    else:
        queue_statements([instance.pk])


@receiver(post_save, sender=Meeting, dispatch_uid="search_meeting_saved")
def meeting_saved(sender, instance, **kwargs):
    queue_meetings([instance.pk])


@receiver(post_delete, sender=Meeting, dispatch_uid="search_meeting_deleted")
def meeting_deleted(sender, instance, **kwargs):
    _queue("removed_meetings", [instance.pk])


@receiver(post_save, sender=Person, dispatch_uid="search_person_saved")
def person_saved(sender, instance, created, **kwargs):
    if not created:
        queue_people([instance.pk])


@receiver(pre_delete, sender=Person, dispatch_uid="search_person_deleted")
def person_deleted(sender, instance, **kwargs):
    queue_statements(instance.statements.values_list("id", flat=True))


@receiver(post_save, sender=PersonAlias, dispatch_uid="search_alias_saved")
@receiver(post_delete, sender=PersonAlias, dispatch_uid="search_alias_deleted")
def alias_changed(sender, instance, **kwargs):
    queue_people([instance.person_id])


@receiver(post_save, sender=Person, dispatch_uid="search_names_person_saved")
@receiver(post_delete, sender=Person, dispatch_uid="search_names_person_deleted")
@receiver(post_save, sender=PersonAlias, dispatch_uid="search_names_alias_saved")
@receiver(post_delete, sender=PersonAlias, dispatch_uid="search_names_alias_deleted")
def names_changed(sender, **kwargs):
    """Queries read names from a directory kept per process: build it again."""
    search_names.forget()


@receiver(post_save, sender=Topic, dispatch_uid="search_topic_saved")
def topic_saved(sender, instance, created, **kwargs):
    if not created:
        queue_meetings([instance.meeting_id])


@receiver(post_save, sender=Subject, dispatch_uid="search_subject_saved")
def subject_saved(sender, instance, created, **kwargs):
    if not created:
        queue_meetings(instance.topics.values_list("meeting_id", flat=True).distinct())


def _people_merged(sender, survivor=None, merged_ids=(), **kwargs):
    if survivor is not None:
        queue_people([survivor.pk])


people_merged.connect(_people_merged, dispatch_uid="search_people_merged")
