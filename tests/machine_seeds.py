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


def assert_queries_do_not_grow(client, url: str, seed_paths, assert_max_num_queries, limit: int):
    """The same number of SQL queries (at most `limit`) for one seed as for all of them."""
    import_seeds(seed_paths[:1])
    with assert_max_num_queries(limit) as few:
        client.get(url)
    import_seeds(seed_paths)
    with assert_max_num_queries(limit) as many:
        response = client.get(url)
    assert len(many) == len(few)
    return response
