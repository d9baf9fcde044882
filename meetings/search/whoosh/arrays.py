"""Per-document arrays read from the index: dates, years, facet values, field lengths.

Dates and facet values come from these arrays, cached per segment (a commit
reads only its new segments), so date filters and facet counts never run a
Whoosh range query or `groupedby`.
"""

from __future__ import annotations

from .schema import FACET_FIELDS, RANKED_FIELDS


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


def build_cache(searcher, known: dict[str, SegmentArrays]) -> dict:
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
    return _joined([(reader, offset, current[segment_key(reader)]) for reader, offset in leaves])


def _joined(leaves: list[tuple]) -> dict:
    """One array per value over every segment: [(reader, offset, SegmentArrays)] in order."""
    live: set[int] = set()
    spans = []
    dates: list = []
    years: list = []
    types: list = []
    facets: dict[str, list] = {name: [] for name in FACET_FIELDS}
    lengths: dict[str, list] = {name: [] for name in RANKED_FIELDS}
    for reader, offset, arrays in leaves:
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
