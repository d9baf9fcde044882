"""The head of a summary: title, subtitle, date line, the site's lines above them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import (
    parse_date_line,
    parse_month_line,
)
from .lexicon import MONTHS
from .profiles import DEFAULT_PROFILE, SourceProfile
from .text import CAPTION_LINE, Line, collapse, split_lines

HEADER_ZONE_LINES = 30
SUBTITLE_WORDS = (
    r"(?:Summary|Outline|Overview|Gist|Main Points|Points|Highlights)"
    r"(?: of (?:the )?\w+(?: \w+)?)?"
)
SUBTITLE = re.compile(rf"[(\[]?\s*({SUBTITLE_WORDS})\s*[)\]]?", re.IGNORECASE)
INLINE_SUBTITLE = re.compile(rf"[(\[]\s*({SUBTITLE_WORDS})\s*[)\]]\s*$", re.IGNORECASE)
PROVISIONAL = re.compile(r"\(?\s*provisional translation\s*\)?", re.IGNORECASE)
NOISE_LINE = re.compile(
    r"^(?:back to\b.*|.*\bindex$|page top|top of page|return to top|top|home|japanese|english"
    r"|ministry of foreign affairs(?: of japan)?|mofa|press releases?|related links?"
    r"|related information|print|\(?photo\)?(?:\s*[:\-].*|\s.*)?|\[photo\].*|photos?)$",
    re.IGNORECASE,
)
MAX_CAPTION_WORDS = 40
CATEGORY_LINE = re.compile(
    r"^(?:[\w'-]+\s){0,3}(?:Relations|Index|Affairs|Diplomacy|Topics|Regions?|Policy)$"
)


def is_noise_line(text: str) -> bool:
    """Navigation, site furniture and photo captions: no part of the summary."""
    stripped = re.sub(r"^[•・*]\s*", "", collapse(text))  # "• (Photo) Visit to ...-1"
    if NOISE_LINE.match(stripped):
        return True
    if CAPTION_LINE.search(stripped) and len(stripped.split()) <= MAX_CAPTION_WORDS:
        return True
    cells = [c.strip() for c in stripped.split("|")]
    if len(cells) > 1 and all(len(c.split()) <= 6 for c in cells):
        return all(
            NOISE_LINE.match(c) or CATEGORY_LINE.match(c) or c in {"", "Japanese"} for c in cells
        )
    return False


@dataclass
class Header:
    """The title lines and the date line; `reference` dates the year-less dates below."""

    title: str = ""
    subtitle: str | None = None
    provisional: bool = False
    published: date | None = None
    # "(1 November 2001 from 10:05 to 10:55 at ...)": lines under the title that say when
    # and where, read with the intro
    asides: list[str] = field(default_factory=list)
    # a date line with no day ("August 2003"): its year and month, for the year-less dates
    published_month: tuple[int, int] | None = None
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    body_start: int = 0
    # "Japan-Mexico Relations": the site's section over the page, which names the sides
    site_lines: list[str] = field(default_factory=list)

    @property
    def reference(self) -> date | None:
        if self.published:
            return self.published
        return date(*self.published_month, 1) if self.published_month else None

    @property
    def published_text(self) -> str | None:
        """ "YYYY-MM-DD", or "YYYY-MM" for a date line without a day."""
        if self.published:
            return self.published.isoformat()
        if not self.published_month:
            return None
        year, month = self.published_month
        return f"{year:04d}-{month:02d}"


def read_header(text: str, profile: SourceProfile = DEFAULT_PROFILE) -> Header:
    lines = _without_repeated_lines(split_lines(text))
    header = Header(provisional=bool(PROVISIONAL.search(text[:2000])))
    zone = _zone(lines)
    date_index = next((i for i in zone if _date_line(lines, i)), None)
    if date_index is None:
        date_index = next((i for i in zone[:8] if parse_month_line(lines[i].text)), None)
        if date_index is not None:
            header.published_month = parse_month_line(lines[date_index].text)
    if date_index is not None:
        header.published, last = _date_line(lines, date_index) or (None, date_index)
        header.body_start = lines[last].end
        # lines under the date line are captions, never the title
        _read_title(header, [lines[i] for i in zone if i < date_index], profile)
    else:
        _read_title(header, _leading_short_lines(lines, zone, profile), profile)
        header.body_start = header.title_spans[-1][1] if header.title_spans else 0
    _skip_subtitle_after(header, lines, profile)
    return header


def _date_line(lines: list[Line], i: int) -> tuple[date, int] | None:
    """The date of a date line at i and the index of its last line: "August" over
    "29, 2000" is one date line broken in two."""
    found = parse_date_line(lines[i].text)
    if found:
        return found, i
    following = next((j for j in range(i + 1, min(i + 3, len(lines))) if lines[j].stripped), None)
    if following is None or lines[i].stripped.lower().rstrip(".")[:3] not in MONTHS:
        return None
    if len(lines[i].stripped.split()) != 1:
        return None
    joined = parse_date_line(f"{lines[i].stripped} {lines[following].stripped}")
    return (joined, following) if joined else None


def _without_repeated_lines(lines: list[Line]) -> list[Line]:
    """A line printed twice or more near the top is a photo's caption, not a title: blanked,
    but for a first printing above the date line (the title, repeated under a photo)."""
    top = [line.stripped for line in lines[:HEADER_ZONE_LINES] if line.stripped]
    repeated = {text for text in top if top.count(text) > 1 and len(text.split()) <= 20}
    date_at = next((i for i, line in enumerate(lines) if parse_date_line(line.text)), None)
    kept, seen = [], set()
    for index, line in enumerate(lines):
        text = line.stripped
        title_above_date = date_at is not None and index < date_at and text not in seen
        if text in repeated and not title_above_date:
            line = Line("", line.start, line.end)
        seen.add(text)
        kept.append(line)
    return kept


def _zone(lines: list[Line]) -> list[int]:
    non_empty = [i for i, line in enumerate(lines) if line.stripped]
    return non_empty[:HEADER_ZONE_LINES]


def _is_short(line: Line) -> bool:
    # "Parliamentary Vice-Minister X received a courtesy call from Ms. Y, Deputy Director
    # General of the International Atomic Energy Agency (IAEA)": a long title, no full stop
    return len(line.stripped.split()) <= 32


def _leading_short_lines(lines: list[Line], zone: list[int], profile: SourceProfile) -> list[Line]:
    found = []
    for i in zone:
        if not _is_short(lines[i]) or lines[i].stripped.endswith("."):
            break
        if _header_line_kind(lines[i], profile) in ("site", "noise"):
            found.append(lines[i])  # "Press Releases" over the title: no title line itself
            continue
        titles = [x for x in found if _header_line_kind(x, profile) not in ("site", "noise")]
        if titles and not looks_like_title(lines[i].stripped):
            break  # the first line of a hard-wrapped paragraph
        if found and SECTION_HEADING.match(lines[i].stripped):
            break  # "I. Toward Peace and Stability": the first section, not the title
        found.append(lines[i])
    return found


def _read_title(header: Header, lines: list[Line], profile: SourceProfile) -> None:
    blocks: list[list[Line]] = [[]]
    previous_end = None
    for line in lines:
        kind = _header_line_kind(line, profile)
        if kind == "site":
            header.site_lines.append(line.stripped)
        if kind == "subtitle":
            header.subtitle = header.subtitle or _subtitle_of(line.stripped)
            continue
        if kind == "aside":
            header.asides.append(line.stripped.strip("()"))
            continue
        if kind != "title" or (previous_end is not None and _blank_between(line, previous_end)):
            blocks.append([])
        if kind == "title":
            blocks[-1].append(line)
            previous_end = line.end
    block = _drop_category_lines(next((b for b in reversed(blocks) if b), []))
    block = _drop_section_header(block)
    # "Health and Medical Care" over the date line: a section of the site; a title names
    # the meeting, the visit or the call
    if any(MEETING_WORD.search(line.text) for line in block):
        _set_title(header, block)


MEETING_WORD = re.compile(
    r"\b(?:Meetings?|Summit|Talks?|Visits?|Calls?|Conference|Teleconference|Dialogue"
    r"|Consultations?|Lunch|Luncheon|Dinner|Breakfast|Conversation|Telephone|Discussions?"
    r"|Meets|Holds|Pays|Receives|Attends|D[ée]marche|Exchange of Views|Audience)\b",
    re.IGNORECASE,
)


def _drop_section_header(block: list[Line]) -> list[Line]:
    """ "Boao Forum for Asia" over "Summit Meeting between ...": a line naming no meeting,
    above one that does, is the site's section header, not the title's first line."""
    first_meeting = next((i for i, line in enumerate(block) if MEETING_WORD.search(line.text)), 0)
    return block[first_meeting:]


def _blank_between(line: Line, previous_end: int) -> bool:
    return line.start - previous_end > 1


def _header_line_kind(line: Line, profile: SourceProfile) -> str:
    stripped = line.stripped
    if PROVISIONAL.fullmatch(stripped) or is_noise_line(stripped):
        return "noise"
    if stripped.startswith("(") and stripped.endswith(")") and not SUBTITLE.fullmatch(stripped):
        return "aside"  # "(June 20 and 21, Seoul)", "(At Whistler)": under the title, not of it
    if profile.is_site_line(stripped):
        return "site"
    if SUBTITLE.fullmatch(stripped) and (stripped.startswith("(") or len(stripped.split()) <= 4):
        return "subtitle"
    return "title"


def _drop_category_lines(block: list[Line]) -> list[Line]:
    while len(block) > 1 and CATEGORY_LINE.match(block[0].stripped):
        block = block[1:]
    return block


def _set_title(header: Header, block: list[Line]) -> None:
    parts, spans = [], []
    for line in block:
        body = line.stripped
        inline = INLINE_SUBTITLE.search(body)
        if inline:
            header.subtitle = header.subtitle or _subtitle_of(inline.group(1))
            body = body[: inline.start()].strip()
        body = PROVISIONAL.sub("", body).strip()
        if body:
            parts.append(body)
            offset = line.start + line.text.index(body[:1])
            spans.append((offset, offset + len(body)))
    header.title = collapse(" ".join(parts))
    header.title_spans = spans


def _subtitle_of(text: str) -> str:
    return collapse(text.strip().strip("()").strip())


LOWER_TITLE_WORDS = {
    "with", "from", "between", "during", "upon", "into", "over", "after", "before", "about",
    "through", "under", "within", "toward", "towards", "against", "among", "regarding",
    "concerning", "following", "including", "and", "the", "for", "of", "on", "at", "to", "in",
    "by", "as", "a", "an", "his", "her", "its", "their", "via",
}  # fmt: skip
SECTION_HEADING = re.compile(r"(?:[IVX]{1,4}|\d{1,2})[.)]\s")
NUMBERED_CAPTION = re.compile(
    r"(?:\s|(?<=[A-Za-z’'.]))\d{1,2}$"
)  # "Japan-Palau Foreign Ministers' Meeting 2"


def looks_like_title(line: str) -> bool:
    """A heading's words are capitalised but for small ones; a caption or a sentence
    ("Prime Minister shaking hands with ...") has lower-case content words."""
    if line.endswith(".") or NUMBERED_CAPTION.search(line):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    lower = [w for w in words if w[0].islower() and w.lower() not in LOWER_TITLE_WORDS]
    return bool(words) and not lower


def _skip_subtitle_after(header: Header, lines: list[Line], profile: SourceProfile) -> None:
    for line in lines:
        if line.start < header.body_start or not line.stripped:
            continue
        kind = _header_line_kind(line, profile)
        if kind == "title":
            return
        if kind == "subtitle":
            header.subtitle = header.subtitle or _subtitle_of(line.stripped)
        header.body_start = line.end
