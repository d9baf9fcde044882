"""A text as tokens (words, initials, forms of address, punctuation) with their offsets,
and whether two tokens stand on one line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

LETTER = r"[^\W\d_]"  # any script's letter: "Çavuşoğlu", "Piñera"
TOKEN = re.compile(
    r"H\.\s?[EHM]\.|H\.\s?R\.\s?H\.|(?:Mr|Ms|Mrs|Dr|Prof|Hon|Rt|Amb|Rev|Pol|Lt|Col|Gen|Maj|Capt|Brig|Adm)\."
    r"|[A-Z]\.(?=\s)"
    rf"|[A-Z]\.(?=[A-Z]\.)|{LETTER}(?:(?:{LETTER}|['’\-])*{LETTER})?(?:['’]s)?|\d+|[^\s\w]|_"
)
WRAPPED_LINE_LENGTH = 60  # a line this long that breaks mid-sentence was wrapped


@dataclass
class Token:
    text: str
    start: int
    end: int

    @cached_property
    def bare(self) -> str:
        return re.sub(r"['’]s$", "", self.text)

    @property
    def possessive(self) -> bool:
        return bool(re.search(r"['’]s$", self.text))

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def same_line(text: str, a: Token, b: Token) -> bool:
    """Same line, or the next line of hard-wrapped prose (never across a short header line)."""
    gap = text[a.end : b.start]
    if "\n" not in gap:
        return True
    if gap.count("\n") > 1:
        return False
    line_start = text.rfind("\n", 0, a.start) + 1
    return a.end - line_start >= WRAPPED_LINE_LENGTH
