"""python manage.py check_index [--fix]: compare the search index with the database.

--fix first replays the meetings an interrupted import noted as not yet
indexed (meetings/indexing/journal.py), then repairs whatever drift is left.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from meetings import search
from meetings.indexing import journal

SHOWN_IDS = 20


class Command(BaseCommand):
    help = (
        "List statements missing from the index, stale index entries and changed "
        "content; exit status 1 on drift. --fix repairs it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="re-index what drifted")

    def handle(self, *args, fix: bool, **options):
        pending = journal.pending_meetings()
        if pending and fix:
            self.replay()
        elif pending:
            self.stdout.write(
                f"{len(pending)} meeting(s) noted as not yet indexed (an import is running, "
                "or one was stopped); --fix replays them"
            )
        try:
            report = search.check(fix=fix)
        except search.SearchError as error:  # e.g. the index is busy: one line, no traceback
            raise CommandError(str(error)) from error
        drift = [kind for kind in ("missing", "stale", "changed") if report[kind]]
        self.stdout.write(
            f"{report['statements']} statements in the database, {report['indexed']} indexed"
        )
        for kind in drift:
            ids = report[kind]
            shown = ", ".join(str(i) for i in ids[:SHOWN_IDS])
            more = f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else ""
            self.stdout.write(f"{kind}: {len(ids)} ({shown}{more})")
        if not drift:
            self.stdout.write("the index matches the database")
        elif report["not_indexed"]:
            failures = sorted(report["not_indexed"].items())
            for pk, reason in failures[:SHOWN_IDS]:
                self.stderr.write(f"not indexed: statement {pk}: {reason}")
            raise CommandError(
                f"fixed all but {len(failures)} statement(s), which could not be indexed"
            )
        elif report["fixed"]:
            self.stdout.write("fixed: the drift above was re-indexed")
        else:
            raise CommandError(f"the index has drifted ({', '.join(drift)}); run with --fix")

    def replay(self) -> None:
        replay = journal.replay()
        if replay.error is not None:
            raise CommandError(f"could not re-index the noted meetings: {replay.error}")
        self.stdout.write(
            f"fixed: re-indexed {replay.meetings} meeting(s) an import left unindexed"
        )
