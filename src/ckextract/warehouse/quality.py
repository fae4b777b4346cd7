"""Writing and reading data-quality runs (``dq_runs``, ``dq_results``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from ckextract.warehouse.db import insert_frame

if TYPE_CHECKING:
    from ckextract.validate.gate import GateReport


def record_results(con: duckdb.DuckDBPyConnection, report: GateReport, file_names: Mapping[str, str]) -> None:
    """Add a batch's (document, check) results to its gate run and bring the run's totals
    up to date (a run validated in several batches reads as one run)."""
    rows = pd.DataFrame(
        [
            {
                "run_id": report.run_id,
                "document_id": r.document_id,
                "file_name": file_names.get(r.document_id, ""),
                "table_name": r.table,
                "expectation": r.check,
                "severity": r.severity,
                "success": r.success,
                "unexpected_count": r.unexpected_count,
                "unexpected_sample": json.dumps(r.sample, ensure_ascii=False, default=str),
                "details": json.dumps(r.details, ensure_ascii=False, default=str),
            }
            for r in report.results
        ]
    )
    docs = sorted({r.document_id for r in report.results})
    if docs:
        con.execute(
            "DELETE FROM dq_results WHERE run_id = ? AND document_id IN (SELECT unnest(?))",
            [report.run_id, docs],
        )
    insert_frame(con, "dq_results", rows)
    close_run(con, report.run_id, _naive(report.started_at), _naive(report.finished_at), report.data_docs)


def _naive(ts: Any) -> Any:
    return ts.replace(tzinfo=None) if ts is not None else None


def close_run(
    con: duckdb.DuckDBPyConnection, run_id: str, started_at: Any, finished_at: Any, data_docs: str | None
) -> None:
    """Write the run's row from its results: documents passed, with warnings, quarantined."""
    counts = con.execute(
        "WITH per_doc AS (SELECT document_id, "
        "bool_or(NOT success AND severity = 'critical') AS critical, "
        "bool_or(NOT success AND severity = 'warning') AS warned "
        "FROM dq_results WHERE run_id = ? GROUP BY document_id) "
        "SELECT count(*), count(*) FILTER (WHERE NOT critical AND NOT warned), "
        "count(*) FILTER (WHERE NOT critical AND warned), count(*) FILTER (WHERE critical) FROM per_doc",
        [run_id],
    ).fetchall()[0]
    previous = con.execute("SELECT started_at, data_docs FROM dq_runs WHERE run_id = ?", [run_id]).fetchall()
    if previous:
        started_at = min(x for x in (previous[0][0], started_at) if x is not None)
        data_docs = data_docs or previous[0][1]
    con.execute(
        "INSERT OR REPLACE INTO dq_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, started_at, finished_at, *counts, data_docs],
    )


def latest_run_id(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT run_id FROM dq_runs ORDER BY started_at DESC, run_id DESC LIMIT 1").fetchall()
    return row[0][0] if row else None


def run_summary(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any] | None:
    """A run's totals and, per document, its failed checks by severity."""
    run = con.execute("SELECT * FROM dq_runs WHERE run_id = ?", [run_id]).df()
    if run.empty:
        return None
    head = run.iloc[0]
    results = con.execute(
        "SELECT file_name, document_id, severity, expectation, unexpected_count, unexpected_sample "
        "FROM dq_results WHERE run_id = ? AND NOT success ORDER BY file_name, severity, expectation",
        [run_id],
    ).fetchall()
    docs = con.execute(
        "SELECT DISTINCT file_name, document_id FROM dq_results WHERE run_id = ? ORDER BY 1", [run_id]
    ).fetchall()
    documents = []
    for file_name, doc_id in docs:
        failed = [r for r in results if r[1] == doc_id]
        critical = [
            {"expectation": r[3], "unexpected": r[4], "sample": json.loads(r[5] or "[]")}
            for r in failed
            if r[2] == "critical"
        ]
        warning = [
            {"expectation": r[3], "unexpected": r[4], "sample": json.loads(r[5] or "[]")}
            for r in failed
            if r[2] == "warning"
        ]
        status = "quarantined" if critical else ("warnings" if warning else "passed")
        documents.append(
            {
                "file": file_name,
                "document_id": doc_id,
                "status": status,
                "critical": critical,
                "warnings": warning,
            }
        )
    checks = con.execute(
        "SELECT count(DISTINCT expectation) FROM dq_results WHERE run_id = ?", [run_id]
    ).fetchall()
    return {
        "run_id": run_id,
        "started_at": str(head["started_at"]),
        "finished_at": str(head["finished_at"]),
        "documents": int(head["documents"]),
        "passed": int(head["passed"]),
        "with_warnings": int(head["with_warnings"]),
        "quarantined": int(head["quarantined"]),
        "checks": int(checks[0][0]),
        "data_docs": head["data_docs"],
        "per_document": documents,
    }
