# SalesCoach: `make demo` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test install install-dev serve lint typecheck checks test-postgres test-sqlite fuzz faults load messages vendor clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## demo: install, migrate the embedded database, load the demo, serve on http://127.0.0.1:$(PORT)
demo: install
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py createcachetable
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 PORT=$(PORT) sh scripts/serve-demo.sh

## test: install, then lint, type-check, the project checks and the whole suite
test: install-dev
	mkdir -p var
	$(MAKE) --no-print-directory lint typecheck checks
	$(MAKE) --no-print-directory test-postgres test-sqlite fuzz

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -r salescoach config -ll -x "salescoach/*/migrations"

typecheck:
	$(BIN)/mypy salescoach config

checks:
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	DEBUG=0 SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-looking-secret-value-0123456789 \
	  ALLOWED_HOSTS=salescoach.example.com $(BIN)/python manage.py check --deploy --fail-level WARNING
	DEBUG=1 $(BIN)/python scripts/check_translations.py

# The whole suite on PostgreSQL when DATABASE_URL points at it (CI does), then the
# suite minus browser tests on the embedded SQLite database.
test-postgres:
	@if [ -n "$$DATABASE_URL" ]; then $(BIN)/pytest -q; else echo "DATABASE_URL not set: skipping the PostgreSQL run"; fi

test-sqlite:
	@if [ -n "$$DATABASE_URL" ]; then \
	  env -u DATABASE_URL $(BIN)/pytest -q -m "not browser and not postgres"; \
	else $(BIN)/pytest -q; fi

## fuzz: schemathesis against /api/v1/openapi.json, every operation as every demo role
fuzz:
	$(BIN)/pytest -q fuzz

## faults: the fault checks with real processes (gunicorn, workers, Redis, a PostgreSQL restart;
## needs root and pg_ctlcluster -- CI runs it after `make test`)
faults: install-dev
	$(BIN)/python scripts/fault_checks.py

## load: 50 users of mixed roles for 60 s against two gunicorn app servers, two RQ workers,
## PostgreSQL (database sc_load, or LOAD_DATABASE_URL) and Redis (LOAD_REDIS_URL); checks
## every acknowledged write and writes the figures into docs/PERFORMANCE.md
load: install-dev
	$(BIN)/python bench/load_test.py --write-docs

## messages: update the Dutch translation files after changing text
messages: install-dev
	DEBUG=1 $(BIN)/python scripts/check_translations.py --update

## vendor: refresh the front-end files from the npm registry (pinned in package.json)
vendor:
	npm ci --no-audit --no-fund
	sh scripts/vendor.sh

clean:
	rm -rf $(VENV) var/static
