"""The name a new person is filed under, from the name as written and the person's country:
no patronymics, middle names, lineage or honorifics that are written as part of a name."""

from __future__ import annotations

import re

from .naming_customs import (
    HISPANIC_NAMING,
    IBERIAN_FAMILY_PARTICLES,
    IBERIAN_GIVEN_NAMES,
    LUSOPHONE_NAMING,
    PATRONYMIC_NAMING,
    WHOLE_NAMING,
)

PATRONYMIC = re.compile(r"\w+(?:ovich|evich|ovna|evna|ichna)$", re.IGNORECASE)
NAME_PARTICLE = re.compile(
    r"^(?:bin|bint|ibn|binti|al|el|ul|de|da|di|do|dos|das|del|van|von|der|den|la|le|du|y|abu)"
    r"(?:-|$)",
    re.IGNORECASE,
)
INITIAL = re.compile(r"[A-Z]\.")
VOWEL_RUN = re.compile(r"[aeiouyà-æè-ïò-öù-ü]+", re.IGNORECASE)


def canonical_name(written: str, country: str | None = None, title: str = "") -> str:
    """The name a new person is filed under: given and family name, without patronymics
    ("Igor Sergeyevich Ivanov" -> "Igor Ivanov") or middle names ("Dilma Vana Rousseff"
    -> "Dilma Rousseff", "Nouri Kamil al-Maliki" -> "Nouri al-Maliki"). One-syllable
    middle parts are kept: they belong to names written family name first ("Lee Hsien
    Loong", "Nguyen Xuan Phuc"), and so is a royal's lineage ("Tamim bin Hamad Al Thani").
    The person's country, when known, tells its naming custom (Spanish, Portuguese,
    Ethiopian names)."""
    words = _without_leading_honorifics(written.split())
    words = [w for i, w in enumerate(words) if i == 0 or not PATRONYMIC.fullmatch(w)]
    # "Retno L. P. Marsudi", "S. Jaishankar": initials go with the middle names
    words = [w for i, w in enumerate(words) if i == len(words) - 1 or not INITIAL.fullmatch(w)]
    if len(words) > 2 and country:
        customary = _customary_name(words, country)
        if customary:
            return customary
    if len(words) < 3:
        return " ".join(words)
    if any(NAME_PARTICLE.match(w) for w in words):
        return _with_particles(words, royal=bool(ROYAL_TITLE.search(title or "")))
    if len(words) > 3:
        return f"{words[0]} {words[-1]}"  # "Mizengo Kayanza Peter Pinda"
    middle = words[1]
    if middle.endswith(".") or len(VOWEL_RUN.findall(middle)) < 2:
        return " ".join(words)
    return f"{words[0]} {words[2]}"


ROYAL_TITLE = re.compile(
    r"\b(?:King|Queen|Emir|Amir|Sultan|Sheikh|Prince|Princess|Crown Prince|Majesty|Highness"
    r"|H\.\s?H\.|H\.\s?R\.\s?H\.|H\.\s?M\.)",
    re.IGNORECASE,
)
LINEAGE = {"bin", "ibn", "bint", "binti", "ben"}


def _with_particles(words: list[str], royal: bool) -> str:
    """ "Adel bin Ahmed Al-Jubeir" -> "Adel Al-Jubeir" (a minister's father's name goes),
    "Dominique de Villepin" stays, a royal keeps the lineage."""
    if royal:
        return " ".join(words)
    kept, skip = [], False
    for word in words:
        if word.lower() in LINEAGE:
            skip = True  # "bin Ahmed": the particle and the father's name
            continue
        if skip:
            skip = False
            continue
        kept.append(word)
    if len(kept) < 2:
        return " ".join(words)
    # the family name is the last word with the particles before it ("de Villepin", "von
    # der Leyen", "al-Maliki"); words between it and the given name are middle names
    family_start = len(kept) - 1
    while family_start > 1 and NAME_PARTICLE.match(kept[family_start - 1]):
        family_start -= 1
    return " ".join([kept[0], *kept[family_start:]])


# Forms of address that are written as part of a name: "Seyyed Mohammad Khatami", "Tan
# Sri Muhyiddin Yassin", "Datuk Seri Anifah Aman", "Samdech Hun Sen"
NAME_HONORIFICS = {"seyyed", "sayyid", "sayed", "syed", "samdech", "datuk", "dato", "dato'",
                   "tun", "haji", "hajji"}  # fmt: skip


def _without_leading_honorifics(words: list[str]) -> list[str]:
    while len(words) > 2:
        first = words[0].lower().rstrip(",")
        if first in NAME_HONORIFICS:
            words = words[1:]
        elif (first == "tan" and words[1].lower() == "sri") or first in ("seri", "sri"):
            words = words[2:] if first == "tan" else words[1:]
        else:
            break
    return words


def _customary_name(words: list[str], country: str) -> str | None:
    if country in WHOLE_NAMING:
        return " ".join(words)
    if country in PATRONYMIC_NAMING:
        return " ".join(words[:2])
    if country in LUSOPHONE_NAMING:
        family = words[-1:]
        if len(words) > 3 and words[-2].lower() in IBERIAN_FAMILY_PARTICLES:
            family = words[-2:]  # "... da Silva"
        return " ".join([words[0], *family])
    if country not in HISPANIC_NAMING:
        return None
    rest = words[1:]
    if len(words) >= 4 and rest[0].lower() not in IBERIAN_FAMILY_PARTICLES:
        rest = rest[1:]  # two given and two family names: "Harold Osberto Caballeros Ramírez"
    while len(rest) > 1 and rest[0].lower() in IBERIAN_GIVEN_NAMES:
        rest = rest[1:]  # a second given name: "Santiago Andrés Cafiero"
    family = []
    while len(rest) > 1 and rest[0].lower() in IBERIAN_FAMILY_PARTICLES:
        family.append(rest.pop(0))  # "Carlos de Icaza González"
    return " ".join([words[0], *family, rest[0]])
