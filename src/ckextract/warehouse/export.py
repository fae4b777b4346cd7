"""Export every table and view of the warehouse as Parquet files."""

from __future__ import annotations

from pathlib import Path

import duckdb


def relations(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
        "UNION SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]


def export_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> list[Path]:
    """One ``<name>.parquet`` per table and view; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in relations(con):
        path = folder / f"{name}.parquet"
        con.execute(f"COPY (SELECT * FROM \"{name}\") TO '{path.as_posix()}' (FORMAT parquet)")
        out.append(path)
    return out
