"""How to cite a meeting: plain text, CSL-JSON, RIS and BibTeX.

Pure functions over a `Citation`, which `citation_for()` builds from a Meeting
and the absolute URL of its page; no request, no database access here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# The summaries are published by the Ministry: a meeting whose publisher is not
# recorded is cited as one of its documents.
INSTITUTION = "Ministry of Foreign Affairs of Japan"
ARCHIVE_NAME = "Diplomatic Meetings Archive"
LANGUAGE = "en"

CITATION_FORMATS = {
    # fmt: (content type, file extension)
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
    key: str  # the meeting's public id
    title: str
    issued: date | None
    url: str
    accessed: date
    place: str = ""
    author: str = INSTITUTION
    archive: str = ARCHIVE_NAME
    # The original page, as its publisher's licence asks it to be credited.
    source_url: str = ""
    source_publisher: str = ""
    source_accessed: date | None = None

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


def citation_for(meeting, url: str, accessed: date) -> Citation:
    """The citation of `meeting`, whose page is at the absolute `url`."""
    title = one_line(meeting.title)
    if meeting.subtitle:
        title = f"{title} ({one_line(meeting.subtitle)})"
    return Citation(
        key=meeting.public_id,
        title=title,
        issued=meeting.published or meeting.date_start,
        url=url,
        accessed=accessed,
        place=one_line(meeting.location or ""),
        author=one_line(meeting.source_publisher or "") or INSTITUTION,
        source_url=meeting.source_url or "",
        source_publisher=meeting.source_publisher or "",
        source_accessed=meeting.source_accessed,
    )


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def as_text(citation: Citation) -> str:
    issued = long_date(citation.issued) if citation.issued else "n.d."
    text = (
        f"{citation.author}. “{citation.title}.” {issued}. {citation.archive}. "
        f"{citation.url} (accessed {long_date(citation.accessed)})."
    )
    return f"{text} {citation.source_notice}" if citation.source_notice else text


def date_parts(day: date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def as_csl(citation: Citation) -> list[dict]:
    """CSL-JSON: a list holding one item, as citation managers import it."""
    item = {
        "id": citation.key,
        "type": "document",
        "title": citation.title,
        "author": [{"literal": citation.author}],
        "publisher": citation.author,
        "issued": date_parts(citation.issued) if citation.issued else None,
        "archive": citation.archive,
        "URL": citation.url,
        "accessed": date_parts(citation.accessed),
        "language": LANGUAGE,
    }
    if citation.place:
        item["event-place"] = citation.place
    if citation.source_notice:
        item["note"] = citation.source_notice
    return [{key: value for key, value in item.items() if value is not None}]


def as_ris(citation: Citation) -> str:
    lines = [
        ("TY", "GOVDOC"),
        ("AU", citation.author),
        ("TI", citation.title),
    ]
    if citation.issued:
        lines += [("PY", str(citation.issued.year)), ("DA", f"{citation.issued:%Y/%m/%d}")]
    lines += [
        ("PB", citation.author),
        ("DB", citation.archive),
        ("UR", citation.url),
        ("Y2", f"{citation.accessed:%Y/%m/%d}"),
        ("LA", LANGUAGE),
        *([("N1", citation.source_notice)] if citation.source_notice else []),
        ("ID", citation.key),
        ("ER", ""),
    ]
    # RIS: "TAG  - value", one line each, CRLF line ends.
    return "".join(f"{tag}  - {one_line(value)}".rstrip() + "\r\n" for tag, value in lines)


def bibtex_escape(text: str) -> str:
    return BIBTEX_SPECIALS_RE.sub(lambda match: BIBTEX_SPECIALS[match.group()], text)


def bibtex_key(citation: Citation) -> str:
    ascii_text = unicodedata.normalize("NFKD", citation.key).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    year = citation.issued.year if citation.issued else "nd"
    return f"mofa{year}-{slug}" if slug else f"mofa{year}"


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
    fields += [
        ("organization", bibtex_escape(citation.author)),
        ("howpublished", bibtex_escape(citation.archive)),
        ("url", bibtex_url(citation.url)),
        ("urldate", citation.accessed.isoformat()),
        ("note", bibtex_escape(bibtex_note(citation))),
    ]
    body = ",\n".join(f"  {name} = {format_bibtex_value(name, value)}" for name, value in fields)
    return f"@misc{{{bibtex_key(citation)},\n{body}\n}}\n"


def bibtex_note(citation: Citation) -> str:
    note = f"Accessed {long_date(citation.accessed)}"
    return f"{note}. {citation.source_notice}" if citation.source_notice else note


def format_bibtex_value(name: str, value: str) -> str:
    # `month = jun` is a BibTeX macro and must stay bare; everything else is braced.
    return value if name == "month" else f"{{{value}}}"


def bibtex_url(url: str) -> str:
    # url fields are read verbatim; only unbalanced braces or a backslash could break them.
    return re.sub(r"[{}\\\s]", lambda match: f"%{ord(match.group()):02X}", url)


RENDERERS = {"csl": as_csl, "ris": as_ris, "bibtex": as_bibtex}
