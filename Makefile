# CoopKB — `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000
ES_WORKERS ?= 2

.DEFAULT_GOAL := help
.PHONY: help run test test-elasticsearch lint migrate demo services lock messages clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamps make a second `make run`/`make test` skip the install when the lock files did not change.
$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	@touch $@

$(VENV)/.dev-installed: requirements/base.txt requirements/dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	@touch $(VENV)/.base-installed $@

migrate: $(VENV)/.base-installed ## Apply database migrations
	$(MANAGE) migrate --noinput

demo: migrate ## Load the demo network (idempotent)
	$(MANAGE) kb_demo

# The task worker (search index updates) runs beside the web server and stops with it.
run: demo ## Set up everything and serve the site with demo content at http://127.0.0.1:8000/
	$(MANAGE) db_worker --interval 1 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(MANAGE) runserver $(HOST)

test: $(VENV)/.dev-installed ## Run the whole test suite (SQLite, or DATABASE_URL when set; PYTEST_ARGS to narrow)
	$(BIN)/pytest -n auto --durations=15 $(PYTEST_ARGS)

# The node: tests/opensearch/ (pom.xml + a small launcher), artifacts from Maven Central into ~/.m2.
OPENSEARCH := tests/opensearch
test-elasticsearch: $(VENV)/.dev-installed ## Elasticsearch engine tests on a real OpenSearch 2.19 node (needs Java 17 and Maven)
	@command -v java >/dev/null && command -v mvn >/dev/null || \
		{ echo "make test-elasticsearch needs java and mvn on PATH (make services installs them)"; exit 1; }
	$(BIN)/python -m tests.opensearch.node  # mvn -q -B: resolve the artifacts, compile the launcher
	$(BIN)/pytest -m elasticsearch -n $(ES_WORKERS) --durations=10 $(PYTEST_ARGS)

services: ## Install (Debian packages) and start PostgreSQL 15 and Redis on 127.0.0.1, plus Chromium and gettext
	.ci/services

lint: $(VENV)/.dev-installed ## ruff, Django system checks and missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=coopkb.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=coopkb.settings.test $(MANAGE) makemigrations --check --dry-run

messages: $(VENV)/.dev-installed ## Update and compile the English interface catalogue (needs gettext)
	$(MANAGE) makemessages --locale en --ignore '.venv/*' --ignore 'bench/*'
	$(MANAGE) compilemessages --locale en --ignore '.venv/*'

lock: ## Re-lock dependencies from pyproject.toml into requirements/
	rm -rf /tmp/kb-lock && $(PYTHON) -m venv /tmp/kb-lock
	/tmp/kb-lock/bin/pip install --quiet .
	/tmp/kb-lock/bin/pip freeze --exclude coopkb > requirements/base.txt
	/tmp/kb-lock/bin/pip install --quiet '.[dev]'
	(echo '-r base.txt'; /tmp/kb-lock/bin/pip freeze --exclude coopkb | grep -vxFf requirements/base.txt) > requirements/dev.txt

clean: ## Remove the virtual environment and local database
	rm -rf $(VENV) var/
