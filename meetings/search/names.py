"""Who is who by name: every person's spellings, looked up exactly or fuzzily.

A per-process directory of people and their aliases (canonical names, family
names, every word of every spelling), built again when a person or alias
changes (meetings/indexing/signals.py says so in this process; a fingerprint of the tables
shows changes made by other processes). Used to read the people a query names
(people.py), to find a person on the people page and to suggest names as
they are typed.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from django.db import connection
from rapidfuzz import fuzz, process

from meetings.models import Person, PersonAlias
from meetings.name_order import PARTICLES, family_name

from .query import COUNTRY_ALIASES, STOP_WORDS, fold, simple_tokens

# rapidfuzz ratio (0-100) from which a typed name is read as a known one: one
# letter off in a 7-letter name ("koizumy" / "koizumi" = 85.7) is, two letters
# off in a 5-letter word ("peace" / "pence" = 80) is not.
FUZZY_THRESHOLD = 84.0
MIN_FUZZY_LENGTH = 5  # shorter words match a name only exactly


def name_key(text: str) -> str:
    """Letters and digits only: "Roh Moo-hyun", "roh moo hyun" and "ROH Moohyun" are one."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


# ---------------------------------------------------------------- the directory of names


@dataclass(frozen=True)
class KnownPerson:
    id: int
    slug: str
    name: str
    spellings: tuple[str, ...]  # the canonical name first, then every alias
    family_names: tuple[str, ...]  # as written, one per spelling key, the canonical first

    def other_family_names(self) -> list[str]:
        return list(self.family_names[1:])

    def other_spellings(self) -> list[str]:
        """How the texts also write the person: family names, else whole names."""
        others = self.other_family_names()
        if others:
            return others
        return [s for s in self.spellings[1:] if name_key(s) != name_key(self.name)]


@dataclass
class Directory:
    people: dict[int, KnownPerson] = field(default_factory=dict)
    by_full: dict[str, set[int]] = field(default_factory=dict)  # whole names
    by_family: dict[str, set[int]] = field(default_factory=dict)  # family names
    tokens: set[str] = field(default_factory=set)  # every word of every spelling
    words: dict[int, set[str]] = field(default_factory=dict)  # each person's word keys

    def add(self, person: KnownPerson) -> None:
        self.people[person.id] = person
        for spelling in person.spellings:
            self.tokens.update(simple_tokens(spelling.replace("-", " ")))
            self.words.setdefault(person.id, set()).update(_word_keys(spelling))
            if len(spelling.split()) > 1:
                self.by_full.setdefault(name_key(spelling), set()).add(person.id)
        for family in person.family_names:
            core = [word for word in family.split() if word not in PARTICLES]
            for key in {name_key(family), name_key(" ".join(core))} - {""}:
                self.by_family.setdefault(key, set()).add(person.id)

    def unambiguous(self, family: str) -> bool:
        return len(self.by_family.get(name_key(family), ())) == 1


def _family_names(spellings: list[str], country: str) -> tuple[str, ...]:
    found: dict[str, str] = {}
    for spelling in spellings:
        family = family_name(spelling, country)
        if family:
            found.setdefault(name_key(family), family)
    return tuple(found.values())


def build_directory() -> Directory:
    aliases: dict[int, list[str]] = {}
    for person_id, name in PersonAlias.objects.order_by("id").values_list("person_id", "name"):
        aliases.setdefault(person_id, []).append(name)
    directory = Directory()
    for row in Person.objects.values("id", "slug", "name", "country"):
        spellings = [row["name"], *aliases.get(row["id"], [])]
        directory.add(
            KnownPerson(
                id=row["id"],
                slug=row["slug"],
                name=row["name"],
                spellings=tuple(spellings),
                family_names=_family_names(spellings, row["country"]),
            )
        )
    return directory


_cache_lock = threading.Lock()
_cache: dict = {"fingerprint": None, "directory": None}


def forget() -> None:
    """A person or alias changed in this process: build the directory again when next asked."""
    with _cache_lock:
        _cache["fingerprint"] = None


def _fingerprint() -> tuple:
    """What changes when people or aliases change, even in another process: one query."""
    people, aliases = Person._meta.db_table, PersonAlias._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM {people}), (SELECT max(updated) FROM {people}), "
            f"(SELECT count(*) FROM {aliases}), (SELECT max(id) FROM {aliases}), "
            f"(SELECT sum(person_id) FROM {aliases})"
        )
        return tuple(cursor.fetchone())


def directory() -> Directory:
    fingerprint = _fingerprint()
    with _cache_lock:
        if _cache["fingerprint"] == fingerprint and _cache["directory"] is not None:
            return _cache["directory"]
    built = build_directory()
    with _cache_lock:
        _cache.update(fingerprint=fingerprint, directory=built)
    return built


# ---------------------------------------------------------------- looking names up


def resolve(text: str, names: Directory, fuzzy: bool = True) -> tuple[KnownPerson, bool] | None:
    """(person, fuzzy) that `text` names, or None when it names nobody or several people.

    Without `fuzzy`, only a name or alias as written counts.
    """
    key = name_key(text)
    whole = len(text.split()) > 1
    if not key or (not whole and _is_common_word(text)):
        return None
    index = names.by_full if whole else names.by_family
    exact = index.get(key, set())
    if exact:
        return (names.people[next(iter(exact))], False) if len(exact) == 1 else None
    if not fuzzy or len(key) < (2 * MIN_FUZZY_LENGTH if whole else MIN_FUZZY_LENGTH):
        return None
    close = process.extract(key, list(index), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD)
    if not close:
        return None
    best = max(score for _, score, _ in close)
    ids = {i for candidate, score, _ in close if score == best for i in index[candidate]}
    return (names.people[ids.pop()], True) if len(ids) == 1 else None


def _is_common_word(text: str) -> bool:
    folded = fold(text)
    return folded in STOP_WORDS or folded in COUNTRY_ALIASES


def _word_keys(text: str) -> list[str]:
    """Keys of the words of a name, split at spaces and hyphens: "Moo-hyun" gives moo, hyun."""
    return [key for key in map(name_key, re.split(r"[\s-]+", text)) if key]


def find(text: str, limit: int = 100) -> list[int]:
    """Ids of the people `text` may mean, best first: a name or alias as written, then
    names whose words begin with the typed words ("vlad put"), then names close to it
    ("Kasyanof", "Mikhail Kasjanov"). For finding a person, not for searching text."""
    names = directory()
    key = name_key(text)
    typed = _word_keys(text)
    if not key:
        return []
    scores: dict[int, float] = {}
    for index in (names.by_full, names.by_family):
        for person_id in index.get(key, ()):
            scores[person_id] = 200.0
    for person_id, words in names.words.items():
        if all(any(word.startswith(part) for word in words) for part in typed):
            scores.setdefault(person_id, 150.0)
    if len(key) >= MIN_FUZZY_LENGTH:
        for index in (names.by_full, names.by_family):
            close = process.extract(
                key, list(index), scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=limit
            )
            for candidate, score, _ in close:
                for person_id in index[candidate]:
                    scores[person_id] = max(scores.get(person_id, 0.0), score)
    ranked = sorted(scores, key=lambda person_id: (-scores[person_id], person_id))
    return ranked[:limit]
