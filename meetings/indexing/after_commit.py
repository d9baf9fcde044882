"""Index work that waits for the current transaction to commit, one typed call per kind.

    from meetings.indexing import after_commit
    after_commit.index_meetings(meeting_ids)
    after_commit.index_people(person_ids)
    after_commit.index_stored_meetings(meeting_ids, on_error)  # and settle their notes

Outside a transaction the call runs at once. A failure cannot undo the
committed rows: it is logged and handed to `on_error`, and
`manage.py check_index` can repair the index later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import transaction

from meetings import search

from . import journal

logger = logging.getLogger(__name__)

OnError = Callable[[Exception], None]


def index_meetings(meeting_ids: Iterable[int], on_error: OnError | None = None) -> None:
    """search.index_meetings(meeting_ids) after commit."""
    _after_commit(search.index_meetings, meeting_ids, on_error)


def index_people(person_ids: Iterable[int], on_error: OnError | None = None) -> None:
    """search.index_people(person_ids) after commit: every statement they spoke."""
    _after_commit(search.index_people, person_ids, on_error)


def index_stored_meetings(meeting_ids: Iterable[int], on_error: OnError | None = None) -> None:
    """Index meetings the importer noted in the journal, then forget the notes settled."""
    _after_commit(journal.index_meetings, meeting_ids, on_error)


def _after_commit(
    call: Callable[[list[int]], object], ids: Iterable[int], on_error: OnError | None
) -> None:
    ids = list(ids)
    if not ids:
        return

    def run() -> None:
        try:
            call(ids)
        except Exception as error:
            logger.warning("%s(%s) failed: %s", call.__qualname__, ids, error)
            if on_error is not None:
                on_error(error)

    transaction.on_commit(run)
