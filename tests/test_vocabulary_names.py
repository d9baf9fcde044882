"""One rule for people's names: the parser, the importer and the models key a name alike."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from meetings.models import Person, PersonAlias
from meetings.parsing import names as parsing_names
from meetings.vocabulary import name_key, normalize_name


@pytest.mark.parametrize(
    "written, normalised",
    [
        ("Kim Jong-il", "kim jong-il"),  # hyphens kept
        ("H.E. Mr. S. Jaishankar", "h e mr s jaishankar"),  # dots are spaces
        ("Seán O’Neill", "sean o'neill"),  # curly apostrophe straightened, accent gone
        ("Mevlüt  Çavuşoğlu ", "mevlut cavusoglu"),  # one space, no diacritics
        ("Lars Løkke Rasmussen", "lars løkke rasmussen"),  # ø has no ASCII base: kept
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_name_edge_cases(written, normalised):
    assert normalize_name(written) == normalised


@pytest.mark.parametrize(
    "a, b",
    [
        ("Kim Jong-il", "Kim Jong Il"),
        ("Kim Jong-il", "KIM Jongil"),
        ("Roh Moo-hyun", "roh moo hyun"),
        ("S. Jaishankar", "S Jaishankar"),
        ("Dominique de Villepin", "Dominique de  VILLEPIN"),
        ("José Manuel Barroso", "Jose Manuel Barroso"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
        ("Seán O’Neill", "Sean O'Neill"),
    ],
)
def test_spellings_that_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Seán O'Neill", "Sean Oneill"),  # the apostrophe is part of the key
        ("Sergei Ivanov", "Sergey Ivanov"),  # a letter differs: fuzzy matching's job
    ],
)
def test_spellings_that_do_not(a, b):
    assert name_key(a) != name_key(b)


def test_letters_without_an_ascii_base_drop_out_of_the_key():
    assert name_key("Lars Løkke Rasmussen") == "larslkkerasmussen"
    assert name_key("Ευάγγελος") == ""


def test_the_parser_uses_the_vocabulary_rule():
    assert parsing_names.normalize_name is normalize_name
    assert parsing_names.name_key is name_key


@pytest.mark.django_db
def test_people_and_aliases_are_stored_under_the_rule():
    person = Person.objects.create(name="Kim Jong-il")
    alias = PersonAlias.objects.create(person=person, name="Kim Chong Il")
    assert person.name_key == "kimjongil"
    assert alias.name_key == "kimchongil"
    assert list(Person.objects.by_any_name("KIM Jong Il")) == [person]
    assert list(Person.objects.by_any_name("Kim Chong-il")) == [person]


@pytest.mark.django_db(transaction=True)
def test_the_migration_rekeys_people_and_aliases_and_deletes_nothing():
    executor = MigrationExecutor(connection)
    before, after = (
        ("meetings", "0013_person_origin_and_review_marks"),
        (
            "meetings",
            "0015_name_keys_from_vocabulary",
        ),
    )
    executor.migrate([before])
    apps = executor.loader.project_state([before]).apps
    OldPerson = apps.get_model("meetings", "Person")
    OldAlias = apps.get_model("meetings", "PersonAlias")
    kim = OldPerson.objects.create(name="Kim Jong-il", name_key="kim jong il", slug="kim")
    other = OldPerson.objects.create(name="Kim Jongil", name_key="kim jongil", slug="kim-2")
    OldAlias.objects.create(person=kim, name="Kim Chong Il", name_key="kim chong il")
    # the same key under the new rule, held by an earlier alias: keeps its old key
    OldAlias.objects.create(person=other, name="Kim Chong-il", name_key="kim chong-il")
    OldAlias.objects.create(person=kim, name="Ευάγγελος", name_key="ευαγγελος")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([after])
    apps = executor.loader.project_state([after]).apps
    Person_, Alias = apps.get_model("meetings", "Person"), apps.get_model("meetings", "PersonAlias")
    assert dict(Person_.objects.values_list("name", "name_key")) == {
        "Kim Jong-il": "kimjongil",
        "Kim Jongil": "kimjongil",
    }
    assert dict(Alias.objects.values_list("name", "name_key")) == {
        "Kim Chong Il": "kimchongil",
        "Kim Chong-il": "kim chong-il",
        "Ευάγγελος": "ευαγγελος",
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_migration_keys_as_the_vocabulary_does():
    """0015 keeps a copy of the rule; a new rule needs a new migration that rekeys."""
    migration = importlib.import_module("meetings.migrations.0015_name_keys_from_vocabulary")
    for name in ["Kim Jong-il", "H.E. Mr. S. Jaishankar", "Seán O’Neill", "Løkke", "", None]:
        assert migration.name_key(name) == name_key(name)
