"""Changes to people that touch several tables: merging duplicates, splitting a wrong
merge, renaming."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from . import history
from .indexing import after_commit
from .models import (
    AliasSource,
    FormerPersonSlug,
    Participant,
    Person,
    PersonAlias,
    PersonOrigin,
    Statement,
)
from .signals import people_merged
from .vocabulary import name_key

SURVIVOR_RULE = "the one with most statements survives; ties go to the lowest id"


def choose_survivor(people: Iterable[Person]) -> Person:
    """The person with most statements, ties broken by the lowest id."""
    counted = Person.objects.filter(pk__in=[p.pk for p in people]).with_counts()
    return min(counted, key=lambda p: (-p.statement_count, p.pk))


@transaction.atomic
def merge_people(survivor: Person, others: Iterable[Person], user=None) -> int:
    """Fold `others` into `survivor`: statements, participations, aliases, names.

    Each merged person's name becomes an alias of the survivor (source "merge")
    and their page's address redirects to the survivor's; the merged rows are
    deleted. Every row changed gets a history row naming `user`, and (given a
    signed-in user) an admin LogEntry. Returns how many people were merged.
    """
    others = [p for p in others if p.pk != survivor.pk]
    names = ", ".join(f"{p.name} (id {p.pk})" for p in others)
    with history.acting(user, f"merge of people into {survivor.name}"):
        for other in others:
            _move_statements(other, survivor)
            history.update(Participant.objects.filter(person=other), person=survivor)
            history.update(PersonAlias.objects.filter(person=other), person=survivor)
            _keep_address(other, survivor)
            _fill_blanks(survivor, other)
            name = other.name
            other.delete()
            _add_alias(survivor, name)
        survivor.save()
    merged_ids = [p.pk for p in others]
    people_merged.send(sender=Person, survivor=survivor, merged_ids=merged_ids)
    after_commit.index_people([survivor.pk])
    if others:
        history.log_action(user, [survivor], f"Merged {names} into this person.")
    return len(others)


def _move_statements(other: Person, survivor: Person) -> None:
    """The other's statements become the survivor's, each with a history row."""
    through = Statement.speakers.through
    moved = list(through.objects.filter(person=other).values_list("statement_id", flat=True))
    if not moved:
        return
    history.write_baselines(Statement, moved)
    already = set(through.objects.filter(person=survivor).values_list("statement_id", flat=True))
    rows = through.objects.filter(person=other)
    rows.filter(statement_id__in=already).delete()
    rows.update(person=survivor)
    history.write_rows(Statement, Statement.objects.filter(pk__in=moved), "~")


def _keep_address(other: Person, survivor: Person) -> None:
    """/people/<other's slug>/ (and its own old addresses) lead to the survivor from now on."""
    FormerPersonSlug.objects.filter(person=other).update(person=survivor)
    FormerPersonSlug.objects.update_or_create(slug=other.slug, defaults={"person": survivor})


def _fill_blanks(survivor: Person, other: Person) -> None:
    for name in ("country", "office", "note"):
        if not getattr(survivor, name) and getattr(other, name):
            setattr(survivor, name, getattr(other, name))


def _add_alias(survivor: Person, name: str) -> None:
    alias = PersonAlias(person=survivor, name=name, source=AliasSource.MERGE)
    alias.name_key = name_key(name)
    if alias.name_key == survivor.name_key:
        return
    existing = PersonAlias.objects.filter(name_key=alias.name_key).first()
    if existing is None:
        alias.save()
    elif existing.person_id != survivor.pk:
        existing.person = survivor
        existing.save()


def keep_old_name(person: Person, old_name: str) -> bool:
    """After a rename, keep `old_name` as an alias of `person` (source "admin").

    The next import then finds the person under the name the texts and the
    authority file still use, instead of creating it again. An alias that
    is now the person's own name is dropped. Returns whether an alias was added.
    """
    key = name_key(old_name)
    PersonAlias.objects.filter(person=person, name_key=person.name_key).delete()
    if not key or key == person.name_key:
        return False
    if Person.objects.filter(name_key=key).exclude(pk=person.pk).exists():
        return False  # another person's own name: never hide them behind an alias
    if PersonAlias.objects.filter(name_key=key).exists():
        return False  # known already (if as another person's alias, an editor decided so)
    PersonAlias.objects.create(person=person, name=old_name.strip()[:200], source=AliasSource.ADMIN)
    return True


# --- Splitting a wrong merge -------------------------------------------------


class SplitError(ValueError):
    """The split cannot be made as asked; the message is one line for the editor."""


