# The two commands: `make run` (the demo on the embedded default) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
RUN_STAMP := $(VENV)/.run-stamp
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers (this project's machines have 2 cores); a test file stays on one worker, so its
# module-scoped tenants are made once. `make test PYTEST_ARGS=` runs the suite in one process.
PYTEST_ARGS ?= -n 2 --dist loadfile
# mypy's incremental cache (gitignored): a warm `make typecheck` re-reads only what changed.
MYPY_CACHE := .mypy_cache

.PHONY: run stack test install lint typecheck format messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

# `make run` installs only what running needs (no test tools).
$(RUN_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $(RUN_STAMP)

install: $(STAMP)

## Serve the demo departments on http://localhost:$(PORT)/ (and http://<code>.localhost:$(PORT)/).
run: $(RUN_STAMP)
	mkdir -p var/static var/media
	DJANGO_SETTINGS_MODULE=cms.settings.dev $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=cms.settings.dev PORT=$(PORT) $(MANAGE) seed_demo --port $(PORT)
# The periodic job (scheduled publishing, review reminders) runs every minute beside the server;
# the loop ends with `make run` (Ctrl-C reaches it too; the trap covers any other exit).
	export DJANGO_SETTINGS_MODULE=cms.settings.dev PORT=$(PORT); \
	( while true; do $(MANAGE) run_periodic; sleep 60; done ) & periodic=$$!; \
	trap 'kill $$periodic 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

## The production stack on this machine: Varnish on 127.0.0.1:$(STACK_PORT) in front of gunicorn
## (production settings) on $(STACK_PORT)+1; DATABASE_URL and REDIS_URL from the environment.
STACK_PORT ?= 8080
stack: $(RUN_STAMP)
	mkdir -p var/static var/media
	PORT=$(STACK_PORT) $(BIN)/python deploy/stack.py

## Lint and type-check, then the whole suite (SQLite unless DATABASE_URL says otherwise).
test: install lint typecheck
	mkdir -p var/static var/media
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Type-check the project's packages (mypy with django-stubs; see [tool.mypy] in pyproject.toml).
typecheck: install $(MYPY_CACHE)/settings-stamp
	$(BIN)/mypy --cache-dir $(MYPY_CACHE) sites themes search cms

# django-stubs reads `settings.X` from the settings modules, but its cached results do not depend
# on them: after a settings change the cache starts cold, so no stale answer survives it.
$(MYPY_CACHE)/settings-stamp: cms/settings/*.py
	rm -rf $(MYPY_CACHE)
	mkdir -p $(MYPY_CACHE)
	touch $@

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Refresh the interface catalogues from the code (needs GNU gettext), then compile them.
messages: install
	$(MANAGE) makemessages -l vi -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete
	$(MANAGE) compile_catalogues

clean:
	rm -rf var $(VENV) $(MYPY_CACHE)
