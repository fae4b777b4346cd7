"""The ``ingest_runs`` table: one row per run, opened at its start and closed at its end."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import duckdb

from ckextract import PARSER_VERSION, __version__
from ckextract.records import IngestSummary


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def start_run(con: duckdb.DuckDBPyConnection, load_id: str, engine: str) -> None:
    con.execute(
        "INSERT INTO ingest_runs (load_id, started_at, status, code_version, parser_version, engine) "
        "VALUES (?, ?, 'running', ?, ?, ?)",
        [load_id, _now(), __version__, PARSER_VERSION, engine],
    )


def finish_run(
    con: duckdb.DuckDBPyConnection, load_id: str, summary: IngestSummary, input_hashes: Sequence[str]
) -> None:
    loaded = len(summary.loaded) + len(summary.no_layout)
    status = "ok" if summary.ok else "partial"
    con.execute(
        "UPDATE ingest_runs SET finished_at = ?, status = ?, documents_seen = ?, loaded = ?, skipped = ?, "
        "rejected = ?, quarantined = ?, input_hashes = ? WHERE load_id = ?",
        [
            _now(),
            status,
            len(input_hashes),
            loaded,
            len(summary.skipped),
            len(summary.rejected),
            len(summary.quarantined),
            list(input_hashes),
            load_id,
        ],
    )


def fail_run(con: duckdb.DuckDBPyConnection, load_id: str) -> None:
    con.execute(
        "UPDATE ingest_runs SET finished_at = ?, status = 'failed' WHERE load_id = ?", [_now(), load_id]
    )
