"""People get review marks and an origin; people new in a text wait in the review queue.

Existing people: in the authority file (by name or alias) -> "authority"; otherwise
"import" when some meeting names them (the importer made them), else "admin".
"""

import json
import re
import unicodedata
from pathlib import Path

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _key(name):  # models.normalize_name as it stood when this migration was written
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def _authority_keys():
    path = Path(getattr(settings, "PEOPLE_AUTHORITY_FILE", ""))
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    keys = set()
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict):
            names = [entry.get("name"), *(entry.get("aliases") or [])]
            keys.update(_key(name) for name in names if isinstance(name, str))
    return keys


def set_origins(apps, schema_editor):
    Person = apps.get_model("meetings", "Person")
    PersonAlias = apps.get_model("meetings", "PersonAlias")
    keys = _authority_keys()
    by_alias = set(
        PersonAlias.objects.filter(source="authority").values_list("person_id", flat=True)
    )
    by_alias |= set(
        PersonAlias.objects.filter(name_key__in=keys).values_list("person_id", flat=True)
    )
    known = Person.objects.filter(models.Q(name_key__in=keys) | models.Q(pk__in=by_alias))
    known.update(origin="authority")
    Person.objects.exclude(origin="authority").filter(participations__isnull=False).update(
        origin="import"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0012_change_history_and_former_slugs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalperson',
            name='origin',
            field=models.CharField(choices=[('authority', 'Authority file'), ('import', 'New in a text (no authority match)'), ('admin', 'Added by an editor')], default='admin', editable=False, max_length=20),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='review_action',
            field=models.CharField(blank=True, choices=[('confirmed', 'Confirmed as parsed'), ('fixed', 'Corrected'), ('reassigned', 'Speaker reassigned'), ('marked', 'Marked reviewed')], editable=False, max_length=20),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='reviewed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, db_constraint=False, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='person',
            name='origin',
            field=models.CharField(choices=[('authority', 'Authority file'), ('import', 'New in a text (no authority match)'), ('admin', 'Added by an editor')], default='admin', editable=False, max_length=20),
        ),
        migrations.AddField(
            model_name='person',
            name='review_action',
            field=models.CharField(blank=True, choices=[('confirmed', 'Confirmed as parsed'), ('fixed', 'Corrected'), ('reassigned', 'Speaker reassigned'), ('marked', 'Marked reviewed')], editable=False, max_length=20),
        ),
        migrations.AddField(
            model_name='person',
            name='reviewed_at',
            field=models.DateTimeField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='person',
            name='reviewed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(set_origins, migrations.RunPython.noop),
    ]
