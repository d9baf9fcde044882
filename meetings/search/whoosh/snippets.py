"""Snippets: the stored text escaped, with <mark> around the words the query matched."""

from __future__ import annotations

import functools

from whoosh import analysis

from .. import highlight
from ..query import ParsedQuery
from .schema import TEXT_ANALYZER, tokens

TOKEN_PATTERN = analysis.RegexTokenizer().expression  # what TEXT_ANALYZER splits on


@functools.lru_cache(maxsize=200_000)
def indexed_form(word: str) -> str | None:
    """What TEXT_ANALYZER makes of one token (None for a stop word).

    Its filters act on each token alone, so a token analysed by itself gives
    what it gives inside a text; caching per token spares the analyzer
    pipeline for every word of every snippet.
    """
    found = tokens(TEXT_ANALYZER, word)
    return found[0] if len(found) == 1 else None


def snippet_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    stems = {token for word in words for token in tokens(TEXT_ANALYZER, word)}
    if not stems:
        return []
    return [
        match.span()
        for match in TOKEN_PATTERN.finditer(text)
        if indexed_form(match.group()) in stems
    ]


def snippets(texts: dict[int, str], parsed: ParsedQuery) -> dict[int, str]:
    words = parsed.positive_words()
    return {
        statement_id: highlight.build_snippet(text, snippet_spans(text, words))
        for statement_id, text in texts.items()
    }
