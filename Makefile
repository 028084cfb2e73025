# One entry point for people and CI. `make run` and `make test` install what they need first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run test lint format lock check bench

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

run: install
	$(BIN)/python -m bot

test: install
	$(BIN)/python -m pytest -ra

# ruff (with complexity limits), formatting, mypy, import-linter's layer and feature contracts,
# and the house rules (module and function size, no import circles).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy bot handlers services db tests bench
	$(BIN)/lint-imports
	$(BIN)/python .ci/structure.py

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint test

# Re-pin every dependency (needs `uv`): the lock file is what a fresh install uses.
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --quiet -o requirements.lock
