"""Run the checks with Great Expectations and decide each document's fate.

One GX validation per table per run, over every document of the run; each
unexpected row carries its ``document_id``, so a failure is charged to the
documents that caused it. GX's context is file-backed under the warehouse
folder (``<warehouse>/gx/``), and its Data Docs site is rebuilt once per run.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ckextract.lists.checks import ID_COLUMNS as LIST_IDS
from ckextract.lists.checks import list_checks, list_frame, table_name
from ckextract.lists.spec import ListSpec
from ckextract.programs import PROGRAM_IDS
from ckextract.records import DocumentRecords
from ckextract.validate import datadocs, frames
from ckextract.validate.checks import CHECKS, ID_COLUMNS, TABLES, Check, Context
from ckextract.validate.datadocs import DocumentName

SAMPLE_SIZE = 5


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check's outcome for one document."""

    check: str
    table: str
    severity: str
    document_id: str
    success: bool
    unexpected_count: int
    sample: list[Any]
    details: dict[str, Any]


@dataclass(slots=True)
class GateReport:
    run_id: str
    started_at: datetime
    finished_at: datetime | None = None
    results: list[CheckResult] = field(default_factory=list)
    data_docs: str | None = None

    def failed(self, document_id: str, severity: str) -> list[str]:
        return sorted(
            {
                r.check
                for r in self.results
                if r.document_id == document_id and not r.success and r.severity == severity
            }
        )

    def quarantined(self, document_id: str) -> bool:
        return bool(self.failed(document_id, "critical"))


SCAN_TOLERANT_TABLES = frozenset({"reconciliation"})
"""Checks that warn instead of quarantining on a document read by OCR: a reconciliation
compares two readings of the page (items counted apart from the parse, and the records),
and on a scan one misread glyph (愛 read as 受 in a map entry) breaks the count; the
document's records, each with its ocr_confidence, are worth more loaded and reported
than all put aside."""


def scan_tolerant(result: CheckResult, scanned: set[str]) -> CheckResult:
    """``result`` as a warning when its document was read by OCR and its check is one of
    :data:`SCAN_TOLERANT_TABLES`."""
    if (
        result.document_id in scanned
        and result.table in SCAN_TOLERANT_TABLES
        and result.severity == "critical"
    ):
        return replace(result, severity="warning", details={**result.details, "note": "read by OCR: warns"})
    return result


def _quiet_gx() -> None:
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="great_expectations")


def _context(root: Path) -> Any:
    import great_expectations as gx

    _quiet_gx()
    root.mkdir(parents=True, exist_ok=True)
    ctx = gx.get_context(mode="file", project_root_dir=str(root))
    if ctx.variables.progress_bars != {"globally": False, "metric_calculations": False}:
        ctx.variables.progress_bars = {"globally": False, "metric_calculations": False}
        ctx.variables.save()
    return ctx


def _validation(ctx: Any, table: str, checks: Sequence[Check], context: Context) -> Any:
    import great_expectations as gx

    table = table.replace(":", "__")  # GX keeps suites as files: a list's table is list:<id>
    source = ctx.data_sources.add_or_update_pandas("ckextract")
    names = [a.name for a in source.assets]
    asset = source.get_asset(table) if table in names else source.add_dataframe_asset(table)
    batch = (
        asset.batch_definitions[0]
        if asset.batch_definitions
        else asset.add_batch_definition_whole_dataframe("run")
    )
    expectations = []
    for check in checks:
        expectation = check.build(context)
        expectation.meta = {"check": check.name, "severity": check.severity, "description": check.description}
        expectations.append(expectation)
    suite = ctx.suites.add_or_update(
        gx.ExpectationSuite(name=f"ckextract.{table}", expectations=expectations)
    )
    return ctx.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=f"ckextract.{table}", data=batch, suite=suite)
    )


