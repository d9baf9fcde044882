"""Errors the search package raises, importable without any backend."""


class SearchError(RuntimeError):
    """A search-side failure with a one-line message."""


class IndexBusy(SearchError):
    """Another writer held the index longer than settings.SEARCH_WRITER_TIMEOUT_S."""


class DocumentsNotIndexed(SearchError):
    """Some statements could not be indexed; every other one of the batch was.

    `failures` maps each statement id left out to a one-line reason and
    `meetings` maps it to its meeting id, so callers can say which file or
    page it came from. The index no longer holds an old version of them:
    check_index lists them as missing until they can be indexed.
    """

    def __init__(self, failures: dict[int, str], meetings: dict[int, int] | None = None):
        self.failures = dict(failures)
        self.meetings = dict(meetings or {})
        shown = ", ".join(f"{pk} ({reason})" for pk, reason in sorted(self.failures.items())[:5])
        more = f" and {len(self.failures) - 5} more" if len(self.failures) > 5 else ""
        super().__init__(f"{len(self.failures)} statement(s) could not be indexed: {shown}{more}")

    def __reduce__(self):  # picklable, for the import's indexing process
        return (type(self), (self.failures, self.meetings))
