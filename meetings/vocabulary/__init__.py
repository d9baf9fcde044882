"""Words the parser, the models and search share: one copy, no Django.

Countries from ISO 3166 (pycountry) with the forms it lacks kept by us, and the sides
of a meeting (countries.py); meeting types with their labels and the words a searcher
may use for them (meeting_types.py); how a person's name is normalised and keyed
(names.py); the subject key of a section heading (subjects.py). Import from here:
`from meetings.vocabulary import name_key`.
"""

from .countries import COUNTRY_FORMS, HOME_COUNTRY, HOME_SIDE, KEPT_FORMS, SEARCH_ONLY_FORMS, SIDES
from .meeting_types import (
    FOREIGN_MINISTERS,
    MEETING_TYPE_ALIASES,
    MEETING_TYPE_CHOICES,
    MEETING_TYPES,
    OFFICIAL_VISIT,
    OTHER,
    SUMMIT,
    TELEPHONE,
    VIDEO,
)
from .names import FAMILY_NAME_FIRST_COUNTRIES, name_key, normalize_name
from .subjects import GENERIC_HEADINGS, SUBJECT_FORMS, fold, subject_key

__all__ = [
    "COUNTRY_FORMS",
    "FAMILY_NAME_FIRST_COUNTRIES",
    "FOREIGN_MINISTERS",
    "GENERIC_HEADINGS",
    "HOME_COUNTRY",
    "HOME_SIDE",
    "KEPT_FORMS",
    "MEETING_TYPES",
    "MEETING_TYPE_ALIASES",
    "MEETING_TYPE_CHOICES",
    "OFFICIAL_VISIT",
    "OTHER",
    "SEARCH_ONLY_FORMS",
    "SIDES",
    "SUBJECT_FORMS",
    "SUMMIT",
    "TELEPHONE",
    "VIDEO",
    "fold",
    "name_key",
    "normalize_name",
    "subject_key",
]
