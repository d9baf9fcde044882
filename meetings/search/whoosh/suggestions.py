"""Words the index knows ("did you mean", known spellings) and statements like another."""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import query as wq

from ..query import common_prefix_length
from .schema import NAME_ANALYZER, tokens
from .searcher import state


def corrections(words: list[str]) -> dict[str, str]:
    """{unknown word: the likeliest indexed word}, from the index vocabulary."""
    searcher, _ = state().get()
    reader = searcher.reader()
    found = {}
    for word in words:
        parts = tokens(NAME_ANALYZER, word)
        if len(parts) != 1 or reader.doc_frequency("vocab", parts[0]):
            continue
        term = parts[0]
        if term.isdigit() or len(term) < 3:
            continue
        candidates = list(reader.terms_within("vocab", term, 1 if len(term) <= 4 else 2, prefix=1))
        if candidates:
            best = max(
                candidates,
                key=lambda c: (common_prefix_length(term, c), reader.doc_frequency("vocab", c)),
            )
            found[word] = best
    return found


def known_words(words: Iterable[str]) -> set[str]:
    """The words every part of which some indexed statement has."""
    searcher, _ = state().get()
    reader = searcher.reader()
    return {
        word
        for word in words
        if (parts := tokens(NAME_ANALYZER, word))
        and all(reader.doc_frequency("vocab", part) for part in parts)
    }


def related(statement_id: int, text: str, limit: int) -> list[int]:
    searcher, _ = state().get()
    key_terms = searcher.key_terms_from_text("text", text, numterms=12)
    if not key_terms:
        return []
    query = wq.Or([wq.Term("text", term, boost=weight) for term, weight in key_terms])
    own = searcher.document_number(id=str(statement_id))
    mask = {own} if own is not None else None
    results = searcher.search(query, limit=limit + 1, mask=mask)
    ids = [int(hit["id"]) for hit in results]
    return [i for i in ids if i != statement_id][:limit]
