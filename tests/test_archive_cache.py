"""Cached counts stay true: after an import, an edit, a bulk update, a merge, a rollback.

Pages are read through the client before and after each change; what they show
must be what the database holds now (meetings/archive_cache.py).
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils.html import escape

from devtools import corpus
from meetings import archive_cache, importer
from meetings.models import Meeting, Participant, Person, Statement, Subject, Topic
from meetings.people import merge_people
from meetings.subjects import merge_subjects

pytestmark = pytest.mark.django_db


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode("utf-8")


def home_count(client, name: str) -> int:
    """A count from the home page's totals, e.g. "meetings"."""
    html = html_of(client, reverse("meetings:home"))
    found = re.search(rf"<dt>{name}</dt><dd>(?:<a [^>]*>)?([\d,]+)<", html, re.IGNORECASE)
    assert found, f"no {name} count on the home page"
    return int(found.group(1).replace(",", ""))


def facet_count(client, facet: str, value: str, url: str = "/meetings/") -> int | None:
    """The count the list's `facet` box gives `value`, or None when it is not there."""
    html = html_of(client, url)
    found = re.search(
        rf'class="facet-value[^"]*" href="[^"]*[?&;]{facet}={re.escape(value)}(?:&[^"]*)?">'
        r'[^<]*<span class="count">(\d+)</span>',
        html,
    )
    return int(found.group(1)) if found else None


def year_link_count(client, year: int) -> int | None:
    html = html_of(client, reverse("meetings:home"))
    found = re.search(rf'aria-label="{year}: (\d+) meeting', html)
    return int(found.group(1)) if found else None


def test_the_home_counts_follow_an_import(client, seeds, tmp_path):
    assert home_count(client, "meetings") == 5
    statements_before = home_count(client, "statements")
    name, text, _record = next(corpus.iter_corpus(1, seed=7))
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert not importer.import_paths([tmp_path]).errors
    assert home_count(client, "meetings") == 6 == Meeting.objects.count()
    assert home_count(client, "statements") == Statement.objects.count() > statements_before


def test_the_year_counts_follow_an_edit_and_a_bulk_update(client, seeds):
    assert year_link_count(client, 2005) == 1
    assert facet_count(client, "year", "2005") == 1
    meeting = min((m for m in seeds if m.date_start.year == 2004), key=lambda m: m.pk)
    meeting.date_start = meeting.date_start.replace(year=2005)
    meeting.save()  # an edit, as the admin saves it
    assert year_link_count(client, 2005) == 2
    assert facet_count(client, "year", "2005") == 2
    # A queryset update sends no signal: the watch on the connection still sees it.
    Meeting.objects.filter(date_start__year=2005).update(date_start=None)
    assert year_link_count(client, 2005) is None
    assert facet_count(client, "year", "2005") is None


def test_the_person_facet_and_people_count_follow_a_merge(client, seeds):
    putin = Person.objects.get(name="Vladimir Putin")
    other = Person.objects.filter(participations__isnull=False).exclude(pk=putin.pk)
    other = other.exclude(country=putin.country).first()
    meetings_of = lambda person: (  # noqa: E731
        Participant.objects.filter(person=person).values("meeting").distinct().count()
    )
    people_before = home_count(client, "people")
    assert facet_count(client, "person", putin.slug) == meetings_of(putin)
    merge_people(putin, [other])
    assert home_count(client, "people") == people_before - 1
    assert facet_count(client, "person", putin.slug) == meetings_of(putin)
    assert facet_count(client, "person", other.slug) is None


def test_the_subject_list_follows_a_subject_merge(client, seeds):
    subjects = list(Subject.objects.filter(topics__isnull=False).distinct()[:2])
    keep, gone = subjects
    assert gone.name in html_of(client, reverse("meetings:subject_list"))
    merge_subjects(keep, [gone])
    html = html_of(client, reverse("meetings:subject_list"))
    assert f'href="{gone.get_absolute_url()}"' not in html
    assert f'href="{keep.get_absolute_url()}"' in html


def test_related_meetings_follow_an_edit_of_a_topic(client, seeds):
    meeting = seeds[0]
    url = meeting.get_absolute_url()
    before = html_of(client, url)
    # Give every other meeting no subject and no principal in common: nothing is related.
    Topic.objects.exclude(meeting=meeting).update(subject=None)
    Participant.objects.exclude(meeting=meeting).update(role="attendee")
    after = html_of(client, url)
    others = [m for m in seeds if m.pk != meeting.pk]
    assert any(f'href="{m.get_absolute_url()}"' in before for m in others)
    related = after.split('id="related-heading"', 1)[1] if "related-heading" in after else ""
    assert not any(f'href="{m.get_absolute_url()}"' in related for m in others)


def test_the_sitemap_follows_an_import(client, seeds, tmp_path):
    assert Meeting.objects.count() == html_of(client, "/sitemap-meetings.xml").count("/meetings/2")
    name, text, _record = next(corpus.iter_corpus(1, seed=11))
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert not importer.import_paths([tmp_path]).errors
    new = Meeting.objects.order_by("-pk").first()
    assert new.get_absolute_url() in html_of(client, "/sitemap-meetings.xml")


