"""Restore a backup into an empty database, in one transaction, then rebuild the index.

Anything wrong with the file (not a backup, damaged, cut short, rows that do
not fit this version's tables) stops the restore with one line and rolls it
back whole: the database is left as empty as it was.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.core.management.color import no_style
from django.db import IntegrityError, connection, models, transaction

from meetings.indexing.bulk import bulk_import

from . import contents
from .fileformat import BackupError, check_header, one_line, reading


@dataclass
class Restored:
    counts: dict[str, int]  # rows restored per model, in file order
    accounts_kept: list[str] = field(default_factory=list)  # already there, left as they were

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def import_archive(path: Path) -> Restored:
    """Load the file's rows with their primary keys; the caller rebuilds the search index."""
    with reading(path) as lines:
        _, first = next(lines, (1, None))
        meta = check_header(first)
        order = _models_named(meta["models"])
        _check_migrations(meta["migrations"])
        with bulk_import(), transaction.atomic():
            _refuse_non_empty()
            restored = _load(lines, meta["models"])
            _check_references(order)
            _reset_sequences(order)
    return restored


def _models_named(counts: dict) -> list[type[models.Model]]:
    archived = {model._meta.label_lower: model for model in contents.archived_models()}
    unknown = [label for label in counts if label not in archived]
    if unknown:
        raise BackupError(
            f"the backup holds {str(unknown[0])[:60]}, which this version of the archive "
            "does not back up: restore it with the version that wrote it"
        )
    return [archived[label] for label in counts]


def _check_migrations(written: dict) -> None:
    applied = contents.applied_migrations(written)
    for app, names in written.items():
        missing = sorted(set(names) - set(applied.get(app, [])))
        if missing:
            raise BackupError(
                f"the backup was written at migration {app}.{missing[-1]}, which this database "
                "has not applied: run `manage.py migrate` first (with the code that wrote it)"
            )


def _refuse_non_empty() -> None:
    held = [
        f"{model._meta.label_lower}: {model._base_manager.count()}"
        for model in contents.record_models()
        if model._base_manager.exists()
    ]
    if held:
        raise BackupError(
            f"the database is not empty ({', '.join(held[:3])}{', …' if len(held) > 3 else ''}); "
            "import_archive restores only into a new, migrated database"
        )


def _load(lines, expected: dict) -> Restored:
    """Each row saved as it is read (raw: no save() of ours, no signals' work)."""
    restored = Restored(counts=Counter())
    accounts = set(contents.account_models())
    reader = _RowReader(lines, expected)
    objects = serializers.deserialize("python", reader, using=connection.alias)
    try:
        for item in objects:
            model = type(item.object)
            if model in accounts and item.object.pk is not None:
                restored.accounts_kept.append(str(item.object))
            else:
                item.save(using=connection.alias, force_insert=True)
            restored.counts[model._meta.label_lower] += 1
    except BackupError:
        raise
    except Exception as error:  # a row this version cannot store: one line, all rolled back
        raise BackupError(f"line {reader.number}: {_cause(error)}") from None
    _check_counts(expected, restored.counts, reader.number)
    restored.counts = {label: restored.counts.get(label, 0) for label in expected}
    return restored


class _RowReader:
    """The parsed rows after the header, checked against the header's model list."""

    def __init__(self, lines: Iterator[tuple[int, str]], expected: dict):
        self.lines = lines
        self.expected = expected
        self.number = 1

    def __iter__(self):
        for number, line in self.lines:
            self.number = number
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                raise BackupError(
                    f"line {self.number} is not complete JSON: the file is damaged or was cut short"
                ) from None
            if not isinstance(row, dict) or not isinstance(row.get("fields"), dict):
                raise BackupError(f"line {self.number} is not a row of the archive")
            if row.get("model") not in self.expected:
                raise BackupError(
                    f"line {self.number} is a row of {str(row.get('model'))[:60]!r}, "
                    "which the backup header does not list"
                )
            yield row


def _cause(error: Exception) -> str:
    cause = error.__cause__ or error.__context__
    message = one_line(error)
    if cause is not None and one_line(cause) not in message:
        message = f"{message} ({one_line(cause)})"
    return message


def _check_counts(expected: dict, counts: Counter, last_line: int) -> None:
    for label, count in expected.items():
        if counts.get(label, 0) != count:
            raise BackupError(
                f"{label} has {counts.get(label, 0)} of the {count} rows its header announces "
                f"(file read to line {last_line}): the file is damaged or was cut short"
            )


def _check_references(order: list[type[models.Model]]) -> None:
    """Foreign keys are checked at the end (they are deferred); say which one is broken."""
    try:
        connection.check_constraints(table_names=[model._meta.db_table for model in order])
    except IntegrityError as error:
        raise BackupError(f"the backup's rows do not fit together: {one_line(error)}") from None


def _reset_sequences(order: list[type[models.Model]]) -> None:
    """Next ids follow the restored ones (PostgreSQL sequences; SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), order)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
