"""The parser tests need neither Django nor a database: only the project root on sys.path."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def _isolated_search_index():
    """The suite-wide search-index fixture needs Django settings; pure parser tests do not."""
    yield
