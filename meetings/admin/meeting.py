"""Meetings: every change marks the meeting edited, so re-imports keep it. The change form
puts the structure (compact rows) beside the original text (a sticky pane)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from meetings import history, review
from meetings.models import Meeting, Participant, Statement, Topic

from .common import CompactInline, mark_fixed, mark_reviewed, object_id_of, review_note
from .filters import CountryFilter, ReviewedFilter, YearFilter
from .history import HistoryAdmin


class SameMeetingTopicsMixin:
    """Topic choices limited to the meeting being edited, read once per page."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name not in ("topic", "parent"):
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        kwargs["queryset"] = Topic.objects.filter(meeting_id=object_id_of(request))
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        # Without this every inline row runs the same query for its <select>.
        cache = request.__dict__.setdefault("_meeting_topic_choices", {})
        if db_field.name not in cache:
            cache[db_field.name] = list(field.choices)
        field.choices = cache[db_field.name]
        return field


class ParticipantInline(CompactInline):
    model = Participant
    autocomplete_fields = ["person"]
    fields = ["order", "person", "name_as_written", "title", "country", "role"]


class TopicInline(SameMeetingTopicsMixin, CompactInline):
    model = Topic
    fields = ["order", "number", "heading", "parent", "subject"]
    autocomplete_fields = ["subject"]
    classes = ["collapse"]


class StatementInline(CompactInline):
    """One line a statement: its words are read in the original text beside the form
    (the excerpt links there); its text and topic are edited in its own form."""

    model = Statement
    fields = ["order", "kind", "speakers", "excerpt", "links"]
    readonly_fields = ["excerpt", "links"]
    autocomplete_fields = ["speakers"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("speakers")

    def has_add_permission(self, request, obj=None):
        return False  # a statement needs its text: added from the statement list

    @admin.display(description="statement")
    def excerpt(self, obj):
        text = obj.text if len(obj.text) <= 60 else obj.text[:59].rstrip() + "…"
        return format_html(
            '<a href="#text-{}" class="to-source" title="Show it in the original text">{}</a>',
            obj.anchor,
            text,
        )

    @admin.display(description="open")
    def links(self, obj):
        return format_html(
            '<a href="{}" aria-label="Edit statement {}">Edit</a><br>'
            '<a href="{}" aria-label="Check the speakers of statement {}">Check</a>',
            reverse("admin:meetings_statement_change", args=[obj.pk]),
            obj.order,
            reverse("meetings_review:statement", args=[obj.pk]),
            obj.order,
        )


class LinesField(forms.CharField):
    """A JSON list of strings edited as one item per line."""

    widget = forms.Textarea(attrs={"rows": 2, "cols": 30})

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
        fields = ["meeting_dates", "documents_issued", "editor_note"]
        widgets = {"editor_note": forms.Textarea(attrs={"rows": 2, "cols": 30})}


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
        "country_list",
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
        "parser_notes",
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
                    ("title", "subtitle"),
                    ("meeting_type", "provisional_translation"),
                    "occasion",
                ]
            },
        ),
        (
            "When and where",
            {
                "fields": [
                    ("date_start", "date_end"),
                    ("published", "start_time"),
                    ("meeting_dates", "duration_minutes"),
                    ("location", "venue"),
                ]
            },
        ),
        ("Editing", {"fields": [("edited", "country_list"), ("editor_note", "documents_issued")]}),
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
                ],
            },
        ),
    ]
    change_form_template = "admin/meetings/meeting/change_form.html"

    def get_fieldsets(self, request, obj=None):
        """The parser's doubts come first, open while the meeting waits for review."""
        waiting = obj is not None and obj.needs_review and obj.reviewed_at is None
        doubts = {
            "classes": [] if waiting else ["collapse"],
            "fields": [
                ("needs_review", "reviewed"),
                "parser_notes",
                ("published_partial", "meeting_dates_partial"),
            ],
        }
        return [("Parser review", doubts), *super().get_fieldsets(request, obj)]

    @admin.display(description="countries")
    def country_list(self, obj):
        return ", ".join(obj.countries) or "—"

    @admin.display(description="the parser's notes")
    def parser_notes(self, obj):
        notes = sorted(
            (note.get("confidence", 1.0), name, note.get("reason", ""))
            for name, note in (obj.parse_confidence or {}).items()
            if isinstance(note, dict)
        )
        rows = format_html_join(
            "", "<li>{}: {} — {}</li>", ((name, f"{c:.2f}", why) for c, name, why in notes)
        )
        return format_html('<ul class="parser-notes">{}</ul>', rows) if notes else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        meeting = Meeting.objects.filter(pk=object_id).only("original_text").first()
        if meeting is not None:
            statements = Statement.objects.filter(meeting_id=meeting.pk).only(
                "order", "start_offset", "end_offset"
            )
            extra_context = {
                **(extra_context or {}),
                "source_segments": review.source_segments(meeting.original_text, statements),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="reviewed", ordering="reviewed_at")
    def reviewed(self, obj):
        return review_note(obj)

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
        changed = _changed_besides_edited_flag(form, formsets)
        # Part of the same change: the history row this save wrote gets them too.
        if changed and not meeting.edited:
            history.amend(meeting, edited=True)
        if changed and meeting.needs_review:
            mark_fixed(request, meeting)
        countries = meeting.participants.exclude(country="").values_list("country", flat=True)
        if sorted(set(countries)) != meeting.countries:
            history.amend(meeting, countries=sorted(set(countries)))


class MeetingPartAdmin(HistoryAdmin):
    """A row that belongs to one meeting: saving or reverting it marks the meeting edited."""

    def reverting(self, request, obj):
        history.mark_meeting_edited(obj.meeting_id)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.has_changed():
            history.mark_meeting_edited(obj.meeting_id)


@admin.register(Topic)
class TopicAdmin(MeetingPartAdmin):
    list_display = ["__str__", "meeting", "subject", "order"]
    list_select_related = ["meeting", "subject"]
    search_fields = ["heading", "meeting__title"]
    autocomplete_fields = ["meeting", "subject"]
    raw_id_fields = ["parent"]


@admin.register(Participant)
class ParticipantAdmin(MeetingPartAdmin):
    """Participants are edited inside their meeting; here for their history and revert."""

    list_display = ["person", "name_as_written", "title", "role", "meeting"]
    list_select_related = ["person", "meeting"]
    search_fields = ["name_as_written", "person__name", "meeting__title"]
    autocomplete_fields = ["person"]
    readonly_fields = ["meeting"]
    fields = ["meeting", "order", "person", "name_as_written", "title", "country", "role"]

    def has_add_permission(self, request):
        return False  # a participant belongs to a meeting: add it there
