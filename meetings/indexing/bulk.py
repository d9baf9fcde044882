"""Whether a bulk import is running in this thread.

The importer indexes each file's meetings once, through one writer, after the
file's transaction commits; the signals (meetings/indexing/signals.py) and the
change history check `is_bulk_import()` and skip their per-row work meanwhile.
Standard library only: models read it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

_state = threading.local()


def is_bulk_import() -> bool:
    return getattr(_state, "depth", 0) > 0


@contextmanager
def bulk_import() -> Iterator[None]:
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        yield
    finally:
        _state.depth -= 1
