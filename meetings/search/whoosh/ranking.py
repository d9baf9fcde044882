"""Ranking words and phrases by Whoosh's BM25F, computed here over posting blocks.

Most searches are words and phrases AND-ed, so the Whoosh query is one Term
or an And of Terms on the ranked fields. For those we read each term's
postings a block at a time, intersect them as Python sets and compute
Whoosh's own BM25F from the cached field lengths: the same ranking as
Whoosh's collector (tests/search/test_whoosh_internals.py compares the top
20), without its per-document matcher calls. Words OR-ed (a person's
spellings, search/people.py) are scored the same way through a term tree.
This reads whoosh-reloaded 2.7.5's posting blocks (W3LeafMatcher), hence
the exact pin. Anything else goes to Whoosh's collector, under a deadline.
"""

from __future__ import annotations

import heapq
import time

from django.conf import settings
from whoosh import collectors
from whoosh import query as wq

from .schema import RANKED_FIELDS

BM25_B, BM25_K1 = 0.75, 1.2  # Whoosh's BM25F defaults, which the fast path reproduces


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


def best_first(item):
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


def top_by_score(searcher, whoosh_query, matched: set[int], wanted: int):
    top = collectors.TopCollector(limit=wanted)
    deadline = time.monotonic() + settings.SEARCH_TIME_LIMIT_S
    bounded = _BoundedFilterCollector(top, matched, deadline)
    timed_out = False
    try:
        searcher.search_with_collector(whoosh_query, bounded)
    except collectors.TimeLimit:
        timed_out = True
    return [(docnum, score) for score, docnum in top.results().top_n], timed_out


def top_by_date(cache, matched: set[int], wanted: int, newest_first: bool):
    dates = cache["dates"]
    pick = heapq.nlargest if newest_first else heapq.nsmallest
    docs = pick(wanted, matched, key=lambda docnum: (dates[docnum], docnum))
    return [(docnum, 0.0) for docnum in docs]
