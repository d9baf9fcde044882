"""python manage.py import_archive FILE: restore a backup into an empty database."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings import search
from meetings.backup import BackupError, import_archive
from meetings.indexing import journal


class Command(BaseCommand):
    help = (
        "Restore a file written by export_archive into a new, migrated database (one "
        "transaction: a damaged file restores nothing), then rebuild the search index. "
        "Accounts that already exist (by username) are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="a backup written by export_archive")

    def handle(self, *args, file: str, **options):
        try:
            restored = import_archive(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from None
        for label, count in restored.counts.items():
            self.stdout.write(f"{label}: {count}")
        if restored.accounts_kept:
            kept = ", ".join(restored.accounts_kept[:5])
            self.stdout.write(f"kept the existing accounts: {kept}")
        self.stdout.write(f"restored {restored.records} records from {file}")
        self.rebuild_index()

    def rebuild_index(self) -> None:
        try:
            count = journal.rebuild()
        except search.DocumentsNotIndexed as error:
            raise CommandError(
                f"restored, but {len(error.failures)} statement(s) could not be indexed: "
                "run `manage.py check_index --fix`"
            ) from None
        except search.SearchError as error:
            raise CommandError(
                f"restored, but the search index was not rebuilt ({error}): "
                "run `manage.py rebuild_index`"
            ) from None
        self.stdout.write(f"rebuilt the search index: {count} statements")
