"""The importer's entry points: files and folders in, an ImportSummary out.

Each file is read, parsed and stored in its own transaction; a file that
cannot be read, parsed or stored rolls back alone and is reported in one
line, and the other files still import. Stored meetings go to the index
through meetings.indexing (a queue, one writer per batch of files).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from meetings import history, parsing
from meetings.authority import prepare_authority
from meetings.indexing import journal
from meetings.indexing.bulk import bulk_import
from meetings.indexing.queue import IndexQueue, queue_for_run
from meetings.parsing.record import MeetingRecord, ParseError
from meetings.parsing.sources import SourceText, read_source
from meetings.provenance import (
    SOURCES_FILE,
    Provenance,
    SourcesCatalog,
    SourcesFileError,
    path_key,
)

from .cache import RunCache
from .identity import Origin, planned_outcome
from .results import (
    KEPT_EDITED,
    FileResult,
    ImportSummary,
    Message,
    Progress,
    fail,
    one_line,
    report_not_indexed,
)
from .storing import store_file


def import_paths(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    overwrite_edited: bool = False,
    progress: Progress | None = None,
    provenance: Provenance | None = None,
) -> ImportSummary:
    """Import files and folders (a folder means its *.txt files, sorted).

    Each file's provenance comes from the sources.csv beside it; the values
    `provenance` gives take precedence. A sources.csv that cannot be used
    raises SourcesFileError (one line) before anything is imported.
    """
    files = expand_paths(paths)
    catalog = _checked_sources(files, provenance)
    summary = ImportSummary()
    with bulk_import():
        # Inside a caller's transaction this run indexes only after its commit; the
        # notes wait for the next run outside one.
        if not dry_run and not connection.in_atomic_block:
            summary.replayed = replay_pending_index()
        authority = prepare_authority(dry_run=dry_run)
        queue = _queue_for(files, dry_run)
        import_one = partial(
            import_file,
            authority=authority,
            dry_run=dry_run,
            overwrite_edited=overwrite_edited,
            index_queue=queue,
            cache=RunCache(),
            provenance=provenance,
            sources=catalog,
        )
        try:
            _import_each(files, import_one, summary, progress)
            queue.flush()
        finally:  # even when stopped, what was committed gets indexed
            _close_queue(queue, summary)
    return summary


def _import_each(
    files: list[Path],
    import_one: Callable[[Path], FileResult],
    summary: ImportSummary,
    progress: Progress | None,
) -> None:
    for number, path in enumerate(files, start=1):
        summary.add(import_one(path))
        if progress is not None:
            progress(number, len(files), path)


def _checked_sources(files: list[Path], provenance: Provenance | None) -> SourcesCatalog:
    """Every sources.csv the files need, read (and checked) before any import."""
    if provenance is not None and provenance.url and len(files) > 1:
        raise SourcesFileError(
            f"a source URL identifies one file, but {len(files)} files are to be imported"
        )
    catalog = SourcesCatalog()
    for path in files:
        catalog.for_file(path)
    return catalog


def _queue_for(files: list[Path], dry_run: bool) -> IndexQueue[FileResult]:
    if dry_run:  # nothing is stored, so nothing waits for the index
        return IndexQueue(on_error=report_not_indexed)
    return queue_for_run(len(files), on_error=report_not_indexed)


def _close_queue(queue: IndexQueue[FileResult], summary: ImportSummary) -> None:
    queue.close()
    if queue.worker is not None:
        summary.index_worker_seconds = queue.worker.busy_seconds
        summary.index_worker_cpu_seconds = queue.worker.busy_cpu_seconds
        summary.index_wait_seconds = queue.worker.wait_seconds
        summary.index_batches = queue.worker.batches
        summary.index_writes = queue.worker.writes


def replay_pending_index() -> list[Message]:
    """Index the meetings an earlier run stored but was stopped before indexing."""
    replay = journal.replay()
    where = "search index"
    messages = []
    if replay.meetings:
        text = f"re-indexed {replay.meetings} meeting(s) an earlier import left unindexed"
        messages.append(Message("note", where, text))
    for statement_id, reason in sorted(replay.failures.items()):
        text = f"statement {statement_id} could not be indexed ({reason})"
        messages.append(Message("error", where, text))
    if replay.error is not None:
        text = f"meetings an earlier import left unindexed were not re-indexed: {replay.error}"
        messages.append(Message("error", where, text))
    return messages


def import_file(
    path: str | Path,
    *,
    authority=None,
    dry_run: bool = False,
    overwrite_edited: bool = False,
    index_queue: IndexQueue[FileResult] | None = None,
    cache: RunCache | None = None,
    provenance: Provenance | None = None,
    sources: SourcesCatalog | None = None,
) -> FileResult:
    """Import one file in one transaction; its meetings are indexed after commit.

    Without `index_queue` the file's meetings are indexed on their own. The
    file's provenance is its row in the sources.csv beside it, overridden by
    what `provenance` gives.
    """
    path = Path(path)
    result = FileResult(path=path)
    if authority is None:
        authority = prepare_authority(dry_run=dry_run)
    if path.is_dir():
        return fail(result, "folder holds no .txt files")
    origin, unlisted = _origin_of(path, sources or SourcesCatalog(), provenance)
    read = _read(path, authority, result)
    if read is None:
        return result
    source, records = read
    _note_reading(result, source, unlisted)
    if not _store_or_plan(source, records, result, origin, cache, dry_run, overwrite_edited):
        return result
    if index_queue is None:  # indexed on its own
        index_queue = IndexQueue(batch_files=1, on_error=report_not_indexed)
    index_queue.add(result, result.meeting_ids)
    _note_kept(result, len(records))
    return result


def _origin_of(
    path: Path, sources: SourcesCatalog, provenance: Provenance | None
) -> tuple[Origin, bool]:
    """The file's origin, and whether a sources.csv beside it leaves it out."""
    listed, has_sources_file = sources.for_file(path)
    given = (listed or Provenance()).overridden_by(provenance)
    origin = Origin(path_key=path_key(path), name=path.name, given=given)
    return origin, has_sources_file and listed is None and not given.url


