"""Provenance: sources.csv and import_meetings' options -> Meeting -> page and citations.

Also a file's identity (its source URL, else its path; never its base name).
"""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from meetings import importer
from meetings.citations import as_bibtex, as_csl, as_ris, as_text, bibtex_escape, citation_for
from meetings.models import Meeting
from meetings.provenance import SourcesFileError, path_key, read_sources_csv

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
HEADER = "file,url,publisher,accessed\n"
MOFA = "Ministry of Foreign Affairs of Japan"


def seed_sources() -> dict[str, dict]:
    with (SEEDS / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def notice(row: dict) -> str:
    """The credit the licence asks for, written out by hand from a sources.csv row."""
    return f"Source: {row['publisher']} website. URL: {row['url']}. Accessed {row['accessed']}."


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_meetings", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", html)))


# --- sources.csv --------------------------------------------------------------


def test_the_seeds_have_a_sources_csv_naming_every_seed():
    rows = seed_sources()
    assert set(rows) == {path.name for path in SEEDS.glob("*.txt")}
    assert {row["publisher"] for row in rows.values()} == {MOFA}


def test_sources_csv_is_read_by_its_header(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text(
        "accessed,publisher,url,file\n2025-01-31,Some Ministry,https://example.org/a.html,a.txt\n",
        encoding="utf-8",
    )
    [(name, provenance)] = read_sources_csv(path).items()
    assert name == "a.txt"
    assert provenance.url == "https://example.org/a.html"
    assert provenance.publisher == "Some Ministry"
    assert provenance.accessed == date(2025, 1, 31)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("a.txt,https://example.org/a,Pub,03/12/2026\n", "line 2: accessed date '03/12/2026'"),
        ("a.txt,https://example.org/a,Pub,2026-02-30\n", "line 2: accessed date '2026-02-30'"),
        ("a.txt,example.org/a,Pub,2026-12-03\n", "line 2: url 'example.org/a' is not an http"),
        ("a.txt,https://example.org/a,Pub\n", "line 2: 3 fields, the header has 4"),
        (
            "a.txt,https://example.org/a,Pub,2026-12-03\nb.txt,https://example.org/a,Pub,2026-12-03\n",
            "line 3: url already given for a.txt",
        ),
    ],
)
def test_a_bad_row_is_one_line_naming_file_and_line(tmp_path, body, message):
    path = tmp_path / "sources.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(SourcesFileError) as error:
        read_sources_csv(path)
    assert str(error.value).startswith(f"{path}, ")
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text("file,link,publisher,accessed\n", encoding="utf-8")
    with pytest.raises(SourcesFileError, match=r"line 1: missing column\(s\) url"):
        read_sources_csv(path)


