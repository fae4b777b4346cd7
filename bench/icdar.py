"""ICDAR 2013 table competition (EU half): ground truth and scoring helpers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ckextract._typing import Grid

ICDAR = Path(__file__).resolve().parents[2] / "shared" / "icdar2013" / "eu"


def truth_grids(str_xml: Path) -> list[Grid]:
    """One grid per ground-truth table (regions on several pages stacked by their increments)."""
    grids = []
    for table in ET.parse(str_xml).getroot().iter("table"):
        cells = []
        for region in table.iter("region"):
            dr, dc = int(region.get("row-increment", 0)), int(region.get("col-increment", 0))
            for cell in region.iter("cell"):
                r, c = int(cell.get("start-row", 0)) + dr, int(cell.get("start-col", 0)) + dc
                content = (cell.findtext("content") or "").strip()
                cells.append((r, c, content))
        if not cells:
            continue
        rows = max(r for r, _, _ in cells) + 1
        cols = max(c for _, c, _ in cells) + 1
        grid: Grid = [[None] * cols for _ in range(rows)]
        for r, c, content in cells:
            grid[r][c] = content
        grids.append(grid)
    return grids


def documents() -> list[tuple[Path, Path]]:
    """(pdf, structure xml) pairs of the EU set."""
    out = []
    for xml in sorted(ICDAR.glob("*-str.xml")):
        pdf = xml.with_name(xml.name.removesuffix("-str.xml") + ".pdf")
        if pdf.exists():
            out.append((pdf, xml))
    return out
