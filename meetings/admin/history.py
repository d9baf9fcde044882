"""History pages in the admin: every version with who, when and what changed, and revert.

django-simple-history's views (list, one version, revert), and on the same
page the admin log of editors' actions on the object (merges, review marks,
reassignments: meetings/history.py::log_action).

A revert restores what the editor can edit in the form; what the form does not
show (public ids and slugs, the source, the parser's notes, review marks) keeps
its current value, so a permalink never changes through a revert.
"""

from __future__ import annotations

from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import to_historic


class HistoryAdmin(SimpleHistoryAdmin):
    object_history_template = "admin/meetings/object_history.html"

    def history_view(self, request, object_id, extra_context=None):
        actions = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=unquote(object_id),
        ).select_related("user")
        context = {**(extra_context or {}), "admin_actions": actions.order_by("-action_time")}
        return super().history_view(request, object_id, extra_context=context)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        record = to_historic(obj) if obj is not None else None
        if record is None:
            return form
        # A form reads many-to-many values from the live row; show the version's.
        old_values = {
            field.name: [
                getattr(row, f"{field.m2m_reverse_field_name()}_id")
                for row in getattr(record, field.name).all()
            ]
            for field in record._history_m2m_fields
        }

        class VersionForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, ids in old_values.items():
                    if name in self.fields:
                        self.initial[name] = ids

        return VersionForm

    def save_model(self, request, obj, form, change):
        if to_historic(obj) is not None:
            self._keep_what_the_form_does_not_show(obj, form)
            self.reverting(request, obj)
        super().save_model(request, obj, form, change)

    def reverting(self, request, obj) -> None:
        """Called before a revert is saved (e.g. to mark the meeting edited)."""

    def _keep_what_the_form_does_not_show(self, obj, form) -> None:
        kept = [
            field.attname
            for field in obj._meta.concrete_fields
            if not field.primary_key and field.name not in form.fields
        ]
        current = type(obj)._default_manager.filter(pk=obj.pk).values(*kept).first()
        for name, value in (current or {}).items():
            setattr(obj, name, value)
