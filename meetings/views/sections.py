"""A subject's sections across meetings, narrowed by side and year, with counts.

A statement's side is whom its speakers took part in the meeting for (see
StatementQuerySet.with_sides): the home country, the counterpart, or both
(joint statements). Each facet is counted under the other filter only, as on
the meetings list, so choosing a year still shows every side's count.
"""

from __future__ import annotations

from django import forms
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from ..facets import limit_values
from ..filters import problem
from ..models import SIDE_CONDITIONS, Statement, Topic
from ..vocabulary import SIDES

FILTER_LABELS = {"side": "Side", "year": "Year"}


class SectionFilterForm(forms.Form):
    """The subject page's query string; a value not understood is ignored, with a message."""

    side = forms.ChoiceField(choices=SIDES, required=False, label=FILTER_LABELS["side"])
    year = forms.IntegerField(
        min_value=1, max_value=9999, required=False, label=FILTER_LABELS["year"]
    )

    def chosen(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    @property
    def problems(self) -> list[str]:
        return [problem(name, self.data.get(name, ""), self.fields[name]) for name in self.errors]


class SubjectSections:
    """The statements on `subject` that the query string `data` selects, and their sections."""

    def __init__(self, subject, data):
        self.subject = subject
        self.form = SectionFilterForm(data)
        self.chosen = self.form.chosen()
        self.problems = self.form.problems

    def statements(self, without: str | None = None):
        """Statements under the subject's sections (and their sub-sections) that every
        filter but `without` selects."""
        subject = self.subject
        statements = Statement.objects.filter(
            Q(topic__subject=subject) | Q(topic__parent__subject=subject)
        )
        return self._narrowed(statements, without)

    def _narrowed(self, statements, without: str | None = None):
        """`statements` that every filter of the query string but `without` selects."""
        if "year" in self.chosen and without != "year":
            statements = statements.filter(meeting__date_start__year=self.chosen["year"])
        if "side" in self.chosen and without != "side":
            statements = statements.with_sides().on_side(self.chosen["side"])
        return statements

    def topics(self):
        """The subject's sections in date order; with a filter, those it leaves statements in."""
        topics = self.subject.topics.select_related("meeting", "parent").order_by(
            "meeting__date_start", "meeting_id", "order"
        )
        if not self.chosen:
            return topics
        kept = self.statements()
        return topics.filter(
            Q(pk__in=kept.values("topic_id")) | Q(pk__in=kept.values("topic__parent_id"))
        )

    def sections(self, topics) -> list[dict]:
        """Each topic with its selected statements, those of its sub-sections included."""
        topics = list(topics)
        ids = [t.pk for t in topics]
        # By topic id alone, one IN on the statement's indexed topic_id: the
        # subject's condition holds for these sections by construction, and
        # with it (an OR across a join) SQLite read every statement of the
        # subject; two INs OR-ed, one of them a subquery, PostgreSQL read every
        # statement (462 ms at 1,000,000). Both costs grew with the archive.
        sections = Topic.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids)).values("pk")
        under = Statement.objects.filter(topic_id__in=sections)
        statements = (
            self._narrowed(under)
            .select_related("topic")
            .prefetch_related("speakers")
            .order_by("meeting_id", "order")
        )
        by_topic: dict[int, list] = {pk: [] for pk in ids}
        for statement in statements:
            owner = (
                statement.topic_id if statement.topic_id in by_topic else statement.topic.parent_id
            )
            by_topic[owner].append(statement)
        return [{"topic": t, "statements": by_topic[t.pk]} for t in topics]

    def facets(self, expanded: str | None = None) -> list[dict]:
        """Side and year, each value with its statement count, as meetings/_facets.html shows."""
        counted = {"side": self._side_counts(), "year": self._year_counts()}
        facets = []
        for name, values in counted.items():
            if not values:
                continue
            selected = str(self.chosen[name]) if name in self.chosen else None
            facets.append(
                {
                    "name": name,
                    "label": FILTER_LABELS[name],
                    "selected": selected,
                    **limit_values(values, selected, expanded=(name == expanded)),
                }
            )
        return facets

    def _side_counts(self) -> list[dict]:
        counts = (
            self.statements(without="side")
            .with_sides()
            .aggregate(
                **{
                    side: Count("pk", filter=Q(home_side=home, other_side=other))
                    for side, (home, other) in SIDE_CONDITIONS.items()
                }
            )
        )
        return [
            {"value": side, "label": label, "count": counts[side]}
            for side, label in SIDES
            if counts[side]
        ]

    def _year_counts(self) -> list[dict]:
        rows = (
            self.statements(without="year")
            .order_by()
            .annotate(year=ExtractYear("meeting__date_start"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("-year")
        )
        return [
            {"value": str(row["year"]), "label": str(row["year"]), "count": row["n"]}
            for row in rows
            if row["year"] is not None
        ]

    def active_list(self) -> list[dict]:
        """The filters in force, labelled, each removable by its name (_active_filters.html)."""
        labels = {"side": dict(SIDES), "year": {}}
        return [
            {
                "name": name,
                "label": FILTER_LABELS[name],
                "value": labels[name].get(value, str(value)),
            }
            for name, value in self.chosen.items()
        ]
