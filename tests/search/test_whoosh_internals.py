"""What the Whoosh backend relies on inside whoosh-reloaded 2.7.5 (pinned)."""

from __future__ import annotations

from importlib.metadata import version

import pytest

whoosh_backend = pytest.importorskip("meetings.search.whoosh_backend")


def test_whoosh_reloaded_is_the_pinned_version():
    assert version("whoosh-reloaded") == "2.7.5"


def _fill(tmp_path, count: int):
    from whoosh import index

    ix = index.create_in(str(tmp_path), whoosh_backend.make_schema())
    writer = ix.writer()
    for n in range(count):
        writer.add_document(
            id=str(n),
            meeting=str(n // 10),
            text=f"the fisheries talks number {n} on fisheries and energy",
            pairs=f"fisheries talks number {n}",
            vocab="fisheries talks",
            speaker="Vladimir Putin",
            country="Russian Federation",
            topic="Fisheries",
            title="Summit Meeting",
            location="Moscow",
            f_speaker="vladimir-putin",
            f_country="Russian Federation",
            f_subject="fisheries",
            type="summit",
            year=2004,
            date=731000 + n,
        )
    return ix, writer


def test_a_commit_checks_for_length_columns_once_per_field_not_per_posting(tmp_path):
    ix, writer = _fill(tmp_path, 300)
    storage = writer.storage
    calls = []
    original = storage.file_exists

    def counting(name):
        calls.append(name)
        return original(name)

    storage.file_exists = counting
    try:
        writer.commit()
    finally:
        storage.file_exists = original
    # 300 documents x 10 unscored fields would be thousands of checks unpatched.
    assert len(calls) < 100
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert reader.doc_field_length(0, "text") == 5  # stop words and "0" out
        assert reader.doc_field_length(0, "speaker") in (0, None)
        assert searcher.doc_count() == 300
