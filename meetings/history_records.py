"""How change history is recorded: django-simple-history, fitted to the archive.

    history = ArchiveHistory(...)          # on a model (meetings/models.py)
    with acting(user, "merge of people"):  # rows written inside get this user and reason
    with standing_aside():                 # signals write no rows; the caller writes its own
    write_rows(Model, objects, "~")        # bulk rows for bulk paths (bulk_update, .update())

On top of django-simple-history's rows (one per save, delete or speaker change):
- During a bulk import (indexing.bulk.bulk_import) creations are not recorded,
  so a first import writes no history; the changes it makes to stored rows are
  recorded with the reason "importer".
- Before the first recorded change of a row that has no history yet, a baseline
  row keeps the values it had, so every change has its old values.
- A speaker (many-to-many) change inside the same request or `acting` block as
  a row already written for that statement updates that row's speaker list
  instead of adding rows: one admin save or one fix is one history row.

This module knows no model of ours; meetings/history.py holds the helpers that do.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db.models.signals import pre_save
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from .indexing.bulk import is_bulk_import

IMPORTER = "importer"
BASELINE = "as stored before the first recorded change"
CURRENT = object()  # write_rows: the `acting` block's (or the request's) user or reason

_local = threading.local()


REASON_LENGTH = 100  # django-simple-history's history_change_reason column


def _clip(reason: str | None) -> str:
    reason = reason or ""
    return reason if len(reason) <= REASON_LENGTH else reason[: REASON_LENGTH - 1] + "…"


class _Actor:
    def __init__(self, user, reason: str):
        self.user = user if getattr(user, "is_authenticated", False) else None
        self.reason = _clip(reason)


@contextmanager
def acting(user, reason: str = "") -> Iterator[None]:
    """Rows written inside (by signals or write_rows) name this user and reason."""
    stack = _local.__dict__.setdefault("actors", [])
    stack.append(_Actor(user, reason))
    try:
        yield
    finally:
        stack.pop()


@contextmanager
def standing_aside() -> Iterator[None]:
    """No rows from signals inside: the caller records the change itself, in bulk."""
    _local.aside = getattr(_local, "aside", 0) + 1
    try:
        yield
    finally:
        _local.aside -= 1


def recording() -> bool:
    return getattr(settings, "SIMPLE_HISTORY_ENABLED", True) and not getattr(_local, "aside", 0)


def _actor() -> _Actor | None:
    stack = getattr(_local, "actors", None)
    return stack[-1] if stack else None


def _request():
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return request if getattr(user, "is_authenticated", False) else None


def current_user():
    """Who is changing things now: the `acting` user, else the request's user."""
    actor = _actor()
    if actor is not None:
        return actor.user
    request = _request()
    return request.user if request is not None else None


def current_reason() -> str:
    actor = _actor()
    return actor.reason if actor is not None else ""


def _unit():
    """What one change belongs to: the `acting` block, else the request; None outside both."""
    return _actor() or _request()


def _remember(history_row, instance) -> None:
    unit = _unit()
    if unit is None:
        return
    written = getattr(_local, "written", None)
    if written is None or written[0] is not unit:
        written = _local.written = (unit, {})
    written[1][(type(instance), instance.pk)] = history_row


def written_in_this_unit(instance):
    """The history row already written for `instance` in this request or `acting` block."""
    written = getattr(_local, "written", None)
    unit = _unit()
    if written is None or unit is None or written[0] is not unit:
        return None
    return written[1].get((type(instance), instance.pk))


def _history_row_written(sender, history_instance, instance, **kwargs):
    _remember(history_instance, instance)


post_create_historical_record.connect(_history_row_written, dispatch_uid="archive_history_unit")


