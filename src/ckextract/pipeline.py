"""The one orchestration of an ingest run: :func:`run` chains :data:`~ckextract.stages.STAGES`
on an executor.

    fetch → discover → plan ─┬─ per batch: extract (mapped) → normalize → validate → load ─┬─ report
                             └──────────────────────── (batch_size documents) ─────────────┘

The same function runs under every engine: the local executors of
:mod:`ckextract.executors` and the Prefect flow of ``flows/ingest.py`` differ only in
where stages run. The warehouse is opened (with the same ``wait``) to plan, to load
each batch and to close the run, and closed in between, so readers are locked out
only while a batch is written. A failure anywhere marks the run ``failed`` with its
first error; a stop request (Ctrl-C, SIGTERM) marks it ``interrupted``; documents
loaded before stay loaded, each in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ckextract.clock import new_id
from ckextract.crash import crash_point
from ckextract.errors import InterruptedRun
from ckextract.executors import Executor, Failed, SerialExecutor, local_executor
from ckextract.records import IngestSummary, Rejection, SourceDocument
from ckextract.settings import DEFAULT_BATCH_PAGES, DEFAULT_BATCH_SIZE, ExtractSettings, IngestOptions
from ckextract.stages import (
    DISCOVER,
    EXTRACT,
    FETCH,
    LOAD,
    NORMALIZE,
    PAGE_CHUNK,
    PLAN,
    REPORT,
    SPECS,
    VALIDATE,
    Batch,
    Plan,
    Prepared,
    Result,
    plan,
    plan_batches,
    work_units,
)
from ckextract.warehouse.db import Warehouse

if TYPE_CHECKING:
    from ckextract.lists.spec import ListSpec
    from ckextract.validate.gate import Gate

Progress = Callable[[SourceDocument, Result], None]
"""Hears of every document once it is read (before validation and load)."""
StopCheck = Callable[[], None]
"""Raises :class:`InterruptedRun` when the run was asked to stop."""


def _never_stop() -> None:
    return None


def _stop_check(stop: StopCheck | None) -> StopCheck:
    """The caller's check, and this process's signal handler's (see :mod:`ckextract.interrupts`)."""
    from ckextract import interrupts

    def check() -> None:
        interrupts.check()
        (stop or _never_stop)()

    return check


def prepare(options: IngestOptions, executor: Executor | None = None) -> Prepared:
    """The list specs (checked first: a mistake stops the run before any work), then fetch,
    then discover: what the run starts from (no parsing, no warehouse)."""
    ex = executor or SerialExecutor()
    specs: tuple[ListSpec, ...] = ex.call(SPECS, options)
    failures: list[str] = ex.call(FETCH, options)
    docs: list[SourceDocument] = ex.call(DISCOVER, options)
    return Prepared(docs=docs, fetch_failures=failures, specs=specs)


def preview(options: IngestOptions, prepared: Prepared) -> Plan:
    """The plan a run would make now (nothing written): what it will parse. A run with
    nothing to parse needs no Prefect."""
    with Warehouse(options.db_path, wait=options.wait) as wh:
        known = wh.known_documents()
    return plan("", prepared.docs, known, options.reprocess)


def _read_batch(
    executor: Executor,
    batch: Batch,
    settings: ExtractSettings,
    specs: tuple[ListSpec, ...],
    progress: Progress | None,
    stop: StopCheck,
) -> list[Result]:
    """Extract a batch's work units (mapped), then normalize each document."""
    units = work_units(batch, settings, PAGE_CHUNK if executor.parallel else None)
    outputs = executor.map(EXTRACT, units, stop)
    results: list[Result] = []
    for doc in batch.docs:
        parts = [
            Rejection(doc, "error", f"extraction failed: {out.error}") if isinstance(out, Failed) else out
            for unit, out in zip(units, outputs, strict=True)
            if unit.doc.document_id == doc.document_id
        ]
        result: Result = executor.call(NORMALIZE, doc, parts, settings, specs)
        results.append(result)
        if progress is not None:
            progress(doc, result)
    return results


def _summarize_plan(summary: IngestSummary, run: Plan) -> None:
    summary.load_id = run.load_id
    earlier = {d.document_id for d, _ in run.rejected_earlier}
    summary.skipped = [d.file_name for d in run.unchanged if d.document_id not in earlier]
    summary.rejected_earlier = [(d.file_name, reason) for d, reason in run.rejected_earlier]
    summary.duplicates = [(_named(d, first), _named(first, d)) for d, first in run.duplicates]


