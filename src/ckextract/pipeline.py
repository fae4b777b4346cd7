"""The stages chained for one document, and a serial ingest without Prefect.

``flows/ingest.py`` orchestrates the same functions as Prefect tasks; tests and
library users may call :func:`ingest` directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import duckdb

from ckextract.discover import discover
from ckextract.errors import DocumentError
from ckextract.extract import extract_document
from ckextract.normalize import normalize
from ckextract.records import DocumentRecords, IngestSummary, Rejection, SourceDocument
from ckextract.settings import ExtractSettings
from ckextract.warehouse import connect, load_document, record_rejection

ProgressFn = Callable[[SourceDocument], None]


def process_document(
    doc: SourceDocument, settings: ExtractSettings | None = None
) -> DocumentRecords | Rejection:
    """Extract and normalize one document; a bad file becomes a :class:`Rejection`."""
    try:
        extraction = extract_document(doc, settings)
    except DocumentError as exc:
        return Rejection(doc, exc.code, exc.reason)
    return normalize(extraction)


def load_result(
    con: duckdb.DuckDBPyConnection, result: DocumentRecords | Rejection, summary: IngestSummary
) -> None:
    """Load (or record the rejection of) one document and count it in ``summary``."""
    if isinstance(result, Rejection):
        record_rejection(con, result)
        summary.rejected.append(result)
        return
    load_document(con, result)
    name = result.document.file_name
    (summary.loaded if result.layouts else summary.no_layout).append(name)
    summary.tables += len(result.extraction.tables)
    summary.networks += len(result.networks)
    summary.memberships += len(result.memberships)
    summary.adoptions += len(result.adoptions)
    summary.repairs += len(result.repairs)
    summary.warnings += list(result.warnings)


def ingest(
    paths: Iterable[Path],
    db_path: Path | str,
    settings: ExtractSettings | None = None,
    on_document: ProgressFn | None = None,
) -> IngestSummary:
    """Discover → extract → normalize → load, serially, in this process."""
    docs = discover(paths)
    summary = IngestSummary(db_path=str(db_path))
    con = connect(db_path)
    try:
        for doc in docs:
            if on_document:
                on_document(doc)
            load_result(con, process_document(doc, settings), summary)
    finally:
        con.close()
    return summary
