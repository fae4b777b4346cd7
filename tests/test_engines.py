"""One suite, run under every engine: every option means the same wherever the stages run.

Engines: serial (this process), process (a pool of 2), dask (the session's local
cluster), prefect (tasks on threads, the session's harness) and prefect-dask (Prefect
tasks on the Dask cluster, through prefect-dask).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ckextract.errors import InterruptedRun, WarehouseLockedError
from ckextract.executors import DaskExecutor, ProcessExecutor, SerialExecutor
from ckextract.pipeline import run
from ckextract.records import IngestSummary
from ckextract.settings import ExtractSettings, IngestOptions
from tests.conftest import DECK, FIXTURES, hold_lock

ENGINES = ["serial", "process", "dask", "prefect", "prefect-dask"]
EXTRA = FIXTURES / "network_table" / "ruled_extra_regions.pdf"
TRUNCATED = FIXTURES / "bad" / "truncated.pdf"
DROPPED_MEMBER = FIXTURES / "defects" / "dropped_member.pdf"
MEMBERS = (
    "SELECT network_id, region_name, program_id, name, list(sector || ':' || org_name ORDER BY position) "
    "FROM networks JOIN memberships USING (network_id) GROUP BY ALL ORDER BY ALL"
)


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Any:
    """``ingest(options, **run_kwargs)`` on one engine."""
    name: str = request.param
    address = request.getfixturevalue("dask_scheduler") if "dask" in name else None
    if name.startswith("prefect"):
        request.getfixturevalue("prefect_harness")

    def ingest(options: IngestOptions, **kwargs: Any) -> IngestSummary:
        if name == "serial":
            return run(options, SerialExecutor(), **kwargs)
        if name == "process":
            return run(dataclasses.replace(options, workers=2), ProcessExecutor(2), **kwargs)
        if name == "dask":
            return run(dataclasses.replace(options, dask=address), DaskExecutor(str(address)), **kwargs)
        from flows.ingest import run_ingest

        opts = dataclasses.replace(options, dask=address) if name == "prefect-dask" else options
        return run_ingest(opts, **kwargs)

    return ingest


def folder_of(tmp_path: Path, *pdfs: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for pdf in pdfs:
        shutil.copy(pdf, folder)
    return folder


def options(tmp_path: Path, *pdfs: Path, **kwargs: Any) -> IngestOptions:
    defaults: dict[str, Any] = {"validate": False, "fetch": False, "wait": 0.0}
    return IngestOptions(
        sources=(folder_of(tmp_path, *pdfs),), db_path=tmp_path / "w.duckdb", **{**defaults, **kwargs}
    )


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_loads_every_document(engine: Any, tmp_path: Path) -> None:
    opts = options(tmp_path, DECK, EXTRA)
    summary = engine(opts)
    assert sorted(summary.loaded) == [DECK.name, EXTRA.name] and summary.ok
    rows = query(opts.db_path, MEMBERS)
    assert (
        len(rows) == 18 and sum(len(r[4]) for r in rows) == 86 + 90
    )  # the seed deck, and the variant (tests/golden/ruled_extra_regions.json)


def test_a_bad_file_is_rejected_by_name_and_the_others_load(engine: Any, tmp_path: Path) -> None:
    summary = engine(options(tmp_path, DECK, TRUNCATED))
    assert summary.loaded == [DECK.name]
    assert [r.message for r in summary.rejected] == [
        "truncated.pdf: damaged or truncated PDF (PDFNoValidXRef: Unexpected EOF)"
    ]


def test_an_unchanged_rerun_parses_nothing(engine: Any, tmp_path: Path) -> None:
    opts = options(tmp_path, DECK)
    engine(opts)
    again = engine(opts)
    assert again.skipped == [DECK.name] and again.loaded == []


def test_extraction_settings_reach_the_extraction(engine: Any, tmp_path: Path) -> None:
    """No table can have a million cells: with that setting every engine finds none (the map
    slide's adoptions, read from free text, still load)."""
    summary = engine(options(tmp_path, DECK, extract=ExtractSettings(min_cells=1_000_000)))
    assert (summary.tables, summary.networks, summary.adoptions) == (0, 0, 37)


def test_progress_hears_each_parsed_document_once(engine: Any, tmp_path: Path) -> None:
    heard: list[str] = []
    engine(
        options(tmp_path, DECK, EXTRA, TRUNCATED), progress=lambda doc, result: heard.append(doc.file_name)
    )
    assert sorted(heard) == sorted([DECK.name, EXTRA.name, TRUNCATED.name])


def test_wait_is_how_long_a_blocked_run_waits(engine: Any, tmp_path: Path) -> None:
    opts = options(tmp_path, DECK)
    engine(opts)
    with hold_lock(opts.db_path, 30), pytest.raises(WarehouseLockedError):
        engine(opts)
    with hold_lock(opts.db_path, 1.0):
        assert engine(dataclasses.replace(opts, wait=20.0)).skipped == [DECK.name]


def test_batches_load_alike_and_the_gate_reads_as_one_run(engine: Any, tmp_path: Path) -> None:
    opts = options(tmp_path, DECK, EXTRA, batch_size=1, validate=True)
    summary = engine(opts)
    assert sorted(summary.loaded) == [DECK.name, EXTRA.name]
    assert query(opts.db_path, "SELECT count(*), sum(documents), sum(passed) FROM dq_runs") == [(1, 2, 2)]


def test_the_gate_quarantines_under_every_engine(engine: Any, tmp_path: Path) -> None:
    summary = engine(options(tmp_path, DROPPED_MEMBER, validate=True))
    assert [q.message for q in summary.quarantined] == [
        "dropped_member.pdf: quarantined, failed reconciliation.members_per_cell"
    ]


def test_a_stop_request_ends_the_run_interrupted_keeping_what_loaded(engine: Any, tmp_path: Path) -> None:
    opts = options(tmp_path, DECK, EXTRA, batch_size=1)
    heard: list[str] = []

    def stop() -> None:
        if heard:
            raise InterruptedRun("SIGTERM")

    with pytest.raises(InterruptedRun):
        engine(opts, progress=lambda doc, result: heard.append(doc.file_name), stop=stop)
    assert query(opts.db_path, "SELECT status, error FROM ingest_runs") == [
        ("interrupted", "InterruptedRun: interrupted by SIGTERM")
    ]
    assert query(opts.db_path, "SELECT file_name FROM documents") == [(heard[0],)]
