import pytest
from django.core.exceptions import ImproperlyConfigured

from archive.env import env_bool, env_choice, env_int, env_list


def test_env_bool_reads_common_words(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False


def test_env_bool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG", False)


def test_env_int_refuses_words_and_small_values(monkeypatch):
    monkeypatch.setenv("N", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("N", 1)
    monkeypatch.setenv("N", "0")
    with pytest.raises(ImproperlyConfigured, match="below the minimum 1"):
        env_int("N", 5, minimum=1)


def test_env_list_and_choice(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("BACKEND", "solr")
    with pytest.raises(ImproperlyConfigured, match="must be one of: whoosh, postgres"):
        env_choice("BACKEND", "whoosh", ("whoosh", "postgres"))


@pytest.mark.django_db
def test_tests_run_on_the_database_asked_for(request):
    from django.db import connection

    expected = "postgresql" if request.config.getoption("--db") == "postgres" else "sqlite"
    assert connection.vendor == expected

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1
