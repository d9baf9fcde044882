"""Subjects keyed by meetings.vocabulary.subject_key: variants merge, generic headings
("Others", "Overview") lose their subject. Search is rebuilt by `manage.py rebuild_index`."""

from collections import defaultdict

from django.db import migrations


def rekey(apps, schema_editor):
    from meetings.vocabulary import subject_key

    Subject = apps.get_model("meetings", "Subject")
    SubjectAlias = apps.get_model("meetings", "SubjectAlias")
    Topic = apps.get_model("meetings", "Topic")
    groups = defaultdict(list)
    for subject in Subject.objects.order_by("pk"):
        groups[subject_key(subject.name)].append(subject)
    for subject in groups.pop("", []):
        Topic.objects.filter(subject=subject).update(subject=None)
        subject.delete()
    old_keys = {}
    for key, subjects in groups.items():
        survivor, *others = subjects
        for other in others:
            Topic.objects.filter(subject=other).update(subject=survivor)
            old_keys.setdefault(survivor.pk, []).append(other.key)
            other.delete()
        old_keys.setdefault(survivor.pk, []).append(survivor.key)
        survivor.key = f"~{survivor.pk}"  # free every old key before any new one is set
        survivor.save(update_fields=["key"])
    for key, (survivor, *_) in groups.items():
        survivor.key = key
        survivor.save(update_fields=["key"])
        for old in old_keys[survivor.pk]:
            if old != key:
                SubjectAlias.objects.get_or_create(key=old, defaults={"subject": survivor})


class Migration(migrations.Migration):
    dependencies = [("meetings", "0007_subject_aliases")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
