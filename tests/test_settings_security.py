"""Production defaults: the key, HTTPS settings, `check --deploy`, CSP, read-only public views."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_KEY = "k3y-for-the-deploy-check-" + "x9Q2vL7pT4mZ8rB1nW6cY3hJ5dF0gK" * 2
HTTPS_SETTINGS = (
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
)
# What the test suite's own settings set (archive/settings_tests.py) is dropped:
# these subprocesses load the real settings from the environment given.
OWN_VARIABLES = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}
# tests/conftest.py sets this for Playwright; the deploy check rightly refuses it.
OWN_VARIABLES.add("DJANGO_ALLOW_ASYNC_UNSAFE")
OWN_VARIABLES.update(name for name in os.environ if name.startswith("SECURE_"))


def run(args: list[str], tmp_path, **variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES}
    env.update(ARCHIVE_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="archive.settings")
    env.update(variables)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def settings_under(tmp_path, **variables: str) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {HTTPS_SETTINGS!r}}}))"
    )
    done = run(["-c", code], tmp_path, **variables)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_production_without_a_secret_key_refuses_to_start_with_one_line(tmp_path):
    done = run(["manage.py", "check"], tmp_path, DEBUG="false")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY must be set when DEBUG is false (production); "
        "for a local run use `make run` or DEBUG=true"
    ]
    # The same for a WSGI server importing the application; status 4 makes gunicorn
    # stop ("App failed to load") instead of restarting the worker forever.
    done = run(["-c", "import archive.wsgi"], tmp_path)
    assert done.returncode == 4
    assert len(done.stderr.strip().splitlines()) == 1
    assert "SECRET_KEY must be set" in done.stderr


def test_commands_that_do_not_serve_need_no_key(tmp_path):
    seed = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))[0]
    done = run(["manage.py", "parse_meeting", str(seed), "--json"], tmp_path, DEBUG="false")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["participants"]
    done = run(["manage.py", "runserver", "--help"], tmp_path, DEBUG="false")
    assert done.returncode == 1 and "SECRET_KEY must be set" in done.stderr


def test_local_debug_run_needs_no_key(tmp_path):
    done = run(["manage.py", "check"], tmp_path, DEBUG="true")
    assert done.returncode == 0, done.stderr


def test_make_run_serves_a_local_debug_run_without_a_key(tmp_path):
    # `make serve` (the last step of `make run`) with a stand-in for python
    # that runs the real manage.py, `check` instead of `runserver`: it must
    # load the settings from make's environment with no SECRET_KEY or DEBUG set.
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\nexec {sys.executable} "$1" check\n')
    python.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in OWN_VARIABLES}
    env["ARCHIVE_VAR_DIR"] = str(tmp_path)
    done = subprocess.run(
        ["make", "--no-print-directory", "serve", f"PY={python}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
    # A production-like run through make still refuses without a key.
    env["DEBUG"] = "false"
    done = subprocess.run(
        ["make", "--no-print-directory", "serve", f"PY={python}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


def test_https_settings_default_on_in_production_and_off_for_local_runs(tmp_path):
    production = settings_under(tmp_path, DEBUG="false", SECRET_KEY=PRODUCTION_KEY)
    assert production == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
    }
    local = settings_under(tmp_path, DEBUG="true")
    assert local == dict.fromkeys(HTTPS_SETTINGS, False) | {"SECURE_HSTS_SECONDS": 0}
    chosen = settings_under(
        tmp_path,
        SECRET_KEY=PRODUCTION_KEY,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="300",
        SECURE_HSTS_PRELOAD="no",
    )
    assert chosen["SECURE_SSL_REDIRECT"] is False
    assert chosen["SECURE_HSTS_SECONDS"] == 300
    assert chosen["SECURE_HSTS_PRELOAD"] is False
    assert chosen["SESSION_COOKIE_SECURE"] is True


def test_deploy_check_is_clean_in_production(tmp_path):
    done = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        DEBUG="false",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="archive.example.org",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNINGS" not in done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


# --- Content-Security-Policy -------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
HANDLER_OR_STYLE = re.compile(r"<[a-z][^>]*\s(on[a-z]+|style)\s*=", re.I)


def public_pages(meeting) -> list[str]:
    person = meeting.participants.filter(person__isnull=False).first().person
    subject = meeting.topics.filter(subject__isnull=False).first().subject
    return [
        reverse("meetings:home"),
        reverse("meetings:meeting_list"),
        reverse("meetings:meeting", args=[meeting.public_id]),
        reverse("meetings:person_list"),
        reverse("meetings:person", args=[person.slug]),
        reverse("meetings:subject_list"),
        reverse("meetings:subject", args=[subject.slug]),
        reverse("meetings:search") + "?q=peace",
        "/no-such-page/",
        reverse("admin:login"),
    ]


@pytest.mark.django_db
def test_pages_send_a_csp_without_inline_script_and_use_none(client, indexed_seeds):
    for url in public_pages(indexed_seeds[0]):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = response["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert "unsafe" not in policy
        page = response.content.decode()
        assert not INLINE_SCRIPT.findall(page), url
        assert not HANDLER_OR_STYLE.findall(page), url


# --- Public views only read --------------------------------------------------


@pytest.mark.django_db
def test_public_views_answer_405_to_writes_and_the_admin_still_posts(indexed_seeds):
    # A real browser's CSRF checks: without the middleware a write is a 403
    # (pages) or is served as if it were a GET (feeds, the sitemap).
    client = Client(enforce_csrf_checks=True)
    meeting = indexed_seeds[0]
    urls = [
        *public_pages(meeting)[:-2],
        reverse("machine:feed_meetings"),
        reverse("machine:feed_search") + "?q=peace",
        reverse("machine:sitemap"),
        reverse("machine:opensearch"),
        reverse("machine:api_meetings"),
        reverse("machine:meeting_json", args=[meeting.public_id]),
        reverse("machine:meeting_citation", args=[meeting.public_id, "ris"]),
        reverse("machine:meetings_csv"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.head(url).status_code == 200, url
        for method in (client.post, client.put, client.patch, client.delete):
            response = method(url, data="x=1", content_type="application/x-www-form-urlencoded")
            assert response.status_code == 405, (method.__name__, url)
            assert response["Allow"] == "GET, HEAD"

    from django.contrib.auth.models import User

    User.objects.create_superuser("editor", "editor@example.org", "a-long-Passphrase-42")
    login_page = client.get(reverse("admin:login"))
    token = login_page.cookies["csrftoken"].value
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a-long-Passphrase-42", "next": "/admin/"},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_page_cache_dir_gives_every_process_one_shared_cache(tmp_path):
    shared = tmp_path / "cache"
    setup = "import django; django.setup(); from django.core.cache import cache; "
    write, read = setup + "cache.set('k', 41)", setup + "print(cache.get('k'))"
    assert run(["-c", write], tmp_path, PAGE_CACHE_DIR=str(shared)).returncode == 0
    assert run(["-c", read], tmp_path, PAGE_CACHE_DIR=str(shared)).stdout.strip() == "41"
    # Without it, each process has its own memory: nothing carries over.
    run(["-c", write], tmp_path)
    assert run(["-c", read], tmp_path).stdout.strip() == "None"


def test_a_relative_page_cache_dir_is_the_projects_folder(tmp_path):
    """As the README writes it (var/cache): under the project, not the working
    directory, and absolute, so `manage.py check` has nothing to say of it."""
    relative = os.path.relpath(tmp_path / "cache", ROOT)
    show = "import django; django.setup(); from django.conf import settings; "
    show += "print(settings.CACHES['default']['LOCATION'])"
    shown = run(["-c", show], tmp_path, PAGE_CACHE_DIR=relative).stdout.strip()
    assert shown == str((tmp_path / "cache").resolve())
    checked = run(["manage.py", "check"], tmp_path, PAGE_CACHE_DIR=relative, DEBUG="true")
    assert checked.returncode == 0 and "caches.W003" not in checked.stderr + checked.stdout
