"""The pages stage: every page type timed at a small archive, then again at the full one.

The addresses are chosen once, at the small size (the largest meeting then,
the most heard speaker then, ...), and the same addresses are timed at both
sizes, so a ratio compares one page with itself in a larger archive.
"""

from __future__ import annotations

import math
from pathlib import Path
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from devtools import corpus
from meetings import importer
from meetings.models import Meeting, Person, Statement, Subject

from .timing import now, summary_ms

# p95 of 40 is the 38th request: one hiccup of a shared machine no longer sets it.
PAGE_RUNS = 40
# A page faster than PAGE_SECONDS / PAGE_RUNS is asked for until about this long has
# passed (at most MAX_PAGE_RUNS times): 40 requests of a sub-millisecond page took
# 20 ms, in which a pause of a few ms in two of them set the p95 and the ratio.
PAGE_SECONDS = 1.0
MAX_PAGE_RUNS = 2000
PAGE_WARMUPS = 2
# Target: a page's p95 in the full archive at most this many times its p95 in the small one.
TARGET_RATIO = 1.5
# A word every generated meeting uses somewhere, so the search page has many hits.
SEARCH_WORD = "cooperation"
# The CSV writes at most this many rows while the pages are timed, fewer than the
# small archive's meetings (142), so it writes the same rows at both sizes: the
# largest meeting's year (the CSV timed before) had 4 meetings at 2,013 statements
# and 1,859 at 1,000,004, so its ratio (1.9x, p95 0.8 -> 1.5 ms) timed the rows
# asked for, not the archive. EXPORT_MAX_ROWS bounds what one request writes.
CSV_ROWS = 100


def import_first(corpus_dir: Path, statements: int, seed: int) -> int:
    """Import the corpus's first files, up to about `statements` statements.

    The same files, from the same folder, as the full import reads afterwards:
    it finds them unchanged (same path, same checksum) and goes on from there.
    """
    names, meant = [], 0
    for name, _text, record in corpus.iter_corpus(None, seed):
        names.append(name)
        meant += len(record["statements"])
        if meant >= statements:
            break
    summary = importer.import_paths([corpus_dir / name for name in names])
    if summary.failed:
        raise RuntimeError(f"{summary.failed} of the first {len(names)} files failed to import")
    return Statement.objects.count()


def _largest_meeting() -> Meeting:
    return Meeting.objects.annotate(size=Count("statements")).order_by("-size", "id").first()


def _most_heard_person() -> str:
    return (
        Person.objects.annotate(n=Count("statements"))
        .order_by("-n", "id")
        .values_list("slug", flat=True)
        .first()
    )


def _most_discussed_subject() -> str:
    return (
        Subject.objects.annotate(n=Count("topics"))
        .order_by("-n", "id")
        .values_list("slug", flat=True)
        .first()
    )


def _most_common_type() -> str:
    return (
        Meeting.objects.exclude(meeting_type="")
        .values("meeting_type")
        .annotate(n=Count("id"))
        .order_by("-n", "meeting_type")
        .values_list("meeting_type", flat=True)
        .first()
    )


def page_urls() -> dict[str, str]:
    """One address per page type, chosen from the archive as it is now."""
    meeting = _largest_meeting()
    subject = _most_discussed_subject()
    # A filter that fills the list's page at the small size too: a country and a year
    # showed a few rows there and a full page in the large archive, which measured
    # the rows shown, not the archive's size.
    chosen = urlencode({"type": _most_common_type()})
    return {
        "home": "/",
        "meeting_list": "/meetings/",
        "meeting_list_filtered": f"/meetings/?{chosen}",
        "meeting_detail": meeting.get_absolute_url(),
        "person_detail": f"/people/{_most_heard_person()}/",
        "person_list": "/people/",
        "subject_detail": f"/subjects/{subject}/",
        "subject_list": "/subjects/",
        "search": f"/search/?q={SEARCH_WORD}",
        "positions": f"/positions/?subject={subject}",
        "feed": "/feeds/meetings.atom",
        "api_meetings": "/api/meetings/",
        "sitemap": "/sitemap.xml",
        "sitemap_meetings": "/sitemap-meetings.xml",
        "meetings_csv": "/meetings.csv",
    }


def time_page(client: Client, url: str, runs: int = PAGE_RUNS) -> dict:
    """p50/p95 of `runs` requests (more for a fast page) after the warm-ups, and the
    first request alone (`first_ms`: what a page cached per archive state costs once
    after each change)."""
    first = now()
    response = client.get(url, secure=True)
    first_ms = round((now() - first) * 1000, 2)
    for _ in range(PAGE_WARMUPS - 1):
        start = now()
        response = client.get(url, secure=True)
        warm = now() - start
    runs = max(runs, min(MAX_PAGE_RUNS, math.ceil(PAGE_SECONDS / max(warm, 1e-6))))
    timings, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = now()
            response = client.get(url, secure=True)
            timings.append(now() - start)
        queries = len(captured.captured_queries)
    return {
        "url": url,
        "status": response.status_code,
        **summary_ms(timings),
        "first_ms": first_ms,
        "queries": queries,
    }


def stage_pages(urls: dict[str, str], runs: int = PAGE_RUNS) -> dict:
    client = Client()
    with override_settings(EXPORT_MAX_ROWS=CSV_ROWS):
        return {name: time_page(client, url, runs) for name, url in urls.items()}


def stage_small_pages(corpus_dir: Path, statements: int, seed: int) -> dict:
    """The small archive: its first files imported, every page timed; the addresses kept."""
    imported = import_first(corpus_dir, statements, seed)
    urls = page_urls()
    return {"statements": imported, "urls": urls, "pages": stage_pages(urls)}


def _ratio(large, small):
    return round(large / small, 2) if large is not None and small else None


def pages_ratio(small: dict, large: dict) -> dict:
    """Per page: p50 and p95 at both sizes, the p95 ratio and whether it holds the target."""
    ratios = {}
    for name, big in large.items():
        little = small.get(name)
        if little is None:
            continue
        ratio = _ratio(big["p95_ms"], little["p95_ms"])
        ratios[name] = {
            "small_p50_ms": little["p50_ms"],
            "small_p95_ms": little["p95_ms"],
            "large_p50_ms": big["p50_ms"],
            "large_p95_ms": big["p95_ms"],
            "ratio_p95": ratio,
            "ratio_p50": _ratio(big["p50_ms"], little["p50_ms"]),
            "small_first_ms": little.get("first_ms"),
            "large_first_ms": big.get("first_ms"),
            "small_queries": little["queries"],
            "large_queries": big["queries"],
            "held": ratio is not None and ratio <= TARGET_RATIO,
        }
    return ratios
