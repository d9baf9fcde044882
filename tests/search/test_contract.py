"""Both backend packages keep the written contract (meetings/search/contract.py)."""

from __future__ import annotations

import importlib
import inspect

import pytest

from meetings import search
from meetings.search.contract import Filters, Found, SearchBackend

BACKENDS = ["meetings.search.whoosh", "meetings.search.postgres"]
FUNCTIONS = [
    name
    for name, member in vars(SearchBackend).items()
    if inspect.isfunction(member) and not name.startswith("_")
]


def _without_self(signature: inspect.Signature) -> list[tuple]:
    return [
        (p.name, p.kind, p.default, str(p.annotation))
        for p in signature.parameters.values()
        if p.name != "self"
    ]


def test_the_protocol_lists_what_search_calls():
    assert set(FUNCTIONS) >= {
        "run_search",
        "snippets",
        "corrections",
        "known_words",
        "related",
        "sync_statements",
        "sync_meetings",
        "remove_statements",
        "remove_meetings",
        "rebuild",
        "indexed_hashes",
    }


@pytest.mark.parametrize("dotted", BACKENDS)
def test_each_backend_package_has_every_function_with_the_protocols_signature(dotted):
    module = importlib.import_module(dotted)
    assert isinstance(module, SearchBackend)
    for name in FUNCTIONS:
        ours = inspect.signature(getattr(module, name))
        written = inspect.signature(getattr(SearchBackend, name))
        assert _without_self(ours) == _without_self(written), f"{dotted}.{name}"
        assert str(ours.return_annotation) == str(written.return_annotation), f"{dotted}.{name}"


def test_backend_returns_the_package_settings_name(settings, search_backend):
    assert search.backend() is importlib.import_module(f"meetings.search.{search_backend}")


def test_each_backend_answers_with_a_found(corpus, search_backend):
    parsed = search.query.parse("kyoto")
    found = search.backend().run_search(parsed, Filters(), 1, 20, "relevance")
    assert isinstance(found, Found)
    assert found.total == len(found.ids) == len(found.scores) > 0
    assert found.facets["speaker"] and found.notices == []
    nothing = search.backend().run_search(search.query.parse("the"), Filters(), 1, 20, "relevance")
    assert nothing == Found.nothing("the query has only very common words, which are not searched")
