"""Lookups shared by the files of one import run."""

from __future__ import annotations

from meetings.models import Meeting, Person, Subject


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
