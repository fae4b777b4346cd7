"""Scanned PDFs: seconds per page read by OCR next to the same pages from their text
layer, and how close the scans' records come to the born-digital ones.

    .venv/bin/python -m bench.bench_ocr [--seeds 0,1] [--mhlw]

Scans are made as tests/scangen.py makes them (300 dpi, turned 0.3-0.5°, blur, grain,
dust; image-only), one set per seed. For each: extraction time per page (OCR) against
the born-digital file's (text layer), in the same run; then the records (normalize, no
warehouse) compared by name within one character: networks, members, adoptions.
``--mhlw`` adds a scan of a real MHLW list (``../shared/real_pdfs/mhlw_ec/02_…``): rows
whose every cell equals the text layer's after NFKC and without white space.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
import unicodedata
from pathlib import Path

from bench.common import ROOT, SHARED, table
from ckextract.discover import discover
from ckextract.extract import extract_document
from ckextract.normalize import normalize
from ckextract.records import DocumentRecords
from tests.scangen import scan_pdf
from tests.test_ocr import matched

RAW = sorted((ROOT / "raw_pdfs").glob("*.pdf"))
MHLW = SHARED / "real_pdfs" / "mhlw_ec" / "02_001095355.pdf"


def read(path: Path) -> tuple[DocumentRecords, float, int]:
    (doc,) = discover([path])
    start = time.perf_counter()
    extraction = extract_document(doc)
    seconds = time.perf_counter() - start
    return normalize(extraction), seconds, extraction.page_count


def names(records: list[DocumentRecords]) -> dict[str, list[str]]:
    return {
        "networks": [n.name for r in records for n in r.networks],
        "members": [m.org_name for r in records for m in r.memberships],
        "adoptions": [a.project_name for r in records for a in r.adoptions],
    }


def rows(path: Path) -> list[tuple[str, ...]]:
    (doc,) = discover([path])
    return [
        tuple(re.sub(r"\s+", "", unicodedata.normalize("NFKC", c or "")) for c in row)
        for t in extract_document(doc).tables
        for row in t.grid()
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="0,1")
    parser.add_argument("--mhlw", action="store_true")
    args = parser.parse_args()
    digital = [read(p) for p in RAW]
    digital_pages = sum(p for _, _, p in digital)
    digital_seconds = sum(s for _, s, _ in digital)
    expected = names([r for r, _, _ in digital])
    timing, accuracy = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in (int(s) for s in args.seeds.split(",")):
            scans = [scan_pdf(p, Path(tmp) / f"{seed}" / p.name, seed=seed + i) for i, p in enumerate(RAW)]
            scanned = [read(p) for p in scans]
            pages = sum(p for _, _, p in scanned)
            seconds = sum(s for _, s, _ in scanned)
            timing.append(
                (f"scan seed {seed}", pages, round(seconds / pages, 2), round(seconds / digital_seconds, 1))
            )
            got = names([r for r, _, _ in scanned])
            for kind, want in expected.items():
                hits, _ = matched(want, got[kind])
                accuracy.append((seed, kind, len(want), len(got[kind]), hits, f"{hits / len(want):.1%}"))
        timing.insert(0, ("text layer", digital_pages, round(digital_seconds / digital_pages, 3), 1.0))
        print(f"raw_pdfs/: {len(RAW)} documents, {digital_pages} pages\n")
        print(table(("read", "pages", "s/page", "time vs text layer"), timing))
        print()
        print(table(("seed", "records", "born-digital", "scan", "within 1 char", "share"), accuracy))
        if args.mhlw and MHLW.exists():
            scan = scan_pdf(MHLW, Path(tmp) / "mhlw.pdf", seed=2)
            text_rows, start = rows(MHLW), time.perf_counter()
            scan_rows = rows(scan)
            seconds = time.perf_counter() - start
            pool, same = list(scan_rows), 0
            for row in text_rows:
                if row in pool:
                    same += 1
                    pool.remove(row)
            print(
                f"\n{MHLW.name} scanned: {len(text_rows)} rows from the text layer, {len(scan_rows)} "
                f"from the scan; {same} the same ({same / len(text_rows):.1%}); {seconds:.1f} s"
            )


if __name__ == "__main__":
    main()
