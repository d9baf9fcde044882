"""The one registry of search fields and filters (meetings/search/fields.py) is what the
query language, the search form, the facets and both backends use: every filter it lists
works as a query-string parameter, as `field:value` in a query, and counts its values."""

from __future__ import annotations

from django.urls import reverse

from meetings import search
from meetings.filters import SearchFilterForm
from meetings.search import fields, query
from meetings.search.results import FACET_NAMES, SearchResult

# Date filters take days; every other filter a value the facets count (read from them).
DAY_BOUNDS = {
    "date_from": ("2004-01-01", "date:2004-01-01.."),
    "date_to": ("2003-12-31", "date:..2003-12-31"),
}


def _everything() -> SearchResult:
    result = search.search("", per_page=1)
    assert result.error is None and result.total > 0
    return result


def _through_form(params: dict) -> SearchResult:
    form = SearchFilterForm(params)
    assert not form.errors, form.errors
    return search.search(form.values().get("q", ""), form.search_filters(), per_page=1)


def test_the_form_has_a_field_per_filter_labelled_as_the_registry_says():
    form = SearchFilterForm()
    assert list(form.fields) == ["q", *fields.FILTER_NAMES, "sort", "page"]
    for spec in fields.FILTERS:
        assert form.fields[spec.name].label == spec.label


def test_every_query_field_parses_as_a_field_from_its_example():
    for field in fields.QUERY_FIELDS:
        parsed = query.parse(field.example.split(" or ")[0].split(",")[0])
        assert parsed.notices == [], field.name
        node = parsed.tree
        assert isinstance(node, query.Range if field.ranged else query.FieldTerm), field.name
        assert node.field == field.name
    assert {spec.query_field for spec in fields.FILTERS} <= {f.name for f in fields.QUERY_FIELDS}


def test_every_counted_filter_is_a_facet_of_results_and_of_their_json(corpus):
    result = _everything()
    assert tuple(spec.name for spec in fields.FILTERS if spec.counted) == FACET_NAMES
    assert list(result.facets) == list(FACET_NAMES)
    for name in FACET_NAMES:
        assert result.facets[name], f"no {name} counts on the corpus"


def test_every_counted_filter_narrows_as_parameter_and_as_query_field_alike(corpus):
    """For the top value of each facet: the form parameter and `field:value` both find
    as many statements as the facet counted."""
    facets = _everything().facets
    for spec in fields.FACETS:
        value, counted = next(iter(facets[spec.name].items()))
        by_parameter = _through_form({spec.name: value})
        assert by_parameter.total == counted, (spec.name, value)
        assert by_parameter.facets[spec.name][value] == counted
        if spec.name == "subject":  # subject:x also finds the words of x in headings
            continue
        by_query = search.search(f'{spec.query_field}:"{value}"', per_page=1)
        assert by_query.notices == [] and by_query.total == counted, (spec.name, value)


def test_the_range_filters_narrow_as_parameter_and_as_query_field_alike(corpus):
    everything = _everything().total
    for spec in fields.FILTERS:
        if spec.counted:
            continue
        value, written = DAY_BOUNDS[spec.name]
        by_parameter = _through_form({spec.name: value})
        by_query = search.search(written, per_page=1)
        assert 0 < by_parameter.total < everything, spec.name
        assert by_query.total == by_parameter.total, spec.name


def test_the_search_page_shows_a_box_per_facet_with_the_registry_label(client, corpus):
    response = client.get(reverse("meetings:search"), {"q": "russia"})
    shown = [(facet["name"], facet["label"]) for facet in response.context["facets"]]
    assert shown == [(spec.name, spec.label) for spec in fields.FACETS]
