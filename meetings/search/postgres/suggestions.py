"""Words the index knows ("did you mean" from meetings_searchvocabulary) and related statements."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import F

from ..query import STOP_WORDS, common_prefix_length
from .analysis import CONFIG, TsQuery, analyse, prepared, quoted, word_tsquery, words_of
from .models import SearchDocument, SearchVocabulary

MAX_SUGGESTION_CANDIDATES = 5


def corrections(words: list[str]) -> dict[str, str]:
    """{unknown word: the likeliest indexed word}, as the Whoosh backend chooses it."""
    terms = {}
    for word in words:
        parts = words_of(word)
        if len(parts) == 1 and len(parts[0]) >= 3 and not parts[0].isdigit():
            terms[word] = parts[0]
    if not terms:
        return {}
    known = set(
        SearchVocabulary.objects.filter(word__in=set(terms.values())).values_list("word", flat=True)
    )
    found = {}
    for word, term in terms.items():
        if term not in known:
            better = _best_candidate(term)
            if better:
                found[word] = better
    return found


def known_words(words: Iterable[str]) -> set[str]:
    """The words every part of which some indexed statement has (by the vocabulary)."""
    parts = {word: words_of(word) for word in words}
    wanted = {part for found in parts.values() for part in found}
    known = set(
        SearchVocabulary.objects.filter(word__in=wanted, documents__gt=0).values_list(
            "word", flat=True
        )
    )
    return {word for word, found in parts.items() if found and set(found) <= known}


def _best_candidate(term: str) -> str | None:
    from rapidfuzz.distance import Levenshtein

    limit = 1 if len(term) <= 4 else 2
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, documents FROM meetings_searchvocabulary "
            "WHERE left(word, 1) = left(%s, 1) AND length(word) BETWEEN %s AND %s",
            [term, len(term) - limit, len(term) + limit],
        )
        rows = cursor.fetchall()
    close = [
        (common_prefix_length(term, word), documents, word)
        for word, documents in rows
        if Levenshtein.distance(term, word, score_cutoff=limit) <= limit
    ]
    for _, _, word in sorted(close, reverse=True)[:MAX_SUGGESTION_CANDIDATES]:
        if _is_indexed(word):
            return word
    return None


def _is_indexed(word: str) -> bool:
    """True when some indexed statement has `word` (counts may be stale after deletes)."""
    literal = word_tsquery(analyse([word])[word])
    return literal is not None and SearchDocument.objects.filter(body=TsQuery(literal)).exists()


def related(statement_id: int, text: str, limit: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme FROM unnest(to_tsvector(%s::regconfig, %s)) "
            "WHERE length(lexeme) > 2 AND lexeme <> ALL(%s::text[]) "
            "ORDER BY array_length(positions, 1) DESC, lexeme LIMIT 12",
            [CONFIG, prepared(text), sorted(STOP_WORDS)],
        )
        lexemes = [row[0] for row in cursor.fetchall()]
    if not lexemes:
        return []
    any_of = TsQuery(" | ".join(quoted(lexeme) for lexeme in lexemes))
    rows = (
        SearchDocument.objects.filter(body=any_of)
        .exclude(statement_id=statement_id)
        .annotate(rank=SearchRank(F("body"), any_of))
        .order_by("-rank", "statement_id")
        .values_list("statement_id", flat=True)[:limit]
    )
    return list(rows)
