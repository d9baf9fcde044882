"""The archive's records: people, meetings, who took part, topics and statements."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

# Re-exported (here and review_marks below): every model and its choices import from here.
from .bookkeeping import ArchiveState, PendingIndex  # noqa: F401
from .choices import AliasSource, MeetingType, PersonOrigin, Role, StatementKind
from .citations import source_notice
from .history_records import ArchiveHistory
from .name_order import family_name, sort_key
from .permalinks import (
    FormerPersonSlug,
    FormerSubjectSlug,
    keep_former_slug,
    remember_slug,
    unique_slug,
)
from .review_marks import ReviewAction, Reviewed  # noqa: F401
from .vocabulary import HOME_COUNTRY, HOME_SIDE, name_key, subject_key


def normalize_heading(heading: str) -> str:
    """The cross-meeting subject key of a section heading; "" for a generic one ("Others")."""
    return subject_key(heading)


def _count_per_person(model, counted: str, distinct: bool = False):
    rows = model.objects.filter(person=OuterRef("pk")).order_by().values("person")
    return Coalesce(Subquery(rows.annotate(n=Count(counted, distinct=distinct)).values("n")), 0)


class PersonQuerySet(models.QuerySet):
    def speakers(self):
        return self.filter(Exists(Statement.speakers.through.objects.filter(person=OuterRef("pk"))))

    def with_counts(self):
        """meeting_count and statement_count, each a subquery per person: joining both
        tables in one query made participations × statements rows for every person."""
        return self.annotate(
            meeting_count=_count_per_person(Participant, "meeting", distinct=True),
            statement_count=_count_per_person(Statement.speakers.through, "statement"),
        )

    def named_in_texts(self):
        """People a text names as taking part or speaking."""
        return self.filter(
            Exists(Participant.objects.filter(person=OuterRef("pk")))
            | Exists(Statement.speakers.through.objects.filter(person=OuterRef("pk")))
        )

    def by_any_name(self, name: str):
        key = name_key(name)
        return self.filter(Q(name_key=key) | Q(aliases__name_key=key)).distinct()


class Person(Reviewed):
    name = models.CharField(max_length=200, unique=True, help_text="Canonical, given name first")
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    slug = models.SlugField(max_length=200, unique=True)
    sort_name = models.CharField(
        max_length=200, db_index=True, editable=False, help_text="Family name first, folded"
    )
    country = models.CharField(max_length=100, blank=True)
    office = models.CharField(max_length=300, blank=True, help_text="Current office where known")
    note = models.TextField(blank=True, help_text="Markdown")
    # People new in a text (no authority match) wait in the review queue: a new
    # person, or a duplicate of a known one the parser could not match?
    origin = models.CharField(
        max_length=20, choices=PersonOrigin.choices, default=PersonOrigin.ADMIN, editable=False
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()
    history = ArchiveHistory(no_db_index=["name", "name_key", "slug", "reviewed_at", "reviewed_by"])

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        self.sort_name = sort_key(self.name, self.country)
        if not self.slug:
            self.slug = unique_slug(Person, self.name, reserved=FormerPersonSlug)
        fields = kwargs.get("update_fields")
        if fields is not None and {"name", "country"} & set(fields):
            kwargs["update_fields"] = {*fields, "name_key", "sort_name"}
        super().save(*args, **kwargs)
        keep_former_slug(self, FormerPersonSlug, "person")

    def get_absolute_url(self):
        return reverse("meetings:person", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values):
        return remember_slug(super().from_db(db, field_names, values))

    @property
    def family_name(self) -> str:
        return family_name(self.name, self.country)


class PersonAlias(Reviewed):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    source = models.CharField(max_length=20, choices=AliasSource.choices, default=AliasSource.ADMIN)
    score = models.FloatField(null=True, blank=True, help_text="Fuzzy match score, 0-100")

    history = ArchiveHistory(no_db_index=["person", "name_key", "reviewed_at", "reviewed_by"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"

    def __str__(self):
        return f"{self.name} → {self.person_id}"

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


class MeetingQuerySet(models.QuerySet):
    def with_person(self, person):
        return self.filter(participants__person=person).distinct()

    def for_list(self):
        return self.prefetch_related(
            models.Prefetch(
                "participants",
                queryset=Participant.objects.filter(role=Role.PRINCIPAL).select_related("person"),
                to_attr="principal_list",
            )
        )

    def chronological(self):
        return self.order_by("date_start", "start_time", "id")


class Meeting(Reviewed):
    public_id = models.SlugField(
        max_length=120, unique=True, help_text="Stable public id; never changes after import"
    )
    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=200, blank=True)
    provisional_translation = models.BooleanField(default=False)
    published = models.DateField(null=True, blank=True)
    date_start = models.DateField(null=True, blank=True, db_index=True)
    date_end = models.DateField(null=True, blank=True)
    meeting_dates = models.JSONField(default=list, blank=True)
    published_partial = models.CharField(
        max_length=7, blank=True, help_text="YYYY-MM: a date line with no day"
    )
    meeting_dates_partial = models.JSONField(
        default=list, blank=True, help_text='"--MM-DD": meeting days the text gives with no year'
    )
    start_time = models.TimeField(null=True, blank=True, help_text="Local start time")
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    meeting_type = models.CharField(
        max_length=20, choices=MeetingType.choices, default=MeetingType.OTHER, db_index=True
    )
    occasion = models.CharField(max_length=300, blank=True)
    documents_issued = models.JSONField(default=list, blank=True)
    countries = models.JSONField(default=list, blank=True, editable=False)

    source_name = models.CharField(max_length=255, help_text="The file's base name")
    source_key = models.CharField(
        max_length=1000,
        blank=True,
        help_text="The file's identity: its source URL, otherwise its path "
        "(empty for meetings imported before identities; set on their next import)",
    )
    source_path = models.CharField(
        max_length=1000, blank=True, db_index=True, help_text="The file's path when last imported"
    )
    source_index = models.PositiveSmallIntegerField(default=0, help_text="Nth meeting in its file")
    source_checksum = models.CharField(max_length=64)
    source_encoding = models.CharField(max_length=20, default="utf-8")
    original_text = models.TextField()
    # Provenance, from the sources.csv beside the file or import_meetings' options.
    source_url = models.URLField(max_length=1000, blank=True, help_text="The original page")
    source_publisher = models.CharField(max_length=200, blank=True)
    source_accessed = models.DateField(null=True, blank=True, help_text="When the page was read")

    # How sure the parser was of each header field, and why; what needs a person's eyes.
    parse_confidence = models.JSONField(default=dict, blank=True, editable=False)
    review_reasons = models.JSONField(default=list, blank=True, editable=False)
    needs_review = models.BooleanField(
        default=False, db_index=True, help_text="The parser doubted a field or an attribution"
    )

    edited = models.BooleanField(default=False, help_text="An editor changed this record")
    editor_note = models.TextField(blank=True, help_text="Markdown")
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()
    # The original text is the file's: kept by the file, not copied into every version.
    # History tables keep only the indexes their lookups use (by id, by meeting, by
    # date): every other index would slow the importer's bulk history writes.
    history = ArchiveHistory(
        excluded_fields=["original_text"],
        no_db_index=[
            "public_id",
            "date_start",
            "meeting_type",
            "needs_review",
            "source_path",
            "reviewed_at",
            "reviewed_by",
        ],
    )

    class Meta:
        ordering = ["-date_start", "-id"]
        indexes = [
            # The previous and next meeting in time: one step along this index each.
            models.Index(fields=["date_start", "id"], name="meeting_date_id"),
            # The feed's newest additions: the first rows of this index, not a sort of all.
            models.Index(fields=["imported_at", "id"], name="meeting_imported_id"),
        ]
        constraints = [
            # Meetings stored before identities have an empty key until re-imported.
            models.UniqueConstraint(
                fields=["source_key", "source_index"],
                condition=~Q(source_key=""),
                name="unique_source_key",
            )
        ]

    def __str__(self):
        day = self.date_start.isoformat() if self.date_start else "undated"
        return f"{day} — {self.title}"

    def get_absolute_url(self):
        return reverse("meetings:meeting", args=[self.public_id])

    @property
    def year(self) -> int | None:
        return self.date_start.year if self.date_start else None

    @property
    def source_notice(self) -> str:
        """The attribution the publisher's licence asks for ("Source: … website. URL: …")."""
        return source_notice(self.source_publisher, self.source_url, self.source_accessed)


