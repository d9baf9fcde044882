"""python manage.py bench --statements N [--backend whoosh|postgres] [--out FILE.json]"""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from devtools.bench.report import markdown
from devtools.bench.runner import BenchError, is_postgres_url, run_bench

DEFAULT_SMALL = 2000


class Command(BaseCommand):
    help = (
        "Measure import, search (against a raw SQLite FTS5 or, for --backend postgres, "
        "PostgreSQL FTS baseline), pages and index "
        "freshness on a synthetic corpus, in a throwaway database and index; var/ is "
        "never touched. Prints a Markdown table and the JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--statements", type=int, required=True, help="corpus size in statements"
        )
        parser.add_argument("--backend", choices=("whoosh", "postgres"), default="whoosh")
        parser.add_argument(
            "--database-url",
            help="PostgreSQL server to create a throwaway database on "
            "(default: DATABASE_URL when it is PostgreSQL, else a temporary SQLite file)",
        )
        parser.add_argument(
            "--small-statements",
            type=int,
            help="first time the pages with this many statements imported, then report each "
            f"page's p95 ratio full / small (default {DEFAULT_SMALL} when --statements is "
            "larger; 0: only the full size)",
        )
        parser.add_argument(
            "--pages-only",
            action="store_true",
            help="import and time the pages only: no search baseline, parser or freshness",
        )
        parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
        parser.add_argument("--out", help="also write the JSON to this file")
        parser.add_argument("--quiet", action="store_true", help="no progress lines")

    def handle(self, *args, statements, backend, database_url, seed, out, quiet, **options):
        if statements < 100:
            raise CommandError("--statements must be at least 100")
        small = options["small_statements"]
        if small is None:
            small = DEFAULT_SMALL if statements > DEFAULT_SMALL else 0
        if small < 0 or (small and small >= statements):
            raise CommandError("--small-statements must be 0 or below --statements")
        if database_url is None and is_postgres_url(os.environ.get("DATABASE_URL")):
            database_url = os.environ["DATABASE_URL"]
        out_path = Path(out) if out else None
        if out_path and not out_path.parent.is_dir():
            raise CommandError(f"cannot write {out_path}: no folder {out_path.parent}")
        progress = None if quiet else (lambda line: self.stderr.write(f"… {line}"))
        try:
            result = run_bench(
                statements,
                backend,
                database_url,
                seed,
                progress,
                small_statements=small,
                pages_only=options["pages_only"],
            )
        except BenchError as error:
            raise CommandError(str(error)) from None
        text = json.dumps(result, indent=1, ensure_ascii=False)
        if out_path:
            out_path.write_text(text + "\n", encoding="utf-8")
        self.stdout.write(markdown(result))
        self.stdout.write("")
        summary = {key: value for key, value in result.items() if key != "search"}
        if "search" in result:
            summary["search"] = {k: v for k, v in result["search"].items() if k != "details"}
        self.stdout.write(json.dumps(summary, indent=1, ensure_ascii=False))
