"""Where the text names a person: "Prime Minister Junichiro Koizumi", "Chairman Kasjyanov",
"President Vladimir Putin of the Russian Federation", "the Prime Minister", a bare "Koizumi".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from meetings.vocabulary import FAMILY_NAME_FIRST_COUNTRIES

from .lexicon import (
    COUNTRY_FORMS,
    country_of,
)
from .name_words import (
    display_name,
    is_capitalised_family,
    is_caps_family_alone,
    is_name_word,
    read_name,
)
from .names import COURTESY_TITLE, Person
from .office_words import TITLE_CONNECTORS, is_head_word, is_title_word
from .tokens import Token, same_line, tokenize

MAX_COUNTRY_WORDS = 6

HONORIFIC_ABBREVIATION = re.compile(r"H\.\s?[EHM]\.|H\.\s?R\.\s?H\.")
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space, or a wrapped line's break
APPOSITIVE = re.compile(
    rf"[A-Z][\w'’.-]*(?:{_GAP}(?:(?:of|for|and|the|to|on){_GAP})*"
    rf"(?:(?:[A-Z]\.){{2,}}|[A-Z][\w'’-]*))*"
)
HONORIFIC_TITLE = re.compile(r"(?:His|Her|Their) (?:Royal )?(?:Majesty|Highness|Excellency)")


@dataclass
class Mention:
    start: int
    end: int  # end of the name (or of the title when there is no name)
    title: str  # as written; "" for a bare name
    name: str  # as written; "" for "the Prime Minister"
    possessive: bool = False
    country: str | None = None  # from "of the Russian Federation" after the name
    suffix_end: int = 0  # end including that country suffix
    person: Person | None = None

    @property
    def title_only(self) -> bool:
        return not self.name


def within(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions starting in [start, end); `mentions` sorted by start (binary search, so
    reading a long text stays linear)."""
    low = bisect_left(mentions, start, key=_start)
    high = bisect_left(mentions, end, lo=low, key=_start)
    return mentions[low:high]


def _start(mention: Mention) -> int:
    return mention.start


def find_mentions(text: str) -> list[Mention]:
    """Titled mentions ("President Putin") and bare titles ("the President")."""
    tokens = tokenize(text)
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        mention, next_index = _mention_at(text, tokens, i)
        if mention:
            mentions.append(mention)
            i = next_index
        else:
            i += 1
    return mentions


def _mention_at(text: str, tokens: list[Token], i: int) -> tuple[Mention | None, int]:
    if not (tokens[i].capitalised and is_title_word(tokens[i].bare)):
        return None, i
    last = _title_end(text, tokens, i)
    title_tokens = tokens[i : last + 1]
    if not any(is_head_word(t.bare) for t in title_tokens):
        return None, i
    title = text[tokens[i].start : tokens[last].end]
    if tokens[last].possessive:
        return _title_only(text, tokens, i, last, title), last + 1
    names, after = read_name(text, tokens, last + 1)
    if not names:
        named = _named_after_honorific(text, tokens, i, last, title)
        if named:
            return named
        return _title_only(text, tokens, i, last, title), last + 1
    words = [t.bare for t in names]
    mention = Mention(
        start=tokens[i].start,
        end=names[-1].end,
        title=title,
        name=display_name(words),
        possessive=names[-1].possessive,
    )
    mention.country, mention.suffix_end = _country_suffix(text, tokens, after, mention.end)
    if COURTESY_TITLE.fullmatch(title):
        _appositive_office(text, tokens, after, mention)
    elif not mention.country:
        # "Ambassador Wendy Sherman, Deputy Secretary of State of the United States": the
        # office after the name says the country; the title before it stays
        office = Mention(mention.start, mention.end, "", mention.name)
        _appositive_office(text, tokens, after, office)
        mention.country = office.country
    while after < len(tokens) and tokens[after].start < mention.suffix_end:
        after += 1  # the office and country are this person's: no mention starts inside them
    if mention.country in FAMILY_NAME_FIRST_COUNTRIES:
        mention.name = display_name(words, reorder=False)  # "Mr. YOON Suk Yeol" stays so
    return mention, after


def _named_after_honorific(
    text: str, tokens: list[Token], i: int, last: int, office: str
) -> tuple[Mention, int] | None:
    """ "Prime Minister of the Kingdom of Thailand H.E. Mr. X", "President of the Republic of
    Chile, Dr. X": the office, then the person with a form of address."""
    k = last + 1
    comma = k < len(tokens) and tokens[k].text == ","
    k += comma
    if k >= len(tokens) or not same_line(text, tokens[last], tokens[k]):
        return None
    if COURTESY_TITLE.fullmatch(tokens[k].text) or _honorific_at(tokens, k):
        person, after = _mention_at(text, tokens, k)
        if not person or not person.name or not COURTESY_TITLE.fullmatch(person.title):
            return None
    elif comma:  # "Minister of Foreign Affairs, Hirofumi Nakasone, who ...": a full name
        names, after = read_name(text, tokens, k)
        if len(names) < 2 or not all(is_name_word(t.bare) for t in names):
            return None
        if after < len(tokens) and tokens[after].capitalised:
            return None  # "Minister of Environment, Solid Waste Management": the office goes on
        person = Mention(tokens[k].start, names[-1].end, "", display_name([t.bare for t in names]))
    else:
        return None
    person.start = tokens[i].start
    for suffix in re.finditer(r"\s+of\s+(?:the\s+)?", office):
        state = office[suffix.end() :].lower().replace("’", "'")
        if state in COUNTRY_FORMS:
            person.country = person.country or COUNTRY_FORMS[state]
            office = office[: suffix.start()]
            break
    person.title = office
    return person, after


