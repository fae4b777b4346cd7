"""The stages of an ingest run: each a plain, typed function, and :data:`STAGES`, the one
list of them that every executor runs.

    specs → fetch → discover → plan → extract → normalize → validate → load → report

``extract`` runs once per work unit (a document, or a chunk of a large document's
pages) and is what executors spread over processes, Dask workers or Prefect tasks;
``normalize`` runs once per document; ``validate`` and ``load`` once per batch of
documents; the others once per run. :mod:`ckextract.pipeline` chains them; an
executor (:mod:`ckextract.executors`, ``flows/ingest.py``) decides where each runs.
Heavy libraries (pdfplumber, pandas, Great Expectations) are imported inside the
stages that need them, so a run with nothing to parse never loads them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from ckextract import PARSER_VERSION
from ckextract.clock import utc_now
from ckextract.errors import DocumentError, OutOfMemoryError
from ckextract.records import DocumentRecords, IngestSummary, Quarantine, Rejection, SourceDocument
from ckextract.settings import ExtractSettings, IngestOptions

if TYPE_CHECKING:
    from ckextract.extract import PagesRead
    from ckextract.lists.spec import ListSpec
    from ckextract.validate.gate import Gate, GateReport
    from ckextract.warehouse.db import Warehouse
    from ckextract.warehouse.known import KnownDocument

Result = DocumentRecords | Rejection
Scope = Literal["run", "unit", "document", "batch"]

PAGE_CHUNK = 50
"""When extraction runs in parallel, a document of more pages is read in chunks of this
many pages (each chunk a work unit), so one long document does not leave workers idle."""


@dataclass(frozen=True)
class Stage:
    """A stage: its name (the task name under Prefect), its function, how often it runs,
    and how many times an unexpected failure of it is retried (Prefect's retries)."""

    name: str
    fn: Callable[..., Any]
    scope: Scope
    retries: int = 0

    def __call__(self, *args: Any) -> Any:
        return self.fn(*args)


# -- run scope: fetch, discover, plan ----------------------------------------------------------


@dataclass(slots=True)
class Prepared:
    """What a run starts from: its list specs (checked), and what fetch and discover found."""

    docs: list[SourceDocument]
    fetch_failures: list[str] = field(default_factory=list)
    specs: tuple[ListSpec, ...] = ()


def specs(options: IngestOptions) -> tuple[ListSpec, ...]:
    """The list specs: shipped, ``--specs`` folders, ``$CKEXTRACT_SPECS`` (a mistake raises
    :class:`~ckextract.errors.SpecError` naming file and line, before any work)."""
    from ckextract.lists.spec import load_specs

    return load_specs(options.spec_dirs)


def fetch(options: IngestOptions) -> list[str]:
    """Download the manifests' URL sources; returns the failures (never fatal)."""
    if not options.fetch:
        return []
    from ckextract.fetch import fetch_sources

    failures: list[str] = []
    for folder in (p for p in options.sources if p.is_dir()):
        failures += [f.message for f in fetch_sources(folder).failed]
    return failures


def discover(options: IngestOptions) -> list[SourceDocument]:
    from ckextract.discover import discover as find

    return find(options.sources)


@dataclass(slots=True)
class Plan:
    """What a run will do: the documents to parse, and those it will not (and why)."""

    load_id: str
    todo: list[SourceDocument] = field(default_factory=list)
    unchanged: list[SourceDocument] = field(default_factory=list)
    duplicates: list[tuple[SourceDocument, SourceDocument]] = field(default_factory=list)
    """(document, the earlier-listed document with the same bytes): parsed once."""
    rejected_earlier: list[tuple[SourceDocument, str]] = field(default_factory=list)
    """Unchanged documents that an earlier run rejected, with the reason."""
    input_hashes: list[str] = field(default_factory=list)


def plan(
    load_id: str, docs: Sequence[SourceDocument], known: dict[str, KnownDocument], reprocess: bool
) -> Plan:
    """Decide what to parse: bytes this parser version already handled (loaded, rejected
    or quarantined; the warehouse's own record is the cache) are skipped, and bytes
    listed twice are parsed once."""
    run = Plan(load_id=load_id, input_hashes=[d.document_id for d in docs])
    first: dict[str, SourceDocument] = {}
    for doc in docs:
        if doc.document_id in first:
            run.duplicates.append((doc, first[doc.document_id]))
            continue
        first[doc.document_id] = doc
        seen = None if reprocess else known.get(doc.document_id)
        if seen is not None and seen.parser_version == PARSER_VERSION:
            run.unchanged.append(doc)
            if seen.status == "rejected":
                run.rejected_earlier.append((doc, seen.reason or ""))
        else:
            run.todo.append(doc)
    return run


# -- unit and document scope: extract, normalize -------------------------------------------------


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """One unit of extraction work (picklable: it crosses processes)."""

    doc: SourceDocument
    settings: ExtractSettings
    pages: range | None = None
    """1-based pages to read; None: the whole document."""


@dataclass(frozen=True, slots=True)
class Batch:
    """Documents validated and loaded together, with their page counts (0: unknown)."""

    docs: tuple[SourceDocument, ...]
    pages: tuple[int, ...]


def plan_batches(docs: Sequence[SourceDocument], max_docs: int, max_pages: int) -> list[Batch]:
    """Consecutive batches of at most ``max_docs`` documents and ``max_pages`` pages (a longer
    document is a batch of its own): a run holds one batch's records at a time."""
    from ckextract.extract.pdf import quick_page_count

    out: list[Batch] = []
    docs_now: list[SourceDocument] = []
    pages_now: list[int] = []
    for doc in docs:
        pages = quick_page_count(doc.path)
        if docs_now and (len(docs_now) >= max_docs or sum(pages_now) + pages > max_pages):
            out.append(Batch(tuple(docs_now), tuple(pages_now)))
            docs_now, pages_now = [], []
        docs_now.append(doc)
        pages_now.append(pages)
    if docs_now:
        out.append(Batch(tuple(docs_now), tuple(pages_now)))
    return out


def work_units(batch: Batch, settings: ExtractSettings, chunk: int | None = None) -> list[WorkUnit]:
    """A unit per document; with ``chunk``, a document of more pages gives a unit per chunk."""
    from ckextract.extract import page_chunks

    units: list[WorkUnit] = []
    for doc, pages in zip(batch.docs, batch.pages, strict=True):
        chunks: list[range | None] = (
            list(page_chunks(pages, chunk)) if chunk is not None and pages > chunk else [None]
        )
        units += [WorkUnit(doc, settings, p) for p in chunks]
    return units


def extract(unit: WorkUnit) -> PagesRead | Rejection:
    """Read a unit's pages; a file that cannot be read is a :class:`Rejection` (a value)."""
    from ckextract.extract import read_pages

    try:
        return read_pages(unit.doc, unit.settings, unit.pages)
    except DocumentError as exc:
        return Rejection(unit.doc, exc.code, exc.reason)
    except MemoryError:
        return Rejection(unit.doc, OutOfMemoryError.code, OutOfMemoryError.reason)


def normalize(
    doc: SourceDocument,
    parts: Sequence[PagesRead | Rejection],
    settings: ExtractSettings,
    specs: Sequence[ListSpec] = (),
) -> Result:
    """A document's read pages (in page order) → its records via the layout registry (and
    the list specs), or the first rejection among its parts."""
    from ckextract.errors import LayoutError
    from ckextract.extract import assemble
    from ckextract.normalize import normalize as to_records

    rejected = next((p for p in parts if isinstance(p, Rejection)), None)
    if rejected is not None:
        return rejected
    try:
        extraction = assemble(doc, [p for p in parts if not isinstance(p, Rejection)], settings)
    except DocumentError as exc:
        return Rejection(doc, exc.code, exc.reason)
    try:
        return to_records(extraction, specs=specs)
    except Exception as exc:  # a layout's defect, on tables that were read: not the file's fault
        error = LayoutError(doc.path, exc)
        return Rejection(doc, error.code, error.reason)


# -- batch scope: validate, load ------------------------------------------------------------------


def validate(gate: Gate | None, results: Sequence[Result]) -> GateReport | None:
    """The data-quality gate over a batch's readable documents (None: validation is off)."""
    if gate is None:
        return None
    return gate.validate([r for r in results if isinstance(r, DocumentRecords)])


@dataclass(slots=True)
class BatchOutcome:
    """What loading a batch did, document by document."""

    loaded: list[DocumentRecords] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    quarantined: list[Quarantine] = field(default_factory=list)
    dq_warnings: list[str] = field(default_factory=list)

    def add_to(self, summary: IngestSummary) -> None:
        for records in self.loaded:
            summary.count(records)
        summary.rejected += self.rejected
        summary.quarantined += self.quarantined
        summary.dq_warnings += self.dq_warnings


def load(wh: Warehouse, results: Sequence[Result], report: GateReport | None, load_id: str) -> BatchOutcome:
    """Record the batch's gate results, then load, quarantine or record each document
    according to the gate's verdict, each document in its own transaction."""
    from ckextract.crash import crash_point

    outcome = BatchOutcome()
    if report is not None and report.results:
        names = {r.document.document_id: r.document.file_name for r in results}
        wh.record_gate(report, names)
    for result in results:
        if isinstance(result, Rejection):
            wh.reject(result, load_id)
            outcome.rejected.append(result)
            continue
        doc_id = result.document.document_id
        if report is not None and report.quarantined(doc_id):
            failed = report.failed(doc_id, "critical")
            wh.quarantine(result, report.run_id, failed, load_id)
            outcome.quarantined.append(Quarantine(result.document.file_name, tuple(failed)))
            continue
        wh.load(result, load_id)
        outcome.loaded.append(result)
        if report is not None:
            name = result.document.file_name
            outcome.dq_warnings += [f"{name}: {c}" for c in report.failed(doc_id, "warning")]
    crash_point("loaded")
    return outcome


# -- run scope: report -------------------------------------------------------------------------------


def report(wh: Warehouse, run: Plan, summary: IngestSummary, gate: Gate | None) -> IngestSummary:
    """Close the run: the gate run's totals and Data Docs, the derived tables brought up to
    date with the data (whatever left them behind), and the run's row in ``ingest_runs``."""
    from ckextract.crash import crash_point

    crash_point("report")
    if gate is not None and gate.validated:
        summary.dq_run_id = gate.run_id
        summary.data_docs = gate.build_docs()
        wh.close_gate_run(gate.run_id, gate.started_at.replace(tzinfo=None), utc_now(), summary.data_docs)
    expected = {f"series:{s}" for s in summary.series_loaded} | (
        {"registry"} if summary.series_loaded else set()
    )
    rebuilt = wh.refresh_derived(run.load_id)
    repaired = [s for s in rebuilt if s not in expected]
    if repaired and wh.has_documents():  # a new, empty warehouse's first build repairs nothing
        summary.notes.append(f"derived tables repaired: {', '.join(repaired)}")
    crash_point("derived")
    wh.finish_run(run.load_id, summary, run.input_hashes)
    return summary


SPECS = Stage("specs", specs, "run")
FETCH = Stage("fetch", fetch, "run")
DISCOVER = Stage("discover", discover, "run")
PLAN = Stage("plan", plan, "run")
EXTRACT = Stage("extract", extract, "unit", retries=2)
NORMALIZE = Stage("normalize", normalize, "document")
VALIDATE = Stage("validate", validate, "batch")
LOAD = Stage("load", load, "batch")
REPORT = Stage("report", report, "run")

STAGES: tuple[Stage, ...] = (SPECS, FETCH, DISCOVER, PLAN, EXTRACT, NORMALIZE, VALIDATE, LOAD, REPORT)
"""Every stage, in the order a run meets them."""
