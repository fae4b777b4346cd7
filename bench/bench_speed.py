"""Speed and scale, as ratios measured in one run.

    .venv/bin/python -m bench.bench_speed [--quick]

1. extraction pages/s: ckextract (all of its work: tables, cell text, free text lines)
   vs plain pdfplumber ``page.extract_tables()`` on the same pages (targets: >= 0.9x),
   and vs camelot lattice on a sample of them (target: >= 5x; camelot from .[bench]);
2. one ingest split into stages next to the Prefect floor (an empty flow run);
3. peak RSS of a local ingest (gate on) as a synthetic corpus grows from 500 to 4,000 pages
   (generated here, not committed; target: flat within 15 %);
4. speed-up of extraction with 1, 2 and 4 worker processes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from bench.common import COMMITTED_PDFS, ROOT, SHARED, table
from ckextract.discover import discover
from ckextract.extract import extract_document
from tests.pdfbytes import HELVETICA, build, stream

REAL = sorted((SHARED / "real_pdfs" / "mhlw_ec").glob("*.pdf"))


def pages_per_second(pdfs: list[Path]) -> list[tuple[object, ...]]:
    pages = plumber_s = ours_s = 0.0
    for pdf in pdfs:
        start = time.perf_counter()
        with pdfplumber.open(pdf) as p:
            n = len(p.pages)
            for page in p.pages:
                page.extract_tables()
        plumber_s += time.perf_counter() - start
        (doc,) = discover([pdf])
        start = time.perf_counter()
        extract_document(doc)
        ours_s += time.perf_counter() - start
        pages += n
    return [
        ("pdfplumber extract_tables", int(pages), plumber_s, pages / plumber_s, 1.0),
        ("ckextract extract_document", int(pages), ours_s, pages / ours_s, plumber_s / ours_s),
    ]


def camelot_rate(pdfs: list[Path], limit_pages: int) -> tuple[int, float] | None:
    try:
        import camelot
    except ImportError:
        return None
    import warnings

    pages, start = 0, time.perf_counter()
    for pdf in pdfs:
        with pdfplumber.open(pdf) as p:
            n = len(p.pages)
        take = min(n, limit_pages - pages)
        if take <= 0:
            break
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            camelot.read_pdf(str(pdf), pages=f"1-{take}", flavor="lattice")
        pages += take
    return pages, time.perf_counter() - start


def stage_split(pdfs: list[Path], work: Path) -> list[tuple[object, ...]]:
    """Each stage of one ingest, timed on its own (the stage functions of ckextract.stages)."""
    os.environ.setdefault("PREFECT_HOME", str(work / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
    from prefect import flow

    from ckextract import stages
    from ckextract.clock import new_id
    from ckextract.records import IngestSummary, Rejection
    from ckextract.settings import ExtractSettings
    from ckextract.validate.gate import Gate
    from ckextract.warehouse import Warehouse

    @flow(name="ckbench-floor")
    def empty() -> None:
        return None

    empty()  # the temporary server starts once per process
    start = time.perf_counter()
    empty()
    floor = time.perf_counter() - start
    docs = discover(pdfs)
    settings = ExtractSettings()
    (batch,) = stages.plan_batches(docs, len(docs), 10**6)
    t = time.perf_counter()
    parts = [stages.extract(u) for u in stages.work_units(batch, settings)]
    extract_s = time.perf_counter() - t
    t = time.perf_counter()
    results = [stages.normalize(d, [p], settings) for d, p in zip(docs, parts, strict=True)]
    normalize_s = time.perf_counter() - t
    gate = Gate(work, new_id())
    gate.validate(
        [r for r in results[:1] if not isinstance(r, Rejection)]
    )  # GX's context and suites: paid once per process
    t = time.perf_counter()
    report = stages.validate(gate, results)
    validate_s = time.perf_counter() - t
    summary = IngestSummary(db_path="bench")
    t = time.perf_counter()
    with Warehouse(work / "w.duckdb") as wh:
        run = stages.plan(new_id(), docs, {}, True)
        wh.start_run(run.load_id, "bench")
        stages.load(wh, results, report, run.load_id).add_to(summary)
        stages.report(wh, run, summary, None)
    load_s = time.perf_counter() - t
    total = floor + extract_s + normalize_s + validate_s + load_s
    return [
        (name, s, s / total)
        for name, s in (
            ("Prefect floor (empty flow run)", floor),
            ("extract", extract_s),
            ("normalize", normalize_s),
            ("validate (GX, import and context excluded)", validate_s),
            ("load + report (derived tables)", load_s),
        )
    ]


def synthetic_doc(path: Path, pages: int, rows: int = 12, cols: int = 5, doc: int = 0) -> None:
    """``pages`` pages, each a ruled table with text in every cell (never committed); ``doc``
    makes each document's bytes distinct (identical bytes would be skipped as unchanged)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", HELVETICA]
    kids = []
    for p in range(pages):
        ops = [b"0.5 w"]
        for r in range(rows + 1):
            ops.append(b"40 %d m 560 %d l S" % (750 - r * 40, 750 - r * 40))
        for c in range(cols + 1):
            ops.append(b"%d 750 m %d %d l S" % (40 + c * 104, 40 + c * 104, 750 - rows * 40))
        for r in range(rows):
            for c in range(cols):
                ops.append(
                    b"BT /F1 9 Tf %d %d Td (d%d p%d r%d c%d) Tj ET"
                    % (44 + c * 104, 735 - r * 40, doc, p, r, c)
                )
        objects.append(stream(b"\n".join(ops)))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects)
        )
        kids.append(len(objects))
    objects[1] = (
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % pages
    )
    path.write_bytes(build(objects))


