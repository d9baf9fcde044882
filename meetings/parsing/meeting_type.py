"""What kind of meeting it was: summit, foreign ministers, telephone, video or other."""

from __future__ import annotations

import re
from dataclasses import dataclass

from meetings.vocabulary import (
    FOREIGN_MINISTERS,
    OFFICIAL_VISIT,
    OTHER,
    SUMMIT,
    TELEPHONE,
    VIDEO,
)

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


VIDEO_TALK = re.compile(
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
    if VIDEO_TALK.search(subject) or VIDEO_TALK.search(lead):
        return VIDEO
    if telephone:
        return TELEPHONE
    if re.search(r"\bCourtesy Call\b", subject, re.IGNORECASE):
        return OTHER
    if re.match(r"\s*(?:Official |State |Working )?Visit\b", subject):
        if re.search(r"\bSummit (?:Meeting|Talks)\b", opening):
            return SUMMIT
        return _type_of_visit(principals)
    # plural: "Foreign Ministers' Meeting"; a singular "Foreign Minister X" in a title may be
    # one side of a courtesy call, so then the principals' offices decide
    if re.search(
        r"\bForeign Minister(?:s|ial)\b|\bMinisters (?:for|of) Foreign Affairs\b", subject
    ):
        return FOREIGN_MINISTERS
    if re.search(r"\bSummit\b|\bLeaders['’]? Meeting\b", subject):
        return SUMMIT
    if HELD_FOREIGN_MINISTERS_MEETING.search(lead):
        return FOREIGN_MINISTERS  # a courtesy call on the president, then the ministers met
    if COURTESY_CALL_IN_INTRO.search(lead[:300]):
        return OTHER
    if SUMMIT_IN_INTRO.search(lead):
        return SUMMIT
    if FOREIGN_MINISTERS_IN_INTRO.search(lead):
        return FOREIGN_MINISTERS
    if re.search(r"\b(?:official|state) visit\b", subject + " " + intro[:400], re.IGNORECASE):
        return _type_of_visit(principals)
    return _type_from_principals(principals)


def _type_of_visit(principals: list[Principal]) -> str:
    """A visit is typed by its talks; one whose host side met the visitor at several levels
    (the Foreign Minister one day, the Prime Minister the next) is an official visit."""
    host_levels = {_level(p.title) for p in principals if p.home}
    if len(host_levels - {None}) > 1:
        return OFFICIAL_VISIT
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
        return SUMMIT
    if "foreign" in home and "foreign" in other:
        return FOREIGN_MINISTERS
    return OTHER
