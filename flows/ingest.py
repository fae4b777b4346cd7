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
from ckextract.errors import DocumentError
from ckextract.extract import extract_document
from ckextract.fetch import FetchReport, fetch_sources
from ckextract.normalize import normalize
from ckextract.pipeline import Plan, Result, finish, plan, validate
from ckextract.records import DocumentRecords, Extraction, IngestSummary, Rejection, SourceDocument
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
def extract_task(doc: SourceDocument) -> Extraction | Rejection:
    """A bad PDF is a result (a Rejection), not a failure; anything else is retried."""
    try:
        return extract_document(doc)
    except DocumentError as exc:
        return Rejection(doc, exc.code, exc.reason)


@task(name="normalize", cache_policy=NO_CACHE)
def normalize_task(extraction: Extraction) -> DocumentRecords:
    return normalize(extraction)


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
    futures = [extract_task.submit(doc) for doc in run.todo]
    results: list[Result] = []
    for doc, future in zip(run.todo, futures, strict=True):
        state = future.wait() or future.state
        result: Result
        if state.is_completed():
            extracted = future.result()
            result = extracted if isinstance(extracted, Rejection) else normalize_task(extracted)
        else:
            result = Rejection(doc, "error", f"extraction failed after retries: {state.message}")
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
