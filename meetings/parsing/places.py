"""Where the talks were (place, venue), the event they were held beside, the documents
they issued."""

from __future__ import annotations

import re
from datetime import date

from .dates import (
    find_dates,
)
from .lexicon import COUNTRY_FORMS, MONTHS, NOT_NAME_WORDS, WEEKDAYS, country_of
from .office_words import is_title_word
from .text import collapse


def labelled(meta: str, labels: str) -> str | None:
    match = re.search(rf"^\s*(?:{labels})\s*[:：]\s*(.+)$", meta, re.IGNORECASE | re.MULTILINE)
    return collapse(match.group(1)).rstrip(".") if match else None


WORD = r"[A-Z][\w'’-]*(?:\.\w+)*\.?"
PLACE = (
    rf"({WORD}(?:\s+(?:{WORD}|DC|D\.C\.))*"
    rf"(?:,\s+{WORD}(?:\s+(?:of\s+(?:the\s+)?)?{WORD}){{0,3}})?)"
)
LOCATION_PATTERNS = (
    re.compile(rf"\bvisit(?:ing)?\s+to\s+(?:the\s+)?{PLACE}"),
    re.compile(rf"\b(?:is|was|were|are|currently|now)\s+visiting\s+(?:the\s+)?{PLACE}"),
    re.compile(rf"\bin\s+{PLACE}"),
)
VENUE = re.compile(rf"\bat\s+(the\s+)?({WORD}(?:\s+(?:of\s+(?:the\s+)?|and\s+)?{WORD})*)")
BUILDING_WORDS = re.compile(
    r"\b(?:House|Hotel|Palace|Residence|Kremlin|Hall|Cent(?:er|re)|Building|Ministry|Embassy"
    r"|Castle|Villa|Room|Office|Kantei|Mansion|Lodge|Resort|Club|Garden|Pavilion)\b"
)
EVENT_WORDS = re.compile(r"\b(?:Summit|Meeting|Conference|Session|Talks|Forum|G8|G20|Visit)\b")
# "ASEAN+3 Summit Meeting", "G8 Summit", "Asia Cooperation Dialogue (ACD) ... Meeting"
EVENT_WORD = r"[A-Z0-9][\w'’+-]*"
EVENT = rf"({EVENT_WORD}(?:\s+(?:(?:of|and|the|on|for)\s+)*(?:{EVENT_WORD}|\([A-Z0-9]+\)))*)"
OCCASION_PATTERNS = (
    re.compile(rf"\bto\s+attend\s+(?:the\s+)?{EVENT}"),
    re.compile(
        rf"\b(?:on|at)\s+the\s+(?:occasion|sidelines|margins?)\s+of\s+(?:the\s+)?{EVENT}", re.I
    ),
    re.compile(rf"\bduring\s+(?:the\s+)?{EVENT}"),
)
DOCUMENT_NOUNS = (
    r"(?:Exchange of Notes|Statement|Declaration|Memorandum|Agreement|Action Plan|Plan"
    r"|Press Release|Communiqu[eé]|Treaty|Protocol|Convention|Document|Initiative"
    r"|Framework|Program(?:me)?|Arrangement)"
)
DOCUMENT_ACT = re.compile(r"\b(?:issued|signed|adopted|released|exchanged|concluded)\b")
NAMED_DOCUMENT = re.compile(
    rf"\b(?:signed|issued|adopted|released"
    # the nominal form only for an act of this meeting, not "the anniversary of the signing of"
    rf"|(?:welcomed|witnessed|attended|after|following)\s+the\s+"
    rf"(?:signing|issuance|adoption|release)\s+of)"
    rf"\s+(?:the\s+|a\s+)?((?:[A-Z][\w'-]*\s+)*{DOCUMENT_NOUNS}"
    rf"(?:\s+(?i:on|of|for|between|concerning|regarding|towards?)\s+[^.;,:]+)?)"
)
# "adopted the X Declaration and agreed to ...": the name ends before the next verb
DOCUMENT_TAIL = re.compile(r"\s+and\s+(?:also\s+)?[a-z]+ed\b.*$")


def parenthesised_label(text: str, labels: str) -> str | None:
    """ "(venue: Prime Minister's Official Residence)" inside a sentence."""
    match = re.search(rf"\((?:{labels})\s*[:：]\s*([^()]+)\)", text, re.IGNORECASE)
    return collapse(match.group(1)).rstrip(".") if match else None


