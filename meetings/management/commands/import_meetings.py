"""python manage.py import_meetings PATH... [--dry-run] [--overwrite-edited] [--quiet]
[--source-url URL] [--publisher NAME] [--accessed YYYY-MM-DD]

Each file's source URL, publisher and access date come from the sources.csv
beside it (columns file,url,publisher,accessed); the options take precedence.
--source-url identifies one file, so it needs exactly one.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from meetings.authority import AuthorityFileError
from meetings.importer import import_paths
from meetings.page_warming import failed, shared_cache, warm_pages
from meetings.provenance import (
    Provenance,
    SourcesFileError,
    check_publisher,
    check_url,
    parse_accessed,
)

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import meeting summaries from text files or folders of *.txt files. "
        "Unchanged files are skipped; meetings edited in the admin are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a .txt file or a folder")
        parser.add_argument(
            "--dry-run", action="store_true", help="parse and report, write nothing"
        )
        parser.add_argument(
            "--overwrite-edited",
            action="store_true",
            help="replace meetings that an editor changed in the admin",
        )
        parser.add_argument("--quiet", action="store_true", help="only errors and the summary line")
        parser.add_argument(
            "--source-url",
            metavar="URL",
            help="the page the (single) file was taken from; overrides sources.csv",
        )
        parser.add_argument(
            "--publisher",
            help="who published the page(s), e.g. the Ministry; overrides sources.csv",
        )
        parser.add_argument(
            "--accessed",
            metavar="YYYY-MM-DD",
            help="when the page(s) were read; overrides sources.csv",
        )

    def handle(self, *args, paths, dry_run, overwrite_edited, quiet, **options):
        show_bar = not quiet and self.stdout.isatty()
        try:
            summary = import_paths(
                paths,
                dry_run=dry_run,
                overwrite_edited=overwrite_edited,
                progress=self.draw_progress if show_bar else None,
                provenance=self.given_provenance(options),
            )
        except (AuthorityFileError, SourcesFileError) as error:
            raise CommandError(str(error)) from error
        if show_bar:
            self.stdout.write("")
        for message in summary.messages:
            if message.kind == "error":
                self.stderr.write(str(message))
            elif not quiet:
                self.stdout.write(str(message))
        prefix = "dry run: " if dry_run else ""
        self.stdout.write(prefix + summary.line())
        if summary.failed:
            raise CommandError(f"{summary.failed} of {len(summary.files)} files failed")
        if summary.not_indexed:
            raise CommandError(
                f"{summary.not_indexed} of {len(summary.files)} files were stored but not "
                "fully indexed; run `manage.py check_index --fix`"
            )
        if summary.replay_failed:
            raise CommandError(
                "meetings an earlier import left unindexed are still not fully indexed "
                "(see above); the next import or `manage.py check_index --fix` tries again"
            )
        if not dry_run and shared_cache() and (summary.new or summary.updated):
            self.warm(quiet)

    def warm(self, quiet: bool) -> None:
        """Count the pages kept per archive state for the server's workers now
        (they share the cache), not on their first reader's request."""
        warmed = warm_pages()
        problem = failed(warmed)
        if problem:  # the import itself stands: this is the pages' fault, said in one line
            self.stderr.write(f"warming the shared cache: {problem}")
        if not quiet:
            seconds = sum(page.seconds for page in warmed)
            self.stdout.write(f"warmed {len(warmed)} pages for the shared cache in {seconds:.1f} s")

    @staticmethod
    def given_provenance(options) -> Provenance | None:
        url, publisher, accessed = (
            options.get("source_url"),
            options.get("publisher"),
            options.get("accessed"),
        )
        if not (url or publisher or accessed):
            return None
        return Provenance(
            url=check_url(url, "--source-url") if url else "",
            publisher=check_publisher(publisher, "--publisher") if publisher else "",
            accessed=parse_accessed(accessed, "--accessed") if accessed else None,
        )

    def draw_progress(self, done: int, total: int, path: Path) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {done}/{total} {path.name[:40]:<40}", ending="")
        self.stdout.flush()
