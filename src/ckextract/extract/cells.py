"""Edges → intersections → cells → tables, with bounded work.

The same results as pdfplumber's ``edges_to_intersections``, ``intersections_to_cells`` and
``cells_to_tables`` (the golden files and the ICDAR scores are unchanged), computed
without their quadratic steps: pdfplumber slices the sorted list of points for every
point (a 300×300 ruled grid took minutes; 1000×1000 never finished) and removes cells
from a list inside a loop. Here points are indexed by row and column, and tables are the
connected components of cells that share a corner.

Work is counted (:class:`Work`): every point pair examined while looking for a point's
smallest cell. A page whose grid would need more than its budget is refused by name
(:class:`PageLimitError`), never left to run.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from ckextract._typing import BBox, T_obj, T_obj_list
from ckextract.extract.limits import PageLimitError, Work

Point = tuple[float, float]


@dataclass(slots=True)
class Crossing:
    """The edges through one intersection, by their boxes (pdfplumber compares boxes)."""

    v: set[BBox]
    h: set[BBox]


def _box(edge: T_obj) -> BBox:
    return (float(edge["x0"]), float(edge["top"]), float(edge["x1"]), float(edge["bottom"]))


def edges_to_intersections(
    edges: T_obj_list, x_tolerance: float, y_tolerance: float, limit: int
) -> dict[Point, Crossing]:
    """Points where a vertical and a horizontal edge cross (within the tolerances); at most
    ``limit`` of them, else :class:`PageLimitError`."""
    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: (e["x0"], e["top"]))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: (e["top"], e["x0"]))
    h_tops = [float(h["top"]) for h in h_edges]
    out: dict[Point, Crossing] = {}
    for v in v_edges:
        lo = bisect_left(h_tops, float(v["top"]) - y_tolerance)
        hi = bisect_right(h_tops, float(v["bottom"]) + y_tolerance)
        for h in h_edges[lo:hi]:
            if h["x0"] - x_tolerance <= v["x0"] <= h["x1"] + x_tolerance:
                vertex = (float(v["x0"]), float(h["top"]))
                crossing = out.get(vertex)
                if crossing is None:
                    if len(out) >= limit:
                        raise PageLimitError(
                            "too_many_rulings", f"too many ruling-line crossings (more than {limit:,})"
                        )
                    crossing = out[vertex] = Crossing(set(), set())
                crossing.v.add(_box(v))
                crossing.h.add(_box(h))
    return out


def intersections_to_cells(points: dict[Point, Crossing], work: Work) -> list[BBox]:
    """The smallest cell each point is the top-left corner of (pdfplumber's rule): the
    first point below it on a shared vertical edge and the first to its right on a shared
    horizontal edge whose opposite corner closes the rectangle. Points along one edge are
    contiguous, so the search stops at the first point not on a shared edge."""
    column: dict[float, list[float]] = defaultdict(list)
    row: dict[float, list[float]] = defaultdict(list)
    for x, y in points:
        column[x].append(y)
        row[y].append(x)
    for values in (*column.values(), *row.values()):
        values.sort()
    cells: list[BBox] = []
    for pt in sorted(points):
        x, y = pt
        here = points[pt]
        below, right = column[x], row[y]
        found = _smallest(
            points, here, x, y, below, bisect_right(below, y), right, bisect_right(right, x), work
        )
        if found is not None:
            cells.append(found)
    return cells


def _smallest(
    points: dict[Point, Crossing],
    here: Crossing,
    x: float,
    y: float,
    below: list[float],
    first_below: int,
    right: list[float],
    first_right: int,
    work: Work,
) -> BBox | None:
    """The smallest cell with its top-left corner at (x, y): ``below[first_below:]`` are the
    points under it, ``right[first_right:]`` those to its right (indices, not slices: a
    slice per point would copy whole rows and columns)."""
    for i in range(first_below, len(below)):
        work.spend()
        by = below[i]
        down = points[(x, by)]
        if not here.v & down.v:
            return None
        for j in range(first_right, len(right)):
            work.spend()
            rx = right[j]
            across = points[(rx, y)]
            if not here.h & across.h:
                break
            corner = points.get((rx, by))
            if corner is not None and corner.v & across.v and corner.h & down.h:
                return (x, y, rx, by)
    return None


def cells_to_tables(cells: list[BBox]) -> list[list[BBox]]:
    """Cells grouped into tables: cells sharing a corner, transitively (pdfplumber's
    grouping), tables top to bottom then left to right; a lone cell is no table."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_corner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = by_corner.setdefault(corner, i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[BBox]] = defaultdict(list)
    for i, cell in enumerate(cells):
        groups[find(i)].append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
