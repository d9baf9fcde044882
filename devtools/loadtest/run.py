"""One load test: a throwaway archive, gunicorn on it, readers while an import runs.

    result = run_loadtest(LoadConfig(clients=50, seconds=30))
    print("\\n".join(report_lines(result)))

The import starts once the readers are running and is bounded in time; when
it is done, each new meeting is looked up over HTTP by the word only it
contains, and `check_index` compares the whole index with the database.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from . import clients, workspace
from .server import Gunicorn, get
from .workspace import BASE_DIR, LoadTestError, Workspace

SEARCHABLE_WAIT_S = 30  # how long the new meetings may take to show in every worker
WARM_UP_S = 10  # at most; each worker's first pages load code and open the index


@dataclass
class LoadConfig:
    clients: int = 50
    seconds: float = 30
    max_requests: int = 20000
    workers: int = 4
    meetings: int = 200  # generated meetings in the archive before the load (besides the seeds)
    import_meetings: int = 100  # imported while the readers read
    import_timeout: float = 300
    backend: str = "whoosh"
    database_url: str | None = None  # a PostgreSQL server: the archive gets a database there
    throwaway_postgres: bool = False  # or a PostgreSQL cluster of its own
    seed: int = 0


def run_loadtest(config: LoadConfig, progress: Callable[[str], None] = lambda line: None) -> dict:
    with workspace.throwaway(
        config.backend, config.database_url, config.throwaway_postgres
    ) as place:
        progress(f"preparing a throwaway {place.database} + {place.backend} archive")
        workspace.fill_with_seeds_and_corpus(place, config.meetings, config.seed)
        new_folder, marks = workspace.write_new_meetings(
            place, config.import_meetings, config.seed + 1
        )
        with Gunicorn(place.environment(), place.folder / "gunicorn.log", config.workers) as server:
            progress(f"gunicorn ({config.workers} workers) on 127.0.0.1:{server.port}")
            result = _read_while_importing(server.port, place, new_folder, config, progress)
            progress("checking that every new meeting is searchable")
            result["searchable"] = _searchable(server.port, marks)
            result["meetings_after"] = _meeting_count(server.port)
            result["server"] = {"workers": config.workers, "errors_logged": server.errors_logged()}
        drift = place.manage("check_index", check=False).strip().splitlines()
        result.update(
            config={**asdict(config), "database_url": _without_password(config.database_url)},
            database=place.database,
            backend=place.backend,
            new_meetings=len(marks),
            check_index=drift[-1] if drift else "",
            workspace=str(place.folder),
        )
        result["ok"] = _ok(result)
        return result


def _read_while_importing(port: int, place: Workspace, folder, config, progress) -> dict:
    """Warm every worker up, then the clients read while the import runs."""
    before = _meeting_count(port)
    mix = clients.mix_from_sitemap(port)
    progress("warming up every worker")
    warm_up = clients.drive(port, mix, config.workers, WARM_UP_S, config.workers * 10, config.seed)
    importer = _Import(place, folder, config.import_timeout)
    progress(f"{config.clients} clients for {config.seconds:g} s, importing meanwhile")
    threading.Timer(0.5, importer.start).start()
    load = clients.drive(
        port, mix, config.clients, config.seconds, config.max_requests, config.seed
    )
    return {
        "meetings_before": before,
        "warm_up": warm_up,
        "load": load,
        "import": importer.wait(),
    }


def _without_password(url: str | None) -> str | None:
    if not url:
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))


class _Import:
    """`manage.py import_meetings` in a child process of its own, ended if it overruns."""

    def __init__(self, place: Workspace, folder, timeout: float):
        self.place, self.folder, self.timeout = place, folder, timeout
        self.process: subprocess.Popen | None = None
        self.started = self.ended = None
        self.ready = threading.Event()

    def start(self) -> None:
        log = (self.place.folder / "import.log").open("w")
        self.process = subprocess.Popen(
            self.place.import_command(self.folder),
            cwd=BASE_DIR,
            env=self.place.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # with its indexing process: ended together if need be
        )
        log.close()
        self.started = time.monotonic()
        self.ready.set()

    def wait(self) -> dict:
        self.ready.wait(10)
        if self.process is None:
            raise LoadTestError("the import did not start")
        left = self.timeout - (time.monotonic() - self.started)
        try:
            code = self.process.wait(max(left, 1))
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            code = None
        self.ended = time.monotonic()
        output = (self.place.folder / "import.log").read_text(errors="replace").splitlines()
        return {
            "exit_status": code,
            "seconds": round(self.ended - self.started, 1),
            "timed_out": code is None,
            "summary": output[-1] if output else "",
        }


def _meeting_count(port: int) -> int | None:
    status, body = get(port, "/api/meetings/")
    return json.loads(body)["count"] if status == 200 else None


def _searchable(port: int, marks: list[str]) -> dict:
    """Each mark found, in one meeting of its own, whose page answers; retried briefly."""
    deadline = time.monotonic() + SEARCHABLE_WAIT_S
    missing = list(marks)
    meetings: dict[str, str] = {}
    while missing and time.monotonic() < deadline:
        for mark in list(missing):
            status, body = get(port, f"/api/search/?q={quote(mark)}")
            hits = json.loads(body)["hits"] if status == 200 else []
            owners = {hit["meeting"] for hit in hits}
            if len(owners) == 1 and get(port, f"/meetings/{owners.pop()}/")[0] == 200:
                meetings[mark] = hits[0]["meeting"]
                missing.remove(mark)
        if missing:
            time.sleep(0.5)
    return {
        "found": len(meetings),
        "distinct_meetings": len(set(meetings.values())),
        "missing": missing[:10],
    }


def _ok(result: dict) -> bool:
    found, new = result["searchable"], result["new_meetings"]
    return (
        result["load"]["errors"] == result["warm_up"]["errors"] == 0
        and result["import"]["exit_status"] == 0
        and found["found"] == found["distinct_meetings"] == new
        and result["check_index"] == "the index matches the database"
        and not result["server"]["errors_logged"]
        and result["meetings_after"] == (result["meetings_before"] or 0) + new
    )


def report_lines(result: dict) -> list[str]:
    load, imported, found = result["load"], result["import"], result["searchable"]
    latency = load["latency"]
    config = result["config"]
    lines = [
        f"gunicorn, {result['server']['workers']} workers, on a throwaway "
        f"{result['database']} + {result['backend']} archive of {result['meetings_before']} "
        "meetings",
        f"{config['clients']} clients for {config['seconds']:g} s while importing "
        f"{result['new_meetings']} meetings ({imported['seconds']} s, exit status "
        f"{imported['exit_status']}{', stopped: too slow' if imported['timed_out'] else ''})",
        f"requests: {load['requests']} ({load['per_s']}/s), errors: {load['errors']} "
        f"(and {result['warm_up']['requests']} to warm up, errors: {result['warm_up']['errors']})",
        f"latency: p50 {latency['p50_ms']} ms, p95 {latency['p95_ms']} ms, "
        f"max {latency['max_ms']} ms",
    ]
    for kind, times in load["by_kind"].items():
        lines.append(
            f"  {kind}: {times['runs']} requests, p50 {times['p50_ms']} ms, "
            f"p95 {times['p95_ms']} ms"
        )
    lines += [f"  error: {error}" for error in load["first_errors"]]
    lines += [f"  error while warming up: {error}" for error in result["warm_up"]["first_errors"]]
    lines += [f"  server log: {line[:160]}" for line in result["server"]["errors_logged"]]
    lines.append(
        f"new meetings searchable: {found['found']} of {result['new_meetings']}"
        + (f" (missing: {', '.join(found['missing'])})" if found["missing"] else "")
    )
    lines.append(f"check_index: {result['check_index']}")
    lines.append("PASS" if result["ok"] else "FAIL")
    return lines
