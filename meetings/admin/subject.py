"""Subjects: merge variants; a lone subject corrected here leaves the review queue."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count

from meetings.models import Subject
from meetings.subjects import merge_subjects

from .common import FrozenSlugMixin, mark_fixed, mark_reviewed
from .history import HistoryAdmin


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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.has_changed():
            mark_fixed(request, obj)

    @admin.display(description="topics", ordering="topic_count")
    def topic_count(self, obj):
        return obj.topic_count
