"""What the page limits cost on real pages, and what the bounded cell search saves on hostile ones.

    .venv/bin/python -m bench.bench_limits

In one run:

1. on every page of the real PDFs under ../shared and raw_pdfs/: the time to measure a page
   before parsing it (``limits.check_page_content``) next to the time to read it
   (``page_tables``), as a ratio;
2. on n×n ruled grids: ckextract's cell search (``extract/cells.py``) next to pdfplumber's
   ``edges_to_intersections → intersections_to_cells → cells_to_tables`` on the same edges
   (pdfplumber only up to the size where it still ends in seconds), with the point pairs
   ckextract examined per crossing;
3. the hostile fixtures (tests/fixtures/hostile/): each document's outcome and time.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

import pdfplumber
from pdfplumber import table as pt

from bench.common import ROOT, SHARED, table
from ckextract.extract import cells
from ckextract.extract.grid import merge_edges, page_edges
from ckextract.extract.limits import Deadline, Work, check_page_content
from ckextract.extract.tables import page_tables
from ckextract.settings import ExtractSettings

SETTINGS = ExtractSettings()
PDFPLUMBER_UP_TO = 120
"""Grids larger than this are left to ckextract alone (pdfplumber's search grows ~n⁴)."""


def real_pdfs() -> list[Path]:
    found = sorted((SHARED / "real_pdfs").rglob("*.pdf")) + sorted((ROOT / "raw_pdfs").glob("*.pdf"))
    return [p for p in found if p.name != "encrypted.pdf"]


def measure_real() -> None:
    check = read = 0.0
    pages = 0
    for pdf in real_pdfs():
        try:
            with pdfplumber.open(pdf) as doc:
                for number, page in enumerate(doc.pages, start=1):
                    start = time.perf_counter()
                    check_page_content(page.page_obj, SETTINGS)
                    middle = time.perf_counter()
                    page_tables(page, number, SETTINGS, Deadline(SETTINGS.page_seconds))
                    check += middle - start
                    read += time.perf_counter() - middle
                    pages += 1
                    page.close()
        except Exception as exc:  # a file the extractor rejects is not this benchmark's subject
            print(f"  skipped {pdf.name}: {type(exc).__name__}", file=sys.stderr)
    print(f"1. real pages ({pages}): measured before parsing in {check:.2f} s, read in {read:.2f} s")
    print(f"   limit checks cost {check / read:.4f} × the reading\n")


def grid_pdf(n: int) -> Path:
    sys.path.insert(0, str(ROOT / "tools"))
    make_hostile = importlib.import_module("make_hostile")  # the fixtures' own generator
    out = Path(f"/tmp/ckextract-bench-grid-{n}.pdf")
    out.write_bytes(make_hostile._pdf([make_hostile.grid(n)]))
    return out


def measure_grids() -> None:
    rows = []
    for n in (30, 60, 120, 300):
        with pdfplumber.open(grid_pdf(n)) as pdf:
            page = pdf.pages[0]
            edges = merge_edges(
                page_edges(page.rects, page.lines, page.curves, page.bbox, SETTINGS), SETTINGS
            )
        tol = SETTINGS.intersection_tolerance
        start = time.perf_counter()
        points = cells.edges_to_intersections(edges, tol, tol, 10**9)
        work = Work(10**12)
        ours = cells.cells_to_tables(cells.intersections_to_cells(points, work))
        ours_s = time.perf_counter() - start
        theirs_s: float | str = "-"
        if n <= PDFPLUMBER_UP_TO:
            start = time.perf_counter()
            theirs = pt.cells_to_tables(pt.intersections_to_cells(pt.edges_to_intersections(edges, tol, tol)))
            theirs_s = time.perf_counter() - start
            assert sorted(map(sorted, ours)) == sorted(map(sorted, theirs)), n
        ratio = f"{theirs_s / ours_s:.0f}×" if isinstance(theirs_s, float) else "-"
        rows.append([f"{n}×{n}", len(points), ours_s, theirs_s, ratio, f"{work.examined / len(points):.2f}"])
    print("2. cell search on n×n grids (same cells)")
    print(table(["grid", "crossings", "ckextract s", "pdfplumber s", "speed-up", "pairs/crossing"], rows))
    print()


def measure_hostile() -> None:
    from ckextract.discover import discover
    from ckextract.errors import DocumentError
    from ckextract.extract import extract_document

    rows = []
    for pdf in sorted((ROOT / "tests" / "fixtures" / "hostile").glob("*.pdf")):
        (doc,) = discover([pdf])
        start = time.perf_counter()
        try:
            ex = extract_document(doc)
            outcome = f"read; skipped {[p for p, _, _ in ex.skipped_pages]}"
        except DocumentError as exc:
            outcome = exc.code
        rows.append([pdf.name, pdf.stat().st_size, outcome, time.perf_counter() - start])
    print("3. hostile fixtures")
    print(table(["file", "bytes", "outcome", "s"], rows))


def main() -> None:
    measure_real()
    measure_grids()
    measure_hostile()


if __name__ == "__main__":
    main()
