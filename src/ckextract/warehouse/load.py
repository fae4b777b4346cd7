"""Loading one document's records: delete-then-insert (SQL only: :meth:`Warehouse.load`
runs it in one ``atomic()`` block).

Re-loading the same document (same sha256) replaces its rows, so re-ingestion
never duplicates; a failure rolls back and leaves what was loaded before.
Records go to the history tables (``networks_history``, …); the current-state
views (``networks``, …) show the latest edition of each series. Derived tables
(links, registry, change log) are refreshed once per run: ``warehouse.derived``.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from ckextract import PARSER_VERSION
from ckextract.clock import utc_now as _now
from ckextract.crash import crash_point
from ckextract.dataframes import records_frame
from ckextract.records import Adoption, DocumentRecords, ListRow, Membership, Network, Rejection, Repair
from ckextract.warehouse.db import insert_frame

DOCUMENT_TABLES = (
    "ocr_pages",
    "skipped_pages",
    "list_rows",
    "repairs",
    "memberships_history",
    "adoptions_history",
    "networks_history",
    "raw_cells",
    "extracted_tables",
    "documents",
)
QUARANTINE_TABLES = (
    "quarantine_list_rows",
    "quarantine_networks",
    "quarantine_memberships",
    "quarantine_adoptions",
    "quarantined_documents",
)


def frames(records: DocumentRecords, load_id: str | None = None) -> dict[str, pd.DataFrame]:
    """The document's rows, one DataFrame per warehouse table (keys: record table names)."""
    ex = records.extraction
    doc = ex.document
    documents = pd.DataFrame(
        [
            {
                "document_id": doc.document_id,
                "file_name": doc.file_name,
                "path": str(doc.path),
                "title": doc.title,
                "publisher": doc.publisher,
                "published_on": doc.published_on,
                "is_reconstruction": doc.is_reconstruction,
                "size_bytes": doc.size_bytes,
                "page_count": ex.page_count,
                "table_count": len(ex.tables),
                "layouts": ",".join(records.layouts) or None,
                "parser_version": PARSER_VERSION,
                "ingested_at": _now(),
                "series_id": doc.series,
                "edition": doc.edition,
                "source_url": doc.source_url,
            }
        ]
    )
    tables = pd.DataFrame(
        [
            {
                "document_id": doc.document_id,
                "table_id": t.table_id,
                "pages": list(t.pages),
                "n_rows": t.n_rows,
                "n_cols": t.n_cols,
                "x0": t.bbox[0],
                "top": t.bbox[1],
                "x1": t.bbox[2],
                "bottom": t.bbox[3],
                "found_by": t.found_by,
                "confidence": t.confidence,
            }
            for t in ex.tables
        ]
    )
    cells = pd.DataFrame(
        [
            {
                "document_id": doc.document_id,
                "table_id": t.table_id,
                "page_number": c.page_number,
                "row_index": c.row,
                "col_index": c.col,
                "row_span": c.row_span,
                "col_span": c.col_span,
                "text": c.text,
                "x0": c.bbox[0],
                "top": c.bbox[1],
                "x1": c.bbox[2],
                "bottom": c.bbox[3],
                "ocr_confidence": c.ocr_confidence,
            }
            for t in ex.tables
            for c in t.cells
        ]
    )
    ocr_pages = pd.DataFrame(
        [
            {
                "document_id": doc.document_id,
                "page_number": p.page_number,
                "seconds": p.seconds,
                "glyphs": p.glyphs,
                "mean_confidence": p.mean_confidence,
                "skew_degrees": p.skew_degrees,
            }
            for p in ex.ocr_pages
        ],
        columns=["document_id", "page_number", "seconds", "glyphs", "mean_confidence", "skew_degrees"],
    )
    skipped = pd.DataFrame(
        [
            {"document_id": doc.document_id, "page_number": page, "code": code, "reason": reason}
            for page, code, reason in ex.skipped_pages
        ],
        columns=["document_id", "page_number", "code", "reason"],
    )
    out = {
        "documents": documents,
        "skipped_pages": skipped,
        "ocr_pages": ocr_pages,
        "extracted_tables": tables,
        "raw_cells": cells,
        "networks": records_frame(records.networks, Network),
        "memberships": records_frame(records.memberships, Membership),
        "adoptions": records_frame(records.adoptions, Adoption),
        "repairs": records_frame(records.repairs, Repair),
        "list_rows": records_frame(records.list_rows, ListRow),
    }
    for df in out.values():
        df["load_id"] = load_id
    return out


def load_document(
    con: duckdb.DuckDBPyConnection, records: DocumentRecords, load_id: str | None = None
) -> None:
    """Replace the document's rows with ``records`` (inside the caller's transaction)."""
    doc_id = records.document.document_id
    data = frames(records, load_id)
    seen = con.execute("SELECT first_seen_at FROM documents WHERE document_id = ?", [doc_id]).fetchall()
    data["documents"]["first_seen_at"] = seen[0][0] if seen and seen[0][0] else _now()
    for table in DOCUMENT_TABLES:
        con.execute(f"DELETE FROM {table} WHERE document_id = ?", [doc_id])
    con.execute("DELETE FROM rejected_documents WHERE document_id = ?", [doc_id])
    for table in QUARANTINE_TABLES:
        con.execute(f"DELETE FROM {table} WHERE document_id = ?", [doc_id])
    for table in reversed(DOCUMENT_TABLES):
        insert_frame(con, table, data[_record_table(table)])
    crash_point("load:inserted")


def _record_table(table: str) -> str:
    return table.removesuffix("_history")


def quarantine_document(
    con: duckdb.DuckDBPyConnection,
    records: DocumentRecords,
    run_id: str,
    failed: list[str],
    load_id: str | None = None,
) -> None:
    """Put a document's records aside, naming the failed checks; curated tables are untouched."""
    doc = records.document
    data = frames(records, load_id)
    reasons = ",".join(failed)
    for table in QUARANTINE_TABLES:
        con.execute(f"DELETE FROM {table} WHERE document_id = ?", [doc.document_id])
    for table in ("networks", "memberships", "adoptions", "list_rows"):
        df = data[table].copy()
        df["run_id"] = run_id
        df["failed_expectations"] = reasons
        insert_frame(con, f"quarantine_{table}", df)
    con.execute(
        "INSERT INTO quarantined_documents "
        "(document_id, file_name, path, run_id, failed_expectations, quarantined_at, parser_version, load_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [doc.document_id, doc.file_name, str(doc.path), run_id, reasons, _now(), PARSER_VERSION, load_id],
    )


def record_rejection(
    con: duckdb.DuckDBPyConnection, rejection: Rejection, load_id: str | None = None
) -> None:
    """Note a file that could not be read (its previous good rows, if any, stay)."""
    doc = rejection.document
    con.execute(
        "INSERT OR REPLACE INTO rejected_documents "
        "(document_id, file_name, path, error_code, reason, rejected_at, parser_version, load_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            doc.document_id,
            doc.file_name,
            str(doc.path),
            rejection.error_code,
            rejection.reason,
            _now(),
            PARSER_VERSION,
            load_id,
        ],
    )
