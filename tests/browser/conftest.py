"""Real-browser tests: Debian's headless Chromium against a live server holding the seeds.

Each test module gets one live server, one import of the seed texts and one
search index, shared by its tests (importing and indexing for every test would
make the suite several times slower). The data is committed for real, as in a
transactional test, so the server's threads and the after-commit indexing see
it; the module's teardown empties the database again, as a transactional test
does after itself. A test that changes data therefore belongs in a module of
its own (see test_admin_edit.py).

When a test fails, a full-page screenshot of the page it was on is saved to
test-artifacts/screenshots/<test name>.png.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.backends.base.creation import TEST_DATABASE_PREFIX
from django.test.utils import (
    modify_settings,
    override_settings,
    setup_databases,
    teardown_databases,
)
from machine_seeds import import_seeds
from pytest_django.live_server_helper import LiveServer

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHASE_REPORTS = pytest.StashKey[dict]()


@dataclass
class Archive:
    """The running site: `archive("/search/")` is the full address of a path."""

    url: str

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(autouse=True)
def _isolated_search_index():
    """Overrides the per-test index folder: `archive` gives each module its own."""


def _is_test_database(connection) -> bool:
    """Whether Django's test set-up has swapped in its test database."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return True
    return name == connection.settings_dict["TEST"].get("NAME") or name.startswith(
        TEST_DATABASE_PREFIX
    )


@pytest.fixture(scope="session")
def browser_database(django_db_setup, django_db_blocker):
    """The test database, even when no other test of the session asked pytest-django for one.

    pytest-django creates it only for tests that use `db`, `transactional_db` or
    `live_server`, and those would empty it after every test.

    Connections are closed after use: Playwright's greenlets give fixtures
    different contexts, hence different connections, and a connection left
    open on PostgreSQL stops the test database from being dropped.
    """
    from django.db import connection, connections

    if _is_test_database(connection):
        yield
        return
    with django_db_blocker.unblock():
        created = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        connections.close_all()
    yield
    with django_db_blocker.unblock():
        connections.close_all()
        teardown_databases(created, verbosity=0)


@pytest.fixture(scope="module")
def archive_paths(seed_paths) -> list[Path]:
    """What a module's archive imports: the seeds; a module may override it with more."""
    return seed_paths


@pytest.fixture(scope="module")
def archive(browser_database, django_db_blocker, archive_paths, tmp_path_factory):
    from django.db import connection, connections

    index_dir = tmp_path_factory.mktemp("browser-index")
    with (
        django_db_blocker.unblock(),
        override_settings(SEARCH_INDEX_DIR=index_dir, ARCHIVE_TEST_INDEX=True),
    ):
        # Never fill, let alone flush, a real database.
        assert _is_test_database(connection), connection.settings_dict["NAME"]
        import_seeds(archive_paths)
        server = LiveServer("localhost")
        try:
            with modify_settings(ALLOWED_HOSTS={"append": "localhost"}):
                yield Archive(url=server.url)
        finally:
            _let_requests_finish()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            connections.close_all()


def _let_requests_finish(timeout: float = 5.0) -> None:
    """Wait for the server's request threads (each ends once the browser closes its kept-alive
    socket) before the server stops: one still running then would release the shared database
    connection after the server had, and fail in its thread."""
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    item.stash.setdefault(PHASE_REPORTS, {})[report.when] = report


@pytest.fixture(autouse=True)
def _screenshot_on_failure(request):
    """Requested before the test's own fixtures, so the page is still open afterwards."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    yield
    report = request.node.stash.get(PHASE_REPORTS, {}).get("call")
    if report is not None and report.failed:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)
