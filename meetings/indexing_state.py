"""Whether a bulk import is running in this thread.

The importer indexes each file's meetings once, through one writer, after the
file's transaction commits; the search signals check `is_bulk_import()` and
skip their per-row work meanwhile.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_state = threading.local()
logger = logging.getLogger(__name__)


def is_bulk_import() -> bool:
    return getattr(_state, "depth", 0) > 0


@contextmanager
def bulk_import() -> Iterator[None]:
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        yield
    finally:
        _state.depth -= 1


def index_after_commit(
    function: str | Callable[[list[int]], object],
    ids: list[int],
    on_error: Callable[[Exception], None] | None = None,
) -> None:
    """Call `function`(ids) once the current transaction commits.

    A name means meetings.search.<name>, looked up at call time and skipped
    when the search side does not provide it, so importing and merging work
    whatever state the search package is in. A failure there cannot undo the
    committed rows: it is logged and handed to `on_error`, and
    `manage.py check_index` can repair the index later.
    """
    from django.db import transaction

    ids = list(ids)
    if not ids:
        return

    def run() -> None:
        from meetings import search

        call = getattr(search, function, None) if isinstance(function, str) else function
        if call is None:
            return
        try:
            call(ids)
        except Exception as error:
            logger.warning("%s(%s) failed: %s", getattr(call, "__name__", call), ids, error)
            if on_error is not None:
                on_error(error)

    transaction.on_commit(run)
