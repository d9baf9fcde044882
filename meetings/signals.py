"""Signals of our own that other parts (index upkeep) can react to."""

from django.dispatch import Signal

# Sent inside the merge's transaction by meetings.people.merge_people with
# sender=Person, survivor=<Person>, merged_ids=<list of deleted Person ids>.
# Receivers that touch an index should defer their work with transaction.on_commit.
people_merged = Signal()
