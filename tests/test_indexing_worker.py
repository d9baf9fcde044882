"""Indexing in a second process during a long import (meetings/indexing/worker.py).

The child reads committed rows through its own connection, so these tests run
on PostgreSQL (an in-memory SQLite test database is private to one process;
the SQLite path is exercised by tests/test_bench.py on a file database).
"""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from devtools import corpus
from meetings import importer, search
from meetings.indexing.worker import worker_suits
from meetings.models import Meeting, PendingIndex, Statement

FILES = importer.INDEX_BATCH_FILES * 3 + 7  # batches of 50, then 100 (doubling), then 7


@pytest.fixture
def generated_corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text, _record in corpus.iter_corpus(FILES, seed=11):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def on_postgres(request, settings, transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("a second process cannot see an in-memory SQLite test database")
    settings.SEARCH_AUTO_INDEX = True


def test_the_worker_is_used_only_where_it_can_see_the_rows(db, settings):
    settings.SEARCH_AUTO_INDEX = True
    if connection.vendor == "sqlite":
        assert not worker_suits(FILES, importer.INDEX_BATCH_FILES)
    with transaction.atomic():
        assert not worker_suits(FILES, importer.INDEX_BATCH_FILES)
    settings.IMPORT_INDEX_WORKER = False
    assert not worker_suits(FILES, importer.INDEX_BATCH_FILES)


def test_a_long_import_is_indexed_by_the_worker(on_postgres, generated_corpus):
    assert worker_suits(FILES, importer.INDEX_BATCH_FILES)

    summary = importer.import_paths([generated_corpus])

    assert (summary.new, summary.failed) == (FILES, 0)
    assert summary.index_worker_seconds is not None and summary.index_worker_seconds > 0
    assert summary.index_batches == 3
    assert 1 <= summary.index_writes <= summary.index_batches  # queued batches share a commit
    # The child's own CPU clock: positive, and never more than its wall time on one core.
    assert 0 < summary.index_worker_cpu_seconds <= summary.index_worker_seconds + 0.05
    report = search.check()
    assert report["indexed"] == report["statements"] == Statement.objects.count() > FILES * 5
    assert not (report["missing"] or report["stale"] or report["changed"])
    assert not PendingIndex.objects.exists()  # the importer deleted the notes the child settled
    # The parent's connection still works after the fork.
    assert Meeting.objects.count() == FILES


def test_a_batch_the_worker_cannot_index_is_reported_and_the_rows_kept(
    on_postgres, generated_corpus, monkeypatch
):
    def broken(ids):
        raise OSError("disk full")

    monkeypatch.setattr(search, "index_meetings", broken)  # the forked child inherits it

    summary = importer.import_paths([generated_corpus])

    assert (summary.new, summary.failed, summary.not_indexed) == (FILES, 0, FILES)
    errors = [m.text for m in summary.errors]
    assert len(errors) == FILES
    assert all("search index was not updated" in error and "disk full" in error for error in errors)
    assert search.check()["indexed"] == 0
    assert PendingIndex.objects.count() == FILES  # the next run replays them all


def test_a_statement_the_worker_cannot_index_is_reported_alone(
    on_postgres, generated_corpus, monkeypatch
):
    from meetings.search.whoosh import patch

    biword = patch.analysis.BiWordFilter  # Whoosh's own, failing on text without words
    monkeypatch.setattr(biword, "__call__", biword._archive_unguarded_call)
    victim = sorted(generated_corpus.glob("*.txt"))[FILES // 2]
    body, footer = victim.read_text(encoding="utf-8").rsplit("\n\nBack to", 1)
    victim.write_text(f"{body}\n\n—\n\nBack to{footer}", encoding="utf-8")  # a last statement

    summary = importer.import_paths([generated_corpus])

    dash = Statement.objects.get(text="—")
    assert (summary.new, summary.failed, summary.not_indexed) == (FILES, 0, 1)
    (error,) = summary.errors
    assert error.path == str(victim)
    assert f"statement {dash.id} could not be indexed (UnboundLocalError" in error.text
    report = search.check()
    assert report["missing"] == [dash.id]
    assert report["indexed"] == Statement.objects.count() - 1
    assert list(PendingIndex.objects.values_list("meeting_id", flat=True)) == [dash.meeting_id]


def test_batches_written_together_each_get_their_own_result(db, settings, tmp_path, monkeypatch):
    """Batches that queued up are indexed in one write; each is told only its own failures."""
    from meetings.indexing.worker import _index_batches
    from meetings.search.whoosh import patch

    settings.SEARCH_AUTO_INDEX = False
    folder = tmp_path / "three"
    folder.mkdir()
    for name, text, _record in corpus.iter_corpus(3, seed=5):
        (folder / name).write_text(text, encoding="utf-8")
    victim = sorted(folder.glob("*.txt"))[1]
    body, footer = victim.read_text(encoding="utf-8").rsplit("\n\nBack to", 1)
    victim.write_text(f"{body}\n\n—\n\nBack to{footer}", encoding="utf-8")
    importer.import_paths([folder])
    first, second, third = Meeting.objects.order_by("source_path").values_list("id", flat=True)
    notes = {pk: [PendingIndex.objects.create(meeting_id=pk).id] for pk in (first, second, third)}
    for note in PendingIndex.objects.exclude(id__in=[n for ids in notes.values() for n in ids]):
        notes[note.meeting_id].insert(0, note.id)  # the importer's own notes, if it wrote any
    biword = patch.analysis.BiWordFilter
    monkeypatch.setattr(biword, "__call__", biword._archive_unguarded_call)

    alone, together = _index_batches([(7, [first]), (8, [second, third])])

    dash = Statement.objects.get(text="—")
    assert alone[:2] == (7, None) and sorted(alone[4]) == notes[first]
    number, error, seconds, cpu_seconds, settled = together
    assert number == 8 and isinstance(error, search.DocumentsNotIndexed)
    assert list(error.failures) == [dash.id] and dash.meeting_id == second
    assert sorted(settled) == notes[third]  # the victim's meeting stays noted for the next run
    assert alone[2] + seconds > 0 and alone[3] + cpu_seconds > 0
    report = search.check()
    assert report["missing"] == [dash.id]
    assert report["indexed"] == Statement.objects.count() - 1
