"""The counts a page needs that grow with the archive, kept per archive state.

Each is counted on its first request after a write and served from the cache
(meetings/archive_cache.py) until the next write, so a page's cost follows
what it shows, not how large the archive is.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import QueryDict

from ..archive_cache import cached
from ..facets import meeting_facets
from ..filters import MeetingFilter
from ..models import Person
from ..person_filter import PersonFilter


def filter_key(filterset: MeetingFilter) -> tuple:
    """The filters in force as the cache tells them apart (raw and cleaned values)."""
    return tuple(
        (name, str(filterset.data.get(name)), str(value))
        for name, value in sorted(filterset.active.items())
    )


def list_facets(filterset: MeetingFilter, expanded: str | None) -> list[dict]:
    """meeting_facets(), counted once per archive state and set of filters."""
    return cached(
        "meeting_facets",
        lambda: meeting_facets(filterset, expanded=expanded),
        filter_key(filterset),
        expanded,
    )


def counted_paginator(rows, per_page: int, name: str, *parts) -> Paginator:
    """A Paginator over `rows` whose total is counted once per archive state;
    `name` and `parts` say which rows these are."""
    paginator = Paginator(rows, per_page)
    # Paginator.count is a cached_property: the instance's value stands in for it.
    paginator.count = cached(name, rows.count, *parts)
    return paginator


def ids_of(rows) -> list[int]:
    return list(rows.values_list("pk", flat=True))


def by_ids(rows, ids: list[int]) -> list:
    """The rows of `ids` in that order: one query by primary key."""
    found = rows.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def meetings_paginator(filterset: MeetingFilter, meetings, per_page: int) -> Paginator:
    return counted_paginator(meetings, per_page, "meeting_count", filter_key(filterset))


def _people_key(params: QueryDict) -> tuple:
    """The people list's query as the cache tells it apart (values not understood
    included: they are ignored alike, so they only make more keys)."""
    return tuple((name, tuple(params.getlist(name))) for name in ("q", "country", "office", "sort"))


def people_page(filterset: PersonFilter, params: QueryDict, per_page: int) -> Page:
    """A page of the people list: which people, in which order, and their meeting and
    statement counts (counted over every participation and statement) once per
    archive state, query and page; the page's people are then read by id."""
    key = _people_key(params)
    paginator = counted_paginator(filterset.qs, per_page, "people_count", key)
    page = paginator.get_page(params.get("page"))

    def rows() -> list[tuple[int, int, int]]:
        return [(p.pk, p.meeting_count, p.statement_count) for p in page.object_list]

    counted = cached("people_page", rows, key, page.number)
    people = Person.objects.in_bulk([pk for pk, _, _ in counted])
    page.object_list = []
    for pk, meetings, statements in counted:
        person = people.get(pk)  # None only if another process deleted them just now
        if person is not None:
            person.meeting_count, person.statement_count = meetings, statements
            page.object_list.append(person)
    return page
