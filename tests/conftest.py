"""Test set-up shared by every test module.

`--db=postgres` runs the suite against a throwaway PostgreSQL cluster that the
tests start themselves (Debian's postgresql, run as the `postgres` user by
tests/pg_ctl_as_postgres); the default is SQLite.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made around it in live-server tests are safe (one thread each).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "fixtures" / "seeds"
PG_CTL_WRAPPER = ROOT / "tests" / "pg_ctl_as_postgres"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        choices=("sqlite", "postgres"),
        default=os.environ.get("TEST_DB", "sqlite"),
        help="database the Django tests run on",
    )
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="write the README screenshots (tests/browser/test_readme_screenshots.py)",
    )


def pytest_report_header(config):
    return f"database: {config.getoption('--db')}"


def using_postgres(config) -> bool:
    return config.getoption("--db") == "postgres"


if shutil.which("pg_ctl") or Path("/usr/lib/postgresql/15/bin/pg_ctl").exists():
    from pytest_postgresql import factories

    # A cluster thrown away after the run need not survive a crash: no fsync (9% faster).
    postgresql_server = factories.postgresql_proc(
        executable=str(PG_CTL_WRAPPER),
        postgres_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
    )
else:  # PostgreSQL is not installed: only `--db=postgres` needs it

    @pytest.fixture(scope="session")
    def postgresql_server():
        pytest.fail("PostgreSQL is not installed: apt-get install postgresql (see README)")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(request):
    from django.conf import settings

    if not using_postgres(request.config):
        return
    server = request.getfixturevalue("postgresql_server")
    settings.DATABASES["default"].update(
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "archive",
            "USER": server.user,
            "PASSWORD": server.password,
            "HOST": server.host,
            "PORT": server.port,
            "OPTIONS": {},
        }
    )
    # A connection opened before this fixture (at collection) would keep SQLite.
    from django.db import connections

    connections.close_all()
    del connections["default"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counts cached by one test's archive never answer another's (meetings/archive_cache.py)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _isolated_search_index(settings, tmp_path):
    """Every test gets its own empty index folder; nothing touches var/."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    settings.ARCHIVE_TEST_INDEX = True


def pytest_generate_tests(metafunc):
    """`search_backend` tests run on Whoosh, and on PostgreSQL FTS too with --db=postgres."""
    if "search_backend" in metafunc.fixturenames:
        on_postgres = metafunc.config.getoption("--db") == "postgres"
        backends = ["whoosh", "postgres"] if on_postgres else ["whoosh"]
        metafunc.parametrize("search_backend", backends, indirect=True)


@pytest.fixture
def search_backend(request, settings, transactional_db):
    settings.SEARCH_BACKEND = request.param
    settings.SEARCH_AUTO_INDEX = True
    if request.param == "postgres":
        # The search tables are unmanaged, so the test flush does not empty them.
        from meetings.search.postgres.models import SearchDocument, SearchVocabulary

        SearchDocument.objects.all().delete()
        SearchVocabulary.objects.all().delete()
    return request.param


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture
def seeds(seed_paths):
    """The five seed meetings imported through the real importer (not indexed)."""
    from machine_seeds import import_seeds, seed_meetings

    import_seeds(seed_paths)
    return seed_meetings()


@pytest.fixture
def indexed_seeds(seed_paths):
    """The seed meetings imported and indexed for search."""
    from machine_seeds import import_seeds, seed_meetings

    import_seeds(seed_paths, index=True)
    return seed_meetings()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium; never a downloaded browser. The extra flags keep it
    # from reaching for the network this machine does not have.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
