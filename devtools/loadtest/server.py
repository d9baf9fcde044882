"""gunicorn on 127.0.0.1, on a port the system picks (never a fixed one), stopped by its pid."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from .workspace import BASE_DIR, LoadTestError

HOST = "127.0.0.1"
START_TIMEOUT_S = 90
STOP_TIMEOUT_S = 20
LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
# Plain http on loopback, as a TLS-terminating proxy would pass it on.
HEADERS = {"X-Forwarded-Proto": "https", "Host": HOST}


class Gunicorn:
    def __init__(self, env: dict, log: Path, workers: int):
        self.env, self.log, self.workers = env, log, workers
        self.process: subprocess.Popen | None = None
        self.port: int | None = None

    def __enter__(self) -> Gunicorn:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        command = [
            *(sys.executable, "-m", "gunicorn", "archive.wsgi:application"),
            *("--bind", f"{HOST}:0", "--workers", str(self.workers)),
            *("--timeout", "60", "--graceful-timeout", "10", "--log-level", "info"),
            *("--error-logfile", str(self.log)),
        ]
        # A session of its own, so a stop that has to force also ends the workers.
        self.process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.port = self._wait_for_port()
        self._wait_until_serving()

    def _wait_for_port(self) -> int:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            found = LISTENING.search(self.log_text())
            if found:
                return int(found.group(1))
            self._fail_if_exited()
            time.sleep(0.1)
        self.stop()
        raise LoadTestError(f"gunicorn did not listen within {START_TIMEOUT_S} s")

    def _wait_until_serving(self) -> None:
        """Every worker booted and the home page answers."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            self._fail_if_exited()
            booted = self.log_text().count("Booting worker")
            if booted >= self.workers and get(self.port, "/")[0] == 200:
                return
            time.sleep(0.2)
        self.stop()
        raise LoadTestError(f"gunicorn did not serve / within {START_TIMEOUT_S} s{self._tail()}")

    def _fail_if_exited(self) -> None:
        assert self.process is not None
        if self.process.poll() is not None:
            raise LoadTestError(
                f"gunicorn exited with status {self.process.returncode}{self._tail()}"
            )

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # the master stops its workers gracefully
        try:
            self.process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # its own session: master and workers
            self.process.wait()

    def log_text(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def _tail(self) -> str:
        lines = [line for line in self.log_text().splitlines() if line.strip()]
        return f": {lines[-1][:200]}" if lines else ""

    def errors_logged(self) -> list[str]:
        """Tracebacks and worker troubles gunicorn wrote while serving."""
        wanted = ("Traceback", "[ERROR]", "[CRITICAL]", "WORKER TIMEOUT", "Internal Server Error")
        found = [line for line in self.log_text().splitlines() if any(w in line for w in wanted)]
        return found[:20]


def get(port: int | None, path: str, timeout: float = 30) -> tuple[int, bytes]:
    """GET http://127.0.0.1:port/path; (status, body), status 0 when nothing answered."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""
    finally:
        connection.close()