def spellings_of(person: Person) -> dict[str, str]:
    """The names `person` goes by besides its own, {name key: spelling}: its aliases and
    the names the texts give in its participations. A split moves some of them away."""
    found: dict[str, str] = {}
    for alias in person.aliases.order_by("name"):
        found.setdefault(alias.name_key, alias.name)
    written = person.participations.order_by("name_as_written").values_list(
        "name_as_written", flat=True
    )
    for name in written:
        found.setdefault(name_key(name), name)
    found.pop(person.name_key, None)
    found.pop("", None)
    return found


@dataclass
class Split:
    person: Person  # the new one
    aliases: int = 0
    participations: int = 0
    statements: int = 0
    meetings: list[int] = field(default_factory=list)  # whose participants changed
    # Meetings where both people now take part: their statements stayed with the old one.
    shared_meetings: list[int] = field(default_factory=list)


@transaction.atomic
def split_person(person: Person, spellings: Iterable[str], new_name: str, user=None) -> Split:
    """Move the spellings (`spellings_of` keys or names) of a wrongly merged person to a
    new person called `new_name`: those aliases, the participations written so, and the
    person's statements in meetings it no longer takes part in. Both are reindexed; every
    row changed gets a history row naming `user`, and both people an admin LogEntry."""
    spellings = {name_key(spelling): spelling for spelling in spellings}
    spellings.pop("", None)
    _check_split(person, set(spellings), new_name)
    with history.acting(user, f"split of {person.name}"):
        split = _split(person, spellings, " ".join(new_name.split())[:200])
    after_commit.index_meetings(split.meetings)
    after_commit.index_people([person.pk, split.person.pk])
    history.log_action(user, [person], f"Split {split.person.name} (id {split.person.pk}) off.")
    history.log_action(user, [split.person], f"Split off {person.name} (id {person.pk}).")
    return split


def _split(person: Person, spellings: dict[str, str], new_name: str) -> Split:
    moved = [p for p in person.participations.all() if name_key(p.name_as_written) in spellings]
    country = next((p.country for p in moved if p.country), "")
    other = Person.objects.create(name=new_name, country=country, origin=PersonOrigin.ADMIN)
    split = Split(other, aliases=_move_aliases(person, other, spellings))
    history.update(Participant.objects.filter(pk__in=[p.pk for p in moved]), person=other)
    split.participations = len(moved)
    split.meetings = sorted({p.meeting_id for p in moved})
    still = person.participations.filter(meeting__in=split.meetings)
    split.shared_meetings = sorted(set(still.values_list("meeting_id", flat=True)))
    leaving = set(split.meetings) - set(split.shared_meetings)
    split.statements = _hand_over_statements(person, other, leaving)
    return split


def _hand_over_statements(person: Person, other: Person, meeting_ids: set[int]) -> int:
    """`person`'s statements in these meetings become `other`'s, each with a history row."""
    rows = Statement.speakers.through.objects.filter(
        person=person, statement__meeting__in=meeting_ids
    )
    moved = list(rows.values_list("statement_id", flat=True))
    if moved:
        history.write_baselines(Statement, moved)
        rows.update(person=other)
        history.write_rows(Statement, Statement.objects.filter(pk__in=moved), "~")
    return len(moved)


def _check_split(person: Person, keys: set[str], new_name: str) -> None:
    unknown = keys - set(spellings_of(person))
    if not keys or unknown:
        raise SplitError(f"Choose spellings of {person.name} to move (not its own name).")
    new_key = name_key(new_name)
    if not new_key:
        raise SplitError("The new person needs a name with letters.")
    taken = Person.objects.filter(name_key=new_key).first()
    if taken is None:
        alias = PersonAlias.objects.filter(name_key=new_key).exclude(name_key__in=keys).first()
        taken = alias.person if alias else None
    if taken is not None:
        raise SplitError(
            f"“{new_name}” is already {taken.name}: split into a new name, then merge the two."
        )


def _move_aliases(person: Person, other: Person, spellings: dict[str, str]) -> int:
    """The chosen aliases go to `other`, and every chosen spelling becomes one of its
    aliases, so the next import files those texts under the new person."""
    aliases = PersonAlias.objects.filter(person=person, name_key__in=spellings)
    moved = len(history.update(aliases, person=other))
    known = set(
        PersonAlias.objects.filter(name_key__in=spellings).values_list("name_key", flat=True)
    )
    for key, spelling in spellings.items():
        if key not in known and key != other.name_key:
            PersonAlias.objects.create(
                person=other, name=spelling.strip()[:200], source=AliasSource.ADMIN
            )
    for alias in PersonAlias.objects.filter(person=other, name_key=other.name_key):
        alias.delete()  # now its own name (one by one: each deletion is recorded)
    return moved
