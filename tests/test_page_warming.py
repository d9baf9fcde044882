"""Pages kept per archive state are counted by the import, not by their first reader,
when the page cache is shared (PAGE_CACHE_DIR): import_meetings and warm_pages."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

from meetings.models import Meeting
from meetings.page_warming import WARMED, failed, warm_pages


@pytest.fixture
def shared_cache(settings, tmp_path):
    folder = tmp_path / "page-cache"
    settings.PAGE_CACHE_DIR = str(folder)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(folder),
        }
    }
    return folder


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, secure=True).status_code == 200
    return len(captured.captured_queries)


def first_and_again(client) -> dict[str, tuple[int, int]]:
    """Per warmed page: SQL queries of the next request, and of one more."""
    urls = [reverse(name) for name in WARMED]
    return {url: (queries_of(client, url), queries_of(client, url)) for url in urls}


def import_seeds(seed_paths) -> str:
    out = io.StringIO()
    call_command("import_meetings", *map(str, seed_paths), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_after_an_import_the_first_reader_finds_every_page_counted(
    client, seed_paths, shared_cache
):
    out = import_seeds(seed_paths)
    assert f"warmed {len(WARMED)} pages for the shared cache" in out
    for page, (first, again) in first_and_again(client).items():
        assert first == again, f"{page}: {first} queries on the first request, {again} after"


@pytest.mark.django_db
def test_a_change_without_warming_is_counted_by_its_first_reader(client, seed_paths, shared_cache):
    """The test above fails without the warming: here a write no import followed."""
    import_seeds(seed_paths)
    Meeting.objects.filter(pk=Meeting.objects.first().pk).update(title="Retitled")
    counted = {url: first > again for url, (first, again) in first_and_again(client).items()}
    assert counted[reverse("meetings:home")] and counted[reverse("meetings:meeting_list")]


@pytest.mark.django_db
def test_nothing_is_warmed_without_a_shared_cache(seed_paths, settings):
    settings.PAGE_CACHE_DIR = ""
    assert "warmed" not in import_seeds(seed_paths)
    with pytest.raises(CommandError, match="PAGE_CACHE_DIR is not set"):
        call_command("warm_pages", stdout=io.StringIO())


@pytest.mark.django_db
def test_warm_pages_reports_each_page(seeds, shared_cache):
    out = io.StringIO()
    call_command("warm_pages", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[:2] for line in lines] == [["200", reverse(name)] for name in WARMED]


def broken_page(request):
    raise RuntimeError("a page that fails")


urlpatterns = [path("broken/", broken_page, name="broken")]


@pytest.mark.django_db
def test_a_failing_page_is_reported_in_one_line_not_raised(settings):
    settings.ROOT_URLCONF = __name__
    warmed = warm_pages(("broken",))
    assert [(page.path, page.status) for page in warmed] == [("/broken/", 500)]
    assert failed(warmed) == "1 pages did not answer 200: /broken/ (500)"
