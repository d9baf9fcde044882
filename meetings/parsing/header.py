"""The head of a summary (title, subtitle, date line) and the facts of its intro paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import (
    find_clock_range,
    find_dates,
    find_duration,
    find_month_days,
    find_times,
    format_clock,
    parse_date_line,
    parse_month_line,
)
from .lexicon import COUNTRY_FORMS, MONTHS, NOT_NAME_WORDS, WEEKDAYS, country_of, is_title_word
from .profiles import DEFAULT_PROFILE, SourceProfile
from .text import CAPTION_LINE, Line, collapse, sentence_spans, split_lines, strip_parentheticals
from .timezones import local_date

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


# --- Facts of the intro -------------------------------------------------------

DATE_CUE = re.compile(
    r"\b(?:talks?|meetings?|summit|conversation|conference|held|met|meet|lunch|luncheon|dinner"
    r"|breakfast|call|telephone|spoke|talked)\b",
    re.IGNORECASE,
)
PLACE_CUE = re.compile(DATE_CUE.pattern[:-3] + r"|visit|visited|visiting)\b", re.IGNORECASE)
CLAUSE_BREAK = re.compile(
    r",\s*(?=(?:and|while|then)\s)|;\s*|\s+and\s+(?=(?:then\s+)?(?:held|had|met)\b)"
)
OWN_VERB = re.compile(r"\b(?:he|she|they|it)\s+(?:also\s+)?[a-z]+\b|\b[a-z]{3,}ed\b")
TELEPHONE = re.compile(r"\b(?:tele)?phone\b", re.IGNORECASE)
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


@dataclass
class MeetingFacts:
    meeting_dates: list[date] = field(default_factory=list)
    start_time: str | None = None
    duration: int | None = None
    location: str | None = None
    venue: str | None = None
    occasion: str | None = None
    documents: list[str] = field(default_factory=list)
    telephone: bool = False
    month_days: list[tuple[int, int]] = field(default_factory=list)  # dates with no year
    dates_from: str = ""  # "meeting sentence", "intro", "date line" or "" (none found)


def read_facts(
    intro: str,
    meta: str,
    title: str,
    published: date | None,
    body: str = "",
    reference: date | None = None,
    asides: str = "",
) -> MeetingFacts:
    """Facts from the intro paragraphs and any "Time and Place" section (`meta`).
    `published` is the date line's day; `reference` dates year-less dates when it has none."""
    plain = [collapse(s) for s in _sentences(strip_parentheticals(intro))]
    meta_sentences = [collapse(s) for s in _sentences(strip_parentheticals(meta))]
    date_sentences = [s for s in plain if DATE_CUE.search(s)] + meta_sentences
    # lines under the title ("(June 20 and 21, Seoul)") date the visit: the talks' dates
    # only when the text gives none, but their time, length and place count
    aside_sentences = [collapse(s) for s in _sentences(strip_parentheticals(asides))]
    facts = MeetingFacts(
        telephone=bool(TELEPHONE.search(title) or TELEPHONE.search(" ".join(plain[:2])))
    )
    facts.meeting_dates, facts.dates_from = _dated(date_sentences, plain, published, reference)
    if facts.dates_from in ("", "date line") and aside_sentences:
        dated = _dated(aside_sentences, [], published, reference)
        if dated[1]:
            facts.meeting_dates, facts.dates_from = dated
    date_sentences = date_sentences + aside_sentences
    if not facts.meeting_dates:
        facts.month_days = _month_days(date_sentences)
    facts.start_time = _start_time(date_sentences)
    # "(... lasted approximately one hour and 30 minutes)": a length said in parentheses
    facts.duration = (
        _duration(date_sentences)
        or _duration(
            [collapse(s) for s in _sentences(intro) if DATE_CUE.search(s) and LASTED.search(s)]
        )
        # "It started at 2:45 p.m. and lasted about 30 minutes.": the length may stand in a
        # sentence of its own
        or _duration([s for s in plain if LASTED.search(s) or STARTED.search(s)])
        # "held a meeting (approximately 40 minutes) and a working dinner (approximately 60
        # minutes)": lengths in parentheses
        or _duration([collapse(s) for s in _sentences(intro) if DATE_CUE.search(s)])
    )
    place_sentences = [s for s in plain if PLACE_CUE.search(s)] + meta_sentences + aside_sentences
    if not facts.telephone:
        facts.location = (
            _labelled(meta, "place|location")
            or _aside_place(aside_sentences)
            or _location(place_sentences)
            or _trailing_place(meta_sentences)
        )
        facts.venue = (
            _labelled(meta, "venue")
            or _parenthesised_label(intro, "venue")
            or _venue(place_sentences)
        )
    # acronyms in parentheses belong to an event's name: "Dialogue (ACD) Foreign Ministers' Meeting"
    raw = [collapse(s) for s in _sentences(intro)]
    _to_local_dates(facts, [s for s in raw if DATE_CUE.search(s)])
    _stated_local_dates(facts, [s for s in raw if DATE_CUE.search(s)], published or reference)
    facts.occasion = _occasion(raw, title) or _occasion(plain, title)
    facts.documents = _documents([collapse(s) for s in _sentences(intro)])
    facts.documents += [d for d in _named_documents(body) if d not in facts.documents]
    return facts


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, 0, len(text))]


