"""The embedded search backend: Whoosh. The only module that imports whoosh.

Layout on disk (settings.SEARCH_INDEX_DIR):

    CURRENT            name of the live index folder; replaced atomically by rebuild
    index-<stamp>/     a whoosh index
    REBUILDING         present while a rebuild runs; writers then log ids to PENDING
    PENDING            ids written during a rebuild, replayed into the new index

Speed (figures in docs/benchmarks.md): one searcher per process, refreshed
only after commits; phrases are look-ups in a word-pair field; dates, years,
facet values and field lengths come from per-document arrays cached per
segment (a commit reads only its new segments), so date filters and facet
counts never run a Whoosh range query or `groupedby`; words and phrases
AND-ed or OR-ed (a person's spellings are OR-ed, search/people.py) are
ranked by Whoosh's BM25F computed here over posting blocks.
Parts of this rely on whoosh-reloaded 2.7.5 internals, pinned in
pyproject.toml and checked by tests/search/test_whoosh_internals.py.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import heapq
import os
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from itertools import chain
from pathlib import Path

from django.conf import settings
from whoosh import analysis, collectors, fields, formats
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.index import LockError
from whoosh.support.charset import accent_map
from whoosh.writing import NO_MERGE

from . import documents, highlight
from .errors import DocumentsNotIndexed, IndexBusy
from .query import (
    MIN_WORD_LENGTH,
    STOP_WORDS,
    And,
    FieldTerm,
    MatchAll,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    Range,
    Word,
    canonical_country,
    canonical_type,
    common_prefix_length,
)

POINTER = "CURRENT"
REBUILDING = "REBUILDING"
PENDING = "PENDING"
KEY_SEPARATOR = "\x1f"
FACET_FIELDS = {"speaker": "f_speaker", "country": "f_country", "subject": "f_subject"}
RANKED_FIELDS = ("text", "pairs")  # the only fields with frequencies and lengths
BM25_B, BM25_K1 = 0.75, 1.2  # Whoosh's BM25F defaults, which the fast path reproduces
CHECK_INTERVAL_S = 1.0
SMALL_COMMIT_DOCS = 500
MAX_SEGMENTS_UNMERGED = 40  # how often to look for commits made by other processes

# ---------------------------------------------------------------- schema

FOLD = analysis.CharsetFilter(accent_map)
TEXT_ANALYZER = (
    analysis.RegexTokenizer()
    | analysis.LowercaseFilter()
    | FOLD
    | analysis.StopFilter(stoplist=STOP_WORDS, minsize=MIN_WORD_LENGTH)
    | analysis.StemFilter(cachesize=100000)
)
PAIR_ANALYZER = (
    analysis.RegexTokenizer()
    | analysis.LowercaseFilter()
    | FOLD
    | analysis.StemFilter(cachesize=100000)
    | analysis.BiWordFilter(sep=" ")
)
NAME_ANALYZER = analysis.RegexTokenizer() | analysis.LowercaseFilter() | FOLD
KEY_ANALYZER = analysis.RegexTokenizer(r"[^\x1f]+")


def _keys_field() -> fields.FieldType:
    return fields.FieldType(formats.Existence(), KEY_ANALYZER)


def _filter_field(analyzer) -> fields.FieldType:
    """Words a document has or not: no frequencies, no lengths, never ranked on.

    Only `text` (and `pairs`, for phrases) rank; speaker, country, topic, title
    and location only narrow. Unscored fields skip Whoosh's per-posting length
    bookkeeping, the costliest part of a commit.
    """
    return fields.FieldType(formats.Existence(), analyzer, scorable=False)


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        meeting=fields.ID(),
        hash=fields.STORED(),
        text=fields.TEXT(analyzer=TEXT_ANALYZER, phrase=False),
        pairs=fields.TEXT(analyzer=PAIR_ANALYZER, phrase=False),
        vocab=fields.FieldType(formats.Existence(), NAME_ANALYZER),
        speaker=_filter_field(NAME_ANALYZER),
        country=_filter_field(NAME_ANALYZER),
        topic=_filter_field(TEXT_ANALYZER),
        title=_filter_field(TEXT_ANALYZER),
        location=_filter_field(NAME_ANALYZER),
        f_speaker=_keys_field(),
        f_country=_keys_field(),
        f_subject=_keys_field(),
        type=fields.ID(),
        # Ranges are answered from cached arrays (range_docs); only a range
        # nested in OR/NOT reaches Whoosh, so one term per value (no tiers)
        # spares 14 postings per document.
        year=fields.NUMERIC(int, bits=32, sortable=True, shift_step=0),
        date=fields.NUMERIC(int, bits=32, sortable=True, shift_step=0),
    )


def doc_fields(doc: documents.StatementDoc) -> dict:
    return {
        "id": str(doc.id),
        "meeting": str(doc.meeting_id),
        "hash": doc.content_hash,
        "text": doc.text,
        "pairs": doc.text,
        "vocab": doc.text,
        "speaker": " | ".join(doc.speaker_names),
        "country": " | ".join(doc.countries),
        "topic": doc.topic,
        "title": doc.title,
        "location": doc.location,
        "f_speaker": KEY_SEPARATOR.join(doc.speaker_slugs),
        "f_country": KEY_SEPARATOR.join(doc.countries),
        "f_subject": KEY_SEPARATOR.join(doc.subject_slugs),
        "type": doc.meeting_type,
        "year": doc.year,
        "date": doc.date_ordinal,
    }


def tokens(analyzer, text: str) -> list[str]:
    return [token.text for token in analyzer(text, mode="query")]


def _remember_missing_length_columns() -> None:
    """Make whoosh-reloaded 2.7.5 remember that an unscored field has no lengths.

    While writing a segment, Whoosh asks the length of every posting's field;
    for a field without a length column its reader checks the disk again each
    time (one stat() per posting: a third of commit time in our profile). A
    segment's files never change once written, so the answer can be cached.
    Pinned with whoosh-reloaded==2.7.5; tests/search/test_whoosh_internals.py
    fails if the patched method changes shape.
    """
    from whoosh.codec import whoosh3

    reader_class = whoosh3.W3PerDocReader
    if getattr(reader_class, "_archive_patched", False):
        return

    def _cached_reader(self, fieldname, column):
        try:
            return self._readers[fieldname]
        except KeyError:
            reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
            self._readers[fieldname] = reader
            return reader

    reader_class._cached_reader = _cached_reader
    reader_class._archive_patched = True


_remember_missing_length_columns()


def _guard_biword_filter_on_empty_streams() -> None:
    """Make BiWordFilter yield nothing for a text without word tokens.

    whoosh-reloaded 2.7.5's BiWordFilter ends with `if not atleastone: yield
    token`, which raises UnboundLocalError when no token came at all: a
    statement such as "```." or "—" could not be indexed, and its whole
    writer batch failed with it. The class itself is patched, not replaced
    by a subclass, because every index pickles its schema (analyzers
    included): a subclass would fix only indexes built after it, while this
    also fixes existing indexes and query-time analysis of `pairs`.
    """
    biword = analysis.BiWordFilter
    if getattr(biword, "_archive_patched", False):
        return
    unguarded = biword.__call__

    def __call__(self, tokens):
        tokens = iter(tokens)
        first = next(tokens, None)
        if first is None:
            return
        yield from unguarded(self, chain((first,), tokens))

    biword.__call__ = __call__
    biword._archive_unguarded_call = unguarded
    biword._archive_patched = True


_guard_biword_filter_on_empty_streams()


# ---------------------------------------------------------------- folders


def root_dir() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def live_dir(root: Path) -> Path | None:
    try:
        name = (root / POINTER).read_text().strip()
    except FileNotFoundError:
        return None
    path = root / name
    return path if name and path.is_dir() else None


def _new_dir(root: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = root / f"index-{stamp}-{os.getpid()}-{threading.get_ident() % 10000}"
    n = 1
    while path.exists():
        path = path.with_name(f"{path.name}-{n}")
        n += 1
    path.mkdir(parents=True)
    return path


def _point_to(root: Path, path: Path) -> None:
    temporary = root / f"{POINTER}.{os.getpid()}.tmp"
    temporary.write_text(path.name + "\n")
    os.replace(temporary, root / POINTER)  # atomic: readers see the old or the new name


def open_live_index():
    root = root_dir()
    path = live_dir(root)
    if path is None:
        root.mkdir(parents=True, exist_ok=True)
        path = _new_dir(root)
        whoosh_index.create_in(str(path), make_schema())
        if live_dir(root) is None:
            _point_to(root, path)
        else:  # another process got there first
            shutil.rmtree(path, ignore_errors=True)
            path = live_dir(root)
    return whoosh_index.open_dir(str(path)), path


# ---------------------------------------------------------------- the cached searcher


class SearcherState:
    """One open searcher plus per-document arrays, valid until the next commit."""

    def __init__(self):
        self.lock = threading.RLock()
        self.path: Path | None = None
        self.index = None
        self.searcher = None
        self.checked = 0.0
        self.stale = True
        self.cache: dict | None = None
        self.segments: dict[str, SegmentArrays] = {}

    def mark_stale(self) -> None:
        self.stale = True

    def get(self):
        with self.lock:
            root_path = live_dir(root_dir())
            if self.searcher is None or root_path != self.path:
                self._open()
            elif self.stale or time.monotonic() - self.checked > CHECK_INTERVAL_S:
                self.checked = time.monotonic()
                if not self.searcher.up_to_date():
                    # Not searcher.refresh(): it reuses segment readers by segment id
                    # and so misses deletions committed to an existing segment.
                    self.searcher.close()
                    self.searcher = self.index.searcher()
                    self.cache = None
                self.stale = False
            if self.cache is None:
                self.cache = _build_cache(self.searcher, self.segments)
            return self.searcher, self.cache

    def _open(self):
        if self.searcher is not None:
            self.searcher.close()
        self.index, self.path = open_live_index()
        self.searcher = self.index.searcher()
        self.checked = time.monotonic()
        self.stale = False
        self.cache = None
        self.segments = {}  # another index folder: nothing carries over


_states: dict[str, SearcherState] = {}
_states_lock = threading.Lock()


def state() -> SearcherState:
    key = str(root_dir())
    with _states_lock:
        if key not in _states:
            _states[key] = SearcherState()
        return _states[key]


class SegmentArrays:
    """Per-document values of one segment, indexed by the segment's own docnums.

    Built once per segment and kept across commits: a commit adds a small
    segment (or merges a few small ones), so a refresh reads only those. Only
    the live set, which deletions change, is rebuilt for every searcher.
    """

    def __init__(self, reader):
        size = reader.doc_count_all()
        self.size = size
        self.dates = list(reader.column_reader("date")) if size else []
        self.years = list(reader.column_reader("year")) if size else []
        by_date = sorted((day, docnum) for docnum, day in enumerate(self.dates))
        self.date_keys = [day for day, _ in by_date]
        self.date_docs = [docnum for _, docnum in by_date]
        self.facets = {name: self._values(reader, field) for name, field in FACET_FIELDS.items()}
        types = self._values(reader, "type")
        self.types = [values[0] if values else None for values in types]
        self.lengths = {
            name: [reader.doc_field_length(docnum, name, 0) or 0 for docnum in range(size)]
            for name in RANKED_FIELDS
        }

    def _values(self, reader, field_name: str) -> list:
        per_doc: list = [None] * self.size
        for term in reader.lexicon(field_name):
            value = term.decode("utf-8")
            for docnum in reader.postings(field_name, term).all_ids():
                per_doc[docnum] = (*per_doc[docnum], value) if per_doc[docnum] else (value,)
        return per_doc


def segment_key(reader) -> str:
    segment = reader.segment()
    return segment.segment_id() if segment is not None else "empty"  # an index with no segment


def _build_cache(searcher, known: dict[str, SegmentArrays]) -> dict:
    """Index-wide arrays (global docnums) assembled from per-segment ones.

    `known` maps segment ids to arrays built earlier; it is updated in place
    and keeps only the segments this searcher has.
    """
    leaves = list(searcher.reader().leaf_readers())
    current = {}
    for reader, _offset in leaves:
        key = segment_key(reader)
        current[key] = known.get(key) or SegmentArrays(reader)
    known.clear()
    known.update(current)
    live: set[int] = set()
    spans = []
    dates: list = []
    years: list = []
    types: list = []
    facets: dict[str, list] = {name: [] for name in FACET_FIELDS}
    lengths: dict[str, list] = {name: [] for name in RANKED_FIELDS}
    for reader, offset in leaves:
        arrays = current[segment_key(reader)]
        live.update(range(offset, offset + arrays.size))
        if reader.has_deletions():
            live.difference_update(offset + docnum for docnum in reader.deleted_docs_set)
        spans.append((offset, arrays))
        dates += arrays.dates
        years += arrays.years
        types += arrays.types
        for name in FACET_FIELDS:
            facets[name] += arrays.facets[name]
        for name in RANKED_FIELDS:
            lengths[name] += arrays.lengths[name]
    return {
        "live": live,
        "dates": dates,
        "years": years,
        "segments": spans,
        "facets": facets,
        "types": types,
        "lengths": lengths,
    }


# ---------------------------------------------------------------- query translation


def translate(node) -> wq.Query | None:
    """The syntax tree as a Whoosh query; None when nothing searchable is left."""
    if isinstance(node, MatchAll):
        return wq.Every()
    if isinstance(node, Word):
        words = tokens(TEXT_ANALYZER, node.text)
        if len(words) > 1:
            return _phrase_query(node.text)
        return wq.Term("text", words[0]) if words else None
    if isinstance(node, Phrase):
        return _phrase_query(" ".join(node.words))
    if isinstance(node, FieldTerm):
        return _field_query(node)
    if isinstance(node, Range):
        return wq.NumericRange(node.field, node.low or 1, node.high)
    if isinstance(node, Not):
        child = translate(node.child)
        return wq.Not(child) if child is not None else None
    if isinstance(node, And | Or):
        children = [q for q in (translate(child) for child in node.children) if q is not None]
        if not children:
            return None
        if len(children) == 1:
            return children[0]
        return wq.And(children) if isinstance(node, And) else wq.Or(children)
    return None


def _phrase_query(text: str) -> wq.Query | None:
    pairs = tokens(PAIR_ANALYZER, text)
    if len(pairs) == 1 and " " not in pairs[0]:
        words = tokens(TEXT_ANALYZER, text)
        return wq.Term("text", words[0]) if words else wq.Term("pairs", pairs[0])
    if not pairs:
        return None
    return wq.And([wq.Term("pairs", pair) for pair in pairs])


def _all_terms(field_name: str, words: list[str]) -> wq.Query | None:
    if not words:
        return None
    terms = [wq.Term(field_name, word) for word in words]
    return terms[0] if len(terms) == 1 else wq.And(terms)


def _field_query(node: FieldTerm) -> wq.Query | None:
    value = node.value
    if node.field == "speaker":
        return _all_terms("speaker", tokens(NAME_ANALYZER, value.replace("-", " ")))
    if node.field == "country":
        return _all_terms("country", tokens(NAME_ANALYZER, canonical_country(value)))
    if node.field == "type":
        return wq.Term("type", canonical_type(value))
    if node.field == "location":
        return _all_terms("location", tokens(NAME_ANALYZER, value))
    if node.field == "title":
        return _all_terms("title", tokens(TEXT_ANALYZER, value))
    words = _all_terms("topic", tokens(TEXT_ANALYZER, value.replace("-", " ")))
    if node.field == "subject":
        by_slug = wq.Term("f_subject", value)
        return wq.Or([by_slug, words]) if words is not None else by_slug
    return words


def excluded_queries(tree) -> list[wq.Query] | None:
    """For a tree of only NOT-parts (and MatchAll), the Whoosh queries they exclude.

    None for any other tree. Whoosh would answer And(Every, Not(...)) by
    visiting and scoring every document: 25 times the cost of a word search.
    """
    parts = tree.children if isinstance(tree, And) else (tree,)
    negated = [part.child for part in parts if isinstance(part, Not)]
    if not negated or any(not isinstance(part, Not | MatchAll) for part in parts):
        return None
    return [query for query in map(translate, negated) if query is not None]


def split_ranges(tree) -> tuple[object, list[Range]]:
    """Top-level AND-ed ranges come out of the tree to become cached filter sets."""
    if isinstance(tree, Range):
        return MatchAll(), [tree]
    if isinstance(tree, And):
        ranges = [child for child in tree.children if isinstance(child, Range)]
        rest = [child for child in tree.children if not isinstance(child, Range)]
        if ranges:
            if not rest:
                return MatchAll(), ranges
            return (rest[0] if len(rest) == 1 else And(tuple(rest))), ranges
    return tree, []


# ---------------------------------------------------------------- filter sets


def range_docs(cache: dict, node: Range) -> set[int]:
    low = node.low if node.low is not None else 1
    high = node.high
    if node.field == "year":  # a year range is the date range of its days
        low = dt.date(min(max(low, 1), 9999), 1, 1).toordinal()
        high = None if high is None else dt.date(min(max(high, 1), 9999), 12, 31).toordinal()
    found: set[int] = set()
    for offset, arrays in cache["segments"]:
        keys = arrays.date_keys
        start = bisect.bisect_left(keys, low)
        end = len(keys) if high is None else bisect.bisect_right(keys, high)
        found.update(map(offset.__add__, arrays.date_docs[start:end]))
    return found & cache["live"]


def facet_docs(searcher, cache: dict, name: str, value: str) -> set[int]:
    if name in FACET_FIELDS:
        field_name = FACET_FIELDS[name]
        if name == "country":
            value = canonical_country(value)
        return set(term_postings(searcher, field_name, value)[0]) & cache["live"]
    if name == "type":
        value = canonical_type(value)
        return set(term_postings(searcher, "type", value)[0]) & cache["live"]
    return set()


def allowed_docs(searcher, cache, ranges: list[Range], filters: dict) -> set[int] | None:
    sets = [range_docs(cache, node) for node in ranges]
    for name, values in filters.get("facets", {}).items():
        sets.extend(facet_docs(searcher, cache, name, value) for value in values)
    sets.extend(range_docs(cache, node) for node in filters.get("ranges", []))
    if not sets:
        return None
    sets.sort(key=len)
    allowed = sets[0]
    for other in sets[1:]:
        allowed = allowed & other
    return allowed


# ---------------------------------------------------------------- search


def run_search(parsed: ParsedQuery, filters: dict, page: int, per_page: int, sort: str) -> dict:
    """Hits and facets for a parsed query; `filters` is the normalised form from __init__."""
    searcher, cache = state().get()
    started = time.monotonic()
    tree, ranges = split_ranges(parsed.tree)
    whoosh_query = translate(tree)
    notices = []
    if whoosh_query is None:
        return {
            "ids": [],
            "total": 0,
            "facets": {},
            "scores": [],
            "notices": ["the query has only very common words, which are not searched"],
        }
    allowed = allowed_docs(searcher, cache, ranges, filters)
    wanted = page * per_page
    excluded = excluded_queries(tree)
    ranked_terms = plain_terms(whoosh_query, searcher.schema) if excluded is None else None
    terms_tree = None
    if excluded is None and ranked_terms is None:
        terms_tree = term_tree(whoosh_query, searcher.schema)
    postings = None
    scored = None
    if isinstance(whoosh_query, wq.Every):
        matched = set(cache["live"]) if allowed is None else allowed & cache["live"]
    elif excluded is not None:  # everything but: a set difference, no matcher per document
        matched = set(cache["live"]) if allowed is None else allowed & cache["live"]
        for query in excluded:
            matched.difference_update(searcher.docs_for_query(query))
        if sort == "relevance":  # nothing to rank by (search() asks for -date already)
            sort = "-date"
    elif ranked_terms is not None:
        postings = [term_postings(searcher, field, text) for field, text in ranked_terms]
        matched = all_of(postings, cache["live"], allowed)
    elif terms_tree is not None:  # words OR-ed (a person's spellings): scored here too
        scored = tree_scores(searcher, cache, terms_tree)
        matched = set(scored) if allowed is None else set(scored) & allowed
    else:
        matched = set(searcher.docs_for_query(whoosh_query))
        if allowed is not None:
            matched &= allowed
    if sort == "relevance" and postings is not None:
        ranked = top_by_bm25(searcher, cache, ranked_terms, postings, matched, wanted)
    elif sort == "relevance" and scored is not None:
        ranked = heapq.nsmallest(wanted, ((d, scored[d]) for d in matched), key=_best_first)
    elif sort == "relevance" and not isinstance(whoosh_query, wq.Every) and matched:
        ranked, timed_out = _top_by_score(searcher, whoosh_query, matched, wanted)
        if timed_out:
            notices.append(
                f"the search stopped after {settings.SEARCH_TIME_LIMIT_S:g} s; "
                "the ranking may be incomplete"
            )
    else:
        ranked = _top_by_date(cache, matched, wanted, newest_first=(sort != "date"))
    page_docs = ranked[(page - 1) * per_page : wanted]
    facets = facet_counts(cache, matched)
    elapsed = time.monotonic() - started
    if elapsed > settings.SEARCH_TIME_LIMIT_S and not notices:
        notices.append(
            f"the search took {elapsed:.1f} s, over the limit of {settings.SEARCH_TIME_LIMIT_S:g} s"
        )
    return {
        "ids": [int(searcher.stored_fields(docnum)["id"]) for docnum, _ in page_docs],
        "scores": [score for _, score in page_docs],
        "total": len(matched),
        "facets": facets,
        "notices": notices,
    }


# ---------------------------------------------------------------- ranking words and phrases
#
# Most searches are words and phrases AND-ed, so the Whoosh query is one Term
# or an And of Terms on the ranked fields. For those we read each term's
# postings a block at a time, intersect them as Python sets and compute
# Whoosh's own BM25F from the cached field lengths: the same ranking as
# Whoosh's collector (tests/search/test_whoosh_internals.py compares the top
# 20), without its per-document matcher calls. This reads whoosh-reloaded
# 2.7.5's posting blocks (W3LeafMatcher), hence the exact pin.


def plain_terms(whoosh_query, schema) -> list[tuple[str, str]] | None:
    """[(field, text)] when the query is terms AND-ed together, else None.

    Terms of ranked fields score by BM25F, terms of unscored fields (speaker:,
    type: ...) add their weight, 1, as Whoosh does; anything else (OR, NOT,
    ranges, an older index's scored filter fields) goes to Whoosh's collector.
    """
    if type(whoosh_query) is wq.And and whoosh_query.boost == 1:
        terms = []
        for part in whoosh_query.subqueries:  # a phrase is an And inside the And
            found = plain_terms(part, schema)
            if found is None:
                return None
            terms.extend(found)
        return terms
    part = whoosh_query
    if type(part) is not wq.Term or part.boost != 1 or part.fieldname not in schema:
        return None
    if part.fieldname not in RANKED_FIELDS and schema[part.fieldname].scorable:
        return None
    return [(part.fieldname, part.text)]


def term_postings(
    searcher, field: str, text: str, with_weights: bool = True
) -> tuple[list[int], list[float]]:
    """Global docnums and weights (term frequencies) of one term, deleted documents included."""
    ids: list[int] = []
    weights: list[float] = []
    with_weights = with_weights and field in RANKED_FIELDS  # other fields weigh 1 each
    for reader, offset in searcher.reader().leaf_readers():
        if not reader.doc_frequency(field, text):
            continue
        matcher = reader.postings(field, text)
        matcher = getattr(matcher, "child", matcher)  # unwrap a deletions filter: see all_of
        while matcher.is_active():
            if hasattr(matcher, "_read_ids"):  # a whole W3LeafMatcher block at once
                if matcher._ids is None:
                    matcher._read_ids()
                ids.extend(map(offset.__add__, matcher._ids))
                if with_weights:
                    if matcher._weights is None:
                        matcher._read_weights()
                    weights.extend(matcher._weights)
                matcher._next_block()
            else:
                ids.append(offset + matcher.id())
                if with_weights:
                    weights.append(matcher.weight())
                matcher.next()
    return ids, weights


def all_of(postings, live: set[int], allowed: set[int] | None) -> set[int]:
    sets = sorted((set(ids) for ids, _ in postings), key=len)
    matched = sets[0]
    for other in sets[1:]:
        matched &= other
    matched &= live
    if allowed is not None:
        matched &= allowed
    return matched


def top_by_bm25(searcher, cache, terms, postings, matched: set[int], wanted: int):
    """The `wanted` best (docnum, score) by Whoosh's BM25F; ties go to the lower docnum."""
    if not matched:
        return []
    scores: dict[int, float] = dict.fromkeys(matched, 0.0)
    k1, b = BM25_K1, BM25_B
    for (field, text), (ids, weights) in zip(terms, postings, strict=True):
        if field not in RANKED_FIELDS:  # an unscored field: Whoosh adds the weight, 1
            for docnum in matched:
                scores[docnum] += 1.0
            continue
        idf = searcher.idf(field, text)
        average = searcher.avg_field_length(field) or 1
        lengths = cache["lengths"][field]
        for docnum, weight in zip(ids, weights, strict=True):
            if docnum in scores:
                norm = k1 * ((1 - b) + b * lengths[docnum] / average)
                scores[docnum] += idf * ((weight * (k1 + 1)) / (weight + norm))
    best = heapq.nsmallest(wanted, scores.items(), key=lambda item: (-item[1], item[0]))
    return best


def term_tree(whoosh_query, schema):
    """("term", field, text) or ("and" | "or", [children]) for a query made only of terms
    AND-ed and OR-ed (as plain_terms takes them); None for anything else."""
    kind = type(whoosh_query)
    if kind in (wq.And, wq.Or) and whoosh_query.boost == 1:
        children = [term_tree(part, schema) for part in whoosh_query.subqueries]
        if not children or any(child is None for child in children):
            return None
        return ("and" if kind is wq.And else "or", children)
    found = plain_terms(whoosh_query, schema) if kind is wq.Term else None
    return ("term", *found[0]) if found else None


def tree_scores(searcher, cache, tree) -> dict[int, float]:
    """{docnum: score} for the live documents a term tree matches, scored as Whoosh's
    matchers score them: a term by BM25F (an unscored field's term by its weight, 1), an
    AND by the sum of its parts when all match, an OR by the sum of the parts that match."""
    kind, *rest = tree
    if kind == "term":
        field, text = rest
        return _term_scores(searcher, cache, field, text)
    parts = [tree_scores(searcher, cache, child) for child in rest[0]]
    if kind == "and":
        common = set.intersection(*(set(part) for part in parts))
        return {docnum: sum(part[docnum] for part in parts) for docnum in common}
    combined: dict[int, float] = {}
    for part in parts:
        for docnum, score in part.items():
            combined[docnum] = combined.get(docnum, 0.0) + score
    return combined


def _term_scores(searcher, cache, field: str, text: str) -> dict[int, float]:
    ids, weights = term_postings(searcher, field, text)
    live = cache["live"]
    if field not in RANKED_FIELDS:
        return {docnum: 1.0 for docnum in ids if docnum in live}
    k1, b = BM25_K1, BM25_B
    idf = searcher.idf(field, text)
    average = searcher.avg_field_length(field) or 1
    lengths = cache["lengths"][field]
    return {
        docnum: idf
        * ((weight * (k1 + 1)) / (weight + k1 * ((1 - b) + b * lengths[docnum] / average)))
        for docnum, weight in zip(ids, weights, strict=True)
        if docnum in live
    }


def _best_first(item):
    return (-item[1], item[0])


class _BoundedFilterCollector(collectors.FilterCollector):
    """Keeps only allowed documents and stops at a deadline (no signals: any thread)."""

    def __init__(self, child, allow, deadline: float):
        super().__init__(child, allow=allow)
        self.deadline = deadline

    def collect_matches(self):
        child, allow, offset = self.child, self._allow, self.offset
        for n, sub_docnum in enumerate(child.matches()):
            if offset + sub_docnum in allow:
                child.collect(sub_docnum)
            if n % 512 == 511 and time.monotonic() > self.deadline:
                raise collectors.TimeLimit


def _top_by_score(searcher, whoosh_query, matched: set[int], wanted: int):
    top = collectors.TopCollector(limit=wanted)
    deadline = time.monotonic() + settings.SEARCH_TIME_LIMIT_S
    bounded = _BoundedFilterCollector(top, matched, deadline)
    timed_out = False
    try:
        searcher.search_with_collector(whoosh_query, bounded)
    except collectors.TimeLimit:
        timed_out = True
    return [(docnum, score) for score, docnum in top.results().top_n], timed_out


def _top_by_date(cache, matched: set[int], wanted: int, newest_first: bool):
    dates = cache["dates"]
    pick = heapq.nlargest if newest_first else heapq.nsmallest
    docs = pick(wanted, matched, key=lambda docnum: (dates[docnum], docnum))
    return [(docnum, 0.0) for docnum in docs]


def facet_counts(cache: dict, matched: Iterable[int]) -> dict[str, dict[str, int]]:
    # map/filter/chain keep the per-document loop in C: this runs over every
    # matched document, tens of thousands for a common word.
    matched = list(matched)
    counts = {}
    for name, per_doc in cache["facets"].items():
        values = chain.from_iterable(filter(None, map(per_doc.__getitem__, matched)))
        counts[name] = dict(Counter(values).most_common())
    types = Counter(map(cache["types"].__getitem__, matched))
    types.pop(None, None)
    counts["type"] = dict(types.most_common())
    year_counts = Counter(map(cache["years"].__getitem__, matched))
    year_counts.pop(0, None)
    counts["year"] = {str(year): year_counts[year] for year in sorted(year_counts)}
    return counts


# ---------------------------------------------------------------- snippets, suggestions, related


TOKEN_PATTERN = analysis.RegexTokenizer().expression  # what TEXT_ANALYZER splits on


@functools.lru_cache(maxsize=200_000)
def indexed_form(word: str) -> str | None:
    """What TEXT_ANALYZER makes of one token (None for a stop word).

    Its filters act on each token alone, so a token analysed by itself gives
    what it gives inside a text; caching per token spares the analyzer
    pipeline for every word of every snippet.
    """
    found = tokens(TEXT_ANALYZER, word)
    return found[0] if len(found) == 1 else None


def snippet_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    stems = {token for word in words for token in tokens(TEXT_ANALYZER, word)}
    if not stems:
        return []
    return [
        match.span()
        for match in TOKEN_PATTERN.finditer(text)
        if indexed_form(match.group()) in stems
    ]


def snippets(texts: dict[int, str], parsed: ParsedQuery) -> dict[int, str]:
    words = parsed.positive_words()
    return {
        statement_id: highlight.build_snippet(text, snippet_spans(text, words))
        for statement_id, text in texts.items()
    }


def corrections(words: list[str]) -> dict[str, str]:
    """{unknown word: the likeliest indexed word}, from the index vocabulary."""
    searcher, _ = state().get()
    reader = searcher.reader()
    found = {}
    for word in words:
        parts = tokens(NAME_ANALYZER, word)
        if len(parts) != 1 or reader.doc_frequency("vocab", parts[0]):
            continue
        term = parts[0]
        if term.isdigit() or len(term) < 3:
            continue
        candidates = list(reader.terms_within("vocab", term, 1 if len(term) <= 4 else 2, prefix=1))
        if candidates:
            best = max(
                candidates,
                key=lambda c: (common_prefix_length(term, c), reader.doc_frequency("vocab", c)),
            )
            found[word] = best
    return found


def known_words(words: Iterable[str]) -> set[str]:
    """The words every part of which some indexed statement has."""
    searcher, _ = state().get()
    reader = searcher.reader()
    return {
        word
        for word in words
        if (parts := tokens(NAME_ANALYZER, word))
        and all(reader.doc_frequency("vocab", part) for part in parts)
    }


def related(statement_id: int, text: str, limit: int) -> list[int]:
    searcher, _ = state().get()
    key_terms = searcher.key_terms_from_text("text", text, numterms=12)
    if not key_terms:
        return []
    query = wq.Or([wq.Term("text", term, boost=weight) for term, weight in key_terms])
    own = searcher.document_number(id=str(statement_id))
    mask = {own} if own is not None else None
    results = searcher.search(query, limit=limit + 1, mask=mask)
    ids = [int(hit["id"]) for hit in results]
    return [i for i in ids if i != statement_id][:limit]


# ---------------------------------------------------------------- writing


@contextmanager
def writer(ix=None, small: bool = False, **options):
    """A writer that waits up to SEARCH_WRITER_TIMEOUT_S for the lock, then fails clearly.

    `small` commits (a few edited statements) add their segment without
    merging others, while the index has fewer than MAX_SEGMENTS_UNMERGED:
    a merge rewrites whole segments, seconds of work an editor would wait
    for. Any larger commit merges as Whoosh chooses, so segments stay few.
    """
    ix = ix or open_live_index()[0]
    timeout = settings.SEARCH_WRITER_TIMEOUT_S
    try:
        index_writer = ix.writer(timeout=timeout, delay=0.05, **options)
    except LockError:
        raise IndexBusy(
            f"the search index is busy: another writer held it for more than {timeout:g} s; "
            "nothing was written (run `manage.py check_index --fix` later)"
        ) from None
    try:
        yield index_writer
    except BaseException:
        index_writer.cancel()
        raise
    else:
        if small and len(index_writer.segments) < MAX_SEGMENTS_UNMERGED:
            index_writer.commit(mergetype=NO_MERGE)
        else:
            index_writer.commit()
    finally:
        state().mark_stale()


def _journal(ids: Iterable[int]) -> None:
    """While a rebuild runs, remember what changed so the new index gets it too."""
    root = root_dir()
    if (root / REBUILDING).exists():
        with open(root / PENDING, "a") as journal:
            journal.write("".join(f"{i}\n" for i in ids))


def _delete_where(index_writer, field: str, keys: Iterable) -> None:
    """Delete the documents whose `field` is one of `keys`, through one searcher.

    Whoosh's delete_by_term and update_document open a searcher over every
    segment for each call; with a hundred documents that was most of a
    small commit.
    """
    with index_writer.searcher() as searcher:
        leaves = list(searcher.reader().leaf_readers())
        for key in {str(k) for k in keys}:
            for reader, offset in leaves:
                if reader.doc_frequency(field, key):
                    for docnum in reader.postings(field, key).all_ids():
                        index_writer.delete_document(offset + docnum)


def _unindexable(schema, docs: Iterable[documents.StatementDoc]) -> dict[int, str]:
    """{statement id: reason} for the docs Whoosh cannot analyse.

    Run only after a write failed: it analyses every field again. Whoosh's
    add_document cannot be retried within a writer (a failed document leaves
    postings behind under the number the next document gets), so the caller
    cancels the writer and writes again without these.
    """
    failures = {}
    for doc in docs:
        try:
            for name, value in doc_fields(doc).items():
                field = schema[name]
                if field.indexed and value is not None:
                    for _posting in field.index(value):
                        pass
        except Exception as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else ""
            failures[doc.id] = f"{type(error).__name__}: {reason}".rstrip(": ")
    return failures


def _write_each(write: Callable[[list], None], docs: list[documents.StatementDoc]) -> int:
    """write(docs) in one writer; a document Whoosh cannot index is left out alone.

    Then the others are written and DocumentsNotIndexed names the ones left
    out, so one statement's content never unindexes its batch.
    """
    try:
        write(docs)
        return len(docs)
    except IndexBusy:
        raise
    except Exception:
        failures = _unindexable(open_live_index()[0].schema, docs)
        if not failures:
            raise
    write([doc for doc in docs if doc.id not in failures])
    meetings = {doc.id: doc.meeting_id for doc in docs if doc.id in failures}
    raise DocumentsNotIndexed(failures, meetings)


def sync_statements(ids: Iterable[int]) -> int:
    """Make the index match the database for these statement ids (add, update or remove)."""
    ids = sorted({int(i) for i in ids})
    if not ids:
        return 0

    def write(docs):
        with writer(small=len(ids) <= SMALL_COMMIT_DOCS) as index_writer:
            _delete_where(index_writer, "id", ids)  # then plain adds: an update without look-ups
            for doc in docs:
                index_writer.add_document(**doc_fields(doc))

    docs = documents.load_docs(ids)
    try:
        return _write_each(write, docs)
    finally:
        _journal(ids)


def sync_meetings(meeting_ids: Iterable[int]) -> int:
    meeting_ids = sorted({int(i) for i in meeting_ids})
    if not meeting_ids:
        return 0

    def write(docs):
        with writer() as index_writer:
            _delete_where(index_writer, "meeting", meeting_ids)
            for doc in docs:
                index_writer.add_document(**doc_fields(doc))

    docs = documents.load_docs(documents.statement_ids_for_meetings(meeting_ids))
    try:
        return _write_each(write, docs)
    finally:
        _journal(doc.id for doc in docs)


def remove_meetings(meeting_ids: Iterable[int]) -> None:
    with writer() as index_writer:
        _delete_where(index_writer, "meeting", meeting_ids)


def remove_statements(ids: Iterable[int]) -> None:
    ids = list(ids)
    with writer() as index_writer:
        _delete_where(index_writer, "id", ids)
    _journal(ids)


def rebuild(on_batch: Callable[[int, int], None] | None = None) -> int:
    """Build a fresh index beside the live one, then swap it in atomically.

    Searches keep using the old index meanwhile; if anything fails the new
    folder is removed and the old index stays live. Statements Whoosh cannot
    index are left out alone: the rest is swapped in, then DocumentsNotIndexed
    names them.
    """
    root = root_dir()
    root.mkdir(parents=True, exist_ok=True)
    old = live_dir(root)
    total = documents.Statement.objects.count()
    failures: dict[int, str] = {}
    new = None
    try:
        try:
            new, done = _build(root, total, on_batch, skip=set())
        except IndexBusy:
            raise
        except Exception:
            failures = _unindexable(make_schema(), chain.from_iterable(documents.iter_all_docs()))
            if not failures:
                raise
            new, done = _build(root, total, on_batch, skip=set(failures))
        _point_to(root, new)
    except BaseException:
        (root / REBUILDING).unlink(missing_ok=True)
        raise
    state().mark_stale()
    _replay_pending(root)
    _remove_old(root, keep={new, old})
    if failures:
        meetings = dict(
            documents.Statement.objects.filter(id__in=failures).values_list("id", "meeting_id")
        )
        raise DocumentsNotIndexed(failures, meetings)
    return done


def _build(root: Path, total: int, on_batch, skip: set[int]) -> tuple[Path, int]:
    """A new index folder holding every statement but `skip`; removed again on failure."""
    new = _new_dir(root)
    (root / REBUILDING).write_text(new.name)
    procs = 2 if total > 20000 and (os.cpu_count() or 1) > 1 else 1
    done = 0
    try:
        ix = whoosh_index.create_in(str(new), make_schema())
        options = {"procs": procs, "multisegment": True} if procs > 1 else {}
        with writer(ix, limitmb=128, **options) as index_writer:
            for batch in documents.iter_all_docs():
                for doc in batch:
                    if doc.id not in skip:
                        index_writer.add_document(**doc_fields(doc))
                done += len(batch)
                if on_batch is not None:
                    on_batch(done, total)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return new, done - len(skip)


def _replay_pending(root: Path) -> None:
    pending = root / PENDING
    (root / REBUILDING).unlink(missing_ok=True)
    try:
        ids = {int(line) for line in pending.read_text().split() if line.isdigit()}
    except FileNotFoundError:
        return
    pending.unlink(missing_ok=True)
    sync_statements(ids)


def _remove_old(root: Path, keep: set) -> None:
    # The previous index stays one generation, for processes still reading it.
    for path in root.glob("index-*"):
        if path.is_dir() and path not in keep:
            shutil.rmtree(path, ignore_errors=True)


def indexed_hashes() -> dict[int, str]:
    searcher, _ = state().get()
    return {
        int(stored["id"]): stored.get("hash", "")
        for stored in searcher.reader().all_stored_fields()
    }


def count() -> int:
    searcher, _ = state().get()
    return searcher.doc_count()
