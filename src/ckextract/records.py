"""The records every stage passes on: one representation, from PDF to warehouse.

``discover`` makes :class:`SourceDocument`; ``extract`` makes :class:`Extraction`
(tables of :class:`Cell`); ``normalize`` makes :class:`DocumentRecords`
(:class:`Network`, :class:`Membership`, :class:`Repair`); ``warehouse`` loads
them as they are (one DataFrame per record type, columns = field names).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from ckextract._typing import BBox, Grid


def lowest(values: Iterable[float | None]) -> float | None:
    """The lowest OCR confidence of some pieces of text (None where none was OCR'd)."""
    known = [v for v in values if v is not None]
    return min(known) if known else None


Sector = Literal["学", "官", "産"]
SECTORS: tuple[Sector, ...] = ("学", "官", "産")


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A PDF found by ``discover``: its bytes' sha256 is its identity."""

    path: Path
    document_id: str
    size_bytes: int
    title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    is_reconstruction: bool = False
    series_id: str | None = None
    """The document series it is an edition of; None: ``file:<file name>``."""
    edition: str | None = None
    source_url: str | None = None

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def series(self) -> str:
        return self.series_id or f"file:{self.path.name}"


@dataclass(frozen=True, slots=True)
class Cell:
    """One (possibly merged) table cell with its provenance."""

    row: int
    col: int
    text: str
    bbox: BBox
    page_number: int
    row_span: int = 1
    col_span: int = 1
    breaks: tuple[int, ...] = ()
    """Where in ``text`` a line starts that follows a hard break (the line before it left
    room for it: a new item, not a wrap). Empty: one paragraph."""
    ocr_confidence: float | None = None
    """The lowest OCR confidence (0-100) of the cell's glyphs; None when they come from a
    text layer."""

    @property
    def paragraphs(self) -> list[str]:
        """The text split at its hard line breaks (wrapped lines stay joined)."""
        bounds = [0, *self.breaks, len(self.text)]
        return [p for a, b in itertools.pairwise(bounds) if (p := self.text[a:b].strip())]


@dataclass(frozen=True, slots=True)
class Table:
    """A table, stitched over the pages it spans; ``cells`` in row-major order."""

    table_id: int
    pages: tuple[int, ...]
    bbox: BBox
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    found_by: str = "rules"
    """``rules`` (drawn cells), ``both`` (rules bound the rows, the text's alignment gives
    the columns) or ``alignment`` (the text alone): see :mod:`ckextract.extract.aligned`."""
    confidence: float = 1.0
    """0–1: the evidence of rules and alignment together (the weakest of its pages)."""

    def grid(self) -> Grid:
        """Rows of text: merged cells hold their text top-left, ``None`` elsewhere."""
        rows: Grid = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            rows[cell.row][cell.col] = cell.text
        return rows

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), merged cells included."""
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.row_span and cell.col <= col < cell.col + cell.col_span:
                return cell
        return None


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A run of glyphs of one fill colour within a line."""

    text: str
    colour: str | None
    """Fill colour as ``#rrggbb`` (None when the PDF gives a pattern or nothing)."""
    size: float
    bbox: BBox
    ocr_confidence: float | None = None
    """The lowest OCR confidence (0-100) of its glyphs; None from a text layer."""


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of text outside every table (a text box's line, a legend item, a title)."""

    page_number: int
    bbox: BBox
    spans: tuple[TextSpan, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)

    @property
    def size(self) -> float:
        return max((s.size for s in self.spans), default=0.0)

    @property
    def ocr_confidence(self) -> float | None:
        return lowest(s.ocr_confidence for s in self.spans)


@dataclass(frozen=True, slots=True)
class OcrPage:
    """A page read by OCR (it had no usable text layer): how long it took and how sure
    the reading was."""

    page_number: int
    seconds: float
    glyphs: int
    mean_confidence: float | None
    """Mean of its glyphs' OCR confidences (0-100); None when OCR read no text."""
    skew_degrees: float
    """How far the page was turned before it was read (counter-clockwise positive)."""
    town_mends: tuple[tuple[str, str, str], ...] = ()
    """(line as read, name as read, name) of each place's name in an address (its
    prefecture, city or town) mended against Japan Post's lists (``ckextract.addresses``);
    loaded as repairs."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one PDF before any layout-specific interpretation."""

    document: SourceDocument
    page_count: int
    tables: tuple[Table, ...]
    pages_without_text: tuple[int, ...] = ()
    lines: tuple[TextLine, ...] = ()
    """Text outside tables, page by page, top to bottom."""
    unmapped_glyphs: int = 0
    """Glyphs still printed as ``(cid:NN)``: their font maps them to no character."""
    recovered_glyphs: int = 0
    """``(cid:NN)`` glyphs whose character was recovered from the embedded font."""
    hidden_glyphs: int = 0
    """Glyphs left out because the page does not show them: painted in the colour of what
    lies under them (``ckextract.extract.visibility``)."""
    skipped_pages: tuple[tuple[int, str, str], ...] = ()
    """(page, code, reason) of pages over a limit (``ckextract.extract.limits``): nothing
    was read from them; the rest of the document was."""
    ocr_pages: tuple[OcrPage, ...] = ()
    """Pages read from their pixels by OCR (see ``ckextract.extract.ocr``)."""

    def page_lines(self, page_number: int) -> list[TextLine]:
        return [line for line in self.lines if line.page_number == page_number]


@dataclass(frozen=True, slots=True)
class Network:
    """One 産学官 network (a council, a 拠点) of one program in one region."""

    network_id: str
    document_id: str
    program_id: str
    region_name: str
    region_code: str | None
    name: str
    name_raw: str
    plan_name: str | None
    overview: str | None
    page_number: int
    table_id: int
    row_index: int
    layout: str
    overview_raw: str | None = None
    ocr_confidence: float | None = None
    """The lowest OCR confidence (0-100) of its name as read; None from a text layer."""


@dataclass(frozen=True, slots=True)
class Membership:
    """One organization (or a person's organization) in a network, by sector."""

    network_id: str
    document_id: str
    position: int
    sector: Sector
    org_name: str
    org_name_raw: str
    role: str | None
    ocr_confidence: float | None = None
    """The lowest OCR confidence (0-100) of the cell it was read from; None from a text layer."""


@dataclass(frozen=True, slots=True)
class Adoption:
    """One adopted project (採択拠点) of a program in a region, from an adoption list or map."""

    adoption_id: str
    document_id: str
    program_id: str | None
    region_name: str
    region_code: str | None
    lead_institution: str | None
    project_name: str
    project_name_raw: str
    fiscal_year: int | None
    field: str | None
    proposal_type: str | None
    page_number: int
    entry_index: int
    layout: str
    marker_colour: str | None = None
    table_id: int | None = None
    row_index: int | None = None
    round: str | None = None
    """The call (公募回) it was adopted in, e.g. ``第7回``, when the list says."""
    marker_at: str | None = None
    """On a map: where the marker that gave its program is printed (``x,top``; ``heading:…``
    for a group heading's marker)."""
    ocr_confidence: float | None = None
    """The lowest OCR confidence (0-100) of its project name as read; None from a text layer."""


@dataclass(frozen=True, slots=True)
class ListRow:
    """One row of a list declared by a spec (``ckextract.lists``): its columns typed."""

    row_id: str
    document_id: str
    list_id: str
    table_id: int
    page_number: int
    row_index: int
    row_key: str | None
    """The spec's key columns' values joined by ``|``: follows the row across editions."""
    data: str
    """JSON: column → typed value (dates ISO, lists as arrays); NULL where empty or not of its type."""
    raw: str
    """JSON: column → value as printed."""
    type_errors: str | None = None
    """JSON: column → why its printed value is not of the column's type; None when all are."""
    ocr_confidence: float | None = None
    """The lowest OCR confidence (0-100) of its table columns' values as read; None from a
    text layer."""
    ocr_confidences: str | None = None
    """JSON: table column → the lowest OCR confidence (0-100) of its value as read; None from
    a text layer."""


@dataclass(frozen=True, slots=True)
class Repair:
    """A documented correction of a slip in the source (never silent)."""

    document_id: str
    network_id: str
    rule: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class SourceCount:
    """A count taken from the printed source by a simpler, independent reading, for
    reconciliation: the loaded records must account for every printed item."""

    document_id: str
    check: str
    """members_per_cell | networks_per_row | markers_per_colour | list_rows_per_table"""
    subject: str
    """What was counted: a network id, ``table/row``, or a marker ``glyph colour``."""
    expected: int


@dataclass(frozen=True, slots=True)
class DocumentRecords:
    """The normalized output for one document, ready to validate and load."""

    extraction: Extraction
    layouts: tuple[str, ...]
    networks: tuple[Network, ...] = ()
    memberships: tuple[Membership, ...] = ()
    adoptions: tuple[Adoption, ...] = ()
    repairs: tuple[Repair, ...] = ()
    warnings: tuple[str, ...] = ()
    source_counts: tuple[SourceCount, ...] = ()
    list_rows: tuple[ListRow, ...] = ()

    @property
    def document(self) -> SourceDocument:
        return self.extraction.document


@dataclass(frozen=True, slots=True)
class Rejection:
    """A document that could not be read; recorded, never fatal to the others."""

    document: SourceDocument
    error_code: str
    reason: str

    @property
    def message(self) -> str:
        return f"{self.document.file_name}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Quarantine:
    """A document whose records failed a critical data-quality check."""

    file_name: str
    checks: tuple[str, ...]

    @property
    def message(self) -> str:
        return f"{self.file_name}: quarantined, failed {', '.join(self.checks)}"


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run did, for the CLI's summary line and ``--json``."""

    db_path: str
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    no_layout: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    quarantined: list[Quarantine] = field(default_factory=list)
    tables: int = 0
    networks: int = 0
    memberships: int = 0
    adoptions: int = 0
    list_rows: int = 0
    repairs: int = 0
    ocr_pages: int = 0
    """Pages read by OCR (no usable text layer)."""
    ocr_seconds: float = 0.0
    """Time those pages took to read."""
    warnings: list[str] = field(default_factory=list)
    fetch_failures: list[str] = field(default_factory=list)
    load_id: str | None = None
    dq_run_id: str | None = None
    data_docs: str | None = None
    dq_warnings: list[str] = field(default_factory=list)
    rejected_earlier: list[tuple[str, str]] = field(default_factory=list)
    """(file, reason) of unchanged files an earlier run rejected: still not loaded."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(file, the file with the same bytes that was read instead)."""
    notes: list[str] = field(default_factory=list)
    engine: str | None = None
    series_loaded: set[str] = field(default_factory=set)

    @property
    def documents(self) -> int:
        """Documents the run saw (loaded, unchanged, rejected now or earlier, quarantined)."""
        return (
            len(self.loaded)
            + len(self.no_layout)
            + len(self.rejected)
            + len(self.skipped)
            + len(self.quarantined)
            + len(self.rejected_earlier)
        )

    @property
    def empty(self) -> bool:
        """Nothing to read: no document in the sources, and no download that failed."""
        return self.documents == 0 and not self.fetch_failures

    @property
    def ok(self) -> bool:
        """Everything it was given was read: nothing rejected, quarantined or failed to
        fetch, and there was something to read (an empty folder is a failure to say)."""
        failed = self.rejected or self.quarantined or self.fetch_failures or self.rejected_earlier
        return not failed and not self.empty

    def count(self, records: DocumentRecords) -> None:
        """Add a loaded document's counts."""
        (self.loaded if records.layouts else self.no_layout).append(records.document.file_name)
        self.tables += len(records.extraction.tables)
        self.networks += len(records.networks)
        self.memberships += len(records.memberships)
        self.adoptions += len(records.adoptions)
        self.list_rows += len(records.list_rows)
        self.repairs += len(records.repairs)
        self.ocr_pages += len(records.extraction.ocr_pages)
        self.ocr_seconds += sum(p.seconds for p in records.extraction.ocr_pages)
        self.warnings += list(records.warnings)
        self.series_loaded.add(records.document.series)

    def to_dict(self) -> dict[str, object]:
        return {
            "db_path": self.db_path,
            "load_id": self.load_id,
            "documents": {
                "loaded": self.loaded,
                "skipped": self.skipped,
                "no_layout": self.no_layout,
                "rejected": [
                    {"file": r.document.file_name, "error": r.error_code, "reason": r.reason}
                    for r in self.rejected
                ],
                "quarantined": [{"file": q.file_name, "failed": list(q.checks)} for q in self.quarantined],
                "rejected_earlier": [{"file": f, "reason": r} for f, r in self.rejected_earlier],
                "duplicates": [{"file": f, "same_bytes_as": o} for f, o in self.duplicates],
            },
            "engine": self.engine,
            "notes": self.notes,
            "tables": self.tables,
            "networks": self.networks,
            "memberships": self.memberships,
            "adoptions": self.adoptions,
            "list_rows": self.list_rows,
            "repairs": self.repairs,
            "ocr": {"pages": self.ocr_pages, "seconds": round(self.ocr_seconds, 1)},
            "warnings": self.warnings,
            "fetch_failures": self.fetch_failures,
            "data_quality": {
                "run_id": self.dq_run_id,
                "data_docs": self.data_docs,
                "warnings": self.dq_warnings,
            },
        }
