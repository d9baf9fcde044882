"""What an import did: per-file results, the run's summary, and how failures read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

NEW, UPDATED, UNCHANGED, KEPT_EDITED = "new", "updated", "unchanged", "kept_edited"

Progress = Callable[[int, int, Path], None]


@dataclass
class Message:
    kind: str  # "error" | "note" | "kept"
    path: str
    text: str = ""

    def __str__(self) -> str:
        if self.kind == "kept":
            return f"kept edited: {self.path}{self.text}"
        return f"{self.kind}: {self.path}: {self.text}"


@dataclass
class FileResult:
    path: Path
    outcomes: list[str] = field(default_factory=list)  # one per meeting in the file
    meeting_ids: list[int] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    error: str | None = None
    index_error: str | None = None  # stored, but (some of) it is not in the search index

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_edited: int = 0
    failed: int = 0  # files
    files: list[FileResult] = field(default_factory=list)
    replayed: list[Message] = field(default_factory=list)  # what earlier runs left unindexed
    # Filled when a second process indexed (meetings/indexing/worker.py):
    index_worker_seconds: float | None = None  # its time indexing, overlapping ours
    index_worker_cpu_seconds: float | None = None  # its CPU time indexing
    index_wait_seconds: float = 0.0  # our time blocked on it
    index_batches: int = 0  # batches of files handed to it
    index_writes: int = 0  # its index commits (batches that queued up share one)

    def add(self, result: FileResult) -> None:
        self.files.append(result)
        if result.failed:
            self.failed += 1
        for outcome in result.outcomes:
            setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def not_indexed(self) -> int:
        """Files stored but not (fully) indexed; known once the import has returned."""
        return sum(1 for result in self.files if result.index_error is not None)

    @property
    def messages(self) -> list[Message]:
        return self.replayed + [message for result in self.files for message in result.messages]

    @property
    def replay_failed(self) -> bool:
        return any(message.kind == "error" for message in self.replayed)

    @property
    def errors(self) -> list[Message]:
        return [message for message in self.messages if message.kind == "error"]

    def line(self) -> str:
        line = (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.kept_edited} kept (edited), {self.failed} failed"
        )
        if self.not_indexed:
            line += f", {self.not_indexed} not fully indexed (see check_index --fix)"
        return line


def report_not_indexed(results: list[FileResult], error: Exception) -> None:
    """Report an indexing failure as an error of the files it concerns.

    When only some statements could not be indexed (the search package's
    DocumentsNotIndexed, known here by its `failures` and `meetings`: the
    importer does not import the search side), only their files are
    reported, each naming its statements; the rest of the batch is indexed.
    """
    if isinstance(getattr(error, "failures", None), dict):
        by_meeting: dict[int, list[int]] = {}
        for statement_id in sorted(error.failures):
            by_meeting.setdefault(error.meetings.get(statement_id), []).append(statement_id)
        for result in results:
            for meeting_id in result.meeting_ids:
                for statement_id in by_meeting.pop(meeting_id, []):
                    reason = (
                        f"stored, but statement {statement_id} could not be indexed "
                        f"({error.failures[statement_id]})"
                    )
                    result.index_error = reason
                    result.messages.append(Message("error", str(result.path), reason))
        if not by_meeting:
            return
        results = results[:1]  # statements of no file of this batch: reported once
    for result in results:
        reason = f"stored, but the search index was not updated ({one_line(error, result.path)})"
        result.index_error = reason
        result.messages.append(Message("error", str(result.path), reason))


def fail(result: FileResult, reason: str) -> FileResult:
    result.error = reason
    result.messages.append(Message("error", str(result.path), reason))
    return result


def one_line(error: Exception, path: Path) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    for prefix in (f"{path}: ", f"{path.name}: "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text