class ArchiveHistory(HistoricalRecords):
    """HistoricalRecords with the archive's rules (see the module's docstring)."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            pre_save.connect(self.pre_save, sender=sender, weak=False)

    def pre_save(self, instance, raw=False, **kwargs):
        if raw or not recording() or instance._state.adding or instance.pk is None:
            return
        write_baselines(type(instance), [instance.pk])

    def post_save(self, instance, created, using=None, **kwargs):
        if not recording() or (created and is_bulk_import()):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def post_delete(self, instance, using=None, **kwargs):
        if recording():
            super().post_delete(instance, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        # A reverse change (person.statements...) is recorded by its caller.
        if reverse or not recording() or hasattr(instance, "skip_history_when_saving"):
            return
        if action in ("pre_add", "pre_remove", "pre_clear"):
            write_baselines(type(instance), [instance.pk])
        elif action in ("post_add", "post_remove", "post_clear"):
            row = written_in_this_unit(instance)
            if row is None:
                self.create_historical_record(instance, "~")
            else:
                refresh_m2m_snapshot(type(instance), [row], [instance])

    def get_history_user(self, instance):
        if hasattr(instance, "_history_user"):
            return instance._history_user
        actor = _actor()
        if actor is not None:
            return actor.user
        return super().get_history_user(instance)

    def get_change_reason_for_object(self, instance, history_type, using):
        reason = super().get_change_reason_for_object(instance, history_type, using)
        return reason or current_reason() or None


# --- Rows written in bulk ----------------------------------------------------


_history_models: dict = {}


def history_model(model):
    """The Historical<Model> class (looked up once: each `Model.history` builds a manager)."""
    if model not in _history_models:
        manager = getattr(model, model._meta.simple_history_manager_attribute)
        _history_models[model] = manager.model
    return _history_models[model]


def _pk_name(model) -> str:
    return model._meta.pk.attname


def write_rows(
    model,
    objects: Iterable,
    history_type: str = "~",
    *,
    user=CURRENT,
    reason=CURRENT,
    date: dt.datetime | None = None,
) -> list:
    """One history row per object, as the object is now, speakers included; in bulk.

    `user` and `reason` default to the `acting` block's (or the request's user).
    """
    objects = list(objects)
    if not objects or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return []
    historical = history_model(model)
    user = current_user() if user is CURRENT else user
    reason = current_reason() if reason is CURRENT else reason
    when = date or timezone.now()
    rows = [
        historical(
            history_date=when,
            history_type=history_type,
            history_user=user if getattr(user, "is_authenticated", False) else None,
            history_change_reason=_clip(reason) or None,
            **{field.attname: getattr(obj, field.attname) for field in historical.tracked_fields},
        )
        for obj in objects
    ]
    historical.objects.bulk_create(rows, batch_size=500)
    refresh_m2m_snapshot(model, rows, objects, fresh=True)
    return rows


def write_baselines(model, pks: Iterable[int]) -> None:
    """A baseline row for each of these rows that has no history yet, from the database."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return
    historical = history_model(model)
    name = _pk_name(model)
    known = set(
        historical.objects.filter(**{f"{name}__in": pks}).values_list(name, flat=True).distinct()
    )
    missing = [pk for pk in pks if pk not in known]
    if missing:
        # Strictly before the change it precedes, so the change's prev_record finds it.
        before = timezone.now() - dt.timedelta(microseconds=1)
        stored = model._default_manager.filter(pk__in=missing)
        write_rows(model, stored, "+", user=None, reason=BASELINE, date=before)


def refresh_m2m_snapshot(model, rows: list, objects: list, fresh: bool = False) -> None:
    """Give each history row its object's current many-to-many rows (speakers)."""
    historical = history_model(model)
    for field in historical._history_m2m_fields:
        snapshot_model = HistoricalRecords.m2m_models[field]
        through = field.remote_field.through
        own = field.m2m_field_name()
        if not fresh:
            snapshot_model.objects.filter(history__in=rows).delete()
        links: dict[int, list] = {}
        for link in through.objects.filter(**{f"{own}__in": [obj.pk for obj in objects]}):
            links.setdefault(getattr(link, f"{own}_id"), []).append(link)
        snapshot_model.objects.bulk_create(
            [
                snapshot_model(
                    history=row,
                    **{f.attname: getattr(link, f.attname) for f in through._meta.fields},
                )
                for row, obj in zip(rows, objects, strict=True)
                for link in links.get(obj.pk, [])
            ],
            batch_size=500,
        )