def _meeting_dates(
    cued: list[str], plain: list[str], published: date | None, reference: date | None
) -> list[date]:
    return _dated(cued, plain, published, reference)[0]


def _dated(
    cued: list[str], plain: list[str], published: date | None, reference: date | None
) -> tuple[list[date], str]:
    """The talks' dates and where they were read from."""
    talks = [_talk_clauses(s) for s in cued]
    others = [_without_journeys(s) for s in plain]
    for group, origin in ((talks, "meeting sentence"), (others, "intro")):
        found: list[date] = []
        for sentence in group:
            found += [d for d in find_dates(sentence, published or reference) if d not in found]
        if found:
            return sorted(found), origin
    # a sentence reports the talks "today" or at a time of day without a date: they were
    # held on the date line's day; otherwise nothing dates them
    if published and any(TODAY.search(s) or find_times(s) for s in talks):
        return [published], "date line"
    return [], ""


TODAY = re.compile(r"\btoday\b", re.IGNORECASE)


JAPAN_TIME_ONLY = re.compile(
    r"(?P<clock>\d{1,2}(?::\d{2})?\s*(?:a\.\s?m\.|p\.\s?m\.|am\b|pm\b)?)\s*"
    r"\((?:Japan(?:ese)?(?:\s+Standard)?\s+[Tt]ime|JST)\)"
)


def _to_local_dates(facts: MeetingFacts, cued: list[str]) -> None:
    """Talks abroad timed only in Japan time ("at 3:10 a.m. (Japan time)" in Germany) took
    place on the local date there, which may be the day before."""
    if facts.dates_from != "meeting sentence" or facts.telephone or not facts.location:
        return
    for sentence in cued:
        match = JAPAN_TIME_ONLY.search(sentence)
        if not match or re.search(r"\blocal\b", sentence, re.IGNORECASE):
            continue
        times = find_times(match.group("clock"))
        if not times:
            return
        first = facts.meeting_dates[0]
        local = local_date(first, times[0][1], facts.location, country_of(facts.location))
        if local and local != first:
            facts.meeting_dates = sorted({local, *facts.meeting_dates[1:]})
            facts.start_time = None  # the stated time is Japan's, not the place's
        return


def _stated_local_dates(facts: MeetingFacts, cued: list[str], reference: date | None) -> None:
    """ "On September 20, commencing at 2:07 a.m. (September 19, 1:07 p.m. local time)": the
    date said to be local is the meeting's, not the Japan-time one before it."""
    if facts.dates_from != "meeting sentence" or len(facts.meeting_dates) != 1:
        return
    for sentence in cued:
        for aside in re.findall(r"\(([^()]*)\)", sentence):
            for part in aside.split(";"):
                if not re.search(r"\blocal\b", part, re.I) or re.search(r"\b(?:JST|Japan)\b", part):
                    continue
                local = find_dates(part, reference)
                if len(local) == 1:
                    facts.meeting_dates = local
                    return


def _month_days(cued: list[str]) -> list[tuple[int, int]]:
    """ "On 22 September ..." in a text with no year anywhere: the month and day alone."""
    for sentence in cued:
        found = find_month_days(_talk_clauses(sentence))
        if found:
            return found
    return []


