"""Settings for the test suite: production settings, served over plain http.

pytest-django imports settings before any conftest runs, so the environment
the tests need is set here: a key of their own, and no HTTPS redirect or
secure-only cookies (the test client and live server speak http). A variable
already in the environment wins. Production refusals are tested in
subprocesses (tests/test_settings_security.py).
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-key-never-used-anywhere-else-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")

from .settings import *  # noqa: F403
