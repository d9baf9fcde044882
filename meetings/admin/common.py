"""What the admin's pages share: review marks, compact labelled inline rows."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper

from meetings import review


def review_note(obj) -> str:
    if not obj.reviewed_at:
        return ""
    by = obj.reviewed_by.get_username() if obj.reviewed_by else "someone"
    return f"{obj.get_review_action_display()} by {by}, {obj.reviewed_at:%Y-%m-%d %H:%M}"


@admin.action(description="Mark selected as reviewed (out of the review queue)")
def mark_reviewed(modeladmin, request, queryset):
    count = review.mark_reviewed(queryset, request.user)
    modeladmin.message_user(request, f"Marked {count} as reviewed.", messages.SUCCESS)


def mark_fixed(request, obj) -> None:
    """An editor corrected this item in its form: it leaves the review queue, as fixed."""
    if obj.pk and obj.reviewed_at is None:
        review.mark_fixed(obj, request.user)


def object_id_of(request) -> str | None:
    """The object a change page (or one of its history versions, by position) is about."""
    match = request.resolver_match
    if match is None:
        return None
    return match.kwargs.get("object_id") or (match.args[0] if match.args else None)


class LabelledRowsFormSet(forms.BaseInlineFormSet):
    """A tabular inline's cells have a column header but no <label>: each field gets an
    aria-label naming its column and row, so screen readers (and axe) can tell them."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        where = f"row {index + 1}" if index is not None else "new row"
        for name, field in form.fields.items():
            field.widget.attrs.setdefault("aria-label", f"{field.label or name}, {where}")


class CompactInline(admin.TabularInline):
    """One line a row: no add/change/delete icons beside each select, no title line
    above each row (admin-meeting.css), no "view on site"."""

    formset = LabelledRowsFormSet
    extra = 0
    view_on_site = False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, RelatedFieldWidgetWrapper):
            field.widget = field.widget.widget
        return field


class FrozenSlugMixin:
    """A slug is the page's permanent address: set once, read-only after (see Former*Slug)."""

    prepopulated_fields = {"slug": ("name",)}

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None else super().get_prepopulated_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "slug"] if obj is not None else fields
