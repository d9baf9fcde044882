"""Which tokens are a person's name: name words, family names in capitals, initials and
particles; a name as displayed ("KISHIDA Fumio" -> "Fumio Kishida")."""

from __future__ import annotations

import re

from meetings.vocabulary import COUNTRY_FORMS

from .lexicon import MONTHS, NAME_PARTICLES, NOT_NAME_WORDS, REPORT_VERBS, WEEKDAYS
from .office_words import is_title_word
from .tokens import Token, same_line

ROMAN_NUMERALS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
# "Mizengo Kayanza Peter Pinda", "Tuilaepa Lupesoliai Sailele Malielegaoi"; initials and
# particles on top
MAX_NAME_WORDS = 5


def _is_caps_word(word: str) -> bool:
    bare = re.sub(r"['’]s$", "", word)
    return (
        len(bare) >= 2
        and bare not in ROMAN_NUMERALS
        and all(p.isalpha() and p.isupper() for p in bare.split("-"))
        and bare.lower() not in COUNTRY_FORMS
        and bare.lower() not in NOT_NAME_WORDS
        and not is_title_word(bare.lower())
    )


def is_capitalised_family(tokens: list[Token], j: int) -> bool:
    """A family name in capitals next to a given name: "KISHIDA Fumio", "Batmunkh BATTSETSEG"."""
    if not _is_caps_word(tokens[j].text):
        return False
    neighbours = [tokens[n].bare for n in (j - 1, j + 1) if 0 <= n < len(tokens)]
    return any(is_name_word(word) for word in neighbours)


def is_caps_family_alone(tokens: list[Token], k: int) -> bool:
    """ "Parliamentary Vice-Minister HOSAKA expressed ...": a family name in capitals right
    after an office, followed by the verb of its sentence."""
    if not _is_caps_word(tokens[k].text) or len(tokens[k].bare) < 3 or k + 1 >= len(tokens):
        return False
    following = tokens[k + 1].text
    if following in ("also", "further", "then", "again") and k + 2 < len(tokens):
        following = tokens[k + 2].text  # "Minister HOSAKA also stated"
    return following.islower() and (following in REPORT_VERBS or following.endswith("ed"))


def display_name(words: list[str], reorder: bool = True) -> str:
    """ "KISHIDA Fumio" -> "Fumio Kishida"; "Batmunkh BATTSETSEG" -> "Batmunkh Battsetseg".
    Capitals mark the family name; written first, it moves behind the given names."""
    caps = [_is_caps_word(w) for w in words]
    if not any(caps):
        return " ".join(words)
    if all(caps):  # "Minister HOSAKA" -> "Hosaka"
        return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words)
    fixed = [
        "-".join(p.capitalize() for p in w.split("-")) if c else w
        for w, c in zip(words, caps, strict=True)
    ]
    if reorder and caps[0] and not caps[-1]:
        fixed = fixed[1:] + fixed[:1]
    return " ".join(fixed)


def read_name(text: str, tokens: list[Token], k: int) -> tuple[list[Token], int]:
    names: list[Token] = []
    core = 0
    while k < len(tokens) and (not names or same_line(text, tokens[k - 1], tokens[k])):
        token = tokens[k]
        if names and names[-1].possessive:
            break
        is_name = (
            is_capitalised_family(tokens, k)
            or is_name_word(token.bare)
            or (not names and is_caps_family_alone(tokens, k))
            # "Alicia BÁRCENA IBARRA": two family names in capitals
            or (names and _is_caps_word(token.text) and _is_caps_word(names[-1].text))
            or _is_month_named_person(tokens, k)
        )
        if is_name and core < MAX_NAME_WORDS:
            names.append(token)
            core += 1
        elif re.fullmatch(r"[A-Z]\.", token.text) and _initials_then_name(tokens, k):
            names.append(token)  # an initial: "George W. Bush", "Retno L.P. Marsudi", "S. X"
        elif token.text in NAME_PARTICLES and _next_is_name(tokens, k):
            names.append(token)  # "Dominique de Villepin", "Foreign Minister de Villepin"
        elif names and token.bare in ROMAN_NUMERALS:
            names.append(token)
            k += 1
            break
        else:
            break
        k += 1
    return names, k


def _is_month_named_person(tokens: list[Token], k: int) -> bool:
    """ "Prime Minister Theresa May, ...", "Prime Minister May stated": a name that is also a
    month, where no day follows it."""
    if tokens[k].bare.lower() not in MONTHS or not tokens[k].capitalised:
        return False
    following = tokens[k + 1].text if k + 1 < len(tokens) else ""
    return not (following[:1].isdigit() or following in {"of", "this", "last", "next"})


def _initials_then_name(tokens: list[Token], k: int) -> bool:
    while k + 1 < len(tokens) and re.fullmatch(r"[A-Z]\.", tokens[k + 1].text):
        k += 1
    return _next_is_name(tokens, k)


def _next_is_name(tokens: list[Token], k: int) -> bool:
    return k + 1 < len(tokens) and is_name_word(tokens[k + 1].bare)


ARTICLE_NAME = re.compile(r"(?:al|el|ul|ad|as|ash|at|az|an|ar)-[A-Z]\w+")  # "al-Maliki"


def is_name_word(word: str) -> bool:
    if ARTICLE_NAME.fullmatch(word):
        return True
    parts = word.split("-")
    if not (word[:1].isupper() and any(c.islower() for c in parts[0])):
        return False
    if not all(p and all(c.isalpha() or c in "'’" for c in p) for p in parts):
        return False
    lower = word.lower()
    return not (
        is_title_word(word)
        or lower in NOT_NAME_WORDS
        or lower in MONTHS
        or lower in WEEKDAYS
        or lower in COUNTRY_FORMS
    )
