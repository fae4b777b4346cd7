"""kill -9 at every stage boundary and inside a load, then a plain re-run: the warehouse is
whole (no half document), equal to a clean run, and nothing loaded before is lost.

The kill is the test hook ``CKEXTRACT_CRASH_AT`` (ckextract.crash): SIGKILL at a named
point, no cleanup, as ``kill -9`` or a power cut would.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ckextract.crash import CRASH_ENV, POINTS
from ckextract.pipeline import ingest
from tests.conftest import DECK, FIXTURES, ROOT

SECOND = FIXTURES / "network_table" / "ruled_extra_regions.pdf"
THIRD = DECK.parent / "kyoso_no_ba_saitaku_ichiran.pdf"
PER_DOCUMENT = (
    "SELECT file_name, (SELECT count(*) FROM networks_history n WHERE n.document_id = d.document_id), "
    "(SELECT count(*) FROM memberships_history m WHERE m.document_id = d.document_id), "
    "(SELECT count(*) FROM adoptions_history a WHERE a.document_id = d.document_id), "
    "(SELECT count(*) FROM raw_cells c WHERE c.document_id = d.document_id) FROM documents d ORDER BY 1"
)
STATE = (
    "SELECT (SELECT list(file_name ORDER BY file_name) FROM documents), (SELECT count(*) FROM networks), "
    "(SELECT count(*) FROM memberships), (SELECT count(*) FROM adoptions), (SELECT count(*) FROM raw_cells), "
    "(SELECT count(*) FROM membership_orgs), (SELECT count(*) FROM organizations), "
    "(SELECT count(*) FROM adoption_network_links), (SELECT count(*) FROM changes)"
)


def state(db: Path, sql: str = STATE) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def ingest_in_child(folder: Path, db: Path, crash_at: str | None) -> int:
    env = {**os.environ, CRASH_ENV: crash_at or ""}
    cmd = [sys.executable, "-m", "ckextract.cli", "ingest", str(folder), "--db", str(db), "--engine", "local"]
    cmd += ["--batch-size", "1", "--no-validate", "-q"]
    return subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True).returncode


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Any], list[Any]]:
    """The warehouse a clean run of all three documents gives: whole, and per document."""
    folder = tmp_path_factory.mktemp("clean")
    for pdf in (DECK, SECOND, THIRD):
        shutil.copy(pdf, folder)
    db = folder / "w.duckdb"
    ingest([folder], db, validate_records=False)
    return state(db), state(db, PER_DOCUMENT)


@pytest.mark.parametrize("point", POINTS)
def test_kill_9_then_rerun_gives_the_clean_warehouse(
    point: str, tmp_path: Path, clean: tuple[Any, Any]
) -> None:
    whole, per_document = clean
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DECK, folder)
    db = tmp_path / "w.duckdb"
    ingest([folder], db, validate_records=False)
    for pdf in (SECOND, THIRD):
        shutil.copy(pdf, folder)
    assert ingest_in_child(folder, db, point) == -signal.SIGKILL
    after_crash = state(db, PER_DOCUMENT)
    assert DECK.name in [row[0] for row in after_crash]  # loaded before: not lost
    assert set(after_crash) <= set(per_document)  # every document whole, or not there
    assert ingest_in_child(folder, db, None) == 0
    assert state(db) == whole
    with duckdb.connect(str(db), read_only=True) as con:
        runs = con.execute("SELECT status FROM ingest_runs ORDER BY started_at").fetchall()
    assert runs == [("ok",), ("interrupted",), ("ok",)]
