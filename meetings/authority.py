"""The people authority: who the archive knows, under which spellings.

The authority file (settings.PEOPLE_AUTHORITY_FILE, JSON) is loaded into
Person and PersonAlias rows (`sync_authority`); the parser's PeopleAuthority
is then built from every person and alias in the database
(`authority_from_database`), so spellings editors add count from the next
import. `PeopleResolver` finds or creates the Person for each name an import
meets. Merging and splitting people lives in people.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from . import history, parsing
from .indexing import after_commit
from .indexing.bulk import bulk_import
from .models import AliasSource, Person, PersonAlias, PersonOrigin
from .vocabulary import name_key


class AuthorityFileError(ValueError):
    """The people authority file is unreadable; the message is one line."""


def prepare_authority(*, dry_run: bool = False):
    """Sync the authority file into the database, then build the parser's authority.

    A dry run writes nothing: the file's entries are added in memory instead.
    """
    if dry_run:
        return authority_from_database(extra_entries=load_authority_entries())
    sync_authority()
    return authority_from_database()


def load_authority_entries(path: str | Path | None = None) -> list[dict]:
    path = Path(path or settings.PEOPLE_AUTHORITY_FILE)
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AuthorityFileError(f"{path}: cannot read people authority: {error}") from error
    if not isinstance(entries, list) or not all(_valid_entry(e) for e in entries):
        raise AuthorityFileError(
            f"{path}: expected a JSON list of {{name, country, office, aliases}} objects"
        )
    return entries


def _valid_entry(entry) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("name"), str)
        and bool(entry["name"].strip())
        and isinstance(entry.get("aliases", []), list)
    )


@dataclass
class AuthoritySync:
    people_created: int = 0
    aliases_created: int = 0


@bulk_import()
@transaction.atomic
def sync_authority(path: str | Path | None = None) -> AuthoritySync:
    """Load the authority file into Person and PersonAlias rows; running it twice adds nothing.

    Existing people keep their editors' changes: country and office are only
    filled in where blank (recorded in their history as the importer's).
    """
    with history.acting(None, history.IMPORTER):
        return _sync_authority(path)


def _sync_authority(path: str | Path | None) -> AuthoritySync:
    counts = AuthoritySync()
    changed_people = set()
    for entry in load_authority_entries(path):
        person = _find_person(name_key(entry["name"]))
        known = person is not None
        if person is None:
            person = Person.objects.create(
                name=_clip(entry["name"], 200),
                country=_clip(entry.get("country"), 100),
                office=_clip(entry.get("office"), 300),
                origin=PersonOrigin.AUTHORITY,
            )
            counts.people_created += 1
        elif _fill_blanks(person, entry) | _known_to_authority(person):
            person.save()
            changed_people.add(person.pk)
        for alias in entry.get("aliases") or []:
            if isinstance(alias, str) and _add_alias(person, alias, AliasSource.AUTHORITY):
                counts.aliases_created += 1
                if known:
                    changed_people.add(person.pk)
    # New people have said nothing yet; known ones may need their statements re-indexed.
    after_commit.index_people(sorted(changed_people))
    return counts


def _known_to_authority(person: Person) -> bool:
    """A person first met in a text is in the authority file now: no longer doubtful."""
    if person.origin != PersonOrigin.IMPORT:
        return False
    person.origin = PersonOrigin.AUTHORITY
    return True


def _fill_blanks(person: Person, entry: dict) -> bool:
    changed = False
    for field_name, length in (("country", 100), ("office", 300)):
        value = entry.get(field_name)
        if isinstance(value, str) and value.strip() and not getattr(person, field_name):
            setattr(person, field_name, _clip(value, length))
            changed = True
    return changed


def authority_from_database(extra_entries: Iterable[dict] = ()):
    """The parser's PeopleAuthority from every person and alias in the database.

    Aliases that editors add in the admin therefore count from the next import.
    """
    entries: dict[str, dict] = {}
    for person in Person.objects.prefetch_related("aliases"):
        entries[person.name_key] = {
            "name": person.name,
            "country": person.country,
            "office": person.office,
            "aliases": [alias.name for alias in person.aliases.all()],
        }
    for entry in extra_entries:
        entries.setdefault(name_key(entry["name"]), entry)
    return parsing.PeopleAuthority.from_entries(list(entries.values()))


def _find_person(key: str) -> Person | None:
    if not key:
        return None
    person = Person.objects.filter(name_key=key).first()
    if person is None:
        alias = PersonAlias.objects.select_related("person").filter(name_key=key).first()
        person = alias.person if alias else None
    return person


def _add_alias(person: Person, name: str, source: str, score: float | None = None) -> bool:
    """Record `name` as another spelling of `person` unless the spelling is known."""
    key = name_key(name)
    if not key or key == person.name_key:
        return False
    if PersonAlias.objects.filter(name_key=key).exists():
        return False
    if Person.objects.filter(name_key=key).exclude(pk=person.pk).exists():
        return False  # another person's own name: never hide them behind an alias
    PersonAlias.objects.create(person=person, name=name.strip()[:200], source=source, score=score)
    return True


class PeopleResolver:
    """Finds or creates the Person for each name within one file's transaction."""

    def __init__(
        self,
        people: dict[str, Person] | None = None,
        settled_aliases: set[tuple[int, str]] | None = None,
    ):
        # Shared by the files of a run (importer's RunCache); may name rows of a
        # rolled-back file, so the run clears them when one fails.
        self._cache = people if people is not None else {}
        self._settled = settled_aliases if settled_aliases is not None else set()

    def add_alias(self, person: Person, name: str, source: str, score=None) -> None:
        """`_add_alias`, asked once per run for each (person, spelling)."""
        key = (person.pk, name_key(name))
        if key not in self._settled:
            self._settled.add(key)
            _add_alias(person, name, source, score)

    def person(self, name: str, country: str = "") -> Person:
        key = name_key(name)
        if key in self._cache:
            return self._cache[key]
        person = _find_person(key)
        if person is None:
            person = Person.objects.create(
                name=name.strip()[:200], country=country[:100], origin=PersonOrigin.IMPORT
            )
        elif country and not person.country:
            person.country = country[:100]
            person.save(update_fields=["country", "updated"])
        self._cache[key] = person
        return person


def _clip(value: str | None, length: int) -> str:
    return (value or "").strip()[:length]
