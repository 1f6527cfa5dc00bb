# The co-op portal. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Test processes (pytest-xdist): one per core, at most 4; PYTEST_WORKERS=0 runs the suite in one process.
PYTEST_WORKERS ?= auto
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: help run test lint format messages schema clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	mkdir -p var
	touch $@

run: $(VENV)/.installed ## Run the portal with demo content on SQLite at 127.0.0.1:$(PORT)
	$(PY) manage.py compile_catalogs
	$(PY) manage.py migrate --no-input
	$(PY) manage.py setup_demo --address http://127.0.0.1:$(PORT)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py compile_catalogs
	DJANGO_SETTINGS_MODULE=portal.settings.test $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --maxprocesses 4 --dist loadfile $(PYTEST_ARGS)

lint: $(VENV)/.installed ## ruff, Django's checks and missing migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: $(VENV)/.installed ## Update locale/ with the UI strings of portal/, frontends/ and the admin screens in cms/ (needs GNU gettext)
	$(PY) manage.py update_catalogs --write

schema: $(VENV)/.installed ## Write the GraphQL schema's SDL to schema.graphql (committed; tests fail when it drifts)
	$(PY) -c "import django; django.setup(); from graphql import print_schema; from portal.schema import schema; open('schema.graphql', 'w').write(print_schema(schema.graphql_schema) + '\n')"

format: $(VENV)/.installed ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var

.PHONY: bench
bench: $(VENV)/.installed ## Benchmark the content API against Wagtail API v2 and static files (BENCH_SIZES, BENCH_QUICK=1)
	$(PY) -m bench

.PHONY: load
load: $(VENV)/.installed ## Load test: gunicorn -w 2 on loopback, locust 60 s at 32 clients (LOAD_USERS, LOAD_SECONDS, LOAD_PAGES)
	$(PY) -m bench.loadtest
