"""The admin's sidebar filters.

Filters over a handful of values (year, country, confidence) list them all; the
ones over meetings and speakers, which grow with the archive, show a search box
(the admin's autocomplete) and only the value chosen, so the sidebar stays the
same size at 5 meetings or 50,000. The list's own columns link to them too.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.admin.widgets import AutocompleteSelect

from meetings.models import Meeting, Participant, Person, Statement
from meetings.parsing.record import REVIEW_BELOW


class ValueFilter(admin.SimpleListFilter):
    """One parameter, a fixed list of (value, label), and how each value filters."""

    def filter_for(self, queryset, value: str):
        raise NotImplementedError

    def queryset(self, request, queryset):
        value = self.value()
        if value and value in {str(choice) for choice, _ in self.lookup_choices}:
            return self.filter_for(queryset, value)
        return queryset


class YearFilter(ValueFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Meeting.objects.dates("date_start", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def filter_for(self, queryset, value):
        return queryset.filter(date_start__year=int(value))


class CountryFilter(ValueFilter):
    title = "country"
    parameter_name = "country"

    def lookups(self, request, model_admin):
        countries = (
            Participant.objects.exclude(country="")
            .order_by("country")
            .values_list("country", flat=True)
            .distinct()
        )
        return [(country, country) for country in countries]

    def filter_for(self, queryset, value):
        return queryset.filter(participants__country=value).distinct()


class ConfidenceFilter(ValueFilter):
    title = "confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [("low", f"Low (below {REVIEW_BELOW})"), ("high", f"High ({REVIEW_BELOW} or more)")]

    def filter_for(self, queryset, value):
        if value == "low":
            return queryset.filter(confidence__lt=REVIEW_BELOW)
        return queryset.filter(confidence__gte=REVIEW_BELOW)


class ReviewedFilter(ValueFilter):
    title = "reviewed"
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [("yes", "Reviewed"), ("no", "Not reviewed")]

    def filter_for(self, queryset, value):
        return queryset.filter(reviewed_at__isnull=value == "no")


class AutocompleteFilter(admin.SimpleListFilter):
    """A search box over one relation of Statement instead of a link per value.

    The choices are "All", the extra lookups and the value chosen (by its label),
    so the sidebar never lists the whole table. Without JavaScript the box is a
    plain select of the chosen value; the list's column links still set it.
    """

    template = "admin/meetings/autocomplete_filter.html"
    model: type
    field_name: str  # the Statement field whose admin autocomplete the box uses
    extra_lookups: list[tuple[str, str]] = []

    def __init__(self, request, params, model, model_admin):
        self.request = request
        super().__init__(request, params, model, model_admin)

    def has_output(self) -> bool:
        return True

    def chosen(self):
        value = self.value()
        return self.model.objects.filter(pk=value).first() if value and value.isdigit() else None

    def lookups(self, request, model_admin):
        chosen = self.chosen()
        return [*self.extra_lookups, *([(str(chosen.pk), str(chosen))] if chosen else [])]

    def queryset(self, request, queryset):
        chosen = self.chosen()
        return self.filter_for(queryset, chosen) if chosen else queryset

    def filter_for(self, queryset, chosen):
        return queryset.filter(**{self.field_name: chosen}).distinct()

    def search_box(self) -> str:
        widget = AutocompleteSelect(Statement._meta.get_field(self.field_name), admin.site)
        field = forms.ModelChoiceField(self.model.objects.all(), widget=widget, required=False)
        chosen = self.chosen()
        return field.widget.render(
            self.parameter_name,
            chosen.pk if chosen else None,
            attrs={"id": f"filter-{self.parameter_name}"},
        )

    def kept_params(self) -> list[tuple[str, str]]:
        """The list's other parameters, carried by the box's form (a new filter: page 1)."""
        dropped = {self.parameter_name, PAGE_VAR}
        return [
            (name, value)
            for name, values in self.request.GET.lists()
            if name not in dropped
            for value in values
        ]

    @staticmethod
    def media():
        return AutocompleteSelect(Statement._meta.get_field("speakers"), admin.site).media


class SpeakerFilter(AutocompleteFilter):
    title = "speaker"
    parameter_name = "speaker"
    model = Person
    field_name = "speakers"
    extra_lookups = [("none", "No speaker")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(speakers__isnull=True)
        return super().queryset(request, queryset)


class MeetingFilter(AutocompleteFilter):
    title = "meeting"
    parameter_name = "meeting"
    model = Meeting
    field_name = "meeting"
