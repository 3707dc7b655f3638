# Gatehouse: `make run` serves the product (embedded mode); `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
# VENV=/path/to/venv uses a virtualenv made elsewhere (add `-o $(VENV)/.installed` and
# `-o $(VENV)/.installed-test` to keep make from reinstalling into it).
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
URL_HOST := $(if $(findstring :,$(HOST)),[$(HOST)],$(HOST))
SITE_URL := http://$(URL_HOST):$(PORT)
# make stack: WEB_PROCESSES web servers (default: one per core) listen on 127.0.0.1:WEB_PORT,
# WEB_PORT + 1, … behind nginx on HOST:PORT; WEB_SERVER is daphne or uvicorn.
WEB_PORT ?= $(shell echo $$(($(PORT) + 1)))
WEB_PROCESSES ?= $(shell nproc 2>/dev/null || echo 1)
# uvicorn by default: less CPU per request than daphne (docs/operations.md); daphne stays.
WEB_SERVER ?= uvicorn
# make test: how many pytest-xdist workers run the tests that start no process.
TEST_WORKERS ?= auto
LAST_WEB_PORT = $(shell echo $$(($(WEB_PORT) + $(WEB_PROCESSES) - 1)))
# Everything the processes write goes here (settings.py resolves it the same way).
VAR_DIR := $(abspath $(or $(GATEHOUSE_VAR_DIR),var))
# What serving needs (make run, make stack); the tests' extras on top (make test).
INSTALLED := $(VENV)/.installed
INSTALLED_TEST := $(VENV)/.installed-test
INSTALLED_BENCH := $(VENV)/.installed-bench
NPM ?= npm
WEB_DEPS := frontend/node_modules/.installed
WEB_BUILD := frontend/dist/index.html
# With FRONTEND_DIST set (a build made elsewhere) frontend/ is not built.
WEB := $(if $(FRONTEND_DIST),,web)
WEB_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/tsconfig.json

.PHONY: run test test-fast stack bench bench-locust install install-test install-bench web lint \
	format migrate logins clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency lists change. Serving needs the package alone; the
# tests' extras (pytest, Playwright, ruff, mypy…) install with `make test`.
$(INSTALLED): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(INSTALLED_TEST): $(INSTALLED)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

# The benchmarks' extras (locust) on top of the tests'.
$(INSTALLED_BENCH): $(INSTALLED_TEST)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test,bench]"
	touch $@

install: $(INSTALLED)

install-test: $(INSTALLED_TEST)

