"""MeetingRecord -> rows: idempotent, one transaction per file, keeps admin edits.

    summary = import_paths(["fixtures/seeds"], dry_run=False, overwrite_edited=False)
    print(summary.line())   # "5 new, 0 updated, 0 unchanged, 0 kept (edited), 0 failed"

Each meeting is keyed on (source_key, source_index): the file's identity is its
source URL when known (from the sources.csv beside it or the command's
options, see meetings/provenance.py), otherwise its path; never its base name
alone. A meeting found under the file's path (it was imported before its URL was
known, or its URL changed) or stored before identities existed (source_key
empty, same base name) is taken over. The file's checksum says whether it
changed. A changed meeting is rebuilt in place and keeps its public_id; an
unchanged one whose provenance changed only has its source fields updated.
A file that cannot be read, parsed or stored rolls back alone and is reported
in one line; the other files still import.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils.text import slugify

from . import history, parsing
from .indexing import after_commit, journal
from .indexing.bulk import bulk_import
from .indexing.queue import INDEX_BATCH_FILES, IndexQueue, queue_for_run  # noqa: F401  (re-exported)
from .models import (
    AliasSource,
    Meeting,
    MeetingType,
    Participant,
    Person,
    PersonAlias,
    PersonOrigin,
    ReviewAction,
    Role,
    Statement,
    StatementKind,
    Subject,
    Topic,
    normalize_heading,
)
from .parsing.record import MeetingRecord, ParseError
from .parsing.sources import SourceText, read_source
from .provenance import (
    SOURCES_FILE,
    Provenance,
    SourcesCatalog,
    SourcesFileError,
    path_key,
)
from .subjects import subject_for_key
from .vocabulary import name_key

NEW, UPDATED, UNCHANGED, KEPT_EDITED = "new", "updated", "unchanged", "kept_edited"
PUBLIC_ID_LENGTH = 80

Progress = Callable[[int, int, Path], None]


class AuthorityFileError(ValueError):
    """The people authority file is unreadable; the message is one line."""


@dataclass(frozen=True)
class Origin:
    """Which file a meeting comes from and where that file was published."""

    path_key: str  # the file's path (meetings.provenance.path_key)
    name: str  # its base name: how meetings stored before identities are found
    given: Provenance  # what this import says; unknown parts keep the stored values

    def provenance_for(self, existing: Meeting | None) -> Provenance:
        stored = (
            Provenance(
                url=existing.source_url,
                publisher=existing.source_publisher,
                accessed=existing.source_accessed,
            )
            if existing is not None
            else Provenance()
        )
        return stored.overridden_by(self.given)

    def fields_for(self, existing: Meeting | None) -> dict:
        provenance = self.provenance_for(existing)
        return {
            "source_key": provenance.url or self.path_key,
            "source_path": self.path_key,
            "source_name": self.name,
            "source_url": provenance.url,
            "source_publisher": provenance.publisher,
            "source_accessed": provenance.accessed,
        }

    def differs(self, existing: Meeting) -> bool:
        return any(
            getattr(existing, name) != value for name, value in self.fields_for(existing).items()
        )


@dataclass
class Message:
    kind: str  # "error" | "note" | "kept"
    path: str
    text: str = ""

    def __str__(self) -> str:
        if self.kind == "kept":
            return f"kept edited: {self.path}{self.text}"
        return f"{self.kind}: {self.path}: {self.text}"


@dataclass
class FileResult:
    path: Path
    outcomes: list[str] = field(default_factory=list)  # one per meeting in the file
    meeting_ids: list[int] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    error: str | None = None
    index_error: str | None = None  # stored, but (some of) it is not in the search index

    @property
    def failed(self) -> bool:
        return self.error is not None


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_edited: int = 0
    failed: int = 0  # files
    files: list[FileResult] = field(default_factory=list)
    replayed: list[Message] = field(default_factory=list)  # what earlier runs left unindexed
    # Filled when a second process indexed (meetings/indexing/worker.py):
    index_worker_seconds: float | None = None  # its time indexing, overlapping ours
    index_wait_seconds: float = 0.0  # our time blocked on it

    def add(self, result: FileResult) -> None:
        self.files.append(result)
        if result.failed:
            self.failed += 1
        for outcome in result.outcomes:
            setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def not_indexed(self) -> int:
        """Files stored but not (fully) indexed; known once the import has returned."""
        return sum(1 for result in self.files if result.index_error is not None)

    @property
    def messages(self) -> list[Message]:
        return self.replayed + [message for result in self.files for message in result.messages]

    @property
    def replay_failed(self) -> bool:
        return any(message.kind == "error" for message in self.replayed)

    @property
    def errors(self) -> list[Message]:
        return [message for message in self.messages if message.kind == "error"]

    def line(self) -> str:
        line = (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.kept_edited} kept (edited), {self.failed} failed"
        )
        if self.not_indexed:
            line += f", {self.not_indexed} not fully indexed (see check_index --fix)"
        return line


def _not_indexed(results: list[FileResult], error: Exception) -> None:
    """Report an indexing failure as an error of the files it concerns.

    When only some statements could not be indexed (the search package's
    DocumentsNotIndexed, known here by its `failures` and `meetings`: the
    importer does not import the search side), only their files are
    reported, each naming its statements; the rest of the batch is indexed.
    """
    if isinstance(getattr(error, "failures", None), dict):
        by_meeting: dict[int, list[int]] = {}
        for statement_id in sorted(error.failures):
            by_meeting.setdefault(error.meetings.get(statement_id), []).append(statement_id)
        for result in results:
            for meeting_id in result.meeting_ids:
                for statement_id in by_meeting.pop(meeting_id, []):
                    reason = (
                        f"stored, but statement {statement_id} could not be indexed "
                        f"({error.failures[statement_id]})"
                    )
                    result.index_error = reason
                    result.messages.append(Message("error", str(result.path), reason))
        if not by_meeting:
            return
        results = results[:1]  # statements of no file of this batch: reported once
    for result in results:
        reason = f"stored, but the search index was not updated ({_one_line(error, result.path)})"
        result.index_error = reason
        result.messages.append(Message("error", str(result.path), reason))


# --- Entry points ------------------------------------------------------------


def import_paths(
    paths: Iterable[str | Path],
    *,
    dry_run: bool = False,
    overwrite_edited: bool = False,
    progress: Progress | None = None,
    provenance: Provenance | None = None,
) -> ImportSummary:
    """Import files and folders (a folder means its *.txt files, sorted).

    Each file's provenance comes from the sources.csv beside it; the values
    `provenance` gives take precedence. A sources.csv that cannot be used
    raises SourcesFileError (one line) before anything is imported.
    """
    files = expand_paths(paths)
    if provenance is not None and provenance.url and len(files) > 1:
        raise SourcesFileError(
            f"a source URL identifies one file, but {len(files)} files are to be imported"
        )
    summary = ImportSummary()
    cache = RunCache()
    catalog = SourcesCatalog()
    for path in files:  # every sources.csv is read (and checked) before any import
        catalog.for_file(path)
    with bulk_import():
        # Inside a caller's transaction this run indexes only after its commit; the
        # notes wait for the next run outside one.
        if not dry_run and not connection.in_atomic_block:
            summary.replayed = replay_pending_index()
        authority = prepare_authority(dry_run=dry_run)
        if dry_run:
            queue = IndexQueue(on_error=_not_indexed)
        else:
            queue = queue_for_run(len(files), on_error=_not_indexed)
        try:
            for number, path in enumerate(files, start=1):
                result = import_file(
                    path,
                    authority=authority,
                    dry_run=dry_run,
                    overwrite_edited=overwrite_edited,
                    index_queue=queue,
                    cache=cache,
                    provenance=provenance,
                    sources=catalog,
                )
                summary.add(result)
                if progress is not None:
                    progress(number, len(files), path)
            queue.flush()
        finally:  # even when stopped, what was committed gets indexed
            queue.close()
            if queue.worker is not None:
                summary.index_worker_seconds = queue.worker.busy_seconds
                summary.index_wait_seconds = queue.worker.wait_seconds
    return summary


def replay_pending_index() -> list[Message]:
    """Index the meetings an earlier run stored but was stopped before indexing."""
    replay = journal.replay()
    where = "search index"
    messages = []
    if replay.meetings:
        text = f"re-indexed {replay.meetings} meeting(s) an earlier import left unindexed"
        messages.append(Message("note", where, text))
    for statement_id, reason in sorted(replay.failures.items()):
        text = f"statement {statement_id} could not be indexed ({reason})"
        messages.append(Message("error", where, text))
    if replay.error is not None:
        text = f"meetings an earlier import left unindexed were not re-indexed: {replay.error}"
        messages.append(Message("error", where, text))
    return messages


def import_file(
    path: str | Path,
    *,
    authority=None,
    dry_run: bool = False,
    overwrite_edited: bool = False,
    index_queue: IndexQueue | None = None,
    cache: RunCache | None = None,
    provenance: Provenance | None = None,
    sources: SourcesCatalog | None = None,
) -> FileResult:
    """Import one file in one transaction; its meetings are indexed after commit.

    Without `index_queue` the file's meetings are indexed on their own. The
    file's provenance is its row in the sources.csv beside it, overridden by
    what `provenance` gives.
    """
    path = Path(path)
    result = FileResult(path=path)
    if authority is None:
        authority = prepare_authority(dry_run=dry_run)
    if path.is_dir():
        return _fail(result, "folder holds no .txt files")
    listed, has_sources_file = (sources or SourcesCatalog()).for_file(path)
    given = (listed or Provenance()).overridden_by(provenance)
    origin = Origin(path_key=path_key(path), name=path.name, given=given)
    try:
        source = read_source(path, max_bytes=settings.IMPORT_MAX_FILE_BYTES)
        records = parse_source(source, authority)
    except ParseError as error:
        return _fail(result, _one_line(error, path))
    except Exception as error:  # a parser bug must not stop the other files
        return _fail(result, f"parser failed: {type(error).__name__}: {_one_line(error, path)}")
    if source.decoded_with_fallback:
        result.messages.append(Message("note", str(path), f"decoded as {source.encoding}"))
    if has_sources_file and listed is None and not given.url:
        result.messages.append(
            Message("note", str(path), f"not listed in {SOURCES_FILE}: no source URL recorded")
        )
    try:
        if dry_run:
            for index, _record in enumerate(records):
                result.outcomes.append(
                    planned_outcome(source, index, overwrite_edited, origin, cache)
                )
        else:
            with bulk_import(), transaction.atomic(), history.acting(None, history.IMPORTER):
                store_file(
                    source,
                    records,
                    result,
                    overwrite_edited=overwrite_edited,
                    cache=cache,
                    origin=origin,
                )
    except Exception as error:  # the transaction rolled back: nothing of this file is kept
        if cache is not None:
            cache.forget()  # it may name rows that were rolled back
        result.outcomes, result.meeting_ids = [], []
        return _fail(result, f"could not store: {type(error).__name__}: {_one_line(error, path)}")
    if index_queue is None:
        index_queue = IndexQueue(batch_files=1, on_error=_not_indexed)
    index_queue.add(result, result.meeting_ids)
    for index, outcome in enumerate(result.outcomes):
        if outcome == KEPT_EDITED:
            where = f" (meeting {index + 1})" if len(records) > 1 else ""
            result.messages.append(Message("kept", str(path), where))
    return result


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Folders become their *.txt files, sorted; other paths are kept as given."""
    files: list[Path] = []
    for path in map(Path, paths):
        texts = sorted(path.glob("*.txt")) if path.is_dir() else []
        files.extend(texts or [path])  # an empty folder stays, to be reported
    return files


