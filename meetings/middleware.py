"""Public pages, feeds, the sitemap and the API only read."""

from django.http import HttpResponseNotAllowed

from .archive_cache import reading_once

SAFE_METHODS = ("GET", "HEAD")
# URL namespaces of archive/urls.py whose views never change anything.
READ_ONLY_NAMESPACES = {"meetings", "machine"}


class ReadOnlyPublicMiddleware:
    """405 to POST, PUT, PATCH, DELETE (and OPTIONS) on the public views.

    It runs in process_view, before CsrfViewMiddleware, so a write to a page
    is refused as a wrong method rather than as a missing CSRF token, and a
    view added to those URL files later is covered without a decorator. The
    admin lives in its own namespace and keeps posting.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS:
            return None
        match = request.resolver_match
        if match is not None and READ_ONLY_NAMESPACES.intersection(match.namespaces):
            return HttpResponseNotAllowed(SAFE_METHODS)
        return None


class ArchiveGenerationMiddleware:
    """A GET or HEAD request reads the archive's generation token once, however
    many cached counts its page uses (meetings/archive_cache.py); other methods
    read it with every use, as they may write between two."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        with reading_once():
            return self.get_response(request)
