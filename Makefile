# Gatehouse: `make run` serves the product (embedded mode); `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
INSTALLED := $(VENV)/.installed
NPM ?= npm
WEB_DEPS := frontend/node_modules/.installed
WEB_BUILD := frontend/dist/index.html
WEB_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/tsconfig.json

.PHONY: run test stack bench install web lint format migrate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency lists change.
$(INSTALLED): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(INSTALLED)

# The web app: npm ci from the committed lock file, then type-check and build to frontend/dist.
$(WEB_DEPS): frontend/package.json frontend/package-lock.json
	cd frontend && $(NPM) ci --no-audit --no-fund --loglevel=error
	touch $@

$(WEB_BUILD): $(WEB_DEPS) $(WEB_SOURCES)
	cd frontend && $(NPM) run build --silent

web: $(WEB_BUILD)

migrate: install
	$(BIN)/python manage.py migrate --noinput

## run: migrate, load the demo data, make an admin, serve on http://$(HOST):$(PORT)
run: migrate web
	$(BIN)/python manage.py demo
	$(BIN)/python manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/
	@echo "Gatehouse is serving on http://$(HOST):$(PORT)/  (API docs: /api/docs/, Ctrl-C stops)"
	exec $(BIN)/python -m backend.serve -b $(HOST) -p $(PORT) backend.asgi:application

## test: lint, format check, the web app's unit tests, then the whole pytest suite
## (browser tests included: they drive Debian's chromium against the built app)
test: install web
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd frontend && $(NPM) test --silent
	$(BIN)/pytest

## stack: the full stack without docker: daphne, celery worker and beat (honcho)
stack: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gatehouse
stack: export REDIS_URL ?= redis://127.0.0.1:6379/0
stack: install web
	$(BIN)/python manage.py ensure_database
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py demo
	$(BIN)/python manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/
	PATH="$(abspath $(BIN)):$$PATH" exec $(BIN)/honcho start -f Procfile -p $(PORT) web worker beat

## bench: every benchmark in bench/ (PostgreSQL and Redis)
bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static frontend/node_modules frontend/dist
