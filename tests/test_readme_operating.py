"""The README's "Operating" commands, run as they are written, in fresh copies of the checkout.

The commands are read from the README (the indented lines under each ###
heading of "## Operating"), so a changed command is tested as changed. Each
"machine" is a copy of the checkout's files (what `git clone` gives, without
var/) with a link to its .venv, so its database and index land in its own
var/. Only gunicorn's address is changed (a port the system picks, no control
socket, which other servers on this machine would share).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from devtools.loadtest.server import get

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SECTIONS = {
    "Serve",
    "Back up",
    "Restore",
    "Check and rebuild the search index",
    "Indexing, and imports that were stopped",
    "Load test",
}
# Set by the test settings or the caller; a fresh shell has none of them.
CLEARED = (
    "DEBUG",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "DATABASE_URL",
    "SEARCH_BACKEND",
    "SEARCH_INDEX_DIR",
    "ALLOWED_HOSTS",
    "TRUST_X_FORWARDED_PROTO",
    "DJANGO_SETTINGS_MODULE",
    "ARCHIVE_VAR_DIR",
)


@pytest.fixture(autouse=True)
def _once(request):
    """Nothing here uses the test database: run with the SQLite pass only."""
    if request.config.getoption("--db") == "postgres":
        pytest.skip("runs once, in the SQLite pass (its databases are its own)")


def operating_commands() -> dict[str, list[str]]:
    section = README.read_text(encoding="utf-8").split("\n## Operating\n", 1)[1]
    section = section.split("\n## ", 1)[0]
    parts = re.split(r"\n### (.+)\n", section)
    return {
        title: [line.strip() for line in body.splitlines() if line.startswith("    ")]
        for title, body in zip(parts[1::2], parts[2::2], strict=True)
    }


@pytest.fixture(scope="module")
def commands() -> dict[str, list[str]]:
    found = operating_commands()
    assert set(found) == SECTIONS  # a new part of the section needs its place here
    return found


def fresh_clone(folder: Path) -> Path:
    """The checkout's files (tracked, or new and not ignored) without var/; its .venv linked."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, folder / name)
    (folder / ".venv").symlink_to(ROOT / ".venv")
    assert not (folder / "var").exists()
    return folder


@pytest.fixture
def clone(tmp_path) -> Path:
    return fresh_clone(tmp_path / "machine")


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in CLEARED}


def shell(lines: list[str], folder: Path) -> subprocess.CompletedProcess:
    """Run these lines in bash in `folder`, stopping at the first failure."""
    script = "set -euo pipefail\n" + "\n".join(lines)
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=folder,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_serve_with_gunicorn_as_written(commands, clone):
    *setup, gunicorn = commands["Serve"]
    assert gunicorn.startswith(".venv/bin/gunicorn archive.wsgi")
    shell(setup, clone)
    log = clone / "gunicorn.log"
    serving = re.sub(r"-b \S+", "-b 127.0.0.1:0", gunicorn)
    serving += f" --no-control-socket --error-logfile {log}"
    exports = [line for line in setup if line.startswith("export ")]
    server = subprocess.Popen(
        ["bash", "-c", "\n".join([*exports, f"exec {serving}"])],
        cwd=clone,
        env=environment(),
    )
    try:
        port = _listening_port(log, server)
        host = re.search(r"ALLOWED_HOSTS=(\S+)", exports[0]).group(1)
        status, body = _get_as(port, "/", host)
        assert status == 200 and b"<html" in body
        assert _get_as(port, "/static/css/site.css", host)[0] == 200
        assert _get_as(port, "/meetings/", "elsewhere.example")[0] == 400  # ALLOWED_HOSTS holds
    finally:
        server.terminate()
        server.wait(30)


def _listening_port(log: Path, server: subprocess.Popen) -> int:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        text = log.read_text() if log.exists() else ""
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", text)
        if found and text.count("Booting worker") >= 1 and get(int(found[1]), "/")[0]:
            return int(found[1])
        assert server.poll() is None, text[-2000:]
        time.sleep(0.2)
    raise AssertionError("gunicorn did not start")


def _get_as(port: int, path: str, host: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host, "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_without_a_secret_key_gunicorn_stops_with_one_line(commands, clone):
    gunicorn = commands["Serve"][-1]
    serving = re.sub(r"-b \S+", "-b 127.0.0.1:0", gunicorn) + " --no-control-socket"
    done = subprocess.run(
        ["bash", "-c", f"mkdir -p var\n{serving}"],
        cwd=clone,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    refusals = [line for line in done.stderr.splitlines() if "SECRET_KEY must be set" in line]
    assert refusals and all(line.startswith("Configuration error: ") for line in refusals)
    assert "App failed to load" in done.stderr  # it stops instead of restarting workers


def test_back_up_restore_and_check_the_index_as_written(commands, tmp_path):
    old, new = fresh_clone(tmp_path / "old"), fresh_clone(tmp_path / "new")
    seeds = ".venv/bin/python manage.py import_meetings fixtures/seeds --quiet"
    shell(["mkdir -p var", ".venv/bin/python manage.py migrate --noinput", seeds], old)
    backed_up = shell(commands["Back up"], old)
    assert "wrote " in backed_up.stdout
    shutil.copytree(old / "backups", new / "backups")  # the copy kept on another machine
    restored = shell(commands["Restore"], new)
    assert "restored " in restored.stdout and "rebuilt the search index" in restored.stdout
    checked = shell(commands["Check and rebuild the search index"], new)
    assert "the index matches the database" in checked.stdout
    assert "rebuilt the search index" in checked.stdout
    query = [".venv/bin/python manage.py search 'speaker:putin \"peace treaty\"' --json"]
    before, after = (json.loads(shell(query, machine).stdout) for machine in (old, new))
    assert after["total"] == before["total"] > 0
    assert [hit["statement"] for hit in after["hits"]] == [h["statement"] for h in before["hits"]]


def test_the_load_test_targets_run_the_loadtest_command(commands):
    assert commands["Load test"] == ["make loadtest", "make loadtest-postgres"]
    for target, expected in [
        ("loadtest", "manage.py loadtest"),
        ("loadtest-postgres", "manage.py loadtest --throwaway-postgres --backend postgres"),
    ]:
        planned = subprocess.run(
            ["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True, timeout=60
        ).stdout
        assert expected in planned, planned
