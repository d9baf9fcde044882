"""The durable mark an editor leaves on an item checked in the review queue."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewAction(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed as parsed"
    FIXED = "fixed", "Corrected"
    REASSIGNED = "reassigned", "Speaker reassigned"
    MARKED = "marked", "Marked reviewed"


class Reviewed(models.Model):
    """A durable mark that a person has checked this item: it leaves the review queue."""

    reviewed_at = models.DateTimeField(null=True, blank=True, editable=False, db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_action = models.CharField(
        max_length=20, choices=ReviewAction.choices, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None

    def review_fields(self) -> dict:
        return {
            "reviewed_at": self.reviewed_at,
            "reviewed_by_id": self.reviewed_by_id,
            "review_action": self.review_action,
        }
