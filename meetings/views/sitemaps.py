"""sitemap.xml: the home page, the meetings list, every meeting, person and subject."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from meetings.models import Meeting, Person, Subject


class PagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["meetings:home", "meetings:meeting_list"]

    def location(self, url_name):
        return reverse(url_name)


class MeetingSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Meeting.objects.only("public_id", "updated_at").order_by("id")

    def lastmod(self, meeting):
        return meeting.updated_at


class PersonSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Person.objects.only("slug", "updated").order_by("id")

    def lastmod(self, person):
        return person.updated


class SubjectSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Subject.objects.only("slug").order_by("id")


SITEMAPS = {
    "pages": PagesSitemap,
    "meetings": MeetingSitemap,
    "people": PersonSitemap,
    "subjects": SubjectSitemap,
}
