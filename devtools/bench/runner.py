"""Runs one measurement in a fresh process on a throwaway database and index.

The parent (the `bench` command) makes a temporary folder, points a child
process at it through the environment the settings already read
(DATABASE_URL, SEARCH_INDEX_DIR, ARCHIVE_VAR_DIR, SEARCH_BACKEND), and reads
back the child's JSON. Nothing of the user's var/ is opened. With a
PostgreSQL URL, a database of its own is created on that server for the run
and dropped afterwards.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql", "postgis")


class BenchError(RuntimeError):
    """The run could not be made; the message is one line."""


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and urlsplit(url).scheme.split("+")[0] in POSTGRES_SCHEMES


@contextmanager
def throwaway_postgres(server_url: str):
    """A new, empty database on the server `server_url` points at; dropped on exit."""
    import psycopg
    from psycopg import sql

    name = f"archive_bench_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        admin = psycopg.connect(server_url, autocommit=True)
    except psycopg.Error as error:
        raise BenchError(f"cannot connect to the PostgreSQL server: {_first_line(error)}") from None
    try:
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as error:
            raise BenchError(f"cannot create a bench database: {_first_line(error)}") from None
        parts = urlsplit(server_url)
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        try:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        finally:
            admin.close()


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


@contextmanager
def database_for(work_dir: Path, database_url: str | None):
    if database_url:
        with throwaway_postgres(database_url) as url:
            yield url
    else:
        yield f"sqlite:///{work_dir / 'bench.sqlite3'}"


def run_bench(
    statements: int,
    backend: str = "whoosh",
    database_url: str | None = None,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
    small_statements: int = 0,
    pages_only: bool = False,
) -> dict:
    """One measurement in a child process; returns the result JSON as a dict."""
    if database_url and not is_postgres_url(database_url):
        raise BenchError("--database-url must be a PostgreSQL URL (postgres://...)")
    if backend == "postgres" and not database_url:
        raise BenchError(
            "the postgres backend needs a PostgreSQL server: set DATABASE_URL or --database-url"
        )
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as tmp:
        work_dir = Path(tmp)
        with database_for(work_dir, database_url) as url:
            env = child_environment(work_dir, url, backend)
            config = {
                "statements": statements,
                "seed": seed,
                "small_statements": small_statements,
                "pages_only": pages_only,
                "work_dir": str(work_dir),
                "result": str(work_dir / "result.json"),
                "partial": partial_path(statements, backend),
            }
            config_path = work_dir / "config.json"
            config_path.write_text(json.dumps(config))
            _run_child(config_path, env, progress)
            Path(config["partial"]).unlink(missing_ok=True)
            return json.loads(Path(config["result"]).read_text())


def partial_path(statements: int, backend: str) -> str:
    """Where the child keeps the stages done so far: outside the throwaway folder."""
    return str(Path(tempfile.gettempdir()) / f"archive-bench-{backend}-{statements}.partial.json")


def child_environment(work_dir: Path, database_url: str, backend: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "archive.settings",
            "DATABASE_URL": database_url,
            "SEARCH_BACKEND": backend,
            "SEARCH_INDEX_DIR": str(work_dir / "index"),
            "ARCHIVE_VAR_DIR": str(work_dir / "var"),
            "SEARCH_AUTO_INDEX": "true",
            "DEBUG": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _run_child(config_path: Path, env: dict, progress: Callable[[str], None] | None) -> None:
    command = [sys.executable, "-m", "devtools.bench.child", str(config_path)]
    process = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    tail: list[str] = []
    assert process.stderr is not None
    for line in process.stderr:
        line = line.rstrip("\n")
        tail = [*tail[-30:], line]
        if progress and line.startswith("bench: "):
            progress(line.removeprefix("bench: "))
    code = process.wait()
    if code < 0:
        raise BenchError(f"the bench process was stopped by signal {-code}")
    if code != 0:
        errors = [t for t in tail if t.strip() and not t.startswith("bench: ")]
        reason = errors[-1].strip() if errors else "no error message"
        raise BenchError(f"the bench process failed: {reason}")
