"""python manage.py warm_pages: count the pages kept per archive state now, into
the shared page cache (PAGE_CACHE_DIR), so their first reader does not wait."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from meetings.page_warming import failed, shared_cache, warm_pages


class Command(BaseCommand):
    help = (
        "Ask for the home page, the lists, positions, the feed and the API's list once, so that "
        "the counts they keep per archive state are in the shared page cache "
        "(PAGE_CACHE_DIR) before a reader asks. import_meetings does this itself."
    )

    def handle(self, *args, **options):
        if not shared_cache():
            raise CommandError(
                "PAGE_CACHE_DIR is not set: each server process keeps its counts in "
                "its own memory, which this command cannot fill"
            )
        warmed = warm_pages()
        for page in warmed:
            self.stdout.write(f"{page.status} {page.path} {page.seconds * 1000:.0f} ms")
        problem = failed(warmed)
        if problem:
            raise CommandError(problem)