def location(sentences: list[str]) -> str | None:
    for sentence in sentences:
        found = []
        for pattern in LOCATION_PATTERNS:
            for match in pattern.finditer(sentence):
                place = _clean_place(match.group(1))
                if place:
                    found.append((match.start(), place))
        if found:
            return _most_specific(sorted(found))
    return None


def _most_specific(found: list[tuple[int, str]]) -> str:
    """The first place named, unless it is a whole country and a town follows:
    "who is visiting Australia, held ... at Parliament House in Canberra" -> "Canberra"."""
    first = found[0][1]
    if first.lower().removeprefix("the ") in COUNTRY_FORMS:
        towns = [place for _, place in found[1:] if place.lower() not in COUNTRY_FORMS]
        if towns:
            return towns[0]
    return first


def aside_place(asides: list[str]) -> str | None:
    """Lines under the title that say where: "(At Whistler)", "(June 20 and 21, Seoul,
    Republic of Korea)"."""
    for aside in asides:
        match = re.match(rf"\s*(?:At|In)\s+{PLACE}\s*\.?$", aside)
        if match and _clean_place(match.group(1)):
            return _clean_place(match.group(1))
    return trailing_place([a for a in asides if find_dates(a, date(2000, 6, 30))])


def trailing_place(sentences: list[str]) -> str | None:
    """ "April 11, 2007, from 10:00, at the Prime Minister's Office, Tokyo." -> "Tokyo"."""
    for sentence in sentences:
        match = re.search(rf",\s+{PLACE}\s*\.?$", sentence)
        if match and _clean_place(match.group(1)):
            return _clean_place(match.group(1))
    return None


def _clean_place(place: str) -> str | None:
    parts = [p.strip().rstrip(".") for p in place.split(",")]
    if not _is_place_words(parts[0]):
        return None
    kept = [parts[0]] + [p for p in parts[1:2] if _is_place_words(p)]
    return ", ".join(kept)


def _is_place_words(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    first = words[0].lower().rstrip(".")
    if first in MONTHS or first in WEEKDAYS or first in NOT_NAME_WORDS - {"sea", "island", "new"}:
        return False
    return not (is_title_word(words[0]) and not country_of(text)) and not EVENT_WORDS.search(text)


def venue(sentences: list[str]) -> str | None:
    for sentence in sentences:
        for match in VENUE.finditer(sentence):
            name = match.group(2).rstrip(".")
            if EVENT_WORDS.search(name) or not (match.group(1) or BUILDING_WORDS.search(name)):
                continue
            return name
    return None


def occasion(sentences: list[str], title: str) -> str | None:
    for text in [*sentences, title]:
        for pattern in OCCASION_PATTERNS:
            match = pattern.search(text)
            if match and _is_event(match.group(1)):
                return match.group(1).rstrip(".").strip()
    return None


def _is_event(name: str) -> bool:
    if re.match(r"(?:His|Her|Official|State|Working)?\s*Visit", name):
        return False
    return bool(
        re.search(r"(?:Summit|Meeting|Conference|Forum|Session|Assembly|Games|Expo\w*)$", name)
    )


def documents(sentences: list[str]) -> list[str]:
    found: list[str] = []
    for sentence in sentences:
        if not DOCUMENT_ACT.search(sentence):
            continue
        listed = _listed_documents(sentence) or [
            _document_tail_cut(m.group(1)) for m in NAMED_DOCUMENT.finditer(sentence)
        ]
        found += [d for d in listed if d not in found]
    return found


def _document_name(item: str) -> str:
    item = re.sub(r"^(?:and|as well as)\s+", "", item.strip())
    return re.sub(r"^(?:the|a|an)\s+", "", item).rstrip(".").strip()


def _document_tail_cut(name: str) -> str:
    return DOCUMENT_TAIL.sub("", name.strip()).strip()


def named_documents(text: str) -> list[str]:
    """ "The two leaders signed the Joint Declaration on ..." anywhere in the text."""
    found: list[str] = []
    for match in NAMED_DOCUMENT.finditer(collapse(text)):
        name = _document_tail_cut(match.group(1))
        if name[:1].isupper() and name not in found:
            found.append(name)
    return found


def _listed_documents(sentence: str) -> list[str]:
    """ "Three documents were issued ...: A; B; and C." -> [A, B, C]."""
    if ":" not in sentence:
        return []
    head, tail = sentence.split(":", 1)
    if not DOCUMENT_ACT.search(head):
        return []
    separator = ";" if ";" in tail else ","
    items = [_document_name(item) for item in tail.split(separator)]
    return [i for i in items if i[:1].isupper()]
