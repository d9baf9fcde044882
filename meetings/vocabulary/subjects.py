"""Subjects: section headings that mean one thing, under one key."""

from __future__ import annotations

import re
import unicodedata

# Headings that hold whatever a meeting touched on: topics, but no subject of their own.
GENERIC_HEADINGS = {
    "others", "other", "other issues", "other matters", "other topics", "others issues",
    "overview", "outline", "summary", "announcements", "announcement", "individual issues",
    "general remarks", "opening remarks", "opening", "introduction", "at the outset",
    "beginning", "closing remarks", "closing", "conclusion", "miscellaneous", "remarks",
    "exchange of views", "exchange of opinions", "general", "main points", "points",
}  # fmt: skip
# Words around a subject that do not change it: "Issue of Conclusion of a Peace Treaty",
# "The conclusion of a peace treaty", "Peace treaty issue" are one subject.
LEADING_FRAME = re.compile(
    r"^(?:(?:the|an?)\s+)?(?:(?:issues?|questions?|matters?|problems?)\s+(?:of|on|concerning|"
    r"regarding)\s+)?(?:(?:the|an?)\s+)?(?:conclusion|signing)\s+of\s+|^(?:the|an?)\s+"
    r"|^(?:issues?|questions?|matters?|problems?)\s+(?:of|on|concerning|regarding)\s+"
    r"|^(?:regarding|concerning|on)\s+"
)
TRAILING_FRAME = re.compile(r"\s+(?:issues?|questions?|problems?|matters?|negotiations?)$")
ARTICLES = re.compile(r"\b(?:the|an?)\b")


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation but inner hyphens and apostrophes, one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w\s'-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" -'")


def subject_key(heading: str) -> str:
    """The cross-meeting subject of a section heading; "" for a generic heading."""
    text = fold(re.sub(r"^\s*(?:\(?(?:\d{1,2}|[ivxIVX]{1,4}|[a-z])[.)]\s*)+", "", heading))
    if text in GENERIC_HEADINGS:
        return ""
    previous = None
    while previous != text:
        previous = text
        text = LEADING_FRAME.sub("", text).strip()
        text = TRAILING_FRAME.sub("", text).strip()
    text = re.sub(r"\s+", " ", ARTICLES.sub(" ", text)).strip()
    if text in GENERIC_HEADINGS:
        return ""
    text = " ".join(_singular(word) for word in text.split())
    return SUBJECT_FORMS.get(text, text)


# Adjective forms of a subject: "Territorial issue" and "Territory issues" are one subject.
SUBJECT_FORMS = {
    "territorial": "territory",
    "north korean": "north korea",
    "dprk": "north korea",
    "economic": "economy",
    "nuclear": "nuclear issue",
}


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
