"""Where the text names a person: "Prime Minister Junichiro Koizumi", "Chairman Kasjyanov",
"President Vladimir Putin of the Russian Federation", "the Prime Minister", a bare "Koizumi".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from meetings.vocabulary import FAMILY_NAME_FIRST_COUNTRIES

from .lexicon import (
    COUNTRY_FORMS,
    MONTHS,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    REPORT_VERBS,
    WEEKDAYS,
    country_of,
)
from .names import COURTESY_TITLE, Person
from .office_words import TITLE_CONNECTORS, is_head_word, is_title_word

MAX_COUNTRY_WORDS = 6

HONORIFIC_ABBREVIATION = re.compile(r"H\.\s?[EHM]\.|H\.\s?R\.\s?H\.")
LETTER = r"[^\W\d_]"  # any script's letter: "Çavuşoğlu", "Piñera"
TOKEN = re.compile(
    r"H\.\s?[EHM]\.|H\.\s?R\.\s?H\.|(?:Mr|Ms|Mrs|Dr|Prof|Hon|Rt|Amb|Rev|Pol|Lt|Col|Gen|Maj|Capt|Brig|Adm)\."
    r"|[A-Z]\.(?=\s)"
    rf"|[A-Z]\.(?=[A-Z]\.)|{LETTER}(?:(?:{LETTER}|['’\-])*{LETTER})?(?:['’]s)?|\d+|[^\s\w]|_"
)
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space, or a wrapped line's break
APPOSITIVE = re.compile(
    rf"[A-Z][\w'’.-]*(?:{_GAP}(?:(?:of|for|and|the|to|on){_GAP})*"
    rf"(?:(?:[A-Z]\.){{2,}}|[A-Z][\w'’-]*))*"
)
HONORIFIC_TITLE = re.compile(r"(?:His|Her|Their) (?:Royal )?(?:Majesty|Highness|Excellency)")
ROMAN_NUMERALS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
WRAPPED_LINE_LENGTH = 60  # a line this long that breaks mid-sentence was wrapped
# "Mizengo Kayanza Peter Pinda", "Tuilaepa Lupesoliai Sailele Malielegaoi"; initials and
# particles on top
MAX_NAME_WORDS = 5


@dataclass
class Token:
    text: str
    start: int
    end: int

    @cached_property
    def bare(self) -> str:
        return re.sub(r"['’]s$", "", self.text)

    @property
    def possessive(self) -> bool:
        return bool(re.search(r"['’]s$", self.text))

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


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


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


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
    names, after = _read_name(text, tokens, last + 1)
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
    if k >= len(tokens) or not _same_line(text, tokens[last], tokens[k]):
        return None
    if COURTESY_TITLE.fullmatch(tokens[k].text) or _honorific_at(tokens, k):
        person, after = _mention_at(text, tokens, k)
        if not person or not person.name or not COURTESY_TITLE.fullmatch(person.title):
            return None
    elif comma:  # "Minister of Foreign Affairs, Hirofumi Nakasone, who ...": a full name
        names, after = _read_name(text, tokens, k)
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
    while j < len(tokens) and _same_line(text, tokens[j - 1], tokens[j]):
        token = tokens[j]
        if tokens[j - 1].possessive:
            break
        country_end = _country_phrase_end(tokens, j)
        if country_end is not None:
            last = j = country_end  # "of the United States of America": one country, not a name
        elif _is_capitalised_family(tokens, j) or _is_caps_family_alone(tokens, j):
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


def _is_caps_word(word: str) -> bool:
    bare = re.sub(r"['’]s$", "", word)
    return (
        len(bare) >= 2
        and bare not in ROMAN_NUMERALS
        and all(p.isalpha() and p.isupper() for p in bare.split("-"))
        and bare.lower() not in COUNTRY_FORMS
        and bare.lower() not in NOT_NAME_WORDS
        and not is_title_word(bare.lower())
    )


def _is_capitalised_family(tokens: list[Token], j: int) -> bool:
    """A family name in capitals next to a given name: "KISHIDA Fumio", "Batmunkh BATTSETSEG"."""
    if not _is_caps_word(tokens[j].text):
        return False
    neighbours = [tokens[n].bare for n in (j - 1, j + 1) if 0 <= n < len(tokens)]
    return any(is_name_word(word) for word in neighbours)


# States whose people's names are written family name first in English too.
def _is_caps_family_alone(tokens: list[Token], k: int) -> bool:
    """ "Parliamentary Vice-Minister HOSAKA expressed ...": a family name in capitals right
    after an office, followed by the verb of its sentence."""
    if not _is_caps_word(tokens[k].text) or len(tokens[k].bare) < 3 or k + 1 >= len(tokens):
        return False
    following = tokens[k + 1].text
    if following in ("also", "further", "then", "again") and k + 2 < len(tokens):
        following = tokens[k + 2].text  # "Minister HOSAKA also stated"
    return following.islower() and (following in REPORT_VERBS or following.endswith("ed"))


def display_name(words: list[str], reorder: bool = True) -> str:
    """ "KISHIDA Fumio" -> "Fumio Kishida"; "Batmunkh BATTSETSEG" -> "Batmunkh Battsetseg".
    Capitals mark the family name; written first, it moves behind the given names."""
    caps = [_is_caps_word(w) for w in words]
    if not any(caps):
        return " ".join(words)
    if all(caps):  # "Minister HOSAKA" -> "Hosaka"
        return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in words)
    fixed = [
        "-".join(p.capitalize() for p in w.split("-")) if c else w
        for w, c in zip(words, caps, strict=True)
    ]
    if reorder and caps[0] and not caps[-1]:
        fixed = fixed[1:] + fixed[:1]
    return " ".join(fixed)


def _read_name(text: str, tokens: list[Token], k: int) -> tuple[list[Token], int]:
    names: list[Token] = []
    core = 0
    while k < len(tokens) and (not names or _same_line(text, tokens[k - 1], tokens[k])):
        token = tokens[k]
        if names and names[-1].possessive:
            break
        is_name = (
            _is_capitalised_family(tokens, k)
            or is_name_word(token.bare)
            or (not names and _is_caps_family_alone(tokens, k))
            # "Alicia BÁRCENA IBARRA": two family names in capitals
            or (names and _is_caps_word(token.text) and _is_caps_word(names[-1].text))
            or _is_month_named_person(tokens, k)
        )
        if is_name and core < MAX_NAME_WORDS:
            names.append(token)
            core += 1
        elif re.fullmatch(r"[A-Z]\.", token.text) and _initials_then_name(tokens, k):
            names.append(token)  # an initial: "George W. Bush", "Retno L.P. Marsudi", "S. X"
        elif token.text in NAME_PARTICLES and _next_is_name(tokens, k):
            names.append(token)  # "Dominique de Villepin", "Foreign Minister de Villepin"
        elif names and token.bare in ROMAN_NUMERALS:
            names.append(token)
            k += 1
            break
        else:
            break
        k += 1
    return names, k


def _is_month_named_person(tokens: list[Token], k: int) -> bool:
    """ "Prime Minister Theresa May, ...", "Prime Minister May stated": a name that is also a
    month, where no day follows it."""
    if tokens[k].bare.lower() not in MONTHS or not tokens[k].capitalised:
        return False
    following = tokens[k + 1].text if k + 1 < len(tokens) else ""
    return not (following[:1].isdigit() or following in {"of", "this", "last", "next"})


def _initials_then_name(tokens: list[Token], k: int) -> bool:
    while k + 1 < len(tokens) and re.fullmatch(r"[A-Z]\.", tokens[k + 1].text):
        k += 1
    return _next_is_name(tokens, k)


def _next_is_name(tokens: list[Token], k: int) -> bool:
    return k + 1 < len(tokens) and is_name_word(tokens[k + 1].bare)


ARTICLE_NAME = re.compile(r"(?:al|el|ul|ad|as|ash|at|az|an|ar)-[A-Z]\w+")  # "al-Maliki"


def is_name_word(word: str) -> bool:
    if ARTICLE_NAME.fullmatch(word):
        return True
    parts = word.split("-")
    if not (word[:1].isupper() and any(c.islower() for c in parts[0])):
        return False
    if not all(p and all(c.isalpha() or c in "'’" for c in p) for p in parts):
        return False
    lower = word.lower()
    return not (
        is_title_word(word)
        or lower in NOT_NAME_WORDS
        or lower in MONTHS
        or lower in WEEKDAYS
        or lower in COUNTRY_FORMS
    )


def _same_line(text: str, a: Token, b: Token) -> bool:
    """Same line, or the next line of hard-wrapped prose (never across a short header line)."""
    gap = text[a.end : b.start]
    if "\n" not in gap:
        return True
    if gap.count("\n") > 1:
        return False
    line_start = text.rfind("\n", 0, a.start) + 1
    return a.end - line_start >= WRAPPED_LINE_LENGTH


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
    while j < len(tokens) and _same_line(text, tokens[j - 1], tokens[j]):
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


# "(participants on the Chinese side: Ling Jihua, director of ...; Dai Bingguo, State
# Councilor; ...)": names before their offices, in a list of who attended
