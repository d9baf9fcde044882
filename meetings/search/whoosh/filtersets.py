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

from .. import fields, query
from ..contract import Filters
from .ranking import term_postings


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
    spec = fields.BY_NAME.get(name)
    if spec is None or spec.kind != fields.FACET:
        return set()
    value = query.canonical_value(spec.query_field, value)
    return set(term_postings(searcher, spec.whoosh_field, value)[0]) & cache["live"]


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
    """{facet: {value: matched documents}}, every facet of fields.FACETS."""
    matched = list(matched)
    counts = {}
    for spec in fields.FACETS:
        if spec.many:
            counts[spec.name] = _count_many(cache["facets"][spec.name], matched)
        elif spec.kind == fields.RANGE:  # years, from their own array
            counts[spec.name] = _count_years(cache["years"], matched)
        else:  # the one value a statement has: its meeting's type
            counts[spec.name] = _count_one(cache["types"], matched)
    return counts


# map/filter/chain keep the per-document loops in C: they run over every
# matched document, tens of thousands for a common word.


def _count_many(per_doc: list, matched: list[int]) -> dict[str, int]:
    values = chain.from_iterable(filter(None, map(per_doc.__getitem__, matched)))
    return dict(Counter(values).most_common())


def _count_one(per_doc: list, matched: list[int]) -> dict[str, int]:
    values = Counter(map(per_doc.__getitem__, matched))
    values.pop(None, None)
    return dict(values.most_common())


def _count_years(years: list, matched: list[int]) -> dict[str, int]:
    year_counts = Counter(map(years.__getitem__, matched))
    year_counts.pop(0, None)
    return {str(year): year_counts[year] for year in sorted(year_counts)}
