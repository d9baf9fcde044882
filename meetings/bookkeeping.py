"""The tables that keep the archive's machinery in step, not its records.

Defined apart from models.py (which imports them, so they are found there
too): what the search index has yet to confirm, and the token cached counts
are keyed on.
"""

from __future__ import annotations

from django.db import models


class PendingIndex(models.Model):
    """A meeting stored but not yet confirmed in the search index.

    Written in the transaction that stores the meeting, deleted once its
    statements are committed to the index (meetings/indexing/journal.py), so a
    killed import leaves a durable note that the next run replays. A plain id,
    not a foreign key: a meeting deleted meanwhile still has its entries removed
    from the index by the replay.
    """

    meeting_id = models.BigIntegerField(db_index=True)
    noted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "meeting awaiting indexing"
        verbose_name_plural = "meetings awaiting indexing"

    def __str__(self):
        return f"meeting {self.meeting_id} awaits indexing"


class ArchiveState(models.Model):
    """Row 1: a token that changes with every write to the archive's records
    (row 2: the same for the PostgreSQL backend's search tables).

    meetings/archive_cache.py sets a new random token before each INSERT, UPDATE
    or DELETE of a record table, in the writing transaction (so bulk writes,
    merges and restores count as much as an admin save), and keys what it caches
    on it: cached counts are dropped the moment the data they counted changes.
    """

    generation = models.BigIntegerField(default=0)

    def __str__(self):
        return f"archive generation {self.generation}"
