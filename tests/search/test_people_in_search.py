"""Search that knows people: a name or alias, or a word close to one, finds the person.

Runs on Whoosh, and on PostgreSQL too with --db=postgres (tests/search/conftest.py).
The corpus is the small seed-text corpus plus meetings in which people are written
under several spellings, as the publisher's texts write them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse

from meetings import search
from meetings.models import Person, PersonAlias, Statement
from tests.search.corpus import KASYANOV, KOIZUMI, create_meeting

ROH = ("Roh Moo-hyun", "Republic of Korea")
KIM_DJ = ("Kim Dae-jung", "Republic of Korea")
KIM_JI = ("Kim Jong-il", "Democratic People's Republic of Korea")
RICE = ("Condoleezza Rice", "United States")
KASYANOV_SPELLINGS = ("Kasyanov", "Kasjyanov", "Kasiyanov", "Kasianov")

MORE_MEETINGS = [
    {
        "public_id": "2004-02-10-tokyo-talks",
        "title": "Japan-Russia Talks in Tokyo",
        "date": dt.date(2004, 2, 10),
        "type": "talks",
        "location": "Tokyo",
        "people": [KOIZUMI, KASYANOV],
        "sections": [
            (
                "Economic Relations",
                [
                    (
                        [KOIZUMI],
                        "statement",
                        "Prime Minister Koizumi welcomed Chairman Kasiyanov to Tokyo.",
                    ),
                    ([KASYANOV], "statement", "He hoped for progress in the field of energy."),
                    ([KOIZUMI], "statement", "The meeting with Mr. Kasyanov was constructive."),
                ],
            )
        ],
    },
    {
        "public_id": "2003-06-07-japan-korea",
        "title": "Japan-Republic of Korea Summit Meeting",
        "date": dt.date(2003, 6, 7),
        "type": "summit",
        "location": "Tokyo",
        "people": [KOIZUMI, ROH, KIM_DJ],
        "sections": [
            (
                "Bilateral Relations",
                [
                    (
                        [ROH],
                        "statement",
                        "The President stated that both countries should deepen exchanges.",
                    ),
                    (
                        [KOIZUMI],
                        "statement",
                        "Prime Minister Koizumi agreed with President Roh Moo-hyun and recalled "
                        "the visit of former President Kim in 1998.",
                    ),
                    ([KIM_DJ], "statement", "Mr. Kim said the price of oil worried Asia."),
                ],
            )
        ],
    },
]


@pytest.fixture
def people_corpus(corpus):
    meetings = [create_meeting(spec, index) for index, spec in enumerate(MORE_MEETINGS, 10)]
    kasyanov = Person.objects.get(name=KASYANOV[0])
    for spelling in ("Kasjyanov", "Kasiyanov", "Kasianov", "Mikhail Kasianov"):
        PersonAlias.objects.get_or_create(person=kasyanov, name=spelling)
    roh = Person.objects.get(name=ROH[0])
    PersonAlias.objects.create(person=roh, name="Roh Moo Hyun")
    Person.objects.create(name=KIM_JI[0], country=KIM_JI[1])
    Person.objects.create(name=RICE[0], country=RICE[1])
    return meetings


def ids(query: str, **options) -> set[int]:
    result = search.search(query, per_page=100, **options)
    assert result.error is None, result.error
    return set(result.ids)


def spoken_or_mentioned(person: Person, pattern: str) -> set[int]:
    """Statements the person spoke, or whose text names them as `pattern` matches."""
    spoken = Q(speakers=person)
    mentioned = Q(text__iregex=pattern)
    return set(Statement.objects.filter(spoken | mentioned).values_list("id", flat=True))


def test_every_spelling_of_a_name_finds_the_same_statements(people_corpus):
    kasyanov = Person.objects.get(name=KASYANOV[0])
    expected = spoken_or_mentioned(kasyanov, r"kas(y|jy|iy|i)anov")
    assert len(expected) == 4  # two spoken (one never naming him), two mentions by others
    for spelling in KASYANOV_SPELLINGS:
        assert ids(spelling) == expected, spelling
        assert ids(spelling.lower()) == expected, spelling
    # Before, each spelling found only its own text: the statement he spoke without
    # his name was found by none of them.
    silent = Statement.objects.get(text__startswith="He hoped for progress")
    assert silent.id in expected


def test_a_name_finds_the_person_with_other_words(people_corpus):
    found = ids("kasianov energy")
    assert found == {Statement.objects.get(text__startswith="He hoped for progress").id}


def test_the_result_names_the_person_with_counts_and_spellings(people_corpus):
    kasyanov = Person.objects.with_counts().get(name=KASYANOV[0])
    result = search.search("Kasianov")
    [person] = result.people
    assert (person.name, person.slug, person.typed) == (kasyanov.name, kasyanov.slug, "Kasianov")
    assert person.statements == kasyanov.statement_count == 2
    assert person.meetings == kasyanov.meeting_count == 2
    assert not person.fuzzy
    assert {"Kasjyanov", "Kasiyanov", "Kasianov"} <= set(person.also_written)
    assert "Kasyanov" not in person.also_written  # the name itself is no other spelling
    assert any("Mikhail Kasyanov" in notice for notice in result.notices)
    assert result.suggestion is None  # a known alias needs no correction


def test_every_spelling_is_highlighted(people_corpus):
    result = search.search("Kasyanov", per_page=100)
    snippets = " ".join(hit.snippet for hit in result.hits)
    for spelling in ("Kasjyanov", "Kasiyanov", "Kasyanov"):
        assert f"<mark>{spelling}</mark>" in snippets


def test_a_misspelled_speaker_is_read_as_the_closest_person(people_corpus):
    koizumi = Person.objects.get(name=KOIZUMI[0])
    result = search.search("speaker:koizumy", per_page=100)
    assert set(result.ids) == ids("speaker:koizumi")
    assert set(result.ids) == set(koizumi.statements.values_list("id", flat=True))
    assert "speaker:koizumy was read as Junichiro Koizumi" in result.notices
    assert result.suggestion == "speaker:Koizumi"
    assert [p.name for p in result.people] == [koizumi.name] and result.people[0].fuzzy


def test_a_misspelled_full_name_is_read_and_suggested(people_corpus):
    roh = Person.objects.get(name=ROH[0])
    result = search.search("Roh Moo-hyon", per_page=100)
    spoken = set(roh.statements.values_list("id", flat=True))
    mention = Statement.objects.get(text__contains="President Roh Moo-hyun").id
    assert set(result.ids) == spoken | {mention}
    assert result.suggestion == "Roh Moo-hyun"
    assert [(p.name, p.fuzzy) for p in result.people] == [(roh.name, True)]
    assert ids('speaker:"Roh Moo-hyon"') == spoken
    assert search.search('speaker:"Roh Moo-hyon"').suggestion == 'speaker:"Roh Moo-hyun"'


def test_a_whole_name_does_not_widen_to_a_shared_family_name(people_corpus):
    kim = Person.objects.get(name=KIM_DJ[0])
    # "Kim" alone names two people: it stays a word, and nobody is put in its place.
    result = search.search("Kim", per_page=100)
    assert result.people == [] and not result.notices
    # (Matched in Python: PostgreSQL's regular expressions have no \b.)
    assert set(result.ids) == {
        s.id for s in Statement.objects.all() if re.search(r"\bKim\b", s.text)
    }
    # "Kim Dae-jung" is one of them: his statements, and his name written whole.
    assert ids("Kim Dae-jung") == set(kim.statements.values_list("id", flat=True))
    assert [p.name for p in search.search("Kim Dae-jung").people] == [kim.name]


def test_a_word_of_the_texts_is_never_read_as_a_name(people_corpus):
    # "price" is one letter from "Rice", but it is a word the texts have.
    result = search.search("price")
    assert result.people == [] and not result.notices
    assert set(result.ids) == set(
        Statement.objects.filter(text__icontains="price").values_list("id", flat=True)
    )
    for word in ("peace", "treaty", "energy", "Russia", "japan"):
        assert search.search(word).people == [], word


def test_excluding_a_person_excludes_every_spelling(people_corpus):
    kasyanov = Person.objects.get(name=KASYANOV[0])
    everything = set(Statement.objects.values_list("id", flat=True))
    left = ids("-Kasianov")
    assert left == everything - spoken_or_mentioned(kasyanov, r"kas(y|jy|iy|i)anov")
    assert search.search("-Kasianov").people == []  # left out: no box for them


def test_a_new_alias_is_known_to_the_next_search(people_corpus):
    kasyanov = Person.objects.get(name=KASYANOV[0])
    assert search.search("Misha").people == []
    alias = PersonAlias.objects.create(person=kasyanov, name="Misha")
    assert [p.name for p in search.search("Misha").people] == [kasyanov.name]
    # A change no signal reports (another process, a bulk update) is seen too.
    koizumi = Person.objects.get(name=KOIZUMI[0])
    PersonAlias.objects.filter(pk=alias.pk).update(person=koizumi)
    assert [p.name for p in search.search("Misha").people] == [koizumi.name]


def test_search_command_reports_the_expansion(people_corpus):
    out = StringIO()
    call_command("search", "Kasianov", "--json", stdout=out)
    data = json.loads(out.getvalue())
    [person] = data["people"]
    assert person["name"] == "Mikhail Kasyanov" and person["statements"] == 2
    assert person["typed"] == "Kasianov" and person["fuzzy"] is False
    assert any(n.startswith("“Kasianov” also finds Mikhail Kasyanov") for n in data["notices"])
    assert data["total"] == 4


def test_the_api_reports_the_expansion(client, people_corpus):
    data = client.get(reverse("machine:api_search"), {"q": "speaker:koizumy"}).json()
    assert data["people"][0]["name"] == "Junichiro Koizumi" and data["people"][0]["fuzzy"]
    assert "speaker:koizumy was read as Junichiro Koizumi" in data["notices"]
    assert data["suggestion"] == "speaker:Koizumi"


def test_the_search_page_shows_a_person_box_above_the_results(client, people_corpus):
    kasyanov = Person.objects.get(name=KASYANOV[0])
    html = client.get(reverse("meetings:search"), {"q": "Kasianov"}).content.decode()
    box = re.search(r'<section class="person-box".*?</section>', html, re.S).group()
    assert html.index('class="person-box"') < html.index('class="hits"')
    assert f'href="{kasyanov.get_absolute_url()}"' in box
    text = re.sub(r"<[^>]+>", "", box)
    assert "Mikhail Kasyanov" in text
    assert "2 statements in 2 meetings, also written Kasjyanov" in " ".join(text.split())
    assert f'href="/search/?speaker={kasyanov.slug}"' in box
    assert "notice-info" not in html  # the box says what was done; no second line says it


def test_the_search_page_suggests_the_person(client, people_corpus):
    html = client.get(reverse("meetings:search"), {"q": "Roh Moo-hyon"}).content.decode()
    assert 'Did you mean <a href="/search/?q=Roh+Moo-hyun"><bdi>Roh Moo-hyun</bdi></a>?' in html
    box = re.search(r'<section class="person-box".*?</section>', html, re.S).group()
    assert "closest known name" in box and "Roh Moo-hyun" in box


def test_a_box_only_for_people_with_a_page(client, people_corpus):
    # Condoleezza Rice is known (an authority entry) but in no meeting: no box, a notice.
    result = search.search("Rice")
    assert result.people == []
    assert any("Condoleezza Rice" in notice for notice in result.notices)
    html = client.get(reverse("meetings:search"), {"q": "Rice"}).content.decode()
    assert 'class="person-box"' not in html
    notice = re.search(r'class="notice notice-info".*?</div>', html, re.S).group()
    assert "also finds Condoleezza Rice" in notice
