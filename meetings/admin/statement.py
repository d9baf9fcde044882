"""Statements: who said what, searched phrase-first, filtered by meeting and speaker."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR
from django.db.models import Case, IntegerField, Value, When
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.text import smart_split, unescape_string_literal

from meetings import history, review
from meetings.models import Person, Statement, Topic

from .common import mark_reviewed, object_id_of, review_note
from .filters import ConfidenceFilter, MeetingFilter, ReviewedFilter, SpeakerFilter
from .history import HistoryAdmin
from .review_pages import person_autocomplete


class ReassignForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.all(),
        label="New speaker",
        required=True,
        widget=person_autocomplete(multiple=False),
    )


def phrase_of(search_term: str) -> str:
    """The words of an admin search as one phrase ("peace treaty" from peace treaty)."""
    words = [_unquoted(word) for word in smart_split(search_term)]
    return " ".join(" ".join(words).split())


def _unquoted(word: str) -> str:  # as ModelAdmin.get_search_results reads a quoted phrase
    if len(word) > 1 and word[0] in "\"'" and word[-1] == word[0]:
        return unescape_string_literal(word)
    return word


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

    @property
    def media(self):
        return super().media + SpeakerFilter.media()

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("speakers")
        return queryset.defer("meeting__original_text")

    def get_search_results(self, request, queryset, search_term):
        """Django's search (every word somewhere), with the rows holding the words as one
        phrase first, unless the editor sorts by a column."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        phrase = phrase_of(search_term)
        if " " in phrase and ORDER_VAR not in request.GET:
            queryset = queryset.annotate(
                phrase_rank=Case(
                    When(text__icontains=phrase, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            ).order_by("phrase_rank", *queryset.query.order_by)
        return queryset, may_have_duplicates

    @admin.display(description="statement")
    def excerpt(self, obj):
        return obj.text if len(obj.text) <= 150 else obj.text[:149].rstrip() + "…"

    @admin.display(description="speakers")
    def speaker_names(self, obj):
        links = format_html_join(
            ", ",
            '<a href="?speaker={}" title="Statements of {}">{}</a>',
            ((person.pk, person.name, person.name) for person in obj.speakers.all()),
        )
        return links or "—"

    @admin.display(description="meeting", ordering="meeting__date_start")
    def meeting_label(self, obj):
        return format_html(
            '<a href="?meeting={}" title="Statements of this meeting">{}</a>',
            obj.meeting_id,
            obj.meeting,
        )

    @admin.display(description="reviewed", ordering="reviewed_at")
    def reviewed(self, obj):
        return review_note(obj)

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
            statement = Statement.objects.filter(pk=object_id_of(request)).first()
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
