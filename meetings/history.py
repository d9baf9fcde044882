"""History for the paths that bypass model signals, and the admin log of editors' actions.

    update(queryset, user=..., reason=..., reviewed_at=...)   # QuerySet.update, with history
    record_deletion(queryset)        # "-" rows, in bulk, before a bulk delete
    mark_meeting_edited(meeting_id)  # the meeting's `edited` flag, with history
    amend(instance, countries=[...]) # a follow-up change belonging to the row just written
    log_action(user, objects, "Merged ...")   # a LogEntry on each object's history page

Signals record single saves and deletes (meetings/history_records.py); these
helpers write the same rows for bulk changes, in bulk.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models.deletion import Collector

from .history_records import (
    CURRENT,
    IMPORTER,
    acting,
    standing_aside,
    write_baselines,
    write_rows,
    written_in_this_unit,
)
from .models import Meeting

__all__ = [
    "IMPORTER",
    "acting",
    "amend",
    "delete_with_history",
    "log_action",
    "mark_meeting_edited",
    "record_deletion",
    "standing_aside",
    "update",
    "write_baselines",
    "write_rows",
]


@transaction.atomic
def update(queryset, *, user=CURRENT, reason=CURRENT, **values) -> list:
    """`queryset.update(**values)` that also writes one history row per changed row.

    Returns the rows the queryset held (changed or not), with the new values.
    """
    model = queryset.model
    objects = list(queryset)
    changed = [obj for obj in objects if any(_differs(obj, k, v) for k, v in values.items())]
    if not changed:
        return objects
    write_baselines(model, [obj.pk for obj in changed])
    for obj in changed:
        for name, value in values.items():
            setattr(obj, name, value)
    model._default_manager.bulk_update(changed, list(values), batch_size=500)
    write_rows(model, changed, "~", user=user, reason=reason)
    return objects


def _differs(obj, name: str, value) -> bool:
    field = obj._meta.get_field(name)
    if field.is_relation:  # compare ids: no query per row for the related object
        return getattr(obj, field.attname) != getattr(value, "pk", value)
    return getattr(obj, name) != value


def record_deletion(queryset, *, user=CURRENT, reason=CURRENT) -> int:
    """Write "-" rows for what `queryset` holds now; delete it inside `standing_aside()`."""
    return len(write_rows(queryset.model, queryset, "-", user=user, reason=reason))


def delete_with_history(queryset, **who) -> None:
    """Delete in bulk, its history in bulk (not a row and a query per deleted row)."""
    objects = list(queryset)
    if not objects:
        return
    write_rows(queryset.model, objects, "-", **who)
    collector = Collector(using=queryset.db, origin=queryset)
    collector.collect(objects)
    with standing_aside():
        collector.delete()


def amend(instance, **values) -> None:
    """Store `values` as part of the change just recorded for `instance` in this request.

    The row written for it in this request (or `acting` block) gets the values
    too, so one admin save stays one history row; without one, a row is written.
    """
    for name, value in values.items():
        setattr(instance, name, value)
    row = written_in_this_unit(instance)
    if row is None:
        instance.save(update_fields=list(values))
        return
    type(instance)._default_manager.filter(pk=instance.pk).update(**values)
    for name, value in values.items():
        setattr(row, name, value)
    row.save(update_fields=list(values))


def mark_meeting_edited(meeting_id: int) -> None:
    """The meeting holds an editor's change now, so re-imports keep it (with history)."""
    meeting = Meeting.objects.filter(pk=meeting_id, edited=False).first()
    if meeting is not None:
        amend(meeting, edited=True)


def log_action(user, objects: Iterable, message: str, flag: int = CHANGE) -> None:
    """An admin LogEntry per object (its history page, the admin's recent actions)."""
    if not getattr(user, "is_authenticated", False):
        return
    objects = [obj for obj in objects if obj.pk is not None]
    if objects:
        LogEntry.objects.log_actions(user.pk, objects, flag, message[:2000])