class Participant(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    name_as_written = models.CharField(max_length=200)
    title = models.CharField(max_length=300, blank=True)
    country = models.CharField(max_length=100, blank=True, db_index=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PRINCIPAL)
    order = models.PositiveSmallIntegerField(default=0)

    history = ArchiveHistory(no_db_index=["person", "country"])

    class Meta:
        ordering = ["meeting", "order"]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class Subject(Reviewed):
    """A subject that sections of many meetings share, e.g. every "North Korea" section."""

    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, unique=True)
    slug = models.SlugField(max_length=200, unique=True)

    history = ArchiveHistory(no_db_index=["key", "slug", "reviewed_at", "reviewed_by"])

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = normalize_heading(self.name) or self.name.casefold()
        if not self.slug:
            self.slug = unique_slug(Subject, self.key or self.name, reserved=FormerSubjectSlug)
        super().save(*args, **kwargs)
        keep_former_slug(self, FormerSubjectSlug, "subject")

    def get_absolute_url(self):
        return reverse("meetings:subject", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values):
        return remember_slug(super().from_db(db, field_names, values))


class SubjectAlias(models.Model):
    """The key of a subject merged into another: headings with it go to the survivor."""

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="aliases")
    key = models.CharField(max_length=300, unique=True)

    history = ArchiveHistory(no_db_index=["subject", "key"])

    def __str__(self):
        return self.key


