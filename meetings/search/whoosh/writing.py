"""Keeping the Whoosh index true to the database: one writer per call, deletes then adds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.conf import settings
from whoosh.index import LockError
from whoosh.writing import NO_MERGE

from .. import documents
from ..errors import DocumentsNotIndexed, IndexBusy
from .schema import doc_fields
from .searcher import state
from .storage import journal, open_live_index

SMALL_COMMIT_DOCS = 500
MAX_SEGMENTS_UNMERGED = 40


@contextmanager
def writer(ix=None, small: bool = False, **options):
    """A writer that waits up to SEARCH_WRITER_TIMEOUT_S for the lock, then fails clearly.

    `small` commits (a few edited statements) add their segment without
    merging others, while the index has fewer than MAX_SEGMENTS_UNMERGED:
    a merge rewrites whole segments, seconds of work an editor would wait
    for. Any larger commit merges as Whoosh chooses, so segments stay few,
    and sorts up to SEARCH_WRITER_MEMORY_MB in memory: past it Whoosh spills
    sorted runs to disk, and a merge of large segments costs twice the CPU.
    """
    ix = ix or open_live_index()[0]
    timeout = settings.SEARCH_WRITER_TIMEOUT_S
    options.setdefault("limitmb", settings.SEARCH_WRITER_MEMORY_MB)
    try:
        index_writer = ix.writer(timeout=timeout, delay=0.05, **options)
    except LockError:
        raise IndexBusy(
            f"the search index is busy: another writer held it for more than {timeout:g} s; "
            "nothing was written (run `manage.py check_index --fix` later)"
        ) from None
    try:
        yield index_writer
    except BaseException:
        index_writer.cancel()
        raise
    else:
        if small and len(index_writer.segments) < MAX_SEGMENTS_UNMERGED:
            index_writer.commit(mergetype=NO_MERGE)
        else:
            index_writer.commit()
    finally:
        state().mark_stale()


def _delete_where(index_writer, field: str, keys: Iterable) -> None:
    """Delete the documents whose `field` is one of `keys`, through one searcher.

    Whoosh's delete_by_term and update_document open a searcher over every
    segment for each call; with a hundred documents that was most of a
    small commit.
    """
    with index_writer.searcher() as searcher:
        leaves = list(searcher.reader().leaf_readers())
        for key in {str(k) for k in keys}:
            for reader, offset in leaves:
                if reader.doc_frequency(field, key):
                    for docnum in reader.postings(field, key).all_ids():
                        index_writer.delete_document(offset + docnum)


def unindexable(schema, docs: Iterable[documents.StatementDoc]) -> dict[int, str]:
    """{statement id: reason} for the docs Whoosh cannot analyse.

    Run only after a write failed: it analyses every field again. Whoosh's
    add_document cannot be retried within a writer (a failed document leaves
    postings behind under the number the next document gets), so the caller
    cancels the writer and writes again without these.
    """
    failures = {}
    for doc in docs:
        try:
            for name, value in doc_fields(doc).items():
                field = schema[name]
                if field.indexed and value is not None:
                    for _posting in field.index(value):
                        pass
        except Exception as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
            failures[doc.id] = f"{type(error).__name__}: {reason}".rstrip(": ")
    return failures


def _write_each(write: Callable[[list], None], docs: list[documents.StatementDoc]) -> int:
    """write(docs) in one writer; a document Whoosh cannot index is left out alone.

    Then the others are written and DocumentsNotIndexed names the ones left
    out, so one statement's content never unindexes its batch.
    """
    try:
        write(docs)
        return len(docs)
    except IndexBusy:
        raise
    except Exception:
        failures = unindexable(open_live_index()[0].schema, docs)
        if not failures:
            raise
    write([doc for doc in docs if doc.id not in failures])
    meetings = {doc.id: doc.meeting_id for doc in docs if doc.id in failures}
    raise DocumentsNotIndexed(failures, meetings)


def sync_statements(ids: Iterable[int]) -> int:
    """Make the index match the database for these statement ids (add, update or remove)."""
    ids = sorted({int(i) for i in ids})
    if not ids:
        return 0

    def write(docs):
        with writer(small=len(ids) <= SMALL_COMMIT_DOCS) as index_writer:
            _delete_where(index_writer, "id", ids)  # then plain adds: an update without look-ups
            for doc in docs:
                index_writer.add_document(**doc_fields(doc))

    docs = documents.load_docs(ids)
    try:
        return _write_each(write, docs)
    finally:
        journal(ids)


def sync_meetings(meeting_ids: Iterable[int]) -> int:
    meeting_ids = sorted({int(i) for i in meeting_ids})
    if not meeting_ids:
        return 0

    def write(docs):
        with writer() as index_writer:
            _delete_where(index_writer, "meeting", meeting_ids)
            for doc in docs:
                index_writer.add_document(**doc_fields(doc))

    docs = documents.load_docs(documents.statement_ids_for_meetings(meeting_ids))
    try:
        return _write_each(write, docs)
    finally:
        journal(doc.id for doc in docs)


def remove_meetings(meeting_ids: Iterable[int]) -> None:
    with writer() as index_writer:
        _delete_where(index_writer, "meeting", meeting_ids)


def remove_statements(ids: Iterable[int]) -> None:
    ids = list(ids)
    with writer() as index_writer:
        _delete_where(index_writer, "id", ids)
    journal(ids)
