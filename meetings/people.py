"""Changes to people that touch several tables: merging duplicates, renaming."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from . import history
from .indexing_state import index_after_commit
from .models import (
    AliasSource,
    FormerPersonSlug,
    Participant,
    Person,
    PersonAlias,
    Statement,
    normalize_name,
)
from .signals import people_merged

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
    index_after_commit("index_people", [survivor.pk])
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
    for field in ("country", "office", "note"):
        if not getattr(survivor, field) and getattr(other, field):
            setattr(survivor, field, getattr(other, field))


def _add_alias(survivor: Person, name: str) -> None:
    alias = PersonAlias(person=survivor, name=name, source=AliasSource.MERGE)
    alias.name_key = normalize_name(name)
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
    key = normalize_name(old_name)
    PersonAlias.objects.filter(person=person, name_key=person.name_key).delete()
    if not key or key == person.name_key:
        return False
    if Person.objects.filter(name_key=key).exclude(pk=person.pk).exists():
        return False  # another person's own name: never hide them behind an alias
    if PersonAlias.objects.filter(name_key=key).exists():
        return False  # known already (if as another person's alias, an editor decided so)
    PersonAlias.objects.create(person=person, name=old_name.strip()[:200], source=AliasSource.ADMIN)
    return True
