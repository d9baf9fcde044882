"""python manage.py generate_corpus --meetings N --out DIR [--seed S] [--no-expected]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from devtools.corpus import write_corpus


class Command(BaseCommand):
    help = (
        "Write N synthetic meeting summaries in the seeds' format, and DIR/expected.json "
        "with the record each text means. The same seed gives byte-identical files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--meetings", type=int, required=True, help="how many texts")
        parser.add_argument("--out", required=True, help="folder to write (created if missing)")
        parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
        parser.add_argument(
            "--no-expected", action="store_true", help="do not write DIR/expected.json"
        )

    def handle(self, *args, meetings, out, seed, no_expected, **options):
        if meetings < 1:
            raise CommandError("--meetings must be at least 1")
        out_dir = Path(out)
        if out_dir.exists() and not out_dir.is_dir():
            raise CommandError(f"{out_dir} exists and is not a folder")
        try:
            written, statements = write_corpus(meetings, out_dir, seed, expected=not no_expected)
        except OSError as error:
            raise CommandError(f"cannot write to {out_dir}: {error.strerror or error}") from None
        expected = "" if no_expected else f", records in {out_dir / 'expected.json'}"
        self.stdout.write(
            f"{written} meetings, {statements} statements written to {out_dir}{expected}"
        )
