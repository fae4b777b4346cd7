"""Opening the warehouse and applying its versioned migrations."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb
import pandas as pd

from ckextract.errors import MigrationError, WarehouseLockedError
from ckextract.programs import PROGRAMS


def connect(db_path: Path | str, *, read_only: bool = False, wait: float = 0.0) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the warehouse.

    DuckDB allows one writer per file: while another process holds it, retry for up
    to ``wait`` seconds, then raise :class:`WarehouseLockedError` (never a traceback).
    """
    path = str(db_path)
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(db_path) from exc
            time.sleep(0.25)
    if not read_only:
        migrate(con)
    return con


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


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped with the package, in order."""
    out = []
    for entry in resources.files("ckextract.warehouse.migrations").iterdir():
        name = entry.name
        if name.endswith(".sql"):
            out.append((int(name.split("_", 1)[0]), name, entry.read_text(encoding="utf-8")))
    return sorted(out)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations not yet applied; returns their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, datetime.now(UTC)])
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise MigrationError(f"migration {name} failed: {exc}") from exc
        applied.append(name)
    sync_programs(con)
    return applied


def sync_programs(con: duckdb.DuckDBPyConnection) -> None:
    """The ``programs`` reference table follows :data:`ckextract.programs.PROGRAMS`."""
    for p in PROGRAMS:
        con.execute(
            "INSERT OR REPLACE INTO programs VALUES (?, ?, ?)", [p.program_id, p.name_ja, p.ministry_ja]
        )
