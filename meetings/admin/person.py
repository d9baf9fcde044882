"""People and their spellings: merge duplicates, split a wrong merge (an action with a
form of its own), add or remove aliases. A person new in a text, or a fuzzy spelling,
corrected here leaves the review queue."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from meetings.models import Person, PersonAlias, PersonOrigin
from meetings.people import (
    SURVIVOR_RULE,
    SplitError,
    choose_survivor,
    keep_old_name,
    merge_people,
    spellings_of,
    split_person,
)
from meetings.vocabulary import name_key

from .common import FrozenSlugMixin, LabelledRowsFormSet, mark_fixed, mark_reviewed, review_note
from .filters import ReviewedFilter
from .history import HistoryAdmin


class SplitPersonForm(forms.Form):
    spellings = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="Spellings that belong to someone else",
        help_text="Their aliases, the meetings whose text writes them so, and the statements "
        "there move to the new person.",
    )
    new_name = forms.CharField(
        max_length=200, label="The other person's name", help_text="Given name first"
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.known = spellings_of(person)
        self.fields["spellings"].choices = list(self.known.items())

    def chosen_spellings(self) -> list[str]:
        return [self.known[key] for key in self.cleaned_data["spellings"]]


def _done_message(person, split) -> str:
    line = (
        f"Split {split.person.name} from {person.name}: {split.participations} "
        f"participation(s), {split.statements} statement(s), {split.aliases} alias(es) moved."
    )
    if split.shared_meetings:
        line += (
            f" Both now take part in {len(split.shared_meetings)} meeting(s); their statements "
            f"stayed with {person.name}: check them."
        )
    return line


@admin.action(description="Split selected person (a wrong merge)…")
def split_selected(modeladmin, request, queryset):
    if queryset.count() != 1:
        modeladmin.message_user(request, "Select exactly one person to split.", messages.WARNING)
        return None
    person = queryset.get()
    form = SplitPersonForm(request.POST if "apply" in request.POST else None, person=person)
    if form.is_bound and form.is_valid():
        try:
            split = split_person(
                person, form.chosen_spellings(), form.cleaned_data["new_name"], user=request.user
            )
        except SplitError as error:
            form.add_error(None, str(error))
        else:
            modeladmin.message_user(request, _done_message(person, split), messages.SUCCESS)
            return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"Split {person.name}",
        "person": person,
        "form": form,
        "opts": modeladmin.model._meta,
        "action": "split_selected",
    }
    return TemplateResponse(request, "admin/meetings/split_person.html", context)


def _settled(request, person: Person) -> None:
    """A person new in a text that an editor has corrected or merged: out of the queue."""
    if person.origin == PersonOrigin.IMPORT:
        mark_fixed(request, person)


class PersonAliasForm(forms.ModelForm):
    class Meta:
        model = PersonAlias
        fields = ["name", "source", "score"]

    def clean_name(self):
        name = self.cleaned_data["name"]
        key = name_key(name)
        if not key:
            raise ValidationError("An alias needs letters or digits.")
        if PersonAlias.objects.filter(name_key=key).exclude(pk=self.instance.pk).exists():
            raise ValidationError(f"“{name}” is already an alias.")
        return name


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    form = PersonAliasForm
    formset = LabelledRowsFormSet
    extra = 1
    fields = ["name", "source", "score"]


@admin.register(Person)
class PersonAdmin(FrozenSlugMixin, HistoryAdmin):
    inlines = [PersonAliasInline]
    list_display = ["name", "country", "office", "origin", "meeting_count", "statement_count"]
    list_filter = ["origin", ReviewedFilter, "country"]
    search_fields = ["name", "aliases__name"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ["origin", "reviewed"]
    actions = ["merge_selected", split_selected, mark_reviewed]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description="reviewed", ordering="reviewed_at")
    def reviewed(self, obj):
        return review_note(obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the alias inline, so an alias typed in the same form is not added twice.
        old_name = form.initial.get("name")
        if change and "name" in form.changed_data and old_name:
            keep_old_name(form.instance, old_name)
        if change and (form.has_changed() or any(f.has_changed() for f in formsets)):
            _settled(request, form.instance)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for alias in formset.initial_forms:  # a fuzzy spelling corrected here leaves the queue
            if alias.has_changed() and alias not in formset.deleted_forms:
                mark_fixed(request, alias.instance)

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
        _settled(request, survivor)
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.has_changed():
            mark_fixed(request, obj)  # e.g. a fuzzy spelling given to the right person
