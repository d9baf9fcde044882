"""One search: the tree translated, the documents matched, ranked, paged and counted.

Matching takes the fastest road the query allows: everything, everything
but (a set difference), terms AND-ed (BM25F over posting blocks), terms AND-ed
and OR-ed (a term tree), or else Whoosh's own collector under a deadline.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass

from django.conf import settings
from whoosh import query as wq

from ..contract import ONLY_COMMON_WORDS, Filters, Found
from ..query import ParsedQuery
from .filtersets import allowed_docs, facet_counts
from .ranking import (
    all_of,
    best_first,
    plain_terms,
    term_postings,
    term_tree,
    top_by_bm25,
    top_by_date,
    top_by_score,
    tree_scores,
)
from .searcher import state
from .translate import excluded_queries, split_ranges, translate


@dataclass
class Matches:
    """The matched documents (global docnums) and what ranks them."""

    docs: set[int]
    sort: str
    terms: list[tuple[str, str]] | None = None  # terms AND-ed, ranked by BM25F ...
    postings: list | None = None  # ... from these postings
    scores: dict[int, float] | None = None  # a term tree's scores


def run_search(parsed: ParsedQuery, filters: Filters, page: int, per_page: int, sort: str) -> Found:
    """Hits and facets for a parsed query, kept with the searcher that found them.

    Matching, ranking and counting cost what the query matches, which grows with
    the archive; the same search again, until the index changes (a new searcher,
    a new `cache`), costs a look-up. At most SEARCH_RESULTS_KEPT are kept per
    searcher, emptied when full; 0 keeps none.
    """
    searcher, cache = state().get()
    kept = settings.SEARCH_RESULTS_KEPT
    if not kept:
        return _search(searcher, cache, parsed, filters, page, per_page, sort)
    results = cache.setdefault("results", {})
    key = repr((parsed.tree, filters, page, per_page, sort))
    found = results.get(key)
    if found is None:
        found = _search(searcher, cache, parsed, filters, page, per_page, sort)
        if len(results) >= kept:
            results.clear()
        results[key] = found
    return found.copy()


def _search(searcher, cache, parsed, filters, page, per_page, sort) -> Found:
    started = time.monotonic()
    tree, ranges = split_ranges(parsed.tree)
    whoosh_query = translate(tree)
    if whoosh_query is None:
        return Found.nothing(ONLY_COMMON_WORDS)
    allowed = allowed_docs(searcher, cache, ranges, filters)
    matches = _match(searcher, cache, tree, whoosh_query, allowed, sort)
    wanted = page * per_page
    ranked, notices = _rank(searcher, cache, whoosh_query, matches, wanted)
    page_docs = ranked[(page - 1) * per_page : wanted]
    facets = facet_counts(cache, matches.docs)
    elapsed = time.monotonic() - started
    if elapsed > settings.SEARCH_TIME_LIMIT_S and not notices:
        notices.append(
            f"the search took {elapsed:.1f} s, over the limit of {settings.SEARCH_TIME_LIMIT_S:g} s"
        )
    return Found(
        ids=[int(searcher.stored_fields(docnum)["id"]) for docnum, _ in page_docs],
        scores=[score for _, score in page_docs],
        total=len(matches.docs),
        facets=facets,
        notices=notices,
    )


def _everything(live: set[int], allowed: set[int] | None) -> set[int]:
    return set(live) if allowed is None else allowed & live


def _match(searcher, cache, tree, whoosh_query, allowed: set[int] | None, sort: str) -> Matches:
    live = cache["live"]
    if isinstance(whoosh_query, wq.Every):
        return Matches(_everything(live, allowed), sort)
    excluded = excluded_queries(tree)
    if excluded is not None:  # everything but: a set difference, no matcher per document
        docs = _everything(live, allowed)
        for query in excluded:
            docs.difference_update(searcher.docs_for_query(query))
        # Nothing to rank by (search() asks for -date already).
        return Matches(docs, "-date" if sort == "relevance" else sort)
    terms = plain_terms(whoosh_query, searcher.schema)
    if terms is not None:
        postings = [term_postings(searcher, field, text) for field, text in terms]
        return Matches(all_of(postings, live, allowed), sort, terms=terms, postings=postings)
    terms_tree = term_tree(whoosh_query, searcher.schema)
    if terms_tree is not None:  # words OR-ed (a person's spellings): scored here too
        scores = tree_scores(searcher, cache, terms_tree)
        docs = set(scores) if allowed is None else set(scores) & allowed
        return Matches(docs, sort, scores=scores)
    docs = set(searcher.docs_for_query(whoosh_query))
    return Matches(docs if allowed is None else docs & allowed, sort)


def _rank(searcher, cache, whoosh_query, matches: Matches, wanted: int) -> tuple[list, list[str]]:
    """The first `wanted` (docnum, score) in the asked order, and any notice about them."""
    docs = matches.docs
    if matches.sort == "relevance":
        if matches.postings is not None:
            return top_by_bm25(searcher, cache, matches.terms, matches.postings, docs, wanted), []
        if matches.scores is not None:
            scored = ((docnum, matches.scores[docnum]) for docnum in docs)
            return heapq.nsmallest(wanted, scored, key=best_first), []
        if not isinstance(whoosh_query, wq.Every) and docs:
            ranked, timed_out = top_by_score(searcher, whoosh_query, docs, wanted)
            notice = (
                f"the search stopped after {settings.SEARCH_TIME_LIMIT_S:g} s; "
                "the ranking may be incomplete"
            )
            return ranked, [notice] if timed_out else []
    return top_by_date(cache, docs, wanted, newest_first=(matches.sort != "date")), []