# "... to participate in the TICAD7 held from August 28 to 30": the event's dates
ATTENDED_EVENT = re.compile(
    r"\b(?:to\s+(?:attend|participate\s+in)|attend(?:ing|ed)|participat(?:ing|ed)\s+in"
    r"|on\s+the\s+occasion\s+of)"
    r"\s+[^,.;]{0,120}?\b(?:held|taking\s+place|which\s+(?:was|is)\s+held)\s+"
    r"(?:from|on|between)\s+[^,.;]{0,40}",
    re.IGNORECASE,
)


# "visited Afghanistan for the period from April 5 to 7 and held meetings with ...": the
# visit's span, not the talks' dates
VISIT_VERB = re.compile(r"\b(?:visit(?:ed|ing|s)?|stay(?:ed|ing)?|trip|tour)\b", re.IGNORECASE)
DAY = r"(?:(?:[A-Z][a-z]+\.?\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+[A-Z][a-z]+\.?)?)"
SPAN = re.compile(
    rf"\b(?:for\s+the\s+period\s+)?(?:from|between)\s+{DAY}\s+(?:to|and|until|till|through)"
    rf"\s+{DAY}(?:,?\s+\d{{4}})?"
)


# "... before returning to Japan on April 8": the journey's dates, not the talks'
TRAVEL = re.compile(
    r"\b(?:before|after|prior to|upon)\s+(?:returning|arriving|leaving|departing|his return"
    r"|her return|their return)\b[^,.;]*",
    re.IGNORECASE,
)


def _without_journeys(sentence: str) -> str:
    """The sentence without the dates of events attended, journeys and visits' spans."""
    sentence = TRAVEL.sub(" ", ATTENDED_EVENT.sub(" ", sentence))
    return SPAN.sub(" ", sentence) if VISIT_VERB.search(sentence) else sentence


def _talk_clauses(sentence: str) -> str:
    """The sentence without coordinated clauses that report something other than talks:
    "X held talks with Y on May 14, and on May 15 he delivered an address" -> May 14 only.
    A clause without its own verb ("..., and with Z on May 15") still belongs to the talks."""
    sentence = _without_journeys(sentence)
    parts = CLAUSE_BREAK.split(sentence)
    kept = [parts[0]] + [p for p in parts[1:] if DATE_CUE.search(p) or not OWN_VERB.search(p)]
    # "On August 17, X arrived in Y and held talks with Z on August 18": the arrival is
    # no talk; its date goes when a later clause dates the talks
    first, rest = kept[0], kept[1:]
    arrival = not DATE_CUE.search(first) and OWN_VERB.search(first)
    if arrival and any(DATE_CUE.search(p) and find_dates(p, date(2000, 6, 30)) for p in rest):
        kept = rest
    return " ".join(kept)


def _start_time(sentences: list[str]) -> str | None:
    for sentence in sentences:
        times = find_times(sentence)
        if times:
            return format_clock(times[0][1])
    return None


LASTED = re.compile(r"\blast(?:ed|ing)\b", re.IGNORECASE)
STARTED = re.compile(r"\b(?:started|starting|began|beginning|commenc(?:ed|ing))\b", re.IGNORECASE)
MEAL = re.compile(r"\b(?:lunch|luncheon|dinner|breakfast|banquet)\b", re.IGNORECASE)
# a meal that continues the same occasion, as opposed to "Later, ... attended a dinner"
CONTINUED_MEAL = re.compile(
    r"\bworking\s+(?:lunch|luncheon|dinner|breakfast)\b|\bfollowed by\b|\bafter that\b"
    r"|\bsubsequently\b|\bthen\b|\bfollowing (?:the|this) (?:meeting|talks?)\b"
    r"|\bfollowing (?:that|this)\b",
    re.IGNORECASE,
)


def _duration(sentences: list[str]) -> int | None:
    """The talks' stated or computed length, plus any timed meal that followed them
    ("This was followed by a working lunch ... for approximately 60 minutes")."""
    for finder in (find_duration, find_clock_range):
        for index, sentence in enumerate(sentences):
            minutes = finder(sentence)
            if minutes:
                return minutes + _timed_meals(sentences[index + 1 :])
    return None


# "After the courtesy call, commencing at 11:45 a.m. for 2 hours and 10 minutes, Minister X
# held a foreign ministers' meeting with ...": a further timed session of the same visit
NEXT_SESSION = re.compile(
    r"^(?:After|Following)\s+(?:the|this|that)\s+(?:courtesy\s+call|meeting|talks?|call)\b"
    r".*?\b(?:held|had)\b.*?\b(?:meeting|talks?)\b",
    re.IGNORECASE,
)


