"""Who took part: principals (between whom the meeting was) and attendees, with countries.

Principals: persons named in the title, the subject and the partners of an
intro sentence that says a meeting was held ("X held talks with Y", "X and Y
held a summit"), and partners of further meetings a principal held. Attendees:
persons in "Other attendees ..." lists or "(Attendees)" tables (each list or
column names its side) and persons "who also attended".
"""

from __future__ import annotations

import re

from .attendees import attendees_of_unit, listed_cast, table_cast, who_attended
from .cast import Cast, CastSources
from .cast_countries import assign_countries, title_country
from .clauses import find_actor
from .lexicon import countries_in
from .meeting_type import LESSER_OFFICE
from .mentions import Mention, within
from .names import Person
from .text import Unit, sentence_spans

MEETING_VERB = re.compile(
    r"\b(?:held|had|met|meets|holds|hold|paid|received|conducted|telephoned|called|talked)\b"
)
# "with H.E. Mr. X", "with the Hon. X", "with H.H. Sheikh X": courtesy before the mention
COURTESY_PREFIX = (
    r"(?:(?:H\.\s?[EHMR]\.(?:\s?H\.)?|Hon(?:ou?rable)?\.?|Rt\.?|Sheikh|Samdech"
    r"|(?:His|Her) (?:Royal )?(?:Excellency|Majesty|Highness))\s*)*"
)


def find_cast(sources: CastSources) -> Cast:
    cast = Cast(sides=_sides(sources), is_home_name=sources.is_home_name, home=sources.home_country)
    named = [m for m in sources.mentions if m.person]
    for start, end in sources.title_spans:
        for mention in _within(named, start, end):
            # not "(Special Envoy of President X)", nor "Foreign Minister X's visit to Y"
            if not (_in_parentheses(sources.text, start, mention.start) or mention.possessive):
                cast.add(mention.person, "principal")
    for unit in sources.intro:
        _principals_of_unit(sources.text, unit, named, cast, intro=True)
        attendees_of_unit(sources.text, unit, named, cast)
    # also when two are found: a trilateral meeting's third principal is in the same sentence
    _meeting_sentence_cast(sources.text, sources.intro, named, cast)
    table_cast(sources.text, sources.tables, named, cast)
    listed_cast(sources.text, sources.attendee_lists, named, cast)
    for unit in sources.body:
        # with no intro ("1. Time and Place" first), the first meeting sentence may be in a section
        _principals_of_unit(sources.text, unit, named, cast, intro=len(cast.principals) < 2)
    who_attended(sources.text, named, cast)
    if len(cast.principals) < 2:
        _leaders_of_missing_sides(named, cast, sources.home_country)
    assign_countries(cast)
    return cast


LEADER_OFFICE = re.compile(
    r"\b(?:President|Prime Minister|Premier|Chancellor|King|Queen|Emir|Sultan|Minister"
    r"|Secretary of State|Foreign Secretary)\b"
)
LEADER_SPAN = 3000  # characters: the opening, where a page names who met


def _leaders_of_missing_sides(named: list[Mention], cast: Cast, home: str) -> None:
    """No sentence said who met ("X and Y agreed on the following points", a visit's
    programme): the first leader named on each side that has no principal yet."""
    for mention in named:
        if mention.start > LEADER_SPAN or len(cast.principals) >= 2:
            return
        person = mention.person
        office = mention.title or person.title
        if person in cast.principals or not LEADER_OFFICE.search(office):
            continue
        if LESSER_OFFICE.search(office):
            continue
        taken = {_side_of(p, home, p.title) for p in cast.principals}
        # "Minister Fabius" beside Japan's "Minister Kishida": whoever is not Japan's is the other
        side = _side_of(person, home, mention.title) or ("other" if "home" in taken else None)
        if side and side not in taken:
            cast.add(person, "principal")


def _side_of(person: Person, home: str, title: str) -> str | None:
    country = person.country or person.authority_country or title_country(title)
    return None if not country else "home" if country == home else "other"


def _sides(sources: CastSources) -> list[str]:
    title = " ".join(sources.text[a:b] for a, b in sources.title_spans)
    sides = countries_in(title)
    for country in countries_in(" ".join(sources.site_lines)):
        if len(sides) < 2 and country not in sides:
            sides.append(country)
    if len(sides) < 2 and sources.intro:
        first = sources.intro[0]
        for country in countries_in(sources.text[first.start : first.end][:600]):
            if country not in sides:
                sides.append(country)
    home = sources.home_country
    if home not in sides[:2]:
        # a publisher's own summaries: its country is always one side, even when the title
        # names only the other ("... Minister for Foreign Affairs X of Mongolia")
        sides = [home, *[s for s in sides if s != home]]
    return sides[:2]


