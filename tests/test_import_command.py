"""manage.py import_meetings: output, errors, exit status, dry run."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting, Statement

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*args, stdout=None):
    out, err = stdout or io.StringIO(), io.StringIO()
    call_command("import_meetings", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_then_reimport_reports_unchanged(seed_paths):
    out, err = run(*seed_paths)
    assert out.strip().splitlines()[-1] == (
        "5 new, 0 updated, 0 unchanged, 0 kept (edited), 0 failed"
    )
    assert err == ""
    statements = Statement.objects.count()

    out, err = run(SEEDS)  # the folder means its *.txt files

    assert out.strip().splitlines()[-1] == (
        "0 new, 0 updated, 5 unchanged, 0 kept (edited), 0 failed"
    )
    assert Meeting.objects.count() == 5
    assert Statement.objects.count() == statements


@pytest.mark.django_db
def test_bad_files_are_reported_on_stderr_and_exit_non_zero(tmp_path, seed_paths):
    good = Path(shutil.copy(seed_paths[0], tmp_path / "good.txt"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"GIF89a\x00\x01\x00\x00" * 50)
    prose = tmp_path / "prose.txt"
    prose.write_text("It was a bright cold day in April.\n\nThe clocks were striking.\n")
    missing = tmp_path / "missing.txt"
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="4 of 5 files failed") as failure:
        call_command("import_meetings", good, empty, binary, prose, missing, stdout=out, stderr=err)

    assert failure.value.returncode == 1
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 4
    for path, line in zip((empty, binary, prose, missing), lines, strict=True):
        assert line.startswith(f"error: {path}: ")
    assert out.getvalue().strip().splitlines()[-1] == (
        "1 new, 0 updated, 0 unchanged, 0 kept (edited), 4 failed"
    )
    assert list(Meeting.objects.values_list("source_name", flat=True)) == ["good.txt"]


@pytest.mark.django_db
def test_notes_and_kept_edits_are_printed_unless_quiet(tmp_path, seed_paths):
    text = seed_paths[1].read_text(encoding="utf-8").replace("'", "\u2019")
    windows = tmp_path / "windows.txt"
    windows.write_bytes(text.encode("cp1252"))

    out, _ = run(windows)
    assert f"note: {windows}: decoded as cp1252" in out.splitlines()

    Meeting.objects.update(edited=True)
    windows.write_bytes(text.replace("Summit", "summit").encode("cp1252"))
    out, _ = run(windows)
    assert f"kept edited: {windows}" in out.splitlines()
    assert out.strip().splitlines()[-1] == (
        "0 new, 0 updated, 0 unchanged, 1 kept (edited), 0 failed"
    )

    out, _ = run(windows, "--quiet")
    assert out.strip().splitlines() == ["0 new, 0 updated, 0 unchanged, 1 kept (edited), 0 failed"]

    out, _ = run(windows, "--overwrite-edited")
    assert out.strip().splitlines()[-1] == (
        "0 new, 1 updated, 0 unchanged, 0 kept (edited), 0 failed"
    )
    assert Meeting.objects.get().edited is False


@pytest.mark.django_db
def test_dry_run_writes_nothing(seed_paths):
    out, _ = run(*seed_paths, "--dry-run")

    assert out.strip().splitlines()[-1] == (
        "dry run: 5 new, 0 updated, 0 unchanged, 0 kept (edited), 0 failed"
    )
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_progress_bar_only_on_a_terminal(seed_paths):
    plain, _ = run(*seed_paths)
    assert "\r" not in plain and "[" not in plain

    Meeting.objects.all().delete()
    terminal, _ = run(*seed_paths, stdout=Terminal())
    assert f"\r[{'#' * 30}] 5/5" in terminal
    assert terminal.strip().splitlines()[-1].endswith("0 failed")


@pytest.mark.django_db
def test_quiet_terminal_has_no_progress_bar(seed_paths):
    out, _ = run(*seed_paths, "--quiet", stdout=Terminal())
    assert out.strip().splitlines() == ["5 new, 0 updated, 0 unchanged, 0 kept (edited), 0 failed"]
