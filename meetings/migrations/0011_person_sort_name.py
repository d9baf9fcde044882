"""People sort by family name: a stored key, filled for the people already there."""

from django.db import migrations, models

from meetings.name_order import sort_key


def fill_sort_names(apps, schema_editor):
    Person = apps.get_model("meetings", "Person")
    people = list(Person.objects.only("id", "name", "country"))
    for person in people:
        person.sort_name = sort_key(person.name, person.country)
    Person.objects.bulk_update(people, ["sort_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0010_pending_index")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="sort_name",
            field=models.CharField(
                db_index=True,
                default="",
                editable=False,
                help_text="Family name first, folded",
                max_length=200,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="person",
            options={"ordering": ["sort_name", "name"], "verbose_name_plural": "people"},
        ),
    ]
