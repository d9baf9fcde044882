"""The text as lines, paragraph units and sentences, each with offsets into the original."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

MARKER_PATTERNS = (
    ("paren_number", re.compile(r"\((\d{1,2})\)\s*")),
    ("paren_letter", re.compile(r"\(([a-z])\)\s*")),
    ("number", re.compile(r"(\d{1,2})[.)]\s+")),
    ("roman", re.compile(r"((?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}))\.\s+(?=[A-Z])")),
    ("letter", re.compile(r"([A-Z])[.)]\s+(?=\S)")),
    ("bullet", re.compile(r"([-*•・])\s+(?=\S)")),
    ("number_nodot", re.compile(r"(\d{1,2})\s+(?=[A-Z][a-z])")),
)
ABBREVIATIONS = {
    "mr", "ms", "mrs", "dr", "st", "no", "jr", "sr", "co", "inc", "ltd", "u.s", "u.k",
    "e.g", "i.e", "vs", "gen", "lt", "col", "prof", "sen", "rep", "gov", "approx", "nos",
    "mt", "ft", "d.c", "h.e", "h.h", "h.m", "h.r.h", "hon", "rt", "amb", "pol", "maj", "capt",
    "brig", "adm", "cdr", "sgt",
}  # fmt: skip
# "Japan-Canada Summit Meeting Photo: Cabinet Public Relations Office", "photo1: ...":
# a photo caption, a line of its own however long
CAPTION_LINE = re.compile(r"(?:^|\s|\()photos?\s*\d*\s*[:：]", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“'(]?[A-Z0-9])")


ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def roman_value(numeral: str) -> int:
    total = 0
    for index, letter in enumerate(numeral):
        value = ROMAN_VALUES[letter]
        following = ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def collapse(text: str) -> str:
    return " ".join(text.split())


def strip_parentheticals(text: str) -> str:
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"\([^()]*\)", " ", text)
    return text


@dataclass
class Line:
    text: str  # without the newline
    start: int
    end: int

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        expanded = self.text.expandtabs(4)
        return len(expanded) - len(expanded.lstrip())


@dataclass
class Unit:
    """One paragraph or one list item: consecutive lines that read as one."""

    source: str  # the whole original text
    lines: list[Line]

    @property
    def start(self) -> int:
        return self.lines[0].start + len(self.lines[0].text) - len(self.lines[0].text.lstrip())

    @property
    def end(self) -> int:
        last = self.lines[-1]
        return last.start + len(last.text.rstrip())

    @property
    def indent(self) -> int:
        return self.lines[0].indent

    @property
    def text(self) -> str:
        return collapse(self.source[self.start : self.end])

    @cached_property
    def marker(self) -> tuple[str, str, int] | None:
        """(kind, label, offset where the body starts) of a leading "1.", "(1)", "(a)", "A."."""
        raw = self.source[self.start : self.end]
        for kind, pattern in MARKER_PATTERNS:
            match = pattern.match(raw)
            if match and match.end() < len(raw):
                return kind, match.group(1), self.start + match.end()
        return None

    @property
    def body_start(self) -> int:
        return self.marker[2] if self.marker else self.start

    @property
    def body(self) -> str:
        return collapse(self.source[self.body_start : self.end])


def split_lines(text: str) -> list[Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        lines.append(Line(raw, offset, offset + len(raw)))
        offset += len(raw) + 1
    return lines


def split_units(text: str, lines: list[Line] | None = None) -> list[Unit]:
    units: list[Unit] = []
    current: list[Line] = []
    lines = lines if lines is not None else split_lines(text)
    width = max((len(line.stripped) for line in lines), default=0)
    for line in lines:
        if not line.stripped:
            if current:
                units.append(Unit(text, current))
            current = []
            continue
        if current and _starts_new_unit(current[-1], line, width):
            units.append(Unit(text, current))
            current = []
        current.append(line)
    if current:
        units.append(Unit(text, current))
    return units


def _starts_new_unit(previous: Line, line: Line, width: int = 0) -> bool:
    """Hard-wrapped prose continues; list items, table rows and lines after a short one do not."""
    if "|" in line.text or "|" in previous.text:
        return True
    if CAPTION_LINE.search(previous.text) or CAPTION_LINE.search(line.text):
        return True
    if any(pattern.match(line.stripped) for _, pattern in MARKER_PATTERNS[:6]):
        return True
    if line.indent != previous.indent and line.indent > 0 and previous.indent == 0:
        return True
    # wrapped prose fills its lines; a short line is a heading, a label or a paragraph's end,
    # unless the next line's first word would not have fitted on it
    if len(previous.stripped) >= 60:
        return False
    first_word = len(line.stripped.split()[0])
    wrapped = width >= 60 and len(previous.stripped) + 1 + first_word > width
    return not (wrapped and previous.stripped[-1:] not in ".:)")


def sentence_spans(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of source[start:end], trimmed of white space."""
    spans, cursor = [], start
    segment = source[start:end]
    for match in SENTENCE_END.finditer(segment):
        cut = start + match.end()
        if _is_abbreviation(source, start + match.start()):
            continue
        if _clock_before_parenthesis(source, start + match.start()):
            continue  # "commencing at 3:10 a.m. (Japan time), Mr. X held ..."
        spans.append((cursor, cut))
        cursor = cut
    spans.append((cursor, end))
    return [trimmed for span in spans if (trimmed := trim(source, *span))]


def _clock_before_parenthesis(source: str, dot: int) -> bool:
    return bool(re.search(r"\b[ap]\.\s?m$", source[max(0, dot - 6) : dot], re.IGNORECASE)) and (
        source[dot + 1 : dot + 3] == " ("
    )


def _is_abbreviation(source: str, dot: int) -> bool:
    if source[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", source[max(0, dot - 12) : dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    if len(token) == 1 and word.group(1)[-1].isupper():
        return True  # an initial: "George W. Bush"
    if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", word.group(1)):
        return True  # a dotted acronym: "Special Advisor to U.N. Secretary-General"
    return token in ABBREVIATIONS


def trim(source: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and source[start].isspace():
        start += 1
    while end > start and source[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
