"""export_archive / import_archive: a backup restores every record and every search.

The archive is the seeds plus a generated corpus, edited the ways editors edit
it (an admin rename and title change, a review mark, a subject merge, an
editor in a group). It is written out, the database emptied (`flush`, so even
the content types come back with new ids) and the index deleted, then
restored. Runs on SQLite and, with --db=postgres, on PostgreSQL with both
search backends.
"""

from __future__ import annotations

import gzip
import re
import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command

from devtools.corpus import write_corpus
from meetings import importer, review, search
from meetings.backup import contents
from meetings.models import Meeting, Person, Statement, Subject
from meetings.subjects import merge_subjects
from tests.test_admin import change_url, form_data

QUERIES = [
    "peace treaty",
    '"peace treaty"',
    "speaker:putin",
    "President V. Putin",
    "country:russia energy",
    "north korea -nuclear",
    "-peace",
    "year:2003..2004 cooperation",
    "title:summit",
]


@pytest.fixture
def archive(search_backend, admin_client, admin_user, seed_paths, tmp_path):
    """Seeds + 8 generated meetings with the edits editors make, indexed as the site does."""
    write_corpus(8, tmp_path / "corpus", seed=3, expected=False)
    summary = importer.import_paths([*seed_paths, tmp_path / "corpus"])
    assert summary.failed == 0 and summary.new == 13
    _edit_like_an_editor(admin_client, admin_user)
    report = search.check()
    assert (report["missing"], report["stale"], report["changed"]) == ([], [], [])
    # Rankings count deleted documents until segments merge: start from a fresh index,
    # as a restore does, so scores (and the order of equal ones) can be compared exactly.
    search.rebuild()
    return tmp_path


def _edit_like_an_editor(admin_client, admin_user) -> None:
    putin = Person.objects.get(name="Vladimir Putin")
    url = change_url("person", putin.pk)
    data = form_data(admin_client.get(url))
    data["name"] = "President V. Putin"  # keeps "Vladimir Putin" as an alias
    assert admin_client.post(url, data).status_code == 302
    meeting = Meeting.objects.order_by("pk").first()
    url = change_url("meeting", meeting.pk)
    data = form_data(admin_client.get(url))
    data["title"] = meeting.title + " (corrected)"
    assert admin_client.post(url, data).status_code == 302
    statement = Statement.objects.filter(meeting=meeting).order_by("order")[1]
    review.set_speakers(statement, [putin], admin_user)
    review.confirm_statements(Statement.objects.filter(meeting=meeting)[:3], admin_user)
    subjects = list(Subject.objects.order_by("pk")[:2])
    merge_subjects(subjects[0], subjects[1:])
    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(codename="change_statement"))
    editor = User.objects.create_user("editor", password="a long passphrase 1")
    editor.groups.add(editors)


def snapshot() -> dict[str, list]:
    """Every archived row, read with the ORM; accounts and content types by name."""
    rows = {}
    for model in contents.archived_models():
        is_account = model in contents.account_models()
        table = []
        for obj in model._base_manager.order_by("pk"):
            row = {f.attname: _value(obj, f) for f in model._meta.concrete_fields}
            if is_account:
                row.pop("id")
                for field in model._meta.many_to_many:
                    related = getattr(obj, field.name).all()
                    row[field.name] = sorted(item.natural_key() for item in related)
            table.append(row)
        rows[model._meta.label_lower] = sorted(table, key=repr) if is_account else table
    return rows


def _value(obj, field):
    value = getattr(obj, field.attname)
    if value is not None and field.is_relation and hasattr(field.related_model, "natural_key"):
        return getattr(obj, field.name).natural_key()
    return value


def searches() -> dict[str, tuple]:
    found = {}
    for text in QUERIES:
        result = search.search(text, per_page=100)
        assert not result.error, (text, result.error)
        found[text] = (result.total, result.ids, result.facets)
    return found


