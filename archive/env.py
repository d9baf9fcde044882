"""Environment helpers that refuse bad values with one clear message."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no)")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is below the minimum {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}")
    return value


def settings_or_exit(serving: bool = True) -> None:
    """Load the settings, or stop with one line saying what is wrong.

    manage.py and wsgi.py call it first, so a bad or missing variable (say no
    SECRET_KEY with DEBUG=false) is one line on stderr, not a traceback.
    """
    import sys

    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - importing the settings is the point
    except ImproperlyConfigured as error:
        sys.exit(f"Configuration error: {error}")
    if serving and getattr(settings, "SECRET_KEY_MISSING", False):
        sys.exit(
            "Configuration error: SECRET_KEY must be set when DEBUG is false (production); "
            "for a local run use `make run` or DEBUG=true"
        )


# manage.py commands that serve the site or judge its deployment: they need a real key
SERVING_COMMANDS = {"runserver", "check", "testserver", "runserver_plus"}