def _timed_meals(sentences: list[str]) -> int:
    total = 0
    for sentence in sentences:
        meal = MEAL.search(sentence) and CONTINUED_MEAL.search(sentence)
        if meal or NEXT_SESSION.search(sentence):
            total += find_duration(sentence) or find_clock_range(sentence) or 0
    return total


def _labelled(meta: str, labels: str) -> str | None:
    match = re.search(rf"^\s*(?:{labels})\s*[:：]\s*(.+)$", meta, re.IGNORECASE | re.MULTILINE)
    return collapse(match.group(1)).rstrip(".") if match else None


def _parenthesised_label(text: str, labels: str) -> str | None:
    """ "(venue: Prime Minister's Official Residence)" inside a sentence."""
    match = re.search(rf"\((?:{labels})\s*[:：]\s*([^()]+)\)", text, re.IGNORECASE)
    return collapse(match.group(1)).rstrip(".") if match else None


def _location(sentences: list[str]) -> str | None:
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


def _aside_place(asides: list[str]) -> str | None:
    """Lines under the title that say where: "(At Whistler)", "(June 20 and 21, Seoul,
    Republic of Korea)"."""
    for aside in asides:
        match = re.match(rf"\s*(?:At|In)\s+{PLACE}\s*\.?$", aside)
        if match and _clean_place(match.group(1)):
            return _clean_place(match.group(1))
    return _trailing_place([a for a in asides if find_dates(a, date(2000, 6, 30))])


def _trailing_place(sentences: list[str]) -> str | None:
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


def _venue(sentences: list[str]) -> str | None:
    for sentence in sentences:
        for match in VENUE.finditer(sentence):
            name = match.group(2).rstrip(".")
            if EVENT_WORDS.search(name) or not (match.group(1) or BUILDING_WORDS.search(name)):
                continue
            return name
    return None


def _occasion(sentences: list[str], title: str) -> str | None:
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


def _documents(sentences: list[str]) -> list[str]:
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


def _named_documents(text: str) -> list[str]:
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


# --- Meeting type ---------------------------------------------------------------

HEAD_OF_GOVERNMENT = re.compile(
    r"\b(?:President|Prime Minister|Premier|Chancellor|King|Queen|Emperor|Emir|Sultan"
    r"|Chairman of the Government|Head of State)\b"
)
# offices below the head of their ministry: "Vice-Minister for Foreign Affairs", "Deputy ..."
LESSER_OFFICE = re.compile(
    r"\b(?:Vice|Deputy|Assistant|Advisor|Adviser|Aide|Under|Parliamentary|State Secretary)\b"
    # Japan's "Minister of State for Foreign Affairs" is a junior minister; Portugal's
    # "Minister of State and Foreign Affairs" is the foreign minister
    r"|\bMinister of State\b(?! and)|\bState Minister\b",
)
FOREIGN_MINISTER = re.compile(
    r"\b(?:Foreign Minister|Secretary of State|Foreign Secretary"
    # "Minister of External Affairs", "Minister for Europe and Foreign Affairs", "Minister of
    # State and Foreign Affairs", "Secretary of Foreign Relations"
    r"|(?:Minister|Secretary)(?: (?:for|of))? (?:[A-Z][\w,]* (?:and )?){0,3}?"
    r"(?:Foreign|External) (?:Affairs|Relations))\b"
)


VIDEO = re.compile(
    r"\bvideo[\s-]*(?:(?:tele)?conferenc\w*|call|talks?|meeting)|\bvideoconferenc\w*"
    r"|\bonline (?:meeting|talks?|conference)|\bvirtual (?:meeting|talks?|summit|conference)"
    r"|\b(?:held|took place|conducted|met)\s+virtually\b",
    re.I,
)
SUMMIT_IN_INTRO = re.compile(
    r"\b(?:held|had|hold|holds)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?summit\b", re.I
)
# a page with no title line that opens "X received a courtesy call from Y"
COURTESY_CALL_IN_INTRO = re.compile(
    r"\b(?:paid|pays|paying|received|receives|receiving|made|makes)\s+(?:a\s+)?courtesy\s+calls?\b",
    re.I,
)
ATTENDED_NAME = re.compile(
    r"\b(?:to\s+(?:attend|participate\s+in)|attending|participating\s+in"
    r"|on\s+the\s+(?:occasion|sidelines|margins?)\s+of)\s+(?:the\s+)?[A-Z0-9][^,.;()]*",
    re.IGNORECASE,
)
HELD_FOREIGN_MINISTERS_MEETING = re.compile(
    r"\b(?:held|had|holds|hold)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?foreign\s+minist(?:ers['’]?"
    r"|erial)\s+(?:meeting|talks|dialogue)",
    re.I,
)
FOREIGN_MINISTERS_IN_INTRO = re.compile(r"\bforeign ministers['’]?\s+(?:meeting|talks)\b", re.I)