def empty_database() -> None:
    """A database as `migrate` leaves it; the search index gone too."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.SEARCH_INDEX_DIR, ignore_errors=True)
    if settings.SEARCH_BACKEND == "postgres":
        from meetings.search.postgres.models import SearchDocument, SearchVocabulary

        SearchDocument.objects.all().delete()
        SearchVocabulary.objects.all().delete()


def record_counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in contents.record_models()}


def restore(path, capsys=None) -> str:
    call_command("import_archive", str(path))
    return capsys.readouterr().out if capsys else ""


@pytest.mark.parametrize("name", ["backup.jsonl", "backup.jsonl.gz"])
def test_a_restore_gives_back_every_record_and_every_search(archive, name, capsys):
    before, found = snapshot(), searches()
    assert before["meetings.statement"] and before["meetings.statement_speakers"]
    assert any(row["reviewed_by_id"] == ("admin",) for row in before["meetings.statement"])
    assert before["meetings.subjectalias"] and before["admin.logentry"]
    assert {row["username"] for row in before["auth.user"]} == {"admin", "editor"}
    assert all(total > 0 for total, *_ in found.values())
    path = archive / name
    call_command("export_archive", str(path))
    assert path.read_bytes()[:2] == (b"\x1f\x8b" if name.endswith(".gz") else b'{"')
    empty_database()
    assert not any(record_counts().values())

    printed = restore(path, capsys)

    assert snapshot() == before
    assert searches() == found
    assert f"restored {sum(len(rows) for rows in before.values())} records" in printed
    assert "rebuilt the search index" in printed
    report = search.check()
    assert (report["missing"], report["stale"], report["changed"]) == ([], [], [])
    assert report["statements"] == len(before["meetings.statement"])


def test_new_rows_after_a_restore_take_new_ids(archive):
    """PostgreSQL sequences follow the restored ids (else the next insert collides)."""
    path = archive / "backup.jsonl"
    call_command("export_archive", str(path))
    highest = Person.objects.order_by("-pk").first().pk
    empty_database()
    restore(path)

    person = Person.objects.create(name="Someone New")
    subject = Subject.objects.create(name="A New Subject")
    editor = User.objects.create_user("second-editor")

    assert person.pk == highest + 1
    assert subject.pk > max(Subject.objects.exclude(pk=subject.pk).values_list("pk", flat=True))
    assert editor.pk > User.objects.get(username="editor").pk


def test_an_existing_administrator_is_kept_and_others_come_back(archive, capsys):
    path = archive / "backup.jsonl"
    call_command("export_archive", str(path))
    before = snapshot()
    empty_database()
    User.objects.create_superuser("admin", password="the new machine's own password")

    printed = restore(path, capsys)

    assert "kept the existing accounts: admin" in printed
    assert User.objects.get(username="admin").check_password("the new machine's own password")
    editor = User.objects.get(username="editor")
    assert editor.check_password("a long passphrase 1")  # its password hash came back
    assert editor.has_perm("meetings.change_statement")
    after = snapshot()
    assert after["meetings.statement"] == before["meetings.statement"]


@pytest.fixture
def seeds_backup(transactional_db, seed_paths, tmp_path, admin_user) -> bytes:
    """The seeds' backup (one review mark by a user), the database then emptied."""
    assert importer.import_paths(seed_paths).failed == 0
    review.confirm_statements(Statement.objects.all()[:2], admin_user)
    path = tmp_path / "backup.jsonl"
    call_command("export_archive", str(path), verbosity=0)
    empty_database()
    return path.read_bytes()


def _refused(path, match: str) -> str:
    users = User.objects.count()
    with pytest.raises(CommandError, match=match) as refused:
        call_command("import_archive", str(path))
    message = str(refused.value)
    assert "\n" not in message
    assert not any(record_counts().values()), record_counts()
    assert User.objects.count() == users
    return message


def _cut(data: bytes, before_line: int) -> bytes:
    """The file up to (not including) line `before_line`: cut at a line boundary."""
    lines = data.splitlines(keepends=True)
    return b"".join(lines[: before_line - 1])


