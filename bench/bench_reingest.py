"""An unchanged re-ingest of 100 documents, next to the Prefect floor (an empty flow run).

    .venv/bin/python -m bench.bench_reingest [--documents 100]

The 100 documents are distinct byte-wise (a comment appended after %%EOF to
copies of the committed PDFs), loaded once without timing; then the same folder
is ingested again, where every document is skipped at the plan step (same
sha256, same parser version) and nothing is parsed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import COMMITTED_PDFS, table


def make_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = COMMITTED_PDFS[i % len(COMMITTED_PDFS)]
        (folder / f"doc{i:04d}.pdf").write_bytes(src.read_bytes() + f"\n% ckbench copy {i}\n".encode())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ckbench-reingest-"))
    os.environ.setdefault("PREFECT_HOME", str(work / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    corpus, db = work / "pdfs", work / "w.duckdb"
    make_corpus(corpus, args.documents)

    from prefect import flow

    from ckextract.pipeline import ingest
    from flows.ingest import ingest_flow

    start = time.perf_counter()
    first = ingest([corpus], db, validate_records=False)
    first_load = time.perf_counter() - start
    assert len(first.loaded) + len(first.no_layout) == args.documents, first.to_dict()

    @flow(name="ckbench-empty")
    def empty() -> None:
        return None

    empty()  # starts Prefect's temporary server: paid once per process, not measured
    rows = []
    for _ in range(3):
        t0 = time.perf_counter()
        empty()
        floor = time.perf_counter() - t0
        t0 = time.perf_counter()
        summary = ingest_flow(paths=[str(corpus)], db_path=str(db))
        flow_reingest = time.perf_counter() - t0
        assert len(summary.skipped) == args.documents, summary.to_dict()
        t0 = time.perf_counter()
        local = ingest([corpus], db)
        local_reingest = time.perf_counter() - t0
        assert len(local.skipped) == args.documents
        rows.append((floor, flow_reingest, flow_reingest - floor, local_reingest, flow_reingest / floor))
    print(
        f"{args.documents} documents; first load (local engine, no gate, not part of the ratio): {first_load:.1f} s\n"
    )
    print(
        table(
            [
                "empty flow s",
                "unchanged re-ingest (flow) s",
                "above floor s",
                "unchanged (local) s",
                "flow / floor",
            ],
            rows,
        )
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
