# OCOP Platform. `make run` serves the app on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# pytest processes for `make test` (pytest-xdist); 0 runs the suite in this process.
TEST_WORKERS ?= 2

.PHONY: run serve setup install test lint format messages bench clean

# `make serve`: production settings (DEBUG=false) with defaults for trying it on this machine
# over plain HTTP. Every one is an environment variable: set it to override (README, "Serve").
SERVE_ENV = DEBUG=false STATIC_MANIFEST=true \
	SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost}" \
	SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}" \
	SESSION_COOKIE_SECURE="$${SESSION_COOKIE_SECURE:-false}" \
	CSRF_COOKIE_SECURE="$${CSRF_COOKIE_SECURE:-false}" \
	SECURE_HSTS_SECONDS="$${SECURE_HSTS_SECONDS:-0}" \
	EMAIL_BACKEND="$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"

run: setup ## set everything up, then serve on http://$(HOST):$(PORT)
	@echo "Serving on http://$(HOST):$(PORT)  (demo accounts above; Ctrl+C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

serve: setup var/secret_key ## the production server (gunicorn, DEBUG=false, WhiteNoise)
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput -v0
	@echo "Serving on http://$(HOST):$(PORT) with gunicorn (Ctrl+C to stop)"
	$(SERVE_ENV) BIND="$(HOST):$(PORT)" $(BIN)/gunicorn -c ocop/gunicorn.conf.py ocop.wsgi

var/secret_key: ## a secret key of this machine's own, for `make serve` without SECRET_KEY
	@mkdir -p var && umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

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
	$(MANAGE) seed_demo_catalogue
	$(MANAGE) seed_demo_promotion

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

bench: install ## under gunicorn and wrk: req/s, latency and the ratio to a bare view (README)
	$(MANAGE) bench

clean:
	rm -rf $(VENV) var