def _appositive_office(text: str, tokens: list[Token], k: int, mention: Mention) -> None:
    """ "Mr. Li Zhaoxing, Minister of Foreign Affairs of the People's Republic of China":
    the office follows the name when only a courtesy title stands before it."""
    if k + 1 >= len(tokens) or tokens[k].text != "," or tokens[k + 1].bare in {"His", "Her"}:
        return
    if tokens[k + 1].text == "the" and k + 2 < len(tokens):
        k += 1  # "Mr. Shinzo Abe, the Prime Minister of Japan"
    phrase = APPOSITIVE.match(text, tokens[k + 1].start)
    if not phrase or not is_title_word(tokens[k + 1].bare):
        return
    # "..., Foreign Minister of China and Mr. Yun ...": the office ends before the next person
    office = re.split(r"\s+and\s+(?:Mr|Ms|Mrs|Dr|Prof|H\.\s?E|His|Her|the)\b", phrase.group())[0]
    if not any(is_head_word(word) for word in office.split()):
        return
    mention.suffix_end = max(mention.suffix_end, phrase.start() + len(office))
    for suffix in re.finditer(r"\s+of\s+(?:the\s+)?", office):
        state = office[suffix.end() :].lower()
        if state in COUNTRY_FORMS:
            mention.country = mention.country or COUNTRY_FORMS[state]
            office = office[: suffix.start()]
            break
    mention.title = office


def _title_end(text: str, tokens: list[Token], i: int) -> int:
    """Index of the last token of the office that starts at i."""
    last, j = i, i + 1
    while j < len(tokens) and same_line(text, tokens[j - 1], tokens[j]):
        token = tokens[j]
        if tokens[j - 1].possessive:
            break
        country_end = _country_phrase_end(tokens, j)
        if country_end is not None:
            last = j = country_end  # "of the United States of America": one country, not a name
        elif is_capitalised_family(tokens, j) or is_caps_family_alone(tokens, j):
            break  # "Mr. KISHIDA Fumio": a family name in capitals, not an acronym
        elif HONORIFIC_ABBREVIATION.fullmatch(token.text) or _honorific_at(tokens, j):
            break  # "... United Nations with H.E. Mr. X", "Japan of His Excellency Mr. X"
        elif token.capitalised and is_title_word(token.bare):
            last = j
        elif token.text.lower() in TITLE_CONNECTORS or token.text in {",", "/"}:
            if token.text == "," and not _title_continues_after_comma(tokens, j):
                break
            if j + 1 < len(tokens) and COURTESY_TITLE.fullmatch(tokens[j + 1].text):
                break  # "the Ministry of Foreign Affairs with Mr. X": X's own mention
        else:
            break
        j += 1
    return last


def _honorific_at(tokens: list[Token], j: int) -> bool:
    return (
        tokens[j].text in ("His", "Her", "Their")
        and j + 1 < len(tokens)
        and tokens[j + 1].bare in ("Excellency", "Majesty", "Highness", "Royal")
    )


def _country_phrase_end(tokens: list[Token], j: int) -> int | None:
    """Index of the last token of the longest multi-word country name starting at j."""
    if not tokens[j].capitalised:
        return None
    best = None
    words = []
    for k in range(j, min(j + MAX_COUNTRY_WORDS, len(tokens))):
        words.append(tokens[k].text.lower().replace("’", "'"))
        if k > j and " ".join(words) in COUNTRY_FORMS:
            best = k
    return best


def _title_continues_after_comma(tokens: list[Token], j: int) -> bool:
    """ "Minister of Economy, Trade and Industry": the comma joins two office words."""
    return (
        j + 1 < len(tokens)
        and is_title_word(tokens[j - 1].bare)
        and tokens[j + 1].capitalised
        and is_title_word(tokens[j + 1].bare)
        and not is_head_word(tokens[j + 1].bare)
    )


def _title_only(text: str, tokens: list[Token], i: int, last: int, title: str) -> Mention | None:
    """ "the Prime Minister", "His Majesty": a title standing for a person already named."""
    if HONORIFIC_TITLE.fullmatch(re.sub(r"['’]s$", "", title)):
        start = tokens[i].start
    elif i == 0 or tokens[i - 1].text.lower() != "the":
        return None
    else:
        start = tokens[i - 1].start
    return Mention(
        start=start,
        end=tokens[last].end,
        title=re.sub(r"['’]s$", "", title),
        name="",
        possessive=tokens[last].possessive,
    )


def _country_suffix(text: str, tokens: list[Token], k: int, end: int) -> tuple[str | None, int]:
    """ "... Putin of the Russian Federation" -> ("Russian Federation", end of "Federation")."""
    if k >= len(tokens) or tokens[k].text != "of":
        return None, end
    j, last = k + 1, None
    while j < len(tokens) and same_line(text, tokens[j - 1], tokens[j]):
        token = tokens[j]
        country_end = _country_phrase_end(tokens, j)
        if country_end is not None:
            last = j = country_end  # "of the United States of America": one country, not a name
        elif token.capitalised and is_title_word(token.bare):
            last = j
        elif token.text.lower() not in {"the", "of", "and"}:
            break
        j += 1
    if last is None:
        return None, end
    country = country_of(text[tokens[k].start : tokens[last].end])
    return (country, tokens[last].end) if country else (None, end)
