"""Small builders shared by the parser tests."""

from __future__ import annotations

import textwrap

from meetings.parsing import PeopleAuthority, parse_text
from meetings.parsing.record import MeetingRecord, StatementRecord

NO_AUTHORITY = PeopleAuthority([])


def parse_one(text: str, authority: PeopleAuthority | None = NO_AUTHORITY) -> MeetingRecord:
    records = parse_text(textwrap.dedent(text).lstrip("\n"), "test.txt", authority)
    assert len(records) == 1
    return records[0]


def holding(record: MeetingRecord, snippet: str) -> StatementRecord:
    """The one statement whose text holds `snippet`."""
    found = [s for s in record.statements if snippet in s.text]
    assert len(found) == 1, [s.text for s in record.statements]
    return found[0]


def summary(
    body: str, title: str = "Japan-Russia Summit Meeting", date: str = "June 10, 2004"
) -> str:
    return f"{title}\n\n{date}\n\n{textwrap.dedent(body).strip()}\n"
