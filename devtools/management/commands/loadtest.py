"""python manage.py loadtest [--clients 50] [--seconds 30] [--import-meetings 100] ..."""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from devtools.bench.runner import is_postgres_url
from devtools.loadtest.run import LoadConfig, report_lines, run_loadtest
from devtools.loadtest.workspace import LoadTestError

LIMITS = {"clients": (1, 200), "seconds": (1, 600), "workers": (1, 16)}


class Command(BaseCommand):
    help = (
        "Serve a throwaway copy of the archive with gunicorn on 127.0.0.1 and read it with "
        "concurrent clients (pages and searches) for a fixed time while an import runs; print "
        "requests, errors, p50/p95 latency and whether every new meeting is searchable. "
        "Exit status 1 on any error. The configured database and var/ are never written."
    )

    def add_arguments(self, parser):
        default = LoadConfig()
        parser.add_argument("--clients", type=int, default=default.clients)
        parser.add_argument("--seconds", type=float, default=default.seconds)
        parser.add_argument(
            "--max-requests", type=int, default=default.max_requests, help="stop after so many"
        )
        parser.add_argument("--workers", type=int, default=default.workers, help="gunicorn's")
        parser.add_argument(
            "--meetings",
            type=int,
            default=default.meetings,
            help="generated meetings in the archive before the load, besides the seeds",
        )
        parser.add_argument(
            "--import-meetings",
            type=int,
            default=default.import_meetings,
            help="generated meetings imported during the load",
        )
        parser.add_argument("--import-timeout", type=float, default=default.import_timeout)
        parser.add_argument("--backend", choices=("whoosh", "postgres"), default="whoosh")
        parser.add_argument(
            "--database-url",
            help="a PostgreSQL server to make the throwaway database on (default: DATABASE_URL "
            "when it is PostgreSQL, else a temporary SQLite file)",
        )
        parser.add_argument(
            "--throwaway-postgres",
            action="store_true",
            help="run PostgreSQL in a cluster of its own, started and removed by the run "
            "(Debian's postgresql, as `make test` uses)",
        )
        parser.add_argument("--seed", type=int, default=default.seed)
        parser.add_argument("--json", metavar="FILE", help="also write the result as JSON")
        parser.add_argument("--quiet", action="store_true", help="no progress lines")

    def handle(self, *args, **options):
        config = self.config_from(options)
        progress = (lambda line: None) if options["quiet"] else self.progress
        try:
            result = run_loadtest(config, progress)
        except LoadTestError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            Path(options["json"]).write_text(json.dumps(result, indent=1) + "\n")
        for line in report_lines(result):
            self.stdout.write(line)
        if not result["ok"]:
            raise CommandError("the load test found errors (above)")

    def config_from(self, options) -> LoadConfig:
        for name, (low, high) in LIMITS.items():
            if not low <= options[name] <= high:
                raise CommandError(f"--{name} must be between {low} and {high}")
        for name in ("meetings", "import_meetings", "max_requests"):
            if options[name] < (1 if name != "meetings" else 0):
                raise CommandError(f"--{name.replace('_', '-')} is too small")
        url = options["database_url"]
        if options["throwaway_postgres"] and url:
            raise CommandError("give --database-url or --throwaway-postgres, not both")
        if url is None and is_postgres_url(os.environ.get("DATABASE_URL")):
            url = os.environ["DATABASE_URL"]
        return LoadConfig(
            clients=options["clients"],
            seconds=options["seconds"],
            max_requests=options["max_requests"],
            workers=options["workers"],
            meetings=options["meetings"],
            import_meetings=options["import_meetings"],
            import_timeout=options["import_timeout"],
            backend=options["backend"],
            database_url=url,
            throwaway_postgres=options["throwaway_postgres"],
            seed=options["seed"],
        )

    def progress(self, line: str) -> None:
        self.stderr.write(f"… {line}")
