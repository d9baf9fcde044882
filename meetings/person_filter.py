"""The people page's FilterSet: a name (misspelled or half remembered), country, office, sort.

People are listed by family name (Person.sort_name, meetings/name_order.py); the
name box finds people through the same directory of names as search
(meetings/search/names.py), so "Kasianov", "kasyanof" and "vlad put" find them.
"""

from __future__ import annotations

import django_filters
from django.db.models import Count, Q

from .archive_cache import cached
from .filters import problem
from .models import Participant, Person
from .search import names

# The list's sorts: query-string value -> what a reader is told.
PEOPLE_SORTS = (
    ("name", "family name"),
    ("-statements", "most statements"),
    ("-meetings", "most meetings"),
)
SORT_ORDER = {
    "name": ("sort_name", "name"),
    "-statements": ("-statement_count", "sort_name", "name"),
    "-meetings": ("-meeting_count", "sort_name", "name"),
}
MAX_NAME_MATCHES = 500


def listed_people():
    """People a text names as taking part or speaking (the authority file knows more)."""
    return Person.objects.named_in_texts().with_counts().order_by(*SORT_ORDER["name"])


def country_choices() -> list[tuple[str, str]]:
    """The countries of the people listed, each with how many of them there are
    (counted over every participation and statement: once per archive state)."""
    return cached("people_countries", _country_choices)


def _country_choices() -> list[tuple[str, str]]:
    rows = (
        Person.objects.exclude(country="")
        .named_in_texts()
        .values("country")
        .annotate(n=Count("id"))
        .order_by("country")
    )
    return [(row["country"], f"{row['country']} ({row['n']})") for row in rows]


def known_offices(limit: int = 60) -> list[str]:
    """Offices of the authority file, most held first: suggestions for the office box."""
    return cached("known_offices", lambda: _known_offices(limit), limit)


def _known_offices(limit: int) -> list[str]:
    rows = (
        Person.objects.exclude(office="")
        .values("office")
        .annotate(n=Count("id"))
        .order_by("-n", "office")[:limit]
    )
    return sorted(row["office"] for row in rows)


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_name", label="Name")
    country = django_filters.ChoiceFilter(label="Country", empty_label="Any country")
    office = django_filters.CharFilter(method="filter_office", label="Office")
    sort = django_filters.ChoiceFilter(
        choices=PEOPLE_SORTS, method="sort_people", label="Sort", empty_label=None
    )

    class Meta:
        model = Person
        fields: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = country_choices()

    def filter_name(self, queryset, name, value):
        return queryset.filter(pk__in=names.find(value, limit=MAX_NAME_MATCHES))

    def filter_office(self, queryset, name, value):
        held = Participant.objects.filter(title__icontains=value).values("person_id")
        return queryset.filter(Q(office__icontains=value) | Q(pk__in=held))

    def sort_people(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDER[value])

    @property
    def sort_value(self) -> str:
        wanted = self.data.get("sort") if self.data else None
        return wanted if wanted in SORT_ORDER else "name"

    def active_list(self) -> list[dict]:
        """The filters in force, labelled for people, each removable by its name."""
        self.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return [
            {"name": name, "label": self.filters[name].label, "value": cleaned[name]}
            for name in ("q", "country", "office")
            if cleaned.get(name) not in (None, "")
        ]

    @property
    def problems(self) -> list[str]:
        """One line per query-string value not understood, and so ignored."""
        found = []
        for name in self.errors:
            value = self.data.get(name, "")
            if name == "country":
                found.append(f"No one from “{value}” is in the archive. It is ignored.")
            else:
                found.append(problem(name, value, self.form.fields.get(name), PEOPLE_SORTS))
        return found
