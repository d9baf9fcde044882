"""The throwaway archive a load test runs on: never the user's var/ or database.

A temporary folder holds the SQLite file (or, given a PostgreSQL server, a
database of its own made there and dropped after), the Whoosh index, the
corpora and the logs. Every step runs `manage.py` in a child process whose
environment points the settings at those places, with production settings
(DEBUG=false, a random SECRET_KEY, plain http made https by a trusted proxy
header, as behind a TLS-terminating proxy).
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from devtools import corpus
from devtools.bench.runner import BenchError, is_postgres_url, throwaway_postgres

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SEEDS_DIR = BASE_DIR / "fixtures" / "seeds"
STEP_TIMEOUT_S = 900  # a preparation step (migrate, import, export) that takes longer is stuck
MARK = "zqload{:06d}zq"  # one word no text has: it makes each new meeting findable
# Inherited variables that would turn the production settings off (the test settings set them).
DEV_VARIABLES = ("DEBUG", "SECURE_SSL_REDIRECT", "SECURE_COOKIES", "SECURE_HSTS_SECONDS")


class LoadTestError(RuntimeError):
    """The run could not be made; the message is one line."""


@dataclass
class Workspace:
    folder: Path
    database_url: str
    backend: str
    secret_key: str

    @property
    def database(self) -> str:
        return "postgresql" if is_postgres_url(self.database_url) else "sqlite"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in DEV_VARIABLES}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "archive.settings",
                "DATABASE_URL": self.database_url,
                "SEARCH_BACKEND": self.backend,
                "SEARCH_INDEX_DIR": str(self.folder / "index"),
                "ARCHIVE_VAR_DIR": str(self.folder / "var"),
                "SEARCH_AUTO_INDEX": "true",
                "SECRET_KEY": self.secret_key,
                "ALLOWED_HOSTS": "127.0.0.1",
                "TRUST_X_FORWARDED_PROTO": "true",
                "PYTHONUNBUFFERED": "1",
            }
        )
        return env

    def manage(self, *args: str, env: dict | None = None, check: bool = True) -> str:
        """Run one manage.py command here; its output, or one line saying why it failed."""
        command = [sys.executable, "manage.py", *args]
        try:
            done = subprocess.run(
                command,
                cwd=BASE_DIR,
                env=env or self.environment(),
                capture_output=True,
                text=True,
                timeout=STEP_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            raise LoadTestError(f"`manage.py {args[0]}` took over {STEP_TIMEOUT_S} s") from None
        if check and done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            reason = lines[-1] if lines else f"exit status {done.returncode}"
            raise LoadTestError(f"`manage.py {' '.join(args)[:80]}` failed: {reason}")
        return done.stdout

    def import_command(self, folder: Path) -> list[str]:
        return [sys.executable, "manage.py", "import_meetings", str(folder), "--quiet"]


@contextmanager
def throwaway(backend: str, server_url: str | None, cluster: bool = False) -> Iterator[Workspace]:
    """A fresh, migrated, empty archive; everything of it is removed on leaving.

    Its database is a SQLite file, or one made on the PostgreSQL server
    `server_url` names, or on a cluster of its own (`cluster`).
    """
    if backend == "postgres" and not (server_url or cluster):
        raise LoadTestError(
            "the postgres search backend needs PostgreSQL: --database-url or --throwaway-postgres"
        )
    if server_url and not is_postgres_url(server_url):
        raise LoadTestError("--database-url must be a PostgreSQL URL (postgres://...)")
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="archive-load-")))
        if cluster:
            from .cluster import throwaway_cluster

            server_url = stack.enter_context(throwaway_cluster(folder))
        if server_url:
            try:
                url = stack.enter_context(throwaway_postgres(server_url))
            except BenchError as error:
                raise LoadTestError(str(error)) from None
        else:
            url = f"sqlite:///{folder / 'archive.sqlite3'}"
        (folder / "var").mkdir()
        workspace = Workspace(folder, url, backend, secrets.token_urlsafe(40))
        workspace.manage("migrate", "--noinput")
        yield workspace


def fill_with_seeds_and_corpus(workspace: Workspace, meetings: int, seed: int) -> None:
    """The five seeds and `meetings` generated ones, imported and indexed."""
    folder = workspace.folder / "base"
    corpus.write_corpus(meetings, folder, seed, expected=False)
    workspace.manage("import_meetings", str(SEEDS_DIR), str(folder), "--quiet")


def write_new_meetings(workspace: Workspace, meetings: int, seed: int) -> tuple[Path, list[str]]:
    """The files imported during the load, each with a mark of its own; (folder, marks)."""
    folder = workspace.folder / "new"
    folder.mkdir()
    marks = []
    for index, (name, text, _record) in enumerate(corpus.iter_corpus(meetings, seed)):
        mark = MARK.format(index)
        marked = text.replace(
            "\n\n\nBack to Index",
            f"\n\nThis record carries the load-test mark {mark}.\n\n\nBack to Index",
        )
        if mark not in marked:
            raise LoadTestError(f"the generated meeting {name} has no place for its mark")
        (folder / name).write_text(marked, encoding="utf-8")
        marks.append(mark)
    return folder, marks
