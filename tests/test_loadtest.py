"""manage.py loadtest at a reduced size: no errors and every new meeting searchable.

gunicorn really runs (127.0.0.1, a port the system picks) on a throwaway archive
while an import runs; timings are printed, never asserted. SQLite + Whoosh, and
with --db=postgres a PostgreSQL database (on the test server) with PostgreSQL
full-text search.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from devtools.loadtest.clients import KINDS, Mix

IMPORTED = 8


def _server_url(request) -> str | None:
    if request.config.getoption("--db") != "postgres":
        return None
    server = request.getfixturevalue("postgresql_server")
    password = f":{server.password}" if server.password else ""
    return f"postgresql://{server.user}{password}@{server.host}:{server.port}/postgres"


@pytest.fixture(scope="module")
def load_run(request, tmp_path_factory):
    url = _server_url(request)
    out = tmp_path_factory.mktemp("load") / "load.json"
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(
        "loadtest",
        clients=20,
        seconds=4,
        workers=2,
        meetings=3,
        import_meetings=IMPORTED,
        backend="postgres" if url else "whoosh",
        database_url=url,
        json=str(out),
        stdout=stdout,
        stderr=stderr,
    )
    return {"result": json.loads(out.read_text()), "stdout": stdout.getvalue()}


def test_readers_see_no_error_while_an_import_runs(load_run):
    result = load_run["result"]
    assert result["load"]["errors"] == 0, result["load"]["first_errors"]
    assert result["warm_up"]["errors"] == 0, result["warm_up"]["first_errors"]
    assert result["server"]["errors_logged"] == []
    assert result["load"]["requests"] >= 20
    assert set(result["load"]["statuses"]) == {"200"}
    # Every kind of page was asked for (the mix is drawn at random, seeded).
    assert set(result["load"]["by_kind"]) | set(result["warm_up"]["by_kind"]) == set(KINDS)
    assert result["import"]["exit_status"] == 0
    assert result["import"]["summary"].startswith(f"{IMPORTED} new")


def test_every_new_meeting_is_searchable_afterwards(load_run):
    result = load_run["result"]
    found = result["searchable"]
    assert found["found"] == found["distinct_meetings"] == IMPORTED, found["missing"]
    assert result["meetings_after"] == result["meetings_before"] + IMPORTED
    assert result["meetings_before"] == 5 + 3  # the seeds and the generated ones
    assert result["check_index"] == "the index matches the database"
    assert result["ok"] is True


def test_prints_requests_errors_latency_and_searchability(load_run):
    printed = load_run["stdout"]
    result = load_run["result"]
    assert f"requests: {result['load']['requests']} (" in printed
    assert "errors: 0" in printed
    assert "latency: p50 " in printed and " ms, p95 " in printed
    assert f"new meetings searchable: {IMPORTED} of {IMPORTED}" in printed
    assert printed.rstrip().endswith("PASS")


def test_the_run_is_on_a_throwaway_archive(load_run):
    result = load_run["result"]
    folder = Path(result["workspace"])
    assert not folder.exists()  # removed afterwards
    assert not folder.resolve().is_relative_to(Path(settings.VAR_DIR).resolve())
    expected = "postgresql" if result["config"]["database_url"] else "sqlite"
    assert result["database"] == expected


def test_the_mix_asks_only_for_paths_of_this_site():
    import random

    mix = Mix({"meeting": ["/meetings/a/"], "person": ["/people/b/"], "subject": []})
    rng = random.Random(1)
    for _ in range(500):
        kind, path = mix.draw(rng)
        assert kind in KINDS and path.startswith("/") and not path.startswith("//")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"clients": 0}, "--clients must be between 1 and 200"),
        ({"seconds": 10_000}, "--seconds must be between 1 and 600"),
        ({"import_meetings": 0}, "--import-meetings is too small"),
        ({"backend": "postgres", "database_url": None}, "search backend needs PostgreSQL"),
        (
            {"throwaway_postgres": True, "database_url": "postgres://x/y"},
            "give --database-url or --throwaway-postgres, not both",
        ),
        ({"database_url": "mysql://x/y"}, "must be a PostgreSQL URL"),
    ],
)
def test_refuses_bad_options_in_one_line(options, message, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(CommandError, match=message) as refused:
        call_command("loadtest", quiet=True, **options)
    assert "\n" not in str(refused.value)
