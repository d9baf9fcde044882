"""Index upkeep: everything that keeps the search index equal to the database.

The database is the one source of truth; this package moves its changes into
the search index (meetings.search) once they commit, and never the other way:
meetings/search/ imports nothing of it.

    bulk.py          "a bulk import is running": the signals stand aside meanwhile
    after_commit.py  typed calls run once the transaction commits
                     (after_commit.index_meetings(ids), .index_people(ids), ...)
    signals.py       saves, deletes and speaker changes queue ids; one write per transaction
    queue.py         IndexQueue: the importer's stored meetings, one index writer per batch
    worker.py        IndexWorker: a second process indexing while a long import goes on
    journal.py       durable notes of meetings stored but not yet indexed (PendingIndex)

This file imports nothing: models read `bulk` (through history_records), and
the other modules import models and search, so importing them here would loop.
"""