class Topic(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="topics")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    subject = models.ForeignKey(
        Subject, null=True, blank=True, on_delete=models.SET_NULL, related_name="topics"
    )
    number = models.CharField(max_length=20)
    heading = models.CharField(max_length=500)
    order = models.PositiveSmallIntegerField(default=0)

    history = ArchiveHistory(no_db_index=["parent", "subject"])

    class Meta:
        ordering = ["meeting", "order"]

    def __str__(self):
        return f"{self.number} {self.heading}"

    @property
    def anchor(self) -> str:
        return f"topic-{self.pk}"


class StatementQuerySet(models.QuerySet):
    def for_display(self):
        return self.select_related("meeting", "topic", "topic__parent").prefetch_related("speakers")

    def with_sides(self):
        """`home_side` / `other_side`: a speaker took part in the meeting for the home
        country / for another named country (narrative statements have neither)."""
        spoke = Participant.objects.filter(
            meeting=OuterRef("meeting"), person__statements=OuterRef("pk")
        )
        return self.annotate(
            home_side=Exists(spoke.filter(country=HOME_COUNTRY)),
            other_side=Exists(spoke.exclude(country__in=[HOME_COUNTRY, ""])),
        )

    def on_side(self, side: str):
        """Statements of one side (vocabulary.SIDES' values), from `with_sides()` rows."""
        home, other = SIDE_CONDITIONS[side]
        return self.filter(home_side=home, other_side=other)


# Side value -> (a home speaker, another country's speaker), as vocabulary.SIDES lists them.
SIDE_CONDITIONS = {HOME_SIDE: (True, False), "counterpart": (False, True), "both": (True, True)}


class Statement(Reviewed):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="statements")
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(
        max_length=20, choices=StatementKind.choices, default=StatementKind.STATEMENT
    )
    text = models.TextField()
    speakers = models.ManyToManyField(Person, blank=True, related_name="statements")
    start_offset = models.PositiveIntegerField(null=True, blank=True)
    end_offset = models.PositiveIntegerField(null=True, blank=True)
    confidence = models.FloatField(default=1.0, help_text="The parser's confidence, 0-1")
    attribution_reason = models.CharField(max_length=200, blank=True)

    objects = StatementQuerySet.as_manager()
    history = ArchiveHistory(
        m2m_fields=[speakers], no_db_index=["topic", "reviewed_at", "reviewed_by"]
    )

    class Meta:
        ordering = ["meeting", "order"]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"s{self.order}"
