"""Who does what in one clause: the subject ("actor") of a sentence and where a
second actor starts ("X stated ..., in response to which Y stated ...").

A person is a clause's subject when named before its first verb of saying, not
right after a preposition ("talks with X"), not possessive ("X's visit"), and
followed by a finite verb (after an optional ", who ...," or an adverb). People
named after the verb ("pointed out that President Putin had stated") are only
mentioned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (
    COUNTRY_FORMS,
    IRREGULAR_FINITE,
    LOGISTIC_VERBS,
    PREPOSITIONS,
    REPORT_VERBS,
    SUBJECT_ADVERBS,
    country_of,
)
from .mentions import Mention, within

JOINT_PHRASE = re.compile(
    r"\b(?:[Tt]he\s+two|[Bb]oth)\s+(?i:leaders|sides|ministers|foreign\s+ministers|prime\s+ministers"
    r"|presidents|heads\s+of\s+(?:state|government)|delegations|parties|governments|men|premiers"
    r"|vice-ministers|chancellors|secretaries)\b"
    r"|\b[Tt]he\s+(?:leaders|ministers|two)\b(?=\s+[a-z]+ed\b)|\b[Bb]oth\s+of\s+them\b"
)
IMPERSONAL_JOINT = re.compile(
    r"\b[Ii]t was (?:also |further |again )?(?:agreed|confirmed|reconfirmed|decided|affirmed)\b"
)
PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b")
# "The Japanese side stated": the delegation of one country speaks through its principal
SIDE_PHRASE = re.compile(r"\b[Tt]he\s+([A-Z][\w.'-]*(?:\s+[A-Z][\w'-]*)?)\s+(?:side|delegation)\b")
# "Mongolia stated its support": a state speaking, through its principal
COUNTRY_SUBJECT = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=\s+(?:also\s+)?([a-z]+)\b)")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
MEETING_NOUNS = re.compile(
    r"\b(?:talks?|meetings?|lunch|luncheon|dinner|breakfast|conversation|call)\b"
)
RESPONSE_VERBS = {"responded", "replied", "answered", "agreed", "concurred", "indicated"}
CONNECTOR = re.compile(
    r"(?:,\s*(?:and\s+|in response to which\s+|to which\s+|whereupon\s+|but\s+)|;\s*(?:and\s+)?)"
)
RESPONSE_LEAD = re.compile(
    r"in\s+(?:response|reply|return)(?:\s+to\s+(?:this|that|these|it))?,?\s+"
)
RESPONSE_CONNECTOR = re.compile(r"response|which|whereupon|;")
AUXILIARY_AFTER = re.compile(
    r"\s+(?:also\s+)?(?:had|has|have|would|will|could|should|might|may|can|was|were|is|must)\b"
)
LEADING_CONNECTOR = re.compile(r"\s*(?:and|but|in response to which|to which|whereupon)\s+")
INTRO_WORDS = {
    "in", "to", "during", "at", "on", "for", "with", "regarding", "concerning", "as", "after",
    "before", "following", "furthermore", "moreover", "also", "then", "thus", "however",
    "additionally", "finally", "meanwhile", "referring", "turning", "touching", "upon",
    "under", "given", "since", "while", "although", "when", "if", "because", "based",
    "besides", "likewise", "similarly", "subsequently", "next", "first", "second", "third",
    "lastly", "accordingly", "therefore", "hence", "specifically", "particularly", "from",
    "through", "by", "against", "about", "over", "again", "still", "now", "today", "here",
    "regard", "according", "considering", "despite", "beyond", "within", "among", "once",
}  # fmt: skip


@dataclass
class Actor:
    kind: str  # "person" | "joint" | "pronoun" | "title" | "side"
    start: int
    end: int
    verb: str
    mentions: list[Mention] = field(default_factory=list)
    phrase: str = ""

    @property
    def logistic(self) -> bool:
        return self.verb in LOGISTIC_VERBS


@dataclass
class Candidate:
    kind: str
    start: int
    end: int
    mention: Mention | None = None
    phrase: str = ""


def find_actor(source: str, start: int, end: int, mentions: list[Mention]) -> Actor | None:
    """The subject of source[start:end], or None when the clause names none."""
    lead = LEADING_CONNECTOR.match(source, start, end)
    start = lead.end() if lead else start
    candidates = _candidates(source, start, end, mentions)
    actor = _subject(source, candidates, start, end)
    main = intro_end(source, start, end)
    if actor is None and main > start:
        # "Regarding the proposal made by Russia, President X stated": a participle
        # in a leading phrase is not the clause's verb
        actor = _subject(source, candidates, main, end)
    return actor


def _subject(source: str, candidates: list[Candidate], main: int, end: int) -> Actor | None:
    first_verb = _first_verb_position(source, main, end)
    for index, candidate in enumerate(candidates):
        if candidate.start < main:
            continue  # "During her talks with Chairman X, ..." names no subject
        if first_verb is not None and candidate.start > first_verb:
            return None
        if _after_preposition(source, main, candidate.start):
            continue
        leading = source[main : candidate.start].strip()
        if candidate.kind in ("pronoun", "joint", "side") and leading:
            continue  # "... where they received ...": a pronoun deep in the clause is no subject
        actor = _as_actor(source, candidates, index, end)
        if actor:
            return actor
    return None


def intro_end(source: str, start: int, end: int) -> int:
    """Where the clause proper starts, after "In response, regarding X, ..." phrases."""
    position = start
    while True:
        words = WORD.findall(source[position : position + 30])
        if not words or words[0].lower() not in INTRO_WORDS:
            return position
        comma = source.find(",", position, min(end, position + 250))
        if comma < 0:
            return position
        position = comma + 1
        while position < end and source[position].isspace():
            position += 1


def _candidates(source: str, start: int, end: int, mentions: list[Mention]) -> list[Candidate]:
    segment = source[start:end]
    found = [
        Candidate("title" if m.title_only else "person", m.start, max(m.end, m.suffix_end), m)
        for m in within(mentions, start, end)
        if not m.possessive
    ]
    for pattern, kind in (
        (JOINT_PHRASE, "joint"),
        (IMPERSONAL_JOINT, "joint"),
        (SIDE_PHRASE, "side"),
        (COUNTRY_SUBJECT, "side"),
        (PRONOUN, "pronoun"),
    ):
        for match in pattern.finditer(segment):
            a, b = start + match.start(), start + match.end()
            if kind == "side" and not _speaking_side(match):
                continue
            if kind == "joint" and pattern is IMPERSONAL_JOINT:
                b = start + match.start() + 2  # the actor is "It"; the verb follows
            if not any(c.start <= a < c.end for c in found):
                found.append(Candidate(kind, a, b, phrase=match.group()))
    return sorted(found, key=lambda c: c.start)


def _speaking_side(match: re.Match) -> bool:
    if match.re is SIDE_PHRASE:
        return bool(country_of(match.group(1)))
    verb = match.group(2)
    return (
        match.group(1).lower() in COUNTRY_FORMS
        and verb in REPORT_VERBS
        and verb not in IRREGULAR_FINITE
    )


def _first_verb_position(source: str, start: int, end: int) -> int | None:
    for match in WORD.finditer(source, start, end):
        word = match.group()
        if word.islower() and word in REPORT_VERBS and word not in {"was", "were", "is"}:
            return match.start()
    return None


def _after_preposition(source: str, start: int, position: int) -> bool:
    before = re.findall(
        r"[A-Za-z0-9][A-Za-z0-9:'’-]*", source[max(start, position - 40) : position]
    )
    gap = source[max(start, position - 3) : position]
    return bool(before) and before[-1].lower() in PREPOSITIONS and "," not in gap


def _as_actor(source: str, candidates: list[Candidate], index: int, end: int) -> Actor | None:
    group = [candidates[index]]
    cursor = group[0].end
    while True:  # "Prime Minister Koizumi and President Putin concurred"
        following = next((c for c in candidates if c.start >= cursor), None)
        if following is None or following.kind not in ("person", "title"):
            break
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", source[cursor : following.start]):
            break
        group.append(following)
        cursor = following.end
    verb = verb_after(source, cursor, end)
    if verb is None:
        return None
    head = group[0]
    if head.kind == "joint" and re.match(r"\s+(?:also\s+)?(?:have|has)\b", source[cursor:end]):
        return None  # "both sides have confirmed on numerous occasions": reported, not joint
    kind = "person" if len(group) > 1 else head.kind
    mentions = [c.mention for c in group if c.mention]
    return Actor(kind, head.start, cursor, verb, mentions, head.phrase)


def verb_after(source: str, position: int, end: int) -> str | None:
    """The finite verb that follows an actor ending at `position`, skipping a ", who ...,"."""
    rest = source[position:end]
    if rest.lstrip().startswith(","):
        for comma in [m.end() for m in re.finditer(",", rest)][1:4]:
            verb = _verb_at(rest[comma:])
            if verb:
                return verb
        return None
    return _verb_at(rest)


def _verb_at(text: str) -> str | None:
    words = WORD.findall(text[:200])
    if not text.strip() or not text.lstrip()[:1].isalpha():
        return None
    index = 0
    while index < len(words) and words[index].lower() in SUBJECT_ADVERBS:
        index += 1
    if index >= len(words) or not is_finite_verb(words[index]):
        return None
    verb = words[index]
    following = words[index + 1] if index + 1 < len(words) else ""
    if verb == "went" and words[index + 1 : index + 3] == ["on", "to"] and index + 3 < len(words):
        return _past(words[index + 3])  # "The two leaders went on to exchange opinions"
    if verb in {"was", "were", "is", "are"} and following in LOGISTIC_VERBS:
        return following  # "is visiting Japan": travel, not speech
    if verb in {"had", "has", "have", "was", "were", "is"} and index + 1 < len(words):
        participle = words[index + 1]
        if participle.endswith("ed") or participle in IRREGULAR_FINITE:
            return participle if verb in {"was", "were", "is"} or participle != "had" else verb
        if verb in {"had", "has", "have"} and MEETING_NOUNS.search(
            " ".join(words[index + 1 : index + 5])
        ):
            return "held"  # "had a breakfast meeting with"
    return verb


def _past(verb: str) -> str:
    for form in (verb + "d", verb + "ed", verb):
        if form in REPORT_VERBS or form in LOGISTIC_VERBS:
            return form
    return verb


def is_finite_verb(word: str) -> bool:
    if not word.islower():
        return False
    if word in REPORT_VERBS or word in LOGISTIC_VERBS or word in IRREGULAR_FINITE:
        return True
    return len(word) > 4 and word.endswith("ed")


def clause_cuts(
    source: str, start: int, end: int, mentions: list[Mention]
) -> list[tuple[int, int]]:
    """(end of one clause, start of the next) where a new actor takes over in source[start:end]."""
    cuts: list[tuple[int, int]] = []
    first = find_actor(source, start, end, mentions)
    for match in CONNECTOR.finditer(source, start, end):
        cut = match.end()
        actor = find_actor(source, cut, end, mentions)
        # ", and in response to this X expressed ...": X's own turn
        handover = RESPONSE_LEAD.match(source, cut, end)
        subject_at = handover.end() if handover else cut
        if actor is None or actor.kind == "pronoun" or actor.start != subject_at:
            continue
        if first and _same_people(first, actor):
            continue
        if _inside_reported_speech(source, start, match, actor, end):
            continue
        cuts.append((match.start(), match.start() + 1))
        start, first = cut, actor
    return cuts


def _inside_reported_speech(
    source: str, start: int, connector: re.Match, actor: Actor, end: int
) -> bool:
    """After "stated that ...", ", and X had agreed" is still what was stated; ", and X
    expressed his gratitude" or ", in response to which X stated" is X's own turn."""
    if not re.search(r"\bthat\b", source[start : connector.start()]):
        return False
    if RESPONSE_CONNECTOR.search(connector.group()) or actor.verb in RESPONSE_VERBS:
        return False
    return actor.kind != "person" or bool(AUXILIARY_AFTER.match(source, actor.end, end))


def _same_people(a: Actor, b: Actor) -> bool:
    """ "The two leaders welcomed X, and both sides confirmed Y", "Koizumi and Putin welcomed
    X, and the two leaders confirmed Y": one joint statement, not two."""
    names_a = {m.person.name for m in a.mentions if m.person}
    names_b = {m.person.name for m in b.mentions if m.person}
    if b.kind == "joint" and (a.kind == "joint" or len(names_a) > 1):
        return True
    return a.kind == b.kind and bool(names_a) and names_a == names_b
