"""Settings: every deployment choice comes from the environment (see README)."""

import importlib.util
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ARCHIVE_VAR_DIR", str(BASE_DIR / "var")))

# DEBUG=false (the default) is production: a SECRET_KEY of its own and HTTPS
# only. `make run` sets DEBUG=true for the local http development server.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
# Without a key of its own, production refuses to serve (archive.env.settings_or_exit, called
# by wsgi.py and by manage.py for the commands that serve); commands that only read and
# write records (parse_meeting, import_meetings, search) need no key.
SECRET_KEY_MISSING = not SECRET_KEY and not DEBUG
SECRET_KEY = SECRET_KEY or "insecure-local-development-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "csp",
    "axes",
    "simple_history",
    "meetings",
]
# Dev-only commands (generate_corpus, bench), when the devtools folder is present;
# a deployment may leave it out.
if importlib.util.find_spec("devtools") is not None:
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A safe request reads the archive generation (cache key of counts) once.
    "meetings.middleware.ArchiveGenerationMiddleware",
    # Public pages, feeds and the API only read: 405 to POST/PUT/DELETE before
    # CSRF is even checked. The admin (its own URL namespace) still posts.
    "meetings.middleware.ReadOnlyPublicMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Names the signed-in editor on every history row a request writes.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: answers a locked-out login with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database_config() -> dict:
    default_url = f"sqlite:///{VAR_DIR / 'archive.sqlite3'}"
    url = env_str("DATABASE_URL", default_url)
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0, 0))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a usable database URL: {error}") from None
    if config["ENGINE"].endswith("sqlite3"):
        # WAL lets the web server read while an import writes.
        config.setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    return config


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes checks every login before the password is: after
# LOGIN_FAILURE_LIMIT failures for one username from one address, that pair is
# refused (even with the right password) for LOGIN_LOCKOUT_MINUTES, or until
# `manage.py axes_reset` (or axes_reset_username NAME). A success clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, 1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 60, 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# Serve straight from the app folders too, so tests and a fresh checkout need
# no collectstatic; `make run` still collects for production-like serving.
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Search (see meetings/search/). "whoosh" is the embedded default; "postgres"
# needs DATABASE_URL to point at PostgreSQL.
SEARCH_BACKEND = env_choice("SEARCH_BACKEND", "whoosh", ("whoosh", "postgres"))
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR", str(VAR_DIR / "index")))
SEARCH_MAX_QUERY_LENGTH = env_int("SEARCH_MAX_QUERY_LENGTH", 500, 1)
SEARCH_MAX_TERMS = env_int("SEARCH_MAX_TERMS", 30, 1)
SEARCH_TIME_LIMIT_S = env_int("SEARCH_TIME_LIMIT_MS", 3000, 1) / 1000
SEARCH_MAX_PER_PAGE = env_int("SEARCH_MAX_PER_PAGE", 100, 1)
# Searches answered again until the index changes: Whoosh keeps this many with its
# searcher, PostgreSQL keeps them in Django's cache (0: none kept, by either).
SEARCH_RESULTS_KEPT = env_int("SEARCH_RESULTS_KEPT", 256, 0)
SEARCH_WRITER_TIMEOUT_S = env_int("SEARCH_WRITER_TIMEOUT_MS", 10000, 1) / 1000
# Memory a large index commit may sort in before it spills to disk; merging
# segments past it costs twice the CPU (docs/benchmarks.md, import speed).
SEARCH_WRITER_MEMORY_MB = env_int("SEARCH_WRITER_MEMORY_MB", 256, 32)
# Tests switch this off and index explicitly; the site keeps the index live.
SEARCH_AUTO_INDEX = env_bool("SEARCH_AUTO_INDEX", True)

IMPORT_MAX_FILE_BYTES = env_int("IMPORT_MAX_FILE_BYTES", 2 * 1024 * 1024, 1)
# Index in a second process while a long import parses and stores (meetings/indexing/worker.py).
IMPORT_INDEX_WORKER = env_bool("IMPORT_INDEX_WORKER", True)
# Fuzzy matching of a new spelling to a known person: rapidfuzz WRatio, 0..100.
PEOPLE_FUZZY_THRESHOLD = env_int("PEOPLE_FUZZY_THRESHOLD", 90, 50)
PEOPLE_AUTHORITY_FILE = Path(
    env_str("PEOPLE_AUTHORITY_FILE", str(BASE_DIR / "fixtures" / "people.json"))
)
EXPORT_MAX_ROWS = env_int("EXPORT_MAX_ROWS", 5000, 1)

# Counts and pages kept per archive state (meetings/archive_cache.py): in each process's
# memory by default; with PAGE_CACHE_DIR, in files there that every worker shares, so a
# count made by one gunicorn worker serves the others and outlives a restart.
# A relative folder is the project's (README: PAGE_CACHE_DIR=var/cache), whatever the
# working directory; Django's file cache wants an absolute one (caches.W003).
PAGE_CACHE_DIR = env_str("PAGE_CACHE_DIR", "")
PAGE_CACHE_DIR = str((BASE_DIR / PAGE_CACHE_DIR).resolve()) if PAGE_CACHE_DIR else ""
if PAGE_CACHE_DIR:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": PAGE_CACHE_DIR,
            # An archive state's counts and pages are a few hundred entries; older states'
            # are culled a third at a time past this.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# HTTPS: on by default in production (DEBUG=false), off for local http runs
# (DEBUG=true); each can be set on its own (README, Configuration).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto
# (without it SECURE_SSL_REDIRECT would redirect forever).
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from
# this site only; no inline script, no style attributes, no plugins or frames.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
