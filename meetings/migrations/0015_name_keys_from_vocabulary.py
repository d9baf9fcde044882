"""Person and PersonAlias keyed by meetings.vocabulary.name_key, the parser's rule:
"Kim Jong-il" and "Kim Jong Il" now share "kimjongil" (before: "kim jong il" for both, but
"kim jongil" for "Kim Jongil"). An alias whose new key another alias already holds (or
whose name has no letter a-z) keeps its old key: no row is deleted."""

import re
import unicodedata

from django.db import migrations


def name_key(name):  # meetings.vocabulary.name_key as it stood when this migration was written
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace(".", " ")
    return re.sub(r"[^a-z']", "", " ".join(text.lower().split()))


def rekey(apps, schema_editor):
    Person = apps.get_model("meetings", "Person")
    PersonAlias = apps.get_model("meetings", "PersonAlias")
    people = list(Person.objects.order_by("pk"))
    for person in people:
        person.name_key = name_key(person.name)
    Person.objects.bulk_update(people, ["name_key"], batch_size=500)

    aliases = list(PersonAlias.objects.order_by("pk"))
    old_keys = {alias.pk: alias.name_key for alias in aliases}
    final, taken = {}, set()
    for alias in aliases:
        key = name_key(alias.name)
        if key and key not in taken:
            final[alias.pk] = key
            taken.add(key)
    for alias in aliases:
        if alias.pk not in final:
            old = old_keys[alias.pk]
            final[alias.pk] = old if old and old not in taken else f"~{alias.pk}"
            taken.add(final[alias.pk])
    for alias in aliases:  # free every old key before any new one is set
        alias.name_key = f"~{alias.pk}"
    PersonAlias.objects.bulk_update(aliases, ["name_key"], batch_size=500)
    for alias in aliases:
        alias.name_key = final[alias.pk]
    PersonAlias.objects.bulk_update(aliases, ["name_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0013_person_origin_and_review_marks")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
