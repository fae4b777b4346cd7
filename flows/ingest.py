"""Prefect flow: discover → extract (a task per document, retried) → normalize → validate → load.

Orchestration only: every step is a function of :mod:`ckextract`. Validation
runs once over the run's documents (the data-quality gate); loading runs in the
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
from ckextract.normalize import normalize
from ckextract.pipeline import Result, finish, validate
from ckextract.records import DocumentRecords, Extraction, IngestSummary, Rejection, SourceDocument
from ckextract.settings import DEFAULT_DB, DEFAULT_SOURCES
from ckextract.warehouse import connect

if TYPE_CHECKING:
    from ckextract.validate.gate import GateReport

ProgressHook = Callable[[SourceDocument, Result], None]
_progress: ProgressHook | None = None


def set_progress(hook: ProgressHook | None) -> None:
    """Called by the CLI: ``hook`` hears of every document once it is read."""
    global _progress
    _progress = hook


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(paths: list[str]) -> list[SourceDocument]:
    return discover([Path(p) for p in paths])


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
def validate_task(results: list[Result], gx_root: str) -> Any:
    return validate(results, Path(gx_root))


@flow(name="ckextract-ingest")
def ingest_flow(
    paths: list[str] | None = None,
    db_path: str = str(DEFAULT_DB),
    validate_records: bool = True,
) -> IngestSummary:
    docs = discover_task(paths or [str(DEFAULT_SOURCES)])
    futures = [extract_task.submit(doc) for doc in docs]
    results: list[Result] = []
    for doc, future in zip(docs, futures, strict=True):
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
    report = cast("GateReport | None", validate_task(results, gx_root) if validate_records else None)
    summary = IngestSummary(db_path=db_path)
    con = connect(db_path)
    try:
        finish(con, results, summary, report)
    finally:
        con.close()
    return summary


if __name__ == "__main__":
    print(ingest_flow().to_dict())
