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
from .text import Unit

MAX_HEADING_WORDS = 25
META_HEADING = re.compile(
    r"\b(?:time|date|place|venue|location|attendees|participants)\b", re.IGNORECASE
)
ATTENDEE_LABEL = re.compile(r"^\(?\s*(?:attendees|participants|attendance)\s*\)?:?$", re.IGNORECASE)


@dataclass
class Placed:
    unit: Unit
    role: str  # "section" | "subsection" | "paragraph" | "table" | "noise"
    section: str | None = None
    subsection: str | None = None
    in_meta_section: bool = False


def is_heading_text(text: str) -> bool:
    words = text.split()
    if not words or len(words) > MAX_HEADING_WORDS:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“'("):
        return False
    if re.search(r"[.!?][\"”’)]?\s+[A-Z]", text) or re.search(r"\bthat\b", text):
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
    for unit in units:
        current = sections[-1] if sections else None
        role = _role(unit, current, base_indent)
        if role == "section":
            sections.append(SectionRecord(unit.marker[1], heading_of(unit.body)))
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
        placed.append(_place(unit, role, sections))
    return sections, placed


def _role(unit: Unit, current: SectionRecord | None, base_indent: int) -> str:
    if is_noise_line(unit.text):
        return "noise"
    marker = unit.marker
    if marker is None or not is_heading_text(unit.body):
        return "paragraph"
    kind, label, _ = marker
    if kind in ("number", "number_nodot") and unit.indent <= base_indent:
        return (
            "section" if current is None or int(label) == int(current.number) + 1 else "paragraph"
        )
    if kind == "paren_number" and current is not None:
        expected = len(current.subsections) + 1
        if int(label) == expected:
            return "subsection"
    return "paragraph"


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
