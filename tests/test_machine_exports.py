"""CSV exports: /meetings.csv and /search.csv."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from machine_seeds import assert_queries_do_not_grow

from meetings.models import Meeting, Person
from meetings.views.exports import MEETING_COLUMNS, STATEMENT_COLUMNS, safe_cell

pytestmark = pytest.mark.django_db


def get_csv(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    # A byte order mark first, so that spreadsheet programs read UTF-8.
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    return response, rows


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Japan-Russia = friends", "Japan-Russia = friends"),
        (None, ""),
    ],
)
def test_cells_that_would_run_as_formulas_are_quoted(value, expected):
    assert safe_cell(value) == expected


def test_meetings_csv_round_trips_every_seed(client, seeds):
    response, rows = get_csv(client, reverse("machine:meetings_csv"))
    assert "X-Export-Truncated" not in response
    assert rows[0] == list(MEETING_COLUMNS)
    by_id = {row[0]: dict(zip(MEETING_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert set(by_id) == {m.public_id for m in seeds}
    for meeting in seeds:
        row = by_id[meeting.public_id]
        assert row["title"] == meeting.title
        assert row["published"] == meeting.published.isoformat()
        assert row["url"] == f"http://testserver{meeting.get_absolute_url()}"
        assert row["duration_minutes"] == str(meeting.duration_minutes or "")
        assert row["statements"] == str(meeting.statements.count())


def test_meetings_csv_follows_the_list_sort(client, seeds):
    _, rows = get_csv(client, reverse("machine:meetings_csv"), sort="-statements")
    counts = [int(row[MEETING_COLUMNS.index("statements")]) for row in rows[1:]]
    assert counts == sorted(counts, reverse=True) and len(counts) == len(seeds)


def test_csv_file_names_say_what_they_hold(client, indexed_seeds):
    today = timezone.localdate().isoformat()
    response, _ = get_csv(client, reverse("machine:meetings_csv"))
    assert response["Content-Disposition"] == f'attachment; filename="meetings-{today}.csv"'
    response, rows = get_csv(
        client, reverse("machine:meetings_csv"), year="2004", country="Russian Federation"
    )
    assert len(rows) > 1
    assert response["Content-Disposition"] == (
        f'attachment; filename="meetings-2004-country-russian-federation-{today}.csv"'
    )
    putin = Person.objects.get(name="Vladimir Putin")
    response, _ = get_csv(
        client, reverse("machine:search_csv"), q="peace treaty", speaker=putin.slug
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="search-peace-treaty-speaker-vladimir-putin-{today}.csv"'
    )


def test_meetings_csv_keeps_hostile_text_intact_and_guarded(client, seeds):
    hostile = '=cmd|"/c calc"!A1, with "quotes",\nand a new line'
    Meeting.objects.filter(pk=seeds[0].pk).update(title=hostile, location="@evil")
    _, rows = get_csv(client, reverse("machine:meetings_csv"))
    row = next(r for r in rows[1:] if r[0] == seeds[0].public_id)
    assert row[MEETING_COLUMNS.index("title")] == "'" + hostile
    assert row[MEETING_COLUMNS.index("location")] == "'@evil"


def test_meetings_csv_uses_the_list_filters(client, seeds):
    year = seeds[0].date_start.year
    _, rows = get_csv(client, reverse("machine:meetings_csv"), year=year)
    assert {row[0] for row in rows[1:]} == {m.public_id for m in seeds if m.year == year}


def test_meetings_csv_is_bounded_and_says_so(client, seeds, settings):
    settings.EXPORT_MAX_ROWS = 2
    response, rows = get_csv(client, reverse("machine:meetings_csv"))
    assert response["X-Export-Truncated"] == "true"
    assert len(rows) == 1 + 2 + 1
    assert rows[-1][0].startswith("# Export truncated to the first 2 rows")


def test_meetings_csv_query_count_does_not_grow(client, seed_paths, django_assert_max_num_queries):
    url = reverse("machine:meetings_csv")
    assert_queries_do_not_grow(client, url, seed_paths, django_assert_max_num_queries, 3)


def test_search_csv_has_a_row_per_hit(client, indexed_seeds):
    response, rows = get_csv(client, reverse("machine:search_csv"), q="peace treaty")
    assert rows[0] == list(STATEMENT_COLUMNS)
    api = client.get(reverse("machine:api_search"), {"q": "peace treaty"}).json()
    assert len(rows) - 1 == api["total"] > 0
    meeting_ids = {m.public_id for m in indexed_seeds}
    assert all(row[1] in meeting_ids for row in rows[1:])
    assert "X-Export-Truncated" not in response


def test_search_csv_is_bounded_and_says_so(client, indexed_seeds, settings):
    settings.EXPORT_MAX_ROWS = 1
    response, rows = get_csv(client, reverse("machine:search_csv"), q="Putin")
    assert response["X-Export-Truncated"] == "true"
    assert len(rows) == 1 + 1 + 1


@pytest.mark.parametrize("query", ['"unclosed (phrase', "x" * 5000, "NOT", "year:abc"])
def test_search_csv_of_a_bad_query_is_still_a_csv(client, indexed_seeds, query):
    _, rows = get_csv(client, reverse("machine:search_csv"), q=query)
    assert rows[0] == list(STATEMENT_COLUMNS)
    assert all(len(row) in (1, len(STATEMENT_COLUMNS)) for row in rows)


def test_meetings_csv_is_made_again_after_a_change_to_the_archive(client, seeds, settings):
    settings.ALLOWED_HOSTS = ["testserver", "archive.example.org"]
    url = reverse("machine:meetings_csv")
    meeting = seeds[0]
    _, before = get_csv(client, url, sort="date")
    assert meeting.title in {row[2] for row in before[1:]}
    Meeting.objects.filter(pk=meeting.pk).update(title="A title edited after the export")
    _, after = get_csv(client, url, sort="date")
    titles = {row[2] for row in after[1:]}
    assert "A title edited after the export" in titles and meeting.title not in titles
    elsewhere = client.get(url, {"sort": "date"}, HTTP_HOST="archive.example.org")
    rows = list(csv.reader(io.StringIO(elsewhere.content.decode("utf-8-sig"), newline="")))
    assert all(row[1].startswith("http://archive.example.org/") for row in rows[1:])