def test_path_key_is_one_for_every_spelling_of_a_path(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    monkeypatch.chdir(tmp_path)
    spellings = ["a/x.txt", "./a/x.txt", "a/../a/x.txt", str(tmp_path / "a" / "x.txt")]
    assert {path_key(Path(spelling)) for spelling in spellings} == {"a/x.txt"}
    assert path_key(Path("/elsewhere/x.txt")) == "/elsewhere/x.txt"


# --- Identity -----------------------------------------------------------------


@pytest.fixture
def two_reports(tmp_path, seed_paths) -> list[Path]:
    """Two different files, both called report.txt, in two folders, without sources.csv."""
    reports = []
    for folder, seed in (("2004", seed_paths[0]), ("2005", seed_paths[4])):
        (tmp_path / folder).mkdir()
        reports.append(Path(shutil.copy(seed, tmp_path / folder / "report.txt")))
    return reports


@pytest.mark.django_db
def test_two_files_with_one_name_in_two_folders_are_two_meetings(two_reports):
    summary = importer.import_paths([path.parent for path in two_reports])

    assert summary.line() == "2 new, 0 updated, 0 unchanged, 0 kept (edited), 0 failed"
    meetings = Meeting.objects.order_by("source_key")
    assert [m.source_key for m in meetings] == [path_key(path) for path in two_reports]
    assert [m.source_name for m in meetings] == ["report.txt", "report.txt"]
    assert meetings[0].title != meetings[1].title
    assert [m.original_text for m in meetings] == [p.read_text() for p in two_reports]

    again = importer.import_paths([path.parent for path in two_reports])

    assert again.line() == "0 new, 0 updated, 2 unchanged, 0 kept (edited), 0 failed"
    assert Meeting.objects.count() == 2


@pytest.mark.django_db
def test_two_files_with_one_name_and_their_urls_are_two_meetings(two_reports):
    for number, path in enumerate(two_reports):
        (path.parent / "sources.csv").write_text(
            HEADER + f"report.txt,https://example.org/{number}.html,{MOFA},2026-12-0{number + 1}\n",
            encoding="utf-8",
        )

    importer.import_paths(two_reports)

    assert sorted(Meeting.objects.values_list("source_key", "source_accessed")) == [
        ("https://example.org/0.html", date(2026, 12, 1)),
        ("https://example.org/1.html", date(2026, 12, 2)),
    ]


@pytest.mark.django_db
def test_the_seeds_are_keyed_on_their_urls_and_reimport_changes_nothing(seed_paths):
    rows = seed_sources()
    out, err = run(SEEDS)
    assert (
        out.strip().splitlines()[-1] == "5 new, 0 updated, 0 unchanged, 0 kept (edited), 0 failed"
    )
    assert err == ""
    for meeting in Meeting.objects.all():
        row = rows[meeting.source_name]
        assert meeting.source_key == meeting.source_url == row["url"]
        assert meeting.source_publisher == row["publisher"]
        assert meeting.source_accessed.isoformat() == row["accessed"]
        assert meeting.source_path == path_key(SEEDS / meeting.source_name)
    stamps = dict(Meeting.objects.values_list("pk", "updated_at"))

    out, _ = run(SEEDS)
    assert (
        out.strip().splitlines()[-1] == "0 new, 0 updated, 5 unchanged, 0 kept (edited), 0 failed"
    )
    out, _ = run(*seed_paths)  # the same files named one by one
    assert (
        out.strip().splitlines()[-1] == "0 new, 0 updated, 5 unchanged, 0 kept (edited), 0 failed"
    )
    assert dict(Meeting.objects.values_list("pk", "updated_at")) == stamps


@pytest.mark.django_db
def test_a_url_learned_later_takes_over_the_meeting_keyed_on_its_path(tmp_path, seed_paths):
    folder = tmp_path / "texts"
    folder.mkdir()
    path = Path(shutil.copy(seed_paths[1], folder / "talks.txt"))
    importer.import_paths([folder])
    meeting = Meeting.objects.get()
    assert (meeting.source_key, meeting.source_url) == (path_key(path), "")

    (folder / "sources.csv").write_text(
        HEADER + f"talks.txt,https://example.org/talks.html,{MOFA},2026-12-03\n", encoding="utf-8"
    )
    summary = importer.import_paths([folder])

    # Same text: only the source fields change, in place.
    assert summary.line() == "0 new, 1 updated, 0 unchanged, 0 kept (edited), 0 failed"
    updated = Meeting.objects.get()
    assert (updated.pk, updated.public_id) == (meeting.pk, meeting.public_id)
    assert updated.source_key == updated.source_url == "https://example.org/talks.html"
    assert updated.statements.count() == meeting.statements.count()
    assert importer.import_paths([folder]).unchanged == 1

    (folder / "sources.csv").unlink()  # what is no longer said is not forgotten
    assert importer.import_paths([folder]).unchanged == 1
    assert Meeting.objects.get().source_url == "https://example.org/talks.html"


@pytest.mark.django_db
def test_a_meeting_stored_before_identities_is_taken_over(seed_paths):
    importer.import_paths(seed_paths[:1])
    Meeting.objects.update(
        source_key="", source_path="", source_url="", source_publisher="", source_accessed=None
    )
    meeting = Meeting.objects.get()

    summary = importer.import_paths(seed_paths[:1])

    assert summary.line() == "0 new, 1 updated, 0 unchanged, 0 kept (edited), 0 failed"
    taken_over = Meeting.objects.get()
    assert taken_over.pk == meeting.pk
    assert taken_over.source_key == seed_sources()[seed_paths[0].name]["url"]


@pytest.mark.django_db
def test_an_unlisted_file_beside_a_sources_csv_is_noted(tmp_path, seed_paths):
    path = Path(shutil.copy(seed_paths[0], tmp_path / "stray.txt"))
    (tmp_path / "sources.csv").write_text(HEADER, encoding="utf-8")

    summary = importer.import_paths([path])

    assert summary.new == 1
    assert [str(m) for m in summary.messages] == [
        f"note: {path}: not listed in sources.csv: no source URL recorded"
    ]


# --- import_meetings ------------------------------------------------------------


@pytest.mark.django_db
def test_a_bad_date_in_sources_csv_stops_the_import_with_one_line(tmp_path, seed_paths):
    for seed in seed_paths[:2]:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "sources.csv").write_text(
        HEADER
        + f"{seed_paths[0].name},https://example.org/a.html,{MOFA},2026-12-03\n"
        + f"{seed_paths[1].name},https://example.org/b.html,{MOFA},3 December 2026\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError) as error:
        run(tmp_path)

    assert str(error.value) == (
        f"{tmp_path / 'sources.csv'}, line 3: accessed date '3 December 2026' is not a date"
        " (YYYY-MM-DD)"
    )
    assert Meeting.objects.count() == 0  # checked before anything is imported


@pytest.mark.django_db
def test_options_give_one_file_its_provenance_over_sources_csv(tmp_path, seed_paths):
    path = Path(shutil.copy(seed_paths[2], tmp_path / "one.txt"))
    (tmp_path / "sources.csv").write_text(
        HEADER + "one.txt,https://example.org/from-csv.html,CSV Publisher,2020-01-01\n",
        encoding="utf-8",
    )

    run(path, "--source-url", "https://example.org/given.html", "--accessed", "2026-12-03")

    meeting = Meeting.objects.get()
    assert meeting.source_key == meeting.source_url == "https://example.org/given.html"
    assert meeting.source_publisher == "CSV Publisher"  # not given: the csv's
    assert meeting.source_accessed == date(2026, 12, 3)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--accessed", "2026-12-32"], "--accessed: accessed date '2026-12-32' is not a date"),
        (["--source-url", "ftp://x"], "--source-url: url 'ftp://x' is not an http(s) address"),
    ],
)
def test_bad_options_are_one_line(seed_paths, options, message):
    with pytest.raises(CommandError) as error:
        run(seed_paths[0], *options)
    assert str(error.value).startswith(message)
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_one_source_url_for_several_files_is_refused(seed_paths):
    with pytest.raises(CommandError, match="a source URL identifies one file, but 5 files"):
        run(SEEDS, "--source-url", "https://example.org/all.html")
    assert Meeting.objects.count() == 0


