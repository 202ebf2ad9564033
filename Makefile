# OCOP Platform. `make run` serves the app on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# pytest processes for `make test` (pytest-xdist); 0 runs the suite in this process.
TEST_WORKERS ?= 2

.PHONY: run setup install test lint format messages bench clean

run: setup ## set everything up, then serve on http://$(HOST):$(PORT)
	@echo "Serving on http://$(HOST):$(PORT)  (demo accounts above; Ctrl+C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

setup: install ## migrations, translations, places and demo accounts (idempotent)
	@mkdir -p var/static var/media
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=var -v0
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_places
	$(MANAGE) load_criteria
	$(MANAGE) seed_demo
	$(MANAGE) seed_demo_dossiers
	$(MANAGE) seed_demo_evaluation
	$(MANAGE) seed_demo_recognition
	$(MANAGE) seed_demo_certificates --base-url http://$(HOST):$(PORT)

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

test: install ## lint, layers contract, types, migration check and the whole pytest suite
	@mkdir -p var
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=var -v0
	$(MANAGE) makemigrations --check --dry-run -v1
	$(BIN)/pytest -n $(TEST_WORKERS)

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## refresh the .po files after changing user-facing text
	$(MANAGE) makemessages -l vi -l en --ignore=$(VENV) --ignore=var --no-obsolete
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=var

bench: setup ## requests per second of the public pages, as a ratio to a bare view
	$(MANAGE) bench

clean:
	rm -rf $(VENV) var
