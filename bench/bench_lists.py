"""Declared lists: throughput next to plain table extraction, and the peak memory of a long list.

    .venv/bin/python -m bench.bench_lists

In one run, on the real lists of ../shared (four MHLW 公表事案 editions, the METI 近畿 list):

1. pages/s of ``ckextract tables`` (extraction only) and of a whole ingest (extraction,
   the list specs, the gate, the load), each in a fresh process; their ratio;
2. the peak RSS of ingesting an 85-page list (the 74-page MHLW 012 edition followed by 11
   pages of 013, joined by PDFium: one table continued over 85 pages), next to the peak
   RSS of ``ckextract tables`` on it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, SHARED, table

LABOR = sorted((SHARED / "real_pdfs" / "mhlw_labor").glob("0*"))
METI = SHARED / "real_pdfs" / "meti_saikouchiku" / "tokubetsu_kinki07.pdf"
LONG_PAGES = 85
PEAK = (
    "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')), file=sys.stderr)"
)


def pages(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def long_list(out: Path) -> Path:
    """An 85-page list from real pages: 012's 74, then 013's pages 2–12."""
    import pypdfium2

    first, second = (next(d.glob("*.pdf")) for d in LABOR if d.name[:3] in ("012", "013"))
    merged = pypdfium2.PdfDocument.new()
    a, b = pypdfium2.PdfDocument(str(first)), pypdfium2.PdfDocument(str(second))
    merged.import_pages(a)
    merged.import_pages(b, list(range(1, 1 + LONG_PAGES - len(a))))
    merged.save(str(out))
    return out


def timed(code: str, *args: str) -> tuple[float, float]:
    """(seconds, peak RSS MB) of ``code`` in a fresh Python process."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\n{PEAK}", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, int(done.stderr.strip().splitlines()[-1]) / 1024


TABLES = (
    "from pathlib import Path\nfrom ckextract.discover import discover\nfrom ckextract.extract import extract_document\n"
    "for p in sys.argv[1:]:\n    extract_document(discover([Path(p)])[0])"
)
INGEST = (
    "from pathlib import Path\nfrom ckextract.pipeline import ingest\n"
    "s = ingest([Path(sys.argv[1])], sys.argv[2])\nassert s.ok and s.list_rows, s.to_dict()"
)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="ckbench-lists-"))
    pdfs = [next(d.glob("*.pdf")) for d in LABOR] + [METI]
    folder = work / "lists"
    folder.mkdir()
    for i, pdf in enumerate(pdfs):
        shutil.copy(pdf, folder / f"{i}_{pdf.name}")
    total = sum(pages(p) for p in pdfs)
    tables_s, tables_mb = timed(TABLES, *map(str, pdfs))
    ingest_s, ingest_mb = timed(INGEST, str(folder), str(work / "w.duckdb"))
    print(f"{len(pdfs)} real lists, {total} pages; each command in a fresh process (imports included)\n")
    print(
        table(
            ["what", "seconds", "pages/s", "peak RSS MB", "time vs tables"],
            [
                ("ckextract tables (extraction only)", tables_s, total / tables_s, tables_mb, 1.0),
                ("ingest: specs, gate, load", ingest_s, total / ingest_s, ingest_mb, ingest_s / tables_s),
            ],
        )
    )
    long = long_list(work / "long.pdf")
    long_dir = work / "long"
    long_dir.mkdir()
    shutil.copy(long, long_dir)
    t_s, t_mb = timed(TABLES, str(long))
    i_s, i_mb = timed(INGEST, str(long_dir), str(work / "long.duckdb"))
    print(f"\nan {pages(long)}-page list (MHLW 012 + 11 pages of 013, one table)\n")
    print(
        table(
            ["what", "seconds", "peak RSS MB", "RSS vs tables"],
            [("ckextract tables", t_s, t_mb, 1.0), ("ingest (gate on)", i_s, i_mb, i_mb / t_mb)],
        )
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
