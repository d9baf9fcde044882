"""The backup file: JSON Lines, plain or gzip-compressed (a name ending in .gz).

Line 1 is the header:

    {"format": "diplomatic-archive-backup", "version": 1, "written": "2025-…Z",
     "migrations": {"meetings": ["0001_initial", …], …},
     "models": {"auth.group": 0, "auth.user": 2, "meetings.person": 31, …}}

`models` gives every table's row count, in the order the rows follow. Each
further line is one row in Django's serialization format:
{"model": "meetings.person", "pk": 7, "fields": {…}}; accounts have no pk and
are known by name, and rows point to users by name too.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

FORMAT = "diplomatic-archive-backup"
VERSION = 1
GZIP_MAGIC = b"\x1f\x8b"


class BackupError(Exception):
    """A backup could not be written or restored; the message is one line."""


def one_line(error: BaseException, limit: int = 300) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def header(migrations: dict, counts: dict, written: str) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "written": written,
        "migrations": migrations,
        "models": counts,
    }


def check_header(line: str | None) -> dict:
    if not line:
        raise BackupError("the file is empty: it is not an archive backup")
    try:
        data = json.loads(line)
    except ValueError:
        raise BackupError("line 1 is not a backup header: this is not an archive backup") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("line 1 is not a backup header: this is not an archive backup")
    if data.get("version") != VERSION:
        raise BackupError(
            f"backup format version {data.get('version')!r} is not one this archive reads "
            f"(it reads version {VERSION})"
        )
    models, migrations = data.get("models"), data.get("migrations")
    if not isinstance(models, dict) or not isinstance(migrations, dict):
        raise BackupError("the backup header lacks its model counts or migrations")
    if not all(isinstance(n, int) and n >= 0 for n in models.values()):
        raise BackupError("the backup header's model counts are not whole numbers")
    return data


@contextmanager
def writing(path: Path) -> Iterator[io.TextIOBase]:
    """A text stream that becomes `path` only when the block succeeds.

    Rows go to a temporary file beside it, renamed at the end, so a failed or
    interrupted export never leaves a file that looks like a whole backup.
    Missing folders on the way are made.
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = partial.open("wb")
    except OSError as error:
        raise BackupError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        binary = gzip.GzipFile(fileobj=raw, mode="wb") if path.suffix == ".gz" else raw
        with io.TextIOWrapper(binary, encoding="utf-8", newline="\n") as stream:
            yield stream
        raw.close()
        os.replace(partial, path)
    except BaseException:
        raw.close()
        partial.unlink(missing_ok=True)
        raise


@contextmanager
def reading(path: Path) -> Iterator[Iterator[tuple[int, str]]]:
    """(line number, line) pairs; gzip is recognised by its first bytes, not the name."""
    path = Path(path)
    try:
        raw = path.open("rb")
    except OSError as error:
        raise BackupError(f"cannot read {path}: {error.strerror or error}") from None
    with raw:
        compressed = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        binary = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        yield _numbered_lines(io.TextIOWrapper(binary, encoding="utf-8", newline="\n"))


def _numbered_lines(stream: io.TextIOBase) -> Iterator[tuple[int, str]]:
    number = 0
    try:
        for number, line in enumerate(stream, start=1):
            yield number, line
    except UnicodeDecodeError:
        raise BackupError(f"line {number + 1} is not UTF-8 text: the file is damaged") from None
    except (EOFError, gzip.BadGzipFile, OSError) as error:
        raise BackupError(
            f"the compressed file breaks off after line {number} ({one_line(error)}): "
            "it is damaged or was cut short"
        ) from None
