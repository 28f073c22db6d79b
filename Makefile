# The README's commands. `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
SECRET_KEY_FILE := var/secret_key
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test serve demo lint lock clean help

help:
	@echo "make run    set up, load the demo newsroom and serve it on http://$(HOST):$(PORT)"
	@echo "make test   set up and run the whole test suite"
	@echo "make lint   check the code with ruff (lint rules and formatting)"
	@echo "make backup            dump the database and copy the media to a dated folder in var/backups/ (BACKUP_DIR)"
	@echo "make restore BACKUP=d  load backup folder d into an EMPTY database and media storage"
	@echo "make lock   re-pin requirements.lock (production) and requirements-dev.lock (test tools)"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "Newsroom needs Python 3.12 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.13 (or run: make PYTHON=/path/to/python3.13 run)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Production installs requirements.lock only; the test tools come on top of it. Both files
# carry the SHA-256 of every file of each release on PyPI: pip refuses anything else.
$(STAMP): $(PY) requirements.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock -r requirements-dev.lock
	touch $(DEV_STAMP)

$(SECRET_KEY_FILE):
	@mkdir -p var
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $(SECRET_KEY_FILE)
	@chmod 600 $(SECRET_KEY_FILE)

LOCAL_ENV = DEBUG=$${DEBUG:-true} SECRET_KEY=$${SECRET_KEY:-$$(cat $(SECRET_KEY_FILE))}

demo: $(STAMP) $(SECRET_KEY_FILE)
	$(LOCAL_ENV) $(PY) manage.py migrate --no-input
	$(LOCAL_ENV) $(PY) manage.py load_demo

run: demo
	@echo
	@echo "Newsroom is at http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo
	$(LOCAL_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# The page-quality tests use the HTML checker and axe-core from npm (offline-safe, no scripts).
TOOLS_STAMP := tools/node_modules/.installed
$(TOOLS_STAMP): tools/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tools --ignore-scripts --no-audit --no-fund --silent && touch $(TOOLS_STAMP); \
	else echo "npm not found: the HTML-checker and axe tests will be skipped."; fi

test: $(DEV_STAMP) $(TOOLS_STAMP)
	@[ -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ] || \
	  echo "Chromium is not installed: the browser tests (tests/e2e) will be SKIPPED. apt-get install chromium"
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff is pinned here (not in the app's lock): a new release may add rules.
RUFF_VERSION = 0.17.6

lint: $(STAMP)
	$(PY) -m pip install --quiet ruff==$(RUFF_VERSION)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Resolve pyproject.toml's ranges in a scratch virtualenv and pin the result: first what
# production needs, then the test group held to those pins, written as the difference.
# (The project itself is not built: it is not a package; its dependencies are read as text.)
# uv then adds the hashes of every file PyPI has for each pinned release (all platforms),
# keeping the pins as they are (--no-deps: the lists are already complete).
UV_VERSION = 0.13.9
UV_HASH = .venv-lock/bin/uv pip compile --no-deps --generate-hashes --no-header --no-annotate --quiet
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --upgrade pip
	.venv-lock/bin/python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' > .venv-lock/production.in
	.venv-lock/bin/pip install --quiet -r .venv-lock/production.in
	.venv-lock/bin/pip freeze > .venv-lock/production.txt
	.venv-lock/bin/pip install --quiet --group test -c .venv-lock/production.txt
	.venv-lock/bin/pip freeze | grep -vxF -f .venv-lock/production.txt > .venv-lock/dev.txt
	.venv-lock/bin/pip install --quiet uv==$(UV_VERSION)
	$(UV_HASH) .venv-lock/production.txt -o requirements.lock
	$(UV_HASH) .venv-lock/dev.txt -o requirements-dev.lock
	rm -rf .venv-lock

# Backups: manage.py backup / restore (newsroom/backup.py, README "Backup and restore").
# The environment is the site's own (e.g. `set -a; . /etc/newsroom/env; set +a` first).
.PHONY: backup restore
backup: $(STAMP) $(SECRET_KEY_FILE)
	$(LOCAL_ENV) $(PY) manage.py backup

restore: $(STAMP) $(SECRET_KEY_FILE)
	@[ -n "$(BACKUP)" ] || { echo "Say which backup: make restore BACKUP=var/backups/<date>"; exit 2; }
	$(LOCAL_ENV) $(PY) manage.py restore "$(BACKUP)"

# Load and faults against gunicorn with a PostgreSQL and a Redis of its own (bench/faults.py).
.PHONY: faults
faults: $(STAMP)
	$(PY) bench/faults.py

clean:
	rm -rf $(VENV) var/static .pytest_cache

# Performance: build the benchmark databases, serve them with gunicorn and nginx, measure
# with wrk, print the table (README "Performance"). BENCH_SIZE=small for a quick run,
# BENCH_SIZE=large for 100,000 stories and 1,000,000 comments on PostgreSQL,
# BENCH_DB=sqlite|postgres. Exits 1 when a target is missed, 2 when wrk/nginx are missing.
.PHONY: bench
bench: $(STAMP)
	$(PY) bench/run.py
