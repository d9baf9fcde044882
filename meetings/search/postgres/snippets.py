"""Snippets: the escaped text with <mark> around each word whose stem the query searched."""

from __future__ import annotations

from .. import highlight
from ..query import ParsedQuery, fold
from .analysis import WORD, analyse, searchable_stems


def snippets(texts: dict[int, str], parsed: ParsedQuery) -> dict[int, str]:
    """Escaped text with <mark> around each word whose stem the query searched."""
    analysed = analyse(parsed.positive_words()).values()
    wanted = {stem for found in analysed for stem in searchable_stems(found)}
    spans_of = {statement_id: [] for statement_id in texts}
    if wanted:
        words = {
            statement_id: [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]
            for statement_id, text in texts.items()
        }
        stems = analyse({word for found in words.values() for _, _, word in found})
        for statement_id, found in words.items():
            spans_of[statement_id] = [
                (start, end)
                for start, end, word in found
                if any(lexeme.text in wanted for lexeme in stems.get(word, []))
            ]
    return {
        statement_id: highlight.build_snippet(text, spans_of[statement_id])
        for statement_id, text in texts.items()
    }
