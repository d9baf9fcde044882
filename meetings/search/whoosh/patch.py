"""Two patches of whoosh-reloaded 2.7.5, applied when the Whoosh backend is imported.

Pinned with whoosh-reloaded==2.7.5; tests/search/test_whoosh_internals.py and
tests/search/test_tokenless_text.py fail if a patched method changes shape.
"""

from __future__ import annotations

from itertools import chain

from whoosh import analysis


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
