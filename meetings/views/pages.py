"""The pages people read: home, meetings, people and subjects."""

from __future__ import annotations

import math

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from ..archive_cache import cached
from ..citations import as_text, citation_for
from ..corrections import corrections
from ..filters import MEETING_SORTS, MeetingFilter, statement_counts
from ..models import (
    FormerPersonSlug,
    FormerSubjectSlug,
    Meeting,
    Participant,
    Person,
    Role,
    Statement,
    Subject,
    Topic,
)
from ..person_filter import PEOPLE_SORTS, PersonFilter, known_offices, listed_people
from . import counts, display
from .sections import SubjectSections

MEETINGS_PER_PAGE = 50
STATEMENTS_PER_PAGE = 25
PEOPLE_PER_PAGE = 50
SECTIONS_PER_PAGE = 20
# A person page lists this many of their latest meetings; the list page has them all.
PERSON_MEETINGS = 20
LATEST_MEETINGS = 8
RELATED_MEETINGS = 5
# Ties beyond this many best-scored meetings are not ordered by date.
RELATED_CANDIDATES = 100
CITE_FORMATS = (("txt", "Text"), ("csl", "CSL-JSON"), ("ris", "RIS"), ("bibtex", "BibTeX"))


def _archive_counts() -> dict:
    """The home page's totals and meetings per year: counted once per archive state."""
    years = (
        Meeting.objects.filter(date_start__isnull=False)
        .order_by()
        .annotate(year=ExtractYear("date_start"))
        .values("year")
        .annotate(n=Count("id"))
    )
    return {
        "counts": {
            "meetings": Meeting.objects.count(),
            "statements": Statement.objects.count(),
            "people": Person.objects.named_in_texts().count(),
            "subjects": Subject.objects.count(),
        },
        "timeline": display.timeline({row["year"]: row["n"] for row in years}),
    }


def home(request):
    context = {
        **cached("home_counts", _archive_counts),
        "latest": Meeting.objects.for_list().annotate(statement_count=statement_counts())[
            :LATEST_MEETINGS
        ],
    }
    return render(request, "meetings/home.html", context)


def meeting_list(request):
    filterset = MeetingFilter(request.GET or None, queryset=Meeting.objects.all())
    meetings = filterset.qs.for_list()
    paginator = counts.meetings_paginator(filterset, meetings, MEETINGS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page": page,
        "facets": counts.list_facets(filterset, request.GET.get("all")),
        "active_filters": filterset.active_list(),
        "problems": filterset.problems,
        "sort": filterset.sort_value,
        "sorts": MEETING_SORTS,
    }
    return render(request, "meetings/meeting_list.html", context)


def meeting_detail(request, public_id):
    meeting = get_object_or_404(Meeting, public_id=public_id)
    participants = list(meeting.participants.select_related("person"))
    topics = list(meeting.topics.select_related("subject"))
    statements = list(meeting.statements.prefetch_related("speakers"))
    selected = display.selected_statement(statements, request.GET.get("s"))
    meeting_url = request.build_absolute_uri(meeting.get_absolute_url())
    today = timezone.localdate()
    display.cite_statements(meeting, statements, meeting_url, today)
    context = {
        "meeting": meeting,
        "participant_groups": display.by_country(participants),
        "sections": display.sections(topics, statements),
        "topics": topics,
        "selected": selected,
        "original": display.original_with_spans(meeting.original_text, statements, selected),
        "previous": _neighbour(meeting, before=True),
        "next": _neighbour(meeting, before=False),
        "related": cached("related", lambda: _related(meeting, participants, topics), meeting.pk),
        "corrections": corrections(meeting),
        "source_credit": display.source_credit(meeting),
        "citation": as_text(citation_for(meeting, meeting_url, today)),
        "cite_formats": CITE_FORMATS,
    }
    return render(request, "meetings/meeting_detail.html", context)


def _neighbour(meeting, before: bool):
    """The meeting just before or after in time (date, then id): one step along the
    (date_start, id) index, written as a row-value comparison so the database
    walks the index instead of collecting and sorting every earlier meeting."""
    if meeting.date_start is None:
        return None
    sign, order = ("<", ("-date_start", "-id")) if before else (">", ("date_start", "id"))
    row = f'("meetings_meeting"."date_start", "meetings_meeting"."id") {sign} (%s, %s)'
    later_or_earlier = Meeting.objects.extra(where=[row], params=[meeting.date_start, meeting.id])
    return later_or_earlier.order_by(*order).first()


