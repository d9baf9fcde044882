"""The search's fields and filters, each listed once (like openparliament's ALLOWABLE_FILTERS).

QUERY_FIELDS are the query language's `field:value` names; FILTERS the
query-string parameters of the search page, the API and search(), with their
facets. The query parser, normalise_filters, SearchFilterForm, the facet
counts and labels, and both backends read these tables; so a filter added
here is a parameter, a query field and (when counted) a facet everywhere.
tests/search/test_fields.py checks that they agree. Pure Python: query.py,
which knows no Django, reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

FACET = "facet"  # statements having one value, e.g. a speaker's slug
RANGE = "range"  # statements in a span of years or days


@dataclass(frozen=True)
class QueryField:
    name: str  # speaker in `speaker:putin`
    ranged: bool  # a year or date span (`year:2003..2005`), else words or a value
    example: str  # how it is written, for messages about a field used wrongly


QUERY_FIELDS = (
    QueryField("speaker", False, "speaker:putin"),
    QueryField("country", False, "country:russia"),
    QueryField("topic", False, 'topic:"north korea"'),
    QueryField("subject", False, "subject:energy"),
    QueryField("title", False, "title:gleneagles"),
    QueryField("location", False, "location:moscow"),
    QueryField("type", False, "type:summit"),
    QueryField("year", True, "year:2004 or year:2003..2005"),
    QueryField("date", True, "date:2004-06-10, date:2004-06 or date:2003..2004-06"),
)


@dataclass(frozen=True)
class Filter:
    name: str  # the query-string parameter; for a counted filter also its facet's name
    label: str  # what readers see: the form field's label, the facet box's heading
    kind: str  # FACET or RANGE
    query_field: str  # the query language's field that means the same (`speaker:putin`)
    form_field: str  # the form field that reads it (meetings/filters.py): person, subject,
    # text, meeting_type, year, date
    whoosh_field: str  # where the values are: the Whoosh field ...
    postgres_column: str  # ... and the meetings_searchdocument column
    many: bool = False  # a statement has several values (speakers) or one (its type)
    counted: bool = True  # search results count statements per value (a facet)
    bound: str = ""  # RANGE: "low" (from), "high" (to) or "" (one year: both)


def _day_bound(name: str, label: str, bound: str) -> Filter:
    """date_from and date_to: one bound of a span of days, not counted."""
    day = ("date", "date", "date", "date_ordinal")  # query field, form field, Whoosh, PostgreSQL
    return Filter(name, label, RANGE, *day, counted=False, bound=bound)


FILTERS = (
    Filter("speaker", "Speaker", FACET, "speaker", "person", "f_speaker", "speakers", many=True),
    Filter("country", "Country", FACET, "country", "text", "f_country", "countries", many=True),
    Filter("type", "Type", FACET, "type", "meeting_type", "type", "meeting_type"),
    Filter("year", "Year", RANGE, "year", "year", "year", "year"),
    Filter("subject", "Subject", FACET, "subject", "subject", "f_subject", "subjects", many=True),
    _day_bound("date_from", "From date", "low"),
    _day_bound("date_to", "To date", "high"),
)

BY_NAME = {spec.name: spec for spec in FILTERS}
FILTER_NAMES = tuple(BY_NAME)
FACETS = tuple(spec for spec in FILTERS if spec.counted)
FACET_NAMES = tuple(spec.name for spec in FACETS)
FACET_LABELS = {spec.name: spec.label for spec in FACETS}
TEXT_FIELDS = tuple(field.name for field in QUERY_FIELDS if not field.ranged)
RANGE_FIELDS = tuple(field.name for field in QUERY_FIELDS if field.ranged)
FIELD_EXAMPLES = {field.name: field.example for field in QUERY_FIELDS}
