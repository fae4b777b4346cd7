"""docs/data-dictionary.md is generated from the live schema and must not drift."""

from __future__ import annotations

from ckextract.warehouse import connect
from ckextract.warehouse.dictionary import render
from tests.conftest import ROOT


def test_every_column_is_documented() -> None:
    con = connect(":memory:")
    missing = con.execute(
        "SELECT table_name || '.' || column_name FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND (comment IS NULL OR comment = '') "
        "AND table_name NOT IN (SELECT view_name FROM duckdb_views())"
    ).fetchall()
    assert missing == []


def test_committed_dictionary_matches_the_schema() -> None:
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render(connect(":memory:")), (
        "docs/data-dictionary.md is stale: python -m ckextract.warehouse.dictionary > docs/data-dictionary.md"
    )