# --- Page and citations ------------------------------------------------------------


def test_notice_is_made_from_the_stored_values():
    meeting = Meeting(
        public_id="x",
        title="Talks",
        source_url="https://example.org/p?id=1_2",
        source_publisher="Some Other Ministry",
        source_accessed=date(2025, 2, 3),
    )
    assert meeting.source_notice == (
        "Source: Some Other Ministry website. URL: https://example.org/p?id=1_2."
        " Accessed 2025-02-03."
    )
    assert Meeting(public_id="y", title="Talks").source_notice == ""
    citation = citation_for(meeting, "https://archive.example/m/x/", date(2026, 1, 1))
    assert as_text(citation).endswith(" " + meeting.source_notice)
    assert as_csl(citation)[0]["note"].endswith(" " + meeting.source_notice)
    assert f"N1  - {meeting.source_notice}\r\n" in as_ris(citation)
    assert bibtex_escape(meeting.source_notice) in as_bibtex(citation)
    assert r"id=1\_2" in as_bibtex(citation)
    assert citation.author == "Some Other Ministry"


@pytest.mark.django_db
def test_meeting_page_credits_and_links_the_original_page(client, seeds):
    rows = seed_sources()
    for meeting in seeds:
        row = rows[meeting.source_name]
        html = client.get(meeting.get_absolute_url()).content.decode()
        credit = re.search(r'<p class="source-notice"[^>]*>(.*?)</p>', html, re.S).group(1)
        assert text_of(credit) == notice(row)
        assert f'<a href="{row["url"]}" rel="external">' in credit
        # The citation to copy carries it too.
        box = re.search(r'<p class="citation-text" id="citation-text"[^>]*>(.*?)</p>', html, re.S)
        assert html_lib.unescape(box.group(1)).endswith(notice(row))
        # And so does every statement's citation.
        cited = re.findall(r'<p class="citation-text" id="cite-s\d+"[^>]*>(.*?)</p>', html, re.S)
        assert len(cited) == meeting.statements.count()
        assert all(html_lib.unescape(text).endswith(notice(row)) for text in cited)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csl", "ris", "bibtex"])
def test_every_citation_download_credits_the_original_page(client, seeds, fmt):
    rows = seed_sources()
    for meeting in seeds:
        expected = notice(rows[meeting.source_name])
        url = reverse("machine:meeting_citation", args=[meeting.public_id, fmt])
        body = client.get(url).content.decode()
        if fmt == "csl":
            [item] = json.loads(body)
            assert item["note"].endswith(" " + expected)
            assert item["publisher"] == rows[meeting.source_name]["publisher"]
        elif fmt == "ris":
            assert f"N1  - {expected}\r\n" in body
        else:
            assert bibtex_escape(expected) in body


@pytest.mark.django_db
def test_json_record_carries_the_provenance(client, seeds):
    rows = seed_sources()
    meeting = seeds[0]
    response = client.get(reverse("machine:api_meeting", args=[meeting.public_id]))
    record = response.json()
    row = rows[meeting.source_name]
    assert record["source_url"] == row["url"]
    assert record["source_publisher"] == row["publisher"]
    assert record["source_accessed"] == row["accessed"]
    assert record["source_notice"] == notice(row)


@pytest.mark.django_db
def test_a_files_stored_meeting_is_found_through_the_unique_index(seed_paths):
    """One look-up per file of an import: reading every meeting made imports quadratic."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.importer.cache import RunCache
    from meetings.importer.identity import Origin, find_existing
    from meetings.provenance import Provenance

    if connection.vendor != "sqlite":
        pytest.skip("the plan asserted is SQLite's; PostgreSQL proves the index's condition")
    importer.import_paths(seed_paths)
    stored = Meeting.objects.order_by("pk").first()
    origin = Origin(path_key="elsewhere", name="x.txt", given=Provenance(url=stored.source_key))
    with CaptureQueriesContext(connection) as done:
        assert find_existing(origin, stored.source_index, RunCache()) == stored
    with connection.cursor() as cursor:
        plan = cursor.execute(f"EXPLAIN QUERY PLAN {done.captured_queries[0]['sql']}").fetchall()
    assert any("USING INDEX unique_source_key" in row[-1] for row in plan), plan
