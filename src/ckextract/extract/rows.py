"""Rows read from the text: a ruled row that holds several rows of figures.

Some tables rule their columns but not their rows (or only the header and the total),
so one ruled row holds a whole block of records, one per line. Wrapped text looks the
same (several lines in a cell), so a row is split only when the figures prove it: at
least two cells hold three or more lines that are each a number, and every line of
every cell in the row sits on one of the same baselines.
"""

from __future__ import annotations

import itertools
import re

from ckextract._typing import T_obj_list
from ckextract.extract.grid import GridCell, PageGrid
from ckextract.extract.text import group_lines

_NUMBER = re.compile(r"^[\d\s.,%+\-–()*]+$")


def is_number(text: str) -> bool:
    """A figure: digits with separators, signs, percent, footnote marks."""
    return bool(_NUMBER.match(text)) and any(ch.isdigit() for ch in text)


MIN_NUMBER_LINES = 3
"""A cell proves a stack of records with at least this many lines that are each a number."""


def _middle(line: T_obj_list) -> float:
    return float(sum((c["top"] + c["bottom"]) / 2 for c in line) / len(line))


def baselines(lines_by_cell: list[list[T_obj_list]], tolerance: float) -> list[float] | None:
    """The common line positions of a row's cells, or None if some cell's lines do not
    sit on them one to one."""
    middles = sorted(_middle(ln) for lines in lines_by_cell for ln in lines)
    clusters: list[list[float]] = []
    for m in middles:
        if clusters and m - clusters[-1][-1] <= tolerance:
            clusters[-1].append(m)
        else:
            clusters.append([m])
    centres = [sum(c) / len(c) for c in clusters]
    for lines in lines_by_cell:
        homes = [min(range(len(centres)), key=lambda k: abs(centres[k] - _middle(ln))) for ln in lines]
        if len(set(homes)) != len(homes):
            return None
    return centres


def _visible(chars: T_obj_list) -> T_obj_list:
    return [c for c in chars if not c["text"].isspace()]


def split_stacked_rows(grid: PageGrid, chars_by_cell: dict[int, T_obj_list]) -> PageGrid:
    """Split each ruled row whose cells stack records line by line into one row per line."""
    new_ys = list(grid.ys)
    cuts: dict[int, list[float]] = {}
    by_row: dict[int, list[int]] = {}
    for i, c in enumerate(grid.cells):
        if c.row_span == 1:
            by_row.setdefault(c.row, []).append(i)
    for r, members in by_row.items():
        lines_by_cell = [group_lines(_visible(chars_by_cell.get(i, []))) for i in members]
        stacks = sum(
            1
            for lines in lines_by_cell
            if len(lines) >= MIN_NUMBER_LINES
            and all(is_number("".join(c["text"] for c in ln)) for ln in lines)
        )
        if stacks < 2:
            continue
        sizes = [float(c.get("size") or 1.0) for lines in lines_by_cell for ln in lines for c in ln]
        centres = baselines(lines_by_cell, 0.4 * (sum(sizes) / len(sizes)))
        if centres is None or len(centres) < MIN_NUMBER_LINES:
            continue
        cuts[r] = [(a + b) / 2 for a, b in itertools.pairwise(centres)]
    if not cuts:
        return grid
    for r in sorted(cuts, reverse=True):
        new_ys[r + 1 : r + 1] = cuts[r]
    shift = [0] * (grid.n_rows + 1)  # rows added above each old row
    for r in range(grid.n_rows):
        shift[r + 1] = shift[r] + len(cuts.get(r, []))
    cells: list[GridCell] = []
    for c in grid.cells:
        row = c.row + shift[c.row]
        end = c.row + c.row_span  # exclusive old row index
        span = end + shift[end] - row
        if c.row_span == 1 and c.row in cuts:
            for k in range(len(cuts[c.row]) + 1):
                box = (c.bbox[0], new_ys[row + k], c.bbox[2], new_ys[row + k + 1])
                cells.append(GridCell(row + k, c.col, 1, c.col_span, box))
        else:
            cells.append(GridCell(row, c.col, span, c.col_span, c.bbox))
    cells.sort(key=lambda c: (c.row, c.col))
    return PageGrid(grid.page_number, grid.xs, tuple(new_ys), tuple(cells), grid.x_ranges)
