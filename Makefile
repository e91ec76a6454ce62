# Cadre: `make run` prepares everything and starts the server; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ENV := scripts/with-env
MANAGE := $(ENV) $(PY) manage.py
# Checks run on their own settings, never on a local .env; DATABASE_URL and the broker
# variables pass through from the environment (CI sets them for PostgreSQL and Redis).
CHECK_ENV := env SECRET_KEY=checks-only-secret-key ALLOWED_HOSTS=127.0.0.1,localhost HTTPS=false
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint typecheck migrations-check translations-check translations unit e2e bench messages clean

run: setup
	@echo "Cadre is starting on http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	$(ENV) $(VENV)/bin/gunicorn cadre.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile -

setup: $(VENV)/.installed .env
	$(MANAGE) migrate --no-input
	$(MANAGE) compile_translations
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(MANAGE) load_reference
	$(MANAGE) load_demo

$(VENV)/.installed: pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit("Cadre needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

.env:
	$(PY) scripts/make_env.py > .env
	@echo "Wrote .env for a local instance (edit it, or set variables in the environment)."

test: $(VENV)/.installed lint typecheck migrations-check translations-check unit e2e

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(VENV)/.installed
	$(CHECK_ENV) $(VENV)/bin/mypy

migrations-check: $(VENV)/.installed
	$(CHECK_ENV) $(PY) manage.py makemigrations --check --dry-run

translations-check: $(VENV)/.installed
	$(CHECK_ENV) $(PY) manage.py check_translations

translations: $(VENV)/.installed
	$(CHECK_ENV) $(PY) manage.py compile_translations --verbosity 0

unit: translations
	$(VENV)/bin/pytest -q --ignore=tests/e2e

e2e: translations
	$(VENV)/bin/pytest -q tests/e2e

bench: $(VENV)/.installed
	$(PY) bench/run.py

# Importing 10,000 officials from one file, on a throwaway SQLite database (or DATABASE_URL).
.PHONY: bench-import
bench-import: $(VENV)/.installed
	$(PY) bench/import_officials.py

messages: $(VENV)/.installed
	$(MANAGE) makemessages --locale ar --locale fr --locale es --no-location --no-obsolete

clean:
	rm -rf $(VENV) var .env .pytest_cache .mypy_cache .ruff_cache
