"""Where a source file came from: its page URL, publisher and access date.

Pure Python, no Django. The values come from a `sources.csv` beside the
imported files (columns: file,url,publisher,accessed) or from the options of
`manage.py import_meetings`; the importer stores them on each Meeting.

    sources = read_sources_csv(Path("fixtures/seeds/sources.csv"))
    sources["000_256520c6491b54b8.txt"].url   # "http://www.mofa.go.jp/…"

Every problem is a SourcesFileError whose message is one line naming the
file and the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

SOURCES_FILE = "sources.csv"
COLUMNS = ("file", "url", "publisher", "accessed")
URL_RE = re.compile(r"https?://[^\s/]+\S*\Z")
MAX_URL_LENGTH = 1000
MAX_PUBLISHER_LENGTH = 200


class SourcesFileError(ValueError):
    """A sources.csv (or an --source-url/--publisher/--accessed value) is unusable."""


@dataclass(frozen=True)
class Provenance:
    url: str = ""
    publisher: str = ""
    accessed: dt.date | None = None

    def overridden_by(self, other: Provenance | None) -> Provenance:
        """These values, with each one `other` gives taking precedence."""
        if other is None:
            return self
        return replace(
            self,
            url=other.url or self.url,
            publisher=other.publisher or self.publisher,
            accessed=other.accessed or self.accessed,
        )


def parse_accessed(value: str, where: str) -> dt.date:
    text = value.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SourcesFileError(
            f"{where}: accessed date {text!r} is not a date (YYYY-MM-DD)"
        ) from None


def check_url(value: str, where: str) -> str:
    url = value.strip()
    if not URL_RE.match(url):
        raise SourcesFileError(f"{where}: url {url!r} is not an http(s) address")
    if len(url) > MAX_URL_LENGTH:
        raise SourcesFileError(f"{where}: url longer than {MAX_URL_LENGTH} characters")
    return url


def check_publisher(value: str, where: str) -> str:
    publisher = " ".join(value.split())
    if len(publisher) > MAX_PUBLISHER_LENGTH:
        raise SourcesFileError(f"{where}: publisher longer than {MAX_PUBLISHER_LENGTH} characters")
    return publisher


def read_sources_csv(path: Path) -> dict[str, Provenance]:
    """The rows of one sources.csv, keyed by the `file` column (a path relative to it)."""
    rows = _read_rows(path)
    header = _header(path, rows)
    column = {name: header.index(name) for name in COLUMNS}
    sources: dict[str, Provenance] = {}
    files_by_url: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path}, line {number}"
        if len(row) != len(header):
            raise SourcesFileError(f"{where}: {len(row)} fields, the header has {len(header)}")
        name, provenance = _source_row({n: row[i].strip() for n, i in column.items()}, where)
        if name in sources:
            raise SourcesFileError(f"{where}: {name} is listed twice")
        if provenance.url in files_by_url:
            # The URL is the file's identity: two files cannot share it.
            raise SourcesFileError(f"{where}: url already given for {files_by_url[provenance.url]}")
        sources[name] = provenance
        files_by_url[provenance.url] = name
    return sources


def _read_rows(path: Path) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SourcesFileError(f"{path}: cannot read: {_one_line(error)}") from error
    if not rows:
        raise SourcesFileError(f"{path}: empty, expected the header {','.join(COLUMNS)}")
    return rows


def _header(path: Path, rows: list[list[str]]) -> list[str]:
    header = [name.strip().lower() for name in rows[0]]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise SourcesFileError(
            f"{path}, line 1: missing column(s) {', '.join(missing)} (expected {','.join(COLUMNS)})"
        )
    return header


def _source_row(values: dict[str, str], where: str) -> tuple[str, Provenance]:
    """One row's file name and provenance, each field checked."""
    name = values["file"].replace("\\", "/")
    if not name:
        raise SourcesFileError(f"{where}: no file named")
    if not values["url"]:
        raise SourcesFileError(f"{where}: no url")
    if not values["accessed"]:
        raise SourcesFileError(f"{where}: no accessed date (YYYY-MM-DD)")
    return name, Provenance(
        url=check_url(values["url"], where),
        publisher=check_publisher(values["publisher"], where),
        accessed=parse_accessed(values["accessed"], where),
    )


def _one_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class SourcesCatalog:
    """The sources.csv beside each imported file, each read once per run."""

    def __init__(self):
        self._folders: dict[Path, dict[str, Provenance] | None] = {}

    def in_folder(self, folder: Path) -> dict[str, Provenance] | None:
        """The folder's sources.csv rows; None when it has no sources.csv."""
        folder = Path(folder)
        if folder not in self._folders:
            csv_path = folder / SOURCES_FILE
            self._folders[folder] = read_sources_csv(csv_path) if csv_path.is_file() else None
        return self._folders[folder]

    def for_file(self, path: Path) -> tuple[Provenance | None, bool]:
        """(the file's row or None, whether a sources.csv lies beside it)."""
        path = Path(path)
        sources = self.in_folder(path.parent)
        if sources is None:
            return None, False
        return sources.get(path.name), True


def path_key(path: Path) -> str:
    """A file's identity when no URL is known: its path relative to the current
    folder (where `manage.py import_meetings` runs), or its absolute path when it
    lies elsewhere; the same file named `./a/x.txt`, `a/x.txt` or `/abs/a/x.txt`
    gets one key."""
    absolute = Path(path).resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()
