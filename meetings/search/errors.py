"""Errors the search package raises, importable without any backend."""


class SearchError(RuntimeError):
    """A search-side failure with a one-line message."""


class IndexBusy(SearchError):
    """Another writer held the index longer than settings.SEARCH_WRITER_TIMEOUT_S."""