def test_counts_made_inside_a_rolled_back_transaction_are_never_served(client, seeds):
    assert home_count(client, "meetings") == 5
    with pytest.raises(RuntimeError), transaction.atomic():
        Meeting.objects.filter(pk=seeds[0].pk).delete()
        assert home_count(client, "meetings") == 4  # the transaction sees its own change
        raise RuntimeError("roll back")
    assert home_count(client, "meetings") == 5


def test_raw_sql_through_the_connection_changes_the_generation(seeds):
    before = archive_cache.generation()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE meetings_meeting SET location = %s", ["Tokyo"])
    assert archive_cache.generation() != before
    unchanged = archive_cache.generation()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM meetings_meeting")
    assert archive_cache.generation() == unchanged


def generation_reads(queries) -> int:
    read = archive_cache.READ_TOKEN.replace("%s", str(archive_cache.ARCHIVE_ROW))
    return sum(q["sql"] == read for q in queries)


def test_a_page_read_reads_the_generation_once(client, seeds):
    from django.test.utils import CaptureQueriesContext

    html_of(client, "/meetings/")  # counted: later reads come from the cache
    with CaptureQueriesContext(connection) as done:
        html_of(client, "/meetings/")
    assert generation_reads(done.captured_queries) == 1
    with CaptureQueriesContext(connection) as outside:
        archive_cache.generation()
        archive_cache.generation()
    assert generation_reads(outside.captured_queries) == 2  # no request: no memo


def test_a_write_inside_a_request_forgets_the_read_generation(seeds):
    with archive_cache.reading_once():
        before = archive_cache.generation()
        assert archive_cache.cached("meetings", Meeting.objects.count) == 5
        Meeting.objects.filter(pk=seeds[0].pk).delete()
        assert archive_cache.generation() != before
        assert archive_cache.cached("meetings", Meeting.objects.count) == 4


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('INSERT INTO "meetings_statement" ("text") VALUES (%s)', True),
        ('UPDATE "meetings_person" SET "name" = %s', True),
        ('DELETE FROM "meetings_topic" WHERE "id" = %s', True),
        ('TRUNCATE "meetings_meeting", "meetings_topic"', True),
        ('INSERT INTO "meetings_historicalmeeting" ("id") VALUES (%s)', False),
        ('DELETE FROM "meetings_pendingindex"', False),
        ('INSERT INTO "meetings_searchdocument" ("id") VALUES (%s)', False),
        ('UPDATE "auth_user" SET "last_login" = %s', False),
        ('SELECT * FROM "meetings_meeting"', False),
    ],
)
def test_which_statements_change_the_archive(sql, writes):
    assert archive_cache.changes_archive(sql) is writes


@pytest.mark.django_db(transaction=True)
def test_the_home_counts_follow_a_restore(client, seed_paths, tmp_path):
    from machine_seeds import import_seeds

    import_seeds(seed_paths[:2])
    backup = tmp_path / "two.jsonl"
    call_command("export_archive", str(backup), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    import_seeds(seed_paths)
    assert home_count(client, "meetings") == 5
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_archive", str(backup), stdout=io.StringIO())
    assert home_count(client, "meetings") == 2 == Meeting.objects.count()


def people_row_counts(client, person: Person, url: str = "/people/") -> tuple[int, int]:
    """(meetings, statements) the people list gives `person`."""
    html = html_of(client, url)
    row = re.search(
        rf'href="{re.escape(person.get_absolute_url())}".*?<td class="num">(\d+)</td>'
        r'\s*<td class="num">(\d+)</td>',
        html,
        re.S,
    )
    assert row, f"{person.name} is not on {url}"
    return int(row.group(1)), int(row.group(2))


def test_the_people_list_counts_follow_a_deleted_statement(client, seeds):
    speaker = Person.objects.filter(statements__isnull=False).order_by("id").first()
    meetings, statements = people_row_counts(client, speaker)
    assert statements == speaker.statements.count()
    assert people_row_counts(client, speaker, "/people/?sort=-statements") == (meetings, statements)
    speaker.statements.order_by("id").first().delete()
    assert people_row_counts(client, speaker) == (meetings, statements - 1)
    assert people_row_counts(client, speaker, "/people/?sort=-statements")[1] == statements - 1


def test_a_person_page_follows_a_deleted_statement_and_meeting(client, seeds):
    speaker = Person.objects.filter(statements__isnull=False).order_by("id").first()
    first = speaker.statements.order_by("meeting__date_start", "meeting_id", "order").first()
    link = f"{first.meeting.get_absolute_url()}?s={first.order}#{first.anchor}"
    attended = Meeting.objects.filter(participants__person=speaker).order_by("-date_start").first()
    html = html_of(client, speaker.get_absolute_url())
    assert escape(link) in html and f'href="{attended.get_absolute_url()}"' in html
    first.delete()
    assert escape(link) not in html_of(client, speaker.get_absolute_url())
    attended.delete()
    html = html_of(client, speaker.get_absolute_url())
    assert f'href="{attended.get_absolute_url()}"' not in html
