"""Notes of meetings stored but not yet indexed (meetings/indexing/journal.py, issue 11.2).

A stopped import is what these set up without killing anything: files stored
through the importer's own queue, which is never flushed, so their rows and
notes are committed and the index never written. tests/test_import_killed.py
kills real processes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings import importer, search
from meetings.indexing import journal
from meetings.indexing.queue import IndexQueue
from meetings.models import Meeting, PendingIndex, Statement

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


@pytest.fixture
def committed(transactional_db, settings):
    """Rows commit as in a real run, so the importer's after-commit indexing runs."""
    settings.SEARCH_AUTO_INDEX = True


def stored_not_indexed(paths) -> list[int]:
    """What an import killed before its index writer leaves: rows and notes, no index."""
    queue = IndexQueue()  # flushed every 50 files: never, for these
    for path in paths:
        assert not importer.import_file(path, index_queue=queue).failed
    return sorted(Meeting.objects.values_list("id", flat=True))


def run(command: str, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def drift() -> dict:
    report = search.check()
    return {kind: report[kind] for kind in ("missing", "stale", "changed") if report[kind]}


def test_an_import_leaves_no_note_once_its_meetings_are_indexed(committed, seed_paths):
    summary = importer.import_paths(seed_paths)

    assert summary.new == len(seed_paths)
    assert not PendingIndex.objects.exists()
    assert drift() == {}


def test_each_stored_meeting_is_noted_in_its_own_transaction(committed, seed_paths):
    meetings = stored_not_indexed(seed_paths)

    assert journal.pending_meetings() == meetings
    assert search.check()["indexed"] == 0
    assert drift() == {"missing": sorted(Statement.objects.values_list("id", flat=True))}


def test_the_next_import_replays_what_a_stopped_one_left(committed, seed_paths):
    meetings = stored_not_indexed(seed_paths)

    out, _err = run("import_meetings", SEEDS)

    assert f"note: search index: re-indexed {len(meetings)} meeting(s) an earlier import" in out
    assert f"0 new, 0 updated, {len(meetings)} unchanged" in out
    assert drift() == {}
    assert not PendingIndex.objects.exists()
    assert search.search("peace treaty").total > 0


def test_check_index_reports_the_notes_and_fix_replays_them(committed, seed_paths):
    meetings = stored_not_indexed(seed_paths)

    with pytest.raises(CommandError, match="drifted"):
        run("check_index")
    out, _err = run("check_index", "--fix")

    assert f"fixed: re-indexed {len(meetings)} meeting(s)" in out
    assert "the index matches the database" in out
    out, _err = run("check_index")
    assert "noted as not yet indexed" not in out and "matches" in out


def test_check_index_says_how_many_meetings_are_noted(committed, seed_paths):
    meetings = stored_not_indexed(seed_paths)
    search.index_meetings(meetings)  # indexed, but killed before its notes were deleted

    out, _err = run("check_index")

    assert f"{len(meetings)} meeting(s) noted as not yet indexed" in out
    assert "the index matches the database" in out  # the notes alone are no drift


def test_a_rebuild_settles_the_notes_it_read(committed, seed_paths):
    stored_not_indexed(seed_paths)

    run("rebuild_index")

    assert not PendingIndex.objects.exists()
    assert drift() == {}


def test_a_note_written_after_the_indexer_read_the_notes_stays(committed, seed_paths):
    (meeting_id,) = stored_not_indexed(seed_paths[:1])
    read = journal.notes_for([meeting_id])
    search.index_meetings([meeting_id])
    journal.note([meeting_id])  # the meeting stored again before the notes are deleted

    journal.forget(journal.settled(read))

    assert journal.pending_meetings() == [meeting_id]


def test_a_meeting_that_cannot_be_fully_indexed_keeps_its_note(
    committed, settings, seed_paths, tmp_path
):
    from meetings.search.whoosh import patch

    if settings.SEARCH_BACKEND != "whoosh":
        pytest.skip("the failing analyzer is Whoosh's")
    biword = patch.analysis.BiWordFilter  # Whoosh's own, failing on text without words
    text = seed_paths[0].read_text(encoding="utf-8").replace("\n\nBack to", "\n\n—\n\nBack to", 1)
    (tmp_path / "dash.txt").write_text(text, encoding="utf-8")
    stored_not_indexed([tmp_path / "dash.txt", *seed_paths[1:]])
    dash = Statement.objects.get(text="—")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(biword, "__call__", biword._archive_unguarded_call)
        with pytest.raises(CommandError, match="earlier import left unindexed"):
            run("import_meetings", *seed_paths[1:])

        assert journal.pending_meetings() == [dash.meeting_id]  # the others are settled
        assert drift() == {"missing": [dash.id]}

    out, _err = run("import_meetings", *seed_paths[1:])  # the analyzer fixed: the note replays
    assert "re-indexed 1 meeting(s)" in out
    assert drift() == {} and not PendingIndex.objects.exists()
