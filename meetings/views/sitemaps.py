"""sitemap.xml: an index of sections (pages, meetings, people, subjects), each in pages
of at most SITEMAP_PAGE_URLS addresses, so no response grows with the archive."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import index, sitemap
from django.db import models
from django.db.models import Max
from django.urls import reverse

from meetings.models import Meeting, Person, Subject

from .response_cache import cached_response

# Far under the protocol's 50,000: a crawler fetches more files, each one cheap to make.
SITEMAP_PAGE_URLS = 2000


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["meetings:home", "meetings:meeting_list"]

    def location(self, url_name):
        return reverse(url_name)


class RecordSitemap(Sitemap):
    """Every row of `model` in id order, loading only the fields its URL and date need."""

    changefreq = "monthly"
    limit = SITEMAP_PAGE_URLS
    model: type[models.Model]
    fields: tuple[str, ...]
    lastmod_field = ""

    def items(self):
        return self.model.objects.only(*self.fields).order_by("id")

    def get_latest_lastmod(self):
        # One aggregate, where Django's default calls lastmod() on every row.
        if not self.lastmod_field:
            return None
        return self.model.objects.aggregate(latest=Max(self.lastmod_field))["latest"]


class MeetingSitemap(RecordSitemap):
    model, fields, lastmod_field = Meeting, ("public_id", "updated_at"), "updated_at"

    def lastmod(self, meeting):
        return meeting.updated_at


class PersonSitemap(RecordSitemap):
    model, fields, lastmod_field = Person, ("slug", "updated"), "updated"

    def lastmod(self, person):
        return person.updated


class SubjectSitemap(RecordSitemap):
    model, fields = Subject, ("slug",)


SITEMAPS = {
    "pages": PagesSitemap,
    "meetings": MeetingSitemap,
    "people": PersonSitemap,
    "subjects": SubjectSitemap,
}


def sitemap_index(request):
    """sitemap.xml: where each section's pages are."""
    return cached_response(
        request,
        "sitemap-index",
        lambda: index(request, sitemaps=SITEMAPS, sitemap_url_name="machine:sitemap_section"),
    )


def sitemap_section(request, section: str):
    """One page (?p=N) of one section; an unknown section or page is a 404."""
    return cached_response(
        request,
        "sitemap-section",
        lambda: sitemap(request, sitemaps=SITEMAPS, section=section),
        section,
        request.GET.get("p"),
    )
