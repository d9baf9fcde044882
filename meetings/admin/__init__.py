"""The editors' admin, one module per kind of record (Django imports this package and so
registers them all):

    common.py        review marks, compact labelled inline rows, frozen slugs
    history.py       history pages: versions, diffs, revert, the admin log of actions
    filters.py       sidebar filters; meetings and speakers by autocomplete, so they scale
    meeting.py       meetings (structure beside the original text), topics, participants
    statement.py     statements: phrase-first search, reassign speaker
    person.py        people and aliases: merge, split
    subject.py       subjects: merge
    review_pages.py  the review queue and the statement editor (routed in archive/urls.py)
"""

from . import meeting, person, statement, subject  # noqa: F401  (each registers its admin)
