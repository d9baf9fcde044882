"""meetings/parsing/sources.py: a NUL byte anywhere refuses the file, on every database."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings import importer
from meetings.models import Meeting, Statement
from meetings.parsing.record import ParseError
from meetings.parsing.sources import decode_source, read_source

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
LONG_SEED = SEEDS / "001_8c808e7691950097.txt"  # 13,344 bytes
NUL_OFFSET = 10_000  # past the 8,192 bytes once checked


def with_nul(path: Path, offset: int) -> bytes:
    raw = bytearray(path.read_bytes())
    assert len(raw) > offset
    raw[offset] = 0
    return bytes(raw)


@pytest.fixture
def late_nul(tmp_path) -> Path:
    path = tmp_path / "late_nul.txt"
    path.write_bytes(with_nul(LONG_SEED, NUL_OFFSET))
    return path


@pytest.mark.parametrize("offset", [0, 8191, 8192, NUL_OFFSET, 13_343])
def test_a_nul_anywhere_is_refused_with_its_offset(offset):
    with pytest.raises(ParseError) as error:
        decode_source("x.txt", with_nul(LONG_SEED, offset), label="some/x.txt")
    assert str(error.value) == (
        f"some/x.txt: binary file (NUL byte at offset {offset}), not a text"
    )


def test_a_text_without_nul_still_reads():
    assert read_source(LONG_SEED).text.startswith(LONG_SEED.read_text()[:40])


@pytest.mark.django_db
def test_a_late_nul_fails_the_file_alone_on_this_database(late_nul):
    summary = importer.import_paths([late_nul, SEEDS / "000_256520c6491b54b8.txt"])

    assert summary.line() == "1 new, 0 updated, 0 unchanged, 0 kept (edited), 1 failed"
    [error] = summary.errors
    assert str(error) == (
        f"error: {late_nul}: binary file (NUL byte at offset {NUL_OFFSET}), not a text"
    )
    assert list(Meeting.objects.values_list("source_name", flat=True)) == [
        "000_256520c6491b54b8.txt"
    ]
    # (SQLite's LIKE stops at a NUL, so look in Python.)
    assert not any("\x00" in text for text in Statement.objects.values_list("text", flat=True))


@pytest.mark.django_db
def test_import_meetings_reports_the_late_nul_and_goes_on(late_nul):
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="1 of 2 files failed"):
        call_command(
            "import_meetings",
            str(late_nul),
            str(SEEDS / "004_563a0f5284475358.txt"),
            stdout=out,
            stderr=err,
        )

    assert err.getvalue().splitlines() == [
        f"error: {late_nul}: binary file (NUL byte at offset {NUL_OFFSET}), not a text"
    ]
    assert out.getvalue().strip().splitlines()[-1] == (
        "1 new, 0 updated, 0 unchanged, 0 kept (edited), 1 failed"
    )
    assert Meeting.objects.count() == 1
