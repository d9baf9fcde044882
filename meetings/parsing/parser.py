"""parse_text: one summary's text -> MeetingRecord(s). Each step lives in its own module."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from .bare_mentions import find_bare_mentions, find_bare_partners, find_listed_mentions
from .cast import Cast, CastSources
from .cast_countries import assign_countries
from .dates import find_dates, find_duration, find_times
from .facts import DATE_CUE, MeetingFacts, read_facts
from .header import Header, read_header
from .meeting_type import Principal, meeting_type
from .mentions import Mention, find_mentions
from .names import PeopleAuthority, PersonRegistry
from .organisations import organisation_of, share_country_suffixes
from .participant_records import participant_records
from .participants import find_cast
from .profiles import DEFAULT_PROFILE, SourceProfile
from .record import FieldNote, MeetingRecord, ParseError, SectionRecord, StatementRecord
from .schedule import read_programme
from .sections import Placed, layout
from .sources import read_source
from .statements import attribute
from .text import Unit, split_units

DEFAULT_AUTHORITY_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "people.json"
MAX_INTRO_PARAGRAPHS = 3
MEETING_CUE_SPAN = 4000  # characters after the date line that must mention the meeting
VISIT = re.compile(r"\bvisit\b", re.IGNORECASE)
# words that say talks took place, beyond the meeting sentence's ("the Policy Dialogue took
# place virtually", "consultations", "exchanged views")
TALKS = re.compile(
    r"\b(?:dialogue|consultations?|took\s+place|exchanged\s+(?:views|opinions)|discussed"
    r"|courtesy\s+call|visited|videoconference|teleconference)\b",
    re.IGNORECASE,
)
ANY_YEAR = date(2000, 6, 30)  # dates a year-less "On May 3" only to tell that it is a date


def load_default_authority() -> PeopleAuthority:
    """The authority file shipped with the project; empty when it is missing."""
    if not DEFAULT_AUTHORITY_FILE.exists():
        return PeopleAuthority([])
    return PeopleAuthority.from_file(DEFAULT_AUTHORITY_FILE)


def parse_file(
    path: str | Path,
    authority: PeopleAuthority | None = None,
    profile: SourceProfile = DEFAULT_PROFILE,
) -> list[MeetingRecord]:
    source = read_source(path)
    return parse_text(source.text, source.name, authority, profile)


def parse_text(
    text: str,
    source: str,
    authority: PeopleAuthority | None = None,
    profile: SourceProfile = DEFAULT_PROFILE,
) -> list[MeetingRecord]:
    """The meeting(s) a summary describes; ParseError when it is not a meeting summary."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header = read_header(text, profile)
    units = [u for u in split_units(text) if u.start >= header.body_start]
    sections, placed = layout(units)
    intro = _intro_units(placed)
    _require_meeting(text, header)
    mentions = _resolved_mentions(text, authority)
    body = [p.unit for p in placed if p.role == "paragraph" and p.unit not in intro]
    cast = find_cast(_cast_sources(text, header, placed, intro, body, mentions, profile))
    facts = _read_facts(text, header, placed, intro, body)
    _add_programme(text, placed, intro, mentions, header, cast, facts)
    statements = attribute(text, placed, mentions, cast)
    meeting = _meeting_type(header, intro, text, cast, facts, profile.home_country)
    record = _record(source, header, facts, meeting, cast, sections, statements)
    record.notes = field_notes(header, facts, record)
    return [record]


def _cast_sources(
    text: str,
    header: Header,
    placed: list[Placed],
    intro: list[Unit],
    body: list[Unit],
    mentions: list[Mention],
    profile: SourceProfile,
) -> CastSources:
    return CastSources(
        text=text,
        title_spans=header.title_spans,
        intro=intro,
        body=body,
        tables=[p.unit for p in placed if p.role == "table"],
        mentions=mentions,
        attendee_lists=[p.unit for p in placed if p.in_attendee_list],
        home_country=profile.home_country,
        site_lines=header.site_lines,
        is_home_name=profile.is_home_name,
    )


def _read_facts(
    text: str, header: Header, placed: list[Placed], intro: list[Unit], body: list[Unit]
) -> MeetingFacts:
    meta = [p.unit for p in placed if p.in_meta_section and p.role == "paragraph"]
    return read_facts(
        _joined(text, intro),
        _joined(text, meta),
        header.title,
        header.published,
        _joined(text, body),
        reference=header.reference,
        asides=" ".join(f"{aside}." for aside in header.asides),
    )


