"""The JSON object for a search: printed by `manage.py search --json`, returned by the API.

    {"query", "total", "page", "per_page",
     "hits": [{"statement", "meeting", "meeting_title", "date", "speakers", "topic", "snippet"}],
     "facets": {"speaker": {name: count}, "country": {...}, "type": {...},
                "year": {...}, "subject": {slug: count}},
     "suggestion", "hint", "understood",
     "people": [{"name", "slug", "typed", "fuzzy", "statements", "meetings", "also_written"}],
     "notices", "error"}

Exactly these keys. `notices` lists, one line each, every bound hit and every
repair made to the request (query shortened, terms dropped, per_page capped,
a query of only exclusions listed by date, a filter ignored): what the search
page shows above its results. Rows come from the ORM in one query for the
page's ids; snippets are safe HTML. `people` are the people the query names
(meetings/search/people.py): a word that is a person's name or alias, or close
to one, also finds their statements and their other spellings, and a notice
says so. `understood` says in words how the query was read
("statements containing “peace”, spoken by putin, in 2004"); `hint` is the query
rewritten in field syntax when it names a speaker or a year and that form finds
something ('speaker:putin year:2004 "peace treaty"').
"""

from __future__ import annotations

from meetings.models import Person, Statement

from .results import FACET_NAMES, PersonFound, SearchResult


def result_json(result: SearchResult) -> dict:
    rows = Statement.objects.for_display().in_bulk(result.ids)
    hits = [
        _hit_json(rows[hit.statement_id], hit.snippet)
        for hit in result.hits
        if hit.statement_id in rows
    ]
    return {
        "query": result.query,
        "total": result.total,
        "page": result.page,
        "per_page": result.per_page,
        "hits": hits,
        "facets": _facets_json(result.facets),
        "suggestion": result.suggestion,
        "hint": result.hint,
        "understood": result.understood,
        "people": [_person_json(person) for person in result.people],
        "notices": list(result.notices),
        "error": result.error,
    }


def _person_json(person: PersonFound) -> dict:
    return {
        "name": person.name,
        "slug": person.slug,
        "typed": person.typed,
        "fuzzy": person.fuzzy,
        "statements": person.statements,
        "meetings": person.meetings,
        "also_written": list(person.also_written),
    }


def _hit_json(statement: Statement, snippet: str) -> dict:
    meeting = statement.meeting
    date = meeting.date_start or meeting.published
    topic = statement.topic
    return {
        "statement": statement.id,
        "meeting": meeting.public_id,
        "meeting_title": meeting.title,
        "date": date.isoformat() if date else None,
        "speakers": [person.name for person in statement.speakers.all()],
        "topic": f"{topic.number} {topic.heading}".strip() if topic else None,
        "snippet": snippet,
    }


def _facets_json(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Facet counts, speakers under their names (the index keeps their slugs)."""
    result = {name: dict(facets.get(name) or {}) for name in FACET_NAMES}
    slugs = list(result["speaker"])
    names = dict(Person.objects.filter(slug__in=slugs).values_list("slug", "name"))
    result["speaker"] = {names.get(slug, slug): count for slug, count in result["speaker"].items()}
    return result