def _within(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return within(mentions, start, end)


def _principals_of_unit(
    text: str, unit: Unit, named: list[Mention], cast: Cast, intro: bool
) -> None:
    for start, end in sentence_spans(text, unit.body_start, unit.end):
        sentence = text[start:end]
        if not MEETING_VERB.search(sentence):
            continue
        outside = [
            m for m in _within(named, start, end) if not _in_parentheses(text, start, m.start)
        ]
        actor = find_actor(text, start, end, outside)
        subjects = [m.person for m in actor.mentions] if actor and actor.kind == "person" else []
        if not intro and not (actor and actor.logistic and set(subjects) & set(cast.principals)):
            continue
        if intro and not (actor and actor.logistic) and not re.search(r"\bbetween\b", sentence):
            continue
        for person in subjects + [m.person for m in _partners(text, outside)]:
            cast.add(person, "principal")


# the verb phrase of a sentence that reports the meeting itself
MEETING_PHRASE = re.compile(
    r"\b(?:held|had|holds|hold|have|has)\b[^.;]{0,90}?\b(?:talks?|meetings?|conversations?"
    r"|conference|call|lunch|luncheon|dinner|breakfast|summit)\b"
    r"|\b(?:met|meets|meet)\b|\b(?:paid|pays|pay)\s+(?:a\s+)?(?:courtesy\s+)?(?:call|visit)"
    r"|\b(?:received|receives|receive)\s+(?:a\s+)?(?:courtesy\s+)?(?:call|visit)"
    r"|\battended\b[^.;]{0,90}?\bhosted\s+by\b|\b(?:talked|spoke)\b|\btook\s+place\b"
    r"|\b(?:was|were)\s+held\b|\battended\s+the\s+(?:meeting|talks|summit)\b",
    re.IGNORECASE,
)


def _meeting_sentence_cast(text: str, intro: list[Unit], named: list[Mention], cast: Cast) -> None:
    """The first sentence that reports the meeting: its subject and the persons it was
    held with ("with H.E. Mr. X", "hosted by Y", "a courtesy call on Z", "between A and B").
    Used when the clause reading found fewer than two principals."""
    for unit in intro:
        for start, end in sentence_spans(text, unit.body_start, unit.end):
            verb = MEETING_PHRASE.search(text, start, end)
            if not verb:
                continue
            outside = [
                m for m in _within(named, start, end) if not _in_parentheses(text, start, m.start)
            ]
            before = [m for m in outside if m.start < verb.start()]
            after = [m for m in outside if m.start >= verb.start()]
            subject = _subjects(text, before, start, verb.start())
            partners = _partners(text, before if not subject else []) + _partners(text, after)
            if not partners and len(subject) < 2:
                continue  # "X, Y and Z attended the meeting" names them all as its subject
            for mention in subject + partners:
                cast.add(mention.person, "principal")
            _further_talks(text, intro, named, cast, end)
            return


# "Foreign Minister Gemba also paid courtesy calls on President X as well as Prime Minister Y"
FURTHER_TALKS = re.compile(r"also\s+(?:held|had|paid|met|made|received)", re.IGNORECASE)


def _further_talks(text: str, intro: list[Unit], named: list[Mention], cast: Cast, after: int):
    """Later sentences of the intro that report more talks of the same visit."""
    for unit in intro:
        for start, end in sentence_spans(text, unit.body_start, unit.end):
            sentence = text[start:end]
            if start < after or not FURTHER_TALKS.search(sentence):
                continue
            if not MEETING_PHRASE.search(sentence):
                continue
            outside = [
                m for m in _within(named, start, end) if not _in_parentheses(text, start, m.start)
            ]
            for mention in _partners(text, outside):
                cast.add(mention.person, "principal")


def _subjects(text: str, before: list[Mention], start: int, verb: int) -> list[Mention]:
    """ "X, Minister ..., and H.E. Mr. Y, Minister ..., held their meeting": both."""
    if not before or re.search(r"\bbetween\b", text[start:verb]):
        return []
    subjects = [before[0]]
    for mention in before[1:]:  # "X, Minister ..., Mr. Y, Minister ... and Mr. Z attended"
        previous = subjects[-1]
        if not _listed_after(text, max(previous.end, previous.suffix_end), mention.start):
            break
        subjects.append(mention)
    return subjects


def _in_parentheses(text: str, start: int, position: int) -> bool:
    before = text[start:position]
    return before.count("(") > before.count(")")


def _partners(text: str, mentions: list[Mention]) -> list[Mention]:
    """Persons after "with", "between" or "hosted by", and those listed right after them."""
    partners: list[Mention] = []
    previous_end = None
    for mention in mentions:
        lead = text[max(0, mention.start - 30) : mention.start]
        after_partner_word = re.search(
            r"\b(?:with|between|by|calls? on|visit on|met|meets|received|from|counterpart)\s+"
            rf"(?:the\s+)?{COURTESY_PREFIX}$",
            lead,
        )
        listed_next = previous_end is not None and _listed_after(text, previous_end, mention.start)
        # "held a meeting with the Prime Minister of Japan, Mr. Naoto Kan"
        after_office = re.search(
            r"\b(?:with|by|on|from)\s+the\s+[A-Z][\w'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’-]*)*"
            rf",\s+{COURTESY_PREFIX}$",
            text[max(0, mention.start - 90) : mention.start],
        )
        if after_partner_word or listed_next or after_office:
            partners.append(mention)
            previous_end = max(mention.end, mention.suffix_end)
        else:
            previous_end = None
    return partners


# "with Mr. Wang Yi, Foreign Minister of the People's Republic of China, and Mr. Yun ...":
# the office of one partner between two partners of a list
LIST_GAP = re.compile(
    r"\s*(?:,\s*(?:the\s+)?[A-Z][^;:.()]{0,160}?)?(?:,\s*and|,|\s+and|;|\s+as\s+well\s+as)\s*"
    + COURTESY_PREFIX
)
GAP_VERB = re.compile(r"\b(?:[a-z]+ed|held|met|said|made|paid|is|was|were|who|which)\b")


def _listed_after(text: str, previous_end: int, start: int) -> bool:
    gap = text[previous_end:start]
    return bool(LIST_GAP.fullmatch(gap)) and not GAP_VERB.search(gap.replace("United", ""))
