"""python -m meetings.parsing FILE... [--json]: the parse_meeting command without Django."""

from __future__ import annotations

import argparse
import json
import sys

from . import ParseError, load_default_authority, parse_file
from .record import MeetingRecord


def summary_line(record: MeetingRecord) -> str:
    principals = ", ".join(p.name for p in record.participants if p.role == "principal")
    dates = ", ".join(record.meeting_dates) or "no date"
    return (
        f"{record.source}: {record.title or '(untitled)'} [{record.meeting_type}] {dates}; "
        f"principals: {principals or 'none'}; {len(record.sections)} sections, "
        f"{len(record.statements)} statements"
    )


def run(paths: list[str], as_json: bool, out=sys.stdout, err=sys.stderr) -> int:
    """Parse each file; print records, one error line per failed file; 1 if any failed."""
    authority = load_default_authority()
    records: list[MeetingRecord] = []
    failed = False
    for path in paths:
        try:
            records.extend(parse_file(path, authority))
        except (ParseError, OSError) as error:
            failed = True
            print(error_line(path, error), file=err)
    if as_json:
        print(json.dumps([r.to_json() for r in records], indent=2, ensure_ascii=False), file=out)
    else:
        for record in records:
            print(summary_line(record), file=out)
    return 1 if failed else 0


def error_line(path: str, error: Exception) -> str:
    """ "error: FILE: reason" on one line, without the file named twice."""
    reason = " ".join(str(error).split()) or error.__class__.__name__
    reason = reason.removeprefix(f"{path}: ")
    return f"error: {path}: {reason}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m meetings.parsing")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--json", action="store_true", help="print RECORD_FORMAT JSON")
    args = parser.parse_args(argv)
    return run(args.files, args.json)


if __name__ == "__main__":
    sys.exit(main())
