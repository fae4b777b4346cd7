"""The ``ingest_runs`` table: one row per run, opened at its start and closed at its end.

A run records its process (host, pid, process start time). A run still ``running``
whose process is gone — killed, crashed, the machine restarted — is marked
``interrupted`` by the next run, so no run stays ``running`` after its process.
(SQL only: the caller's :meth:`Warehouse.atomic` holds the transaction.)
"""

from __future__ import annotations

import os
import socket
from collections.abc import Sequence
from datetime import UTC, datetime

import duckdb

from ckextract import PARSER_VERSION, __version__
from ckextract.clock import utc_now
from ckextract.records import IngestSummary

START_TIME_SLACK_SECONDS = 2.0
"""A process that started this much later than the run it is said to run is another
process that reused the pid (process start times are rounded by the OS)."""
ERROR_MAX_CHARS = 500


def _process_started_at(pid: int) -> datetime | None:
    import psutil

    try:
        started = psutil.Process(pid).create_time()
    except (psutil.Error, OSError):
        return None
    return datetime.fromtimestamp(started, UTC).replace(tzinfo=None)


def start_run(con: duckdb.DuckDBPyConnection, load_id: str, engine: str, note: str | None = None) -> None:
    pid = os.getpid()
    con.execute(
        "INSERT INTO ingest_runs (load_id, started_at, status, code_version, parser_version, engine, "
        "pid, host, process_started_at, note) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)",
        [
            load_id,
            utc_now(),
            __version__,
            PARSER_VERSION,
            engine,
            pid,
            socket.gethostname(),
            _process_started_at(pid),
            note,
        ],
    )


def is_alive(pid: int | None, host: str | None, process_started_at: datetime | None) -> bool:
    """Whether the process that opened a run still runs it. A run of another host is
    assumed alive (we cannot look), as is one recorded without a pid (older warehouses)."""
    if pid is None or host != socket.gethostname():
        return True
    started = _process_started_at(pid)
    if started is None:
        return False
    if process_started_at is None:
        return True
    return abs((started - process_started_at).total_seconds()) <= START_TIME_SLACK_SECONDS


def mark_interrupted(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Mark ``running`` runs whose process is gone as ``interrupted``; their load ids."""
    rows = con.execute(
        "SELECT load_id, pid, host, process_started_at FROM ingest_runs WHERE status = 'running'"
    ).fetchall()
    dead = [load_id for load_id, pid, host, started in rows if not is_alive(pid, host, started)]
    for load_id in dead:
        con.execute(
            "UPDATE ingest_runs SET status = 'interrupted', "
            "error = coalesce(error, 'its process ended before the run finished (killed or crashed)') "
            "WHERE load_id = ?",
            [load_id],
        )
    return dead


def finish_run(
    con: duckdb.DuckDBPyConnection, load_id: str, summary: IngestSummary, input_hashes: Sequence[str]
) -> None:
    loaded = len(summary.loaded) + len(summary.no_layout)
    status = "ok" if summary.ok or summary.empty else "partial"  # empty: nothing went wrong here
    con.execute(
        "UPDATE ingest_runs SET finished_at = ?, status = ?, documents_seen = ?, loaded = ?, skipped = ?, "
        "rejected = ?, quarantined = ?, input_hashes = ?, note = coalesce(?, note), ocr_pages = ?, "
        "ocr_seconds = ? WHERE load_id = ?",
        [
            utc_now(),
            status,
            len(input_hashes),
            loaded,
            len(summary.skipped),
            len(summary.rejected),
            len(summary.quarantined),
            list(input_hashes),
            "; ".join(summary.notes) or None,
            summary.ocr_pages,
            round(summary.ocr_seconds, 2),
            load_id,
        ],
    )


def describe_error(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}"[:ERROR_MAX_CHARS] if text else type(error).__name__


def fail_run(
    con: duckdb.DuckDBPyConnection, load_id: str, error: BaseException, *, interrupted: bool = False
) -> None:
    """Close a run that did not finish: ``failed`` with its first error, or ``interrupted``.
    An error already recorded (the first one) is kept."""
    con.execute(
        "UPDATE ingest_runs SET finished_at = ?, status = ?, error = coalesce(error, ?) WHERE load_id = ?",
        [utc_now(), "interrupted" if interrupted else "failed", describe_error(error), load_id],
    )
