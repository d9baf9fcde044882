"""The facts of the intro paragraphs: when the talks were, for how long, where, on what
occasion and with what documents."""

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
)
from .lexicon import country_of
from .places import (
    aside_place,
    documents,
    labelled,
    location,
    named_documents,
    occasion,
    parenthesised_label,
    trailing_place,
    venue,
)
from .text import collapse, sentence_spans, strip_parentheticals
from .timezones import local_date

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
    cued = [s for s in plain if DATE_CUE.search(s)] + meta_sentences
    # lines under the title ("(June 20 and 21, Seoul)") date the visit: the talks' dates
    # only when the text gives none, but their time, length and place count
    aside_sentences = [collapse(s) for s in _sentences(strip_parentheticals(asides))]
    facts = MeetingFacts(
        telephone=bool(TELEPHONE.search(title) or TELEPHONE.search(" ".join(plain[:2])))
    )
    date_sentences = _read_dates(facts, cued, plain, aside_sentences, published, reference)
    facts.start_time = _start_time(date_sentences)
    facts.duration = _read_duration(intro, plain, date_sentences)
    if not facts.telephone:
        places = [s for s in plain if PLACE_CUE.search(s)] + meta_sentences + aside_sentences
        _read_place(facts, intro, meta, places, meta_sentences, aside_sentences)
    _read_occasion_and_documents(facts, intro, title, body, plain, published or reference)
    return facts


def _read_dates(
    facts: MeetingFacts,
    cued: list[str],
    plain: list[str],
    asides: list[str],
    published: date | None,
    reference: date | None,
) -> list[str]:
    """The talks' dates (and where they come from); the sentences that may date them."""
    facts.meeting_dates, facts.dates_from = _dated(cued, plain, published, reference)
    if facts.dates_from in ("", "date line") and asides:
        dated = _dated(asides, [], published, reference)
        if dated[1]:
            facts.meeting_dates, facts.dates_from = dated
    date_sentences = cued + asides
    if not facts.meeting_dates:
        facts.month_days = _month_days(date_sentences)
    return date_sentences


def _read_duration(intro: str, plain: list[str], date_sentences: list[str]) -> int | None:
    # "(... lasted approximately one hour and 30 minutes)": a length said in parentheses
    return (
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


def _read_place(
    facts: MeetingFacts,
    intro: str,
    meta: str,
    places: list[str],
    meta_sentences: list[str],
    asides: list[str],
) -> None:
    facts.location = (
        labelled(meta, "place|location")
        or aside_place(asides)
        or location(places)
        or trailing_place(meta_sentences)
    )
    facts.venue = labelled(meta, "venue") or parenthesised_label(intro, "venue") or venue(places)


def _read_occasion_and_documents(
    facts: MeetingFacts,
    intro: str,
    title: str,
    body: str,
    plain: list[str],
    reference: date | None,
) -> None:
    """Local dates, the occasion and the documents issued."""
    # acronyms in parentheses belong to an event's name: "Dialogue (ACD) Foreign Ministers' Meeting"
    raw = [collapse(s) for s in _sentences(intro)]
    _to_local_dates(facts, [s for s in raw if DATE_CUE.search(s)])
    _stated_local_dates(facts, [s for s in raw if DATE_CUE.search(s)], reference)
    facts.occasion = occasion(raw, title) or occasion(plain, title)
    facts.documents = documents([collapse(s) for s in _sentences(intro)])
    facts.documents += [d for d in named_documents(body) if d not in facts.documents]


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
