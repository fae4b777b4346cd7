"""The data dictionary, generated from the live schema's comments.

    python -m ckextract.warehouse.dictionary > docs/data-dictionary.md

``tests/test_dictionary.py`` fails when the committed file drifts from the schema.
"""

from __future__ import annotations

import re

import duckdb

from ckextract.warehouse.db import Warehouse

HEADER = """# Data dictionary

Generated from the warehouse schema (`src/ckextract/warehouse/migrations/`) by
`python -m ckextract.warehouse.dictionary`; do not edit by hand.
"""


def render(con: duckdb.DuckDBPyConnection) -> str:
    tables = con.execute(
        "SELECT table_name, 'table' AS kind, comment FROM duckdb_tables() WHERE schema_name = 'main' "
        "UNION ALL SELECT view_name, 'view', comment FROM duckdb_views() "
        "WHERE schema_name = 'main' AND NOT internal ORDER BY 2, 1"
    ).fetchall()
    out = [HEADER]
    for name, kind, comment in tables:
        out.append(f"\n## `{name}` ({kind})\n\n{comment or ''}\n")
        out.append("| column | type | null | description |\n| --- | --- | --- | --- |")
        cols = con.execute(
            "SELECT column_name, data_type, is_nullable, comment FROM duckdb_columns() "
            "WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index",
            [name],
        ).fetchall()
        for col, dtype, nullable, col_comment in cols:
            if not col_comment and name.startswith("quarantine_"):
                col_comment = f"As in `{name.removeprefix('quarantine_')}.{col}`."
            if not col_comment and kind == "view":
                col_comment = inherited(con, name, col)
            desc = (col_comment or "").replace("|", "\\|")
            out.append(f"| `{col}` | {dtype} | {'yes' if nullable else 'no'} | {desc} |")
    return "\n".join(out) + "\n"


SOURCE = re.compile(r"\b(?:FROM|JOIN)[\s(]+(?:main\.)?\"?([A-Za-z_][A-Za-z0-9_]*)", re.IGNORECASE)
"""Relations a view's SQL reads (``FROM x``, ``JOIN x``)."""


def sources(con: duckdb.DuckDBPyConnection, view: str) -> list[str]:
    """The tables and views a view reads, in the order its SQL names them."""
    rows = con.execute("SELECT sql FROM duckdb_views() WHERE view_name = ?", [view]).fetchall()
    return list(dict.fromkeys(SOURCE.findall(rows[0][0]))) if rows else []


def inherited(con: duckdb.DuckDBPyConnection, view: str, column: str, depth: int = 0) -> str | None:
    """A view column's description from the relation it is taken from: the first one the
    view reads that has a column of that name with a comment (through views, recursively)."""
    if depth > 5:
        return None
    for source in sources(con, view):
        if source == view:
            continue
        rows = con.execute(
            "SELECT comment FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? AND column_name = ?",
            [source, column],
        ).fetchall()
        if rows and rows[0][0]:
            return str(rows[0][0])
        if rows and (found := inherited(con, source, column, depth + 1)):
            return found
    return None


def fresh_schema() -> duckdb.DuckDBPyConnection:
    """A new warehouse in memory with every migration and the shipped list specs' views."""
    from ckextract.lists.spec import load_specs

    wh = Warehouse(":memory:")
    wh.sync_lists([s for s in load_specs() if s.source.startswith("ckextract/")])
    return wh.con


def main() -> None:
    print(render(fresh_schema()), end="")


if __name__ == "__main__":
    main()
