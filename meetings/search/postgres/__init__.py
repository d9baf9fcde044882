"""The PostgreSQL backend: tsvector / tsquery with our `archive_search` configuration.

    models.py       SearchDocument (one row per statement), SearchVocabulary
    analysis.py     text folded and split in Python, stemmed by PostgreSQL; tsqueries
    translate.py    the query's syntax tree as one Q object
    querying.py     run_search: rows matched, ranked, paged; facets in one pass
    snippets.py     the words a hit matched, marked
    suggestions.py  "did you mean", known words, related statements
    writing.py      sync, remove, rebuild (one transaction)

Imported only when settings.SEARCH_BACKEND is "postgres": the tables exist
only there (migration 0002_search_document).
"""

from .querying import run_search
from .snippets import snippets
from .suggestions import corrections, known_words, related
from .writing import (
    count,
    indexed_hashes,
    rebuild,
    remove_meetings,
    remove_statements,
    sync_meetings,
    sync_statements,
)

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
