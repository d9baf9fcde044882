"""Admin login rate limit (django-axes): per username and address, reset by command."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passphrase-42"


@pytest.fixture
def editor():
    return User.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def login(client: Client, username: str, password: str, address: str = "203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_five_failures_lock_out_the_right_password_until_reset(editor):
    client = Client()
    for _ in range(4):
        assert login(client, "editor", "wrong").status_code == 200  # the form again
    assert login(client, "editor", "wrong").status_code == 429  # the fifth locks

    refused = login(client, "editor", PASSWORD)
    assert refused.status_code == 429
    assert not logged_in(client)

    call_command("axes_reset", verbosity=0)
    allowed = login(client, "editor", PASSWORD)
    assert allowed.status_code == 302 and allowed["Location"] == "/admin/"
    assert logged_in(client)


def test_lockout_is_per_username_and_address(editor):
    User.objects.create_superuser("other", "other@example.org", PASSWORD)
    for _ in range(5):
        login(Client(), "editor", "wrong", address="203.0.113.7")
    assert login(Client(), "editor", PASSWORD, address="203.0.113.7").status_code == 429

    elsewhere = Client()
    assert login(elsewhere, "editor", PASSWORD, address="198.51.100.9").status_code == 302
    assert logged_in(elsewhere)
    other_user = Client()
    assert login(other_user, "other", PASSWORD, address="203.0.113.7").status_code == 302
    assert logged_in(other_user)


def test_a_success_clears_the_count_and_reset_username_unlocks(editor):
    client = Client()
    for _ in range(4):
        login(client, "editor", "wrong")
    assert login(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "editor", "wrong").status_code == 200
    assert login(client, "editor", "wrong").status_code == 429

    call_command("axes_reset_username", "editor", verbosity=0)
    assert login(client, "editor", PASSWORD).status_code == 302


def test_limit_and_lockout_time_come_from_the_environment(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds())"
    )
    env = dict(os.environ, LOGIN_FAILURE_LIMIT="3", LOGIN_LOCKOUT_MINUTES="15")
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=env | {"ARCHIVE_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "900.0"]
    env["LOGIN_FAILURE_LIMIT"] = "0"
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env | {"ARCHIVE_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert (
        done.stderr.strip() == "Configuration error: LOGIN_FAILURE_LIMIT=0 is below the minimum 1"
    )
