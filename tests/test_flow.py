"""The Prefect engine from the command line, and the scheduled re-ingestion deployment.

That the Prefect engine loads what every other engine loads is tested in test_engines.py."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import duckdb
import pytest

from tests.conftest import DECK

pytestmark = pytest.mark.prefect

CONTENT = (
    "SELECT network_id, region_name, program_id, name, plan_name, overview, "
    "list(sector || ':' || org_name || ':' || coalesce(role, '') ORDER BY position) "
    "FROM networks JOIN memberships USING (network_id) GROUP BY ALL ORDER BY ALL"
)


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
    assert all(r.parameters["options"]["sources"] == [str(DECK.parent)] for r in runs)  # type: ignore[attr-defined]
    assert all(r.parameters["options"]["db_path"] == db for r in runs)  # type: ignore[attr-defined]


class _SlowServer:
    """Stands in for Prefect's SubprocessASGIServer: records the start-up timeout it is
    given, and fails as Prefect does when the server never answers."""

    timeouts: ClassVar[list[int]] = []
    server_process = None

    def start(self, timeout: int | None = None) -> None:
        self.timeouts.append(timeout or 0)
        raise RuntimeError("Timed out while attempting to connect to ephemeral Prefect API server.")

    def stop(self) -> None:
        pass


def test_a_temporary_server_that_never_answers_is_one_named_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A first start after an install is slow (bytecode, Prefect's database): it gets at
    least START_SECONDS, and a server that still does not answer is named, not a defect."""
    from prefect.server.api import server as server_module
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.server import START_SECONDS, ServerStartError, temporary_server

    monkeypatch.setattr(server_module, "SubprocessASGIServer", _SlowServer)
    with (
        temporary_settings(restore_defaults={PREFECT_API_URL}),  # no server configured here
        pytest.raises(ServerStartError, match=r"did not start within 180 s .*--engine local"),
        temporary_server(),
    ):
        pass
    assert _SlowServer.timeouts == [START_SECONDS]
