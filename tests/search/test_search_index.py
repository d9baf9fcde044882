"""Keeping the index true: signals, transactions, rebuild, check, one writer."""

from __future__ import annotations

import importlib
import threading

import pytest
from django.db import transaction

from meetings import search
from meetings.indexing.bulk import bulk_import
from meetings.models import Meeting, Person, PersonAlias, Statement
from tests.search.corpus import statement_with


def ids(query: str) -> set[int]:
    return set(search.search(query, per_page=100).ids)


def no_drift() -> bool:
    report = search.check()
    return not (report["missing"] or report["stale"] or report["changed"])


def test_corpus_is_fully_indexed(corpus):
    assert no_drift()
    assert search.check()["indexed"] == Statement.objects.count()


def test_index_follows_an_edit_and_a_delete(corpus):
    statement = statement_with("Pacific pipeline")
    statement.text = "President Putin spoke about zeppelins over Sakhalin."
    statement.save()
    assert ids("zeppelin") == {statement.id}
    assert statement.id not in ids("pipeline")

    meeting = statement.meeting
    meeting.title = "Conference on Airships"
    meeting.save()
    assert statement.id in ids("title:airships")

    statement.delete()
    assert ids("zeppelin") == set()
    assert no_drift()


def test_speaker_changes_and_new_aliases_reach_the_index(corpus):
    statement = statement_with("illegal fishing")
    assert statement.id not in ids("speaker:putin")
    statement.speakers.add(Person.objects.get(name="Vladimir Putin"))
    assert statement.id in ids("speaker:putin")

    koizumi = Person.objects.get(name="Junichiro Koizumi")
    PersonAlias.objects.create(person=koizumi, name="Koizumi Jun'ichiro")
    assert statement.id in ids("speaker:jun")
    assert no_drift()


def test_deleting_a_meeting_removes_its_statements(corpus):
    meeting = Meeting.objects.get(public_id="2005-07-08-gleneagles")
    assert ids("year:2005")
    meeting.delete()
    assert ids("year:2005") == set()
    assert no_drift()


def test_a_rolled_back_transaction_leaves_no_trace(corpus):
    meeting = Meeting.objects.first()
    with pytest.raises(RuntimeError), transaction.atomic():
        Statement.objects.create(meeting=meeting, order=99, text="A quokka was mentioned.")
        existing = statement_with("Pacific pipeline")
        existing.text = "Wombats only."
        existing.save()
        raise RuntimeError("roll back")
    assert ids("quokka") == set()
    assert ids("wombat") == set()
    assert ids("pipeline") == {statement_with("Pacific pipeline").id}
    assert no_drift()


def test_nothing_is_indexed_when_switched_off_or_in_bulk_import(corpus, settings):
    meeting = Meeting.objects.first()
    settings.SEARCH_AUTO_INDEX = False
    Statement.objects.create(meeting=meeting, order=98, text="An okapi appeared.")
    assert ids("okapi") == set()
    settings.SEARCH_AUTO_INDEX = True
    with bulk_import():
        Statement.objects.create(meeting=meeting, order=97, text="A narwhal appeared.")
    assert ids("narwhal") == set()
    search.index_meetings([meeting.id])
    assert len(ids("okapi OR narwhal")) == 2


def test_check_finds_drift_and_fix_repairs_it(corpus):
    from django.core.management import CommandError, call_command

    victim = statement_with("Pacific pipeline").id
    search.remove_statements([victim])
    with pytest.raises(CommandError, match="drifted"):
        call_command("check_index")
    report = search.check()
    assert report["missing"] == [victim]
    call_command("check_index", "--fix")
    assert no_drift()
    assert victim in ids("pipeline")


def test_rebuild_while_searching(corpus):
    before = ids("treaty")
    seen_during = []
    count = search.rebuild(on_batch=lambda done, total: seen_during.append(ids("treaty")))
    assert count == Statement.objects.count()
    assert seen_during and all(found == before for found in seen_during)
    assert ids("treaty") == before
    assert no_drift()


def test_rebuild_command(corpus):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("rebuild_index", stdout=out)
    assert f"{Statement.objects.count()} statements" in out.getvalue()
    assert no_drift()


# ---------------------------------------------------------------- Whoosh only


@pytest.fixture
def whoosh_corpus(corpus, search_backend):
    if search_backend != "whoosh":
        pytest.skip("index folders and the writer lock are Whoosh's")
    return corpus


