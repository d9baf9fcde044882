"""Cached counts that stay true: keyed by a generation token every write changes.

What grows with the archive (the facet counts of the whole list, the home
page's totals, a meeting's related meetings, the sitemap) is counted once and
kept in Django's cache under the archive's generation token. The token lives in
row 1 of models.ArchiveState (row 2 is the PostgreSQL search tables' own token,
kept the same way, under which that backend keeps searches) and is set to a new
random value *before* each INSERT, UPDATE or DELETE of a record table, inside
the writing transaction:

- every path counts, not only `Model.save()`: bulk_create, queryset.update(),
  raw SQL through Django's connection (the importer's bulk writes, merges, a
  restore, the admin), because the watch sits on the connection
  (`connection.execute_wrappers`, installed for every connection opened);
- the reader of a cache sees the token of what it reads: other processes see
  the new token when the write commits, the writing transaction at once;
- a random token is never reused, so a value counted inside a transaction that
  was rolled back can never be taken for a later state's.

Inside a transaction the token is set before the write, which takes the row's
lock first, in one order for every writer (no deadlock through it on
PostgreSQL). A write in autocommit mode commits alone, so its token is set
after it: never can a reader see the new token with the old data.

A safe (GET or HEAD) request reads the token once, however many counts its page
takes from the cache (`reading_once`, set by middleware.ArchiveGenerationMiddleware):
the memo lives in a context variable of that request and is forgotten the
moment this process writes to a record table, so a request that writes never
serves counts of the state before its write.
"""

from __future__ import annotations

import contextvars
import hashlib
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.core.cache import cache
from django.db import connection as default_connection

STATE_TABLE = "meetings_archivestate"
# Tables whose writes change no page that is cached: the token itself, the
# index's notes and search tables (the indexing process writes them), history.
UNWATCHED = re.compile(r"^meetings_(archivestate|pendingindex|search\w*|historical\w*)$")
# The PostgreSQL backend's search tables have a token of their own (the state table's
# second row): a search kept under it is dropped when the index changes.
SEARCH_TABLES = re.compile(r"^meetings_search\w*$")
ARCHIVE_ROW, SEARCH_ROW = 1, 2
WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?',
    re.IGNORECASE,
)
# A schema change (a migration, forwards or back) may create or drop the token's table.
SCHEMA_CHANGE = re.compile(r"^\s*(?:CREATE|DROP|ALTER)\s", re.IGNORECASE)
SET_TOKEN = (
    f"INSERT INTO {STATE_TABLE} (id, generation) VALUES (%s, %s)"
    " ON CONFLICT (id) DO UPDATE SET generation = excluded.generation"
)
READ_TOKEN = f"SELECT generation FROM {STATE_TABLE} WHERE id = %s"
CACHE_SECONDS = 24 * 3600

MISSING = object()
T = TypeVar("T")
# The token as this request first read it ({"token": n}), or None outside a safe request.
_request_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "archive_generation_memo", default=None
)


def changes_archive(sql: str) -> bool:
    """Whether `sql` writes to a record table (meetings_*, not the unwatched ones)."""
    return _row_changed_by(sql) == ARCHIVE_ROW


def _row_changed_by(sql: str) -> int | None:
    """Which token a write changes: the archive's, the search tables', or none."""
    found = WRITE.match(sql)
    if found is None:
        return None
    table = found.group(1).lower()
    if SEARCH_TABLES.match(table):
        return SEARCH_ROW
    return ARCHIVE_ROW if table.startswith("meetings_") and not UNWATCHED.match(table) else None


def watch_writes(execute, sql, params, many, context):
    """An execute wrapper: a new token with every write to a record or search table."""
    connection = context["connection"]
    if SCHEMA_CHANGE.match(sql):
        connection.archive_state_ready = False  # looked up again at the next write
    row = _row_changed_by(sql)
    if row is None or not _has_state_table(connection):
        return execute(sql, params, many, context)
    if row == ARCHIVE_ROW:
        forget_memo()
    if connection.in_atomic_block:
        new_generation(connection, row)
        return execute(sql, params, many, context)
    result = execute(sql, params, many, context)
    new_generation(connection, row)
    return result


def _has_state_table(connection) -> bool:
    """False only while migrations older than the token's table run (then: no cache yet)."""
    if not getattr(connection, "archive_state_ready", False):
        with connection.cursor() as cursor:
            names = connection.introspection.table_names(cursor)
        connection.archive_state_ready = STATE_TABLE in names
    return connection.archive_state_ready


def install(connection, **_kwargs) -> None:
    """For the connection_created signal: watch this connection's writes (once)."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def new_generation(connection=default_connection, row: int = ARCHIVE_ROW) -> int:
    token = secrets.randbits(62)
    with connection.cursor() as cursor:  # its own table is unwatched: no recursion
        cursor.execute(SET_TOKEN, [row, token])
    return token


def search_generation() -> int:
    """The search tables' token now (0 before their first write); read at each call."""
    return _read_token(SEARCH_ROW)


def _read_token(row: int) -> int:
    with default_connection.cursor() as cursor:
        cursor.execute(READ_TOKEN, [row])
        found = cursor.fetchone()
    return found[0] if found else 0


def generation() -> int:
    """The archive's token now (0 for an archive never written since it was made);
    read from the database once per safe request (see `reading_once`)."""
    memo = _request_memo.get()
    if memo is not None and "token" in memo:
        return memo["token"]
    token = _read_token(ARCHIVE_ROW)
    if memo is not None:
        memo["token"] = token
    return token


@contextmanager
def reading_once() -> Iterator[None]:
    """Within this block (one safe request), the token is read at most once
    until this process writes to a record table."""
    reset = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(reset)


def forget_memo() -> None:
    """This process writes to the records: the next `generation()` reads again."""
    memo = _request_memo.get()
    if memo is not None:
        memo.pop("token", None)


def cached(
    name: str,
    compute: Callable[[], T],
    *parts,
    token: int | None = None,
    keep: Callable[[T], bool] | None = None,
) -> T:
    """`compute()`, kept until the archive changes (or `token`, when given, does);
    `parts` tell its variants apart; a value `keep` refuses is not kept."""
    detail = hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:16] if parts else "-"
    key = f"archive:{generation() if token is None else token}:{name}:{detail}"
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = compute()
        if keep is None or keep(value):
            cache.set(key, value, CACHE_SECONDS)
    return value
