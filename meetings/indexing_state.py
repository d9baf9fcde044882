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
    function_name: str, ids: list[int], on_error: Callable[[Exception], None] | None = None
) -> None:
    """Call meetings.search.<function_name>(ids) once the current transaction commits.

    Looked up at call time and skipped when the search side does not provide it,
    so importing and merging work whatever state the search package is in. A
    failure there cannot undo the committed rows: it is logged and handed to
    `on_error`, and `manage.py check_index` can repair the index later.
    """
    from django.db import transaction

    ids = list(ids)
    if not ids:
        return

    def run() -> None:
        from meetings import search

        function = getattr(search, function_name, None)
        if function is None:
            return
        try:
            function(ids)
        except Exception as error:
            logger.warning("search.%s(%s) failed: %s", function_name, ids, error)
            if on_error is not None:
                on_error(error)

    transaction.on_commit(run)
