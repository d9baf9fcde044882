"""/people/: listed by family name, found by a name however spelled, by country and office."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from meetings.models import Meeting, Participant, Person
from meetings.name_order import sort_key

pytestmark = pytest.mark.django_db
PEOPLE = reverse("meetings:person_list")


def people_page(client, **params) -> str:
    response = client.get(PEOPLE, params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode("utf-8")


def listed(html: str) -> list[str]:
    """The names in the table, in page order."""
    return re.findall(r'<th scope="row"><a href="/people/[^"]+/"><bdi>([^<]+)</bdi>', html)


def take_part(names_and_countries, title: str = "") -> None:
    """Put authority people into the first seed meeting, as the importer would."""
    meeting = Meeting.objects.order_by("id").first()
    for order, (name, country) in enumerate(names_and_countries, start=50):
        person, _ = Person.objects.get_or_create(name=name, defaults={"country": country})
        Participant.objects.create(
            meeting=meeting,
            person=person,
            name_as_written=name,
            country=country,
            title=title,
            order=order,
            role="attendee",
        )


def test_people_are_listed_by_family_name(client, seeds):
    take_part([("Hu Jintao", "China"), ("Sergei Ivanov", "Russian Federation")])
    names = listed(people_page(client))
    assert len(names) == Person.objects.filter(participations__isnull=False).distinct().count()
    people = {p.name: p for p in Person.objects.filter(name__in=names)}
    assert names == sorted(names, key=lambda n: (sort_key(n, people[n].country), n))
    # By family name: not by given name (Junichiro < Mikhail), not by the last word
    # (Jintao < Ivanov would put a Chinese name by its given name).
    assert names.index("Mikhail Kasyanov") < names.index("Junichiro Koizumi")
    assert names.index("Hu Jintao") < names.index("Sergei Ivanov")


def test_the_sort_key_is_stored_and_follows_the_name(seeds):
    roh = Person.objects.get(name="Roh Moo-hyun")
    assert roh.sort_name == "roh moo-hyun" and roh.family_name == "Roh"
    kasyanov = Person.objects.get(name="Mikhail Kasyanov")
    assert kasyanov.sort_name == "kasyanov mikhail" and kasyanov.family_name == "Kasyanov"
    kasyanov.name = "Mikhail M. Kasyanov"
    kasyanov.save(update_fields=["name"])
    assert Person.objects.get(pk=kasyanov.pk).sort_name == "kasyanov mikhail m."


@pytest.mark.parametrize("typed", ["Kasyanov", "Kasjyanov", "kasianov", "Kasyanof", "mikh kas"])
def test_a_name_finds_the_person_under_any_spelling_or_misspelling(client, seeds, typed):
    html = people_page(client, q=typed)
    assert listed(html) == ["Mikhail Kasyanov"]
    assert "1 person" in html
    assert f'value="{typed}"' in html  # the form keeps what was typed


def test_a_name_nobody_has_says_so(client, seeds):
    html = people_page(client, q="Zzyzx")
    assert listed(html) == []
    assert "No one matches these filters" in html and f'href="{PEOPLE}"' in html


def test_country_filter_lists_that_countrys_people(client, seeds):
    russians = set(
        Person.objects.filter(country="Russian Federation", participations__isnull=False)
        .distinct()
        .values_list("name", flat=True)
    )
    html = people_page(client, country="Russian Federation")
    assert set(listed(html)) == russians and russians
    # The choices are the countries of the people listed, with how many each has.
    assert re.search(
        r'<option value="Russian Federation" selected>Russian Federation \(\d+\)', html
    )
    assert '<option value="Narnia"' not in html


def test_office_filter_reads_offices_and_titles(client, seeds):
    take_part([("Sergei Ivanov", "Russian Federation")], title="Secretary of the Security Council")
    html = people_page(client, office="security council")
    assert listed(html) == ["Sergei Ivanov"]
    prime_ministers = listed(people_page(client, office="Prime Minister"))
    assert "Junichiro Koizumi" in prime_ministers and "Vladimir Putin" not in prime_ministers


def test_filters_combine_and_show_as_removable_chips(client, seeds):
    html = people_page(client, q="koizumi", country="Japan")
    assert listed(html) == ["Junichiro Koizumi"]
    assert 'href="/people/?country=Japan"' in html  # removes the name, keeps the country
    assert "Name: koizumi" in html and "Country: Japan" in html
    assert listed(people_page(client, q="koizumi", country="Russian Federation")) == []


def test_bad_filter_values_are_explained_and_ignored(client, seeds):
    html = people_page(client, country="Narnia", sort="shoe-size")
    assert "No one from “Narnia” is in the archive. It is ignored." in html
    assert "No sort order “shoe-size”" in html
    assert listed(html) == listed(people_page(client))


def test_people_sort_by_statements(client, seeds):
    html = people_page(client, sort="-statements")
    names = listed(html)
    counts = {p.name: p.statement_count for p in Person.objects.with_counts()}
    assert [counts[n] for n in names] == sorted((counts[n] for n in names), reverse=True)
    assert '<strong aria-current="true">most statements</strong>' in html


def test_people_are_paged_and_pages_keep_the_filters(client, seeds, settings):
    take_part([(f"Test Person{n:02d}", "Japan") for n in range(60)])
    first = people_page(client, country="Japan")
    assert len(listed(first)) == 50
    assert 'href="/people/?country=Japan&amp;page=2"' in first
    second = people_page(client, country="Japan", page=2)
    assert set(listed(second)).isdisjoint(listed(first))
    japanese = Person.objects.filter(country="Japan", participations__isnull=False).distinct()
    assert len(listed(first)) + len(listed(second)) == japanese.count()


def test_the_finder_is_a_plain_form(client, seeds):
    html = people_page(client)
    form = re.search(r'<form class="people-finder".*?</form>', html, re.S).group()
    assert 'method="get"' in form and f'action="{PEOPLE}"' in form
    for field in ('name="q"', 'name="country"', 'name="office"', 'type="submit"'):
        assert field in form
    assert "<script" not in html.split("</head>", 1)[1]  # behaviour only from static files
