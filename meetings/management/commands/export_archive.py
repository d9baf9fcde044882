"""python manage.py export_archive FILE: back up every record to one JSON Lines file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.backup import BackupError, export_archive


class Command(BaseCommand):
    help = (
        "Write people, aliases, meetings, participants, topics, statements, subjects, "
        "review marks, sources, history and the editors' accounts to FILE as JSON Lines "
        "(gzip-compressed when FILE ends in .gz), from one consistent snapshot. "
        "The search index is not written: import_archive rebuilds it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="where to write the backup")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if path.is_dir():
            raise CommandError(f"{path} is a folder; give a file name, e.g. {path}/archive.jsonl")
        try:
            counts = export_archive(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(f"wrote {sum(counts.values())} records to {path}")
