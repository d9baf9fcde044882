"""Reading source files: size, binary and encoding checks with one-line errors."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .record import ParseError

MAX_SOURCE_BYTES = 2 * 1024 * 1024
# Tried in order; cp1252 covers the usual "smart quotes" of Windows-saved pages,
# latin-1 accepts any byte string, so it is the last resort.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")


@dataclass(frozen=True)
class SourceText:
    name: str  # the file's base name, the record's `source`
    text: str
    encoding: str
    checksum: str  # sha256 of the raw bytes

    @property
    def decoded_with_fallback(self) -> bool:
        return self.encoding not in ("utf-8", "utf-8-sig")


def read_source(path: str | Path, max_bytes: int = MAX_SOURCE_BYTES) -> SourceText:
    path = Path(path)
    if not path.exists():
        raise ParseError(f"{path}: no such file")
    if not path.is_file():
        raise ParseError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise ParseError(f"{path}: empty file")
    if size > max_bytes:
        raise ParseError(f"{path}: file too large ({size} bytes, limit {max_bytes})")
    raw = path.read_bytes()
    return decode_source(path.name, raw, label=str(path))


def decode_source(name: str, raw: bytes, label: str | None = None) -> SourceText:
    label = label or name
    # The whole file, not its start: a NUL anywhere is stored by SQLite yet
    # refused by PostgreSQL, so it is refused here, the same on every database.
    offset = raw.find(b"\x00")
    if offset >= 0:
        raise ParseError(f"{label}: binary file (NUL byte at offset {offset}), not a text")
    checksum = hashlib.sha256(raw).hexdigest()
    for encoding in ("utf-8-sig", *FALLBACK_ENCODINGS):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not text.strip():
            raise ParseError(f"{label}: empty file (only white space)")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return SourceText(name=name, text=text, encoding=encoding, checksum=checksum)
    raise ParseError(f"{label}: cannot decode text")  # unreachable: latin-1 decodes anything
