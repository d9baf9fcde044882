"""Suggestions as a name or subject is typed: the people and subjects it may mean.

    {"query": "kasi",
     "people": [{"name", "slug", "url", "country", "office", "statements", "meetings",
                 "also_written"}],
     "subjects": [{"name", "slug", "url", "meetings"}]}

At most SUGGESTIONS of each, best first; nothing for fewer than MIN_LENGTH letters.
People are found as on the people page (meetings/search/names.py: any spelling,
words begun, names misspelled); subjects by a word of their name begun.
"""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, Q, Value, When

from meetings.models import Person, Subject
from meetings.search import names

SUGGESTIONS = 8
MIN_LENGTH = 2
MAX_LENGTH = 100


def suggestions(text: str) -> dict:
    text = " ".join(str(text or "").split())[:MAX_LENGTH]
    if len(names.name_key(text)) < MIN_LENGTH:
        return {"query": text, "people": [], "subjects": []}
    return {"query": text, "people": _people(text), "subjects": _subjects(text)}


def _people(text: str) -> list[dict]:
    ranked = names.find(text, limit=50)
    rows = Person.objects.filter(pk__in=ranked).named_in_texts().with_counts()
    by_id = {person.pk: person for person in rows}
    known = names.directory().people
    found = [by_id[i] for i in ranked if i in by_id][:SUGGESTIONS]
    return [
        {
            "name": person.name,
            "slug": person.slug,
            "url": person.get_absolute_url(),
            "country": person.country,
            "office": person.office,
            "statements": person.statement_count,
            "meetings": person.meeting_count,
            "also_written": known[person.pk].other_spellings()[:4] if person.pk in known else [],
        }
        for person in found
    ]


def _subjects(text: str) -> list[dict]:
    begins = Q(name__istartswith=text) | Q(name__icontains=f" {text}")
    rows = (
        Subject.objects.filter(begins)
        .annotate(
            meetings=Count("topics__meeting", distinct=True),
            first=Case(
                When(name__istartswith=text, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("first", "-meetings", "name")[:SUGGESTIONS]
    )
    return [
        {"name": s.name, "slug": s.slug, "url": s.get_absolute_url(), "meetings": s.meetings}
        for s in rows
    ]
