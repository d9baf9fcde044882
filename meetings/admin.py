"""Editors' admin: every change to a meeting marks it edited, so re-imports keep it."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse

from . import history, review
from .admin_history import HistoryAdmin
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
from .parsing.record import REVIEW_BELOW
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


class ConfidenceFilter(admin.SimpleListFilter):
    title = "confidence"
    parameter_name = "confidence"

    def lookups(self, request, model_admin):
        return [("low", f"Low (below {REVIEW_BELOW})"), ("high", f"High ({REVIEW_BELOW} or more)")]

    def queryset(self, request, queryset):
        if self.value() == "low":
            return queryset.filter(confidence__lt=REVIEW_BELOW)
        if self.value() == "high":
            return queryset.filter(confidence__gte=REVIEW_BELOW)
        return queryset


class ReviewedFilter(admin.SimpleListFilter):
    title = "reviewed"
    parameter_name = "reviewed"

    def lookups(self, request, model_admin):
        return [("yes", "Reviewed"), ("no", "Not reviewed")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(reviewed_at__isnull=self.value() == "no")
        return queryset


class SpeakerFilter(admin.SimpleListFilter):
    title = "speaker"
    parameter_name = "speaker"

    def lookups(self, request, model_admin):
        return [(str(p.pk), p.name) for p in Person.objects.speakers().order_by("name")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(speakers__isnull=True)
        if self.value() and self.value().isdigit():
            return queryset.filter(speakers__id=int(self.value()))
        return queryset


class MeetingFilter(admin.SimpleListFilter):
    title = "meeting"
    parameter_name = "meeting"

    def lookups(self, request, model_admin):
        return [(str(m.pk), str(m)) for m in Meeting.objects.only("title", "date_start")]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(meeting_id=int(self.value()))
        return queryset


def _who(obj) -> str:
    if not obj.reviewed_at:
        return ""
    by = obj.reviewed_by.get_username() if obj.reviewed_by else "someone"
    return f"{obj.get_review_action_display()} by {by}, {obj.reviewed_at:%Y-%m-%d %H:%M}"


@admin.action(description="Mark selected as reviewed (out of the review queue)")
def mark_reviewed(modeladmin, request, queryset):
    count = review.mark_reviewed(queryset, request.user)
    modeladmin.message_user(request, f"Marked {count} as reviewed.", messages.SUCCESS)


# --- Meetings ----------------------------------------------------------------


def _object_id(request) -> str | None:
    """The object a change page (or one of its history versions, by position) is about."""
    match = request.resolver_match
    if match is None:
        return None
    return match.kwargs.get("object_id") or (match.args[0] if match.args else None)


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


class LinesField(forms.CharField):
    """A JSON list of strings edited as one item per line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def __init__(self, *args, item_is_date: bool = False, **kwargs):
        self.item_is_date = item_is_date
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
        if self.item_is_date:
            import datetime as dt

            for line in lines:
                try:
                    dt.date.fromisoformat(line)
                except ValueError:
                    raise ValidationError(f"“{line}” is not a date (YYYY-MM-DD).") from None
            lines = sorted(dict.fromkeys(lines))
        return lines

    def has_changed(self, initial, data):
        return (initial or []) != self.to_python(data)


class MeetingAdminForm(forms.ModelForm):
    meeting_dates = LinesField(item_is_date=True, help_text="One date a line, YYYY-MM-DD")
    documents_issued = LinesField(help_text="One document a line")

    class Meta:
        model = Meeting
        fields = ["meeting_dates", "documents_issued"]


def _changed_besides_edited_flag(form, formsets=()) -> bool:
    """Any real edit; unticking "edited" alone is how an editor releases a meeting."""
    fields = set(form.changed_data) - {"edited"}
    return bool(fields) or any(formset.has_changed() for formset in formsets)


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    form = MeetingAdminForm
    inlines = [ParticipantInline, TopicInline, StatementInline]
    list_display = [
        "__str__",
        "meeting_type",
        "location",
        "edited",
        "needs_review",
        "reviewed",
    ]
    list_filter = [
        "needs_review",
        ReviewedFilter,
        "meeting_type",
        YearFilter,
        CountryFilter,
        "edited",
    ]
    actions = [mark_reviewed]
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
        "reviewed",
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
            {
                "classes": ["collapse"],
                "fields": ["needs_review", "review_reasons", "parse_confidence", "reviewed"],
            },
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

    @admin.display(description="reviewed", ordering="reviewed_at")
    def reviewed(self, obj):
        return _who(obj)

    def save_model(self, request, obj, form, change):
        # The inlines are only known in save_related; a form change is enough here.
        if _changed_besides_edited_flag(form):
            obj.edited = True
        super().save_model(request, obj, form, change)

    def reverting(self, request, obj):
        obj.edited = True

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        meeting = form.instance
        # Part of the same change: the history row this save wrote gets them too.
        if _changed_besides_edited_flag(form, formsets) and not meeting.edited:
            history.amend(meeting, edited=True)
        countries = meeting.participants.exclude(country="").values_list("country", flat=True)
        if sorted(set(countries)) != meeting.countries:
            history.amend(meeting, countries=sorted(set(countries)))


class ReassignForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.order_by("name"), label="New speaker", required=True
    )


