"""Prefect flow: discover → extract (a task per document, retried) → normalize → load.

Orchestration only: every step is a function of :mod:`ckextract`. The load
step runs in the flow's own thread, one document at a time, since DuckDB
allows a single writer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from ckextract.discover import discover
from ckextract.errors import DocumentError
from ckextract.extract import extract_document
from ckextract.normalize import normalize
from ckextract.pipeline import load_result
from ckextract.records import DocumentRecords, Extraction, IngestSummary, Rejection, SourceDocument
from ckextract.settings import DEFAULT_DB, DEFAULT_SOURCES
from ckextract.warehouse import connect

ProgressHook = Callable[[SourceDocument, DocumentRecords | Rejection], None]
_progress: ProgressHook | None = None


def set_progress(hook: ProgressHook | None) -> None:
    """Called by the CLI: ``hook`` hears of every document once it is loaded."""
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


@flow(name="ckextract-ingest")
def ingest_flow(
    paths: list[str] | None = None,
    db_path: str = str(DEFAULT_DB),
) -> IngestSummary:
    docs = discover_task(paths or [str(DEFAULT_SOURCES)])
    futures = [extract_task.submit(doc) for doc in docs]
    summary = IngestSummary(db_path=db_path)
    con = connect(db_path)
    try:
        for doc, future in zip(docs, futures, strict=True):
            state = future.wait() or future.state
            result: DocumentRecords | Rejection
            if state.is_completed():
                extracted = future.result()
                result = extracted if isinstance(extracted, Rejection) else normalize_task(extracted)
            else:
                result = Rejection(doc, "error", f"extraction failed after retries: {state.message}")
            load_result(con, result, summary)
            if _progress is not None:
                _progress(doc, result)
    finally:
        con.close()
    return summary


if __name__ == "__main__":
    print(ingest_flow().to_dict())
