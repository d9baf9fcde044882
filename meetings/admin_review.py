"""The editors' review queue and the statement editor, inside the admin.

/admin/meetings/review/                    what needs a person's eyes, most doubtful first
/admin/meetings/review/statement/<pk>/     the statement in its paragraph: confirm or fix
/admin/meetings/review/mark/               POST: a meeting, alias or subject checked
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from . import review
from .models import Meeting, Person, PersonAlias, Statement, Subject
from .parsing.record import REVIEW_BELOW

MARKABLE = {"meeting": Meeting, "alias": PersonAlias, "subject": Subject}


class PersonLabelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.country})" if obj.country else obj.name


class SpeakersForm(forms.Form):
    """Speakers from the meeting's participants (checkboxes) or anyone else (a select)."""

    participants = PersonLabelField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Speakers among the participants",
    )
    others = PersonLabelField(
        queryset=Person.objects.all(),
        required=False,
        label="Other speakers",
        help_text="Anyone in the archive; hold Ctrl (⌘ on a Mac) to choose several.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, statement: Statement, **kwargs):
        self.statement = statement
        current = list(statement.speakers.all())
        present = Person.objects.filter(participations__meeting=statement.meeting_id).distinct()
        cast = list(present.order_by("name"))
        cast_ids = {person.pk for person in cast}
        kwargs.setdefault(
            "initial",
            {
                "participants": [p.pk for p in current if p.pk in cast_ids],
                "others": [p.pk for p in current if p.pk not in cast_ids],
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = present.order_by("name")
        self.fields["others"].queryset = Person.objects.exclude(pk__in=cast_ids).order_by("name")

    def speakers(self) -> list[Person]:
        return [*self.cleaned_data["participants"], *self.cleaned_data["others"]]


def _require(request, permission: str) -> None:
    if not request.user.has_perm(f"meetings.{permission}"):
        raise PermissionDenied


def queue_view(request):
    _require(request, "view_statement")
    context = {
        **admin.site.each_context(request),
        "title": "Review queue",
        "queue": review.queue(),
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
