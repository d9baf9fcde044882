"""Whole responses kept per archive state: for files that list many records
(the sitemap's pages, a CSV export), made once after each change to the archive."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse

from meetings.archive_cache import cached


def cached_response(request, name: str, make: Callable[[], HttpResponse], *parts) -> HttpResponse:
    """The response `make()` gives, kept per archive state, scheme, host and `parts`
    (absolute addresses in it name the host). A response raised as an error
    (Http404) is not kept."""

    def made():
        response = make()
        if hasattr(response, "render"):
            response.render()
        return response.status_code, response.content, list(response.headers.items())

    status, content, headers = cached(name, made, request.scheme, request.get_host(), *parts)
    response = HttpResponse(content, status=status)
    for header, value in headers:
        response[header] = value
    return response
