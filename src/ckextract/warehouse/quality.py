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


def record_run(con: duckdb.DuckDBPyConnection, report: GateReport, file_names: Mapping[str, str]) -> None:
    """Store a gate run and every (document, check) result, in one transaction."""
    docs = sorted({r.document_id for r in report.results})
    quarantined = [d for d in docs if report.failed(d, "critical")]
    warned = [d for d in docs if d not in quarantined and report.failed(d, "warning")]
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

    def naive(ts: Any) -> Any:
        return ts.replace(tzinfo=None) if ts is not None else None

    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            "INSERT OR REPLACE INTO dq_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                report.run_id,
                naive(report.started_at),
                naive(report.finished_at),
                len(docs),
                len(docs) - len(quarantined) - len(warned),
                len(warned),
                len(quarantined),
                report.data_docs,
            ],
        )
        con.execute("DELETE FROM dq_results WHERE run_id = ?", [report.run_id])
        insert_frame(con, "dq_results", rows)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


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
