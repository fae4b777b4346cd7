"""Settings as validated dataclasses (pdfplumber's ``TableSettings`` style).

``ExtractSettings`` tunes the table finder; ``IngestOptions`` says what a run does
and where (warehouse file, sources, batches, workers): local defaults, overridable by
arguments or the ``CKEXTRACT_DB`` environment variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ExtractSettings:
    """Tolerances of the table finder, in PDF points unless said otherwise."""

    snap_tolerance: float = 3.0
    """Edges this close (perpendicular) are snapped to one line: shaded cells
    drawn with white gaps between them become one grid."""
    join_tolerance: float = 3.0
    """Collinear edge pieces this close are joined."""
    edge_min_length: float = 3.0
    intersection_tolerance: float = 3.0
    background_area_ratio: float = 0.9
    """A rectangle covering this share of the page is the page background, not a table."""
    min_cells: int = 2
    """A table has at least this many cells (a lone shaded box is not a table)."""
    dedupe_tolerance: float = 1.0
    """Identical glyphs within this distance are one glyph drawn twice (fake bold)."""
    word_gap_ratio: float = 0.3
    """A gap wider than this × font size between two glyphs of a line is a space."""
    column_gap_ratio: float = 2.0
    """Outside tables, a gap wider than this × font size inside a line separates two
    text boxes side by side (two lines, not one)."""
    open_tables: bool = True
    """Also read tables whose columns are drawn by white space only (rows ruled or
    shaded): see :mod:`ckextract.extract.columns`."""
    aligned_tables: bool = True
    """Also find tables that draw nothing at all, by the alignment of their text alone
    (see :mod:`ckextract.extract.aligned`); needs ``open_tables``."""
    open_column_gap_ratio: float = 0.6
    """In such tables a gap wider than this × font size inside a line separates two cells."""
    open_min_gap_ratio: float = 0.5
    """A column gap is at least this × the body font size wide."""
    open_rule_min_length_ratio: float = 10.0
    """A horizontal line bounds such a table when it is at least this × the body font size long."""
    figure_min_strokes: int = 12
    """A grid with this many slanted strokes inside (plotted lines, pie slices) is a chart."""
    min_filled_ratio: float = 0.2
    """A grid where fewer than this share of the cells hold text is a chart's gridlines."""
    stitch_x_tolerance: float = 3.0
    """Column boundaries of a table continued on the next page match within this."""
    stitch_max_lines_between: int = 3
    """A table continues on the next page only if at most this many lines of free text
    follow it on its page and precede its continuation (running heads, page numbers)."""
    max_pages: int = 2000
    """Documents with more pages are refused (a guard against page-count bombs)."""
    max_chars_per_page: int = 100_000
    """A page with more glyphs is skipped by name (the densest real page seen here has
    11,000; a 3.6 KB page can declare a million and take 2 GB to parse: about 2 KB per
    glyph, so this bounds a page near 200 MB). Checked first from its content streams'
    string bytes, before any glyph is parsed."""
    max_content_bytes_per_page: int = 8_000_000
    """A page whose content streams decode to more bytes (counting a form once per time it
    is drawn) is skipped by name: parsing costs about 5 µs a byte. The largest real page
    seen here decodes to 444 KB."""
    max_shapes_per_page: int = 50_000
    """A page drawing more subpaths (lines, rectangles, curves: each a parsed object of
    about 6 KB) is skipped by name. The most on a real page seen here is 2,116."""
    max_crossings_per_page: int = 250_000
    """A page whose ruling lines cross more often is skipped by name (a 500×500 grid)."""
    ocr: bool = True
    """Read a page without usable text (no text layer, or ``(cid:NN)`` only) from its
    pixels with Tesseract, when Tesseract and its Japanese data are installed
    (``--ocr auto``); False: such pages are not read (``--ocr off``)."""
    ocr_dpi: int = 300
    """Resolution a page is rendered at for OCR: 300 dpi puts 6 pt text at 25 pixels,
    where Tesseract reads Japanese well; more costs time as its square."""
    page_seconds: float = 300.0
    """A page still being read after this long is skipped by name (checked between steps)."""
    document_seconds: float = 3600.0
    """A document still being read after this long is rejected (checked between pages)."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int | float) or value < 0:
                raise ValueError(f"ExtractSettings.{f.name} must be a non-negative number, got {value!r}")
        if self.min_cells < 1:
            raise ValueError("ExtractSettings.min_cells must be at least 1")
        if not 72 <= self.ocr_dpi <= 1200:
            raise ValueError("ExtractSettings.ocr_dpi must be between 72 and 1200")
        if not 0 < self.background_area_ratio <= 1:
            raise ValueError("ExtractSettings.background_area_ratio must be in (0, 1]")


DEFAULT_DB = Path("warehouse") / "ckextract.duckdb"
DEFAULT_SOURCES = Path("raw_pdfs")
DB_ENV = "CKEXTRACT_DB"
DEFAULT_BATCH_SIZE = 16
"""Documents validated and loaded together: memory holds one batch's records at a time
(flat in the number of documents), while the gate's per-call cost is shared by 16."""
DEFAULT_BATCH_PAGES = 500
"""...and at most this many pages (a longer document is a batch of its own): memory stays
flat with long documents too (a 250-page list gives about 15,000 cells)."""
DEFAULT_WAIT = 30.0