# The web app: npm ci from the committed lock file, then type-check and build to frontend/dist.
$(WEB_DEPS): frontend/package.json frontend/package-lock.json
	cd frontend && $(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

$(WEB_BUILD): $(WEB_DEPS) $(WEB_SOURCES)
	cd frontend && $(NPM) run build --silent

web: $(WEB_BUILD)

migrate: install
	$(BIN)/python manage.py migrate --noinput

## run: migrate, load the demo data, make an admin, print the logins in a box, serve on
## http://$(HOST):$(PORT) (request logs off unless ACCESS_LOG=1)
run: export FRONTEND_URL ?= $(SITE_URL)
run: migrate $(WEB)
	$(BIN)/python manage.py demo
	$(BIN)/python manage.py ensure_admin --url $(SITE_URL)/admin/
	@$(BIN)/python manage.py logins --url $(SITE_URL)
	exec $(BIN)/python -m backend.serve -b $(HOST) -p $(PORT) backend.asgi:application

## logins: print the box of logins again (admin, staff, scanning station)
logins: install
	@$(BIN)/python manage.py logins --url $(SITE_URL)

## test: lint, format check, types, the web app's lint and unit tests, then the whole pytest
## suite: the unit, API and race tests on TEST_WORKERS processes (each with its own database
## and Redis database), then the ones that start processes or drive Debian's chromium, one at
## a time (their timings and ports are their own)
test: install-test web
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	cd frontend && $(NPM) run lint --silent
	cd frontend && $(NPM) test --silent
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not slow and not browser"
	$(BIN)/pytest -m "slow or browser"

## test-fast: the quick loop (under three minutes): lint, format check, types (mypy and tsc),
## the web app's lint and unit tests, and the unit and API tests on the embedded default,
## on every core. The PostgreSQL races, Redis, real processes and the browser are make test's.
test-fast: install-test $(WEB_DEPS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	cd frontend && $(NPM) run lint --silent && $(NPM) run typecheck --silent
	cd frontend && $(NPM) test --silent
	env -u DATABASE_URL -u REDIS_URL -u GATEHOUSE_REQUIRE_SERVICES \
		$(BIN)/pytest -q -n auto -m "not slow and not browser"

# A secret key made once and kept (make stack runs with DEBUG off, which requires one).
$(VAR_DIR)/secret_key:
	@mkdir -p $(@D)
	@umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

## stack: the full stack without docker, production-shaped (DEBUG off) on plain HTTP:
## nginx on $(HOST):$(PORT) in front of WEB_PROCESSES web servers (WEB_SERVER: daphne or
## uvicorn) on 127.0.0.1:$(WEB_PORT) and the next ports, a celery worker per queue group
## (worker: celery; mailer: email) and beat, once
stack: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gatehouse
stack: export REDIS_URL ?= redis://127.0.0.1:6379/0
stack: export GATEHOUSE_VAR_DIR := $(VAR_DIR)
stack: export DJANGO_DEBUG ?= 0
stack: export DJANGO_SECRET_KEY ?= $(file < $(VAR_DIR)/secret_key)
stack: export DJANGO_ALLOWED_HOSTS ?= $(URL_HOST),localhost,127.0.0.1
# nginx reaches daphne from 127.0.0.1: only its X-Forwarded-For counts.
stack: export TRUSTED_PROXIES ?= 127.0.0.1
# Plain HTTP on this machine: no redirect to HTTPS, no HSTS (production puts TLS in front).
stack: export DJANGO_SECURE_SSL_REDIRECT ?= 0
stack: export DJANGO_HSTS_SECONDS ?= 0
stack: export FRONTEND_URL ?= $(SITE_URL)
stack: export WEB_PORT := $(WEB_PORT)
stack: export WEB_PROCESSES := $(WEB_PROCESSES)
stack: export WEB_SERVER := $(WEB_SERVER)
stack: export PYTHONPYCACHEPREFIX ?= $(VAR_DIR)/pycache
# Prometheus's multiprocess mode: every process of the node writes its metrics here; one
# scrape of /metrics reads them all. Emptied at each start (stale processes' files).
stack: export PROMETHEUS_MULTIPROC_DIR ?= $(VAR_DIR)/prometheus
stack: install $(WEB) $(VAR_DIR)/secret_key
	rm -rf "$(PROMETHEUS_MULTIPROC_DIR)" && mkdir -p "$(PROMETHEUS_MULTIPROC_DIR)"
	$(BIN)/python manage.py ensure_database
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py demo
	$(BIN)/python manage.py ensure_admin --url $(SITE_URL)/admin/
	@$(BIN)/python manage.py logins --url $(SITE_URL)
	$(BIN)/python manage.py nginx_config --host $(HOST) --port $(PORT) --web-port $(WEB_PORT) \
		--web-processes $(WEB_PROCESSES)
	@# Again: the commands above counted in it too (the demo's bookings...).
	rm -rf "$(PROMETHEUS_MULTIPROC_DIR)" && mkdir -p "$(PROMETHEUS_MULTIPROC_DIR)"
	@echo "nginx on $(SITE_URL)/, $(WEB_PROCESSES) × $(WEB_SERVER) on 127.0.0.1:$(WEB_PORT)-$(LAST_WEB_PORT); Ctrl-C stops"
	PATH="$(abspath $(BIN)):$$PATH:/usr/sbin:/sbin" exec $(BIN)/honcho start -f Procfile \
		proxy web worker mailer beat

## bench: every benchmark in bench/ (PostgreSQL and Redis), then a short headless locust run
bench: install-test
	@for script in bench/*.py; do \
		case $$script in bench/locustfile.py|bench/locust_run.py) continue;; esac; \
		echo "== $$script"; $(BIN)/python $$script || exit 1; done
	$(MAKE) --no-print-directory bench-locust

## bench-locust: every business's user class (bench/locustfile.py) against make stack's
## topology on the bench database, headless, for LOCUST_TIME (default 30s) with LOCUST_USERS
bench-locust: $(INSTALLED_BENCH)
	$(BIN)/python bench/locust_run.py --users $(or $(LOCUST_USERS),20) \
		--run-time $(or $(LOCUST_TIME),30s)

lint: install-test
	$(BIN)/ruff check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static frontend/node_modules frontend/dist
