"""The Prefect engine: every stage of :data:`ckextract.stages.STAGES` as a Prefect task, and
a flow that runs :func:`ckextract.pipeline.run` with them.

Orchestration only. Extraction units are mapped onto the flow's task runner (threads,
a process pool, or Dask through prefect-dask: chosen by ``workers``/``dask`` as for the
local engine); the other stages are tasks called in the flow's own thread, since
loading holds the warehouse and DuckDB allows one writer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from ckextract.executors import POLL_SECONDS, Failed
from ckextract.pipeline import Progress, StopCheck, run
from ckextract.records import IngestSummary
from ckextract.settings import IngestOptions
from ckextract.stages import STAGES, Prepared, Stage

RETRY_DELAY_SECONDS = 1
TASKS = {
    s.name: task(
        name=s.name, retries=s.retries, retry_delay_seconds=RETRY_DELAY_SECONDS, cache_policy=NO_CACHE
    )(s.fn)
    for s in STAGES
}
"""Each stage as a task: named after it, retried as it says; no Prefect result cache (the
warehouse's own record of handled bytes is the cache; see docs/reingestion.md)."""


class PrefectExecutor:
    """Stages as Prefect task runs of the current flow run."""

    name = "prefect"

    def __init__(self, parallel: bool) -> None:
        self.parallel = parallel

    def __enter__(self) -> PrefectExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, stage: Stage, items: Sequence[Any], stop: StopCheck | None = None) -> list[Any]:
        futures = TASKS[stage.name].map(list(items))
        out: list[Any] = []
        for future in futures:
            while not future.state.is_final():
                if stop is not None:
                    stop()
                future.wait(timeout=POLL_SECONDS)
            state = future.state
            out.append(
                future.result() if state.is_completed() else Failed(str(state.message or state.type.value))
            )
        return out

    def call(self, stage: Stage, *args: Any) -> Any:
        return TASKS[stage.name](*args)


@flow(name="ckextract-ingest", validate_parameters=False)
def ingest_flow(
    options: IngestOptions | Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    prepared: Prepared | None = None,
    stop: StopCheck | None = None,
) -> IngestSummary:
    """Ingest ``options.sources`` into ``options.db_path`` (a deployment passes the options
    as a mapping; the CLI passes what it already fetched and discovered)."""
    opts = IngestOptions.coerce(options)
    summary = run(opts, PrefectExecutor(opts.parallel), progress=progress, prepared=prepared, stop=stop)
    return final_state(summary)  # type: ignore[no-any-return]  # Prefect returns the state's data


COMPLETED_WITH_REJECTIONS = "Completed with rejections"
"""The flow run's state when some documents were rejected, quarantined or not fetched: the
Prefect UI shows it by name (the run did its work; the documents need a look)."""


def final_state(summary: IngestSummary) -> Any:
    """The flow run's final state: Completed, or Completed named
    :data:`COMPLETED_WITH_REJECTIONS` with what failed, or Failed when nothing was found."""
    from prefect.states import Completed
    from prefect.states import Failed as FailedState

    if summary.empty:
        return FailedState(message="no PDF found in the sources: nothing to ingest", data=summary)
    if summary.ok:
        return Completed(data=summary)
    counts = [
        f"{len(summary.rejected)} rejected",
        f"{len(summary.rejected_earlier)} rejected earlier",
        f"{len(summary.quarantined)} quarantined",
        f"{len(summary.fetch_failures)} not fetched",
    ]
    message = ", ".join(c for c in counts if not c.startswith("0 "))
    return Completed(name=COMPLETED_WITH_REJECTIONS, message=message, data=summary)


def task_runner(options: IngestOptions) -> Any:
    """Where mapped tasks run: Dask (an address, or ``local`` for a LocalCluster of
    ``workers`` processes), a process pool for ``workers`` > 1, else threads."""
    if options.dask:
        from prefect_dask.task_runners import DaskTaskRunner

        from ckextract.executors import quiet_dask_warnings

        quiet_dask_warnings()  # Prefect's own logs say what a --verbose run needs

        if options.dask == "local":
            return DaskTaskRunner(
                cluster_kwargs={
                    "n_workers": options.workers,
                    "processes": True,
                    "threads_per_worker": 1,
                    "dashboard_address": None,
                }
            )
        return DaskTaskRunner(address=options.dask)
    if options.workers > 1:
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=options.workers)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner()


def run_ingest(
    options: IngestOptions,
    progress: Progress | None = None,
    prepared: Prepared | None = None,
    stop: StopCheck | None = None,
) -> IngestSummary:
    """Run :func:`ingest_flow` on the task runner ``options`` ask for (with Prefect's
    temporary server, unless one is configured: :mod:`flows.server`)."""
    from flows.server import temporary_server

    flow_ = ingest_flow.with_options(task_runner=task_runner(options))
    with temporary_server(stop):
        state = flow_(options, progress, prepared, stop, return_state=True)
    result = state.result(raise_on_failure=False)
    if isinstance(result, BaseException):  # the run failed: its own error, as the local engine raises it
        raise result
    summary: IngestSummary = result
    return summary


if __name__ == "__main__":
    print(ingest_flow().to_dict())
