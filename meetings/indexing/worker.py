"""A second process that indexes imported meetings while the importer goes on.

Parsing and storing use one core; Whoosh indexing is as costly again and is
pure Python, so a long import spends half its time waiting on it. With the
worker, the importer hands each batch of committed meeting ids to a forked
child that calls meetings.search.index_meetings, and meanwhile parses and
stores the next files: the two stages overlap on two cores.

The child reads only committed rows (ids are submitted after their files'
transactions commit), opens its own database connections, and stops when the
importer says so or dies: Linux ends it with its parent (PR_SET_PDEATHSIG),
and it checks its parent before every batch. It never writes to the database
(a second SQLite writer would make the importer's transactions fail): it
sends back which pending-index notes each batch settled, and the importer
deletes them (journal.py). A batch it cannot index is reported
back like an inline failure; its notes stay, and the next import replays them.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import queue
import signal
import sys
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection, connections

from meetings import search

from . import journal

logger = logging.getLogger(__name__)

POLL_S = 0.5
QUEUE_BATCHES = 4  # batches waiting at most: bounds memory and how far storing runs ahead
PR_SET_PDEATHSIG = 1  # linux/prctl.h


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
        self.busy_cpu_seconds = 0.0  # the child's CPU time in there, as it measured it
        self.wait_seconds = 0.0  # the importer's time blocked on the child
        self.batches = 0
        self._writes: set[int] = set()  # the child's index writes, by number

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
            number, error, seconds, cpu_seconds, settled, write = item
            self._writes.add(write)
            self.busy_seconds += seconds
            self.busy_cpu_seconds += cpu_seconds
            self.batches += 1
            journal.forget(settled)
            if error is None:
                self._on_error.pop(number, None)
            else:
                self._report(number, error)

    @property
    def writes(self) -> int:
        """Index commits the child made for the batches so far (several batches may share one)."""
        return len(self._writes)

    def _report(self, number: int, reason: str | Exception) -> None:
        on_error = self._on_error.pop(number, None)
        logger.warning("indexing batch %s failed: %s", number, reason)
        if on_error is not None:
            on_error(reason if isinstance(reason, Exception) else RuntimeError(reason))


def _serve(tasks, results, parent_pid: int) -> None:
    """The child: index each batch until told to stop or the importer is gone.

    Batches that queued up while it indexed are written together: one commit,
    one new segment instead of several, for Whoosh to merge (rewrite) later.
    When indexing keeps up, batches stay one at a time (at 100,000 statements:
    35 batches in 30 commits, docs/benchmarks.md).
    """
    _end_with_parent(parent_pid)
    connections.close_all()
    writes = 0
    while (task := _next_task(tasks, parent_pid)) is not None:
        waiting, stop = _queued_tasks(tasks)
        writes += 1
        for result in _index_batches([task, *waiting]):
            results.put((*result, writes))
        if stop:
            break
    connections.close_all()


def _next_task(tasks, parent_pid: int):
    """The next (number, ids), or None once told to stop or orphaned.

    An orphan leaves the batches still queued to the next run, which replays
    their pending-index notes.
    """
    while os.getppid() == parent_pid:
        try:
            task = tasks.get(timeout=POLL_S)
        except queue.Empty:
            continue
        return task if os.getppid() == parent_pid else None
    return None


def _queued_tasks(tasks) -> tuple[list, bool]:
    """The tasks already waiting (at most QUEUE_BATCHES), and whether the stop came too."""
    waiting = []
    while len(waiting) < QUEUE_BATCHES:
        try:
            task = tasks.get_nowait()
        except queue.Empty:
            break
        if task is None:
            return waiting, True
        waiting.append(task)
    return waiting, False


def _index_batches(tasks: list[tuple[int, list[int]]]) -> list[tuple]:
    """From one index write of all their meetings, a result per task: (number, error
    or None, seconds, CPU seconds, the pending-index notes it settled), the time
    shared by the task's part of the meetings."""
    started, cpu_started = time.perf_counter(), time.process_time()
    every_id = [pk for _number, ids in tasks for pk in ids]
    notes = journal.notes_for(every_id)
    try:
        search.index_meetings(every_id)
        error = None
    except Exception as exc:  # shared out below, each task told only its own part
        error = exc
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    results = []
    for number, ids in tasks:
        own = set(ids)
        own_notes = {pk: meeting for pk, meeting in notes.items() if meeting in own}
        own_error = _own_part(error, own)
        settled = journal.settled(own_notes, own_error)
        if own_error is not None and not isinstance(own_error, search.DocumentsNotIndexed):
            own_error = _line(own_error)  # what crosses back to the importer must pickle
        share = len(ids) / len(every_id) if every_id else 1 / len(tasks)
        results.append((number, own_error, seconds * share, cpu_seconds * share, settled))
    return results


def _own_part(error: Exception | None, meeting_ids: set[int]) -> Exception | None:
    """The part of a shared write's error that concerns these meetings (None: none)."""
    if not isinstance(error, search.DocumentsNotIndexed):
        return error
    failures = {
        pk: reason
        for pk, reason in error.failures.items()
        if error.meetings.get(pk) in meeting_ids or pk not in error.meetings
    }
    if not failures:
        return None
    meetings = {pk: error.meetings[pk] for pk in failures if pk in error.meetings}
    return search.DocumentsNotIndexed(failures, meetings)


def _line(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error) else ''}"


def _end_with_parent(parent_pid: int) -> None:
    """Have Linux send SIGTERM to this process when its parent dies, even mid-batch.

    Elsewhere the check before each batch is what stops an orphaned child.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # no prctl: the per-batch check remains
            logger.debug("prctl(PR_SET_PDEATHSIG) is unavailable")
    if os.getppid() != parent_pid:  # the parent died before the request took hold
        os._exit(0)
