"""Country words in queries name the countries as the parser stores them."""

import pytest

from meetings.parsing.lexicon import COUNTRY_FORMS
from meetings.search.query import canonical_country


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("russia", "Russian Federation"),
        ("People's Republic of China", "China"),
        ("PRC", "China"),
        ("south korea", "Republic of Korea"),
        ("USA", "United States"),
    ],
)
def test_country_aliases_resolve_to_the_parsers_names(written, stored):
    assert canonical_country(written) == stored
    assert stored in set(COUNTRY_FORMS.values())


def test_a_country_the_parser_stores_is_left_for_case_free_matching():
    for stored in ("China", "Japan", "France"):
        assert canonical_country(stored.lower()).lower() == stored.lower()
