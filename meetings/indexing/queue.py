"""Stored meetings waiting for the search index: one index writer per batch of files.

The importer adds each file's meeting ids once the file is stored; a flush
indexes the batch once the surrounding transaction (if any) commits, inline
or in the second process (worker.py). A failure goes to the queue's
`on_error` with the owners (the importer's per-file results) it concerns, so
the importer can report it file by file without this package knowing files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Generic, TypeVar

from django.db import transaction

from . import after_commit
from .worker import IndexWorker, worker_suits

INDEX_BATCH_FILES = 50  # files whose meetings go through one search writer
# With the second process, each batch doubles up to this: the first results
# are searchable after 50 files, and a long import commits fewer, larger
# segments, which Whoosh then merges (rewrites) less often (docs/benchmarks.md).
WORKER_MAX_BATCH_FILES = 200

Owner = TypeVar("Owner")
BatchError = Callable[[list[Owner], Exception], None]


class IndexQueue(Generic[Owner]):
    """Meeting ids by owner (a file), flushed to the index every `batch_files` owners."""

    def __init__(
        self,
        batch_files: int = INDEX_BATCH_FILES,
        worker: IndexWorker | None = None,
        on_error: BatchError | None = None,
    ):
        self.batch_files = batch_files
        self.worker = worker
        self._on_error = on_error
        self._waiting: list[tuple[Owner, list[int]]] = []

    def add(self, owner: Owner, meeting_ids: Sequence[int]) -> None:
        if meeting_ids:
            self._waiting.append((owner, list(meeting_ids)))
        if len(self._waiting) >= self.batch_files:
            self.flush()

    def flush(self) -> None:
        waiting, self._waiting = self._waiting, []
        if self.worker is not None:
            self.batch_files = max(
                self.batch_files, min(2 * self.batch_files, WORKER_MAX_BATCH_FILES)
            )
        ids = [pk for _owner, meeting_ids in waiting for pk in meeting_ids]
        owners = [owner for owner, _ids in waiting]
        on_error = partial(self._on_error, owners) if self._on_error is not None else None
        if self.worker is None:
            after_commit.index_stored_meetings(ids, on_error=on_error)
        elif ids:
            transaction.on_commit(partial(self.worker.submit, ids, on_error))

    def close(self) -> None:
        """Wait for the second process, if any, to index every batch submitted."""
        if self.worker is not None:
            self.worker.close()


def queue_for_run(files: int, on_error: BatchError | None = None) -> IndexQueue:
    """The queue for an import of `files` files: with a second process when that pays."""
    worker = IndexWorker() if worker_suits(files, INDEX_BATCH_FILES) else None
    return IndexQueue(worker=worker, on_error=on_error)
