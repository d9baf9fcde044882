"""The pages people read: home, meetings, people and subjects."""

from __future__ import annotations

import math

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from ..citations import as_text, citation_for
from ..corrections import corrections
from ..filters import MEETING_SORTS, MeetingFilter, meeting_facets, statement_counts
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
from . import display
from .sections import SubjectSections

MEETINGS_PER_PAGE = 50
STATEMENTS_PER_PAGE = 25
PEOPLE_PER_PAGE = 50
SECTIONS_PER_PAGE = 20
LATEST_MEETINGS = 8
RELATED_MEETINGS = 5
# Ties beyond this many best-scored meetings are not ordered by date.
RELATED_CANDIDATES = 100
CITE_FORMATS = (("txt", "Text"), ("csl", "CSL-JSON"), ("ris", "RIS"), ("bibtex", "BibTeX"))


def home(request):
    years = (
        Meeting.objects.filter(date_start__isnull=False)
        .order_by()
        .annotate(year=ExtractYear("date_start"))
        .values("year")
        .annotate(n=Count("id"))
    )
    context = {
        "counts": {
            "meetings": Meeting.objects.count(),
            "statements": Statement.objects.count(),
            "people": Person.objects.filter(
                Q(participations__isnull=False) | Q(statements__isnull=False)
            )
            .distinct()
            .count(),
            "subjects": Subject.objects.count(),
        },
        "latest": Meeting.objects.for_list().annotate(statement_count=statement_counts())[
            :LATEST_MEETINGS
        ],
        "timeline": display.timeline({row["year"]: row["n"] for row in years}),
    }
    return render(request, "meetings/home.html", context)


def meeting_list(request):
    filterset = MeetingFilter(request.GET or None, queryset=Meeting.objects.all())
    meetings = filterset.qs.for_list()
    page = Paginator(meetings, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page": page,
        "facets": meeting_facets(filterset, expanded=request.GET.get("all")),
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
        "related": _related(meeting, participants, topics),
        "corrections": corrections(meeting),
        "source_credit": display.source_credit(meeting),
        "citation": as_text(citation_for(meeting, meeting_url, today)),
        "cite_formats": CITE_FORMATS,
    }
    return render(request, "meetings/meeting_detail.html", context)


def _neighbour(meeting, before: bool):
    if meeting.date_start is None:
        return None
    if before:
        earlier = Q(date_start__lt=meeting.date_start) | Q(
            date_start=meeting.date_start, id__lt=meeting.id
        )
        return Meeting.objects.filter(earlier).order_by("-date_start", "-id").first()
    later = Q(date_start__gt=meeting.date_start) | Q(
        date_start=meeting.date_start, id__gt=meeting.id
    )
    return Meeting.objects.filter(later).order_by("date_start", "id").first()


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
    page = Paginator(filterset.qs, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
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
    meetings = Meeting.objects.filter(
        pk__in=Participant.objects.filter(person=person).values("meeting_id")
    ).chronological()
    statements = person.statements.for_display().order_by(
        "meeting__date_start", "meeting_id", "order"
    )
    page = Paginator(statements, STATEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "person": person,
        "aliases": [a for a in person.aliases.all() if a.name != person.name],
        "offices": offices,
        "meetings": meetings,
        "page": page,
    }
    return render(request, "people/person_detail.html", context)


def subject_list(request):
    subjects = Subject.objects.annotate(
        meeting_count=Count("topics__meeting", distinct=True)
    ).order_by("name")
    return render(request, "meetings/subject_list.html", {"subjects": subjects})


def subject_detail(request, slug):
    subject = Subject.objects.filter(slug=slug).first()
    if subject is None:
        return _moved(FormerSubjectSlug, slug)
    chosen = SubjectSections(subject, request.GET)
    page = Paginator(chosen.topics(), SECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "subject": subject,
        "page": page,
        "sections": chosen.sections(page.object_list),
        "statement_count": chosen.statements().count(),
        "facets": chosen.facets(expanded=request.GET.get("all")),
        "active_filters": chosen.active_list(),
        "problems": chosen.problems,
    }
    return render(request, "meetings/subject_detail.html", context)
