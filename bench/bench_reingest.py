"""An unchanged re-ingest, as a user runs it: the README's command in a fresh process.

    .venv/bin/python -m bench.bench_reingest [--documents 100] [--repeat 3]

The corpus (distinct byte-wise: a comment appended after %%EOF to copies of the
committed PDFs) is loaded once, not timed. Then, in one run, best of ``--repeat``:

- ``ckextract ingest DIR`` (the default engine; Prefect is not started: nothing to parse),
- ``ckextract ingest DIR --engine local``,
- an empty Prefect flow run in a fresh process (its temporary server started and stopped:
  the floor any run through Prefect pays),
- the flow itself run in-process on the unchanged corpus, next to an empty flow in the
  same process (the server already up): what the stages cost above Prefect's floor;
- then (``--rss-pages``, default 500,2000,4000; ``--rss-pages ''`` to skip) the peak RSS of
  an ingest with the default options as a synthetic corpus grows (bench_speed's part 3).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import COMMITTED_PDFS, ROOT, table

EMPTY_FLOW = "from prefect import flow\n@flow\ndef empty():\n    return None\nempty()\n"
TARGET_SECONDS = 2.0
RSS_FLAT = 1.15
"""Peak RSS of the largest corpus at most this × the smallest's."""


def make_corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = COMMITTED_PDFS[i % len(COMMITTED_PDFS)]
        (folder / f"doc{i:04d}.pdf").write_bytes(src.read_bytes() + f"\n% ckbench copy {i}\n".encode())


def wall(cmd: list[str], env: dict[str, str], repeat: int) -> float:
    """Best wall time of ``repeat`` runs of a command (it must succeed)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=ROOT, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def in_process(corpus: Path, db: Path) -> tuple[float, float]:
    """(empty flow, unchanged flow) in this process, the temporary server already started."""
    from prefect import flow

    from ckextract.settings import IngestOptions
    from flows.ingest import ingest_flow

    @flow(name="ckbench-empty")
    def empty() -> None:
        return None

    empty()
    t0 = time.perf_counter()
    empty()
    floor = time.perf_counter() - t0
    t0 = time.perf_counter()
    summary = ingest_flow(IngestOptions(sources=(corpus,), db_path=db, fetch=False))
    assert summary.loaded == [] and summary.skipped, summary.to_dict()
    return floor, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rss-pages", default="500,2000,4000")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ckbench-reingest-"))
    env = {
        **os.environ,
        "PREFECT_HOME": str(work / ".prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "ERROR",
    }
    os.environ.update(env)
    corpus, db = work / "pdfs", work / "w.duckdb"
    make_corpus(corpus, args.documents)
    cli = [str(Path(sys.executable).parent / "ckextract"), "ingest", str(corpus), "--db", str(db), "-q"]
    start = time.perf_counter()
    subprocess.run([*cli, "--engine", "local", "--no-validate"], env=env, cwd=ROOT, check=True)
    first_load = time.perf_counter() - start
    wall([sys.executable, "-c", EMPTY_FLOW], env, 1)  # Prefect's home and database made: not timed

    default = wall(cli, env, args.repeat)
    local = wall([*cli, "--engine", "local"], env, args.repeat)
    empty_process = wall([sys.executable, "-c", EMPTY_FLOW], env, args.repeat)
    floor, flow_unchanged = in_process(corpus, db)
    print(f"{args.documents} documents, unchanged; first load (not timed below): {first_load:.1f} s")
    print(f"best of {args.repeat}, each command in a fresh process\n")
    rows: list[tuple[object, ...]] = [
        ("ckextract ingest (default engine)", default, default / empty_process),
        ("ckextract ingest --engine local", local, local / empty_process),
        ("empty Prefect flow, fresh process", empty_process, 1.0),
        ("empty Prefect flow, server up", floor, floor / empty_process),
        ("ingest flow, unchanged, server up", flow_unchanged, flow_unchanged / empty_process),
    ]
    print(table(["what", "seconds", "vs empty flow process"], rows))
    verdict = "met" if default <= TARGET_SECONDS else "NOT met"
    print(f"\ntarget: default engine <= {TARGET_SECONDS:.0f} s on an unchanged corpus: {verdict}")
    sizes = [int(n) for n in args.rss_pages.split(",") if n.strip()]
    if sizes:
        from bench.bench_speed import peak_rss

        print("\npeak RSS of an ingest with the default options (gate on), 250-page documents")
        rss: list[tuple[object, ...]] = []
        for n in sizes:
            seconds, mb = peak_rss(n, work)
            rss.append((n, seconds, mb, mb / (float(rss[0][2]) if rss else mb)))  # type: ignore[arg-type]
        print(table(["pages", "seconds", "peak RSS MB", f"vs {sizes[0]} pages"], rss))
        flat = max(float(r[3]) for r in rss) <= RSS_FLAT  # type: ignore[arg-type]
        print(f"target: flat within {RSS_FLAT - 1:.0%}: {'met' if flat else 'NOT met'}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