def _named(doc: SourceDocument, other: SourceDocument) -> str:
    """A duplicate's file name, with its series when the two copies are listed in different
    series (the copy read first gives the document its series; the other series gets nothing)."""
    return doc.file_name if doc.series == other.series else f"{doc.file_name} (series {doc.series})"


def _gate(options: IngestOptions, run: Plan, specs: tuple[ListSpec, ...]) -> Gate | None:
    if not options.validate or not run.todo:
        return None
    from ckextract.validate.gate import Gate

    return Gate(options.gx_dir, new_id(), specs)


def _record_failure(options: IngestOptions, load_id: str, error: BaseException) -> None:
    """Mark the run failed (or interrupted) in a fresh connection; if even that cannot be
    written, the next run marks it interrupted. Never hides ``error``."""
    interrupted = isinstance(error, InterruptedRun | KeyboardInterrupt)
    try:
        with Warehouse(options.db_path, wait=min(options.wait, 5.0)) as wh:
            wh.fail_run(load_id, error, interrupted=interrupted)
    except Exception:
        return
    if isinstance(error, InterruptedRun):
        error.load_id = load_id


def run(
    options: IngestOptions,
    executor: Executor,
    *,
    progress: Progress | None = None,
    prepared: Prepared | None = None,
    stop: StopCheck | None = None,
    engine: str | None = None,
    note: str | None = None,
) -> IngestSummary:
    """Run every stage for ``options`` on ``executor``; returns what the run did."""
    check = _stop_check(stop)
    summary = IngestSummary(db_path=str(options.db_path), engine=engine or executor.name)
    if note:
        summary.notes.append(note)
    with executor:
        prepared = prepared or prepare(options, executor)
        summary.fetch_failures = list(prepared.fetch_failures)
        load_id = new_id()
        with Warehouse(options.db_path, wait=options.wait) as wh:
            dead = wh.start_run(load_id, summary.engine or executor.name, note)
            wh.sync_lists(prepared.specs)
            known = wh.known_documents()
        if dead:
            summary.notes.append(f"marked interrupted: {len(dead)} earlier run(s) whose process had ended")
        try:
            run_plan: Plan = executor.call(PLAN, load_id, prepared.docs, known, options.reprocess)
            _summarize_plan(summary, run_plan)
            crash_point("planned")
            gate = _gate(options, run_plan, prepared.specs)
            for batch in plan_batches(run_plan.todo, options.batch_size, options.batch_pages):
                check()
                results = _read_batch(executor, batch, options.extract, prepared.specs, progress, check)
                crash_point("extracted")
                report = executor.call(VALIDATE, gate, results)
                crash_point("validated")
                with Warehouse(options.db_path, wait=options.wait) as wh:
                    executor.call(LOAD, wh, results, report, load_id).add_to(summary)
                del results, report  # a batch's records are not held past its load
            check()
            with Warehouse(options.db_path, wait=options.wait) as wh:
                executor.call(REPORT, wh, run_plan, summary, gate)
        except BaseException as exc:
            _record_failure(options, load_id, exc)
            raise
    return summary


def ingest(
    paths: Iterable[Path],
    db_path: Path | str,
    settings: ExtractSettings | None = None,
    progress: Progress | None = None,
    *,
    validate_records: bool = True,
    gx_root: Path | None = None,
    spec_dirs: tuple[Path, ...] = (),
    reprocess: bool = False,
    wait: float = 0.0,
    fetch: bool = True,
    workers: int = 1,
    dask: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batch_pages: int = DEFAULT_BATCH_PAGES,
) -> IngestSummary:
    """The library's entry point: ingest ``paths`` into ``db_path`` with the local engine."""
    options = IngestOptions(
        sources=tuple(paths),
        db_path=Path(db_path),
        extract=settings or ExtractSettings(),
        validate=validate_records,
        reprocess=reprocess,
        fetch=fetch,
        wait=wait,
        workers=workers,
        dask=dask,
        batch_size=batch_size,
        batch_pages=batch_pages,
        gx_root=gx_root,
        spec_dirs=spec_dirs,
    )
    return run(options, local_executor(options), progress=progress)
