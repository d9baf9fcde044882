"""The search page: read the query string, ask the search module, load the rows."""

from __future__ import annotations

import math

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from .. import search as search_module
from ..facets import limit_values
from ..filters import SEARCH_SORTS, SearchFilterForm
from ..models import MeetingType, Person, Statement, Subject
from ..search.fields import FACET_LABELS

RESULTS_PER_PAGE = 20


def search(request):
    form = SearchFilterForm(request.GET)
    values = form.values()
    query = values.get("q", "")
    active = form.active_list()
    context = {
        "query": query,
        "active_filters": active,
        "hidden_filters": [(f["name"], request.GET[f["name"]]) for f in active],
        "clear_url": _search_url(q=query) if query else _search_url(),
        "problems": form.problems,
        "sort": values.get("sort", "relevance"),
        "sorts": SEARCH_SORTS,
    }
    filters = form.search_filters()
    if query or filters:
        result = search_module.search(
            query,
            filters,
            page=values.get("page", 1),
            per_page=RESULTS_PER_PAGE,
            sort=context["sort"],
        )
        context.update(_results(result, selected=request.GET))
    return render(request, "search/search.html", context)


def _search_url(**params) -> str:
    url = reverse("meetings:search")
    return f"{url}?{urlencode(params)}" if params else url


def _results(result, selected) -> dict:
    statements = Statement.objects.for_display().in_bulk(result.ids)
    hits = [
        # The search module escapes the text and adds only <mark>: its snippet is safe HTML.
        {"snippet": mark_safe(hit.snippet), "statement": statements[hit.statement_id]}
        for hit in result.hits
        if hit.statement_id in statements
    ]
    pages = max(1, math.ceil(result.total / result.per_page)) if result.per_page else 1
    boxed = {person.notice for person in result.people}
    return {
        "result": result,
        # What the person box says is not said twice.
        "notice": "; ".join(notice for notice in result.notices if notice not in boxed),
        "hits": hits,
        "facets": _facets(result.facets, selected),
        "first_number": (result.page - 1) * result.per_page + 1,
        "pages": pages,
        "previous_page": result.page - 1 if result.page > 1 else None,
        "next_page": result.page + 1 if result.page < pages else None,
    }


def _facets(facets: dict[str, dict[str, int]], selected) -> list[dict]:
    """Facet values with people's names and subjects' titles in place of slugs."""
    labels = {
        "speaker": dict(
            Person.objects.filter(slug__in=facets.get("speaker", {})).values_list("slug", "name")
        ),
        "subject": dict(
            Subject.objects.filter(slug__in=facets.get("subject", {})).values_list("slug", "name")
        ),
        "type": dict(MeetingType.choices),
    }
    shown = []
    for name, label in FACET_LABELS.items():
        counts = facets.get(name) or {}
        names = labels.get(name, {})
        values = [
            {"value": str(value), "label": names.get(value, str(value)), "count": count}
            for value, count in counts.items()
        ]
        if name == "year":
            values.sort(key=lambda v: v["value"], reverse=True)
        else:
            values.sort(key=lambda v: (-v["count"], v["label"]))
        if not values:  # nothing to refine by: no box for it
            continue
        chosen = selected.get(name)
        expanded = selected.get("all") == name
        shown.append(
            {
                "name": name,
                "label": label,
                "selected": chosen,
                **limit_values(values, chosen, expanded),
            }
        )
    return shown
