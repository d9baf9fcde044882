"""The seed meetings in the database, for the machine-access tests."""

from __future__ import annotations

from pathlib import Path

from meetings import importer
from meetings import search as search_engine
from meetings.models import Meeting


def import_seeds(paths: list[Path], index: bool = False) -> None:
    """Import the seeds with the real importer; `index=True` also builds the search index."""
    summary = importer.import_paths(paths)
    assert not summary.errors, summary.errors
    if index:
        # Tests run inside a transaction, so the importer's on_commit indexing never fires.
        search_engine.rebuild()


def seed_meetings() -> list[Meeting]:
    return list(Meeting.objects.order_by("source_name", "source_index"))
