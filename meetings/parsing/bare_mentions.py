"""Persons named without an office: a partner after "with", a name in an attendee list,
a bare family name of someone the text has already named ("Koizumi")."""

from __future__ import annotations

import re

from .mentions import Mention
from .name_words import is_name_word
from .names import Person, PersonRegistry, name_tokens, similar_tokens
from .office_words import is_title_word
from .tokens import tokenize

ATTENDEE_WORDS = re.compile(r"\b(?:participants?|attendees?|attending|present)\b", re.I)
SIDE_WORD = re.compile(r"\bsides?\b", re.I)


def _parenthesised(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost parenthesised span, nested ones inside it."""
    spans, depth, opened = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            opened = index if depth == 0 else opened
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, index + 1))
    return spans


LISTED_NAME = re.compile(
    r"(?:(?<=[:;])|(?<=\band))\s*(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}),\s+"
    r"(?:the\s+)?(?P<title>[A-Za-z][^;:]{2,160}?)(?=;|,\s+and\b|\s+and\s+others|\)$|$)"
)


# "paid a courtesy call on Samdech Akka Moha Sena Padei Techo Hun Sen, Prime Minister of
# the Kingdom of Cambodia": a partner named before the office, with no "Mr." to mark him
BARE_PARTNER = re.compile(
    r"\b(?:with|on|from|by|hosted\s+by)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,7}),"
    r"\s+(?:the\s+)?(?P<title>(?:Prime\s+Minister|President|Premier|Chancellor|King|Queen|Emir"
    r"|Sultan|Minister|Secretary|Chairman|Chairperson|Governor|Deputy|Vice)(?:(?!\.\s)[^;:,()]){0,120})"
)
MAX_BARE_NAME_WORDS = 3


def find_bare_partners(text: str, taken: list[Mention]) -> list[Mention]:
    """Partners of a meeting verb named without a courtesy title, their office after them."""
    covered = {m.start for m in taken} | {m.end for m in taken}
    found: list[Mention] = []
    for match in BARE_PARTNER.finditer(text):
        words = match.group("name").split()
        if not all(is_name_word(w) for w in words[-2:]):
            continue
        start = match.start("name")
        if any(start <= position <= match.end("name") for position in covered):
            continue
        # a long run is honorifics before the name: "Samdech ... Techo Hun Sen" -> "Hun Sen"
        kept = words[-2:] if len(words) > MAX_BARE_NAME_WORDS else words
        kept = [w for w in kept if is_name_word(w)]
        if len(kept) < 2:
            continue
        name_start = match.end("name") - len(" ".join(kept))
        found.append(
            Mention(name_start, match.end("name"), match.group("title").strip(), " ".join(kept))
        )
    return found


def find_listed_mentions(text: str, taken: list[Mention]) -> list[Mention]:
    """Attendees written "Name, office" in a parenthesised list of each side's attendees."""
    starts = {m.start for m in taken}
    found: list[Mention] = []
    for start, end in _parenthesised(text):
        inner = text[start:end]
        if not (ATTENDEE_WORDS.search(inner) and SIDE_WORD.search(inner)):
            continue
        for item in LISTED_NAME.finditer(text, start, end):
            name, title = item.group("name"), item.group("title").strip()
            words = name.split()
            if item.start("name") in starts or not all(is_name_word(w) for w in words):
                continue
            if not is_title_word(title.split()[0]):
                continue
            found.append(Mention(item.start("name"), item.end("name"), title, name))
    return found


def find_bare_mentions(text: str, taken: list[Mention], registry: PersonRegistry) -> list[Mention]:
    """Family names of persons already met, written without a title ("Koizumi and Putin")."""
    covered = bytearray(len(text) + 1)
    for m in taken:
        end = max(m.end, m.suffix_end)
        covered[m.start : end] = b"\x01" * (end - m.start)
    families = {id(p): _family_tokens(p) for p in registry.persons}
    found: dict[str, Person | None] = {}
    bare: list[Mention] = []
    for token in tokenize(text):
        if covered[token.start] or not is_name_word(token.bare):
            continue
        if token.bare not in found:
            found[token.bare] = _person_with_token(registry, token.bare, families)
        person = found[token.bare]
        if person:
            bare.append(
                Mention(token.start, token.end, "", token.bare, token.possessive, person=person)
            )
    return bare


def _person_with_token(
    registry: PersonRegistry, word: str, families: dict[int, set[str]]
) -> Person | None:
    tokens = name_tokens(word)
    if len(tokens) != 1 or len(tokens[0]) < 3:
        return None
    fits = [
        p
        for p in registry.persons
        if any(similar_tokens(tokens[0], own, 88.0) for own in families[id(p)])
    ]
    return fits[0] if len(fits) == 1 else None


def _family_tokens(person: Person) -> set[str]:
    family = set()
    for spelling in [*person.spellings, person.name]:
        parts = name_tokens(spelling)
        family.update({parts[0], parts[-1]} if len(parts) > 1 else set(parts))
    return family
