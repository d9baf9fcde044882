"""meetings.importer on the real seeds: idempotent, in place, one transaction per file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.db import IntegrityError

from meetings import importer
from meetings.authority import (
    AuthorityFileError,
    AuthoritySync,
    authority_from_database,
    sync_authority,
)
from meetings.importer import storing
from meetings.models import (
    Meeting,
    Participant,
    Person,
    PersonAlias,
    Statement,
    Subject,
    Topic,
    normalize_heading,
)
from meetings.parsing.sources import read_source
from meetings.vocabulary import name_key

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
EXPECTED = {m["source"]: m for m in json.loads((SEEDS / "expected.json").read_text())}
MODELS = (Meeting, Participant, Person, PersonAlias, Statement, Subject, Topic)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def parsed(path: Path):
    """What the parser makes of a file with the authority the importer uses."""
    return importer.parse_source(read_source(path), authority_from_database())


@pytest.fixture
def seed_copies(tmp_path, seed_paths) -> list[Path]:
    folder = tmp_path / "seeds"
    folder.mkdir()
    return [Path(shutil.copy(path, folder / path.name)) for path in seed_paths]


@pytest.fixture
def no_authority_file(settings, tmp_path):
    settings.PEOPLE_AUTHORITY_FILE = tmp_path / "absent-people.json"


def edit_sentence(path: Path) -> str:
    """Change one sentence of a statement; returns the new wording."""
    text = path.read_text(encoding="utf-8")
    old = "Prime Minister Koizumi pointed out that"
    assert old in text
    new = "Prime Minister Koizumi firmly pointed out that"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return "firmly pointed out"


@pytest.mark.django_db
def test_first_import_stores_what_the_parser_reads(seed_paths):
    sync_authority()
    records = {path.name: parsed(path) for path in seed_paths}

    summary = importer.import_paths(seed_paths)

    assert summary.line() == "5 new, 0 updated, 0 unchanged, 0 kept (edited), 0 failed"
    assert Meeting.objects.count() == 5
    for path in seed_paths:
        meeting = Meeting.objects.get(source_name=path.name, source_index=0)
        (record,) = records[path.name]
        expected = EXPECTED[path.name]
        assert meeting.title == expected["title"]
        assert meeting.participants.count() == len(expected["participants"])
        assert [p.person.name for p in meeting.participants.order_by("order")] == [
            p["name"] for p in expected["participants"]
        ]
        sections = expected["sections"]
        assert meeting.topics.filter(parent=None).count() == len(sections)
        assert meeting.topics.exclude(parent=None).count() == sum(
            len(s["subsections"]) for s in sections
        )
        assert meeting.statements.count() == len(record.statements) > 0
        stored = meeting.statements.order_by("order").prefetch_related("speakers")
        for statement, item in zip(stored, record.statements, strict=True):
            assert statement.text == item.text
            assert statement.kind == item.kind
            assert sorted(p.name for p in statement.speakers.all()) == sorted(item.speakers)
            assert (statement.start_offset, statement.end_offset) == (item.start, item.end)


@pytest.mark.django_db
def test_meeting_fields_follow_the_record(seed_paths):
    importer.import_paths(seed_paths)

    for path in seed_paths:
        meeting = Meeting.objects.get(source_name=path.name)
        expected = EXPECTED[path.name]
        dates = expected["meeting_dates"] or [expected["published"]]
        assert meeting.date_start.isoformat() == min(dates)
        assert meeting.date_end.isoformat() == max(dates)
        assert meeting.meeting_type == expected["meeting_type"]
        assert meeting.countries == sorted({p["country"] for p in expected["participants"]})
        assert meeting.public_id.startswith(min(dates))
        assert len(meeting.public_id) <= importer.PUBLIC_ID_LENGTH
        assert meeting.original_text == read_source(path).text
        assert meeting.source_checksum == read_source(path).checksum
    two_day = Meeting.objects.get(source_name="002_b30558d5cb043e87.txt")
    assert (str(two_day.date_start), str(two_day.date_end)) == ("2003-12-15", "2003-12-16")
    sea_island = Meeting.objects.get(source_name="000_256520c6491b54b8.txt")
    assert sea_island.public_id.startswith("2004-06-09-japan-russian-federation-summit-meeting")


@pytest.mark.django_db
def test_topics_link_subsections_to_sections_and_subjects(seed_paths):
    importer.import_paths(seed_paths)

    for topic in Topic.objects.select_related("parent", "subject"):
        key = normalize_heading(topic.heading)
        # a generic heading ("Others", "Overview") is a topic without a subject
        assert (topic.subject.key if topic.subject else "") == key
        if topic.parent is not None:
            assert topic.parent.meeting_id == topic.meeting_id
            assert topic.parent.order < topic.order
    for statement in Statement.objects.exclude(topic=None).select_related("topic"):
        assert statement.topic.meeting_id == statement.meeting_id
    # Sections of the same subject in different meetings share one Subject.
    assert Subject.objects.count() < Topic.objects.count()


@pytest.mark.django_db
def test_every_speaker_is_a_person(seed_paths):
    importer.import_paths(seed_paths)

    for path in seed_paths:
        for name in EXPECTED[path.name]["speakers"]:
            assert Person.objects.by_any_name(name).count() == 1, name
    speakers = Person.objects.filter(statements__isnull=False).distinct()
    assert set(speakers.values_list("name", flat=True)) == {
        name for m in EXPECTED.values() for name in m["speakers"]
    }


@pytest.mark.django_db
def test_second_import_changes_nothing(seed_paths):
    importer.import_paths(seed_paths)
    before = row_counts()
    meetings = {m.pk: (m.public_id, m.updated_at) for m in Meeting.objects.all()}
    statement_ids = set(Statement.objects.values_list("pk", flat=True))

    summary = importer.import_paths(seed_paths)

    assert summary.line() == "0 new, 0 updated, 5 unchanged, 0 kept (edited), 0 failed"
    assert row_counts() == before
    assert {m.pk: (m.public_id, m.updated_at) for m in Meeting.objects.all()} == meetings
    assert set(Statement.objects.values_list("pk", flat=True)) == statement_ids


@pytest.mark.django_db
def test_changed_file_updates_in_place_keeping_public_id(seed_copies):
    importer.import_paths(seed_copies)
    changed = seed_copies[0]
    meeting = Meeting.objects.get(source_name=changed.name)
    counts = (meeting.participants.count(), meeting.topics.count(), meeting.statements.count())

    new_words = edit_sentence(changed)
    summary = importer.import_paths(seed_copies)

    assert summary.line() == "0 new, 1 updated, 4 unchanged, 0 kept (edited), 0 failed"
    updated = Meeting.objects.get(source_name=changed.name)
    assert (updated.pk, updated.public_id) == (meeting.pk, meeting.public_id)
    assert updated.source_checksum != meeting.source_checksum
    assert updated.statements.filter(text__contains=new_words).count() == 1
    assert (
        updated.participants.count(),
        updated.topics.count(),
        updated.statements.count(),
    ) == counts
    assert Meeting.objects.count() == 5


@pytest.mark.django_db
def test_edited_meeting_is_kept_until_overwrite_is_asked(seed_copies):
    importer.import_paths(seed_copies)
    changed = seed_copies[0]
    Meeting.objects.filter(source_name=changed.name).update(
        title="Title fixed by an editor", edited=True
    )
    new_words = edit_sentence(changed)

    kept = importer.import_paths(seed_copies)

    assert kept.line() == "0 new, 0 updated, 4 unchanged, 1 kept (edited), 0 failed"
    assert [str(m) for m in kept.messages] == [f"kept edited: {changed}"]
    meeting = Meeting.objects.get(source_name=changed.name)
    assert meeting.title == "Title fixed by an editor"
    assert not meeting.statements.filter(text__contains=new_words).exists()

    overwritten = importer.import_paths(seed_copies, overwrite_edited=True)

    assert overwritten.line() == "0 new, 1 updated, 4 unchanged, 0 kept (edited), 0 failed"
    meeting.refresh_from_db()
    assert meeting.title == EXPECTED[changed.name]["title"]
    assert meeting.edited is False
    assert meeting.statements.filter(text__contains=new_words).count() == 1


@pytest.fixture
def bad_folder(tmp_path, seed_paths) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(seed_paths[0], folder / "a_good.txt")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    smart = seed_paths[1].read_text(encoding="utf-8").replace("'", "\u2019")
    smart = smart.replace("Summit", "\u201cSummit\u201d", 1)
    (folder / "d_cp1252.txt").write_bytes(smart.encode("cp1252"))
    (folder / "e_not_a_summary.txt").write_text(
        "Shopping list\n\nEggs, milk and bread.\nCall the plumber on Tuesday.\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.django_db
def test_bad_files_fail_alone_with_one_line_each(bad_folder):
    missing = bad_folder / "z_missing.txt"
    empty_folder = bad_folder / "nothing_here"
    empty_folder.mkdir()

    summary = importer.import_paths([bad_folder, missing, empty_folder])

    assert (summary.new, summary.failed) == (2, 5)
    assert set(Meeting.objects.values_list("source_name", flat=True)) == {
        "a_good.txt",
        "d_cp1252.txt",
    }
    errors = {Path(m.path).name: m.text for m in summary.errors}
    assert set(errors) == {
        "b_empty.txt",
        "c_binary.txt",
        "e_not_a_summary.txt",
        "z_missing.txt",
        "nothing_here",
    }
    assert "empty" in errors["b_empty.txt"]
    assert "binary" in errors["c_binary.txt"]
    assert "no such file" in errors["z_missing.txt"]
    assert "no .txt files" in errors["nothing_here"]
    for message in summary.errors:
        assert "\n" not in str(message)
        assert str(message).startswith(f"error: {message.path}: ")
    assert f"note: {bad_folder / 'd_cp1252.txt'}: decoded as cp1252" in map(str, summary.messages)
    cp1252 = Meeting.objects.get(source_name="d_cp1252.txt")
    assert cp1252.source_encoding == "cp1252"
    assert "\u2019" in cp1252.original_text
    assert cp1252.public_id != Meeting.objects.get(source_name="a_good.txt").public_id


@pytest.mark.django_db
def test_too_large_file_fails_alone(settings, seed_paths):
    settings.IMPORT_MAX_FILE_BYTES = 1000

    summary = importer.import_paths(seed_paths[:1])

    assert summary.failed == 1
    assert "too large" in summary.errors[0].text
    assert Meeting.objects.count() == 0


@pytest.mark.django_db
def test_failure_while_storing_leaves_no_partial_rows(no_authority_file, monkeypatch, seed_paths):
    importer.import_paths(seed_paths[:1])
    before = row_counts()
    doomed = seed_paths[1].name
    store_statements = storing._store_statements

    def fail_after_statements(meeting, *args):
        store_statements(meeting, *args)
        if meeting.source_name == doomed:
            raise IntegrityError("forced failure after the statements were written")

    monkeypatch.setattr(storing, "_store_statements", fail_after_statements)
    summary = importer.import_paths(seed_paths[1:3])

    assert (summary.new, summary.failed) == (1, 1)
    assert summary.errors[0].path == str(seed_paths[1])
    assert "IntegrityError" in summary.errors[0].text
    assert not Meeting.objects.filter(source_name=doomed).exists()
    stored = Meeting.objects.get(source_name=seed_paths[2].name)
    assert Statement.objects.count() == before["Statement"] + stored.statements.count()
    assert Participant.objects.count() == before["Participant"] + stored.participants.count()
    assert Topic.objects.count() == before["Topic"] + stored.topics.count()
    # Nobody met only in the failed file was left behind.
    assert not Person.objects.filter(participations=None, statements=None).exists()

    monkeypatch.undo()
    again = importer.import_paths(seed_paths[:3])
    assert again.line() == "1 new, 0 updated, 2 unchanged, 0 kept (edited), 0 failed"


@pytest.mark.django_db
def test_dry_run_writes_nothing(seed_copies):
    summary = importer.import_paths(seed_copies, dry_run=True)

    assert summary.line() == "5 new, 0 updated, 0 unchanged, 0 kept (edited), 0 failed"
    assert all(count == 0 for count in row_counts().values())

    importer.import_paths(seed_copies)
    before = row_counts()
    checksums = dict(Meeting.objects.values_list("source_name", "source_checksum"))
    edit_sentence(seed_copies[0])

    summary = importer.import_paths(seed_copies, dry_run=True)

    assert summary.line() == "0 new, 1 updated, 4 unchanged, 0 kept (edited), 0 failed"
    assert row_counts() == before
    assert dict(Meeting.objects.values_list("source_name", "source_checksum")) == checksums


@pytest.mark.django_db
def test_fuzzy_resolution_is_recorded_as_an_alias(settings, tmp_path, seed_paths):
    authority = tmp_path / "people.json"
    authority.write_text(
        json.dumps(
            [
                {
                    "name": "Sergei Prikhodko",
                    "country": "Russian Federation",
                    "office": "",
                    "aliases": [],
                }
            ]
        ),
        encoding="utf-8",
    )
    settings.PEOPLE_AUTHORITY_FILE = authority
    sea_island = seed_paths[0]  # spells him "Sergei Prikhodiko"

    importer.import_paths([sea_island])

    alias = PersonAlias.objects.get(name_key=name_key("Sergei Prikhodiko"))
    assert alias.person.name == "Sergei Prikhodko"
    assert alias.source == "fuzzy"
    assert settings.PEOPLE_FUZZY_THRESHOLD <= alias.score <= 100
    assert Person.objects.by_any_name("Sergei Prikhodiko").get() == alias.person


@pytest.mark.django_db
def test_an_alias_added_by_an_editor_counts_on_the_next_import(seed_copies):
    importer.import_paths(seed_copies)
    matsuda = Person.objects.get(name="Kuninori Matsuda")
    text = seed_copies[0].read_text(encoding="utf-8")
    seed_copies[0].write_text(text.replace("Kuninori Matsuda", "Kuni Matsuda"), encoding="utf-8")
    # Too far from "Kuninori Matsuda" for fuzzy matching: without the alias he is a new person.
    assert importer.import_paths(seed_copies, dry_run=True).updated == 1
    (record,) = parsed(seed_copies[0])
    assert "Kuni Matsuda" in [p.name for p in record.participants]

    PersonAlias.objects.create(person=matsuda, name="Kuni Matsuda", source="admin")
    importer.import_paths(seed_copies)

    meeting = Meeting.objects.get(source_name=seed_copies[0].name)
    assert meeting.participants.get(name_as_written="Kuni Matsuda").person == matsuda
    assert not Person.objects.filter(name="Kuni Matsuda").exists()


def write_authority(path: Path, entries: list[dict]) -> Path:
    path.write_text(json.dumps(entries), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_authority_sync_is_idempotent_and_keeps_editor_changes(settings, tmp_path):
    settings.PEOPLE_AUTHORITY_FILE = write_authority(
        tmp_path / "people.json",
        [
            {
                "name": "Junichiro Koizumi",
                "country": "Japan",
                "office": "Prime Minister",
                "aliases": ["Koizumi Junichiro", "J. Koizumi"],
            },
            {"name": "Vladimir Putin", "country": "Russian Federation", "aliases": ["V. Putin"]},
        ],
    )

    first = sync_authority()
    assert (first.people_created, first.aliases_created) == (2, 3)
    Person.objects.filter(name="Junichiro Koizumi").update(office="Former Prime Minister")
    before = row_counts()

    second = sync_authority()

    assert (second.people_created, second.aliases_created) == (0, 0)
    assert row_counts() == before
    koizumi = Person.objects.get(name="Junichiro Koizumi")
    assert koizumi.office == "Former Prime Minister"
    assert set(koizumi.aliases.values_list("source", flat=True)) == {"authority"}
    assert Person.objects.by_any_name("J. Koizumi").get() == koizumi


@pytest.mark.django_db
def test_missing_authority_file_is_skipped(no_authority_file):
    assert sync_authority() == AuthoritySync(0, 0)


@pytest.mark.django_db
def test_malformed_authority_file_is_one_clear_error(settings, tmp_path):
    settings.PEOPLE_AUTHORITY_FILE = tmp_path / "people.json"
    settings.PEOPLE_AUTHORITY_FILE.write_text('{"name": "not a list"}', encoding="utf-8")

    with pytest.raises(AuthorityFileError, match="expected a JSON list"):
        sync_authority()


@pytest.mark.django_db
def test_each_imported_file_is_indexed_after_commit(django_capture_on_commit_callbacks, seed_paths):
    from meetings import search

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        summary = importer.import_paths(seed_paths[:2])

    assert summary.new == 2
    assert len(callbacks) == 1  # one index_meetings call per batch, not one per row
    result = search.search("Shimoda")
    assert result.error is None
    statements = Statement.objects.filter(text__icontains="Shimoda")
    assert result.total == statements.count() > 0
    assert set(result.ids) <= set(statements.values_list("pk", flat=True))


@pytest.mark.django_db
def test_an_index_failure_keeps_the_rows_and_is_reported(
    django_capture_on_commit_callbacks, settings, tmp_path, seed_paths
):
    blocked = tmp_path / "index-is-a-file"
    blocked.write_text("not a folder")
    settings.SEARCH_INDEX_DIR = blocked

    with django_capture_on_commit_callbacks(execute=True):
        summary = importer.import_paths(seed_paths[:1])

    assert summary.line() == (
        "1 new, 0 updated, 0 unchanged, 0 kept (edited), 0 failed, "
        "1 not fully indexed (see check_index --fix)"
    )
    assert Meeting.objects.count() == 1
    (error,) = summary.errors  # an error, not a note: the import command exits non-zero
    assert str(error).startswith(f"error: {seed_paths[0]}: stored, but the search index was not")


@pytest.mark.django_db
def test_a_rolled_back_file_leaves_no_stale_lookups_for_the_next(
    no_authority_file, monkeypatch, seed_paths, tmp_path
):
    """People, subjects and aliases created by a failed file are looked up afresh later."""
    doomed = seed_paths[1]
    twin = tmp_path / f"twin-{doomed.name}"
    twin.write_bytes(doomed.read_bytes())
    store_statements = storing._store_statements

    def fail_for_the_doomed_file(meeting, *args):
        store_statements(meeting, *args)
        if meeting.source_name == doomed.name:
            raise IntegrityError("forced failure")

    monkeypatch.setattr(storing, "_store_statements", fail_for_the_doomed_file)
    summary = importer.import_paths([doomed, twin])

    assert (summary.new, summary.failed) == (1, 1)
    stored = Meeting.objects.get(source_name=twin.name)
    assert stored.participants.count() > 0 and stored.topics.exclude(subject=None).exists()
    speakers = Person.objects.filter(statements__meeting=stored).distinct()
    assert speakers.count() >= 2


YEARLESS = """Meeting between Prime Minister Junichiro Koizumi and Premier Zhu Rongji of China