def parse_source(source: SourceText, authority) -> list[MeetingRecord]:
    records = parsing.parse_text(source.text, source.name, authority)
    if not records:
        raise ParseError("not a meeting summary (no meeting found)")
    return records


def planned_outcome(
    source: SourceText,
    index: int,
    overwrite_edited: bool,
    origin: Origin | None = None,
    cache: RunCache | None = None,
) -> str:
    """What storing would do, read from the database without writing."""
    origin = origin or Origin(path_key=source.name, name=source.name, given=Provenance())
    existing = find_existing(origin, index, cache)
    return _outcome_for(existing, source, overwrite_edited, origin)


def find_existing(origin: Origin, index: int, cache: RunCache | None = None) -> Meeting | None:
    """The stored meeting this file's `index`-th meeting replaces, if any.

    Looked up by the file's identity (its URL, else its path), then by its
    path (imported before its URL was known, or under another URL), then,
    among meetings stored before identities existed, by its base name.
    """
    meetings = Meeting.objects.filter(source_index=index)
    key = origin.given.url or origin.path_key
    existing = meetings.filter(source_key=key).first()
    if existing is None:
        existing = meetings.filter(source_path=origin.path_key).order_by("pk").first()
    if existing is None and (cache is None or cache.has_legacy_meetings()):
        existing = meetings.filter(source_key="", source_name=origin.name).first()
    return existing


