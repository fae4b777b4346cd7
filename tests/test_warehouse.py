"""The warehouse: migrations, idempotent loads, one transaction per document, the lock."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest

from ckextract.errors import WarehouseLockedError
from ckextract.pipeline import ingest
from ckextract.warehouse import Warehouse, load
from ckextract.warehouse.db import migrations
from tests.conftest import DECK, FIXTURES, hold_lock, records_of

COUNTS = (
    "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM networks), "
    "(SELECT count(*) FROM memberships), (SELECT count(*) FROM raw_cells), (SELECT count(*) FROM repairs)"
)


def test_migrations_apply_once() -> None:
    wh = Warehouse(":memory:")
    con = wh.con
    assert wh.migrate() == []
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
    wh = Warehouse(db_path)
    con = wh.con
    wh.load(records_of(DECK))
    before = con.execute(COUNTS).fetchall()
    real_insert = load.insert_frame

    def failing(con_: duckdb.DuckDBPyConnection, table: str, df):  # type: ignore[no-untyped-def]
        if table == "memberships_history":
            raise RuntimeError("disk full")
        real_insert(con_, table, df)

    monkeypatch.setattr(load, "insert_frame", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        wh.load(records_of(DECK))
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
    Warehouse(db_path).close()
    with hold_lock(db_path, 30), pytest.raises(WarehouseLockedError) as info:
        Warehouse(db_path)
    assert str(info.value) == (
        f"{db_path}: the warehouse is in use by another process (DuckDB allows one writer, and an "
        "open reader blocks writers too: close other connections, or read a copy); "
        "try again when it has finished"
    )
    time.sleep(0.1)
    Warehouse(db_path).close()


def test_atomic_commits_a_block_and_rolls_back_a_failing_one() -> None:
    wh = Warehouse(":memory:")
    with wh.atomic() as con:
        con.execute("CREATE TABLE t (a INTEGER)")
    with pytest.raises(ValueError), wh.atomic() as con:
        con.execute("INSERT INTO t VALUES (1)")
        raise ValueError("boom")
    assert wh.query("SELECT count(*) FROM t") == [(0,)]


def test_a_failed_nested_block_rolls_back_the_whole_transaction_even_if_caught() -> None:
    """DuckDB has no SAVEPOINT: an inner block never commits in part."""
    from ckextract.errors import TransactionAbortedError

    wh = Warehouse(":memory:")
    with wh.atomic() as con:
        con.execute("CREATE TABLE t (a INTEGER)")
    with pytest.raises(TransactionAbortedError), wh.atomic() as con:
        con.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ValueError), wh.atomic():
            raise ValueError("inner")
    assert wh.query("SELECT count(*) FROM t") == [(0,)]


def test_a_failed_run_is_marked_failed_with_its_first_error(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ckextract.warehouse import derived

    def broken(con: duckdb.DuckDBPyConnection, load_id: str | None = None) -> list[str]:
        raise RuntimeError("refresh failed")

    monkeypatch.setattr(derived, "refresh", broken)
    with pytest.raises(RuntimeError, match="refresh failed"):
        ingest([DECK], db_path, validate_records=False)
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT status, error FROM ingest_runs").fetchall() == [
        ("failed", "RuntimeError: refresh failed")
    ]
    assert con.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]  # loaded before it stays


def test_a_run_whose_process_is_gone_is_marked_interrupted_by_the_next(db_path: Path) -> None:
    import subprocess
    import sys

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    wh = Warehouse(db_path)
    wh.start_run("old-run", "serial")
    wh.con.execute("UPDATE ingest_runs SET pid = ? WHERE load_id = 'old-run'", [int(dead.stdout)])
    wh.close()
    summary = ingest([DECK], db_path, validate_records=False)
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT load_id, status FROM ingest_runs ORDER BY started_at").fetchall() == [
        ("old-run", "interrupted"),
        (summary.load_id, "ok"),
    ]
