"""python manage.py rebuild_index: build a fresh search index beside the live one, then swap."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from meetings import search
from meetings.indexing import journal


class Command(BaseCommand):
    help = (
        "Index every statement into a new index and swap it in atomically; "
        "searches keep working meanwhile and a failure leaves the old index live."
    )

    def handle(self, *args, **options):
        show = self.stdout.isatty()

        def progress(done: int, total: int) -> None:
            if show:
                self.stdout.write(f"\rindexed {done}/{total}", ending="")
                self.stdout.flush()

        try:
            count = journal.rebuild(on_batch=progress)
        except search.SearchError as error:
            raise CommandError(f"rebuild failed, the old index is still live: {error}") from error
        if show:
            self.stdout.write("")
        self.stdout.write(f"rebuilt the search index: {count} statements")