def _outcome_for(
    existing: Meeting | None, source: SourceText, overwrite_edited: bool, origin: Origin
) -> str:
    if existing is None:
        return NEW
    if existing.source_checksum == source.checksum:
        return UPDATED if origin.differs(existing) else UNCHANGED
    if existing.edited and not overwrite_edited:
        return KEPT_EDITED
    return UPDATED


def _fail(result: FileResult, reason: str) -> FileResult:
    result.error = reason
    result.messages.append(Message("error", str(result.path), reason))
    return result


def _one_line(error: Exception, path: Path) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    for prefix in (f"{path}: ", f"{path.name}: "):
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


# --- People authority --------------------------------------------------------


def prepare_authority(*, dry_run: bool = False):
    """Sync the authority file into the database, then build the parser's authority.

    A dry run writes nothing: the file's entries are added in memory instead.
    """
    if dry_run:
        return authority_from_database(extra_entries=load_authority_entries())
    sync_authority()
    return authority_from_database()


def load_authority_entries(path: str | Path | None = None) -> list[dict]:
    path = Path(path or settings.PEOPLE_AUTHORITY_FILE)
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AuthorityFileError(f"{path}: cannot read people authority: {error}") from error
    if not isinstance(entries, list) or not all(_valid_entry(e) for e in entries):
        raise AuthorityFileError(
            f"{path}: expected a JSON list of {{name, country, office, aliases}} objects"
        )
    return entries


