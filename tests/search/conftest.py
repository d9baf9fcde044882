"""Search tests run on Whoosh always, and on PostgreSQL FTS too with --db=postgres."""

from __future__ import annotations

import pytest

from tests.search.corpus import create_corpus


def pytest_generate_tests(metafunc):
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
        from meetings.search.pg_models import SearchDocument, SearchVocabulary

        SearchDocument.objects.all().delete()
        SearchVocabulary.objects.all().delete()
    return request.param


@pytest.fixture
def corpus(search_backend):
    """The small seed-text corpus, indexed through the save signals."""
    return create_corpus()