def _read(path: Path, authority, result: FileResult):
    """(source, records), or None with the failure recorded on `result`."""
    try:
        source = read_source(path, max_bytes=settings.IMPORT_MAX_FILE_BYTES)
        return source, parse_source(source, authority)
    except ParseError as error:
        fail(result, one_line(error, path))
    except Exception as error:  # a parser bug must not stop the other files
        fail(result, f"parser failed: {type(error).__name__}: {one_line(error, path)}")
    return None


def _note_reading(result: FileResult, source: SourceText, unlisted: bool) -> None:
    where = str(result.path)
    if source.decoded_with_fallback:
        result.messages.append(Message("note", where, f"decoded as {source.encoding}"))
    if unlisted:
        text = f"not listed in {SOURCES_FILE}: no source URL recorded"
        result.messages.append(Message("note", where, text))


def _store_or_plan(source, records, result, origin, cache, dry_run, overwrite_edited) -> bool:
    """Store the file's meetings in one transaction, or (dry run) say what storing would do.

    False when storing failed: the transaction rolled back and `result` says why.
    """
    try:
        if dry_run:
            for index, _record in enumerate(records):
                outcome = planned_outcome(source, index, overwrite_edited, origin, cache)
                result.outcomes.append(outcome)
            return True
        with bulk_import(), transaction.atomic(), history.acting(None, history.IMPORTER):
            store_file(
                source,
                records,
                result,
                overwrite_edited=overwrite_edited,
                cache=cache,
                origin=origin,
            )
        return True
    except Exception as error:  # the transaction rolled back: nothing of this file is kept
        if cache is not None:
            cache.forget()  # it may name rows that were rolled back
        result.outcomes, result.meeting_ids = [], []
        where = one_line(error, result.path)
        fail(result, f"could not store: {type(error).__name__}: {where}")
        return False


def _note_kept(result: FileResult, meetings: int) -> None:
    for index, outcome in enumerate(result.outcomes):
        if outcome == KEPT_EDITED:
            where = f" (meeting {index + 1})" if meetings > 1 else ""
            result.messages.append(Message("kept", str(result.path), where))


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Folders become their *.txt files, sorted; other paths are kept as given."""
    files: list[Path] = []
    for path in map(Path, paths):
        texts = sorted(path.glob("*.txt")) if path.is_dir() else []
        files.extend(texts or [path])  # an empty folder stays, to be reported
    return files


def parse_source(source: SourceText, authority) -> list[MeetingRecord]:
    records = parsing.parse_text(source.text, source.name, authority)
    if not records:
        raise ParseError("not a meeting summary (no meeting found)")
    return records