def _valid_entry(entry) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("name"), str)
        and bool(entry["name"].strip())
        and isinstance(entry.get("aliases", []), list)
    )


@dataclass
class AuthoritySync:
    people_created: int = 0
    aliases_created: int = 0


@bulk_import()
@transaction.atomic
def sync_authority(path: str | Path | None = None) -> AuthoritySync:
    """Load the authority file into Person and PersonAlias rows; running it twice adds nothing.

    Existing people keep their editors' changes: country and office are only
    filled in where blank (recorded in their history as the importer's).
    """
    with history.acting(None, history.IMPORTER):
        return _sync_authority(path)


def _sync_authority(path: str | Path | None) -> AuthoritySync:
    counts = AuthoritySync()
    changed_people = set()
    for entry in load_authority_entries(path):
        person = _find_person(name_key(entry["name"]))
        known = person is not None
        if person is None:
            person = Person.objects.create(
                name=_clip(entry["name"], 200),
                country=_clip(entry.get("country"), 100),
                office=_clip(entry.get("office"), 300),
                origin=PersonOrigin.AUTHORITY,
            )
            counts.people_created += 1
        elif _fill_blanks(person, entry) | _known_to_authority(person):
            person.save()
            changed_people.add(person.pk)
        for alias in entry.get("aliases") or []:
            if isinstance(alias, str) and _add_alias(person, alias, AliasSource.AUTHORITY):
                counts.aliases_created += 1
                if known:
                    changed_people.add(person.pk)
    # New people have said nothing yet; known ones may need their statements re-indexed.
    after_commit.index_people(sorted(changed_people))
    return counts


