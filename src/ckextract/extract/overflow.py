"""Text that ran out of its cell, given back to it.

A table converted from PowerPoint keeps each cell's text box at a fixed height: a long
取組概要 runs past its cell's bottom and its last lines are printed in the row below,
whose own cell reads only ``-``. Read cell by cell, those lines would become the text of
the row below. The rule: lines of a cell that **continue the text of the cell above**
— at its left edge, at its line pitch with no gap, in its type size — while the cell
holds nothing else but an empty mark (``-``, ``―``, …), belong to the cell above. Where
the cell below prints no empty mark, the rest of its row must be empty as well: in an
Excel list the next record may start at exactly the pitch of the line above it.
The empty mark stays where it was printed.
"""

from __future__ import annotations

import itertools

from ckextract._typing import T_obj, T_obj_list
from ckextract.extract.grid import PageGrid
from ckextract.extract.text import group_lines

DASHES = frozenset("-‐‑–—―−－ー")
"""Glyphs a cell prints alone to say it is empty."""
EDGE_TOLERANCE = 0.5
"""× the type size: an overflowing line starts at the paragraph's left edge within this."""
PITCH_TOLERANCE = 0.15
"""× the type size: and follows the line above at its pitch within this — text that ran out
of its box goes on at the box's own pitch; a row below, even a tight one, starts after the
row's padding (eu-026: 0.29 × the size further)."""
SIZE_TOLERANCE = 0.1
"""× the type size: in the same size."""


OVERPRINT = 0.5
"""A glyph covering this share of a dash's width is printed over it (two texts on one spot)."""


def _overlap(a: T_obj, b: T_obj) -> float:
    return max(0.0, float(min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])))


def _is_lone_dash(ch: T_obj, line: T_obj_list) -> bool:
    """An empty mark: a dash with no other glyph within a character of it on its line, or
    one at the start of its line printed over that line's first glyph (the cell's own
    ``-`` under text that ran into it; a dash inside ``8:30-17:15`` is part of its text)."""
    if ch["text"] not in DASHES:
        return False
    size = float(ch.get("size") or 1.0)
    width = max(float(ch["x1"] - ch["x0"]), 1e-6)
    others = [o for o in line if o is not ch and not o["text"].isspace()]
    if not others:
        return True
    start = min(float(o["x0"]) for o in others)
    if abs(ch["x0"] - start) < EDGE_TOLERANCE * size and any(
        _overlap(o, ch) >= OVERPRINT * width for o in others
    ):
        return True
    return not any(abs((o["x0"] + o["x1"]) / 2 - (ch["x0"] + ch["x1"]) / 2) < 1.5 * size for o in others)


def _pitch(lines: list[T_obj_list]) -> float | None:
    tops = [min(c["top"] for c in ln) for ln in lines]
    steps = sorted(b - a for a, b in itertools.pairwise(tops))
    return steps[len(steps) // 2] if steps else None


def overflow_of(above: T_obj_list, below: T_obj_list, row_empty: bool = False) -> T_obj_list | None:
    """The glyphs of ``below`` that continue ``above``'s text, when everything else in
    ``below`` is an empty mark (else None: nothing ran over). Without a mark in ``below``,
    only if the rest of its row is empty too (``row_empty``): an Excel list's next record
    may start at exactly the pitch of the line above it."""
    up = group_lines(above)
    down = group_lines(below)
    if len(up) < 2 or not down:
        return None
    size = float(up[-1][0].get("size") or 1.0)
    pitch = _pitch(up)
    if pitch is None:
        return None
    left = min(ln[0]["x0"] for ln in up)
    if not row_empty and not any(_is_lone_dash(c, line) for line in down for c in line):
        return None
    moved: T_obj_list = []
    last_top = min(c["top"] for c in up[-1])
    for line in down:
        text = [c for c in line if not c["text"].isspace() and not _is_lone_dash(c, line)]
        if not text:
            continue
        top = min(c["top"] for c in text)
        if (
            abs(text[0]["x0"] - left) > EDGE_TOLERANCE * size
            or abs(top - last_top - pitch) > PITCH_TOLERANCE * size
            or any(abs(float(c.get("size") or 0) - size) > SIZE_TOLERANCE * size for c in text)
        ):
            return None  # the cell has text of its own
        keep = {id(c) for c in text}
        moved += [c for c in line if id(c) in keep or c["text"].isspace()]
        last_top = top
    return moved or None


def reclaim_overflow(grid: PageGrid, by_cell: dict[int, T_obj_list]) -> dict[int, T_obj_list]:
    """``by_cell`` with every cell's overflow (printed in the cell below) moved back to it."""
    index = {(c.row, c.col): i for i, c in enumerate(grid.cells)}
    by_row: dict[int, list[int]] = {}
    for k, c in enumerate(grid.cells):
        by_row.setdefault(c.row, []).append(k)
    out = dict(by_cell)
    for i, cell in enumerate(grid.cells):
        j = index.get((cell.row + cell.row_span, cell.col))
        if j is None or grid.cells[j].col_span != cell.col_span or not out.get(i) or not out.get(j):
            continue
        row_empty = not any(
            any(not c["text"].isspace() and c["text"] not in DASHES for c in out.get(k, []))
            for k in by_row[grid.cells[j].row]
            if k != j
        )
        moved = overflow_of(out.get(i, []), out.get(j, []), row_empty)
        if moved:
            ids = {id(c) for c in moved}
            out[i] = [*out.get(i, []), *moved]
            out[j] = [c for c in out.get(j, []) if id(c) not in ids]
    return out
