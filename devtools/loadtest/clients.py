"""Concurrent readers: page views and searches, bounded in time and in count.

Each client is a thread with its own random draw (seeded, so a run can be
repeated) from a weighted mix of what readers do: the home page, the meetings
list, meeting, person and subject pages (taken from the site's own
sitemap.xml), searches of several kinds (words, phrases, fields, a query that
only excludes, filters), the JSON search API and the feed. Only 127.0.0.1 is
ever asked.
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from devtools.bench.timing import summary_ms

from .server import HEADERS, HOST, get

REQUEST_TIMEOUT_S = 30
SEARCHES = [
    "peace treaty",
    '"peace treaty"',
    "energy cooperation",
    "north korea",
    "speaker:putin",
    "country:russia economic",
    "-peace",
    "year:2003..2005 territorial",
    "security -nuclear",
    "cooperation",
]
FILTERED = ["/search/?q=cooperation&type=summit", "/search/?q=energy&sort=-date"]
STATIC = "/static/css/site.css"


@dataclass
class Mix:
    pages: dict[str, list[str]]  # "meeting", "person", "subject" -> paths from the sitemap

    def draw(self, rng: random.Random) -> tuple[str, str]:
        """(kind, path) of one request."""
        kind = rng.choices(KINDS, weights=WEIGHTS)[0]
        return kind, self.path(kind, rng)

    def path(self, kind: str, rng: random.Random) -> str:
        if kind == "home":
            return "/"
        if kind == "list":
            return rng.choice(["/meetings/", "/meetings/?page=2", "/meetings/?sort=-statements"])
        if kind in ("meeting", "person", "subject"):
            return rng.choice(self.pages.get(kind) or ["/"])
        if kind == "search":
            choice = rng.choice(SEARCHES + FILTERED)
            return choice if choice.startswith("/") else f"/search/?q={quote(choice)}"
        if kind == "api":
            return f"/api/search/?q={quote(rng.choice(SEARCHES))}"
        if kind == "feed":
            return "/feeds/meetings.atom"
        return STATIC


KINDS = ["home", "list", "meeting", "person", "subject", "search", "api", "feed", "static"]
WEIGHTS = [2, 3, 6, 2, 2, 8, 2, 1, 1]


def mix_from_sitemap(port: int) -> Mix:
    status, body = get(port, "/sitemap.xml")
    if status != 200:
        return Mix({})
    paths = [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", body.decode())]
    sections = {"meeting": "/meetings/", "person": "/people/", "subject": "/subjects/"}
    return Mix(
        {
            kind: [p for p in paths if p.startswith(prefix) and p != prefix]
            for kind, prefix in sections.items()
        }
    )


@dataclass
class Tally:
    """What the clients saw; one lock, since 50 threads add to it."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    started: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def claim(self, limit: int) -> bool:
        """Take one of the `limit` requests the run may make."""
        with self.lock:
            if self.started >= limit:
                return False
            self.started += 1
            return True

    def add(self, kind: str, path: str, seconds: float, status: int, problem: str) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.statuses[status] += 1
            if problem or status != 200:
                self.error_count += 1
                if len(self.errors) < 10:
                    self.errors.append(f"{status or 'no answer'} {path[:80]} {problem}".strip())

    def summary(self, seconds: float) -> dict:
        every = [t for times in self.latencies.values() for t in times]
        return {
            "requests": len(every),
            "errors": self.error_count,
            "per_s": round(len(every) / seconds, 1) if seconds else None,
            "latency": summary_ms(every),
            "by_kind": {kind: summary_ms(times) for kind, times in sorted(self.latencies.items())},
            "statuses": {str(code): count for code, count in sorted(self.statuses.items())},
            "first_errors": self.errors,
        }


def request(port: int, path: str) -> tuple[int, str]:
    """(status, problem): problem is "" when the server answered at all."""
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        response.read()
        return response.status, ""
    except (OSError, http.client.HTTPException) as error:
        return 0, type(error).__name__
    finally:
        connection.close()


def drive(port: int, mix: Mix, clients: int, seconds: float, limit: int, seed: int) -> dict:
    """`clients` threads ask until `seconds` pass or `limit` requests were made."""
    tally = Tally()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(f"{seed}:{number}")
        try:
            while time.monotonic() < deadline and tally.claim(limit):
                kind, path = mix.draw(rng)
                start = time.perf_counter()
                status, problem = request(port, path)
                tally.add(kind, path, time.perf_counter() - start, status, problem)
        except Exception as error:  # a client that stops early is an error, never a silence
            tally.add("client", "-", 0.0, 0, f"client {number} stopped: {error!r}")

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT_S + 5)
    return tally.summary(time.monotonic() - began)
