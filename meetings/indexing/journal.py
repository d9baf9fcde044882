"""Meetings stored but not yet confirmed in the search index: a durable note each.

The importer notes every meeting it stores (`note`) inside the file's
transaction, so the note commits with the rows or not at all. Whoever indexes
meetings reads their notes first (`notes_for`), writes the index, and only
once the index has committed deletes the notes it read (`forget`): a note
written after that read (the meeting stored again meanwhile) stays.

A process killed anywhere between a file's commit and the index write leaves
its notes behind; every import run and `check_index --fix` first replays them
(`replay`), so after a re-run the database and the index are equal again,
whichever backend holds the index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from meetings import search
from meetings.models import PendingIndex

REPLAY_BATCH = 200  # meetings per index writer while replaying


def note(meeting_ids: Iterable[int]) -> None:
    """Record that these meetings await indexing (call inside the storing transaction)."""
    PendingIndex.objects.bulk_create([PendingIndex(meeting_id=pk) for pk in meeting_ids])


def notes_for(meeting_ids: Iterable[int]) -> dict[int, int]:
    """{note id: meeting id} of the notes now committed for these meetings."""
    rows = PendingIndex.objects.filter(meeting_id__in=list(meeting_ids))
    return dict(rows.values_list("id", "meeting_id"))


def settled(notes: dict[int, int], error: Exception | None = None) -> list[int]:
    """The notes whose meetings the index write that ended with `error` fully holds.

    Without an error all of them; when only some statements could not be
    indexed (DocumentsNotIndexed), all but their meetings'; after any other
    failure, or when a statement's meeting is not named, none: nothing is
    known to be written.
    """
    if error is None:
        return list(notes)
    if isinstance(error, search.DocumentsNotIndexed) and set(error.meetings) >= set(error.failures):
        failed = set(error.meetings.values())
        return [pk for pk, meeting_id in notes.items() if meeting_id not in failed]
    return []


def forget(note_ids: Iterable[int]) -> None:
    note_ids = list(note_ids)
    if note_ids:
        PendingIndex.objects.filter(id__in=note_ids).delete()


@contextmanager
def settling(notes: dict[int, int]) -> Iterator[None]:
    """Around an index write: forget the notes it settled, all of them when it
    returns, those its error spares when it raises (and re-raise)."""
    try:
        yield
    except Exception as error:
        forget(settled(notes, error))
        raise
    forget(notes)


def index_meetings(meeting_ids: Iterable[int]) -> int:
    """search.index_meetings, then forget the notes it settled; raises as that does."""
    meeting_ids = list(meeting_ids)
    with settling(notes_for(meeting_ids)):
        return search.index_meetings(meeting_ids)


def pending_meetings() -> list[int]:
    return sorted(set(PendingIndex.objects.values_list("meeting_id", flat=True)))


@dataclass
class Replay:
    """What replaying the notes did: meetings re-indexed and what could not be."""

    meetings: int = 0
    failures: dict[int, str] = field(default_factory=dict)  # statement id: reason
    error: str | None = None  # the index could not be written at all; the notes stay

    @property
    def complete(self) -> bool:
        return not self.failures and self.error is None


def replay(batch: int = REPLAY_BATCH) -> Replay:
    """Index every meeting that still has a note, a batch per writer."""
    result = Replay()
    meeting_ids = pending_meetings()
    for start in range(0, len(meeting_ids), batch):
        chunk = meeting_ids[start : start + batch]
        try:
            index_meetings(chunk)
        except search.DocumentsNotIndexed as error:
            result.failures.update(error.failures)
        except Exception as error:  # e.g. the index is busy: stop, the next run tries again
            text = str(error).strip().splitlines()[0] if str(error).strip() else ""
            result.error = f"{type(error).__name__}: {text}".rstrip(": ")
            return result
        result.meetings += len(chunk)
    return result


def rebuild(on_batch: Callable[[int, int], None] | None = None) -> int:
    """search.rebuild, then forget the notes it settled (every note read before it)."""
    with settling(dict(PendingIndex.objects.values_list("id", "meeting_id"))):
        return search.rebuild(on_batch)
