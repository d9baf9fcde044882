"""The counts a page needs that grow with the archive, kept per archive state.

Each is counted on its first request after a write and served from the cache
(meetings/archive_cache.py) until the next write, so a page's cost follows
what it shows, not how large the archive is.
"""

from __future__ import annotations

from django.core.paginator import Paginator

from ..archive_cache import cached
from ..filters import MeetingFilter, meeting_facets


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


def meetings_paginator(filterset: MeetingFilter, meetings, per_page: int) -> Paginator:
    return counted_paginator(meetings, per_page, "meeting_count", filter_key(filterset))
