"""Statements without word tokens ("```.", "—") index like any other (issue 11.1).

whoosh-reloaded 2.7.5's BiWordFilter raised UnboundLocalError on them, which
failed the whole writer batch: an import said "0 failed" while its meetings
were unindexed, and check_index --fix died with a traceback.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from meetings import search
from meetings.indexing.bulk import bulk_import
from meetings.models import Meeting, Statement

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seeds" / "003_a3cc2b874fe25dad.txt"
TOKENLESS = ["```.", "—"]


def tokenless_meeting(folder: Path) -> Path:
    """The Lavrov seed with a sub-section "(3) Notes" of two statements without words."""
    text = SEED.read_text(encoding="utf-8")
    marker = "\n\nBack to Russia Index"
    assert marker in text
    text = text.replace(marker, "\n\n(3) Notes\n\n```.\n\n—" + marker, 1)
    path = folder / "tokenless.txt"
    path.write_text(text, encoding="utf-8")
    return path


def run(command: str, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def drift() -> dict:
    report = search.check()
    return {kind: report[kind] for kind in ("missing", "stale", "changed") if report[kind]}


def test_an_imported_meeting_with_tokenless_statements_is_wholly_indexed(search_backend, tmp_path):
    out, _err = run("import_meetings", tokenless_meeting(tmp_path))

    assert "1 new" in out and "not fully indexed" not in out
    tokenless = set(Statement.objects.filter(text__in=TOKENLESS).values_list("id", flat=True))
    assert len(tokenless) == 2
    assert drift() == {}
    assert search.check()["indexed"] == Statement.objects.count()
    assert set(search.search("topic:notes", per_page=100).ids) == tokenless
    iraq = Statement.objects.get(text__contains="brief reference to the issue of Iraq")
    assert iraq.id in search.search("Iraq").ids  # the rest of the batch too


def test_check_index_fix_indexes_a_tokenless_statement(corpus):
    with bulk_import():  # stored but not indexed, as after the failed imports
        statement = Statement.objects.create(meeting=Meeting.objects.first(), order=99, text="—")
    assert drift() == {"missing": [statement.id]}

    out, _err = run("check_index", "--fix")

    assert "fixed" in out
    assert drift() == {}


def test_the_pair_analyzer_gives_no_pairs_for_tokenless_text(settings):
    from meetings.search.whoosh.schema import PAIR_ANALYZER, tokens

    for text in [*TOKENLESS, ""]:
        assert tokens(PAIR_ANALYZER, text) == []
    assert tokens(PAIR_ANALYZER, "peace treaty") == ["peac treati"]
    assert tokens(PAIR_ANALYZER, "peace") == ["peac"]


@pytest.fixture
def unguarded_pairs(search_backend, monkeypatch):
    """Whoosh's own BiWordFilter, which fails on token-less text: a document it cannot index."""
    if search_backend != "whoosh":
        pytest.skip("the failing analyzer is Whoosh's")
    from meetings.search.whoosh import patch

    biword = patch.analysis.BiWordFilter
    monkeypatch.setattr(biword, "__call__", biword._archive_unguarded_call)
    return monkeypatch


def test_a_statement_that_cannot_be_indexed_is_reported_alone(unguarded_pairs, tmp_path):
    path = tokenless_meeting(tmp_path)
    err = io.StringIO()

    with pytest.raises(CommandError, match="not fully indexed"):
        call_command("import_meetings", str(path), stdout=io.StringIO(), stderr=err)

    tokenless = sorted(Statement.objects.filter(text__in=TOKENLESS).values_list("id", flat=True))
    errors = err.getvalue().splitlines()
    assert len(errors) == 2
    for statement_id, line in zip(tokenless, errors, strict=True):
        assert line.startswith(f"error: {path}: stored, but statement {statement_id} could not")
        assert "UnboundLocalError" in line
    assert drift() == {"missing": tokenless}  # only those two: the rest of the meeting is in
    assert search.check()["indexed"] == Statement.objects.count() - 2

    with pytest.raises(CommandError, match="all but 2 statement"):
        run("check_index", "--fix")  # a clear exit, no traceback
    assert drift() == {"missing": tokenless}

    unguarded_pairs.undo()  # the analyzer fixed: check_index --fix repairs the rest
    out, _err = run("check_index", "--fix")
    assert "fixed" in out
    assert drift() == {}


def test_a_rebuild_leaves_out_only_what_cannot_be_indexed(unguarded_pairs, corpus):
    with bulk_import():
        statement = Statement.objects.create(meeting=Meeting.objects.first(), order=99, text="—")

    with pytest.raises(search.DocumentsNotIndexed) as failed:
        search.rebuild()

    assert list(failed.value.failures) == [statement.id]
    assert drift() == {"missing": [statement.id]}


def test_the_failure_crosses_to_the_import_process_intact():
    import pickle

    error = search.DocumentsNotIndexed({7: "UnboundLocalError: x"}, {7: 3})
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.failures, copy.meetings, str(copy)) == (error.failures, error.meetings, str(error))
