"""Progress inside a document: a line per page read by OCR (seconds a page, so a user
sees a long scan moving). The CLI switches it on for a terminal through the environment,
so extraction in worker processes and Prefect tasks reports the same way."""

from __future__ import annotations

import os
import sys

PAGE_PROGRESS_ENV = "CKEXTRACT_PAGE_PROGRESS"
"""Set to ``1`` (by the CLI, on a terminal without --quiet/--json): page lines on stderr."""


def enable() -> None:
    os.environ[PAGE_PROGRESS_ENV] = "1"


def page_read(file_name: str, page: int, pages: int, seconds: float) -> None:
    """Say that page ``page`` of ``pages`` of ``file_name`` was read by OCR."""
    if os.environ.get(PAGE_PROGRESS_ENV) == "1":
        print(f"OCR {file_name}: page {page}/{pages} read in {seconds:.1f} s", file=sys.stderr, flush=True)