On 22 September Prime Minister Junichiro Koizumi met with Premier Zhu Rongji of the People's
Republic of China. The following is a summary of the meeting.

1. Japan-China Relations

Prime Minister Koizumi stated that exchanges between the two countries were growing.
"""


@pytest.mark.django_db
def test_a_meeting_without_a_year_is_kept_with_its_day_and_marked_for_review(tmp_path):
    path = tmp_path / "yearless.txt"
    path.write_text(YEARLESS, encoding="utf-8")
    importer.import_paths([path])
    meeting = Meeting.objects.get()
    assert meeting.published is None and meeting.date_start is None
    assert meeting.meeting_dates_partial == ["--09-22"]
    assert meeting.needs_review
    assert any("month and day without a year" in r for r in meeting.review_reasons)
    assert meeting.parse_confidence["meeting_dates"]["confidence"] < 0.6


@pytest.mark.django_db
def test_each_statement_keeps_its_confidence_and_reason(seed_paths):
    importer.import_paths(seed_paths)
    statements = Statement.objects.exclude(kind="narrative")
    assert statements.exists()
    assert all(0 < s.confidence <= 1 and s.attribution_reason for s in statements)
    carried = Statement.objects.filter(attribution_reason__contains="carried over")
    assert all(s.confidence < 0.9 for s in carried)


@pytest.mark.django_db
def test_a_date_line_without_a_day_is_kept_as_a_partial_date(tmp_path):
    path = tmp_path / "month.txt"
    path.write_text(
        "Visit of Prime Minister Junichiro Koizumi to Germany\n\nAugust 2003\n\n"
        "On August 17, Prime Minister Junichiro Koizumi arrived in Germany and held talks with "
        "Chancellor Gerhard Schroeder of the Federal Republic of Germany on August 18.\n",
        encoding="utf-8",
    )
    importer.import_paths([path])
    meeting = Meeting.objects.get()
    assert meeting.published is None
    assert meeting.published_partial == "2003-08"
    assert meeting.date_start is not None and meeting.date_start.year == 2003
