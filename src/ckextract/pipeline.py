"""The stages chained: discover → plan → extract → normalize → validate → load, without Prefect.

``flows/ingest.py`` orchestrates the same functions as Prefect tasks; tests and
library users may call :func:`ingest` directly. The warehouse is opened only to
plan (what is new) and to load at the end, so readers are not locked out while
PDFs are parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ckextract import PARSER_VERSION
from ckextract.discover import discover
from ckextract.errors import DocumentError
from ckextract.extract import PagesRead, assemble, count_pages, extract_document, page_chunks, read_pages
from ckextract.normalize import normalize
from ckextract.records import DocumentRecords, IngestSummary, Quarantine, Rejection, SourceDocument
from ckextract.settings import ExtractSettings
from ckextract.warehouse import connect, load_document, record_rejection
from ckextract.warehouse.history import recompute
from ckextract.warehouse.load import known_documents, quarantine_document
from ckextract.warehouse.orgs import rebuild as rebuild_orgs
from ckextract.warehouse.quality import record_run
from ckextract.warehouse.runs import fail_run, finish_run, start_run

if TYPE_CHECKING:
    from ckextract.validate.gate import GateReport

ProgressFn = Callable[[SourceDocument], None]
Result = DocumentRecords | Rejection


@dataclass(slots=True)
class Plan:
    """What a run will do: the documents to parse and the ones unchanged since an earlier run."""

    load_id: str
    todo: list[SourceDocument] = field(default_factory=list)
    unchanged: list[SourceDocument] = field(default_factory=list)
    input_hashes: list[str] = field(default_factory=list)


def new_load_id() -> str:
    from datetime import UTC, datetime
    from uuid import uuid4

    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid4().hex[:6]}"


def plan(
    con: duckdb.DuckDBPyConnection,
    docs: Sequence[SourceDocument],
    *,
    reprocess: bool = False,
    engine: str = "local",
) -> Plan:
    """Open a run and decide what to parse: bytes already handled by this parser version are skipped
    (the warehouse's own record is the cache: documents, rejected and quarantined by sha256)."""
    run = Plan(load_id=new_load_id(), input_hashes=[d.document_id for d in docs])
    start_run(con, run.load_id, engine)
    known = {} if reprocess else known_documents(con)
    seen: set[str] = set()
    for doc in docs:
        if known.get(doc.document_id) == PARSER_VERSION or doc.document_id in seen:
            run.unchanged.append(doc)
        else:
            run.todo.append(doc)
            seen.add(doc.document_id)
    return run


def process_document(doc: SourceDocument, settings: ExtractSettings | None = None) -> Result:
    """Extract and normalize one document; a bad file becomes a :class:`Rejection`."""
    try:
        extraction = extract_document(doc, settings)
    except DocumentError as exc:
        return Rejection(doc, exc.code, exc.reason)
    return normalize(extraction)


PAGE_CHUNK = 50
"""With worker processes, a document of more pages is read in chunks of this many pages."""


def read_unit(
    doc: SourceDocument, settings: ExtractSettings | None, pages: range | None
) -> PagesRead | Rejection:
    """One unit of parallel work: some pages of a document (a named error is a value)."""
    try:
        return read_pages(doc, settings, pages)
    except DocumentError as exc:
        return Rejection(doc, exc.code, exc.reason)


def work_units(
    docs: Sequence[SourceDocument], settings: ExtractSettings | None
) -> list[tuple[int, range | None]]:
    """(document index, page range) work units: large documents split into page chunks."""
    units: list[tuple[int, range | None]] = []
    for i, doc in enumerate(docs):
        try:
            pages = count_pages(doc, settings)
        except DocumentError:
            pages = 0  # the unit below reports the error
        chunks = page_chunks(pages, PAGE_CHUNK) if pages > PAGE_CHUNK else [None]
        units += [(i, chunk) for chunk in chunks]
    return units


def process_all(
    docs: Sequence[SourceDocument],
    settings: ExtractSettings | None = None,
    workers: int = 1,
    on_document: ProgressFn | None = None,
) -> Iterable[Result]:
    """:func:`process_document` over ``docs``, in order. With ``workers`` > 1, in worker
    processes (pdfplumber is pure Python: threads would not run in parallel), and the
    pages of a large document are read in parallel chunks, stitched back together here."""
    if workers <= 1:
        for doc in docs:
            if on_document:
                on_document(doc)
            yield process_document(doc, settings)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    units = work_units(docs, settings)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(read_unit, docs[i], settings, pages) for i, pages in units]
        for i, doc in enumerate(docs):
            parts = [f.result() for (j, _), f in zip(units, futures, strict=True) if j == i]
            if on_document:
                on_document(doc)
            yield combine(doc, parts, settings)