@dataclass(frozen=True)
class Principal:
    title: str
    country: str | None
    home: bool  # of the publisher's own country


def meeting_type(
    title: str, intro: str, principals: list[Principal], telephone: bool, opening: str = ""
) -> str:
    """What happened. `opening` is the text after the title: a visit whose
    summary calls its talks a "Summit Meeting" (in a subtitle or heading) is a summit."""
    subject = re.split(r"\bon the (?:occasion|sidelines|margins?) of\b", title, flags=re.I)[0]
    # "who was visiting Germany to attend the G7 Foreign Ministers' Meeting": not these talks
    lead = ATTENDED_NAME.sub(" ", intro[:600])
    if VIDEO.search(subject) or VIDEO.search(lead):
        return "video"
    if telephone:
        return "telephone"
    if re.search(r"\bCourtesy Call\b", subject, re.IGNORECASE):
        return "other"
    if re.match(r"\s*(?:Official |State |Working )?Visit\b", subject):
        if re.search(r"\bSummit (?:Meeting|Talks)\b", opening):
            return "summit"
        return _type_of_visit(principals)
    # plural: "Foreign Ministers' Meeting"; a singular "Foreign Minister X" in a title may be
    # one side of a courtesy call, so then the principals' offices decide
    if re.search(
        r"\bForeign Minister(?:s|ial)\b|\bMinisters (?:for|of) Foreign Affairs\b", subject
    ):
        return "foreign_ministers"
    if re.search(r"\bSummit\b|\bLeaders['’]? Meeting\b", subject):
        return "summit"
    if HELD_FOREIGN_MINISTERS_MEETING.search(lead):
        return "foreign_ministers"  # a courtesy call on the president, then the ministers met
    if COURTESY_CALL_IN_INTRO.search(lead[:300]):
        return "other"
    if SUMMIT_IN_INTRO.search(lead):
        return "summit"
    if FOREIGN_MINISTERS_IN_INTRO.search(lead):
        return "foreign_ministers"
    if re.search(r"\b(?:official|state) visit\b", subject + " " + intro[:400], re.IGNORECASE):
        return _type_of_visit(principals)
    return _type_from_principals(principals)


def _type_of_visit(principals: list[Principal]) -> str:
    """A visit is typed by its talks; one whose host side met the visitor at several levels
    (the Foreign Minister one day, the Prime Minister the next) is an official visit."""
    host_levels = {_level(p.title) for p in principals if p.home}
    if len(host_levels - {None}) > 1:
        return "official_visit"
    return _type_from_principals(principals)


def _level(title: str) -> str | None:
    if HEAD_OF_GOVERNMENT.search(title) and not LESSER_OFFICE.search(title):
        return "head"
    # "Deputy Prime Minister and Minister of Foreign Affairs": either office counts
    for part in re.split(r"\s+and\s+(?=[A-Z])", title):
        if FOREIGN_MINISTER.search(part) and not LESSER_OFFICE.search(part):
            return "foreign"
    if FOREIGN_MINISTER.search(title) and not LESSER_OFFICE.search(title):
        return "foreign"
    return None


def _type_from_principals(principals: list[Principal]) -> str:
    """Heads of state or government on both sides make a summit; foreign ministers on both
    sides a foreign ministers' meeting (a visiting minister may also call on a president)."""
    home = [_level(p.title) for p in principals if p.home]
    other = [_level(p.title) for p in principals if not p.home]
    if not home or not other:  # the sides are not known: the first two principals
        home, other = (
            [_level(p.title) for p in principals[:1]],
            [_level(p.title) for p in principals[1:2]],
        )
    if "head" in home and "head" in other:
        return "summit"
    if "foreign" in home and "foreign" in other:
        return "foreign_ministers"
    return "other"
