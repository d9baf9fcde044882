"""Words and values as both backends fold, drop and name them.

Pure Python, read by the query language (query.py, which re-exports these
names: backends use them as query.fold, query.STOP_WORDS ...), the people
look-up and both backends.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from meetings.vocabulary import COUNTRY_FORMS, MEETING_TYPE_ALIASES, SEARCH_ONLY_FORMS

# Query words for countries: every form the parser reads, and a few only searchers use.
COUNTRY_ALIASES = {**COUNTRY_FORMS, **SEARCH_ONLY_FORMS}
TYPE_ALIASES = MEETING_TYPE_ALIASES
# Words too common to search alone (Whoosh's list), and the shortest word searched alone.
# Both backends drop them from single words but keep them inside phrases.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "for",
        "from",
        "have",
        "if",
        "in",
        "is",
        "it",
        "may",
        "not",
        "of",
        "on",
        "or",
        "tbd",
        "that",
        "the",
        "this",
        "to",
        "us",
        "we",
        "when",
        "will",
        "with",
        "yet",
        "you",
        "your",
    ]
)
MIN_WORD_LENGTH = 2


# Letters NFKD leaves whole, mapped as Whoosh's accent_map maps them.
_BASE_LETTERS = str.maketrans(
    {"ß": "s", "ø": "o", "ł": "l", "đ": "d", "þ": "t", "ð": "d", "ı": "i"}
)


def fold(text: str) -> str:
    """Lower case without accents: the form both backends index and look up."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return plain.translate(_BASE_LETTERS)


def simple_tokens(text: str) -> list[str]:
    """Folded alphanumeric tokens (names, countries, headings)."""
    return re.findall(r"\w+", fold(text))


def common_prefix_length(a: str, b: str) -> int:
    """How many leading characters two words share (ranks spelling suggestions)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def canonical_country(value: str) -> str:
    return _country_alias_keys().get(" ".join(simple_tokens(value)), value)


@functools.cache
def _country_alias_keys() -> dict[str, str]:
    # Keyed the way queries are tokenised, so "People's Republic of China" finds its entry.
    return {" ".join(simple_tokens(alias)): country for alias, country in COUNTRY_ALIASES.items()}


def canonical_type(value: str) -> str:
    key = "_".join(simple_tokens(value))
    return TYPE_ALIASES.get(key, key)


def canonical_value(field_name: str, value: str) -> str:
    """A filter's value as the index keeps it: a country or meeting type by its one name."""
    if field_name == "country":
        return canonical_country(value)
    if field_name == "type":
        return canonical_type(value)
    return value
