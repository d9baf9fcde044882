"""Ask for the pages whose counts are kept per archive state, so that the first
reader after an import does not wait for them to be counted.

Only worth it when the cache is shared (`PAGE_CACHE_DIR`): with the default
cache each server process keeps its own counts in its own memory, out of
reach of the process that imports. The pages are asked for through Django's
own request handling, middleware and all, as the first reader would.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.test import Client
from django.urls import reverse

# The reader-facing pages whose first request after a change grows with the archive.
WARMED = (
    "meetings:home",
    "meetings:meeting_list",
    "meetings:person_list",
    "meetings:subject_list",
    "meetings:positions",
    "machine:feed_meetings",
    "machine:api_meetings",
)


@dataclass(frozen=True)
class Warmed:
    path: str
    status: int
    seconds: float


def shared_cache() -> bool:
    return bool(settings.PAGE_CACHE_DIR)


def warm_pages(names: tuple[str, ...] = WARMED) -> list[Warmed]:
    """Each page asked for once; a page that fails is reported by its status
    (500 for an exception, logged as Django logs any), never raised."""
    client = Client(HTTP_HOST=_host(), raise_request_exception=False)
    warmed = []
    for name in names:
        path = reverse(name)
        start = time.perf_counter()
        response = client.get(path, secure=True)
        warmed.append(Warmed(path, response.status_code, time.perf_counter() - start))
    return warmed


def failed(warmed: list[Warmed]) -> str | None:
    """One line naming the pages that did not answer 200, or None."""
    bad = [f"{page.path} ({page.status})" for page in warmed if page.status != 200]
    return f"{len(bad)} pages did not answer 200: {', '.join(bad)}" if bad else None


def _host() -> str:
    """A name the site answers to (a leading dot allows any subdomain)."""
    named = [host for host in settings.ALLOWED_HOSTS if host != "*"]
    return named[0].lstrip(".") if named else "localhost"
