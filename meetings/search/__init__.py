"""Full-text search over statements, behind one interface.

The rest of the project calls only the functions here; the backend modules
(`whoosh_backend`, the only module importing whoosh, and `postgres_backend`)
are chosen by settings.SEARCH_BACKEND.

    search(query, filters=None, page=1, per_page=20, sort="relevance") -> SearchResult
    index_statements(ids), remove_statements(ids), rebuild(), check()
    related(statement_id, limit=5) -> list[int]

The interface contract (SearchResult and its JSON form) lives in `results.py`.
"""

from .results import Hit, SearchResult  # noqa: F401
