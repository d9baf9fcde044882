"""FilterSets and forms for the list and search pages (their facet counts: facets.py)."""

from __future__ import annotations

import calendar

import django_filters
from django import forms
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .facets import FACETS
from .models import Meeting, MeetingType, Participant, Person, Statement, Subject, Topic
from .search import fields as search_fields

MONTH_CHOICES = [(str(n), calendar.month_name[n]) for n in range(1, 13)]


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


# The list's sorts: query-string value -> what a reader is told.
MEETING_SORTS = (
    ("-date", "newest first"),
    ("date", "oldest first"),
    ("-duration", "longest"),
    ("duration", "shortest"),
    ("-statements", "most statements"),
    ("statements", "fewest statements"),
)
DEFAULT_MEETING_SORT = "-date"


def statement_counts():
    """Each meeting's statement count: one correlated subquery, no join, no query per row."""
    counted = (
        Statement.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


class MeetingOrderingFilter(django_filters.OrderingFilter):
    """Sorts by date, duration or statement count; meetings without a duration go last
    either way, and equal values keep the newest first."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        field = self.param_map[param.lstrip("-")]
        expression = F(field)
        ordered = (
            expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
        )
        if field == "date_start":
            return ordered
        return [ordered, F("date_start").desc(nulls_last=True), F("id").desc()]

    def filter(self, qs, value):
        if value in ([], (), {}, "", None):
            return qs
        ordering = []
        for param in value:
            ordered = self.get_ordering_value(param)
            ordering += ordered if isinstance(ordered, list) else [ordered]
        return qs.order_by(*ordering)


class MeetingFilter(django_filters.FilterSet):
    year = YearFilter(field_name="date_start__year", label="Year", min_value=1, max_value=9999)
    month = django_filters.ChoiceFilter(
        field_name="date_start__month", label="Month", choices=MONTH_CHOICES
    )
    country = django_filters.CharFilter(method="filter_country", label="Country")
    person = django_filters.ModelChoiceFilter(
        queryset=Person.objects.all(), to_field_name="slug", method="filter_person", label="Person"
    )
    type = django_filters.ChoiceFilter(
        field_name="meeting_type", choices=MeetingType.choices, label="Type"
    )
    subject = django_filters.ModelChoiceFilter(
        queryset=Subject.objects.all(),
        to_field_name="slug",
        method="filter_subject",
        label="Subject",
    )
    location = django_filters.CharFilter(field_name="location", label="Place")
    sort = MeetingOrderingFilter(
        fields=(
            ("date_start", "date"),
            ("duration_minutes", "duration"),
            ("statement_count", "statements"),
        ),
        label="Sort",
        empty_label=None,
    )

    class Meta:
        model = Meeting
        fields: list = []

    @property
    def qs(self):
        # Annotated here, not on self.queryset: the facet counts never carry it. Bound
        # or not (an unbound filterset never calls filter_queryset()), the rows have it.
        if not hasattr(self, "_qs"):
            queryset = self.queryset.all().annotate(statement_count=statement_counts())
            if self.is_bound:
                self.is_valid()  # validate before filtering
                queryset = self.filter_queryset(queryset)
            self._qs = queryset
        return self._qs

    @property
    def sort_value(self) -> str:
        """The sort in force, one of MEETING_SORTS' values (the default when none is valid)."""
        wanted = self.data.get("sort") if self.data else None
        return wanted if wanted in dict(MEETING_SORTS) else DEFAULT_MEETING_SORT

    # Through subqueries, not joins: a meeting appears once however many rows match.
    def filter_country(self, queryset, name, value):
        meeting_ids = Participant.objects.filter(country=value).values("meeting_id")
        return queryset.filter(pk__in=meeting_ids)

    def filter_person(self, queryset, name, value):
        meeting_ids = Participant.objects.filter(person=value).values("meeting_id")
        return queryset.filter(pk__in=meeting_ids)

    def filter_subject(self, queryset, name, value):
        meeting_ids = Topic.objects.filter(subject=value).values("meeting_id")
        return queryset.filter(pk__in=meeting_ids)

    @property
    def active(self) -> dict[str, object]:
        """The filters in force: name -> cleaned value (malformed ones are not)."""
        self.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {
            name: cleaned[name]
            for name in FACETS
            if name in self.data and cleaned.get(name) not in (None, "")
        }

    def active_list(self) -> list[dict]:
        """The filters in force, labelled for people, each removable by its name."""
        return [
            {"name": name, "label": self.filters[name].label, "value": _display(name, value)}
            for name, value in self.active.items()
        ]

    @property
    def problems(self) -> list[str]:
        """One line per query-string value that was not understood and so ignored."""
        choices = {"sort": MEETING_SORTS}
        return [
            problem(name, self.data.get(name, ""), self.form.fields.get(name), choices.get(name))
            for name in self.errors
        ]

    def qs_without(self, name: str):
        """The meetings every active filter but `name` selects (validated once, above)."""
        meetings = self.queryset.all()
        for other, value in self.active.items():
            if other != name:
                meetings = self.filters[other].filter(meetings, value)
        return meetings


def _display(name: str, value) -> str:
    if name == "type":
        return MeetingType(value).label
    if name == "month":
        return calendar.month_name[int(value)]
    return str(value)


SEARCH_SORTS = (("relevance", "Relevance"), ("date", "Oldest first"), ("-date", "Newest first"))


# The form field each kind of search filter (search/fields.py, Filter.form_field) takes.
SEARCH_FORM_FIELDS = {
    "person": lambda label: forms.ModelChoiceField(
        queryset=Person.objects.all(), to_field_name="slug", required=False, label=label
    ),
    "subject": lambda label: forms.ModelChoiceField(
        queryset=Subject.objects.all(), to_field_name="slug", required=False, label=label
    ),
    "text": lambda label: forms.CharField(required=False, label=label),
    "meeting_type": lambda label: forms.ChoiceField(
        choices=MeetingType.choices, required=False, label=label
    ),
    "year": lambda label: forms.IntegerField(
        min_value=1, max_value=9999, required=False, label=label
    ),
    "date": lambda label: forms.DateField(required=False, label=label),
}


class SearchFilterForm(forms.Form):
    """The search page's query string: the filters search/fields.py lists, each checked alone.

    A malformed value is dropped with a message; the others still apply.
    """

    q = forms.CharField(required=False, strip=True)
    sort = forms.ChoiceField(choices=SEARCH_SORTS, required=False, label="Sort")
    page = forms.IntegerField(min_value=1, required=False)

    FILTERS = search_fields.FILTER_NAMES

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for spec in search_fields.FILTERS:
            self.fields[spec.name] = SEARCH_FORM_FIELDS[spec.form_field](spec.label)
        self.order_fields(["q", *self.FILTERS, "sort", "page"])

    def values(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    def search_filters(self) -> dict:
        """Filters for meetings.search.search(): slugs, strings, ints and dates."""
        values = self.values()
        filters = {name: values[name] for name in self.FILTERS if name in values}
        for name, value in filters.items():
            if isinstance(self.fields[name], forms.ModelChoiceField):
                filters[name] = value.slug
        return filters

    def active_list(self) -> list[dict]:
        values = self.values()
        return [
            {"name": name, "label": self.fields[name].label, "value": _display(name, values[name])}
            for name in self.FILTERS
            if name in values
        ]

    @property
    def problems(self) -> list[str]:
        return [
            problem(name, self.data.get(name, ""), self.fields.get(name)) for name in self.errors
        ]


# What a filter's values are called in a message: "No meeting type “conference”".
PROBLEM_NOUNS = {"type": "meeting type", "sort": "sort order"}


def problem(name: str, value: str, field=None, choices=None) -> str:
    """A query-string value not understood, in plain words: what was wrong, what would do."""
    label = (field.label if field is not None and field.label else name.replace("_", " ")).strip()
    noun = PROBLEM_NOUNS.get(name, label.lower())
    if isinstance(field, forms.ModelChoiceField):
        said = f"No {noun} “{value}” is in the archive"
    elif choices is not None or hasattr(field, "choices"):
        listed = choices if choices is not None else field.choices
        options = ", ".join(f"{text} ({key})" for key, text in listed if key not in ("", None))
        said = f"No {noun} “{value}”; choose one of: {options}"
    elif name == "year":
        said = f"Year “{value}” is not a year; write it like 2004"
    elif isinstance(field, forms.IntegerField):
        said = f"{label} “{value}” is not a whole number"
    elif isinstance(field, forms.DateField):
        said = f"{label} “{value}” is not a date; write it as YYYY-MM-DD"
    else:
        said = f"{label} “{value}” was not understood"
    return f"{said}. It is ignored."
