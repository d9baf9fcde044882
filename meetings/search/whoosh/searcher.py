"""One open searcher per process and index folder, with its arrays, valid until a commit.

Opening a searcher per query added about 55 ms to every query
(docs/benchmarks.md): it is kept open and refreshed only after commits.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from .arrays import SegmentArrays, build_cache
from .storage import live_dir, open_live_index, root_dir

CHECK_INTERVAL_S = 1.0  # how often to look for commits made by other processes


class SearcherState:
    """One open searcher plus per-document arrays, valid until the next commit."""

    def __init__(self):
        self.lock = threading.RLock()
        self.path: Path | None = None
        self.index = None
        self.searcher = None
        self.checked = 0.0
        self.stale = True
        self.cache: dict | None = None
        self.segments: dict[str, SegmentArrays] = {}

    def mark_stale(self) -> None:
        self.stale = True

    def get(self):
        with self.lock:
            root_path = live_dir(root_dir())
            if self.searcher is None or root_path != self.path:
                self._open()
            elif self.stale or time.monotonic() - self.checked > CHECK_INTERVAL_S:
                self._refresh()
            if self.cache is None:
                self.cache = build_cache(self.searcher, self.segments)
            return self.searcher, self.cache

    def _refresh(self) -> None:
        self.checked = time.monotonic()
        if not self.searcher.up_to_date():
            # Not searcher.refresh(): it reuses segment readers by segment id
            # and so misses deletions committed to an existing segment.
            self.searcher.close()
            self.searcher = self.index.searcher()
            self.cache = None
        self.stale = False

    def _open(self):
        if self.searcher is not None:
            self.searcher.close()
        self.index, self.path = open_live_index()
        self.searcher = self.index.searcher()
        self.checked = time.monotonic()
        self.stale = False
        self.cache = None
        self.segments = {}  # another index folder: nothing carries over


_states: dict[str, SearcherState] = {}
_states_lock = threading.Lock()


def state() -> SearcherState:
    key = str(root_dir())
    with _states_lock:
        if key not in _states:
            _states[key] = SearcherState()
        return _states[key]