def _known_to_authority(person: Person) -> bool:
    """A person first met in a text is in the authority file now: no longer doubtful."""
    if person.origin != PersonOrigin.IMPORT:
        return False
    person.origin = PersonOrigin.AUTHORITY
    return True


def _fill_blanks(person: Person, entry: dict) -> bool:
    changed = False
    for field_name, length in (("country", 100), ("office", 300)):
        value = entry.get(field_name)
        if isinstance(value, str) and value.strip() and not getattr(person, field_name):
            setattr(person, field_name, _clip(value, length))
            changed = True
    return changed


def authority_from_database(extra_entries: Iterable[dict] = ()):
    """The parser's PeopleAuthority from every person and alias in the database.

    Aliases that editors add in the admin therefore count from the next import.
    """
    entries: dict[str, dict] = {}
    for person in Person.objects.prefetch_related("aliases"):
        entries[person.name_key] = {
            "name": person.name,
            "country": person.country,
            "office": person.office,
            "aliases": [alias.name for alias in person.aliases.all()],
        }
    for entry in extra_entries:
        entries.setdefault(name_key(entry["name"]), entry)
    return parsing.PeopleAuthority.from_entries(list(entries.values()))


def _find_person(key: str) -> Person | None:
    if not key:
        return None
    person = Person.objects.filter(name_key=key).first()
    if person is None:
        alias = PersonAlias.objects.select_related("person").filter(name_key=key).first()
        person = alias.person if alias else None
    return person


def _add_alias(person: Person, name: str, source: str, score: float | None = None) -> bool:
    """Record `name` as another spelling of `person` unless the spelling is known."""
    key = name_key(name)
    if not key or key == person.name_key:
        return False
    if PersonAlias.objects.filter(name_key=key).exists():
        return False
    if Person.objects.filter(name_key=key).exclude(pk=person.pk).exists():
        return False  # another person's own name: never hide them behind an alias
    PersonAlias.objects.create(person=person, name=name.strip()[:200], source=source, score=score)
    return True


# --- Storing -----------------------------------------------------------------


class RunCache:
    """Lookups shared by the files of one import run, so each name or heading is
    looked up once per run rather than once per file.

    Everything here may name rows created inside a file's transaction, so
    `forget()` must be called when a file rolls back.
    """

    def __init__(self):
        self.people: dict[str, Person] = {}
        self.subjects: dict[str, Subject] = {}
        self.settled_aliases: set[tuple[int, str]] = set()  # (person, spelling) decided
        self._legacy: bool | None = None

    def has_legacy_meetings(self) -> bool:
        """Whether meetings stored before identities (empty source_key) remain; asked once.

        An import never makes new ones, so a "no" stays true for the run.
        """
        if self._legacy is None:
            self._legacy = Meeting.objects.filter(source_key="").exists()
        return self._legacy

    def forget(self) -> None:
        self.people.clear()
        self.subjects.clear()
        self.settled_aliases.clear()


class PeopleResolver:
    """Finds or creates the Person for each name within one file's transaction."""

    def __init__(self, cache: RunCache | None = None):
        cache = cache or RunCache()
        self._cache = cache.people
        self._settled = cache.settled_aliases

    def add_alias(self, person: Person, name: str, source: str, score=None) -> None:
        """`_add_alias`, asked once per run for each (person, spelling)."""
        key = (person.pk, name_key(name))
        if key not in self._settled:
            self._settled.add(key)
            _add_alias(person, name, source, score)

    def person(self, name: str, country: str = "") -> Person:
        key = name_key(name)
        if key in self._cache:
            return self._cache[key]
        person = _find_person(key)
        if person is None:
            person = Person.objects.create(
                name=name.strip()[:200], country=country[:100], origin=PersonOrigin.IMPORT
            )
        elif country and not person.country:
            person.country = country[:100]
            person.save(update_fields=["country", "updated"])
        self._cache[key] = person
        return person


