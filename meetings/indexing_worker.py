"""A second process that indexes imported meetings while the importer goes on.

Parsing and storing use one core; Whoosh indexing is as costly again and is
pure Python, so a long import spends half its time waiting on it. With the
worker, the importer hands each batch of committed meeting ids to a forked
child that calls meetings.search.index_meetings, and meanwhile parses and
stores the next files: the two stages overlap on two cores.

The child reads only committed rows (ids are submitted after their files'
transactions commit), opens its own database connections, and stops when the
importer says so or dies. A batch it cannot index is reported back like an
inline failure; `manage.py check_index --fix` repairs anything a killed import
left unindexed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection, connections

logger = logging.getLogger(__name__)

POLL_S = 0.5
QUEUE_BATCHES = 4  # batches waiting at most: bounds memory and how far storing runs ahead


def worker_suits(files: int, batch_files: int) -> bool:
    """Whether a run of `files` files should index in a second process."""
    if not getattr(settings, "IMPORT_INDEX_WORKER", True) or files <= batch_files:
        return False
    if not getattr(settings, "SEARCH_AUTO_INDEX", True):
        return False
    if connection.in_atomic_block:  # rows would be invisible to the child until much later
        return False
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return False  # a child process cannot see a private in-memory database
    return "fork" in multiprocessing.get_all_start_methods()


class IndexWorker:
    """Runs meetings.search.index_meetings(ids) for submitted batches in a child process."""

    def __init__(self):
        context = multiprocessing.get_context("fork")
        connections.close_all()  # the child must never share the parent's sockets
        self._tasks = context.Queue(maxsize=QUEUE_BATCHES)
        self._results = context.Queue()
        self._process = context.Process(
            target=_serve, args=(self._tasks, self._results, os.getpid()), daemon=True
        )
        self._process.start()
        self._on_error: dict[int, Callable[[Exception], None] | None] = {}
        self._submitted = 0
        self.busy_seconds = 0.0  # the child's time inside index_meetings
        self.wait_seconds = 0.0  # the importer's time blocked on the child
        self.batches = 0

    def submit(self, ids: list[int], on_error: Callable[[Exception], None] | None = None) -> None:
        number = self._submitted
        self._submitted += 1
        self._on_error[number] = on_error
        started = time.perf_counter()
        if not self._put((number, list(ids))):
            self._report(number, "the indexing process stopped")
        self.wait_seconds += time.perf_counter() - started
        self._collect(block=False)

    def _put(self, task) -> bool:
        """Queue a task, waiting while the queue is full; False if the child is gone."""
        while self._process.is_alive():
            try:
                self._tasks.put(task, timeout=POLL_S)
                return True
            except queue.Full:
                continue
        return False

    def close(self) -> None:
        """Wait for every submitted batch; failures go to their on_error callbacks."""
        started = time.perf_counter()
        self._put(None)
        self._collect(block=True)
        self._process.join(timeout=POLL_S * 20)
        if self._process.is_alive():
            self._process.terminate()
        for number in list(self._on_error):
            self._report(number, "the indexing process stopped before indexing it")
        self.wait_seconds += time.perf_counter() - started

    def _collect(self, block: bool) -> None:
        while self._on_error:
            try:
                item = self._results.get(timeout=POLL_S) if block else self._results.get_nowait()
            except queue.Empty:
                if block and self._process.is_alive():
                    continue
                return
            number, error, seconds = item
            self.busy_seconds += seconds
            self.batches += 1
            if error is None:
                self._on_error.pop(number, None)
            else:
                self._report(number, error)

    def _report(self, number: int, reason: str | Exception) -> None:
        on_error = self._on_error.pop(number, None)
        logger.warning("indexing batch %s failed: %s", number, reason)
        if on_error is not None:
            on_error(reason if isinstance(reason, Exception) else RuntimeError(reason))


def _serve(tasks, results, parent_pid: int) -> None:
    """The child: index each batch until told to stop or the importer is gone."""
    from meetings import search

    connections.close_all()
    while True:
        try:
            task = tasks.get(timeout=POLL_S)
        except queue.Empty:
            if os.getppid() != parent_pid:
                return
            continue
        if task is None:
            break
        number, ids = task
        started = time.perf_counter()
        error = None
        try:
            search.index_meetings(ids)
        except search.DocumentsNotIndexed as exc:  # picklable: the importer names each statement
            error = exc
        except Exception as exc:  # reported to the importer, which keeps the stored rows
            error = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"
        results.put((number, error, time.perf_counter() - started))
    connections.close_all()
