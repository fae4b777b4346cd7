"""The warehouse: migrations, idempotent loads, one transaction per document, the lock."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest

from ckextract.errors import WarehouseLockedError
from ckextract.pipeline import ingest
from ckextract.warehouse import connect, load, migrate
from ckextract.warehouse.db import migrations
from tests.conftest import DECK, FIXTURES, hold_lock, records_of

COUNTS = (
    "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM networks), "
    "(SELECT count(*) FROM memberships), (SELECT count(*) FROM raw_cells), (SELECT count(*) FROM repairs)"
)


def test_migrations_apply_once() -> None:
    con = connect(":memory:")
    assert migrate(con) == []
    versions = [v for v, _, _ in migrations()]
    assert con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall() == [
        (v,) for v in versions
    ]
    assert con.execute("SELECT program_id FROM programs ORDER BY 1").fetchall() == [
        ("chihou_daigaku",),
        ("coi",),
        ("kyoso_no_ba",),
        ("mic_survey",),
    ]


def test_reingest_adds_no_duplicates(db_path: Path) -> None:
    ingest([DECK], db_path)
    first = duckdb.connect(str(db_path)).execute(COUNTS).fetchall()
    ingest([DECK], db_path)
    con = duckdb.connect(str(db_path))
    assert con.execute(COUNTS).fetchall() == first == [(1, 8, 86, 43, 1)]


def test_failed_load_rolls_back_and_keeps_previous_rows(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = connect(db_path)
    load.load_document(con, records_of(DECK))
    before = con.execute(COUNTS).fetchall()
    real_insert = load.insert_frame

    def failing(con_: duckdb.DuckDBPyConnection, table: str, df):  # type: ignore[no-untyped-def]
        if table == "memberships_history":
            raise RuntimeError("disk full")
        real_insert(con_, table, df)

    monkeypatch.setattr(load, "insert_frame", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        load.load_document(con, records_of(DECK))
    assert con.execute(COUNTS).fetchall() == before


def test_raw_cells_keep_every_table_with_provenance(db_path: Path) -> None:
    ingest([FIXTURES / "network_table" / "ruled_split_pages.pdf"], db_path)
    con = duckdb.connect(str(db_path))
    pages = con.execute("SELECT DISTINCT page_number FROM raw_cells ORDER BY 1").fetchall()
    assert pages == [(1,), (2,), (3,)]
    assert con.execute("SELECT pages FROM extracted_tables").fetchall() == [([1, 2, 3],)]
    row = con.execute(
        "SELECT text, x0 < x1, top < bottom FROM raw_cells WHERE row_index = 3 AND col_index = 0"
    ).fetchall()
    assert row == [("徳島県", True, True)]


def test_network_members_view(db_path: Path) -> None:
    ingest([DECK], db_path)
    con = duckdb.connect(str(db_path))
    rows = con.execute(
        "SELECT org_name, role FROM v_network_members WHERE region_name = '広島県' AND role IS NOT NULL ORDER BY position"
    ).fetchall()
    assert rows == [
        ("マツダ株式会社", "代表取締役会長"),
        ("株式会社広島銀行", "代表取締役頭取"),
        ("広島県商工会議所連合会", "会頭"),
    ]


def test_second_writer_gets_a_clear_error(db_path: Path) -> None:
    connect(db_path).close()
    with hold_lock(db_path, 30), pytest.raises(WarehouseLockedError) as info:
        connect(db_path)
    assert str(info.value) == (
        f"{db_path}: the warehouse is in use by another process (DuckDB allows one writer); "
        "try again when it has finished"
    )
    time.sleep(0.1)
    connect(db_path).close()
