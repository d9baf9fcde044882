"""Name resolution: authority aliases, fuzzy matches above the threshold, variants in one text."""

from __future__ import annotations

import pytest
from helpers import parse_one, summary

from meetings.parsing import PeopleAuthority, load_default_authority
from meetings.parsing.canonical_names import canonical_name
from meetings.parsing.names import FUZZY_THRESHOLD, PersonRegistry

AUTHORITY = PeopleAuthority.from_entries(
    [
        {
            "name": "Mikhail Kasyanov",
            "country": "Russian Federation",
            "office": "Chairman of the Government",
            "aliases": ["Mikhail Kasjyanov", "Kasjyanov"],
        },
        {
            "name": "Igor Ivanov",
            "country": "Russian Federation",
            "office": "Minister of Foreign Affairs",
        },
        {"name": "Sergei Ivanov", "country": "Russian Federation", "office": "Minister of Defence"},
    ]
)


def test_exact_alias_resolves_by_authority():
    resolution = AUTHORITY.resolve("Mikhail Kasjyanov")
    assert (resolution.name, resolution.method) == ("Mikhail Kasyanov", "authority")


def test_misspelling_resolves_fuzzily_above_the_threshold():
    resolution = AUTHORITY.resolve("Mikhail Kasianov")
    assert resolution.name == "Mikhail Kasyanov"
    assert resolution.method == "fuzzy"
    assert resolution.score >= FUZZY_THRESHOLD


def test_family_name_alone_needs_one_candidate_or_a_fitting_office():
    assert AUTHORITY.resolve("Ivanov") is None
    assert AUTHORITY.resolve("Ivanov", "Foreign Minister").name == "Igor Ivanov"


def test_unrelated_name_does_not_resolve():
    assert AUTHORITY.resolve("Sergey Lavrov") is None


def test_variant_spellings_in_one_text_without_authority():
    registry = PersonRegistry(None)
    first = registry.resolve("Mikhail Kasjyanov", "Chairman")
    assert registry.resolve("Kasiyanov", "Chairman") is first
    assert registry.resolve("Kasjyanov") is first
    assert registry.resolve("Putin") is not first


def test_participant_records_the_resolution():
    text = summary(
        "Chairman Mikhail Kasiyanov held talks with Prime Minister Koizumi in Tokyo. Chairman "
        "Kasjyanov stated that he was glad.",
        title="Japan-Russia Meeting",
    )
    with_authority = parse_one(text, AUTHORITY).participants[0]
    assert (with_authority.name, with_authority.resolution) == ("Mikhail Kasyanov", "fuzzy")
    assert with_authority.name_as_written == "Mikhail Kasiyanov"
    without = parse_one(text).participants[0]
    assert (without.name, without.resolution) == ("Mikhail Kasiyanov", "text")
    assert parse_one(text).speakers == ["Mikhail Kasiyanov"]


def test_default_authority_loads():
    authority = load_default_authority()
    assert authority.resolve("Sergei Lavrov").name == "Sergey Lavrov"
    assert authority.resolve("Roh Moo Hyun").name == "Roh Moo-hyun"


@pytest.mark.parametrize(
    "written, country, filed",
    [
        ("Marco Velaz Ortiz", "Chile", "Marco Velaz"),  # the father's family name first
        ("Pedro Andrés Ruiz Soto", "Argentina", "Pedro Ruiz"),  # a second given name
        ("Hugo Baltasar Ortega Lima", "Guatemala", "Hugo Ortega"),  # two given, two family
        ("Carlos de la Vega Ortiz", "Mexico", "Carlos de la Vega"),  # a particle stays
        ("Lucas Andrade Moura Prado", "Brazil", "Lucas Prado"),  # known by the last name
        ("Ana Luiza da Silva", "Brazil", "Ana da Silva"),
        ("Dawit Bekele Tadesse", "Ethiopia", "Dawit Bekele"),  # given and father's name
        ("Khin Maung Soe Win", "Myanmar", "Khin Maung Soe Win"),  # no family name
        ("Peter Jonathan Miller", "Canada", "Peter Miller"),  # a middle name goes
        ("Marco Velaz Ortiz", None, "Marco Ortiz"),  # no country: the general rule
    ],
)
def test_a_new_persons_name_follows_their_countrys_naming_custom(written, country, filed):
    assert canonical_name(written, country) == filed


