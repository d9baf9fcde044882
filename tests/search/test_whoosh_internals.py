"""What the Whoosh backend relies on inside whoosh-reloaded 2.7.5 (pinned)."""

from __future__ import annotations

from importlib.metadata import version

import pytest

ranking = pytest.importorskip("meetings.search.whoosh.ranking")
schema = pytest.importorskip("meetings.search.whoosh.schema")
snippets = pytest.importorskip("meetings.search.whoosh.snippets")
state = pytest.importorskip("meetings.search.whoosh.searcher").state
translate = pytest.importorskip("meetings.search.whoosh.translate").translate


def test_whoosh_reloaded_is_the_pinned_version():
    assert version("whoosh-reloaded") == "2.7.5"


def _fill(tmp_path, count: int):
    from whoosh import index

    ix = index.create_in(str(tmp_path), schema.make_schema())
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


def test_snippet_tokens_are_exactly_what_the_index_holds(seed_paths):
    """The highlighter analyses one token at a time; it must agree with the analyzer."""
    text = " ".join(path.read_text(encoding="utf-8") for path in seed_paths)
    text += " Café U.S. Prime-Minister's 2004 A a I.M.F. Ōsaka ratifications ratified"
    analyzer = schema.TEXT_ANALYZER
    whole = [(t.startchar, t.endchar, t.text) for t in analyzer(text, chars=True, mode="index")]
    one_by_one = [
        (match.start(), match.end(), snippets.indexed_form(match.group()))
        for match in snippets.TOKEN_PATTERN.finditer(text)
        if snippets.indexed_form(match.group())
    ]
    assert one_by_one == whole
    assert len(whole) > 4000


@pytest.fixture
def generated_index(db, settings, tmp_path):
    """120 generated meetings imported and indexed, with one statement deleted."""
    from devtools import corpus
    from meetings import importer
    from meetings.models import Statement

    settings.SEARCH_AUTO_INDEX = True
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text, _record in corpus.iter_corpus(120, seed=5):
        (folder / name).write_text(text, encoding="utf-8")
    from meetings import search

    importer.import_paths([folder])
    search.rebuild()  # the test transaction never commits, so no on_commit indexing
    search.remove_statements([Statement.objects.order_by("id")[5].id])  # a deleted document
    return Statement.objects.count() - 1


QUERIES = [
    "cooperation",
    "minister",
    "stated",
    "economic cooperation",
    "peace treaty",
    "north korea issue",
    '"strategic perspective"',
    '"two leaders agreed"',
    'cooperation "energy should"',
    "visit japan",
    "speaker:putin cooperation",
    'speaker:"vladimir putin"',
    "type:summit minister",
]


def test_own_bm25_ranks_exactly_like_whoosh(generated_index):
    from whoosh import collectors

    from meetings.search import query

    searcher, cache = state().get()
    assert searcher.doc_count() == generated_index
    compared = 0
    for text in QUERIES:
        whoosh_query = translate(query.parse(text, 1000, 50).tree)
        terms = ranking.plain_terms(whoosh_query, searcher.schema)
        assert terms, text
        postings = [ranking.term_postings(searcher, f, t) for f, t in terms]
        matched = ranking.all_of(postings, cache["live"], None)
        assert matched == set(searcher.docs_for_query(whoosh_query)), text
        ours = ranking.top_by_bm25(searcher, cache, terms, postings, matched, 20)
        top = collectors.TopCollector(limit=20)
        searcher.search_with_collector(whoosh_query, top)
        theirs = [(docnum, score) for score, docnum in top.results().top_n]
        assert [d for d, _ in ours] == [d for d, _ in theirs], text
        assert [round(s, 9) for _, s in ours] == [round(s, 9) for _, s in theirs], text
        compared += len(ours)
        assert ours, text
    assert compared > 140


def test_a_query_of_only_exclusions_reads_only_what_it_excludes(generated_index, monkeypatch):
    """Issue 11.7: `-word` is the live documents less the word's, never a matcher over all.

    Whoosh answers And(Every, Not(word)) by visiting every document; the
    backend reads the excluded word's documents and takes them away instead.
    """
    from whoosh import searching

    from meetings import search

    with_word = search.search("peace").total
    assert 0 < with_word < generated_index / 3  # so reading everything else would show
    read: list[int] = []
    original = searching.Searcher.docs_for_query

    def counted(self, whoosh_query, for_deletion=False):
        docs = list(original(self, whoosh_query, for_deletion))
        read.append(len(docs))
        return docs

    monkeypatch.setattr(searching.Searcher, "docs_for_query", counted)

    result = search.search("-peace", per_page=20)

    assert result.total == generated_index - with_word
    assert result.sort == "-date" and "only excludes words" in result.notice
    assert sum(read) == with_word  # the excluded documents, and nothing else, were read


OR_QUERIES = [
    "cooperation OR fisheries",
    "(energy OR fisheries) minister",
    "peace (treaty OR negotiations OR agreement)",
    '"two leaders agreed" OR "strategic perspective"',
    "speaker:putin OR kasjyanov",
    "(kasyanov OR kasjyanov OR speaker:kasyanov) cooperation",
]


def test_terms_or_ed_rank_exactly_like_whoosh(generated_index):
    """The OR-ed words a person's spellings become are matched and ranked here, not by
    Whoosh's union matchers (which cost several times a word search); the same answer."""
    from whoosh import collectors

    from meetings.search import query

    searcher, cache = state().get()
    compared = 0
    for text in OR_QUERIES:
        whoosh_query = translate(query.parse(text, 1000, 50).tree)
        assert ranking.plain_terms(whoosh_query, searcher.schema) is None, text
        tree = ranking.term_tree(whoosh_query, searcher.schema)
        assert tree is not None, text
        scored = ranking.tree_scores(searcher, cache, tree)
        assert set(scored) == set(searcher.docs_for_query(whoosh_query)), text
        ours = sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:20]
        top = collectors.TopCollector(limit=20)
        searcher.search_with_collector(whoosh_query, top)
        theirs = [(docnum, score) for score, docnum in top.results().top_n]
        assert [round(s, 9) for _, s in ours] == [round(s, 9) for _, s in theirs], text
        assert [d for d, _ in ours] == [d for d, _ in theirs], text
        compared += len(ours)
    assert compared > 80
