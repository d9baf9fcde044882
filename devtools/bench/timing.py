"""Clocks, percentiles, sizes on disk and a description of the machine."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import resource
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def now() -> float:
    return time.perf_counter()


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (fraction 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def summary_ms(seconds: list[float]) -> dict:
    """{"p50_ms", "p95_ms", "max_ms", "runs"} of timings given in seconds."""
    if not seconds:
        return {"p50_ms": None, "p95_ms": None, "max_ms": None, "runs": 0}
    return {
        "p50_ms": ms(percentile(seconds, 0.50)),
        "p95_ms": ms(percentile(seconds, 0.95)),
        "max_ms": ms(max(seconds)),
        "runs": len(seconds),
    }


def cpu_now() -> float:
    """This process's CPU time (user + system), in seconds."""
    return time.process_time()


class CallTimer:
    """Adds up the time spent in one module-level function while installed.

    The real function still runs; only clocks are put around it (wall and
    this process's CPU), so the importer's own stages (parse, index) can be
    told apart from storing.
    """

    def __init__(self):
        self.seconds = 0.0
        self.cpu_seconds = 0.0
        self.calls = 0

    @contextmanager
    def around(self, module, name: str) -> Iterator[CallTimer]:
        original = getattr(module, name)

        def clocked(*args, **kwargs):
            start, cpu_start = now(), cpu_now()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += now() - start
                self.cpu_seconds += cpu_now() - cpu_start
                self.calls += 1

        setattr(module, name, clocked)
        try:
            yield self
        finally:
            setattr(module, name, original)


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process, or with RUSAGE_CHILDREN of the largest
    child waited for (the import's indexing process). Linux reports kilobytes."""
    peak = resource.getrusage(who).ru_maxrss
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return round(peak / divisor, 1)


def tree_mb(path: str | Path) -> float:
    path = Path(path)
    if path.is_file():
        return round(path.stat().st_size / 1e6, 2)
    total = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return round(total / 1e6, 2)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def machine_info() -> dict:
    import django

    # The installed distribution's version, read without importing whoosh
    # (only meetings/search/ imports it; tests/test_architecture.py).
    try:
        whoosh_version = importlib.metadata.version("whoosh-reloaded")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        whoosh_version = None
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "host": platform.node(),
        "os": platform.platform(),
        "cpu": _cpu_model(),
        "cpus": os.cpu_count(),
        "load_avg_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "memory_gb": _memory_gb(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "whoosh": whoosh_version,
        "sqlite": sqlite3.sqlite_version,
    }
