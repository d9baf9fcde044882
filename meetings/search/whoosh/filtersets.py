"""What narrows a search and what is counted: document sets from the cached arrays.

A date or year range is a slice of a date-sorted array, a facet value the
postings of one term; facet counts run over the matched documents' values.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from itertools import chain

from .. import query
from ..contract import Filters
from .ranking import term_postings
from .schema import FACET_FIELDS


def range_docs(cache: dict, node: query.Range) -> set[int]:
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
            value = query.canonical_country(value)
        return set(term_postings(searcher, field_name, value)[0]) & cache["live"]
    if name == "type":
        value = query.canonical_type(value)
        return set(term_postings(searcher, "type", value)[0]) & cache["live"]
    return set()


def allowed_docs(searcher, cache, ranges: list[query.Range], filters: Filters) -> set[int] | None:
    sets = [range_docs(cache, node) for node in ranges]
    for name, values in filters.facets.items():
        sets.extend(facet_docs(searcher, cache, name, value) for value in values)
    sets.extend(range_docs(cache, node) for node in filters.ranges)
    if not sets:
        return None
    sets.sort(key=len)
    allowed = sets[0]
    for other in sets[1:]:
        allowed = allowed & other
    return allowed


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
