"""What a backup holds, in the order it is written and restored.

Accounts first (auth groups and users, restored by name so a database that
already has its own administrator keeps it), then every model of the meetings
app, found at run time so a table added later (history, say) is backed up
without a change here, and the admin's log of edits. Parents come before
children. Many-to-many tables are rows of their own. The search index's state
(the unmanaged PostgreSQL search tables, the notes of meetings awaiting
indexing) is left out: a restore rebuilds the index from the rows.
"""

from __future__ import annotations

from graphlib import CycleError, TopologicalSorter

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder

ARCHIVE_APP = "meetings"
EXTRA_RECORDS = ("admin.LogEntry",)  # who changed which record in the admin, and when
# The search index's own bookkeeping, not records: a restore rebuilds the index whole.
INDEX_STATE = ("meetings.PendingIndex",)
# The token cached counts are keyed on: every write of the restore changes it anyway.
CACHE_STATE = ("meetings.ArchiveState",)


def account_models() -> list[type[models.Model]]:
    """Restored by natural key (name): an existing account is kept as it is."""
    return [apps.get_model("auth", "Group"), get_user_model()]


def record_models() -> list[type[models.Model]]:
    """Restored with their primary keys, into empty tables, parents first."""
    found = [
        model
        for model in apps.get_app_config(ARCHIVE_APP).get_models(include_auto_created=True)
        if _is_stored(model) and model._meta.label not in INDEX_STATE + CACHE_STATE
    ]
    for label in EXTRA_RECORDS:
        app_label, _, name = label.partition(".")
        if apps.is_installed(f"django.contrib.{app_label}"):
            found.append(apps.get_model(app_label, name))
    return dependency_order(found)


def archived_models() -> list[type[models.Model]]:
    return account_models() + record_models()


def _is_stored(model: type[models.Model]) -> bool:
    meta = model._meta
    return meta.managed and not meta.proxy and not meta.swapped


def dependency_order(found: list[type[models.Model]]) -> list[type[models.Model]]:
    """Each model after the models its foreign keys point to (self-references aside).

    The app's own order breaks ties. A cycle would still load, since foreign
    keys are checked when the restore's transaction ends; it keeps that order.
    """
    chosen = set(found)
    graph = TopologicalSorter()
    for model in found:
        parents = [
            field.related_model
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model in chosen
        ]
        graph.add(model, *(parent for parent in parents if parent is not model))
    try:
        graph.prepare()
    except CycleError:
        return found
    ordered = []
    position = {model: index for index, model in enumerate(found)}
    while graph.is_active():
        ready = sorted(graph.get_ready(), key=position.__getitem__)
        ordered += ready
        graph.done(*ready)
    return ordered


def row_fields(model: type[models.Model]) -> list[str] | None:
    """The fields written for each row: None means all (accounts keep their groups inline).

    Records leave many-to-many fields out: their tables are written as rows of their own.
    """
    if model in account_models():
        return None
    return [field.name for field in model._meta.concrete_fields if not field.primary_key]


def natural_relations(model: type[models.Model]) -> list[str]:
    """Foreign keys written by natural key (a user's name): fetched with the row."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and hasattr(field.related_model, "natural_key")
    ]


def natural_many(model: type[models.Model]) -> list[str]:
    """An account's many-to-many fields (groups, permissions), prefetched by natural key."""
    lookups = []
    for field in model._meta.many_to_many:
        lookups.append(field.name)
        if field.related_model._meta.label == "auth.Permission":
            lookups.append(f"{field.name}__content_type")
    return lookups


def applied_migrations(app_labels) -> dict[str, list[str]]:
    """The migrations this database has applied, for these apps."""
    applied: dict[str, list[str]] = {app: [] for app in sorted(app_labels)}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if app in applied:
            applied[app].append(name)
    return {app: sorted(names) for app, names in applied.items()}
