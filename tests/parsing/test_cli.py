"""python -m meetings.parsing: JSON out, one error line per failed file, exit status."""

from __future__ import annotations

import io
import json
from pathlib import Path

from meetings.parsing.__main__ import run

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "004_563a0f5284475358.txt"


def test_json_output_and_error_lines(tmp_path):
    bad = tmp_path / "table.csv"
    bad.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    status = run([str(SEED), str(bad), str(tmp_path / "missing.txt")], True, out, err)
    assert status == 1
    records = json.loads(out.getvalue())
    assert [r["source"] for r in records] == [SEED.name]
    lines = err.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {bad}: ")
    assert lines[1] == f"error: {tmp_path / 'missing.txt'}: no such file"


def test_summary_output(tmp_path):
    out = io.StringIO()
    assert run([str(SEED)], False, out, io.StringIO()) == 0
    assert "[summit]" in out.getvalue()