def peak_rss(total_pages: int, work: Path) -> tuple[float, float]:
    """(seconds, peak RSS MB) of a child process ingesting ``total_pages`` pages with the
    default options (gate on, batches of 16 documents / 500 pages)."""
    corpus = work / f"corpus{total_pages}"
    corpus.mkdir()
    for i in range(total_pages // 250):
        synthetic_doc(corpus / f"doc{i:03d}.pdf", 250, doc=i)
    # VmHWM: this process's own peak RSS (ru_maxrss would carry the forking parent's over exec)
    code = (
        "import sys, time; from pathlib import Path; from ckextract.pipeline import ingest\n"
        "t = time.perf_counter(); s = ingest([Path(sys.argv[1])], sys.argv[2])\n"
        "assert not s.rejected and len(s.no_layout) + len(s.loaded) == int(sys.argv[3]), s.to_dict()\n"
        "print(time.perf_counter() - t)\n"
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            str(corpus),
            str(work / f"rss{total_pages}.duckdb"),
            str(total_pages // 250),
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def workers_speedup(pdfs: list[Path]) -> list[tuple[object, ...]]:
    """Extraction of the same work units by the serial executor and by worker processes."""
    from ckextract.executors import ProcessExecutor, SerialExecutor
    from ckextract.settings import ExtractSettings
    from ckextract.stages import EXTRACT, PAGE_CHUNK, plan_batches, work_units

    docs = discover(pdfs)
    (batch,) = plan_batches(docs, len(docs), 10**6)
    rows: list[tuple[object, ...]] = []
    base = 0.0
    for workers in (1, 2, 4):
        executor = SerialExecutor() if workers == 1 else ProcessExecutor(workers)
        units = work_units(batch, ExtractSettings(), PAGE_CHUNK if workers > 1 else None)
        with executor:
            start = time.perf_counter()
            executor.map(EXTRACT, units)
            elapsed = time.perf_counter() - start
        base = base or elapsed
        rows.append((workers, len(docs), len(units), elapsed, base / elapsed))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller corpora (for a smoke run)")
    parser.add_argument("--sections", default="1234", help="which of the four sections to run")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ckbench-speed-"))
    pdfs = [*REAL, *COMMITTED_PDFS]
    print(
        f"machine: {os.cpu_count()} cores; PDFs: {len(REAL)} real MHLW lists + {len(COMMITTED_PDFS)} committed\n"
    )
    if "1" in args.sections:
        print("1. extraction, same pages (ratio = plain pdfplumber time / ckextract time; target >= 0.9)")
        rate = pages_per_second(pdfs)
        print(table(["tool", "pages", "seconds", "pages/s", "ratio"], rate))
        cam = camelot_rate(REAL, 10 if args.quick else 30)
        if cam:
            cam_rate = cam[0] / cam[1]
            ours_rate = float(rate[1][3])  # type: ignore[arg-type]
            print(
                f"   camelot lattice: {cam[0]} pages in {cam[1]:.1f} s = {cam_rate:.2f} pages/s; "
                f"ckextract / camelot = {ours_rate / cam_rate:.1f}x (target >= 5x)"
            )
        else:
            print("   camelot lattice: not installed (pip install -e .[bench])")
    if "2" in args.sections:
        print("\n2. one ingest of raw_pdfs/ by stage")
        print(
            table(["stage", "seconds", "share"], stage_split(sorted((ROOT / "raw_pdfs").glob("*.pdf")), work))
        )
    if "3" in args.sections:
        print("\n3. peak RSS of a local ingest (gate on) as the corpus grows (250-page documents)")
        sizes = (500, 1000) if args.quick else (500, 2000, 4000)
        rows: list[tuple[object, ...]] = []
        first_mb = 0.0
        for n in sizes:
            seconds, mb = peak_rss(n, work)
            first_mb = first_mb or mb
            rows.append((n, seconds, n / seconds, mb, mb / first_mb))
        print(table(["pages", "seconds", "pages/s", "peak RSS MB", f"vs {sizes[0]} pages"], rows))
        print("   target: flat (within 15 % of the smallest corpus)")
    if "4" in args.sections:
        print("\n4. extraction with worker processes (speed-up against 1 worker)")
        print(table(["workers", "documents", "work units", "seconds", "speed-up"], workers_speedup(REAL)))


if __name__ == "__main__":
    main()
