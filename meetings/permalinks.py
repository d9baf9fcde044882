"""Addresses that last: the old slugs of people and subjects redirect for good, and no new
row takes one."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify


class FormerPersonSlug(models.Model):
    """A person page's old address: a merged person's, or a slug changed after all.

    /people/<slug>/ redirects to the person for good, and no new person takes the slug.
    """

    person = models.ForeignKey(
        "meetings.Person", on_delete=models.CASCADE, related_name="former_slugs"
    )
    slug = models.SlugField(max_length=200, unique=True)

    def __str__(self):
        return self.slug


class FormerSubjectSlug(models.Model):
    """A subject page's old address (a merged subject's): it redirects to the subject."""

    subject = models.ForeignKey(
        "meetings.Subject", on_delete=models.CASCADE, related_name="former_slugs"
    )
    slug = models.SlugField(max_length=200, unique=True)

    def __str__(self):
        return self.slug


def remember_slug(instance):
    instance._stored_slug = instance.__dict__.get("slug")
    return instance


def keep_former_slug(instance, former_model, owner: str) -> None:
    """After a save: a changed slug keeps the old one as a redirect to this row."""
    stored = getattr(instance, "_stored_slug", None)
    if stored and stored != instance.slug:
        former_model.objects.update_or_create(slug=stored, defaults={owner: instance})
        former_model.objects.filter(slug=instance.slug).delete()  # its own address again
    instance._stored_slug = instance.slug


def unique_slug(model, text: str, max_length: int = 180, reserved=None) -> str:
    """A slug no row of `model` has, nor any old address kept in `reserved`."""
    base = slugify(text)[:max_length].strip("-") or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists() or (
        reserved is not None and reserved.objects.filter(slug=slug).exists()
    ):
        slug = f"{base}-{n}"
        n += 1
    return slug
