# Two commands do everything on a fresh machine (Python ≥ 3.11 with venv):
#   make ingest   set up .venv, then ingest raw_pdfs/ into warehouse/ckextract.duckdb
#   make test     set up .venv, then run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup ingest test lint clean ocr-system

# Tesseract + Japanese data (Debian packages) for OCR of scanned PDFs: installed when
# missing and the machine can (root with apt-get); otherwise scans are rejected with how
# to install it, and everything else works.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert tesseract-ocr-eng
ocr-system:
	@if [ "$$(tesseract --list-langs 2>/dev/null | grep -cxE 'jpn|eng')" = 2 ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(OCR_PACKAGES) >/dev/null) \
	  || echo "setup: could not install $(OCR_PACKAGES); scanned PDFs will be rejected"; \
	else echo "setup: for scanned PDFs install $(OCR_PACKAGES) (apt-get, as root)"; fi

$(STAMP): pyproject.toml
	$(MAKE) --no-print-directory ocr-system
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
