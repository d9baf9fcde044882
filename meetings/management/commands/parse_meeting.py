"""manage.py parse_meeting FILE... [--json]: parse meeting summaries and print the records."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from meetings.parsing import ParseError, load_default_authority, parse_text
from meetings.parsing.__main__ import error_line, summary_line
from meetings.parsing.sources import read_source


class Command(BaseCommand):
    help = "Parse meeting summary files; --json prints RECORD_FORMAT records."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="print a JSON list of records")

    def handle(self, *args, **options):
        authority = load_default_authority()
        records, failures = [], 0
        for path in options["files"]:
            try:
                source = read_source(path)
                records.extend(parse_text(source.text, source.name, authority))
            except (ParseError, OSError) as error:
                failures += 1
                self.stderr.write(error_line(path, error))
        if options["json"]:
            payload = [record.to_json() for record in records]
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            for record in records:
                self.stdout.write(summary_line(record))
        if failures:
            # each failure already has its one line; a CommandError would add another
            raise SystemExit(1)