def store_file(
    source: SourceText,
    records: list[MeetingRecord],
    result: FileResult,
    *,
    overwrite_edited: bool,
    cache: RunCache | None = None,
    origin: Origin | None = None,
) -> None:
    cache = cache or RunCache()
    origin = origin or Origin(path_key=source.name, name=source.name, given=Provenance())
    people = PeopleResolver(cache)
    subjects = cache.subjects
    for index, record in enumerate(records):
        existing = find_existing(origin, index, cache)
        outcome = _outcome_for(existing, source, overwrite_edited, origin)
        result.outcomes.append(outcome)
        if existing is None or (outcome == UPDATED and existing.source_checksum != source.checksum):
            meeting = store_meeting(source, index, record, existing, people, subjects, origin)
            result.meeting_ids.append(meeting.pk)
        elif origin.differs(existing):  # same text, new provenance (kept edits stay kept)
            fields = origin.fields_for(existing)
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save(update_fields=[*fields, "updated_at"])


def store_meeting(
    source: SourceText,
    index: int,
    record: MeetingRecord,
    existing: Meeting | None,
    people: PeopleResolver,
    subjects: dict[str, Subject],
    origin: Origin | None = None,
) -> Meeting:
    origin = origin or Origin(path_key=source.name, name=source.name, given=Provenance())
    meeting = existing or Meeting(source_index=index, public_id=new_public_id(record))
    reviewed = _reviewed_statements(existing) if existing is not None else {}
    old_reasons = list(existing.review_reasons) if existing is not None else []
    was_fixed = existing is not None and existing.review_action == ReviewAction.FIXED
    for name, value in origin.fields_for(existing).items():
        setattr(meeting, name, value)
    _fill_meeting(meeting, source, record)
    if meeting.review_reasons != old_reasons or was_fixed:
        # Other doubts need a look of their own; an editor's fix the text has just
        # overwritten (--overwrite-edited, or "edited" unticked) is gone.
        meeting.reviewed_at, meeting.reviewed_by, meeting.review_action = None, None, ""
    meeting.save()
    journal.note([meeting.pk])  # commits with the rows; cleared once they are indexed
    if existing is not None:
        _clear_children(meeting)
    _store_participants(meeting, record, people)
    topics = _store_topics(meeting, record, subjects)
    statements = _store_statements(meeting, record, topics, people)
    if _keep_reviewed(statements, reviewed):
        history.amend(meeting, edited=True)  # it holds an editor's verdicts now
    return meeting


@dataclass
class _ReviewedStatement:
    kind: str
    speaker_ids: list[int]
    mark: dict


def _reviewed_statements(meeting: Meeting) -> dict[str, list[_ReviewedStatement]]:
    """The reviewed statements of a meeting about to be rebuilt, by their text."""
    kept: dict[str, list[_ReviewedStatement]] = {}
    rows = meeting.statements.filter(reviewed_at__isnull=False).prefetch_related("speakers")
    for statement in rows.order_by("order"):
        kept.setdefault(statement.text, []).append(
            _ReviewedStatement(
                kind=statement.kind,
                speaker_ids=sorted(person.pk for person in statement.speakers.all()),
                mark=statement.review_fields(),
            )
        )
    return kept


