"""Who took part: principals (between whom the meeting was) and attendees, with countries.

Principals: persons named in the title, the subject and the partners of an
intro sentence that says a meeting was held ("X held talks with Y", "X and Y
held a summit"), and partners of further meetings a principal held. Attendees:
persons in "Other attendees ..." lists or "(Attendees)" tables (each list or
column names its side) and persons "who also attended".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .clauses import find_actor
from .lexicon import COUNTRY_FORMS, countries_in, country_of, is_title_word
from .meeting_type import LESSER_OFFICE
from .mentions import Mention, within
from .names import Person, canonical_name
from .record import ParticipantRecord
from .text import Unit, sentence_spans

MEETING_VERB = re.compile(
    r"\b(?:held|had|met|meets|holds|hold|paid|received|conducted|telephoned|called|talked)\b"
)
ATTENDEE_SPAN = re.compile(
    r"\b(?:attendees|attending|attended by|also present|were present|participants?|present at)\b",
    re.IGNORECASE,
)
SIDE = re.compile(
    r"(?:\b(?:from|on)\s+the\s+|\b)(?P<side>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)?)\s+sides?\b(?P<colon>\s*:)?"
)
# "with H.E. Mr. X", "with the Hon. X", "with H.H. Sheikh X": courtesy before the mention
COURTESY_PREFIX = (
    r"(?:(?:H\.\s?[EHMR]\.(?:\s?H\.)?|Hon(?:ou?rable)?\.?|Rt\.?|Sheikh|Samdech"
    r"|(?:His|Her) (?:Royal )?(?:Excellency|Majesty|Highness))\s*)*"
)
WHO_ATTENDED = re.compile(r"^,?\s*who\s+(?:also\s+)?(?:attended|was present|participated|joined)")


@dataclass
class Cast:
    principals: list[Person] = field(default_factory=list)
    attendees: list[Person] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)  # the states of the meeting, host first
    is_home_name: Callable[[str], bool] = lambda name: False
    home: str = ""

    def add(self, person: Person | None, role: str) -> None:
        if person is None or person in self.principals:
            return
        if role == "principal":
            if person in self.attendees:
                self.attendees.remove(person)
            self.principals.append(person)
        elif person not in self.attendees:
            self.attendees.append(person)

    @property
    def everyone(self) -> list[Person]:
        return self.principals + self.attendees


@dataclass
class CastSources:
    """The parts of the text the cast is read from."""

    text: str
    title_spans: list[tuple[int, int]]
    intro: list[Unit]
    body: list[Unit]
    tables: list[Unit]
    mentions: list[Mention]
    # "Japanese side: Prime Minister X, Minister Y." under an "Attendees" heading or label
    attendee_lists: list[Unit] = field(default_factory=list)
    home_country: str = "Japan"  # the publisher's own side, one side of every meeting
    site_lines: list[str] = field(default_factory=list)
    is_home_name: Callable[[str], bool] = lambda name: False


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
        _attendees_of_unit(sources.text, unit, named, cast)
    # also when two are found: a trilateral meeting's third principal is in the same sentence
    _meeting_sentence_cast(sources.text, sources.intro, named, cast)
    _table_cast(sources.text, sources.tables, named, cast)
    _listed_cast(sources.text, sources.attendee_lists, named, cast)
    for unit in sources.body:
        # with no intro ("1. Time and Place" first), the first meeting sentence may be in a section
        _principals_of_unit(sources.text, unit, named, cast, intro=len(cast.principals) < 2)
    _who_attended(sources.text, named, cast)
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
    country = person.country or person.authority_country or _title_country(title)
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


def _attendees_of_unit(text: str, unit: Unit, named: list[Mention], cast: Cast) -> None:
    for start, end in _attendee_spans(text, unit):
        for side_start, side_end, country in _side_segments(text, start, end, cast.sides, named):
            for mention in _within(named, side_start, side_end):
                if mention.person not in cast.principals:
                    cast.add(mention.person, "attendee")
                    if country and not mention.person.country:
                        mention.person.country = country


def _attendee_spans(text: str, unit: Unit) -> list[tuple[int, int]]:
    """Parenthesised remarks and sentences that list who attended."""
    spans = []
    body = text[unit.body_start : unit.end]
    for match in re.finditer(r"\(([^()]*)\)", body):
        if ATTENDEE_SPAN.search(match.group(1)):
            spans.append((unit.body_start + match.start(), unit.body_start + match.end()))
    for start, end in sentence_spans(text, unit.body_start, unit.end):
        inside = any(a <= start < b for a, b in spans)
        if not inside and ATTENDEE_SPAN.search(text[start:end]):
            spans.append((start, end))
    return spans


def _names_follow_markers(
    text: str, start: int, markers: list[re.Match], named: list[Mention]
) -> bool:
    """No name before the first side marker, but names after the last: markers lead."""
    before = _within(named, start, markers[0].start())
    after = [m for m in named if m.start >= markers[-1].end()]
    lead = text[markers[-1].end() : markers[-1].end() + 40]
    return not before and bool(after) and not re.match(r"\s*[.)]", lead)


def _side_segments(
    text: str, start: int, end: int, sides: list[str], named: list[Mention] = ()
) -> list[tuple[int, int, str | None]]:
    """Split an attendee list at its side markers: "(from the Russian side: A, B; ...)",
    "A and B from the Russian side, and C from the Japanese side"."""
    markers = [m for m in SIDE.finditer(text, start, end) if country_of(m.group("side"))]
    if not markers:
        return [(start, end, None)]
    if not any(m.group("colon") for m in markers) and _names_follow_markers(
        text, start, markers, named
    ):
        # "from the Japanese side included A, and from the Chinese side B"
        bounds = [m.start() for m in markers[1:]] + [end]
        pairs = zip(markers, bounds, strict=True)
        return [(m.end(), stop, country_of(m.group("side"))) for m, stop in pairs]
    segments, cursor = [], start
    for index, marker in enumerate(markers):
        country = country_of(marker.group("side"))
        if marker.group("colon"):
            # a side's list runs to the next side: "Chinese side: A, office; B, office;
            # participants on the Japanese side: C"
            following = markers[index + 1].start() if index + 1 < len(markers) else end
            segments.append((marker.end(), following, country))
            cursor = following
        else:
            segments.append((cursor, marker.start(), country))
            cursor = marker.end()
    return segments


def _table_cast(text: str, tables: list[Unit], named: list[Mention], cast: Cast) -> None:
    """ "Japan side | Russian side" over rows "Prime Minister Koizumi | President Putin"."""
    columns: list[str | None] = []
    first_row = not cast.principals
    for unit in tables:
        cells = _cells(text, unit)
        if not cells:
            continue
        countries = [
            country_of(text[a:b]) if re.search(r"\bsides?\b", text[a:b], re.I) else None
            for a, b in cells
        ]
        if countries[0] and any(_within(named, a, b) for a, b in cells[1:]):
            # "U.S. side: | Chief of Staff A, Adviser B |": a row per side
            for a, b in cells[1:]:
                for mention in _within(named, a, b):
                    cast.add(mention.person, "attendee")
                    mention.person.country = mention.person.country or countries[0]
            continue
        if any(countries):
            columns = countries
            continue
        for index, (a, b) in enumerate(cells):
            country = columns[index] if index < len(columns) else None
            for mention in _within(named, a, b):
                cast.add(mention.person, "principal" if first_row else "attendee")
                if country and not mention.person.country:
                    mention.person.country = country
        first_row = False


def _listed_cast(text: str, units: list[Unit], named: list[Mention], cast: Cast) -> None:
    """Per-side lists of attendees: the first person of a side that has no principal yet
    heads it, as the first row of an attendee table does."""
    for unit in units:
        for start, end, country in _side_segments(
            text, unit.body_start, unit.end, cast.sides, named
        ):
            people = [m.person for m in _within(named, start, end)]
            for index, person in enumerate(people):
                if country and not person.country:
                    person.country = country
                side_has_head = any(p.country == country for p in cast.principals)
                first = index == 0 and country is not None and not side_has_head
                cast.add(person, "principal" if first else "attendee")


def _cells(text: str, unit: Unit) -> list[tuple[int, int]]:
    if "|" not in text[unit.start : unit.end]:
        return []
    cells, cursor = [], unit.start
    for match in re.finditer(r"\|", text[unit.start : unit.end]):
        cells.append((cursor, unit.start + match.start()))
        cursor = unit.start + match.end()
    cells.append((cursor, unit.end))
    return cells


def _who_attended(text: str, named: list[Mention], cast: Cast) -> None:
    for mention in named:
        if WHO_ATTENDED.match(text[max(mention.end, mention.suffix_end) :]):
            cast.add(mention.person, "attendee")


def assign_countries(cast: Cast) -> None:
    """Stated country, else the office's, the authority's, the other side's, the host's."""
    host = cast.sides[0]
    for person in cast.everyone:
        person.country = (
            person.country or _title_country(person.title) or person.authority_country or None
        )
    unknown = [p for p in cast.principals if p.country is None]
    for person in unknown:
        person.country = _other_side(person, cast)
    for person in unknown:
        if person.country is None and cast.is_home_name(person.name):
            person.country = cast.home  # "Mr. MORI Takeo, Vice-Minister for Foreign Affairs"
    for person in unknown:
        if person.country is None:
            person.country = (
                _other_side(person, cast) or _open_side(cast) or _counterpart(cast) or host
            )
    for person in cast.attendees:
        person.country = person.country or host
    for person in cast.everyone:
        if person.resolution == "text":
            person.name = canonical_name(person.written, person.country, person.title)


# "Ambassador to Japan": the country an envoy is sent to is not the envoy's
POSTED_TO = re.compile(r"\bto\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+(?:of\s+)?[A-Z][\w.’'-]*)*")


def _title_country(title: str) -> str | None:
    return country_of(POSTED_TO.sub(" ", title)) if title else None


def _counterpart(cast: Cast) -> str | None:
    """A third principal beside the home side's and a guest's: one more of the guest's side
    (a visiting minister meets several of the host's officials)."""
    if not any(p.country == cast.home for p in cast.principals):
        return None
    return next((s for s in cast.sides if s != cast.home), None)


def _open_side(cast: Cast) -> str | None:
    """The side no principal stands for yet, when the other one has its principal."""
    taken = {p.country for p in cast.principals if p.country}
    if not taken:
        return None
    open_sides = [s for s in cast.sides if s not in taken]
    return open_sides[0] if open_sides else None


def _other_side(person: Person, cast: Cast) -> str | None:
    """Two principals from one side is a domestic meeting; the unknown one is the other side."""
    known = {p.country for p in cast.principals if p is not person and p.country}
    open_sides = [s for s in cast.sides if s not in known]
    return open_sides[0] if len(known) == 1 and open_sides else None


COURTESY_WORDS = re.compile(
    r"\b(?:(?:His|Her) (?:Royal )?(?:Majesty|Highness|Excellency)|Hono(?:u)?rable"
    r"|(?:Mr|Ms|Mrs|Dr|Prof|Amb|Rev|Professor)\.?)(?=\s|$)"
)


def office_of(title: str) -> str:
    """The office without courtesy words: "His Majesty King" -> "King", "Prime Minister Dr."
    -> "Prime Minister"; a bare "Mr." is no office."""
    office = " ".join(COURTESY_WORDS.sub(" ", title).split())
    office = re.sub(r"^(?:the|The)\s+", "", office)
    return _without_nationality(office)


def _without_nationality(office: str) -> str:
    """ "French President" -> "President", "Republic of Korea Minister of ..." -> "Minister
    of ...": the country is the participant's country, not part of the office."""
    words = office.split()
    for size in range(min(5, len(words) - 1), 0, -1):
        prefix = " ".join(words[:size])
        if prefix.lower().replace("’", "'") not in COUNTRY_FORMS:
            continue
        rest = words[size:]
        demonym = size == 1 and country_of(prefix) != prefix
        # "Russian Federation President Assistant": the state's president's assistant
        possessive = len(rest) > 1 and is_title_word(rest[1]) and rest[1] not in ("of", "for")
        return " ".join(rest) if demonym or not possessive else office
    return office


def participant_records(cast: Cast) -> list[ParticipantRecord]:
    return [
        _record(person, role)
        for role, people in (("principal", cast.principals), ("attendee", cast.attendees))
        for person in people
    ]


def _record(person: Person, role: str) -> ParticipantRecord:
    return ParticipantRecord(
        name=person.name,
        name_as_written=person.written,
        title=office_of(person.title),
        country=person.country or "",
        role=role,
        resolution=person.resolution,
        resolution_score=person.score,
    )