def combine(
    doc: SourceDocument, parts: Sequence[PagesRead | Rejection], settings: ExtractSettings | None = None
) -> Result:
    """A document's chunks, in page order, assembled and normalized (or its rejection)."""
    rejected = next((p for p in parts if isinstance(p, Rejection)), None)
    if rejected is not None:
        return rejected
    try:
        return normalize(assemble(doc, [p for p in parts if isinstance(p, PagesRead)], settings))
    except DocumentError as exc:
        return Rejection(doc, exc.code, exc.reason)


def validate(results: Sequence[Result], gx_root: Path, run_id: str | None = None) -> GateReport:
    """The data-quality gate over a run's readable documents (imports GX only here)."""
    from ckextract.validate.gate import run_gate

    return run_gate([r for r in results if isinstance(r, DocumentRecords)], gx_root, run_id=run_id)


def _count(summary: IngestSummary, records: DocumentRecords) -> None:
    (summary.loaded if records.layouts else summary.no_layout).append(records.document.file_name)
    summary.tables += len(records.extraction.tables)
    summary.networks += len(records.networks)
    summary.memberships += len(records.memberships)
    summary.adoptions += len(records.adoptions)
    summary.repairs += len(records.repairs)
    summary.warnings += list(records.warnings)


def apply(
    con: duckdb.DuckDBPyConnection,
    result: Result,
    summary: IngestSummary,
    report: GateReport | None,
    load_id: str | None = None,
) -> None:
    """Load, quarantine or record one document according to the gate's verdict."""
    if isinstance(result, Rejection):
        record_rejection(con, result, load_id)
        summary.rejected.append(result)
        return
    doc_id = result.document.document_id
    if report is not None and report.quarantined(doc_id):
        failed = report.failed(doc_id, "critical")
        quarantine_document(con, result, report.run_id, failed, load_id)
        summary.quarantined.append(Quarantine(result.document.file_name, tuple(failed)))
        return
    load_document(con, result, load_id)
    _count(summary, result)
    if report is not None:
        summary.dq_warnings += [f"{result.document.file_name}: {c}" for c in report.failed(doc_id, "warning")]


def finish(
    con: duckdb.DuckDBPyConnection,
    run: Plan,
    results: Sequence[Result],
    summary: IngestSummary,
    report: GateReport | None,
) -> None:
    """Apply every result, store the gate run, rebuild the change log of touched series, close the run."""
    summary.load_id = run.load_id
    summary.skipped = [d.file_name for d in run.unchanged]
    try:
        for result in results:
            apply(con, result, summary, report, run.load_id)
        if report is not None:
            names = {
                r.document.document_id: r.document.file_name
                for r in results
                if isinstance(r, DocumentRecords)
            }
            record_run(con, report, names)
            summary.dq_run_id = report.run_id
            summary.data_docs = report.data_docs
        touched = [r.document.series for r in results if isinstance(r, DocumentRecords)]
        con.execute("BEGIN TRANSACTION")
        recompute(con, touched)
        if touched:
            rebuild_orgs(con)
        con.execute("COMMIT")
        finish_run(con, run.load_id, summary, run.input_hashes)
    except BaseException:
        fail_run(con, run.load_id)
        raise


def ingest(
    paths: Iterable[Path],
    db_path: Path | str,
    settings: ExtractSettings | None = None,
    on_document: ProgressFn | None = None,
    *,
    validate_records: bool = True,
    gx_root: Path | None = None,
    reprocess: bool = False,
    wait: float = 0.0,
    fetch: bool = True,
    workers: int = 1,
) -> IngestSummary:
    """Fetch → discover → plan → extract → normalize → validate → load, serially, in this process."""
    paths = list(paths)
    summary = IngestSummary(db_path=str(db_path))
    if fetch:
        from ckextract.fetch import fetch_sources

        for folder in (p for p in paths if p.is_dir()):
            summary.fetch_failures += [f.message for f in fetch_sources(folder).failed]
    docs = discover(paths)
    with connect(db_path, wait=wait) as con:
        run = plan(con, docs, reprocess=reprocess)
    results = list(process_all(run.todo, settings, workers, on_document))
    root = gx_root or Path(db_path).resolve().parent
    report = validate(results, root, run.load_id) if validate_records and results else None
    with connect(db_path, wait=max(wait, 60.0)) as con:
        finish(con, run, results, summary, report)
    return summary
