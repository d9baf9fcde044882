"""Editors' admin: every change to a meeting marks it edited, so re-imports keep it."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count

from .models import (
    Meeting,
    Participant,
    Person,
    PersonAlias,
    Statement,
    Subject,
    Topic,
    normalize_name,
)
from .people import SURVIVOR_RULE, choose_survivor, keep_old_name, merge_people
from .subjects import merge_subjects

# --- Filters -----------------------------------------------------------------


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Meeting.objects.dates("date_start", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(date_start__year=int(self.value()))
        return queryset


class CountryFilter(admin.SimpleListFilter):
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

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(participants__country=self.value()).distinct()
        return queryset


# --- Meetings ----------------------------------------------------------------


def _object_id(request) -> str | None:
    match = request.resolver_match
    return match.kwargs.get("object_id") if match else None


class SameMeetingTopicsMixin:
    """Topic choices limited to the meeting being edited, read once per page."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name not in ("topic", "parent"):
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        kwargs["queryset"] = Topic.objects.filter(meeting_id=_object_id(request))
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Without this every inline row runs the same query for its <select>.
        cache = request.__dict__.setdefault("_meeting_topic_choices", {})
        if db_field.name not in cache:
            cache[db_field.name] = list(field.choices)
        field.choices = cache[db_field.name]
        return field


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["order", "person", "name_as_written", "title", "country", "role"]


class TopicInline(SameMeetingTopicsMixin, admin.TabularInline):
    model = Topic
    extra = 0
    fields = ["order", "number", "heading", "parent", "subject"]
    autocomplete_fields = ["subject"]


