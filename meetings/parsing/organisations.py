"""Heads of international organisations ("Secretary General of the OSCE"): their
"country" is the organisation; partners listed with one country share it."""

from __future__ import annotations

import itertools
import re

from .lexicon import (
    country_of,
)
from .mentions import Mention

# Heads of international organisations: their "country" is the organisation
ORGANISATION_ACRONYMS = {
    "IAEA": "International Atomic Energy Agency", "UN": "United Nations",
    "WHO": "World Health Organization", "ASEAN": "ASEAN", "OECD": "OECD", "IMF": "IMF",
    "WTO": "World Trade Organization", "UNESCO": "UNESCO", "UNICEF": "UNICEF",
    "UNHCR": "UNHCR", "UNDP": "UNDP", "NATO": "NATO", "ADB": "Asian Development Bank",
    "OSCE": "Organization for Security and Co-operation in Europe", "EU": "European Union",
}  # fmt: skip
ORGANISATION = re.compile(
    r"\s*(?:,\s*)?(?:and others\s+)?\b(?:of|for)\s+the\s+"
    r"((?:[A-Z][\w'’-]*\s+){0,6}?(?:Agency|Organi[sz]ation|Secretariat"
    r"|Union|Commission|Nations|Fund|Bank|Council|Forum|Programme|Program|Court|Institute"
    r"|Association))\b"
)
FULL_ORGANISATION_NAME = re.compile(
    r"(\s+(?:for|on)\s+[A-Z][\w'’-]*(?:\s+(?:(?:and|in|of|the)\s+)*[A-Z][\w'’-]*)*)"
)
# the organisation a body belongs to: its head's "country"
ORGANISATION_OF_BODY = {
    "European Council": "European Union", "European Commission": "European Union",
    "Council of the European Union": "European Union",
}  # fmt: skip
ORGANISATION_OFFICE = re.compile(
    r"\b(?:Secretary[- ]General|Director[- ]General|Executive Director|Managing Director"
    r"|Administrator|High Commissioner|Chairperson|President|Chair|Secretary General"
    r"|Special (?:Advis[eo]r|Envoy|Representative))\b",
    re.I,
)


def organisation_of(text: str, mention: Mention) -> str | None:
    """ "IAEA Director General Yukiya Amano", "Secretary General Mr. X and others of the
    Trilateral Cooperation Secretariat", "Director General of the International Atomic
    Energy Agency, Mr. Y": the organisation the person heads, or None."""
    if not ORGANISATION_OFFICE.search(mention.title or ""):
        return None
    for word in (mention.title or "").split():
        acronym = word.strip("(),").replace(".", "")  # "U.N."
        if acronym in ORGANISATION_ACRONYMS:
            return ORGANISATION_ACRONYMS[acronym]
    after = ORGANISATION.match(text, max(mention.end, mention.suffix_end))
    after = (
        after
        if after
        and re.fullmatch(
            r"\s*(?:,\s*)?(?:and others\s+)?",
            text[max(mention.end, mention.suffix_end) : after.start()],
        )
        else None
    )
    before = re.search(
        ORGANISATION.pattern + r",\s*$", text[max(0, mention.start - 120) : mention.start]
    )
    match = ORGANISATION.search(mention.title) or after or before
    if not match:
        return None
    name = match.group(1)
    # "the Organization for Security and Co-operation in Europe (OSCE)": the whole name
    fuller = FULL_ORGANISATION_NAME.match(match.string, match.end(1))
    if fuller:
        name += fuller.group(1)
    # "the Japan Association for Trade with Russia": a national body, its country stands
    if country_of(name):
        return None
    return ORGANISATION_OF_BODY.get(name, name)


def share_country_suffixes(text: str, mentions: list[Mention]) -> None:
    """ "met with President X and Minister of Foreign Affairs Y of Afghanistan": X is Afghan
    too, unless X is known to be of another country (resolved mentions only)."""
    for first, second in itertools.pairwise(mentions):
        joined = re.fullmatch(r"\s*(?:,\s*)?and\s+", text[first.end : second.start])
        # "met with A and B of C" share C; "between A and B of C" are two sides
        lead = text[max(0, first.start - 30) : first.start]
        joined = joined and re.search(r"\b(?:with|on|from|by)\s+(?:the\s+)?$", lead)
        person = first.person
        unknown = person is not None and not (person.country or person.authority_country)
        if joined and unknown and first.name and second.country:
            person.country = second.country