def default_db(db_path: Path | None = None) -> Path:
    """The warehouse file: as given, else ``$CKEXTRACT_DB``, else ``warehouse/ckextract.duckdb``."""
    return db_path or Path(os.environ.get(DB_ENV, str(DEFAULT_DB)))


def prefect_home(db_path: Path) -> Path:
    """Prefect's home beside the warehouse file, so runs on other warehouses never share
    (and lock) one Prefect database."""
    return db_path.resolve().parent / ".prefect"


@dataclass(frozen=True)
class IngestOptions:
    """What an ingest run does. Every option means the same under every executor (serial,
    process pool, Dask, Prefect); one that an executor cannot honour is refused there."""

    sources: tuple[Path, ...] = (DEFAULT_SOURCES,)
    db_path: Path = DEFAULT_DB
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    validate: bool = True
    """Run the data-quality gate before loading."""
    reprocess: bool = False
    """Parse documents again even when their bytes were handled by this parser version."""
    fetch: bool = True
    """Download the manifests' URL sources first."""
    wait: float = DEFAULT_WAIT
    """Seconds to wait for the warehouse while another process holds it (every open)."""
    workers: int = 1
    """Extract in this many worker processes (or Dask workers of a local cluster)."""
    dask: str | None = None
    """Extract on a Dask cluster: a scheduler address, or ``local`` to start one."""
    batch_size: int = DEFAULT_BATCH_SIZE
    """A batch (validated and loaded together) holds at most this many documents..."""
    batch_pages: int = DEFAULT_BATCH_PAGES
    """...and at most this many pages (a longer document is a batch of its own)."""
    gx_root: Path | None = None
    """Where Great Expectations keeps its project (``gx/``); default beside the warehouse."""
    spec_dirs: tuple[Path, ...] = ()
    """Folders of more list specs (``*.toml``), besides the shipped ones and ``$CKEXTRACT_SPECS``."""

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError("IngestOptions.workers must be at least 1")
        if self.batch_size < 1 or self.batch_pages < 1:
            raise ValueError("IngestOptions.batch_size and batch_pages must be at least 1")
        if self.wait < 0:
            raise ValueError("IngestOptions.wait must not be negative")
        if not self.sources:
            raise ValueError("IngestOptions.sources must name at least one file or folder")

    @property
    def gx_dir(self) -> Path:
        return self.gx_root or self.db_path.resolve().parent

    @property
    def parallel(self) -> bool:
        return self.workers > 1 or self.dask is not None

    def to_mapping(self) -> dict[str, Any]:
        """JSON-able form (a deployment's parameters); :meth:`coerce` reads it back."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Path):
                value = str(value)
            elif f.name in ("sources", "spec_dirs"):
                value = [str(p) for p in value]
            elif isinstance(value, ExtractSettings):
                value = {k.name: getattr(value, k.name) for k in fields(value)}
            out[f.name] = value
        return out

    @classmethod
    def coerce(cls, value: IngestOptions | Mapping[str, Any] | None) -> IngestOptions:
        """Options from themselves, from :meth:`to_mapping`'s form, or the defaults."""
        if value is None:
            return cls()
        if isinstance(value, IngestOptions):
            return value
        known = {f.name for f in fields(cls)}
        unknown = set(value) - known
        if unknown:
            raise ValueError(f"unknown ingest options: {', '.join(sorted(unknown))}")
        data = dict(value)
        for key in ("sources", "spec_dirs"):
            if key in data:
                data[key] = tuple(Path(p) for p in data[key])
        for key in ("db_path", "gx_root"):
            if data.get(key) is not None:
                data[key] = Path(data[key])
        if isinstance(data.get("extract"), Mapping):
            data["extract"] = ExtractSettings(**data["extract"])
        return cls(**data)
