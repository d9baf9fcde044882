"""Names of people: the people authority and the persons of one text (the normalisation
and key are meetings.vocabulary's, the name a new person is filed under canonical_names').

A name as written resolves, in this order, to a person already met in the same
text (variant spellings there are one person), to an authority entry by exact
alias, to an authority entry by fuzzy match above a threshold, or else to a new
person known only from the text.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from meetings.vocabulary import name_key, normalize_name

from .canonical_names import NAME_PARTICLE, canonical_name
from .lexicon import COUNTRY_FORMS
from .office_words import TITLE_CONNECTORS

# fuzz.ratio of two full names: 88 lets one or two letters differ in a 15-letter
# name ("Sergei Prikhodiko" / "Sergei Prikhodko" = 97) but keeps namesakes apart
# ("Sergei Ivanov" / "Sergey Lavrov" = 69).
FUZZY_THRESHOLD = 88.0
# A family name alone carries less evidence, so the authority asks for more.
FAMILY_FUZZY_THRESHOLD = 90.0
# Within one text a variant family name ("Kasiyanov" beside "Kasjyanov" = 88.9).
TEXT_FUZZY_THRESHOLD = 84.0
MIN_FUZZY_LENGTH = 5
# one form of address; a courtesy title is a run of them: "Hon. Rev. Dr.", "H.E. Pol. Lt. Col."
HONORIFIC = (
    r"(?:H\.\s?[EHM]\.|H\.\s?R\.\s?H\.|(?:His|Her) (?:Royal )?(?:Majesty|Highness|Excellency)"
    r"|(?:the |The )?Hono(?:u)?rable\.?|(?:Rt\.? )?Hon\.?|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Prof\.?"
    r"|Professor|Amb\.?|Rev\.?|Reverend|(?:Pol|Lt|Col|Gen|Maj|Capt|Brig|Adm)\."
    r"|General|Admiral|Marshal|Colonel|Prince|Princess|Sheikh|Sheikha"
    r"|U|Daw)"  # Burmese: "U Nyan Win", "Daw Aung San Suu Kyi"
)
COURTESY_TITLE = re.compile(rf"{HONORIFIC}(?:\s*{HONORIFIC})*")
# "Mr.", "H.E. Dr.": forms of address, not the office the record keeps
COURTESY_ONLY = COURTESY_TITLE


def name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s-]+", normalize_name(name).replace("'", "")) if t]


def similar_tokens(a: str, b: str, threshold: float = TEXT_FUZZY_THRESHOLD) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH:
        return False
    return fuzz.ratio(a, b) >= threshold


def title_words(title: str) -> set[str]:
    words = {w for w in re.split(r"[^a-z-]+", (title or "").lower()) if w}
    return {w for w in words if w not in TITLE_CONNECTORS and w not in COUNTRY_FORMS}


def compatible_titles(a: str, b: str) -> bool:
    """ "Foreign Minister" fits "Minister for Foreign Affairs"; "President" not "Prime Minister"."""
    words_a, words_b = title_words(a), title_words(b)
    return not words_a or not words_b or words_a <= words_b or words_b <= words_a


# --- The authority -----------------------------------------------------------


@dataclass(frozen=True)
class AuthorityPerson:
    name: str
    country: str = ""
    office: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Resolution:
    name: str
    method: str  # "authority" | "fuzzy" | "text"
    score: float | None
    person: AuthorityPerson | None = None


class PeopleAuthority:
    """Canonical persons with their aliases, e.g. from fixtures/people.json."""

    def __init__(self, people: list[AuthorityPerson]):
        self.people = list(people)
        self._by_key: dict[str, list[AuthorityPerson]] = {}
        self._by_family: dict[str, list[AuthorityPerson]] = {}
        self._full_spellings: dict[str, AuthorityPerson] = {}
        for person in self.people:
            self._index(person)

    @classmethod
    def from_entries(cls, entries: list[dict]) -> PeopleAuthority:
        people = [
            AuthorityPerson(
                name=entry["name"].strip(),
                country=entry.get("country") or "",
                office=entry.get("office") or "",
                aliases=tuple(a for a in entry.get("aliases") or [] if isinstance(a, str)),
            )
            for entry in entries
            if isinstance(entry, dict) and isinstance(entry.get("name"), str)
        ]
        return cls(people)

    @classmethod
    def from_file(cls, path: str | Path) -> PeopleAuthority:
        return cls.from_entries(json.loads(Path(path).read_text(encoding="utf-8")))

    def __len__(self) -> int:
        return len(self.people)

    def _index(self, person: AuthorityPerson) -> None:
        for spelling in person.spellings:
            self._add(self._by_key, name_key(spelling), person)
            tokens = name_tokens(spelling)
            if len(tokens) == 1:
                self._add(self._by_family, tokens[0], person)
            else:
                # the family name stands last in Western order, first in Chinese or Korean
                self._add(self._by_family, tokens[-1], person)
                self._add(self._by_family, tokens[0], person)
                self._full_spellings[normalize_name(spelling)] = person

    @staticmethod
    def _add(index: dict, key: str, person: AuthorityPerson) -> None:
        bucket = index.setdefault(key, [])
        if person not in bucket:
            bucket.append(person)

    def resolve(self, written: str, title: str = "") -> Resolution | None:
        tokens = name_tokens(written)
        if not tokens:
            return None
        exact = self._pick(self._by_key.get(name_key(written), []), title)
        if exact:
            return Resolution(exact.name, "authority", 100.0, exact)
        if len(tokens) == 2:  # "Machimura Nobutaka": family name first, not in capitals
            swapped = self._pick(self._by_key.get(name_key(" ".join(tokens[::-1])), []), title)
            if swapped:
                return Resolution(swapped.name, "authority", 100.0, swapped)
        if len(tokens) == 1:
            return self._resolve_family(tokens[0], title)
        if NAME_PARTICLE.match(tokens[0]):  # "Foreign Minister de Villepin": a family name
            return self._resolve_family(tokens[-1], title)
        return self._resolve_fuzzy(written)

    def _resolve_family(self, token: str, title: str) -> Resolution | None:
        exact = self._pick(self._by_family.get(token, []), title)
        if exact:
            return Resolution(exact.name, "authority", 100.0, exact)
        if len(token) < MIN_FUZZY_LENGTH:
            return None
        matches = process.extract(
            token, list(self._by_family), scorer=fuzz.ratio, score_cutoff=FAMILY_FUZZY_THRESHOLD
        )
        candidates = {p for key, _, _ in matches for p in self._by_family[key]}
        person = self._pick(list(candidates), title)
        if person is None:
            return None
        score = max(s for key, s, _ in matches if person in self._by_family[key])
        return Resolution(person.name, "fuzzy", round(score, 1), person)

    def _resolve_fuzzy(self, written: str) -> Resolution | None:
        match = process.extractOne(
            normalize_name(written),
            list(self._full_spellings),
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_THRESHOLD,
        )
        if match is None:
            return None
        person = self._full_spellings[match[0]]
        return Resolution(person.name, "fuzzy", round(match[1], 1), person)

    @staticmethod
    def _pick(candidates: list[AuthorityPerson], title: str) -> AuthorityPerson | None:
        """The one candidate, or the one whose office fits the title; None when unclear."""
        if len(candidates) == 1:
            return candidates[0]
        fitting = [p for p in candidates if title and compatible_titles(title, p.office)]
        return fitting[0] if len(fitting) == 1 else None


# --- The persons of one text --------------------------------------------------


@dataclass(eq=False)
class Person:
    name: str  # canonical
    written: str  # the first full spelling in the text
    title: str = ""
    title_beside_full_name: bool = False
    country: str | None = None  # stated in the text
    authority_country: str | None = None
    resolution: str = "text"
    score: float | None = None
    spellings: list[str] = field(default_factory=list)
    last_seen: int = 0

    @property
    def tokens(self) -> set[str]:
        return {t for spelling in self.spellings for t in name_tokens(spelling)} | set(
            name_tokens(self.name)
        )

    def matches_tokens(self, tokens: list[str]) -> bool:
        own = self.tokens
        return all(any(similar_tokens(t, o) for o in own) for t in tokens)


class PersonRegistry:
    """The persons named in one text; each spelling resolves to one of them."""

    def __init__(self, authority: PeopleAuthority | None):
        self.authority = authority
        self.persons: list[Person] = []

    def resolve(self, written: str, title: str = "", position: int = 0) -> Person:
        person = self._known(written, title) or self._from_authority(written, title)
        if person is None:
            person = Person(name=canonical_name(written), written=written)
            self.persons.append(person)
        self._note(person, written, title, position)
        return person

    def _known(self, written: str, title: str) -> Person | None:
        key, tokens = name_key(written), name_tokens(written)
        for person in self.persons:
            if key in {name_key(s) for s in person.spellings}:
                return person
        candidates = [p for p in self.persons if p.matches_tokens(tokens)]
        candidates += [p for p in self.persons if self._extends(p, tokens) and p not in candidates]
        if len(candidates) > 1 and title:
            candidates = [p for p in candidates if compatible_titles(title, p.title)] or candidates
        if not candidates:
            return None
        return max(candidates, key=lambda p: p.last_seen)

    @staticmethod
    def _extends(person: Person, tokens: list[str]) -> bool:
        """ "Ivan Kuznetsov" after a bare "Kuznetsov"."""
        own = name_tokens(person.written)
        return len(own) == 1 and len(tokens) > 1 and own[0] in (tokens[0], tokens[-1])

    def _from_authority(self, written: str, title: str) -> Person | None:
        if self.authority is None:
            return None
        resolution = self.authority.resolve(written, title)
        if resolution is None:
            return None
        for person in self.persons:
            if person.name == resolution.name:
                return person
        person = Person(
            name=resolution.name,
            written=written,
            authority_country=resolution.person.country if resolution.person else None,
            resolution=resolution.method,
            score=resolution.score,
        )
        self.persons.append(person)
        return person

    @staticmethod
    def _note(person: Person, written: str, title: str, position: int) -> None:
        title = " ".join((title or "").split())  # a title wrapped across lines
        if written not in person.spellings:
            person.spellings.append(written)
        full = len(name_tokens(written)) > 1
        if full and len(name_tokens(person.written)) == 1:
            person.written = written
            if person.resolution == "text":
                person.name = canonical_name(written)
        # the office stated beside the full name is the one the record keeps
        courtesy_only = bool(COURTESY_ONLY.fullmatch(title or ""))
        if title and full and not person.title_beside_full_name and not courtesy_only:
            person.title, person.title_beside_full_name = title, True
        elif title and not person.title:
            person.title = title
        person.last_seen = max(person.last_seen, position)
