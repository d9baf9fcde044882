"""Subjects that mean one thing: heading variants share one, generic headings have none,
and a merge made in the admin holds through a re-import."""

from __future__ import annotations

import pytest

from meetings import importer
from meetings.models import Subject, SubjectAlias, Topic
from meetings.vocabulary import subject_key

PAGE = """Japan-Russia Summit Meeting

June {day}, 2004

On June {day}, Prime Minister Junichiro Koizumi held a meeting with President Vladimir Putin of
the Russian Federation in Moscow.

1. {first}

Prime Minister Koizumi stated that negotiations should be accelerated.

2. {second}

President Putin stated that he agreed.
"""


def write(folder, name, day, first, second):
    path = folder / name
    path.write_text(PAGE.format(day=day, first=first, second=second), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Issue of Conclusion of a Peace Treaty", "The conclusion of a peace treaty"),
        ("Territorial issue", "The territorial issues"),
        ("North Korean issue", "North Korea"),
        ("(1) Economic cooperation", "Economic Cooperation"),
    ],
)
def test_heading_variants_share_one_key(a, b):
    assert subject_key(a) == subject_key(b) != ""


@pytest.mark.parametrize("heading", ["Others", "Overview", "Announcements", "Individual issues"])
def test_generic_headings_have_no_subject_key(heading):
    assert subject_key(heading) == ""


@pytest.mark.django_db
def test_variants_import_as_one_subject_and_generic_headings_as_none(tmp_path):
    importer.import_paths(
        [
            write(tmp_path, "a.txt", 9, "Issue of Conclusion of a Peace Treaty", "Others"),
            write(tmp_path, "b.txt", 10, "The conclusion of a peace treaty", "Overview"),
        ]
    )
    peace = Topic.objects.filter(heading__icontains="peace treaty")
    assert peace.count() == 2
    assert len({t.subject_id for t in peace}) == 1
    assert (
        Topic.objects.filter(heading__in=["Others", "Overview"], subject__isnull=True).count() == 2
    )
    assert not Subject.objects.filter(name__in=["Others", "Overview"]).exists()


@pytest.mark.django_db
def test_an_admin_merge_of_subjects_holds_through_a_reimport(tmp_path, admin_client):
    path = write(tmp_path, "a.txt", 9, "Energy", "Pipelines")
    importer.import_paths([path])
    energy, pipelines = Subject.objects.get(key="energy"), Subject.objects.get(key="pipeline")
    response = admin_client.post(
        "/admin/meetings/subject/",
        {"action": "merge_selected", "_selected_action": [energy.pk, pipelines.pk]},
    )
    assert response.status_code == 302
    assert Subject.objects.count() == 1
    assert SubjectAlias.objects.filter(key__in=["energy", "pipeline"]).count() == 1
    path.write_text(path.read_text().replace("he agreed", "he fully agreed"), encoding="utf-8")
    importer.import_paths([path])
    assert Subject.objects.count() == 1
    assert set(Topic.objects.values_list("subject_id", flat=True)) == {Subject.objects.get().pk}
