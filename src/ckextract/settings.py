"""Settings as validated dataclasses (pdfplumber's ``TableSettings`` style).

``ExtractSettings`` tunes the table finder; ``Config`` picks the resources
(warehouse file, Prefect home) for a run: local defaults, overridable by
arguments or ``CKEXTRACT_*`` environment variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path


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

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int | float) or value < 0:
                raise ValueError(f"ExtractSettings.{f.name} must be a non-negative number, got {value!r}")
        if self.min_cells < 1:
            raise ValueError("ExtractSettings.min_cells must be at least 1")
        if not 0 < self.background_area_ratio <= 1:
            raise ValueError("ExtractSettings.background_area_ratio must be in (0, 1]")


DEFAULT_DB = Path("warehouse") / "ckextract.duckdb"
DEFAULT_SOURCES = Path("raw_pdfs")


@dataclass(frozen=True)
class Config:
    """Where a run reads and writes. ``Config.from_env()`` gives the local defaults."""

    db_path: Path = DEFAULT_DB
    sources: tuple[Path, ...] = (DEFAULT_SOURCES,)
    prefect_home: Path | None = None
    extract: ExtractSettings = ExtractSettings()

    @classmethod
    def from_env(cls, db_path: Path | None = None, sources: tuple[Path, ...] = ()) -> Config:
        db = db_path or Path(os.environ.get("CKEXTRACT_DB", str(DEFAULT_DB)))
        return cls(db_path=db, sources=sources or (DEFAULT_SOURCES,))

    @property
    def default_prefect_home(self) -> Path:
        """Prefect's home beside the warehouse file, so runs on other warehouses never
        share (and lock) one Prefect database."""
        return self.prefect_home or self.db_path.resolve().parent / ".prefect"
