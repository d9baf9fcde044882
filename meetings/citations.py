"""How to cite a meeting or one statement: plain text, CSL-JSON, RIS and BibTeX.

`citation_for()` builds one `Citation` from a Meeting (and a Statement) and the
absolute URL of its page; every format renders that one object, so the formats
cannot disagree on dates, authorship or the credit. Pure functions: no request,
no database access here.

Dates: `published` is the date the Ministry published the summary; `meeting` is
the day (or days) of the talks. `issued`, the date a citation style prints, is
the published date, or the meeting date when none was published.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# The summaries are published by the Ministry: a meeting whose publisher is not
# recorded is cited as one of its documents.
INSTITUTION = "Ministry of Foreign Affairs of Japan"
ARCHIVE_NAME = "Diplomatic Meetings Archive"
LANGUAGE = "en"
PROVISIONAL = "Provisional translation"
# "mofa" + YYYYMMDD + "-" + 6 hex digits, "-s" + order for a statement: at most 30 characters.
KEY_PREFIX = "mofa"
KEY_HASH_LENGTH = 6
KEY_MAX_LENGTH = 30

CITATION_FORMATS = {
    # fmt: (content type, file extension)
    "txt": ("text/plain", "txt"),
    "csl": ("application/vnd.citationstyles.csl+json", "csl.json"),
    "ris": ("application/x-research-info-systems", "ris"),
    "bibtex": ("application/x-bibtex", "bib"),
}

BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
BIBTEX_SPECIALS_RE = re.compile("|".join(re.escape(c) for c in BIBTEX_SPECIALS))


@dataclass(frozen=True)
class Citation:
    key: str  # short and stable: the BibTeX key, the CSL id, the RIS ID
    title: str
    url: str  # the archive's page; for a statement, its permalink
    accessed: date  # when the archive's page was read
    published: date | None = None
    meeting_start: date | None = None
    meeting_end: date | None = None
    place: str = ""
    # The Ministry wrote and published the summary: it is the author, whoever speaks.
    publisher: str = INSTITUTION
    provisional: bool = False
    # A statement: its § number, who spoke and how ("statement", "joint", "narrative").
    statement_order: int | None = None
    speakers: tuple[str, ...] = ()
    statement_kind: str = ""
    archive: str = ARCHIVE_NAME
    # The original page, as its publisher's licence asks it to be credited.
    source_url: str = ""
    source_publisher: str = ""
    source_accessed: date | None = None

    @property
    def author(self) -> str:
        return self.publisher

    @property
    def issued(self) -> date | None:
        return self.published or self.meeting_start

    @property
    def locator(self) -> str:
        return f"§ {self.statement_order}" if self.statement_order is not None else ""

    @property
    def source_notice(self) -> str:
        return source_notice(self.source_publisher, self.source_url, self.source_accessed)


def source_notice(publisher: str, url: str, accessed: date | None) -> str:
    """ "Source: <publisher> website. URL: <url>. Accessed <YYYY-MM-DD>." from what is known.

    The Public Data License (PDL 1.0) of the Ministry's pages asks for exactly
    this credit; a part that is not recorded is left out, and nothing known
    gives "".
    """
    parts = []
    if publisher:
        parts.append(f"Source: {one_line(publisher)} website.")
    if url:
        parts.append(f"URL: {url}.")
    if accessed:
        parts.append(f"Accessed {accessed.isoformat()}.")
    if parts and not publisher:
        parts.insert(0, "Source:")
    return " ".join(parts)


def citation_for(meeting, url: str, accessed: date, statement=None) -> Citation:
    """The citation of `meeting` (or of its `statement`), whose page is at the absolute `url`.

    A statement's speakers are read through `statement.speakers.all()`: prefetch them.
    """
    title = one_line(meeting.title)
    if meeting.subtitle:
        title = f"{title} ({one_line(meeting.subtitle)})"
    fields = {}
    if statement is not None:
        fields = {
            "statement_order": statement.order,
            "speakers": tuple(one_line(p.name) for p in statement.speakers.all()),
            "statement_kind": statement.kind,
        }
    return Citation(
        key=citation_key(meeting.public_id, fields.get("statement_order")),
        title=title,
        url=url,
        accessed=accessed,
        published=meeting.published,
        meeting_start=meeting.date_start,
        meeting_end=meeting.date_end,
        place=one_line(meeting.location or ""),
        publisher=one_line(meeting.source_publisher or "") or INSTITUTION,
        provisional=bool(meeting.provisional_translation),
        source_url=meeting.source_url or "",
        source_publisher=meeting.source_publisher or "",
        source_accessed=meeting.source_accessed,
        **fields,
    )


def citation_key(public_id: str, statement_order: int | None = None) -> str:
    """ "mofa20031215-3f9a0c" (+ "-s12"): the meeting's date and a hash of its public id.

    Made from the public id alone, which never changes once a meeting is
    imported, so a re-import (even with a corrected date) keeps every key.
    """
    ascii_id = unicodedata.normalize("NFKD", public_id).encode("ascii", "ignore").decode()
    day = re.match(r"(\d{4})-(\d{2})-(\d{2})", ascii_id)
    stamp = "".join(day.groups()) if day else "nd"
    digest = hashlib.sha256(public_id.encode("utf-8")).hexdigest()[:KEY_HASH_LENGTH]
    key = f"{KEY_PREFIX}{stamp}-{digest}"
    return f"{key}-s{statement_order}" if statement_order is not None else key


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def date_span(start: date, end: date | None) -> str:
    """ "9 June 2004", "15–16 December 2003", "30 November – 1 December 2003"."""
    if end is None or end <= start:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{long_date(start)} – {long_date(end)}"


def meeting_days(citation: Citation) -> tuple[date, ...]:
    """The first and, for talks over several days, the last day of the meeting."""
    start, end = citation.meeting_start, citation.meeting_end
    if start is None:
        return ()
    return (start, end) if end and end > start else (start,)


# ------------------------------------------------------------ the parts every format shares


def names(speakers: tuple[str, ...]) -> str:
    if len(speakers) <= 2:
        return " and ".join(speakers)
    return f"{', '.join(speakers[:-1])} and {speakers[-1]}"


def statement_label(citation: Citation) -> str:
    """ "§ 12, statement by Junichiro Koizumi"; "" for a whole meeting."""
    if citation.statement_order is None:
        return ""
    if citation.statement_kind == "narrative" or not citation.speakers:
        what = "narrative" if citation.statement_kind == "narrative" else "speaker not named"
        return f"{citation.locator}, {what}"
    how = "joint statement" if citation.statement_kind == "joint" else "statement"
    return f"{citation.locator}, {how} by {names(citation.speakers)}"


def dates_label(citation: Citation) -> str:
    """ "Meeting of 15–16 December 2003 in Tokyo; published 16 December 2003"."""
    parts = []
    days = meeting_days(citation)
    if days:
        where = f" in {citation.place}" if citation.place else ""
        parts.append(f"Meeting of {date_span(days[0], days[-1])}{where}")
    elif citation.place:
        parts.append(f"Meeting in {citation.place}")
    if citation.published:
        parts.append(f"published {long_date(citation.published)}")
    if not parts:
        return "n.d."
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def notes(citation: Citation) -> list[str]:
    """What a citation manager keeps as notes, in the same words in every format."""
    found = [statement_label(citation), dates_label(citation)]
    if citation.provisional:
        found.append(PROVISIONAL)
    found.append(f"{citation.archive}, accessed {long_date(citation.accessed)}")
    found.append(citation.source_notice)
    return [note for note in found if note]


def joined(parts: list[str]) -> str:
    """Parts as sentences: a full stop after each one that does not end in one already."""
    return " ".join(part if part.endswith((".", ".”", "?", "!")) else f"{part}." for part in parts)


# ------------------------------------------------------------------------ the formats


def as_text(citation: Citation) -> str:
    """Author. “Title.” § N, by X. Meeting of …; published …. Archive. URL (accessed …)."""
    stop = "" if citation.title.endswith((".", "?", "!")) else "."
    parts = [citation.author, f"“{citation.title}{stop}”"]
    parts += [statement_label(citation), dates_label(citation)]
    if citation.provisional:
        parts.append(PROVISIONAL)
    parts += [citation.archive, f"{citation.url} (accessed {long_date(citation.accessed)})"]
    parts.append(citation.source_notice)
    return joined([part for part in parts if part])


def date_parts(*days: date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day] for day in days]}


def as_csl(citation: Citation) -> list[dict]:
    """CSL-JSON: a list holding one item, as citation managers import it."""
    days = meeting_days(citation)
    item = {
        "id": citation.key,
        "type": "document",
        "title": citation.title,
        "author": [{"literal": citation.author}],
        "publisher": citation.publisher,
        "issued": date_parts(citation.issued) if citation.issued else None,
        "event-date": date_parts(*days) if days else None,
        "event-place": citation.place or None,
        "section": citation.locator or None,
        "status": PROVISIONAL.lower() if citation.provisional else None,
        "archive": citation.archive,
        "URL": citation.url,
        "accessed": date_parts(citation.accessed),
        "language": LANGUAGE,
        "note": joined(notes(citation)),
    }
    return [{key: value for key, value in item.items() if value is not None}]


def as_ris(citation: Citation) -> str:
    lines = [("TY", "GOVDOC"), ("ID", citation.key)]
    lines += [("AU", citation.author), ("TI", citation.title)]
    if citation.locator:
        lines.append(("SE", citation.locator))
    if citation.issued:
        lines += [("PY", str(citation.issued.year)), ("DA", f"{citation.issued:%Y/%m/%d}")]
    lines += [("PB", citation.publisher)]
    if citation.place:
        lines.append(("CY", citation.place))
    lines += [
        ("DB", citation.archive),
        ("UR", citation.url),
        ("Y2", f"{citation.accessed:%Y/%m/%d}"),
        ("LA", LANGUAGE),
        *[("N1", note) for note in notes(citation)],
        ("ER", ""),
    ]
    # RIS: "TAG  - value", one line each, CRLF line ends.
    return "".join(f"{tag}  - {one_line(value)}".rstrip() + "\r\n" for tag, value in lines)


def bibtex_escape(text: str) -> str:
    return BIBTEX_SPECIALS_RE.sub(lambda match: BIBTEX_SPECIALS[match.group()], text)


def bibtex_key(citation: Citation) -> str:
    return citation.key


def as_bibtex(citation: Citation) -> str:
    fields = [
        # Double braces: a corporate author, and a title whose case must stay.
        ("author", f"{{{bibtex_escape(citation.author)}}}"),
        ("title", f"{{{bibtex_escape(citation.title)}}}"),
    ]
    if citation.issued:
        fields += [
            ("year", str(citation.issued.year)),
            ("month", citation.issued.strftime("%b").lower()),
            ("date", citation.issued.isoformat()),
        ]
    days = meeting_days(citation)
    if days:  # biblatex's date range form: 2003-12-15/2003-12-16
        fields.append(("eventdate", "/".join(day.isoformat() for day in days)))
    if citation.place:
        fields.append(("venue", bibtex_escape(citation.place)))
    if citation.provisional:
        fields.append(("pubstate", PROVISIONAL.lower()))
    fields += [
        ("organization", bibtex_escape(citation.publisher)),
        ("publisher", bibtex_escape(citation.publisher)),
        ("howpublished", bibtex_escape(citation.archive)),
        ("url", bibtex_url(citation.url)),
        ("urldate", citation.accessed.isoformat()),
        ("note", bibtex_escape(joined(notes(citation)))),
    ]
    body = ",\n".join(f"  {name} = {format_bibtex_value(name, value)}" for name, value in fields)
    return f"@misc{{{bibtex_key(citation)},\n{body}\n}}\n"


def format_bibtex_value(name: str, value: str) -> str:
    # `month = jun` is a BibTeX macro and must stay bare; everything else is braced.
    return value if name == "month" else f"{{{value}}}"


def bibtex_url(url: str) -> str:
    # url fields are read verbatim; only unbalanced braces or a backslash could break them.
    return re.sub(r"[{}\\\s]", lambda match: f"%{ord(match.group()):02X}", url)


RENDERERS = {"txt": as_text, "csl": as_csl, "ris": as_ris, "bibtex": as_bibtex}
