"""Grids that are not tables: charts, framed text.

A chart's gridlines and bars close cells just as a table's rules do, and a framed
text box is a grid of one column. Neither is a table: their text is left on the
page as free text lines. The tests are read from the page, never from one file:
slanted strokes (plotted lines, pie slices), how many cells hold text, one column.
"""

from __future__ import annotations

import itertools

from ckextract._typing import BBox, T_obj, T_obj_list
from ckextract.extract.grid import PageGrid
from ckextract.settings import ExtractSettings

Point = tuple[float, float]


def _segments(obj: T_obj) -> list[tuple[Point, Point]]:
    pts = [(float(x), float(y)) for x, y in obj.get("pts") or []]
    return list(itertools.pairwise(pts))


def slanted_strokes(lines: T_obj_list, curves: T_obj_list, min_length: float = 1.0) -> list[Point]:
    """Midpoints of the stroked segments that are neither horizontal nor vertical
    (in page coordinates: pdfplumber's ``pts`` are (x, top))."""
    out = []
    for obj in [*lines, *curves]:
        for (ax, ay), (bx, by) in _segments(obj):
            if abs(bx - ax) > min_length and abs(by - ay) > min_length:
                out.append(((ax + bx) / 2, (ay + by) / 2))
    return out


def _inside(point: Point, box: BBox) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def is_figure(grid: PageGrid, texts: list[str], slanted: list[Point], settings: ExtractSettings) -> bool:
    """Whether a grid is a chart or a framed text rather than a table: it has one column,
    or it holds ``figure_min_strokes`` slanted strokes, or fewer than
    ``min_filled_ratio`` of its cells hold text."""
    if grid.n_cols < 2:
        return True
    if sum(1 for p in slanted if _inside(p, grid.bbox)) >= settings.figure_min_strokes:
        return True
    filled = sum(1 for t in texts if t.strip())
    return filled < settings.min_filled_ratio * len(grid.cells)
