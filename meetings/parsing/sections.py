"""Numbered sections ("1. Heading", "1 Heading") and subsections ("(1) Heading").

A numbered line is a heading only when it is short, has no verb of saying and
continues the numbering; "(1) President Putin explained that ..." is a statement
paragraph, an indented "1. ..." is a list item, "A." and "(a)" never head anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .header import is_noise_line
from .lexicon import REPORT_VERBS
from .record import SectionRecord, SubsectionRecord
from .text import Unit, roman_value

MAX_HEADING_WORDS = 25
SHORT_HEADING_WORDS = 12
META_HEADING = re.compile(
    r"\b(?:time|date|place|venue|location|attendees|participants)\b", re.IGNORECASE
)
ATTENDEE_HEADING = re.compile(r"\b(?:attendees|participants|attendance)\b", re.IGNORECASE)
SIDE_LIST = re.compile(r"\b[A-Z][\w.'-]*(?: [A-Z][\w'-]*)? (?:side|delegation)\s*:")
ATTENDEE_LABEL = re.compile(r"^\(?\s*(?:attendees|participants|attendance)\s*\)?:?$", re.IGNORECASE)


@dataclass
class Placed:
    unit: Unit
    role: str  # "section" | "subsection" | "paragraph" | "table" | "noise"
    section: str | None = None
    subsection: str | None = None
    in_meta_section: bool = False
    in_attendee_list: bool = False  # a "Japanese side: ..." line under "Attendees"


def is_heading_text(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'("):
        return False
    # "U.S. Force realignment", "Mr. Blix": abbreviation dots end no sentence
    unabbreviated = re.sub(r"\b(?:[A-Z]\.){2,}|\b(?:Mr|Ms|Mrs|Dr|St|No)\.", "X", text)
    if re.search(r"[.!?][\"”’)]?\s+[A-Z]", unabbreviated) or re.search(r"\bthat\b", text):
        return False
    if any(w.lower().strip(",;:.") in REPORT_VERBS for w in words if w[:1].islower()):
        return False
    return not (text.endswith(".") and len(words) > 15)


def heading_of(text: str) -> str:
    return text.strip().rstrip(".").strip()


def layout(units: list[Unit]) -> tuple[list[SectionRecord], list[Placed]]:
    """The section tree and every unit placed in it, in reading order."""
    sections: list[SectionRecord] = []
    placed: list[Placed] = []
    base_indent = min((u.indent for u in units), default=0)
    in_table = False
    last_paren = 0  # the last "(n)" seen in the current section, heading or statement
    for unit in units:
        current = sections[-1] if sections else None
        role = _role(unit, current, base_indent, last_paren)
        if role == "section":
            last_paren = 0
            number = unit.marker[1]
            if unit.marker[0] == "paren_number":
                number = f"({number})"
            sections.append(SectionRecord(number, heading_of(unit.body)))
            in_table = False
        elif role == "subsection":
            current.subsections.append(
                SubsectionRecord(f"({unit.marker[1]})", heading_of(unit.body))
            )
            in_table = False
        elif role == "paragraph" and (
            ATTENDEE_LABEL.match(unit.text) or _is_table_row(unit, in_table)
        ):
            role, in_table = "table", True
        else:
            in_table = in_table and role == "noise"
        if role in ("subsection", "paragraph") and unit.marker and unit.marker[0] == "paren_number":
            last_paren = int(unit.marker[1])
        item = _place(unit, role, sections)
        item.in_attendee_list = _is_side_list(unit, role, placed, sections)
        placed.append(item)
    return sections, placed


def _is_side_list(unit: Unit, role: str, placed: list[Placed], sections: list) -> bool:
    """ "Japanese side: A, B" right under an "(Attendees)" label or an "Attendees" heading."""
    if role not in ("paragraph", "table") or "|" in unit.text or not SIDE_LIST.search(unit.text):
        return False
    previous = placed[-1] if placed else None
    under_label = previous is not None and (
        ATTENDEE_LABEL.match(previous.unit.text) or previous.in_attendee_list
    )
    under_heading = bool(sections) and bool(ATTENDEE_HEADING.search(sections[-1].heading))
    return bool(under_label or under_heading)


def _role(unit: Unit, current: SectionRecord | None, base_indent: int, last_paren: int) -> str:
    if is_noise_line(unit.text):
        return "noise"
    marker = unit.marker
    if marker is None or not is_heading_text(unit.body):
        return "paragraph"
    kind, label, _ = marker
    if kind in ("number", "number_nodot", "roman") and unit.indent <= base_indent:
        value = roman_value(label) if kind == "roman" else int(label)
        previous = None if current is None else _section_value(current.number)
        if kind == "roman" and current is None and value != 1:
            return "paragraph"  # "I. ..." may be a lone initial; a roman list starts at I
        return "section" if previous is None or value == previous + 1 else "paragraph"
    if kind == "paren_number" and _starts_or_continues_paren_sections(unit, current):
        return "section"
    if kind == "paren_number" and current is not None and not current.number.startswith("("):
        expected = len(current.subsections) + 1
        if int(label) == expected or (int(label) == last_paren + 1 and _is_short_line(unit)):
            return "subsection"
    return "paragraph"


def _starts_or_continues_paren_sections(unit: Unit, current: SectionRecord | None) -> bool:
    """A text whose only headings are "(1) Iraq", "(2) North Korea": they are its sections."""
    if not _is_short_line(unit):
        return False
    number = int(unit.marker[1])
    if current is None:
        return number == 1
    previous = current.number
    return previous.startswith("(") and number == int(previous.strip("()")) + 1


def _is_short_line(unit: Unit) -> bool:
    """ "(2) North Korea" after a numbered statement "(1) President Roh welcomed ...":
    a lone short line without a full stop heads what follows."""
    body = unit.body
    short = len(body.split()) <= SHORT_HEADING_WORDS
    return len(unit.lines) == 1 and short and not body.endswith(".")


def _section_value(number: str) -> int | None:
    if number.isdigit():
        return int(number)
    return roman_value(number) if re.fullmatch(r"[IVX]+", number) else None


def _is_table_row(unit: Unit, in_table: bool) -> bool:
    if "|" not in unit.text:
        return False
    return in_table or bool(re.search(r"\bsides?\b", unit.text, re.IGNORECASE))


def _place(unit: Unit, role: str, sections: list[SectionRecord]) -> Placed:
    section = sections[-1] if sections else None
    subsection = section.subsections[-1] if section and section.subsections else None
    return Placed(
        unit=unit,
        role=role,
        section=section.number if section else None,
        subsection=subsection.number if subsection else None,
        in_meta_section=bool(section and META_HEADING.search(section.heading)),
    )
