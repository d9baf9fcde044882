"""Benchmarks: import, search (against a raw full-text baseline), pages, freshness.

    runner.py   the parent: a temp folder, a throwaway database, one child process
    child.py    the child: migrate, run every stage, write the result JSON
    stages.py   the five measurements, through the project's real code
    queries.py  the fixed query mix drawn from the corpus
    fts5.py     the baseline in a plain SQLite FTS5 table (the Whoosh backend's)
    pg_fts.py   the baseline in raw PostgreSQL FTS (the PostgreSQL backend's)
    timing.py   clocks, percentiles, sizes, machine description
    report.py   the Markdown table

Nothing here is imported by the site; `manage.py bench` is the entry point.
"""
