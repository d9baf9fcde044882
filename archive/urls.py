from django.contrib import admin
from django.urls import include, path

from meetings.admin import review_pages

urlpatterns = [
    # Before the admin's own pages: the editors' review queue (meetings/admin/review_pages.py).
    path("admin/meetings/review/", include((review_pages.urlpatterns, "meetings_review"))),
    path("admin/", admin.site.urls),
    # Feeds, sitemap, OpenSearch, JSON API, exports and citations.
    path("", include("meetings.urls_machine")),
    # Pages people read.
    path("", include("meetings.urls")),
]

handler404 = "meetings.views.errors.page_not_found"
handler500 = "meetings.views.errors.server_error"
