"""The stages chained: discover → extract → normalize → validate → load, without Prefect.

``flows/ingest.py`` orchestrates the same functions as Prefect tasks; tests and
library users may call :func:`ingest` directly. :func:`apply` is the last step
both share: validate a run's documents, then load, quarantine or record each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ckextract.discover import discover
from ckextract.errors import DocumentError
from ckextract.extract import extract_document
from ckextract.normalize import normalize
from ckextract.records import DocumentRecords, IngestSummary, Quarantine, Rejection, SourceDocument
from ckextract.settings import ExtractSettings
from ckextract.warehouse import connect, load_document, record_rejection
from ckextract.warehouse.load import quarantine_document
from ckextract.warehouse.quality import record_run

if TYPE_CHECKING:
    from ckextract.validate.gate import GateReport

ProgressFn = Callable[[SourceDocument], None]
Result = DocumentRecords | Rejection


def process_document(doc: SourceDocument, settings: ExtractSettings | None = None) -> Result:
    """Extract and normalize one document; a bad file becomes a :class:`Rejection`."""
    try:
        extraction = extract_document(doc, settings)
    except DocumentError as exc:
        return Rejection(doc, exc.code, exc.reason)
    return normalize(extraction)


def validate(results: Sequence[Result], gx_root: Path) -> GateReport:
    """The data-quality gate over a run's readable documents (imports GX only here)."""
    from ckextract.validate.gate import run_gate

    return run_gate([r for r in results if isinstance(r, DocumentRecords)], gx_root)


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
) -> None:
    """Load, quarantine or record one document according to the gate's verdict."""
    if isinstance(result, Rejection):
        record_rejection(con, result)
        summary.rejected.append(result)
        return
    doc_id = result.document.document_id
    if report is not None and report.quarantined(doc_id):
        failed = report.failed(doc_id, "critical")
        quarantine_document(con, result, report.run_id, failed)
        summary.quarantined.append(Quarantine(result.document.file_name, tuple(failed)))
        return
    load_document(con, result)
    _count(summary, result)
    if report is not None:
        summary.dq_warnings += [f"{result.document.file_name}: {c}" for c in report.failed(doc_id, "warning")]


def finish(
    con: duckdb.DuckDBPyConnection,
    results: Sequence[Result],
    summary: IngestSummary,
    report: GateReport | None,
) -> None:
    """Apply every result, then store the gate run."""
    for result in results:
        apply(con, result, summary, report)
    if report is not None:
        names = {
            r.document.document_id: r.document.file_name for r in results if isinstance(r, DocumentRecords)
        }
        record_run(con, report, names)
        summary.dq_run_id = report.run_id
        summary.data_docs = report.data_docs


def ingest(
    paths: Iterable[Path],
    db_path: Path | str,
    settings: ExtractSettings | None = None,
    on_document: ProgressFn | None = None,
    *,
    validate_records: bool = True,
    gx_root: Path | None = None,
) -> IngestSummary:
    """Discover → extract → normalize → validate → load, serially, in this process."""
    docs = discover(paths)
    summary = IngestSummary(db_path=str(db_path))
    con = connect(db_path)
    try:
        results: list[Result] = []
        for doc in docs:
            if on_document:
                on_document(doc)
            results.append(process_document(doc, settings))
        root = gx_root or Path(db_path).resolve().parent
        report = validate(results, root) if validate_records else None
        finish(con, results, summary, report)
    finally:
        con.close()
    return summary
