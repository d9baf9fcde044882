"""A fresh index built beside the live one and swapped in; what the index holds."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from itertools import chain
from pathlib import Path

from whoosh import index as whoosh_index

from .. import documents
from ..errors import DocumentsNotIndexed, IndexBusy
from .schema import doc_fields, make_schema
from .searcher import state
from .storage import REBUILDING, live_dir, new_dir, point_to, remove_old, root_dir, take_pending
from .writing import sync_statements, unindexable, writer


def rebuild(on_batch: Callable[[int, int], None] | None = None) -> int:
    """Build a fresh index beside the live one, then swap it in atomically.

    Searches keep using the old index meanwhile; if anything fails the new
    folder is removed and the old index stays live. Statements Whoosh cannot
    index are left out alone: the rest is swapped in, then DocumentsNotIndexed
    names them.
    """
    root = root_dir()
    root.mkdir(parents=True, exist_ok=True)
    old = live_dir(root)
    total = documents.Statement.objects.count()
    failures: dict[int, str] = {}
    new = None
    try:
        try:
            new, done = _build_beside(root, total, on_batch, skip=set())
        except IndexBusy:
            raise
        except Exception:
            failures = unindexable(make_schema(), chain.from_iterable(documents.iter_all_docs()))
            if not failures:
                raise
            new, done = _build_beside(root, total, on_batch, skip=set(failures))
        point_to(root, new)
    except BaseException:
        (root / REBUILDING).unlink(missing_ok=True)
        raise
    state().mark_stale()
    sync_statements(take_pending(root))
    remove_old(root, keep={new, old})
    if failures:
        meetings = dict(
            documents.Statement.objects.filter(id__in=failures).values_list("id", "meeting_id")
        )
        raise DocumentsNotIndexed(failures, meetings)
    return done


def _build_beside(root: Path, total: int, on_batch, skip: set[int]) -> tuple[Path, int]:
    """A new index folder holding every statement but `skip`; removed again on failure."""
    new = new_dir(root)
    (root / REBUILDING).write_text(new.name)
    procs = 2 if total > 20000 and (os.cpu_count() or 1) > 1 else 1
    done = 0
    try:
        ix = whoosh_index.create_in(str(new), make_schema())
        options = {"procs": procs, "multisegment": True} if procs > 1 else {}
        with writer(ix, limitmb=128, **options) as index_writer:
            for batch in documents.iter_all_docs():
                for doc in batch:
                    if doc.id not in skip:
                        index_writer.add_document(**doc_fields(doc))
                done += len(batch)
                if on_batch is not None:
                    on_batch(done, total)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return new, done - len(skip)


def indexed_hashes() -> dict[int, str]:
    searcher, _ = state().get()
    return {
        int(stored["id"]): stored.get("hash", "")
        for stored in searcher.reader().all_stored_fields()
    }


def count() -> int:
    searcher, _ = state().get()
    return searcher.doc_count()
