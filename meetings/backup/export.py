"""Write the whole archive to one file, row by row (constant memory), from one snapshot."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from . import contents
from .fileformat import BackupError, header, writing

CHUNK_ROWS = 2000


def export_archive(path: Path) -> dict[str, int]:
    """Write every archived table to `path`; returns each model's row count, in file order.

    One read transaction: on PostgreSQL at REPEATABLE READ, on SQLite (WAL) a
    read transaction is a snapshot already, so an import running meanwhile
    gives a backup of before or after it, never half of it.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost:
            _snapshot()
        order = contents.archived_models()
        counts = {_label(model): model._base_manager.count() for model in order}
        app_labels = {model._meta.app_label for model in order}
        first = header(contents.applied_migrations(app_labels), counts, _now())
        with writing(path) as stream:
            stream.write(_dumps(first) + "\n")
            for model in order:
                written = _write_rows(model, stream)
                if written != counts[_label(model)]:  # a snapshot makes this impossible
                    raise BackupError(f"{_label(model)} changed while it was written; try again")
    return counts


def _snapshot() -> None:
    """Must be the transaction's first statement; inside an outer one it cannot be set."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _write_rows(model: type[models.Model], stream) -> int:
    is_account = model in contents.account_models()
    rows = model._base_manager.order_by("pk")
    if relations := contents.natural_relations(model):
        rows = rows.select_related(*relations)
    if is_account:
        rows = rows.prefetch_related(*contents.natural_many(model))
    counter = _Counted(rows.iterator(chunk_size=CHUNK_ROWS))
    serializers.get_serializer("jsonl")().serialize(
        counter,
        stream=stream,
        fields=contents.row_fields(model),
        use_natural_foreign_keys=True,
        use_natural_primary_keys=is_account,
        cls=ExactJSONEncoder,
    )
    return counter.count


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder cuts them to milliseconds."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class _Counted:
    def __init__(self, rows):
        self.rows = rows
        self.count = 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _now() -> str:
    return timezone.now().isoformat(timespec="seconds")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