def _record(
    source: str,
    header: Header,
    facts: MeetingFacts,
    meeting_type: str,
    cast: Cast,
    sections: list[SectionRecord],
    statements: list[StatementRecord],
) -> MeetingRecord:
    return MeetingRecord(
        source=source,
        title=header.title,
        subtitle=header.subtitle,
        provisional_translation=header.provisional,
        published=header.published_text,
        meeting_dates=[d.isoformat() for d in facts.meeting_dates],
        meeting_dates_partial=[f"--{m:02d}-{d:02d}" for m, d in facts.month_days],
        start_time_local=facts.start_time,
        duration_minutes=facts.duration,
        location=facts.location,
        venue=facts.venue,
        meeting_type=meeting_type,
        occasion=facts.occasion,
        participants=participant_records(cast),
        sections=sections,
        speakers=_speakers(statements),
        documents_issued=facts.documents,
        statements=statements,
    )


def _add_programme(text, placed, intro, mentions, header, cast, facts) -> None:
    """A visit of several talks: each listed person is a principal; dates and lengths add."""
    named = [m for m in mentions if m.person]
    programme = read_programme(text, placed, intro, named, header.reference)
    if programme is None:
        return
    visited = cast.sides[1] if len(cast.sides) > 1 else None
    for mention in programme.people:
        person = mention.person
        if visited and not (person.country or person.authority_country):
            person.country = visited  # the officials the visitor met are the host's
        cast.add(person, "principal")
    assign_countries(cast)
    if programme.dates:
        facts.meeting_dates, facts.dates_from = sorted(programme.dates), "meeting sentence"
    facts.duration = programme.minutes or facts.duration


def field_notes(header: Header, facts: MeetingFacts, record: MeetingRecord) -> dict[str, FieldNote]:
    """Per header field: how sure, and why (empty fields say what was missing)."""
    principals = [p for p in record.participants if p.role == "principal"]
    return {
        "title": FieldNote(0.95, "the title line")
        if record.title
        else FieldNote(0.6, "no title line (a site header or none)"),
        "published": _published_note(header),
        "meeting_dates": _dates_note(facts, record),
        "duration_minutes": FieldNote(0.9, "stated or computed from a time range")
        if record.duration_minutes
        else FieldNote(0.7, "no length stated"),
        "principals": FieldNote(0.9, "from the title and the meeting sentence")
        if len(principals) >= 2
        else FieldNote(0.3, f"{len(principals)} principal(s) found, two expected"),
        "meeting_type": FieldNote(0.8, "from the title, the intro and the principals' offices"),
    }


def _published_note(header: Header) -> FieldNote:
    if header.published:
        return FieldNote(0.95, "the date line")
    if header.published_month:
        return FieldNote(0.6, "the date line gives month and year only")
    return FieldNote(0.5, "no date line")


def _dates_note(facts: MeetingFacts, record: MeetingRecord) -> FieldNote:
    if facts.dates_from == "meeting sentence":
        return FieldNote(0.9, "from the sentence that reports the meeting")
    if facts.dates_from == "intro":
        return FieldNote(0.7, "a date in the intro, no dated meeting sentence")
    if facts.dates_from == "date line":
        return FieldNote(0.6, "the date line's date, no dated meeting sentence")
    if record.meeting_dates_partial:
        return FieldNote(0.4, "month and day without a year")
    return FieldNote(0.3, "no date for the talks")


def _speakers(statements: list[StatementRecord]) -> list[str]:
    """Speakers in the order they first speak alone, then those only heard jointly."""
    alone = [n for s in statements if s.kind == "statement" for n in s.speakers]
    jointly = [n for s in statements for n in s.speakers]
    return list(dict.fromkeys(alone + jointly))


MAX_CAPTION_WORDS = 40
PHOTO_MARK = re.compile(r"\(Photos?\b|\bPhoto\s*\d*\s*[:：]", re.IGNORECASE)


def _is_caption(unit: Unit) -> bool:
    """ "Japan-Palau Foreign Ministers' Meeting 1", "• 2": a photo's label, no sentence."""
    text = unit.text
    if len(text.split()) > MAX_CAPTION_WORDS:
        return False
    if PHOTO_MARK.search(text):
        return True  # "... shakes hand with H.E. Ms. X (Photo) Japan-X Meeting"
    return not (re.search(r"[.!?:;]\s", text) or text.endswith((".", ":", ";")))


