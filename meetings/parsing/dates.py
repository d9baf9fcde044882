"""Dates ("June 9", "25 June 2004", "from June 23 to 25"), clock times and durations."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

from .lexicon import MONTHS, WEEKDAYS

MONTH = (
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?:,?\s*(\d{4}))?"
MONTH_FIRST = re.compile(rf"\b{MONTH},?\s*{DAY}(?:\s*(?:-|–|to|and)\s*{DAY}(?![:\d]))?{YEAR}\b")
DAY_FIRST = re.compile(rf"\b{DAY}(?:\s*(?:-|–|to|and)\s*{DAY})?\s+{MONTH}{YEAR}\b")
RANGE_ACROSS = re.compile(
    r"\bfrom\s+(?P<first>[^,;]{3,24}?)\s+(?:to|until|through)\s+(?P<last>[^,;]{3,24})"
)
ISO_DATE = re.compile(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b")

CLOCK = re.compile(
    r"(?<![\d$.,:])(\d{1,2})(?::(\d{2}))?\s*(a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|AM\b|PM\b)"
    r"|(?<![\d$.,:])(\d{1,2}):(\d{2})(?![\d:])"
    r"|\b(noon|midday|midnight)\b",
    re.IGNORECASE,
)
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20,
    "twenty-five": 25, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
AMOUNT = r"(\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
DURATION = re.compile(
    # not the minutes of a clock time: "from 12:10hrs local time"
    rf"(?<![:.])\b{AMOUNT}(?:\s+and\s+(a\s+half))?[\s-]*(hours?|hrs?|minutes?|mins?)\b"
    rf"(?:(\s+and\s+a\s+half)|\s+(?:and\s+)?{AMOUNT}\s+minutes?)?",
    re.IGNORECASE,
)
CLOCK_RANGE = re.compile(
    r"\b(?:from|between|commencing at|starting at|beginning at|approximately|about|around"
    r"|time\s*:)\s+"
    r"(?:(?:approximately|about|around|roughly|just past)\s+)?(?P<first>.{1,14}?)\s*"
    r"(?:to|and|until|till|-|–)\s*(?P<last>.{1,14})",
    re.IGNORECASE,
)


def parse_date_line(line: str) -> date | None:
    """A line that is nothing but a full date: "June 10, 2004", "25 June 2004", "2004-06-10"."""
    text = line.strip().strip("()[]").strip().rstrip(".")
    text = re.sub(rf"^(?:{'|'.join(WEEKDAYS)}),?\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^(?:date|published|released)\s*:\s*", "", text, flags=re.IGNORECASE)
    for pattern in (MONTH_FIRST, DAY_FIRST):
        match = pattern.fullmatch(text)
        if match:
            found = _dates_of(match, pattern, None)
            return found[0] if found and _has_year(match, pattern) else None
    match = ISO_DATE.fullmatch(text)
    return _safe_date(*map(int, match.groups())) if match else None


MONTH_YEAR = re.compile(rf"{MONTH}\s+(\d{{4}})", re.IGNORECASE)


def parse_month_line(line: str) -> tuple[int, int] | None:
    """A date line with no day, "August 2003" -> (2003, 8)."""
    match = MONTH_YEAR.fullmatch(line.strip().strip("()[]").strip().rstrip("."))
    if not match:
        return None
    return int(match.group(2)), MONTHS[match.group(1).lower().rstrip(".")[:3]]


def find_month_days(text: str) -> list[tuple[int, int]]:
    """(month, day) of every date in `text`, the year-less ones included."""
    leap_year = date(2000, 6, 30)  # a reference in a leap year keeps "February 29"
    found = [(d.month, d.day) for d in find_dates(text, leap_year)]
    return list(dict.fromkeys(found))


def find_dates(text: str, reference: date | None, expand_ranges: bool = True) -> list[date]:
    """Every date in `text` in reading order; a date without a year takes the nearest year."""
    hits: list[tuple[int, list[date]]] = []
    taken: list[range] = []
    for pattern in (MONTH_FIRST, DAY_FIRST):
        for match in pattern.finditer(text):
            if any(match.start() in span for span in taken):
                continue
            taken.append(range(match.start(), match.end()))
            dates = _dates_of(match, pattern, reference)
            if not expand_ranges:
                dates = dates[:1]
            hits.append((match.start(), dates))
    ordered = [d for _, dates in sorted(hits, key=lambda hit: hit[0]) for d in dates]
    return _join_ranges(text, ordered, reference) if expand_ranges else ordered


def _join_ranges(text: str, dates: list[date], reference: date | None) -> list[date]:
    """ "from December 15 to December 17" holds every day between."""
    result = list(dates)
    for match in RANGE_ACROSS.finditer(text):
        first = find_dates(match.group("first"), reference, expand_ranges=False)
        last = find_dates(match.group("last"), reference, expand_ranges=False)
        if first and last and timedelta(0) < last[0] - first[0] <= timedelta(days=7):
            day = first[0]
            while day <= last[0]:
                if day not in result:
                    result.append(day)
                day += timedelta(days=1)
    return result


def _has_year(match: re.Match, pattern: re.Pattern) -> bool:
    return bool(match.group(4))


def _dates_of(match: re.Match, pattern: re.Pattern, reference: date | None) -> list[date]:
    if pattern is MONTH_FIRST:
        month_word, first_day, last_day, year = match.groups()
    else:
        first_day, last_day, month_word, year = match.groups()
    month = MONTHS[month_word.lower().rstrip(".")]
    days = range(int(first_day), int(last_day or first_day) + 1)
    if last_day and not 0 < int(last_day) - int(first_day) <= 7:
        days = range(int(first_day), int(first_day) + 1)
    found = [_with_year(month, day, year, reference) for day in days]
    return [d for d in found if d]


def _with_year(month: int, day: int, year: str | None, reference: date | None) -> date | None:
    if year:
        return _safe_date(int(year), month, day)
    if reference is None:
        return None
    candidates = [_safe_date(reference.year + shift, month, day) for shift in (-1, 0, 1)]
    valid = [c for c in candidates if c]
    return min(valid, key=lambda c: abs(c - reference)) if valid else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def clock_minutes(match: re.Match) -> int | None:
    """Minutes after midnight of one CLOCK match."""
    hour_12, minute_12, half, hour_24, minute_24, word = match.groups()
    if word:
        return 0 if word.lower() == "midnight" else 12 * 60
    if hour_24 is not None:
        hour, minute = int(hour_24), int(minute_24)
        return hour * 60 + minute if hour < 24 and minute < 60 else None
    hour, minute = int(hour_12), int(minute_12 or 0)
    if not 1 <= hour <= 12 or minute >= 60:
        return None
    if half.lower().startswith("p") and hour != 12:
        hour += 12
    if half.lower().startswith("a") and hour == 12:
        hour = 0
    return hour * 60 + minute


def find_times(text: str) -> list[tuple[int, int]]:
    """(position, minutes after midnight) of each clock time in `text`."""
    found = []
    for match in CLOCK.finditer(text):
        minutes = clock_minutes(match)
        if minutes is not None:
            found.append((match.start(), minutes))
    return found


def format_clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


SESSION = re.compile(
    r"\b(?:meeting|session|talks?|lunch|luncheon|dinner|breakfast|conversation)\b", re.I
)


PART_OF = re.compile(r"\b(?:including|of which|within|during which)\b", re.IGNORECASE)


def find_duration(text: str) -> int | None:
    """Minutes of a stated length ("approximately 50 minutes", "an hour and a half"); the
    sum when one sentence times several sessions ("a one-on-one meeting ... for approximately
    30 minutes, and an expanded meeting ... for approximately 45 minutes")."""
    text = re.sub(r"\bhalf an? hour\b", "30 minutes", text, flags=re.IGNORECASE)
    lengths = list(_lengths(text))
    # every length after the first names its own session: "for approximately 50 minutes,
    # ... and subsequently held a luncheon meeting ... for approximately one hour"
    if len(lengths) > 1 and all(named for _, named in lengths[1:]):
        return sum(minutes for minutes, _ in lengths)
    return lengths[0][0] if lengths else None


def _lengths(text: str):
    """(minutes, whether a session is named since the previous length) of each length."""
    previous_end = 0
    for match in DURATION.finditer(text):
        amount, and_half, unit, trailing_half, extra = match.groups()
        value = _amount(amount)
        if value is None:
            continue
        if unit.lower().startswith("h"):
            minutes = value * 60 + (30 if and_half or trailing_half else 0)
            minutes += _amount(extra) or 0
        else:
            minutes = value
        if 0 < minutes <= 24 * 60:
            between = text[previous_end : match.start()]
            own_session = bool(SESSION.search(between)) and not PART_OF.search(between)
            yield round(minutes), own_session
            previous_end = match.end()


def find_clock_range(text: str) -> int | None:
    """Minutes between the ends of "from 12:06 to 14:57" / "from 6:15pm to 7:00pm"; the
    sum of "from 11:55 a.m. to 12:45 p.m. and from 2:40 p.m. to 3:25 p.m."."""
    spans = list(_clock_spans(text))
    joined = all(
        re.fullmatch(r"[\s\w.]{0,6}?\s*(?:,\s*)?and\s+", text[a[2] : b[1]])
        for a, b in itertools.pairwise(spans)
    )
    if len(spans) > 1 and joined:
        return sum(minutes for minutes, _, _ in spans)
    return spans[0][0] if spans else None


def _clock_spans(text: str):
    """(minutes, start, end) of each clock range."""
    for match in CLOCK_RANGE.finditer(text):
        first = find_times(match.group("first"))
        last = find_times(match.group("last"))
        if first and last:
            start, end = first[0][1], last[0][1]
            if _afternoon_only_after(match.group("first"), match.group("last"), start, end):
                start += 12 * 60  # "from 4:10 to 4:30 p.m.": both in the afternoon
            if end < start and end + 12 * 60 > start and end < 13 * 60:
                end += 12 * 60  # "from 11:30 to 1:00" in a 12-hour text
            if end > start:
                last_end = CLOCK.search(match.group("last")).end()
                yield end - start, match.start(), match.start("last") + last_end


MERIDIEM = re.compile(r"\b[ap]\.?\s?m\b\.?", re.IGNORECASE)


def _afternoon_only_after(first: str, last: str, start: int, end: int) -> bool:
    pm = re.search(r"\bp\.?\s?m\b", last, re.IGNORECASE)
    return bool(pm) and not MERIDIEM.search(first) and start < 12 * 60 <= start + 12 * 60 <= end


def _amount(word: str | None) -> float | None:
    if word is None:
        return None
    lower = word.lower()
    if lower in NUMBER_WORDS:
        return NUMBER_WORDS[lower]
    if lower.startswith("half"):
        return 0.5
    try:
        return float(lower)
    except ValueError:
        return None
