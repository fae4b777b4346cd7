"""tabula-java's test suite: ckextract next to pdfplumber and camelot's stream flavour, in
one run; and what finding tables by alignment costs on pages that have none.

    .venv/bin/python -m bench.bench_tabula        # camelot: pip install -e .[bench]

1. For every PDF of ``../shared/real_pdfs/tabula_suite`` (the encrypted one aside): the
   rows of the tables tabula's tests expect that each tool reproduces cell for cell
   (``accuracy.rows_reproduced``), the ICDAR-style cell-adjacency precision, recall and
   F1 against those tables, and pages per second over the whole suite. Every table a
   tool finds counts, so tables beyond what a test looked at cost precision alike.
2. The cost of alignment-only detection: ckextract with ``aligned_tables`` on and off,
   per page, over the pages of the real PDFs here where neither finds a table
   (running text, forms, figures, slides): pages per second both ways and their ratio.
"""

from __future__ import annotations

import time
from pathlib import Path

import pdfplumber

from bench.bench_icdar import Tool
from bench.bench_icdar import tools as icdar_tools
from bench.common import COMMITTED_PDFS, SHARED, table
from ckextract.accuracy import Scores, rows_reproduced, score, tabula_expectations
from ckextract.extract.tables import page_tables
from ckextract.settings import ExtractSettings

SUITE = SHARED / "real_pdfs" / "tabula_suite"
ENCRYPTED = "encrypted.pdf"


def tools() -> dict[str, Tool]:
    """The tools of bench_icdar, camelot in its stream flavour only (the issue's comparison)."""
    return icdar_tools(camelot_flavors=("stream",))


def suite_pdfs() -> list[Path]:
    return [p for p in sorted(SUITE.glob("*.pdf")) if p.name != ENCRYPTED]


def page_count(pdf: Path) -> int:
    with pdfplumber.open(pdf) as p:
        return len(p.pages)


def compare_tools() -> None:
    pdfs = suite_pdfs()
    expected = tabula_expectations(SUITE)
    pages = sum(page_count(p) for p in pdfs)
    rows = []
    per_table: dict[str, list[str]] = {}
    for name, tool in tools().items():
        total = Scores(0, 0, 0)
        got_rows = want_rows = 0
        start = time.perf_counter()
        for pdf in pdfs:
            try:
                found = tool(pdf)
            except Exception as exc:  # a baseline failing on a file scores zero there
                print(f"{name}: {pdf.name}: {type(exc).__name__}: {exc}")
                found = []
            for k, grid in enumerate(expected.get(pdf.name, []), start=1):
                got, want = rows_reproduced(grid, found)
                got_rows, want_rows = got_rows + got, want_rows + want
                per_table.setdefault(f"{pdf.stem[:36]} #{k} ({want} rows)", []).append(f"{got:>4}")
            if pdf.name in expected:
                total = total + score(found, expected[pdf.name])
        elapsed = time.perf_counter() - start
        rows.append(
            (
                name,
                f"{got_rows}/{want_rows}",
                total.precision,
                total.recall,
                total.f1,
                pages / elapsed,
                elapsed,
            )
        )
    print(f"tabula-java test suite: {len(pdfs)} PDFs, {pages} pages, {len(expected)} with expected tables\n")
    print(table(["tool", "rows reproduced", "precision", "recall", "F1", "pages/s", "seconds"], rows))
    print("\nrows reproduced per expected table (" + ", ".join(r[0] for r in rows) + "):")
    for label, counts in per_table.items():
        print(f"  {label:<48} {'  '.join(counts)}")


def real_pdfs() -> list[Path]:
    """The committed PDFs, the tabula suite, the ICDAR EU set and four MHLW lists."""
    real = SHARED / "real_pdfs"
    icdar = sorted((SHARED / "icdar2013" / "eu").glob("*.pdf"))
    return [*COMMITTED_PDFS, *suite_pdfs(), *icdar, *sorted(real.glob("mhlw_*/**/*.pdf"))[:4]]


def cost_on_pages_without_tables() -> None:
    on, off = ExtractSettings(), ExtractSettings(aligned_tables=False)
    time_on = time_off = all_on = all_off = 0.0
    pages = pages_all = 0
    for pdf in real_pdfs():
        with pdfplumber.open(pdf) as doc:
            for number, page in enumerate(doc.pages, start=1):
                page.objects  # noqa: B018 - parse once, outside the timings
                start = time.perf_counter()
                without = page_tables(page, number, off)
                middle = time.perf_counter()
                with_aligned = page_tables(page, number, on)
                end = time.perf_counter()
                pages_all += 1
                all_off += middle - start
                all_on += end - middle
                if without.tables or with_aligned.tables:
                    continue
                pages += 1
                time_off += middle - start
                time_on += end - middle
    print(f"\npages with no table in {len(real_pdfs())} real PDFs: {pages}")
    print(
        table(
            ["aligned_tables", "pages/s", "seconds"],
            [("off", pages / time_off, time_off), ("on", pages / time_on, time_on)],
        )
    )
    print(f"throughput with alignment detection: {time_off / time_on:.2f} × without it")
    print(
        f"all {pages_all} pages: {all_off / all_on:.2f} × ({pages_all / all_off:.1f} → {pages_all / all_on:.1f} pages/s)"
    )


def main() -> None:
    compare_tools()
    cost_on_pages_without_tables()


if __name__ == "__main__":
    main()
