"""Prefect flow: fetch → discover → plan → extract (a task per document, retried) → normalize
→ validate → load.

Orchestration only: every step is a function of :mod:`ckextract`. Documents whose
bytes were already handled by this parser version are skipped at the plan step
(the warehouse's own record is the cache), so an unchanged re-ingest parses
nothing. Validation runs once over the run's documents; loading runs in the
flow's own thread, one document at a time, since DuckDB allows a single writer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from ckextract.discover import discover
from ckextract.extract import PagesRead
from ckextract.fetch import FetchReport, fetch_sources
from ckextract.pipeline import Plan, Result, combine, finish, plan, read_unit, validate, work_units
from ckextract.records import IngestSummary, Rejection, SourceDocument
from ckextract.settings import DEFAULT_DB, DEFAULT_SOURCES
from ckextract.warehouse import connect

if TYPE_CHECKING:
    from ckextract.validate.gate import GateReport

ProgressHook = Callable[[SourceDocument, Result], None]
_progress: ProgressHook | None = None
LOCK_WAIT = 60.0
"""Seconds to wait for the warehouse when another process is writing it."""


def set_progress(hook: ProgressHook | None) -> None:
    """Called by the CLI: ``hook`` hears of every document once it is read."""
    global _progress
    _progress = hook


@task(name="fetch", cache_policy=NO_CACHE)
def fetch_task(paths: list[str]) -> list[str]:
    """Download the manifests' URL sources; failures are reported, never fatal."""
    messages = []
    for folder in (Path(p) for p in paths):
        if folder.is_dir():
            report: FetchReport = fetch_sources(folder)
            messages += [f.message for f in report.failed]
    return messages


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(paths: list[str]) -> list[SourceDocument]:
    return discover([Path(p) for p in paths])


@task(name="plan", cache_policy=NO_CACHE)
def plan_task(docs: list[SourceDocument], db_path: str, reprocess: bool) -> Plan:
    with connect(db_path, wait=LOCK_WAIT) as con:
        return plan(con, docs, reprocess=reprocess, engine="prefect")


@task(name="extract", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def extract_task(doc: SourceDocument, pages: range | None = None) -> PagesRead | Rejection:
    """Some pages of a document (all, or a chunk of a large one). A bad PDF is a result
    (a Rejection), not a failure; anything else is retried."""
    return read_unit(doc, None, pages)


@task(name="normalize", cache_policy=NO_CACHE)
def normalize_task(doc: SourceDocument, parts: list[PagesRead | Rejection]) -> Result:
    return combine(doc, parts)


@task(name="validate", cache_policy=NO_CACHE)
def validate_task(results: list[Result], gx_root: str, run_id: str) -> Any:
    return validate(results, Path(gx_root), run_id)


@flow(name="ckextract-ingest")
def ingest_flow(
    paths: list[str] | None = None,
    db_path: str = str(DEFAULT_DB),
    validate_records: bool = True,
    reprocess: bool = False,
    fetch: bool = True,
) -> IngestSummary:
    paths = paths or [str(DEFAULT_SOURCES)]
    fetch_failures = fetch_task(paths) if fetch else []
    docs = discover_task(paths)
    run: Plan = plan_task(docs, db_path, reprocess)
    units = work_units(run.todo, None)  # large documents are read in page chunks, in parallel
    futures = [extract_task.submit(run.todo[i], pages) for i, pages in units]
    results: list[Result] = []
    for i, doc in enumerate(run.todo):
        parts: list[PagesRead | Rejection] = []
        for (j, _), future in zip(units, futures, strict=True):
            if j != i:
                continue
            state = future.wait() or future.state
            if state.is_completed():
                parts.append(future.result())
            else:
                parts.append(Rejection(doc, "error", f"extraction failed after retries: {state.message}"))
        result: Result = normalize_task(doc, parts)
        results.append(result)
        if _progress is not None:
            _progress(doc, result)
    gx_root = str(Path(db_path).resolve().parent)
    report = cast(
        "GateReport | None",
        validate_task(results, gx_root, run.load_id) if validate_records and results else None,
    )
    summary = IngestSummary(db_path=db_path, fetch_failures=list(fetch_failures))
    with connect(db_path, wait=LOCK_WAIT) as con:
        finish(con, run, results, summary, report)
    return summary


def task_runner(workers: int = 1, dask: str | None = None) -> Any:
    """Where the extract tasks run: threads (default), worker processes, or a Dask cluster.

    pdfplumber is pure Python, so threads add no speed: ``workers > 1`` uses a process
    pool; ``dask`` is a scheduler address (``tcp://host:8786``) or ``local`` for a new
    LocalCluster of ``workers`` processes. Loading stays in the flow (one writer).
    """
    if dask:
        from prefect_dask.task_runners import DaskTaskRunner

        if dask == "local":
            return DaskTaskRunner(
                cluster_kwargs={
                    "n_workers": max(workers, 1),
                    "processes": True,
                    "threads_per_worker": 1,
                    "dashboard_address": None,
                }
            )
        return DaskTaskRunner(address=dask)
    if workers > 1:
        from prefect.task_runners import ProcessPoolTaskRunner

        return ProcessPoolTaskRunner(max_workers=workers)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner()


def run_ingest(workers: int = 1, dask: str | None = None, **parameters: Any) -> IngestSummary:
    """Run :func:`ingest_flow` with the task runner that ``workers``/``dask`` ask for."""
    flow_ = ingest_flow.with_options(task_runner=task_runner(workers, dask))
    return cast(IngestSummary, flow_(**parameters))


if __name__ == "__main__":
    print(ingest_flow().to_dict())
