"""The facet counts beside the meeting list (and the search page's value limits).

Each facet is counted over the meetings that every *other* active filter
selects (MeetingFilter.qs_without), so choosing a year still shows how many
meetings the other years have.
"""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear

from .models import MeetingType, Participant, Topic

if TYPE_CHECKING:
    from .filters import MeetingFilter

FACET_LIMIT = 25


def _value_counts(rows, value_key, label_key=None, label=None):
    return [
        {
            "value": str(row[value_key]),
            "label": row[label_key] if label_key else label(row[value_key]),
            "count": row["n"],
        }
        for row in rows
        if row[value_key] not in (None, "")
    ]


def _year_facet(meetings):
    return _date_part_facet(meetings, ExtractYear, "-v", label=str)


def _month_facet(meetings):
    return _date_part_facet(meetings, ExtractMonth, "v", label=lambda m: calendar.month_name[m])


def _date_part_facet(meetings, extract, order: str, label):
    """Meetings counted by one part of their start date (year, month)."""
    rows = (
        meetings.order_by()
        .annotate(v=extract("date_start"))
        .values("v")
        .annotate(n=Count("id"))
        .order_by(order)
    )
    return _value_counts(rows, "v", label=label)


def _country_facet(meetings):
    rows = (
        Participant.objects.filter(meeting__in=meetings.order_by().values("pk"))
        .values("country")
        .annotate(n=Count("meeting", distinct=True))
        .order_by("-n", "country")
    )
    return _value_counts(rows, "country", label=str)


def _person_facet(meetings):
    rows = (
        Participant.objects.filter(meeting__in=meetings.order_by().values("pk"))
        .values("person__slug", "person__name")
        .annotate(n=Count("meeting", distinct=True))
        .order_by("-n", "person__name")
    )
    return _value_counts(rows, "person__slug", "person__name")


def _type_facet(meetings):
    rows = meetings.order_by().values("meeting_type").annotate(n=Count("id")).order_by("-n")
    labels = dict(MeetingType.choices)
    return _value_counts(rows, "meeting_type", label=lambda v: labels.get(v, v))


def _subject_facet(meetings):
    rows = (
        Topic.objects.filter(meeting__in=meetings.order_by().values("pk"), subject__isnull=False)
        .values("subject__slug", "subject__name")
        .annotate(n=Count("meeting", distinct=True))
        .order_by("-n", "subject__name")
    )
    return _value_counts(rows, "subject__slug", "subject__name")


def _location_facet(meetings):
    rows = meetings.order_by().values("location").annotate(n=Count("id")).order_by("-n", "location")
    return _value_counts(rows, "location", label=str)


FACETS = {
    "year": _year_facet,
    "month": _month_facet,
    "country": _country_facet,
    "person": _person_facet,
    "type": _type_facet,
    "subject": _subject_facet,
    "location": _location_facet,
}


def meeting_facets(filterset: MeetingFilter, expanded: str | None = None) -> list[dict]:
    """Per facet that has values: its label, the selected value and its values with counts.

    A facet shows FACET_LIMIT values unless it is the `expanded` one (the
    page's `all=<facet>` parameter), which shows them all.
    """
    active = filterset.active
    facets = []
    for name, count_values in FACETS.items():
        values = count_values(filterset.qs_without(name))
        if not values:  # nothing to refine by: no box for it
            continue
        selected = _selected(name, active[name], filterset.data) if name in active else None
        facets.append(
            {
                "name": name,
                "label": filterset.filters[name].label,
                "selected": selected,
                **limit_values(values, selected, expanded=(name == expanded)),
            }
        )
    return facets


def _selected(name: str, value, data) -> str:
    """The selected value as the facet writes it: "2004" for `year=02004` too."""
    return str(value) if name in ("year", "month") else data.get(name)


def limit_values(values: list[dict], selected, expanded: bool) -> dict:
    """{"values", "more", "expanded"}: the first FACET_LIMIT values (all when expanded),
    the selected value first of them, and how many are left out."""
    values = _selected_first(values, selected)
    if expanded or len(values) <= FACET_LIMIT:
        return {"values": values, "more": 0, "expanded": len(values) > FACET_LIMIT}
    return {"values": values[:FACET_LIMIT], "more": len(values) - FACET_LIMIT, "expanded": False}


def _selected_first(values, selected):
    """The values with the selected one moved to the top, where it is seen at once."""
    if selected is None:
        return values
    chosen = [v for v in values if v["value"] == str(selected)]
    return chosen + [v for v in values if v["value"] != str(selected)]
