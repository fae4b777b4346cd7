"""The Prefect flow gives the same warehouse as the plain pipeline (one harness per session)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from ckextract.pipeline import ingest
from tests.conftest import DECK, FIXTURES

pytestmark = pytest.mark.prefect

CONTENT = (
    "SELECT network_id, region_name, program_id, name, plan_name, overview, "
    "list(sector || ':' || org_name || ':' || coalesce(role, '') ORDER BY position) "
    "FROM networks JOIN memberships USING (network_id) GROUP BY ALL ORDER BY ALL"
)


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def test_flow_matches_local_pipeline_and_survives_bad_files(prefect_harness: None, tmp_path: Path) -> None:
    from flows.ingest import ingest_flow

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DECK, folder)
    shutil.copy(FIXTURES / "network_table" / "ruled_extra_regions.pdf", folder)
    shutil.copy(FIXTURES / "bad" / "truncated.pdf", folder)
    flow_db, local_db = tmp_path / "flow.duckdb", tmp_path / "local.duckdb"

    summary = ingest_flow(paths=[str(folder)], db_path=str(flow_db))
    assert sorted(summary.loaded) == ["chiiki_sangakukan_network.pdf", "ruled_extra_regions.pdf"]
    assert [r.message for r in summary.rejected] == [
        "truncated.pdf: damaged or truncated PDF (PDFNoValidXRef: Unexpected EOF)"
    ]
    ingest([folder], local_db)
    flow_rows = duckdb.connect(str(flow_db)).execute(CONTENT).fetchall()
    assert flow_rows == duckdb.connect(str(local_db)).execute(CONTENT).fetchall()
    assert len(flow_rows) == 18


def test_cli_ingest_runs_the_flow(prefect_harness: None, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ckextract.cli import main

    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(DECK), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert duckdb.connect(str(db)).execute("SELECT count(*) FROM memberships").fetchall() == [(86,)]


def test_deployment_schedules_runs(prefect_harness: None, tmp_path: Path) -> None:
    """The re-ingestion deployment registers with its cron schedule and the server schedules runs.

    The harness runs Prefect's server in ephemeral mode, where the scheduler loop does not
    run; the test asks the server for the same scheduling pass that loop makes
    (POST /deployments/{id}/schedule) and reads back the scheduled flow runs.
    """
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    from flows.deploy import deployment

    db = str(tmp_path / "w.duckdb")
    deployment_id = deployment("0 6 * * *", [str(DECK.parent)], db, name="test-reingest").apply()

    async def scheduled() -> list[object]:
        async with get_client() as client:
            dep = await client.read_deployment(deployment_id)
            assert [s.schedule.cron for s in dep.schedules] == ["0 6 * * *"]  # type: ignore[union-attr]
            response = await client._client.post(
                f"/deployments/{deployment_id}/schedule", json={"max_runs": 3}
            )
            response.raise_for_status()
            return list(
                await client.read_flow_runs(
                    deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))
                )
            )

    runs = asyncio.run(scheduled())
    assert len(runs) == 3
    assert {r.state_name for r in runs} == {"Scheduled"}  # type: ignore[attr-defined]
    assert {(r.expected_start_time.hour, r.expected_start_time.minute) for r in runs} == {(6, 0)}  # type: ignore[attr-defined]
    assert all(r.parameters == {"paths": [str(DECK.parent)], "db_path": db} for r in runs)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "runner", [{"dask": "local", "workers": 2}, {"workers": 2}], ids=["dask", "processes"]
)
def test_distributed_extraction_gives_the_same_warehouse(
    prefect_harness: None, tmp_path: Path, runner: dict[str, object]
) -> None:
    """Extraction on a local Dask cluster (or a process pool) through Prefect; loading stays one writer."""
    from flows.ingest import run_ingest

    folder = tmp_path / "in"
    folder.mkdir()
    for pdf in (
        DECK,
        FIXTURES / "network_table" / "ruled_extra_regions.pdf",
        FIXTURES / "network_table" / "shaded_cid_narrow.pdf",
    ):
        shutil.copy(pdf, folder)
    parallel_db, serial_db = tmp_path / "parallel.duckdb", tmp_path / "serial.duckdb"
    summary = run_ingest(paths=[str(folder)], db_path=str(parallel_db), validate_records=False, **runner)  # type: ignore[arg-type]
    assert len(summary.loaded) == 3 and summary.ok
    ingest([folder], serial_db, validate_records=False)
    parallel = duckdb.connect(str(parallel_db)).execute(CONTENT).fetchall()
    assert parallel == duckdb.connect(str(serial_db)).execute(CONTENT).fetchall()
    assert len(parallel) == 26
