"""Shared fixtures: the committed PDFs, temp warehouses, golden files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# Prefect reads these when first imported: a private home for the test session,
# no telemetry (it locks the harness's SQLite database), quiet logs.
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="ckextract-prefect-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from ckextract.discover import discover
from ckextract.extract import extract_document
from ckextract.normalize import normalize
from ckextract.records import DocumentRecords

ROOT = Path(__file__).resolve().parents[1]
RAW_PDFS = ROOT / "raw_pdfs"
FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
SHARED = ROOT.parent / "shared"
DECK = RAW_PDFS / "chiiki_sangakukan_network.pdf"
VARIANTS = sorted((FIXTURES / "network_table").glob("*.pdf"))
MAP_VARIANTS = sorted((FIXTURES / "map_slide").glob("*.pdf"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/*.json")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


_cache: dict[Path, DocumentRecords] = {}


def records_of(path: Path) -> DocumentRecords:
    """Extract + normalize a PDF once per test session."""
    if path not in _cache:
        (doc,) = discover([path])
        _cache[path] = normalize(extract_document(doc))
    return _cache[path]


def golden_view(records: DocumentRecords) -> dict[str, Any]:
    """Everything a document yields, in a stable JSON shape (ids and hashes left out)."""
    names = {n.network_id: n.name for n in records.networks}
    return {
        "file": records.document.file_name,
        "layouts": list(records.layouts),
        "tables": [
            {"pages": list(t.pages), "n_rows": t.n_rows, "n_cols": t.n_cols}
            for t in records.extraction.tables
        ],
        "networks": [
            {
                "region_name": n.region_name,
                "region_code": n.region_code,
                "program_id": n.program_id,
                "name": n.name,
                "name_raw": n.name_raw,
                "plan_name": n.plan_name,
                "overview": n.overview,
                "page_number": n.page_number,
                "members": [
                    [m.position, m.sector, m.org_name, m.role, m.org_name_raw]
                    for m in records.memberships
                    if m.network_id == n.network_id
                ],
            }
            for n in records.networks
        ],
        "adoptions": [
            [
                a.entry_index,
                a.program_id,
                a.region_name,
                a.region_code,
                a.lead_institution,
                a.project_name,
                a.project_name_raw,
                a.page_number,
                a.layout,
                a.marker_colour,
            ]
            for a in records.adoptions
        ],
        "repairs": [[names[r.network_id], r.rule, r.before, r.after] for r in records.repairs],
        "warnings": list(records.warnings),
    }


def compare_golden(name: str, actual: dict[str, Any], update: bool) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(actual, ensure_ascii=False, indent=1) + "\n"
    if update or not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"golden file {path.name} is missing; run pytest --update-goldens and review it")
        path.write_text(text, encoding="utf-8")
    assert json.loads(path.read_text(encoding="utf-8")) == actual


@contextmanager
def hold_lock(db: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the warehouse open (DuckDB's one-writer lock) for ``seconds``."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(db)!r}); print('ready', flush=True); time.sleep({seconds})",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield holder
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the test session (about 11 s once, then ~1 s a flow)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def dask_scheduler() -> Iterator[str]:
    """One local Dask cluster (2 single-threaded worker processes) for the test session."""
    import logging

    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "warehouse" / "test.duckdb"
