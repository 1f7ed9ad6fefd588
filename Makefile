# Linli — two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
SCALE  ?= demo
DATABASE ?= sqlite
PYTEST_ARGS ?= -n 2

.PHONY: install lock system-deps demo serve lint format test test-sqlite test-postgres bench messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reproducible installs: every package at the version and hash in requirements.lock (made by
# `make lock` from pyproject.toml), then Linli itself without touching them.
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	rm -f $(VENV)/.installed-*; touch $@

install: $(STAMP)

# Pin every dependency (and the test tools) with hashes, for Python 3.11 on Linux.
lock: | $(BIN)/python
	$(BIN)/python -m pip install -q pip-tools
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --extra test \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

# What the browser tests and translations need from Debian: Chromium, CJK fonts
# (without them Chinese renders as boxes in screenshots) and gettext; nginx and redis-server for
# the cluster test (three nodes behind deploy/nginx/linli.conf).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || missing="$$missing nginx-light"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: install
	$(BIN)/linli demo

serve: install
	$(BIN)/linli serve

# The house rules the build enforces: formatting and lint (ruff), and the import contracts
# of pyproject.toml's [tool.importlinter] (core imports no app, no cycles between apps, the
# floors, each app's views and forms its own) and the types of the modules listed in
# [tool.mypy] (mypy with django-stubs).
lint: install
	$(BIN)/ruff format --check --quiet .
	$(BIN)/ruff check --quiet .
	$(BIN)/lint-imports --no-logo --no-cache
	$(BIN)/mypy

format: install
	$(BIN)/ruff format --quiet .
	$(BIN)/ruff check --fix --quiet .

test: install system-deps lint
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$DATABASE_URL" ] || $(BIN)/python -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1',5432)))"; then \
	  $(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL does not answer on 127.0.0.1:5432 and DATABASE_URL is unset: skipped the PostgreSQL run."; fi

test-sqlite: install
	env -u DATABASE_URL $(BIN)/python -m pytest -q $(PYTEST_ARGS)

# The browser tests drive pages, not the database, and the whole demo is SQLite's (`make
# demo`): they run once, in the SQLite run.
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(BIN)/python -m pytest -q -m "not browser and not demo" $(PYTEST_ARGS)

bench: install
	@command -v wrk >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get install -y -qq wrk >/dev/null || true; }
	$(BIN)/python -m bench --scale $(SCALE) --database $(DATABASE)

# Extract the strings users see and compile them (needs gettext). Strings go to the nearest
# catalogue: an app's own linli/<app>/locale/ when it has one, else locale/.
messages: install
	$(BIN)/linli makemessages -l zh_Hans --no-obsolete --no-location -i '.venv/*' -i 'var/*' -i 'bench/*' -i '*/tests/*'
	$(BIN)/linli compilemessages -l zh_Hans -i .venv

clean:
	rm -rf $(VENV) var
