"""A throwaway PostgreSQL cluster for the load test, as the tests start theirs.

Debian's PostgreSQL 15 through pytest-postgresql's executor (a development
dependency) and tests/pg_ctl_as_postgres (pg_ctl refuses to run as root), on
127.0.0.1 and a port the system picks; stopped and removed on leaving.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .workspace import BASE_DIR, LoadTestError

PG_CTL_WRAPPER = BASE_DIR / "tests" / "pg_ctl_as_postgres"
DEBIAN_PG_CTL = Path("/usr/lib/postgresql/15/bin/pg_ctl")


@contextmanager
def throwaway_cluster(folder: Path) -> Iterator[str]:
    """The server URL of a new cluster whose files live under `folder`."""
    if not (DEBIAN_PG_CTL.exists() or shutil.which("pg_ctl")):
        raise LoadTestError("PostgreSQL is not installed: `make test-deps` (see README)")
    try:
        from pytest_postgresql.executors.proc import PostgreSQLExecutor
    except ImportError:
        raise LoadTestError("a throwaway cluster needs the dev tools: `make install-dev`") from None
    port = _free_port()
    home = folder / "postgresql"
    executor = PostgreSQLExecutor(
        executable=str(PG_CTL_WRAPPER),
        host="127.0.0.1",
        port=port,
        datadir=str(home / "data"),
        unixsocketdir=str(home),
        logfile=str(home / "server.log"),
        startparams="-w",
        dbname="postgres",
        user="postgres",
    )
    try:
        executor.start()
        executor.wait_for_postgres()
    except Exception as error:
        executor.stop()
        raise LoadTestError(f"the throwaway PostgreSQL cluster did not start: {error}") from None
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        executor.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
