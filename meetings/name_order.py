"""Which word of a person's name is the family name, and the key people are sorted by.

Canonical names are stored as the publisher writes them in English: given name
first for most people ("Mikhail Kasyanov"), family name first for Chinese,
Korean and Vietnamese names ("Hu Jintao", "Roh Moo-hyun"). Pure functions of
the name and the person's country, so the model, its migration and search read
the same answer.
"""

from __future__ import annotations

import re
import unicodedata

from .vocabulary import FAMILY_NAME_FIRST_COUNTRIES

# Lower-case particles that belong to the family name ("Dominique de Villepin").
PARTICLES = frozenset(
    {"de", "da", "di", "do", "dos", "das", "del", "van", "von", "der", "den", "la", "le", "du"}
    | {"bin", "al"}
)
SUFFIX = re.compile(r"(?:[IVX]+|Jr\.?|Sr\.?)$")
# "Moo-hyun", "Ki-moon", "Jong-il": a Korean given name, so the first word is the family name.
KOREAN_GIVEN_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+$")
VOWEL_RUN = re.compile(r"[aeiouy]+", re.IGNORECASE)


def _words(name: str) -> list[str]:
    words = (name or "").split()
    while len(words) > 1 and SUFFIX.fullmatch(words[-1]):
        words.pop()
    return words


def _one_syllable(word: str) -> bool:
    return len(VOWEL_RUN.findall(fold(word))) == 1


def family_name_first(name: str, country: str = "") -> bool:
    """Whether `name` is written family name first ("Roh Moo-hyun", "Lee Hsien Loong")."""
    words = _words(name)
    if len(words) < 2:
        return False
    if country in FAMILY_NAME_FIRST_COUNTRIES:
        return True
    if len(words) == 2 and KOREAN_GIVEN_NAME.fullmatch(words[1]):
        return True
    # "Lee Hsien Loong", "Goh Chok Tong": three one-syllable words are a Chinese name.
    return len(words) == 3 and all(_one_syllable(word) and word[0].isupper() for word in words)


def family_name(name: str, country: str = "") -> str:
    """The family name as written: "Kasyanov", "Roh", "de Villepin"; a lone name itself."""
    words = _words(name)
    if not words:
        return ""
    if family_name_first(name, country):
        return words[0]
    start = len(words) - 1
    while start > 1 and words[start - 1] in PARTICLES:
        start -= 1
    return " ".join(words[start:])


def given_names(name: str, country: str = "") -> str:
    words = _words(name)
    if family_name_first(name, country):
        return " ".join(words[1:])
    family = family_name(name, country)
    return " ".join(words[: len(words) - len(family.split())])


def sort_key(name: str, country: str = "") -> str:
    """Family name (its particles after it), then given names, folded: "villepin de dominique"."""
    family = family_name(name, country).split()
    core = [word for word in family if word not in PARTICLES] or family
    particles = [word for word in family if word not in core]
    parts = [*core, *particles, given_names(name, country)]
    return " ".join(fold(" ".join(parts)).split())[:200]


def fold(text: str) -> str:
    """Lower case, accents off: "Junichirō" sorts and matches as "junichiro"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