def _related(meeting, participants, topics):
    """Meetings ranked by shared principals (the same leaders meeting again), then by
    shared subjects, then by closeness in time; undated meetings last among equals.

    Only subjects count, not generic headings ("Others" has no subject). Counted
    from the matching topic and participant rows only, so the cost follows how
    many meetings share something, not the size of the archive.
    """
    principals = {p.person_id for p in participants if p.role == Role.PRINCIPAL}
    subjects = {t.subject_id for t in topics if t.subject_id}
    shared_subjects = _count_by_meeting(
        Topic.objects.filter(subject__in=subjects), "subject", meeting
    )
    shared_principals = _count_by_meeting(
        Participant.objects.filter(person__in=principals, role=Role.PRINCIPAL), "person", meeting
    )
    scores = {
        meeting_id: (shared_principals.get(meeting_id, 0), shared_subjects.get(meeting_id, 0))
        for meeting_id in shared_subjects.keys() | shared_principals.keys()
    }
    best = sorted(scores, key=scores.get, reverse=True)[:RELATED_CANDIDATES]
    candidates = Meeting.objects.filter(pk__in=best).only(
        "public_id", "title", "date_start", "date_end"
    )

    def rank(other):
        principals_shared, subjects_shared = scores[other.pk]
        return (-principals_shared, -subjects_shared, _days_apart(meeting, other), -other.pk)

    return sorted(candidates, key=rank)[:RELATED_MEETINGS]


def _days_apart(meeting, other) -> float:
    if meeting.date_start is None or other.date_start is None:
        return math.inf
    return abs((other.date_start - meeting.date_start).days)


def _count_by_meeting(rows, field: str, meeting) -> dict[int, int]:
    counted = (
        rows.exclude(meeting=meeting)
        .values("meeting")
        .annotate(shared=Count(field, distinct=True))
        .values_list("meeting", "shared")
    )
    return dict(counted)


def person_list(request):
    filterset = PersonFilter(request.GET or None, queryset=listed_people())
    page = counts.people_page(filterset, request.GET, PEOPLE_PER_PAGE)
    context = {
        "filterset": filterset,
        "page": page,
        "active_filters": filterset.active_list(),
        "problems": filterset.problems,
        "sort": filterset.sort_value,
        "sorts": PEOPLE_SORTS,
        "offices": known_offices(),
    }
    return render(request, "people/person_list.html", context)


def _moved(former_model, slug: str):
    """A permanent redirect from a page's old address (a merged person's or subject's)."""
    former = former_model.objects.filter(slug=slug).first()
    if former is None:
        raise Http404(f"No page at “{slug}”.")
    owner = former.person if former_model is FormerPersonSlug else former.subject
    return redirect(owner, permanent=True)


def person_detail(request, slug):
    person = Person.objects.prefetch_related("aliases").filter(slug=slug).first()
    if person is None:
        return _moved(FormerPersonSlug, slug)
    offices = (
        Participant.objects.filter(person=person)
        .exclude(title="")
        .order_by("title")
        .values_list("title", flat=True)
        .distinct()
    )
    attended = Meeting.objects.filter(
        pk__in=Participant.objects.filter(person=person).values("meeting_id")
    )
    statements = person.statements.order_by("meeting__date_start", "meeting_id", "order")
    paginator = counts.counted_paginator(
        statements, STATEMENTS_PER_PAGE, "person_statements", person.pk
    )
    page = paginator.get_page(request.GET.get("page"))
    # Which rows, in which order: a sort of all the person's statements and meetings,
    # done once per archive state; the rows shown are then read by id.
    shown = cached("person_page", lambda: counts.ids_of(page.object_list), person.pk, page.number)
    page.object_list = counts.by_ids(Statement.objects.for_display(), shown)
    latest = attended.order_by("-date_start", "-start_time", "-id")[:PERSON_MEETINGS]
    latest_ids = cached("person_latest", lambda: counts.ids_of(latest), person.pk)
    context = {
        "person": person,
        "aliases": [a for a in person.aliases.all() if a.name != person.name],
        "offices": cached("person_offices", lambda: list(offices), person.pk),
        # the latest ones, oldest of them first
        "meetings": counts.by_ids(Meeting.objects.all(), latest_ids)[::-1],
        "meetings_total": cached("person_meetings", attended.count, person.pk),
        "page": page,
    }
    return render(request, "people/person_detail.html", context)


def _subjects_with_counts() -> list[Subject]:
    return list(
        Subject.objects.annotate(meeting_count=Count("topics__meeting", distinct=True)).order_by(
            "name"
        )
    )


def subject_list(request):
    subjects = cached("subject_list", _subjects_with_counts)
    return render(request, "meetings/subject_list.html", {"subjects": subjects})


def subject_detail(request, slug):
    subject = Subject.objects.filter(slug=slug).first()
    if subject is None:
        return _moved(FormerSubjectSlug, slug)
    chosen = SubjectSections(subject, request.GET)
    # The counts over every statement on the subject: once per archive state and filters.
    key = (subject.pk, tuple(sorted(chosen.chosen.items())))
    paginator = counts.counted_paginator(chosen.topics(), SECTIONS_PER_PAGE, "sections", key)
    page = paginator.get_page(request.GET.get("page"))
    shown = cached("subject_page", lambda: counts.ids_of(page.object_list), key, page.number)
    page.object_list = counts.by_ids(Topic.objects.select_related("meeting", "parent"), shown)
    expanded = request.GET.get("all")
    context = {
        "subject": subject,
        "page": page,
        "sections": chosen.sections(page.object_list),
        "statement_count": cached("subject_statements", chosen.statements().count, key),
        "facets": cached("subject_facets", lambda: chosen.facets(expanded), key, expanded),
        "active_filters": chosen.active_list(),
        "problems": chosen.problems,
    }
    return render(request, "meetings/subject_detail.html", context)
