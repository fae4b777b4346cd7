"""The warehouse file: one :class:`Warehouse` object owns the DuckDB connection.

Like sqlite-utils' ``Database``: opening (with the writer lock and a bounded wait),
migrations, and :meth:`Warehouse.atomic`, the one place where a transaction is begun,
committed or rolled back. The operations the pipeline needs (load a document,
quarantine it, record the gate's results, refresh the derived tables, open and close
a run) are methods that each run in one ``atomic()`` block; the SQL they execute lives
in the modules named for what they write (``load``, ``quality``, ``derived``, ``runs``).
"""

from __future__ import annotations

import errno
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ckextract.clock import utc_now
from ckextract.errors import MigrationError, TransactionAbortedError, WarehouseError, WarehouseLockedError

if TYPE_CHECKING:
    import pandas as pd

    from ckextract.lists.spec import ListSpec
    from ckextract.records import DocumentRecords, IngestSummary, Rejection
    from ckextract.validate.gate import GateReport
    from ckextract.warehouse.known import KnownDocument

LOCK_POLL_SECONDS = 0.25
"""How often a blocked writer tries the lock again while it waits."""
MEMORY = ":memory:"


def _is_lock_error(exc: BaseException) -> bool:
    return "lock" in str(exc).lower()


WAREHOUSE_LABEL = "warehouse"
"""How a DuckDB error is introduced when the warehouse's path is not at hand."""


def describe_duckdb_error(exc: BaseException, action: str = "cannot open") -> str:
    """A one-line reason for a warehouse fault (an OSError or a DuckDB error): never a
    traceback. ``action`` introduces a fault without a name of its own."""
    text = str(exc)
    if isinstance(exc, OSError):
        if exc.errno == errno.EROFS:
            return "cannot write: read-only file system"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return "cannot write: disk full"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "cannot open: permission denied"
        if exc.errno in (errno.ENOTDIR, errno.EEXIST):
            return "cannot create: a file is in the way of its folder"
        return f"{action}: {exc.strerror or text}"
    lowered = text.lower()
    if "not a valid duckdb database" in lowered or "could not read enough bytes" in lowered:
        return "not a DuckDB warehouse (truncated or another kind of file?)"
    if "read-only file system" in lowered:
        return "cannot write: read-only file system"
    if "no space left" in lowered or "disk quota" in lowered:
        return "cannot write: disk full"
    if "permission denied" in lowered:
        return "cannot open: permission denied"
    if "version" in lowered and "storage" in lowered:
        return f"written by another DuckDB version ({text.splitlines()[0][:160]})"
    return f"{action}: {text.splitlines()[0][:200] if text else type(exc).__name__}"


def _io_error(path: str, exc: BaseException, action: str = "cannot open") -> WarehouseError:
    return WarehouseError(path, describe_duckdb_error(exc, action))


