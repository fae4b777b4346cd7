# Two commands do everything on a fresh machine (Python ≥ 3.11 with venv):
#   make ingest   set up .venv, then ingest raw_pdfs/ into warehouse/ckextract.duckdb
#   make test     set up .venv, then run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup ingest test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

ingest: $(STAMP)
	$(BIN)/ckextract ingest

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) warehouse/ckextract.duckdb warehouse/.prefect
