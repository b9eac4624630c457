# The README's two commands: `make run` and `make test`. Both work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
export FLASK_APP = wsgi:app

.PHONY: run test test-fast test-postgres browser bench lint clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

## Set up the database (SQLite under instance/ unless DATABASE_URL says otherwise),
## add demo data when it is empty, print the demo logins and serve on :5000.
run: $(VENV)/.installed
	$(BIN)/flask db upgrade
	$(BIN)/flask init-forum
	$(BIN)/flask seed-demo --if-empty
	@echo ""
	@echo "Forum : http://127.0.0.1:5000  (e-mails de développement dans instance/outbox/)"
	$(BIN)/flask run --host 127.0.0.1 --port 5000

## Debian's Chromium for the browser tests (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

## The whole suite (unit, integration, browser) on SQLite, or on DATABASE_URL when set.
test: $(VENV)/.installed browser
	$(BIN)/pytest -q

test-fast: $(VENV)/.installed
	$(BIN)/pytest -q -m "not e2e"

## The suite again on a fresh PostgreSQL database on 127.0.0.1:5432.
test-postgres: $(VENV)/.installed browser
	psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS idel_test" -c "CREATE DATABASE idel_test"
	DATABASE_URL=postgresql://postgres@127.0.0.1:5432/idel_test $(BIN)/pytest -q

bench: $(VENV)/.installed
	$(BIN)/python bench/privacy_bench.py
	$(BIN)/python bench/pages_bench.py

clean:
	rm -rf $(VENV) instance .pytest_cache
