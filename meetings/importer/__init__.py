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

    entry.py     import_paths, import_file: reading, parsing, one transaction per file
    identity.py  which stored meeting a file's meeting is; what importing it would do
    storing.py   a file's records as rows
    reviews.py   editors' review marks that outlive a re-import
    results.py   FileResult, ImportSummary and how failures read
    cache.py     lookups shared by the files of a run

The people authority (who the archive knows, under which spellings) is
meetings/authority.py; index upkeep is meetings/indexing/.
"""

from meetings.indexing.queue import INDEX_BATCH_FILES

from .entry import expand_paths, import_file, import_paths, parse_source
from .identity import PUBLIC_ID_LENGTH, Origin, find_existing, new_public_id
from .results import KEPT_EDITED, NEW, UNCHANGED, UPDATED, FileResult, ImportSummary, Message

__all__ = [
    "INDEX_BATCH_FILES",
    "KEPT_EDITED",
    "NEW",
    "PUBLIC_ID_LENGTH",
    "UNCHANGED",
    "UPDATED",
    "FileResult",
    "ImportSummary",
    "Message",
    "Origin",
    "expand_paths",
    "find_existing",
    "import_file",
    "import_paths",
    "new_public_id",
    "parse_source",
]