def _keep_reviewed(
    statements: list[Statement], reviewed: dict[str, list[_ReviewedStatement]]
) -> bool:
    """Give rebuilt statements whose text is unchanged their reviewed speakers and mark back.

    An editor's confirmation or fix is a verdict on that text, so it outlives
    re-imports (even --overwrite-edited); a statement whose text changed is new
    to everybody and goes through review again.
    """
    if not reviewed:
        return False
    through = Statement.speakers.through
    kept = False
    with history.standing_aside():  # new rows of this import: their creation is not recorded either
        for statement in statements:
            kept = _give_back(statement, reviewed, through) or kept
    return kept


def _give_back(statement: Statement, reviewed: dict[str, list[_ReviewedStatement]], through):
    """The reviewed speakers and mark of the old statement with this text, if any."""
    waiting = reviewed.get(statement.text)
    if not waiting:
        return False
    old = waiting.pop(0)
    statement.kind = old.kind
    for name, value in old.mark.items():
        setattr(statement, name, value)
    statement.save(update_fields=["kind", "reviewed_at", "reviewed_by", "review_action"])
    through.objects.filter(statement_id=statement.pk).delete()
    through.objects.bulk_create(
        through(statement_id=statement.pk, person_id=pk) for pk in old.speaker_ids
    )
    return True


def _fill_meeting(meeting: Meeting, source: SourceText, record: MeetingRecord) -> None:
    dated = record.published and len(record.published) == len("YYYY-MM-DD")
    dates = sorted(record.meeting_dates) or ([record.published] if dated else [])
    meeting.title = _clip(record.title, 500)
    meeting.subtitle = _clip(record.subtitle, 200)
    meeting.provisional_translation = bool(record.provisional_translation)
    full_day = record.published and len(record.published) == len("YYYY-MM-DD")
    meeting.published = _date(record.published) if full_day else None
    meeting.published_partial = "" if full_day else (record.published or "")
    meeting.meeting_dates = list(record.meeting_dates)
    meeting.meeting_dates_partial = list(record.meeting_dates_partial)
    meeting.parse_confidence = {name: note.to_json() for name, note in record.notes.items()}
    meeting.review_reasons = record.review_reasons
    meeting.needs_review = bool(record.review_reasons)
    meeting.date_start = _date(dates[0]) if dates else None
    meeting.date_end = _date(dates[-1]) if dates else None
    meeting.start_time = (
        dt.time.fromisoformat(record.start_time_local) if record.start_time_local else None
    )
    meeting.duration_minutes = record.duration_minutes
    meeting.location = _clip(record.location, 200)
    meeting.venue = _clip(record.venue, 200)
    meeting.meeting_type = (
        record.meeting_type if record.meeting_type in MeetingType.values else MeetingType.OTHER
    )
    meeting.occasion = _clip(record.occasion, 300)
    meeting.documents_issued = list(record.documents_issued)
    meeting.countries = sorted({p.country for p in record.participants if p.country})
    meeting.source_checksum = source.checksum
    meeting.source_encoding = source.encoding
    meeting.original_text = source.text
    meeting.edited = False  # a fresh import (or a deliberate overwrite) holds no edits


def _clear_children(meeting: Meeting) -> None:
    """Delete the rows a re-import rebuilds; their last values stay in history ("importer")."""
    history.delete_with_history(meeting.statements.all())
    history.delete_with_history(meeting.topics.filter(parent__isnull=False))
    history.delete_with_history(meeting.topics.all())
    history.delete_with_history(meeting.participants.all())


def _store_participants(meeting: Meeting, record: MeetingRecord, people: PeopleResolver) -> None:
    rows = []
    named = [p for p in record.participants if name_key(p.name)]
    for order, participant in enumerate(named, start=1):
        person = people.person(participant.name, participant.country)
        if participant.resolution == "fuzzy":
            people.add_alias(
                person, participant.name_as_written, AliasSource.FUZZY, participant.resolution_score
            )
        else:
            people.add_alias(person, participant.name_as_written, AliasSource.IMPORT)
        rows.append(
            Participant(
                meeting=meeting,
                person=person,
                name_as_written=_clip(participant.name_as_written, 200),
                title=_clip(participant.title, 300),
                country=_clip(participant.country, 100),
                role=participant.role if participant.role in Role.values else Role.ATTENDEE,
                order=order,
            )
        )
    Participant.objects.bulk_create(rows)


