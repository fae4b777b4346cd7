"""The ten MHLW lists: ckextract's rows against the tabula CSV made by another project.

    .venv/bin/python -m bench.bench_mhlw

exact: rows equal cell for cell after NFKC and white-space removal, columns aligned by
header (the 01 CSV lacks the ウェブサイトURL column). lenient: a reference cell may also
be a part of ours — tabula loses the text that runs past a clipped cell border (URLs,
second lines), which ckextract keeps. Where they still differ, see the closing notes.
"""

from __future__ import annotations

import time

from bench.common import SHARED, table
from ckextract.accuracy import read_csv_rows, row_agreement
from ckextract.discover import discover
from ckextract.extract import extract_document


def main() -> None:
    pdfs = sorted((SHARED / "real_pdfs" / "mhlw_ec").glob("*.pdf"))
    rows = []
    totals = [0, 0, 0, 0]
    for pdf in pdfs:
        start = time.perf_counter()
        (doc,) = discover([pdf])
        ex = extract_document(doc)
        elapsed = time.perf_counter() - start
        ours = [r for t in ex.tables for r in t.grid()]
        reference = read_csv_rows(pdf.with_suffix(".tabula.csv").read_text(encoding="utf-8"))
        exact = row_agreement(ours, reference)
        lenient = row_agreement(ours, reference, truncated_reference=True)
        pages = ",".join(str(p) for t in ex.tables for p in t.pages)
        rows.append(
            (
                pdf.stem,
                ex.page_count,
                len(ex.tables),
                pages,
                exact.ours,
                exact.reference,
                exact.matched,
                lenient.matched,
                elapsed,
            )
        )
        totals = [
            totals[0] + exact.ours,
            totals[1] + exact.reference,
            totals[2] + exact.matched,
            totals[3] + lenient.matched,
        ]
    print(
        table(
            [
                "document",
                "pages",
                "tables",
                "stitched pages",
                "our rows",
                "ref rows",
                "exact",
                "lenient",
                "s",
            ],
            rows,
        )
    )
    n_ours, ref, exact_n, lenient_n = totals
    print(
        f"\nrows: ours {n_ours}, reference {ref}; exact agreement {exact_n}/{ref} = {exact_n / ref:.3f}; "
        f"lenient {lenient_n}/{ref} = {lenient_n / ref:.3f}"
    )


if __name__ == "__main__":
    main()
