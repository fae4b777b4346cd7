"""Ctrl-C and SIGTERM on a real ``ckextract ingest`` process (issue 15, 4): the first stops
new work and ends the run ``interrupted`` with exit 130, a second ends it at once; the
terminal's Ctrl-C never reaches Prefect's temporary server, which ckextract stops itself.

Signals arrive at named points of the run through the test hook ``CKEXTRACT_SIGNAL_AT``
(ckextract.crash), or, for the server, to the whole process group as a terminal sends them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pytest

from ckextract.crash import SIGNAL_ENV
from tests.conftest import DECK, FIXTURES, ROOT

SECOND = FIXTURES / "network_table" / "ruled_extra_regions.pdf"
THIRD = DECK.parent / "kyoso_no_ba_saitaku_ichiran.pdf"
EXIT_INTERRUPTED = 130
GIVE_UP_SECONDS = 180
"""A bound on a stuck process (the test fails instead of hanging), not a measure of speed."""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "in"
    out.mkdir()
    for pdf in (DECK, SECOND, THIRD):
        shutil.copy(pdf, out)
    return out


def ingest(folder: Path, db: Path, signal_at: str, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "ckextract.cli", "ingest", str(folder), "--db", str(db), "--no-validate"]
    env = {**os.environ, SIGNAL_ENV: signal_at}
    return subprocess.run(
        [*cmd, "--batch-size", "1", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=GIVE_UP_SECONDS,
    )


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_first_signal_finishes_the_document_and_ends_the_run_interrupted(
    folder: Path, tmp_path: Path, name: str
) -> None:
    db = tmp_path / "w.duckdb"
    done = ingest(folder, db, f"load:inserted:{name}", "--engine", "local")
    assert done.returncode == EXIT_INTERRUPTED
    (load_id,) = query(db, "SELECT load_id FROM ingest_runs WHERE status = 'interrupted'")[0]
    assert done.stderr.splitlines() == [
        "",
        f"{name}: stopping after the current document (again to stop at once)",
        f"Error: interrupted by {name}: run {load_id} is marked interrupted; documents loaded before it stay",
    ]
    assert query(db, "SELECT count(*) FROM documents") == [(1,)]  # the document in its load: committed


def test_a_second_signal_ends_at_once_rolling_back_the_load(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    done = ingest(folder, db, "load:inserted:SIGINT,SIGINT", "--engine", "local")
    assert done.returncode == EXIT_INTERRUPTED
    assert done.stderr.splitlines()[-1] == "Error: interrupted"
    assert "Traceback" not in done.stderr
    assert query(db, "SELECT count(*) FROM documents") == [(0,)]
    assert query(db, "SELECT status FROM ingest_runs") == [("interrupted",)]


def test_the_next_run_loads_what_an_interrupted_run_did_not(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert ingest(folder, db, "loaded:SIGINT", "--engine", "local").returncode == EXIT_INTERRUPTED
    assert ingest(folder, db, "", "--engine", "local", "-q").returncode == 0
    assert query(db, "SELECT count(*) FROM documents") == [(3,)]
    assert query(db, "SELECT status FROM ingest_runs ORDER BY started_at") == [
        ("interrupted",),
        ("ok",),
    ]


def _server_of(process: psutil.Process) -> psutil.Process | None:
    for child in process.children(recursive=True):
        try:
            if "uvicorn" in " ".join(child.cmdline()):
                return child
        except psutil.Error:
            continue
    return None


def test_ctrl_c_reaches_ckextract_not_prefects_server(folder: Path, tmp_path: Path) -> None:
    """The terminal sends Ctrl-C to its whole foreground process group: here a session of
    its own, as a terminal's job is. The server is stopped by ckextract, not by the signal."""
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    script = Path(sys.executable).parent / "ckextract"
    cli = subprocess.Popen(
        [str(script), "ingest", str(folder), "--db", str(tmp_path / "w.duckdb"), "--no-validate"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    server = None
    give_up = time.monotonic() + GIVE_UP_SECONDS
    while server is None and cli.poll() is None and time.monotonic() < give_up:
        server = _server_of(psutil.Process(cli.pid))
        time.sleep(0.1)
    assert server is not None, "the temporary server started"
    os.killpg(cli.pid, signal.SIGINT)
    _, stderr = cli.communicate(timeout=GIVE_UP_SECONDS)
    assert cli.returncode == EXIT_INTERRUPTED, stderr
    assert "Traceback" not in stderr
    assert stderr.splitlines()[-1].startswith("Error: interrupted by SIGINT: ")
    assert not server.is_running()


def test_a_run_stopped_before_its_derived_tables_is_repaired_by_a_plain_rerun(
    folder: Path, tmp_path: Path
) -> None:
    from tests.test_crash import state

    clean = tmp_path / "clean.duckdb"
    assert ingest(folder, clean, "", "--engine", "local", "-q").returncode == 0
    db = tmp_path / "w.duckdb"
    assert ingest(folder, db, "report:SIGINT,SIGINT", "--engine", "local").returncode == EXIT_INTERRUPTED
    assert state(db) != state(clean)  # every document loaded; organizations, links, changes not built
    assert ingest(folder, db, "", "--engine", "local", "-q").returncode == 0  # nothing to parse
    assert state(db) == state(clean)