def _jsonable(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _per_document(check: Check, doc_ids: Sequence[str], gx_result: dict[str, Any]) -> list[CheckResult]:
    result = gx_result.get("result") or {}
    raised = (gx_result.get("exception_info") or {}).get("raised_exception", False)
    success = bool(gx_result.get("success")) and not raised
    index_list = result.get("unexpected_index_list") or []
    by_doc: dict[str, list[Any]] = {}
    for row in index_list:
        if isinstance(row, dict):
            by_doc.setdefault(str(row.get("document_id")), []).append(frames.unescaped(_jsonable(row)))
    details = {
        "expectation_type": gx_result.get("expectation_config", {}).get("type"),
        "kwargs": _jsonable(gx_result.get("expectation_config", {}).get("kwargs", {})),
        "observed_value": frames.unescaped(_jsonable(result.get("observed_value"))),
    }
    if raised:
        details["exception"] = str((gx_result.get("exception_info") or {}).get("exception_message"))
    out = []
    for doc in doc_ids:
        rows = by_doc.get(doc, [])
        blame_all = not success and not by_doc
        ok = success or (not rows and not blame_all)
        out.append(
            CheckResult(
                check=check.name,
                table=check.table,
                severity=check.severity,
                document_id=doc,
                success=ok,
                unexpected_count=len(rows)
                if rows
                else (int(result.get("unexpected_count") or 0) if blame_all else 0),
                sample=rows[:SAMPLE_SIZE],
                details=details,
            )
        )
    return out


class Gate:
    """The gate over one run, validated batch by batch: GX's context is opened once, every
    batch's results carry the run's id, and the Data Docs are built once at the end."""

    def __init__(self, gx_root: Path, run_id: str, specs: Sequence[ListSpec] = ()) -> None:
        self.gx_root = gx_root
        self.run_id = run_id
        self.specs = {s.list_id: s for s in specs}
        self.started_at = datetime.now(UTC)
        self.validated = False
        """Whether any batch had documents to validate."""
        self._ctx: Any = None
        self.results: list[CheckResult] = []
        """Every batch's results: the run's page in the Data Docs shows them per document."""
        self.documents: dict[str, DocumentName] = {}

    def validate(self, batch: Sequence[DocumentRecords]) -> GateReport:
        """Every check over a batch's documents; the report says, per document, what failed."""
        report = GateReport(run_id=self.run_id, started_at=self.started_at)
        doc_ids = [r.document.document_id for r in batch]
        for r in batch:
            self.documents[r.document.document_id] = DocumentName(r.document.file_name, r.document.series)
        if not batch:
            report.finished_at = datetime.now(UTC)
            return report
        data = frames.build(batch)
        context = Context(
            document_ids=frozenset(doc_ids),
            network_ids=frozenset(n.network_id for r in batch for n in r.networks),
            program_ids=PROGRAM_IDS | {s.program.program_id for s in self.specs.values() if s.program},
        )
        self.validated = True
        if self._ctx is None:
            self._ctx = _context(self.gx_root)
        for table in TABLES:
            checks = [c for c in CHECKS if c.table == table]
            report.results += self._run(table, checks, data[table], ID_COLUMNS[table], doc_ids, context)
        for list_id in sorted({row.list_id for r in batch for row in r.list_rows}):
            spec = self.specs.get(list_id)
            if spec is None:
                continue
            rows = [row for r in batch for row in r.list_rows if row.list_id == list_id]
            frame = list_frame(spec, rows)
            report.results += self._run(
                table_name(spec), list_checks(spec), frame, LIST_IDS, doc_ids, context
            )
        scanned = {r.document.document_id for r in batch if r.extraction.ocr_pages}
        report.results = [scan_tolerant(result, scanned) for result in report.results]
        report.finished_at = datetime.now(UTC)
        self.results += report.results
        return report

    def _run(
        self,
        table: str,
        checks: Sequence[Check],
        df: pd.DataFrame,
        id_columns: list[str],
        doc_ids: list[str],
        context: Context,
    ) -> list[CheckResult]:
        """One GX validation of a table's checks over the batch; results per document."""
        if df.empty:
            return [
                CheckResult(check.name, table, check.severity, d, True, 0, [], {"note": "no rows"})
                for check in checks
                for d in doc_ids
            ]
        validation = _validation(self._ctx, table, checks, context)
        result = validation.run(
            batch_parameters={"dataframe": frames.escaped(df)},
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": id_columns},
        )
        by_name = {c.name: c for c in checks}
        out: list[CheckResult] = []
        for r in result.results:
            j = r.to_json_dict()
            out += _per_document(by_name[j["expectation_config"]["meta"]["check"]], doc_ids, j)
        return out

    def build_docs(self) -> str | None:
        """Build the Data Docs site once for the run; its index page (None if nothing was validated)."""
        if self._ctx is None:
            return None
        self._ctx.build_data_docs()
        site = self.gx_root / "gx" / "uncommitted" / "data_docs" / "local_site"
        datadocs.make_offline(site)
        datadocs.write_run_page(site, self.run_id, self.results, self.documents)
        datadocs.link_runs(site)
        return str(site / "index.html")


def run_gate(
    batch: Sequence[DocumentRecords], gx_root: Path, run_id: str | None = None, build_docs: bool = True
) -> GateReport:
    """Validate one batch as a whole run (and build the Data Docs)."""
    from ckextract.clock import new_id

    gate = Gate(gx_root, run_id or new_id())
    report = gate.validate(batch)
    if build_docs:
        report.data_docs = gate.build_docs()
    return report