def _intro_units(placed: list[Placed]) -> list[Unit]:
    before_sections = [
        p.unit
        for p in placed
        if p.section is None and p.role == "paragraph" and not _is_caption(p.unit)
    ]
    if any(p.role == "section" for p in placed):
        if any(_reports_meeting(u) for u in before_sections):
            return before_sections
        # "1. Japan-Mongolia Summit Meeting" heads the whole account: its first paragraph
        # is the meeting sentence
        first_section = [
            p.unit
            for p in placed
            if p.section is not None and p.role == "paragraph" and not _is_caption(p.unit)
        ]
        opening = _up_to_meeting_sentence(first_section)
        return before_sections + (opening if any(map(_reports_meeting, opening)) else [])
    return _up_to_meeting_sentence(before_sections)


# "After the courtesy call, ... Minister X held a foreign ministers' meeting with ...": a
# paragraph that goes on with the same visit's next talks
CONTINUED_TALKS = re.compile(r"(?:After|Following|Subsequently|Then)\b", re.IGNORECASE)


def _up_to_meeting_sentence(units: list[Unit]) -> list[Unit]:
    intro: list[Unit] = []
    for index, unit in enumerate(units[:MAX_INTRO_PARAGRAPHS]):
        if intro and unit.marker and any(DATE_CUE.search(u.text) for u in intro):
            break  # "1. Japan and X confirmed ...": the account, after an undated intro
        intro.append(unit)
        if _reports_meeting(unit):
            for following in units[index + 1 : index + 3]:
                if not (CONTINUED_TALKS.match(following.text) and _reports_meeting(following)):
                    break
                intro.append(following)
            break
    return intro


def _reports_meeting(unit: Unit) -> bool:
    # a caption that repeats the meeting sentence without its date or time does not end
    # the intro: the dated sentence follows it
    text = unit.text
    return bool(
        DATE_CUE.search(text)
        and (find_dates(text, ANY_YEAR) or find_times(text) or find_duration(text))
    )


def _require_meeting(text: str, header: Header) -> None:
    """A meeting summary says a meeting took place and names someone by office. Dates and
    the rest may be missing: the record then leaves them empty and says so."""
    opening = header.title + " " + text[header.body_start : header.body_start + MEETING_CUE_SPAN]
    if not (DATE_CUE.search(opening) or TALKS.search(opening) or VISIT.search(header.title)):
        raise ParseError("not a meeting summary: no sentence says a meeting took place")
    if not any(m.name for m in find_mentions(opening)):
        raise ParseError("not a meeting summary: nobody is named by office")


def _resolved_mentions(text: str, authority: PeopleAuthority | None) -> list[Mention]:
    registry = PersonRegistry(authority)
    mentions = find_mentions(text)
    mentions = mentions + find_listed_mentions(text, mentions)
    mentions = sorted(mentions + find_bare_partners(text, mentions), key=lambda m: m.start)
    # full names first: a family name alone ("Kono") is then the person the text names in
    # full ("Taro Kono"), not whoever of that name the authority knows first
    for mention in sorted(mentions, key=lambda m: len(m.name.split()) < 2):
        if mention.name:
            mention.person = registry.resolve(mention.name, mention.title, mention.start)
            if mention.country and not mention.person.country:
                mention.person.country = mention.country
            organisation = organisation_of(text, mention)
            if organisation and not mention.country:
                mention.person.country = organisation
    share_country_suffixes(text, mentions)
    bare = find_bare_mentions(text, mentions, registry)
    return sorted(mentions + bare, key=lambda m: m.start)


def _meeting_type(
    header: Header, intro: list[Unit], text: str, cast: Cast, facts: MeetingFacts, home: str
) -> str:
    principals = [Principal(p.title, p.country, p.country == home) for p in cast.principals]
    opening = text[header.body_start : header.body_start + 1500]
    lead = " ".join([header.subtitle or "", *header.asides, opening])
    return meeting_type(header.title, _joined(text, intro), principals, facts.telephone, lead)


def _joined(text: str, units: list[Unit]) -> str:
    return "\n\n".join(text[u.body_start : u.end] for u in units)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _first(days: list[date]) -> date | None:
    return days[0] if days else None