@pytest.mark.parametrize(
    "written, title, filed",
    [
        ("Karim Nabil al-Hashimi", "Prime Minister", "Karim al-Hashimi"),
        ("Karim bin Nabil Al-Hashimi", "Minister of Foreign Affairs", "Karim Al-Hashimi"),
        ("Karim bin Nabil Al Hashimi", "Emir", "Karim bin Nabil Al Hashimi"),  # a royal lineage
        ("Anne Marie de Fontaine Roche", "President", "Anne Roche"),
        ("Pierre de Fontaine", "Minister", "Pierre de Fontaine"),
        ("Greta von der Brücke", "President", "Greta von der Brücke"),
        ("Tomasi Kauvaka Lupe Fanua", "Prime Minister", "Tomasi Fanua"),  # middle names go
    ],
)
def test_middle_names_go_and_family_particles_stay(written, title, filed):
    assert canonical_name(written, None, title) == filed


def test_a_run_of_forms_of_address_and_a_long_name_before_the_office():
    record = parse_one(
        summary(
            "On June 10, Prime Minister Ichiro Tanabe held a meeting with Hon. Rev. Dr. Tomasi "
            "Kauvaka Lupe FANUA, Prime Minister of the Kingdom of Tonga.",
            title="Japan-Tonga Summit Meeting",
        )
    )
    principals = [(p.name, p.title, p.country) for p in record.participants]
    assert principals[1] == ("Tomasi Fanua", "Prime Minister", "Tonga")


def test_a_family_name_with_its_particle_finds_the_known_person():
    authority = PeopleAuthority.from_entries(
        [{"name": "Pierre de Fontaine", "country": "France", "office": "Foreign Minister"}]
    )
    record = parse_one(
        summary(
            "On June 10, Minister for Foreign Affairs Ichiro Tanabe held a telephone talk with "
            "Foreign Minister de Fontaine of France.",
            title="Japan-France Foreign Ministers' Telephone Talk",
        ),
        authority,
    )
    assert [p.name for p in record.participants][1] == "Pierre de Fontaine"


def test_a_country_named_by_iso_in_index_form_is_written_plainly():
    record = parse_one(
        summary(
            "On June 10, Prime Minister Ichiro Tanabe held a summit meeting with President "
            "Pedro Ruiz of the Federated States of Micronesia.",
            title="Japan-Micronesia Summit Meeting",
        )
    )
    assert record.participants[1].country == "Micronesia"


def test_a_family_name_that_is_a_month_and_a_leading_initial():
    record = parse_one(
        summary(
            "On June 10, Prime Minister Ichiro Tanabe held a summit meeting with the Rt. Hon. "
            "Clara May, Prime Minister of the United Kingdom, and then with H.E. Dr. R. Kumaran, "
            "Minister of External Affairs of India.",
            title="Summit Meetings",
        )
    )
    principals = [(p.name, p.title, p.country) for p in record.participants]
    assert ("Clara May", "Prime Minister", "United Kingdom") in principals
    assert ("Kumaran", "Minister of External Affairs", "India") in principals


def test_the_office_after_a_name_counts_even_when_a_caption_named_them_first():
    record = parse_one(
        """
        Japan-Chile Relations

        August 22, 2021
        A picture of Mr. TANABE Ichiro and H.E. Dr. Marco VELAZ who bump elbows

        On August 22, commencing at 10:40 for 30 minutes, Mr. TANABE Ichiro, Minister for
        Foreign Affairs of Japan, held a meeting with H.E. Dr. Marco VELAZ, Minister of Foreign
        Affairs of the Republic of Chile. The overview of the meeting is as follows.
        """
    )
    assert record.participants[1].title == "Minister of Foreign Affairs"
    assert record.meeting_type == "foreign_ministers"