def _store_topics(
    meeting: Meeting, record: MeetingRecord, subjects: dict[str, Subject]
) -> dict[tuple[str, str | None], Topic]:
    """Sections and sub-sections as Topics, keyed (section number, sub-section number or None).

    Two inserts per meeting (sections, then sub-sections, which need their
    parents' ids) instead of one per topic.
    """
    sections: dict[tuple[str, str | None], Topic] = {}
    subsections: list[tuple[tuple[str, str | None], str, Topic]] = []
    order = 0
    for section in record.sections:
        order += 1
        sections[(section.number, None)] = _topic(
            meeting, section.number, section.heading, order, subjects
        )
        for subsection in section.subsections:
            order += 1
            topic = _topic(meeting, subsection.number, subsection.heading, order, subjects)
            subsections.append(((section.number, subsection.number), section.number, topic))
    Topic.objects.bulk_create(sections.values())
    for _key, section_number, topic in subsections:
        topic.parent = sections[(section_number, None)]
    Topic.objects.bulk_create(topic for _key, _section, topic in subsections)
    return {**sections, **{key: topic for key, _section, topic in subsections}}


def _topic(meeting, number, heading, order, subjects) -> Topic:
    return Topic(
        meeting=meeting,
        subject=_subject_for(heading, subjects),
        number=_clip(number, 20),
        heading=_clip(heading, 500),
        order=order,
    )


def _subject_for(heading: str, subjects: dict[str, Subject]) -> Subject | None:
    key = normalize_heading(heading or "")[:300]
    if not key:
        return None
    if key not in subjects:
        subject = subject_for_key(key)
        subjects[key] = subject or Subject.objects.create(name=_clip(heading, 300), key=key)
    return subjects[key]


def _store_statements(
    meeting: Meeting,
    record: MeetingRecord,
    topics: dict[tuple[str, str | None], Topic],
    people: PeopleResolver,
) -> list[Statement]:
    countries = {name_key(p.name): p.country for p in record.participants}
    for name in record.speakers:  # a speaker missing from the participants still gets a Person
        if name_key(name):
            people.person(name, countries.get(name_key(name), ""))
    statements = Statement.objects.bulk_create(
        Statement(
            meeting=meeting,
            topic=topics.get((item.section, item.subsection)) or topics.get((item.section, None)),
            order=order,
            kind=item.kind if item.kind in StatementKind.values else StatementKind.STATEMENT,
            text=item.text,
            start_offset=item.start,
            end_offset=item.end,
            confidence=item.confidence,
            attribution_reason=_clip(item.reason, 200),
        )
        for order, item in enumerate(record.statements, start=1)
    )
    through = Statement.speakers.through
    links = []
    for statement, item in zip(statements, record.statements, strict=True):
        speaker_ids = {
            people.person(name, countries.get(name_key(name), "")).pk
            for name in item.speakers
            if name_key(name)
        }
        links.extend(through(statement_id=statement.pk, person_id=pk) for pk in sorted(speaker_ids))
    through.objects.bulk_create(links)
    return statements


def new_public_id(record: MeetingRecord) -> str:
    """`<first meeting date>-<title>` as a slug, cut to ~80 characters, made unique."""
    first_date = (sorted(record.meeting_dates) or [record.published or ""])[0]
    base = slugify(f"{first_date} {record.title}")
    if len(base) > PUBLIC_ID_LENGTH:
        cut = base[:PUBLIC_ID_LENGTH]
        base = cut.rsplit("-", 1)[0] if "-" in cut[PUBLIC_ID_LENGTH // 2 :] else cut
    base = base.strip("-") or "meeting"
    candidate, number = base, 2
    while Meeting.objects.filter(public_id=candidate).exists():
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _clip(value: str | None, length: int) -> str:
    return (value or "").strip()[:length]
