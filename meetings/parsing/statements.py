"""Paragraphs -> statements: who said each run of text.

Each sentence (or clause, where "..., in response to which Y stated" hands over)
gets the speakers of its subject; a sentence without one continues the
statement before it in the same paragraph. A paragraph that names no speaker
takes the speaker of a preceding "X made the following statements." or of a
standing label "(Foreign Minister Li)", until the next heading or the next
paragraph that names a speaker; otherwise it is narrative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .cast import Cast
from .clauses import Actor, clause_cuts, find_actor
from .lexicon import BEHAVIOUR_VERBS, REPORT_VERBS, country_of
from .meeting_type import FOREIGN_MINISTER, HEAD_OF_GOVERNMENT, LESSER_OFFICE
from .mentions import Mention, within
from .names import Person, title_words
from .record import StatementRecord
from .sections import Placed
from .text import collapse, sentence_spans

SIDE_COUNTRY = re.compile(r"[Tt]he\s+(.+)\s+(?:side|delegation)$")
FOLLOWING = re.compile(r"\bthe following\b|\bas follows\b", re.IGNORECASE)


class Attribution(NamedTuple):
    speakers: list[str]
    kind: str
    confidence: float  # 0..1: how sure the reading is
    reason: str  # why these speakers, in a few words


@dataclass
class Voice:
    """Who is speaking now, carried from sentence to sentence and paragraph to paragraph."""

    carry: list[str] | None = None  # from "made the following statements."
    label: list[str] | None = None  # from a standing "(Foreign Minister Li)"
    last_single: list[str] = field(default_factory=list)
    last: list[str] = field(default_factory=list)


class Attributor:
    def __init__(self, source: str, mentions: list[Mention], cast: Cast):
        self.source = source
        self.mentions = mentions
        self.cast = cast
        self.voice = Voice()
        self.statements: list[StatementRecord] = []

    def run(self, placed: list[Placed]) -> list[StatementRecord]:
        for item in placed:
            if item.role in ("section", "subsection"):
                self.voice.carry = self.voice.label = None
            elif item.role == "paragraph":
                self._paragraph(item)
        return self.statements

    def _paragraph(self, item: Placed) -> None:
        unit = item.unit
        label = self._label(unit.body_start, unit.end)
        if label:
            self.voice.label, self.voice.carry = label, None
            return
        opened: list[StatementRecord] = []
        named_first = None
        following: list[str] | None = None
        for start, end in self._clauses(unit.body_start, unit.end):
            actor = find_actor(self.source, start, end, self.mentions)
            if named_first is None:
                named_first = actor is not None and actor.kind != "pronoun"
            attribution = self._speakers(actor, opened, end)
            self._extend_or_open(opened, item, attribution, start, end)
            if attribution.speakers and FOLLOWING.search(self.source[start:end]):
                following = attribution.speakers
        if named_first:
            self.voice.carry = None
        if following:
            self.voice.carry = following
        self.statements.extend(opened)

    def _clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        spans = []
        for s_start, s_end in sentence_spans(self.source, start, end):
            cursor = s_start
            for cut_end, cut_start in clause_cuts(self.source, s_start, s_end, self.mentions):
                spans.append((cursor, cut_end))
                cursor = cut_start
            spans.append((cursor, s_end))
        return [_trimmed(self.source, a, b) for a, b in spans if self.source[a:b].strip()]

    def _speakers(
        self, actor: Actor | None, opened: list[StatementRecord], end: int
    ) -> Attribution:
        if actor is None:
            if opened:
                last = opened[-1]
                return Attribution(last.speakers, last.kind, 0.8, "continues the sentence before")
            if self.voice.carry:
                reason = "speaker carried over from the previous paragraph"
                return Attribution(self.voice.carry, "statement", 0.7, reason)
            if self.voice.label:
                return Attribution(self.voice.label, "statement", 0.8, "under the speaker's label")
            return Attribution([], "narrative", 0.9, "no speaker named")
        if actor.logistic:
            return Attribution([], "narrative", 0.9, "reports the meeting, not a statement")
        if self._behaviour_only(actor, end):
            return Attribution([], "narrative", 0.8, "what a person did, not what was said")
        if actor.kind == "pronoun":
            return self._pronoun(actor, opened)
        if actor.kind == "joint":
            speakers = joint_speakers(self.cast, actor.phrase)
            return Attribution(speakers, "joint", 0.9, f"joint subject '{actor.phrase}'")
        if actor.kind == "side":
            speakers = side_speakers(self.cast, actor.phrase)
            if speakers:
                return Attribution(speakers, "statement", 0.75, "a side speaks through its head")
            return Attribution([], "narrative", 0.6, "a side with no known head")
        people = self._people(actor)
        if not people:
            if opened:
                last = opened[-1]
                return Attribution(last.speakers, last.kind, 0.6, "subject is nobody present")
            return Attribution([], "narrative", 0.6, "subject is nobody present")
        names = list(dict.fromkeys(p.name for p in people))
        kind = "joint" if len(names) > 1 else "statement"
        titled = all(m.person for m in actor.mentions)
        confidence, reason = (0.95, "named as the subject") if titled else (0.8, "by office")
        return Attribution(names, kind, confidence, reason)

    def _behaviour_only(self, actor: Actor, end: int) -> bool:
        """ "President X listened quietly with eager attention.": what a person did, not
        said; "X nodded and stated that ..." still speaks."""
        if actor.verb not in BEHAVIOUR_VERBS:
            return False
        rest = self.source[actor.end : end]
        words = set(re.findall(r"[a-z]+", rest))
        return not (words & (REPORT_VERBS - BEHAVIOUR_VERBS) or "that" in words or ":" in rest)

    def _people(self, actor: Actor) -> list[Person]:
        people = []
        for mention in actor.mentions:
            person = mention.person or self._title_holder(mention.title)
            if person:
                people.append(person)
        return people

    def _pronoun(self, actor: Actor, opened: list[StatementRecord]) -> Attribution:
        plural = actor.phrase.lower() == "they"
        if opened and opened[-1].speakers and (plural or len(opened[-1].speakers) == 1):
            last = opened[-1]
            return Attribution(last.speakers, last.kind, 0.85, f"'{actor.phrase}' in one sentence")
        recent = self.voice.last if plural else self.voice.last_single
        if recent:
            kind = "joint" if len(recent) > 1 else "statement"
            return Attribution(recent, kind, 0.7, f"'{actor.phrase}' is the last speaker")
        return Attribution([], "narrative", 0.5, f"'{actor.phrase}' with no speaker before")

    def _title_holder(self, title: str) -> Person | None:
        """ "the Prime Minister" -> the participant holding that office."""
        wanted = title_words(title)
        for group in (self.cast.principals, self.cast.attendees):
            holders = [p for p in group if wanted and wanted <= title_words(p.title)]
            if holders:
                return min(holders, key=lambda p: len(title_words(p.title) - wanted))
        return None

    def _label(self, start: int, end: int) -> list[str] | None:
        """A line that is only a name, "(Foreign Minister Li)" or "Prime Minister Koizumi:"."""
        text = self.source[start:end].strip()
        inner = re.fullmatch(r"\(?\s*(.+?)\s*\)?\s*:?", text)
        if not inner or len(text) > 80:
            return None
        named = within(self.mentions, start, end)
        if len(named) != 1 or collapse(inner.group(1)) != collapse(
            self.source[named[0].start : max(named[0].end, named[0].suffix_end)]
        ):
            return None
        person = named[0].person or self._title_holder(named[0].title)
        return [person.name] if person else None

    def _extend_or_open(
        self,
        opened: list[StatementRecord],
        item: Placed,
        attribution: Attribution,
        start: int,
        end: int,
    ) -> None:
        speakers, kind = attribution.speakers, attribution.kind
        last = opened[-1] if opened else None
        if last and last.speakers == speakers and last.kind == kind:
            last.end = end
            last.text = collapse(self.source[last.start : end])
        else:
            opened.append(
                StatementRecord(
                    section=item.section,
                    subsection=item.subsection,
                    speakers=list(speakers),
                    kind=kind,
                    text=collapse(self.source[start:end]),
                    start=start,
                    end=end,
                    confidence=attribution.confidence,
                    reason=attribution.reason,
                )
            )
        if speakers:
            self.voice.last = list(speakers)
            if len(speakers) == 1:
                self.voice.last_single = list(speakers)


def _trimmed(source: str, start: int, end: int) -> tuple[int, int]:
    while start < end and source[start] in " \t\n,;":
        start += 1
    while end > start and source[end - 1] in " \t\n,;":
        end -= 1
    return start, end


def joint_speakers(cast: Cast, phrase: str) -> list[str]:
    """ "The two leaders", "Both sides": the leading principal of each side."""
    ministers = "minister" in phrase.lower()
    chosen: list[Person] = []
    for side in dict.fromkeys(p.country for p in cast.principals):
        members = [p for p in cast.principals if p.country == side]
        chosen.append(min(members, key=lambda p: _rank(p, ministers)))
    if len(chosen) < 2:
        chosen = list(cast.principals)
    return [p.name for p in chosen]


def side_speakers(cast: Cast, phrase: str) -> list[str]:
    """ "The Japanese side", "Mongolia": the leading principal from that country."""
    match = SIDE_COUNTRY.search(phrase)
    country = country_of(" ".join((match.group(1) if match else phrase).split()))
    members = [p for p in cast.principals if country and p.country == country]
    return [min(members, key=lambda p: _rank(p, False)).name] if members else []


def _rank(person: Person, ministers: bool) -> int:
    title = person.title
    head = bool(HEAD_OF_GOVERNMENT.search(title)) and not LESSER_OFFICE.search(title)
    foreign = bool(FOREIGN_MINISTER.search(title)) and not LESSER_OFFICE.search(title)
    if ministers:
        return 0 if foreign else 1 if head else 2
    return 0 if head else 1 if foreign else 2


def attribute(
    source: str, placed: list[Placed], mentions: list[Mention], cast: Cast
) -> list[StatementRecord]:
    return Attributor(source, mentions, cast).run(placed)