def test_a_failed_rebuild_keeps_the_old_index(whoosh_corpus, monkeypatch, settings):
    from whoosh.writing import SegmentWriter

    from meetings.search.whoosh import storage

    root = settings.SEARCH_INDEX_DIR
    live_before = storage.live_dir(root)
    before = ids("treaty")

    def disk_full(self, *args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(SegmentWriter, "commit", disk_full)
    with pytest.raises(OSError, match="No space"):
        search.rebuild()
    monkeypatch.undo()
    assert storage.live_dir(root) == live_before
    assert sorted(p.name for p in root.glob("index-*")) == [live_before.name]
    assert ids("treaty") == before


def test_a_second_writer_waits_then_fails_clearly(whoosh_corpus, settings):
    from meetings.search.whoosh import writing

    settings.SEARCH_WRITER_TIMEOUT_S = 0.2
    statement = statement_with("Pacific pipeline")
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock():
        with writing.writer():
            holding.set()
            release.wait(10)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    holding.wait(10)
    try:
        with pytest.raises(search.IndexBusy, match=r"busy.*0\.2 s.*nothing was written"):
            search.index_statements([statement.id])
    finally:
        release.set()
        holder.join()
    assert search.index_statements([statement.id]) == 1


def test_a_waiting_writer_gets_the_lock_once_it_is_free(whoosh_corpus, settings):
    from meetings.search.whoosh import writing

    settings.SEARCH_WRITER_TIMEOUT_S = 30
    holding = threading.Event()

    def hold_briefly():
        with writing.writer():
            holding.set()
            threading.Event().wait(0.3)

    holder = threading.Thread(target=hold_briefly)
    holder.start()
    holding.wait(10)
    statement = statement_with("Pacific pipeline")
    assert search.index_statements([statement.id]) == 1
    holder.join()


def test_signal_writes_that_find_the_index_busy_are_logged_not_lost(
    whoosh_corpus, settings, caplog
):
    from meetings.search.whoosh import writing

    settings.SEARCH_WRITER_TIMEOUT_S = 0.1
    statement = statement_with("Pacific pipeline")
    with writing.writer():
        statement.text = "Hovercraft were discussed."
        statement.save()
    assert "search index not updated" in caplog.text
    assert search.check()["changed"] == [statement.id]
    search.check(fix=True)
    assert ids("hovercraft") == {statement.id}


def _facets_from_database() -> dict[str, dict[str, int]]:
    """Speaker, type and year counts over every statement, computed from the rows."""
    from collections import Counter

    speakers: Counter = Counter()
    types: Counter = Counter()
    years: Counter = Counter()
    for statement in Statement.objects.select_related("meeting").prefetch_related("speakers"):
        speakers.update({person.slug for person in statement.speakers.all()})
        types[statement.meeting.meeting_type] += 1
        if statement.meeting.date_start:
            years[str(statement.meeting.date_start.year)] += 1
    return {"speaker": dict(speakers), "type": dict(types), "year": dict(years)}


def _retype(meeting_id: int, meeting_type: str) -> None:
    meeting = Meeting.objects.get(id=meeting_id)
    meeting.meeting_type = meeting_type
    meeting.save()


def test_facets_and_date_filters_stay_true_across_many_commits(corpus):
    """The cached per-document arrays are kept per segment; every commit must show."""
    putin = Person.objects.get(name="Vladimir Putin")
    statements = list(Statement.objects.order_by("id"))
    changes = [
        lambda: statements[0].speakers.set([putin]),
        lambda: Statement.objects.filter(id=statements[1].id).first().delete(),
        lambda: _retype(statements[2].meeting_id, "other"),
        lambda: statements[3].speakers.clear(),
    ]
    for change in changes:
        change()
        everything = search.search("", filters={"date_from": "1900"}, per_page=1)
        found = {name: everything.facets[name] for name in ("speaker", "type", "year")}
        assert found == _facets_from_database()
        assert everything.total == Statement.objects.exclude(meeting__date_start=None).count()
        in_2004 = Statement.objects.filter(meeting__date_start__year=2004).count()
        assert search.search("year:2004", per_page=1).total == in_2004
        assert search.search("date:2004-01..2004-12", per_page=1).total == in_2004
        assert search.search("", filters={"year": 2004}, per_page=1).total == in_2004
        assert no_drift()


def test_small_edits_add_a_segment_without_merging_until_there_are_many(whoosh_corpus, monkeypatch):
    from meetings.search.whoosh import storage, writing

    def segments() -> int:
        return len(storage.open_live_index()[0]._segments())

    before = segments()
    statements = list(Statement.objects.order_by("id")[:3])
    for number, statement in enumerate(statements, start=1):
        statement.text += " zeppelin"
        statement.save()
        assert segments() == before + number  # nothing merged: the edit waited for no merge
    assert ids("zeppelin") == {s.id for s in statements}

    monkeypatch.setattr(writing, "MAX_SEGMENTS_UNMERGED", segments())
    statements[0].text += " airship"
    statements[0].save()
    assert segments() < before + 3  # past the cap, Whoosh's merge policy runs again
    assert ids("airship") == {statements[0].id} and no_drift()


def test_a_docs_content_hash_is_the_one_indexes_already_hold():
    """check_index compares stored hashes with fresh ones: the hash must not change."""
    from meetings.search.documents import StatementDoc

    doc = StatementDoc(
        1,
        2,
        "Café text",
        ["a-b"],
        ["A B", "Ab"],
        ["Japan"],
        "t | s",
        ["s"],
        "summit",
        "T",
        "Tokyo",
        731000,
        2004,
    )
    # sha1 of json.dumps(dataclasses.asdict(doc), sort_keys=True, ensure_ascii=False)
    assert doc.content_hash == "1a075e1ee9386d06"


def test_a_repeated_search_is_answered_again_until_the_index_changes(
    corpus, search_backend, settings, monkeypatch
):
    querying = importlib.import_module(f"meetings.search.{search_backend}.querying")
    searched = []
    real_search = querying._search
    monkeypatch.setattr(querying, "_search", lambda *a: searched.append(a) or real_search(*a))
    first = search.search("fisheries", per_page=100)
    first.ids.clear()  # what a caller does to its copy is not kept
    again = search.search("fisheries", per_page=100)
    assert len(searched) == 1 and again.ids and again.total == len(again.ids)

    statement = Statement.objects.exclude(id__in=again.ids).first()
    statement.text = "President Putin spoke about fisheries off Sakhalin."
    statement.save()  # the index changes: nothing kept is answered again
    after = search.search("fisheries", per_page=100)
    assert len(searched) == 2 and statement.id in after.ids and after.total == again.total + 1

    settings.SEARCH_RESULTS_KEPT = 0
    search.search("fisheries", per_page=100)
    search.search("fisheries", per_page=100)
    assert len(searched) == 4
