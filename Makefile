# Alley Hub — the two commands a newcomer needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
DEBUG ?= false
# Listening on all interfaces means visitors use the machine's own name or address.
RUN_ALLOWED_HOSTS := $(if $(filter 0.0.0.0 ::,$(HOST)),*,127.0.0.1,localhost,[::1])
# The PostgreSQL pass of `make test`: `make test PG_URL=postgres://user@host:5432/name` (or TEST_DATABASE_URL
# in the environment). Django creates and drops test_<name>_gw0, test_<name>_gw1, ... itself.
PG_URL ?= $(or $(TEST_DATABASE_URL),postgres://postgres@127.0.0.1:5432/test)
# pytest-xdist processes, each with its own test database; browser tests all go to one of them.
# One per core, at most 4: past that each process's own set-up (migrations, the embedding model)
# costs more than it saves.
PYTEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 4 ] && n=4; echo $$n)
PYTEST := $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup --durations=10
PYTEST_ARGS ?=
export OMP_WAIT_POLICY ?= PASSIVE
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup run test test-sqlite test-postgres browser-deps bench bench-import lint lock messages clean backup restore loadtest

setup: $(VENV)/.installed var/.static ## venv + locked dependencies + static files (idempotent)

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

var/.static: $(VENV)/.installed $(shell find static -type f 2>/dev/null) $(wildcard locale/*/LC_MESSAGES/django.po)
	@mkdir -p var
	@# The compiled catalogues are committed; rebuild them when gettext is installed.
	@if command -v msgfmt >/dev/null && [ -f locale/en/LC_MESSAGES/django.po ]; then $(BIN)/python manage.py compilemessages --ignore=.venv -v 0; fi
	$(BIN)/python manage.py collectstatic --noinput -v 0
	@touch $@

run: setup ## migrate, load the demo district once, start the worker and serve on $(HOST):$(PORT)
	$(BIN)/python manage.py migrate --noinput -v 0
	$(BIN)/python manage.py demo_district --if-empty
	$(BIN)/python manage.py ensure_admin
	@echo "Alley Hub: http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(BIN)/python manage.py db_worker --queue-name '*' --no-reload >var/worker.log 2>&1 & \
	  $(BIN)/python manage.py scheduler --interval 5 >var/scheduler.log 2>&1 & \
	  DEBUG=$(DEBUG) ALLOWED_HOSTS='$(RUN_ALLOWED_HOSTS)' $(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

browser-deps: ## Debian's Chromium and CJK fonts for the browser tests
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "chromium is missing: run 'sudo apt-get install -y chromium fonts-noto-cjk'" >&2; exit 1; fi; \
	fi

test: setup browser-deps ## the whole suite on SQLite, then again on PostgreSQL when it answers
	env -u TEST_DATABASE_URL $(PYTEST) $(PYTEST_ARGS)
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect(sys.argv[1], dbname='postgres', connect_timeout=3).close()" '$(PG_URL)' 2>/dev/null; then \
	  echo "== PostgreSQL at $(PG_URL) =="; \
	  TEST_DATABASE_URL='$(PG_URL)' $(PYTEST) $(PYTEST_ARGS); \
	else echo "== PostgreSQL not reachable: SQLite run only =="; fi

bench: setup ## matching benchmarks (bench/README.md)
	$(BIN)/python bench/run.py

bench-import: setup ## 100k organisation + outcome rows: .xlsx dry run + commit + export, last line JSON (docs/import-export.md)
	$(BIN)/python bench/bench_import.py

# `make backup` writes var/backups/alleyhub-<time>.tar.gz (or BACKUP=path); `make restore BACKUP=path`
# puts that archive back (stop `make run` first). Both use the database DATABASE_URL names.
BACKUP ?=
backup: setup ## database (SQLite online backup / pg_dump) + uploaded files into one checked .tar.gz
	$(BIN)/python manage.py backup '$(or $(BACKUP),var/backups/alleyhub-$(shell date +%Y%m%d-%H%M%S).tar.gz)'

restore: setup ## replace the database and uploaded files with BACKUP=path (made by `make backup`)
	@test -n '$(BACKUP)' || { echo "make restore: name the archive, e.g. make restore BACKUP=var/backups/alleyhub-….tar.gz" >&2; exit 2; }
	$(BIN)/python manage.py restore '$(BACKUP)'

# `make loadtest` (loadtest/README.md): granian with 2 workers on the PostgreSQL database
# LOADTEST_DATABASE_URL (default alleyhub_load, loaded with the demo district on first use) under the
# mixed workload of loadtest/locustfile.py; `make loadtest DURATION=60s` for a quick run.
DURATION ?= 5m
USERS ?= 40
loadtest: setup ## requests/s and p50/p95 per page type under a mixed load, last line JSON
	$(BIN)/python loadtest/run.py --duration '$(DURATION)' --users '$(USERS)'

LINT_STEPS := "ruff check ." "ruff format --check ." "mypy" "djlint templates alleyhub --lint" "lint-imports"

lint: setup ## ruff, ruff format --check, mypy, djLint, import-linter: every step runs, any failure fails
	@failed=""; \
	for step in $(LINT_STEPS); do \
	  echo "== $$step =="; \
	  $(BIN)/$$step || failed="$$failed [$$step]"; \
	done; \
	if [ -n "$$failed" ]; then echo "make lint: failed:$$failed" >&2; exit 1; fi; \
	echo "make lint: all steps passed"

lock: ## re-resolve requirements.lock from pyproject.toml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock --quiet

messages: setup ## extract translatable strings into locale/
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var --no-obsolete

clean:
	rm -rf $(VENV) var/static var/.static
