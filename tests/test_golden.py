"""Every committed PDF against its golden JSON, compared whole (pdfplumber's practice).

Regenerate with ``pytest --update-goldens`` after an intended change, and
review the diff: the golden files are the contract.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, MAP_VARIANTS, RAW_PDFS, VARIANTS, compare_golden, golden_view, records_of

LISTS = sorted((FIXTURES / "adoption_list").glob("*.pdf"))
PDFS = [*sorted(RAW_PDFS.glob("*.pdf")), *VARIANTS, *MAP_VARIANTS, *LISTS]


@pytest.mark.parametrize("path", PDFS, ids=[p.stem for p in PDFS])
def test_golden(path: Path, update_goldens: bool) -> None:
    compare_golden(path.stem, golden_view(records_of(path)), update_goldens)