@admin.register(Statement)
class StatementAdmin(HistoryAdmin):
    list_display = [
        "excerpt",
        "speaker_names",
        "meeting_label",
        "order",
        "kind",
        "confidence",
        "attribution_reason",
        "reviewed",
    ]
    list_filter = ["kind", ConfidenceFilter, ReviewedFilter, SpeakerFilter, MeetingFilter]
    list_select_related = ["meeting", "reviewed_by"]
    search_fields = ["text", "meeting__title", "speakers__name", "attribution_reason"]
    autocomplete_fields = ["meeting", "speakers"]
    readonly_fields = ["start_offset", "end_offset", "confidence", "attribution_reason", "reviewed"]
    fields = [
        "meeting",
        "order",
        "kind",
        "topic",
        "speakers",
        "text",
        ("start_offset", "end_offset"),
        ("confidence", "attribution_reason"),
        "reviewed",
    ]
    actions = ["reassign_speaker", mark_reviewed]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("speakers")

    @admin.display(description="statement")
    def excerpt(self, obj):
        return obj.text if len(obj.text) <= 150 else obj.text[:149].rstrip() + "…"

    @admin.display(description="speakers")
    def speaker_names(self, obj):
        return ", ".join(person.name for person in obj.speakers.all()) or "—"

    @admin.display(description="meeting", ordering="meeting__date_start")
    def meeting_label(self, obj):
        return str(obj.meeting)

    @admin.display(description="reviewed", ordering="reviewed_at")
    def reviewed(self, obj):
        return _who(obj)

    @admin.action(description="Reassign speaker of selected statements…")
    def reassign_speaker(self, request, queryset):
        form = ReassignForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            person = form.cleaned_data["person"]
            count = review.reassign_speaker(queryset, person, request.user)
            self.message_user(
                request, f"{count} statement(s) now spoken by {person.name}.", messages.SUCCESS
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Reassign speaker",
            "form": form,
            "statements": queryset.select_related("meeting").prefetch_related("speakers"),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "opts": self.model._meta,
            "action": "reassign_speaker",
        }
        return TemplateResponse(request, "admin/meetings/reassign_speaker.html", context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "topic":
            statement = Statement.objects.filter(pk=_object_id(request)).first()
            meeting_id = statement.meeting_id if statement else None
            kwargs["queryset"] = Topic.objects.filter(meeting_id=meeting_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def reverting(self, request, obj):
        history.mark_meeting_edited(obj.meeting_id)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.has_changed():
            history.mark_meeting_edited(form.instance.meeting_id)

    def delete_model(self, request, obj):
        history.mark_meeting_edited(obj.meeting_id)
        super().delete_model(request, obj)


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["__str__", "meeting", "subject", "order"]
    list_select_related = ["meeting", "subject"]
    search_fields = ["heading", "meeting__title"]
    autocomplete_fields = ["meeting", "subject"]
    raw_id_fields = ["parent"]

    def reverting(self, request, obj):
        history.mark_meeting_edited(obj.meeting_id)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.has_changed():
            history.mark_meeting_edited(obj.meeting_id)


class FrozenSlugMixin:
    """A slug is the page's permanent address: set once, read-only after (see Former*Slug)."""

    prepopulated_fields = {"slug": ("name",)}

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else super().get_prepopulated_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "slug"] if obj is not None else fields


@admin.register(Subject)
class SubjectAdmin(FrozenSlugMixin, HistoryAdmin):
    list_display = ["name", "key", "topic_count"]
    search_fields = ["name", "key", "aliases__key"]
    actions = ["merge_selected", mark_reviewed]

    @admin.action(description="Merge selected subjects (into the one with most topics)")
    def merge_selected(self, request, queryset):
        chosen = list(queryset.annotate(topic_total=Count("topics")))
        if len(chosen) < 2:
            self.message_user(request, "Select at least two subjects to merge.", messages.WARNING)
            return
        survivor = max(chosen, key=lambda s: (s.topic_total, -s.pk))
        names = ", ".join(s.name for s in chosen if s.pk != survivor.pk)
        merge_subjects(survivor, chosen, user=request.user)
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
class PersonAdmin(FrozenSlugMixin, HistoryAdmin):
    inlines = [PersonAliasInline]
    list_display = ["name", "country", "office", "meeting_count", "statement_count"]
    list_filter = ["country"]
    search_fields = ["name", "aliases__name"]
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
        merge_people(survivor, others, user=request.user)
        self.message_user(
            request,
            f"Merged {names} into {survivor.name} ({SURVIVOR_RULE}).",
            messages.SUCCESS,
        )


class PersonAliasAdminForm(PersonAliasForm):
    class Meta(PersonAliasForm.Meta):
        fields = ["person", "name", "source", "score"]


@admin.register(PersonAlias)
class PersonAliasAdmin(HistoryAdmin):
    form = PersonAliasAdminForm
    list_display = ["name", "person", "source", "score"]
    list_filter = ["source", ReviewedFilter]
    actions = [mark_reviewed]
    search_fields = ["name", "person__name"]
    autocomplete_fields = ["person"]


@admin.register(Participant)
class ParticipantAdmin(HistoryAdmin):
    """Participants are edited inside their meeting; here for their history and revert."""

    list_display = ["person", "name_as_written", "title", "role", "meeting"]
    list_select_related = ["person", "meeting"]
    search_fields = ["name_as_written", "person__name", "meeting__title"]
    autocomplete_fields = ["person"]
    readonly_fields = ["meeting"]
    fields = ["meeting", "order", "person", "name_as_written", "title", "country", "role"]

    def reverting(self, request, obj):
        history.mark_meeting_edited(obj.meeting_id)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.has_changed():
            history.mark_meeting_edited(obj.meeting_id)

    def has_add_permission(self, request):
        return False  # a participant belongs to a meeting: add it there
