"""Search tests run on Whoosh always, and on PostgreSQL FTS too with --db=postgres
(the `search_backend` fixture, in tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.search.corpus import create_corpus


@pytest.fixture
def corpus(search_backend):
    """The small seed-text corpus, indexed through the save signals."""
    return create_corpus()