def test_a_database_that_is_not_empty_is_refused(db, seeds, tmp_path):
    path = tmp_path / "backup.jsonl"
    call_command("export_archive", str(path))
    counts = record_counts()
    with pytest.raises(CommandError, match="the database is not empty") as refused:
        call_command("import_archive", str(path))
    assert "\n" not in str(refused.value)
    assert record_counts() == counts


def test_a_file_cut_short_restores_nothing(seeds_backup, tmp_path):
    data, archive = seeds_backup, tmp_path
    middle = archive / "cut-in-a-line.jsonl"
    middle.write_bytes(data[: len(data) // 2])
    _refused(middle, r"line \d+ is not complete JSON: the file is damaged or was cut short")
    whole_lines = archive / "cut-between-lines.jsonl"
    whole_lines.write_bytes(_cut(data, len(data.splitlines()) - 3))
    _refused(whole_lines, r"meetings\.\w+ has \d+ of the \d+ rows its header announces")
    compressed = archive / "cut.jsonl.gz"
    compressed.write_bytes(gzip.compress(data)[:-200])
    _refused(compressed, "the compressed file breaks off after line")


@pytest.mark.parametrize(
    ("damage", "match"),
    [
        (lambda line: line.replace(b'"date_start": "', b'"date_start": "2004-13-'), "line"),
        (lambda line: line.replace(b'"model": "meetings.meeting"', b'"model": "x.y"'), "x.y"),
        (lambda line: line[:-3] + b',"no_such_field": 1}}\n', "no_such_field"),
    ],
    ids=["impossible-date", "unknown-model", "unknown-field"],
)
def test_a_damaged_row_restores_nothing(seeds_backup, tmp_path, damage, match):
    archive, lines = tmp_path, seeds_backup.splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if b'"model": "meetings.meeting"' in line)
    lines[number] = damage(lines[number])
    path = archive / "damaged.jsonl"
    path.write_bytes(b"".join(lines))
    _refused(path, match)


def test_rows_pointing_at_missing_rows_restore_nothing(seeds_backup, tmp_path):
    archive, lines = tmp_path, seeds_backup.splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if b'"model": "meetings.participant"' in line)
    lines[number] = re.sub(rb'"person": \d+', b'"person": 99999', lines[number])
    path = archive / "broken.jsonl"
    path.write_bytes(b"".join(lines))
    message = _refused(path, "the backup's rows do not fit together")
    assert "99999" in message


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    not_backup = tmp_path / "notes.txt"
    not_backup.write_text("Japan-Russia Summit Meeting\n\nsome text\n")
    _refused(not_backup, "line 1 is not a backup header")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    _refused(empty, "the file is empty")
    _refused(tmp_path / "absent.jsonl", "cannot read")


def test_a_backup_from_a_newer_schema_is_refused(seeds_backup, tmp_path):
    archive, lines = tmp_path, seeds_backup.splitlines(keepends=True)
    lines[0] = lines[0].replace(b'"0001_initial"', b'"0001_initial", "0999_from_the_future"', 1)
    path = archive / "newer.jsonl"
    path.write_bytes(b"".join(lines))
    _refused(path, r"written at migration \w+\.0999_from_the_future")


def test_every_table_of_the_meetings_app_is_backed_up_parents_first(db):
    """A model added to the app (a history table, say) is in the backup without a change."""
    from django.apps import apps

    stored = {
        model
        for model in apps.get_app_config("meetings").get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    order = contents.archived_models()
    left_out = contents.INDEX_STATE + contents.CACHE_STATE
    index_state = {m for m in stored if m._meta.label in left_out}
    assert {m._meta.label for m in index_state} == {
        "meetings.PendingIndex",
        "meetings.ArchiveState",
    }
    assert stored - index_state <= set(order)
    assert not index_state & set(order)
    assert {m._meta.label for m in order} >= {"auth.User", "auth.Group", "admin.LogEntry"}
    assert "meetings.SearchDocument" not in {m._meta.label for m in order}
    position = {model: i for i, model in enumerate(order)}
    for model in order:
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target in position and target is not model:
                assert position[target] < position[model], (model, field.name)
