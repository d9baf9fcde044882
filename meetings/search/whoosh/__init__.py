"""The embedded search backend: Whoosh. The only package that imports whoosh.

    schema.py       fields and analysers, and how a statement fills them
    patch.py        two patches of whoosh-reloaded 2.7.5 (applied on import, below)
    storage.py      the index folders: CURRENT, index-<stamp>/, REBUILDING, PENDING
    searcher.py     one searcher per process, refreshed only after commits
    arrays.py       per-document arrays (dates, years, facet values, lengths) per segment
    translate.py    the query's syntax tree as a Whoosh query
    filtersets.py   ranges and facet values as document sets; facet counts
    ranking.py      BM25F over posting blocks, as Whoosh scores it
    querying.py     run_search: match, rank, page, count
    snippets.py     the words a hit matched, marked
    suggestions.py  "did you mean", known words, related statements
    writing.py      sync and remove, one writer per call
    rebuilding.py   a fresh index beside the live one; what the index holds

Speed (figures in docs/benchmarks.md): phrases are look-ups in a word-pair
field; dates, years, facet values and field lengths come from cached arrays,
so date filters and facet counts never run a Whoosh range query or
`groupedby`. Parts of this rely on whoosh-reloaded 2.7.5 internals, pinned in
pyproject.toml and checked by tests/search/test_whoosh_internals.py.
"""

from . import patch  # noqa: F401  (before any index is opened)
from .querying import run_search
from .rebuilding import count, indexed_hashes, rebuild
from .snippets import snippets
from .suggestions import corrections, known_words, related
from .writing import remove_meetings, remove_statements, sync_meetings, sync_statements

__all__ = [
    "corrections",
    "count",
    "indexed_hashes",
    "known_words",
    "rebuild",
    "related",
    "remove_meetings",
    "remove_statements",
    "run_search",
    "snippets",
    "sync_meetings",
    "sync_statements",
]
