"""The editors' review queue and the statement editor, inside the admin.

/admin/meetings/review/                    what needs a person's eyes, most doubtful first
/admin/meetings/review/statement/<pk>/     the statement in its paragraph: confirm or fix
/admin/meetings/review/mark/               POST: a meeting, person, alias or subject checked
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from meetings import review
from meetings.models import Meeting, Person, PersonAlias, Statement, Subject
from meetings.parsing.record import REVIEW_BELOW

MARKABLE = {"meeting": Meeting, "person": Person, "alias": PersonAlias, "subject": Subject}


class PersonLabelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.country})" if obj.country else obj.name


class IsolatedPersonLabelField(PersonLabelField):
    """Checkbox labels are page text: a name's bidi controls stay inside its <bdi>."""

    def label_from_instance(self, obj):
        return format_html("<bdi>{}</bdi>", super().label_from_instance(obj))


def person_autocomplete(*, multiple: bool):
    """The admin's autocomplete (select2, static files only: fine under the CSP) over
    PersonAdmin's search, as for the statement form's speakers."""
    widget = AutocompleteSelectMultiple if multiple else AutocompleteSelect
    return widget(Statement._meta.get_field("speakers"), admin.site)


class SpeakersForm(forms.Form):
    """Speakers from the meeting's participants (checkboxes) or anyone else (autocomplete)."""

    participants = IsolatedPersonLabelField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Speakers among the participants",
    )
    others = PersonLabelField(
        queryset=Person.objects.all(),
        required=False,
        label="Other speakers",
        help_text="Anyone in the archive: type part of a name or of a known spelling.",
        widget=person_autocomplete(multiple=True),
    )

    def __init__(self, *args, statement: Statement, **kwargs):
        self.statement = statement
        current = list(statement.speakers.all())
        present = Person.objects.filter(participations__meeting=statement.meeting_id).distinct()
        cast_ids = {person.pk for person in present}
        kwargs.setdefault(
            "initial",
            {
                "participants": [p.pk for p in current if p.pk in cast_ids],
                "others": [p.pk for p in current if p.pk not in cast_ids],
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = present.order_by("name")
        self.fields["others"].widget.attrs["aria-describedby"] = "others-help"

    def speakers(self) -> list[Person]:
        chosen = [*self.cleaned_data["participants"], *self.cleaned_data["others"]]
        return list(dict.fromkeys(chosen))


def _require(request, permission: str) -> None:
    if not request.user.has_perm(f"meetings.{permission}"):
        raise PermissionDenied


def queue_view(request):
    _require(request, "view_statement")
    context = {
        **admin.site.each_context(request),
        "title": "Review queue",
        "queue": review.queue({name: request.GET.get(f"{name}_page") for name in review.SECTIONS}),
        "threshold": REVIEW_BELOW,
        "can_change": request.user.has_perm("meetings.change_statement"),
    }
    return TemplateResponse(request, "admin/meetings/review_queue.html", context)


def statement_view(request, pk: int):
    _require(request, "view_statement")
    statement = get_object_or_404(
        Statement.objects.select_related("meeting", "topic").prefetch_related("speakers"), pk=pk
    )
    form = SpeakersForm(request.POST or None, statement=statement)
    if request.method == "POST":
        _require(request, "change_statement")
        action = request.POST.get("action")
        if action == "confirm":
            review.confirm_statements([statement], request.user)
            messages.success(request, f"Confirmed the speakers of statement {statement.order}.")
            return redirect("meetings_review:queue")
        if action == "fix" and form.is_valid():
            review.set_speakers(statement, form.speakers(), request.user)
            names = ", ".join(p.name for p in form.speakers()) or "no speaker (narrative)"
            messages.success(request, f"Statement {statement.order} now reads: {names}.")
            return redirect("meetings_review:queue")
    context = {
        **admin.site.each_context(request),
        "title": f"Check statement {statement.order} of {statement.meeting}",
        "statement": statement,
        "meeting": statement.meeting,
        "passage": review.passage(statement),
        "form": form,
        "threshold": REVIEW_BELOW,
        "change_url": reverse("admin:meetings_statement_change", args=[statement.pk]),
        "can_change": request.user.has_perm("meetings.change_statement"),
    }
    return TemplateResponse(request, "admin/meetings/review_statement.html", context)


@require_POST
def mark_view(request):
    kind = request.POST.get("kind", "")
    model = MARKABLE.get(kind)
    if model is None:
        messages.error(request, "Nothing to mark.")
        return redirect("meetings_review:queue")
    _require(request, f"change_{model._meta.model_name}")
    queryset = model.objects.filter(pk=request.POST.get("pk") or 0)
    item = queryset.first()
    if item is None:
        messages.error(request, f"That {kind} no longer exists.")
    else:
        review.mark_reviewed(queryset, request.user)
        messages.success(request, f"Marked reviewed: {item}.")
    return redirect("meetings_review:queue")


urlpatterns = [
    path("", admin.site.admin_view(queue_view), name="queue"),
    path("statement/<int:pk>/", admin.site.admin_view(statement_view), name="statement"),
    path("mark/", admin.site.admin_view(mark_view), name="mark"),
]