def open_connection(path: str, *, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to ``path``; while another process holds the file, retry for up
    to ``wait`` seconds, then :class:`WarehouseLockedError`. Other faults: :class:`WarehouseError`."""
    if path != MEMORY and not read_only:
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _io_error(path, exc) from exc
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if not _is_lock_error(exc):
                raise _io_error(path, exc) from exc
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(path) from exc
            time.sleep(LOCK_POLL_SECONDS)
        except OSError as exc:
            raise _io_error(path, exc) from exc


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped with the package, in order."""
    out = []
    for entry in resources.files("ckextract.warehouse.migrations").iterdir():
        name = entry.name
        if name.endswith(".sql"):
            out.append((int(name.split("_", 1)[0]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame) -> None:
    """Insert a DataFrame's rows into ``table`` by column name (nothing when it is empty)."""
    if df.empty:
        return
    con.register("_ck_frame", df)
    try:
        cols = ", ".join(f'"{c}"' for c in df.columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _ck_frame")
    finally:
        con.unregister("_ck_frame")


def sync_programs(con: duckdb.DuckDBPyConnection) -> None:
    """The ``programs`` reference table follows :data:`ckextract.programs.PROGRAMS`."""
    from ckextract.programs import PROGRAMS

    for p in PROGRAMS:
        con.execute(
            "INSERT OR REPLACE INTO programs VALUES (?, ?, ?)", [p.program_id, p.name_ja, p.ministry_ja]
        )


class Warehouse:
    """The warehouse file, open for writing (migrated on open) or for reading.

    ``with Warehouse(path) as wh:`` closes it at the end. Every write goes through
    :meth:`atomic`; a failure leaves the file as it was before the block.
    """

    def __init__(self, path: Path | str, *, read_only: bool = False, wait: float = 0.0) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.wait = wait
        self.con = open_connection(self.path, read_only=read_only, wait=wait)
        self._depth = 0
        self._failed_inside: BaseException | None = None
        if not read_only:
            try:
                self.migrate()
            except BaseException:
                self.con.close()
                raise

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: committed when the block ends, rolled back if it raises.

        DuckDB 2.0 has no SAVEPOINT, so a nested ``atomic()`` joins the outer transaction;
        if an error escapes the inner block, the outer transaction is rolled back even
        when the caller catches that error (commit raises :class:`TransactionAbortedError`):
        a nested block is never committed in part.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self.con
            except BaseException as exc:
                self._failed_inside = self._failed_inside or exc
                raise
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth, self._failed_inside = 1, None
        try:
            yield self.con
        except duckdb.IOException as exc:  # a full or read-only disk: say so, by the file's name
            self._rollback()
            raise _io_error(self.path, exc, "cannot write") from exc
        except BaseException:
            self._rollback()
            raise
        else:
            inner = self._failed_inside
            if inner is not None:
                self._rollback()
                raise TransactionAbortedError(self.path, inner) from inner
            try:
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self._rollback()
                raise _io_error(self.path, exc, "cannot commit") from exc
        finally:
            self._depth, self._failed_inside = 0, None

    def _rollback(self) -> None:
        """Roll back, keeping the error being raised: DuckDB may already have ended the
        transaction itself (a failed COMMIT, a fatal I/O error), which is not a new error."""
        with suppress(duckdb.Error):
            self.con.execute("ROLLBACK")

    # -- schema ----------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied (each in its own transaction); returns their names."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        done = {row[0] for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, name, sql in migrations():
            if version in done:
                continue
            try:
                with self.atomic() as con:
                    con.execute(sql)
                    con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, utc_now()])
            except duckdb.Error as exc:
                raise MigrationError(f"migration {name} failed: {exc}") from exc
            applied.append(name)
        with self.atomic() as con:
            sync_programs(con)
        return applied

    # -- what the pipeline needs -------------------------------------------------------------

    def sync_lists(self, specs: Sequence[ListSpec]) -> None:
        """Record the list specs and (re)make their typed views (one transaction)."""
        from ckextract.warehouse import lists

        with self.atomic() as con:
            lists.sync(con, specs)

    def known_documents(self) -> dict[str, KnownDocument]:
        from ckextract.warehouse.known import known_documents

        return known_documents(self.con)

    def start_run(self, load_id: str, engine: str, note: str | None = None) -> list[str]:
        """Open a run (status running); first mark runs whose process is gone as interrupted.
        Returns the load ids so marked."""
        from ckextract.warehouse import runs

        with self.atomic() as con:
            dead = runs.mark_interrupted(con)
            runs.start_run(con, load_id, engine, note)
        return dead

    def finish_run(self, load_id: str, summary: IngestSummary, input_hashes: Sequence[str]) -> None:
        from ckextract.warehouse import runs

        with self.atomic() as con:
            runs.finish_run(con, load_id, summary, input_hashes)

    def fail_run(self, load_id: str, error: BaseException, *, interrupted: bool = False) -> None:
        """Mark a run failed (or interrupted) with its first error, in a transaction of its own."""
        from ckextract.warehouse import runs

        with self.atomic() as con:
            runs.fail_run(con, load_id, error, interrupted=interrupted)

    def load(self, records: DocumentRecords, load_id: str | None = None) -> None:
        """Replace the document's rows with ``records`` (one transaction)."""
        from ckextract.warehouse import load

        with self.atomic() as con:
            load.load_document(con, records, load_id)

    def quarantine(
        self, records: DocumentRecords, run_id: str, failed: list[str], load_id: str | None = None
    ) -> None:
        from ckextract.warehouse import load

        with self.atomic() as con:
            load.quarantine_document(con, records, run_id, failed, load_id)

    def reject(self, rejection: Rejection, load_id: str | None = None) -> None:
        from ckextract.warehouse import load

        with self.atomic() as con:
            load.record_rejection(con, rejection, load_id)

    def record_gate(self, report: GateReport, file_names: dict[str, str]) -> None:
        """Add a batch's gate results to its run (the run's totals are kept up to date)."""
        from ckextract.warehouse import quality

        with self.atomic() as con:
            quality.record_results(con, report, file_names)

    def close_gate_run(self, run_id: str, started_at: Any, finished_at: Any, data_docs: str | None) -> None:
        """Write a gate run's totals and where its Data Docs are (after its last batch)."""
        from ckextract.warehouse import quality

        with self.atomic() as con:
            quality.close_run(con, run_id, started_at, finished_at, data_docs)

    def has_documents(self) -> bool:
        """Whether any document was ever loaded (current or earlier editions)."""
        return bool(self.con.execute("SELECT count(*) FROM documents").fetchall()[0][0])

    def stale_derived(self) -> list[str]:
        """Scopes of derived tables older than the data they are built from."""
        from ckextract.warehouse import derived

        return derived.stale_scopes(self.con)

    def refresh_derived(self, load_id: str | None = None) -> list[str]:
        """Rebuild every derived table set whose data changed since it was built (one
        transaction); returns the scopes rebuilt."""
        from ckextract.warehouse import derived

        with self.atomic() as con:
            return derived.refresh(con, load_id)

    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        """Rows of a read query, fetched whole (DuckDB results stream otherwise)."""
        return self.con.execute(sql, list(params or [])).fetchall()
