"""Cost of the data-quality gate per document, next to extraction in the same run.

    .venv/bin/python -m bench.bench_gate

The gate validates a run's documents together (one GX validation per table), so
its cost per document falls as a run grows; GX's import (~3 s) is paid once per
process and reported apart.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.common import COMMITTED_PDFS, best_of, table, with_document_id
from ckextract.discover import discover
from ckextract.extract import extract_document
from ckextract.normalize import normalize


def main() -> None:
    docs = discover(COMMITTED_PDFS)
    start = time.perf_counter()
    records = [normalize(extract_document(d)) for d in docs]
    extract_per_doc = (time.perf_counter() - start) / len(docs)

    start = time.perf_counter()
    import great_expectations  # noqa: F401

    from ckextract.validate.gate import run_gate

    gx_import = time.perf_counter() - start
    root = Path(tempfile.mkdtemp(prefix="ckbench-gx-"))
    run_gate(records[:1], root, build_docs=False)  # context creation, first suites
    rows = []
    for n in (1, len(records), 4 * len(records), 16 * len(records)):
        batch = [with_document_id(records[i % len(records)], f"{i:064x}") for i in range(n)]
        gate = best_of(3, lambda b=batch: run_gate(b, root, build_docs=False))  # type: ignore[misc]
        with_docs = best_of(1, lambda b=batch: run_gate(b, root, build_docs=True))  # type: ignore[misc]
        rows.append((n, gate, gate / n, with_docs - gate, (gate / n) / extract_per_doc))
    print(f"documents: {len(docs)} committed PDFs; extraction+normalization {extract_per_doc:.3f} s/document")
    print(f"GX import (once per process): {gx_import:.2f} s\n")
    print(table(["docs/run", "gate s", "gate s/doc", "+data docs s", "gate/extract per doc"], rows))


if __name__ == "__main__":
    main()
