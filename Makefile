# Two commands on a fresh machine: `make run` and `make test` (see README).
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SEEDS := fixtures/seeds

.PHONY: parser-report run serve install install-dev data test test-deps test-sqlite test-postgres test-browser lint format bench loadtest loadtest-postgres clean

run: install data serve

# The local quick start is a development run over http: DEBUG=true lets it run
# without a SECRET_KEY and with the HTTPS settings off. Production leaves DEBUG
# unset (false) and must set SECRET_KEY (README, Configuration).
run data serve: export DEBUG ?= true

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

# uv installs exactly what uv.lock says; it lives in its own small venv so
# `uv sync` never removes it from the project's.
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.installed-runtime: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --no-dev
	touch $@

$(VENV)/.installed-dev: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen
	touch $(VENV)/.installed-runtime $@

install: $(VENV)/.installed-runtime

install-dev: $(VENV)/.installed-dev

# Migrate, import and index: a second run skips unchanged files.
data: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py import_meetings $(SEEDS)

# Both passes at once, each line prefixed with its pass (scripts/test-both).
test: install-dev test-deps
	scripts/test-both

# Debian's chromium and postgresql (15), installed with apt-get when missing
# (needs root; says so otherwise). See scripts/test-deps.
test-deps:
	scripts/test-deps

# Each run has its own temporary folder under var/ (pytest empties it when it starts): a
# pytest elsewhere on the machine that tidies /tmp/pytest-of-$USER never removes the
# throwaway PostgreSQL cluster of this one.
test-sqlite:
	mkdir -p var/pytest
	$(VENV)/bin/pytest --db=sqlite --basetemp=var/pytest/sqlite

# The same suite on a throwaway PostgreSQL cluster the tests start themselves;
# browser tests already ran on SQLite and exercise no database-specific code.
test-postgres:
	mkdir -p var/pytest
	$(VENV)/bin/pytest --db=postgres -m "not browser" --basetemp=var/pytest/postgres

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install-dev
	$(PY) manage.py bench --statements 100000 --out var/bench.json

# 50 readers on gunicorn (127.0.0.1, a free port, 4 workers) for 30 s while 100 meetings are
# imported, on a throwaway archive; prints requests, errors, p50/p95 and whether every new
# meeting is searchable (README, Operating). More: LOADTEST_ARGS="--clients 100 --seconds 60".
loadtest: install
	$(PY) manage.py loadtest $(LOADTEST_ARGS)

# The same on PostgreSQL (database and full-text search) in a cluster of its own.
loadtest-postgres: install-dev test-deps
	$(PY) manage.py loadtest --throwaway-postgres --backend postgres $(LOADTEST_ARGS)

# Scores of the parser on the real pages in ../shared/real, by field and decade.
parser-report: install-dev
	$(PY) -m devtools.real_pages --write

clean:
	rm -rf $(VENV) $(TOOLS) var
