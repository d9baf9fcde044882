"""The values records store for a meeting's type, a participant's role, a statement's
kind and where a person or a spelling came from."""

from __future__ import annotations

from django.db import models

from .vocabulary import MEETING_TYPE_CHOICES

MeetingType = models.TextChoices(
    "MeetingType", [(value.upper(), (value, label)) for value, label in MEETING_TYPE_CHOICES]
)


class Role(models.TextChoices):
    PRINCIPAL = "principal", "Principal"
    ATTENDEE = "attendee", "Attendee"


class StatementKind(models.TextChoices):
    STATEMENT = "statement", "Statement"
    JOINT = "joint", "Joint"
    NARRATIVE = "narrative", "Narrative"


class AliasSource(models.TextChoices):
    AUTHORITY = "authority", "Authority file"
    IMPORT = "import", "As written in a text"
    FUZZY = "fuzzy", "Fuzzy match"
    ADMIN = "admin", "Added by an editor"
    MERGE = "merge", "Merged person"


class PersonOrigin(models.TextChoices):
    AUTHORITY = "authority", "Authority file"
    IMPORT = "import", "New in a text (no authority match)"
    ADMIN = "admin", "Added by an editor"
