"""sitemap.xml: the home page, the meetings list, every meeting, person and subject."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db import models
from django.http import HttpResponse
from django.urls import reverse

from meetings.archive_cache import cached
from meetings.models import Meeting, Person, Subject


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["meetings:home", "meetings:meeting_list"]

    def location(self, url_name):
        return reverse(url_name)


class RecordSitemap(Sitemap):
    """Every row of `model` in id order, loading only the fields its URL and date need."""

    changefreq = "monthly"
    model: type[models.Model]
    fields: tuple[str, ...]

    def items(self):
        return self.model.objects.only(*self.fields).order_by("id")


class MeetingSitemap(RecordSitemap):
    model, fields = Meeting, ("public_id", "updated_at")

    def lastmod(self, meeting):
        return meeting.updated_at


class PersonSitemap(RecordSitemap):
    model, fields = Person, ("slug", "updated")

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


def cached_sitemap(request):
    """sitemap.xml, made once per archive state (and host, page): it lists every record."""

    def made():
        response = sitemap(request, sitemaps=SITEMAPS)
        response.render()
        return response.status_code, response.content, list(response.headers.items())

    status, content, headers = cached(
        "sitemap", made, request.scheme, request.get_host(), request.GET.get("p")
    )
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