class StatementInline(SameMeetingTopicsMixin, admin.StackedInline):
    model = Statement
    extra = 0
    fields = ["order", "kind", "topic", "speakers", "text", ("start_offset", "end_offset")]
    readonly_fields = ["start_offset", "end_offset"]
    autocomplete_fields = ["speakers"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("speakers")


def _changed_besides_edited_flag(form, formsets=()) -> bool:
    """Any real edit; unticking "edited" alone is how an editor releases a meeting."""
    fields = set(form.changed_data) - {"edited"}
    return bool(fields) or any(formset.has_changed() for formset in formsets)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    inlines = [ParticipantInline, TopicInline, StatementInline]
    list_display = ["title", "date_start", "meeting_type", "location", "edited", "needs_review"]
    list_filter = ["needs_review", "meeting_type", YearFilter, CountryFilter, "edited"]
    date_hierarchy = "date_start"
    search_fields = ["title", "location", "occasion", "participants__person__name"]
    readonly_fields = [
        "public_id",
        "countries",
        "source_name",
        "source_key",
        "source_path",
        "source_url",
        "source_publisher",
        "source_accessed",
        "source_index",
        "source_checksum",
        "source_encoding",
        "imported_at",
        "updated_at",
        "original_text",
        "review_reasons",
        "parse_confidence",
        "published_partial",
        "meeting_dates_partial",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "public_id",
                    "title",
                    "subtitle",
                    "provisional_translation",
                    "meeting_type",
                    "occasion",
                ]
            },
        ),
        (
            "When and where",
            {
                "fields": [
                    ("published", "published_partial"),
                    ("date_start", "date_end"),
                    ("meeting_dates", "meeting_dates_partial"),
                    ("start_time", "duration_minutes"),
                    ("location", "venue"),
                ]
            },
        ),
        ("Editing", {"fields": ["edited", "editor_note", "documents_issued", "countries"]}),
        (
            "Parser review",
            {"fields": ["needs_review", "review_reasons", "parse_confidence"]},
        ),
        (
            "Source",
            {
                "classes": ["collapse"],
                "fields": [
                    ("source_url", "source_publisher", "source_accessed"),
                    ("source_name", "source_index"),
                    ("source_key", "source_path"),
                    ("source_checksum", "source_encoding"),
                    ("imported_at", "updated_at"),
                    "original_text",
                ],
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        # The inlines are only known in save_related; a form change is enough here.
        if _changed_besides_edited_flag(form):
            obj.edited = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if _changed_besides_edited_flag(form, formsets) and not form.instance.edited:
            Meeting.objects.filter(pk=form.instance.pk).update(edited=True)
            form.instance.edited = True
        countries = form.instance.participants.exclude(country="").values_list("country", flat=True)
        form.instance.countries = sorted(set(countries))
        Meeting.objects.filter(pk=form.instance.pk).update(countries=form.instance.countries)


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "meeting", "order", "kind", "confidence", "attribution_reason"]
    list_filter = ["kind"]
    list_select_related = ["meeting"]
    search_fields = ["text", "meeting__title", "speakers__name"]
    autocomplete_fields = ["meeting", "speakers"]
    readonly_fields = ["start_offset", "end_offset"]
    fields = ["meeting", "order", "kind", "topic", "speakers", "text", "start_offset", "end_offset"]

    @admin.display(description="statement")
    def excerpt(self, obj):
        return obj.text[:100]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "topic":
            statement = Statement.objects.filter(pk=_object_id(request)).first()
            meeting_id = statement.meeting_id if statement else None
            kwargs["queryset"] = Topic.objects.filter(meeting_id=meeting_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.has_changed():
            Meeting.objects.filter(pk=form.instance.meeting_id).update(edited=True)

    def delete_model(self, request, obj):
        Meeting.objects.filter(pk=obj.meeting_id).update(edited=True)
        super().delete_model(request, obj)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting", "subject", "order"]
    list_select_related = ["meeting", "subject"]
    search_fields = ["heading", "meeting__title"]
    autocomplete_fields = ["meeting", "subject"]
    raw_id_fields = ["parent"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.has_changed():
            Meeting.objects.filter(pk=obj.meeting_id).update(edited=True)


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "topic_count"]
    search_fields = ["name", "key", "aliases__key"]
    prepopulated_fields = {"slug": ("name",)}
    actions = ["merge_selected"]

    @admin.action(description="Merge selected subjects (into the one with most topics)")
    def merge_selected(self, request, queryset):
        chosen = list(queryset.annotate(topic_total=Count("topics")))
        if len(chosen) < 2:
            self.message_user(request, "Select at least two subjects to merge.", messages.WARNING)
            return
        survivor = max(chosen, key=lambda s: (s.topic_total, -s.pk))
        names = ", ".join(s.name for s in chosen if s.pk != survivor.pk)
        merge_subjects(survivor, chosen)
        self.message_user(request, f"Merged {names} into {survivor.name}.", messages.SUCCESS)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(topic_count=Count("topics"))

    @admin.display(description="topics", ordering="topic_count")
    def topic_count(self, obj):
        return obj.topic_count


# --- People ------------------------------------------------------------------


class PersonAliasForm(forms.ModelForm):
    class Meta:
        model = PersonAlias
        fields = ["name", "source", "score"]

    def clean_name(self):
        name = self.cleaned_data["name"]
        key = normalize_name(name)
        if not key:
            raise ValidationError("An alias needs letters or digits.")
        if PersonAlias.objects.filter(name_key=key).exclude(pk=self.instance.pk).exists():
            raise ValidationError(f"“{name}” is already an alias.")
        return name


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    form = PersonAliasForm
    extra = 1
    fields = ["name", "source", "score"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    inlines = [PersonAliasInline]
    list_display = ["name", "country", "office", "meeting_count", "statement_count"]
    list_filter = ["country"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ("name",)}
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the alias inline, so an alias typed in the same form is not added twice.
        old_name = form.initial.get("name")
        if change and "name" in form.changed_data and old_name:
            keep_old_name(form.instance, old_name)

    @admin.display(description="meetings", ordering="meeting_count")
    def meeting_count(self, obj):
        return obj.meeting_count

    @admin.display(description="statements", ordering="statement_count")
    def statement_count(self, obj):
        return obj.statement_count

    @admin.action(description="Merge selected people")
    def merge_selected(self, request, queryset):
        people = list(queryset)
        if len(people) < 2:
            self.message_user(request, "Select at least two people to merge.", messages.WARNING)
            return
        survivor = choose_survivor(people)
        others = [person for person in people if person.pk != survivor.pk]
        names = ", ".join(person.name for person in others)
        merge_people(survivor, others)
        self.message_user(
            request,
            f"Merged {names} into {survivor.name} ({SURVIVOR_RULE}).",
            messages.SUCCESS,
        )


class PersonAliasAdminForm(PersonAliasForm):
    class Meta(PersonAliasForm.Meta):
        fields = ["person", "name", "source", "score"]


@admin.register(PersonAlias)
class PersonAliasAdmin(admin.ModelAdmin):
    form = PersonAliasAdminForm
    list_display = ["name", "person", "source", "score"]
    list_filter = ["source"]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]
