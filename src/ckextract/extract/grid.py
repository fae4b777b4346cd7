"""Edges → intersections → cells → grids: where the tables on a page are.

Ruled tables give edges through their lines; PowerPoint-style tables give them
through the shaded rectangle of every cell (white gaps between the rectangles
are snapped shut). pdfplumber's own pure functions do the geometry; this
module chooses the edges and turns pdfplumber's cell boxes into a row/column
grid with merged cells (spans).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from pdfplumber import table as pt
from pdfplumber.utils import geometry

from ckextract._typing import BBox, T_obj, T_obj_list
from ckextract.extract import cells
from ckextract.extract.limits import Work
from ckextract.settings import ExtractSettings


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox


@dataclass(frozen=True, slots=True)
class PageGrid:
    """One table's grid on one page: column and row boundaries, and its cells."""

    page_number: int
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]
    x_ranges: tuple[tuple[float, float], ...] = ()
    """For a grid read from white space, where each of ``xs`` may lie (its gap between
    texts); empty for a ruled grid, whose borders are drawn."""
    found_by: str = "rules"
    """Why it was taken for a table: ``rules`` (drawn cells), ``both`` (rules bound its
    rows, the text's alignment gives its columns) or ``alignment`` (the text alone)."""
    confidence: float = 1.0
    """How sure the finder is, 0–1: see :func:`ckextract.extract.tables.confidence`."""

    def x_range(self, i: int, tolerance: float) -> tuple[float, float]:
        """Where border ``xs[i]`` may lie: its gap, or ``tolerance`` around a drawn line."""
        if self.x_ranges:
            lo, hi = self.x_ranges[i]
            return (min(lo, self.xs[i] - tolerance), max(hi, self.xs[i] + tolerance))
        return (self.xs[i] - tolerance, self.xs[i] + tolerance)

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def owners(self) -> list[list[int]]:
        """For every grid position, the index of the cell covering it (-1 if none)."""
        own = [[-1] * self.n_cols for _ in range(self.n_rows)]
        for i, c in enumerate(self.cells):
            for r in range(c.row, c.row + c.row_span):
                for k in range(c.col, c.col + c.col_span):
                    own[r][k] = i
        return own

    def locate(self, x: float, y: float, tolerance: float = 0.0) -> tuple[int, int] | None:
        """Grid position containing the point, if inside the table (or within
        ``tolerance`` of its outer border: borders have width, shaded cells are inset)."""
        if not (
            self.xs[0] - tolerance <= x <= self.xs[-1] + tolerance
            and self.ys[0] - tolerance <= y <= self.ys[-1] + tolerance
        ):
            return None
        c = min(max(bisect_left(self.xs, x) - 1, 0), self.n_cols - 1)
        r = min(max(bisect_left(self.ys, y) - 1, 0), self.n_rows - 1)
        return r, c


def _is_visible(obj: T_obj) -> bool:
    return bool(obj.get("fill") or obj.get("stroke"))


def _side(rect: T_obj, edge: T_obj) -> str:
    if edge["orientation"] == "h":
        return "top" if abs(edge["top"] - rect["top"]) < 1e-6 else "bottom"
    return "left" if abs(edge["x0"] - rect["x0"]) < 1e-6 else "right"


class Seams:
    """Sides where two filled, unstroked rectangles of one colour meet: no line is seen
    there (a shaded cell drawn as a rectangle per text line), so no cell border either.
    Rectangles are looked up by colour and rounded coordinate (linear, not pairwise)."""

    TOUCH = 0.5
    COVER = 0.9
    RULE = 2.0
    """A filled rectangle thinner than this is a line drawn as a rectangle, not shading."""

    @classmethod
    def _shading(cls, rect: T_obj) -> bool:
        return (
            bool(rect.get("fill"))
            and not rect.get("stroke")
            and min(rect["width"], rect["height"]) >= cls.RULE
        )

    def __init__(self, rects: T_obj_list) -> None:
        self._by_side: dict[tuple[str, str, int], T_obj_list] = {}
        for r in rects:
            if not self._shading(r):
                continue
            colour = str(r.get("non_stroking_color"))
            for side in ("top", "bottom", "x0", "x1"):
                self._by_side.setdefault((colour, side, round(r[side])), []).append(r)

    def hidden_sides(self, rect: T_obj) -> set[str]:
        """The sides of ``rect`` (top, bottom, left, right) that meet a same-coloured fill."""
        if not self._by_side or not self._shading(rect):
            return set()
        colour = str(rect.get("non_stroking_color"))
        out = set()
        for side, at, facing, lo, hi, a, b in (
            ("top", rect["top"], "bottom", rect["x0"], rect["x1"], "x0", "x1"),
            ("bottom", rect["bottom"], "top", rect["x0"], rect["x1"], "x0", "x1"),
            ("left", rect["x0"], "x1", rect["top"], rect["bottom"], "top", "bottom"),
            ("right", rect["x1"], "x0", rect["top"], rect["bottom"], "top", "bottom"),
        ):
            k = round(at)
            for bucket in (k - 1, k, k + 1):
                for other in self._by_side.get((colour, facing, bucket), ()):
                    if (
                        other is not rect
                        and abs(other[facing] - at) <= self.TOUCH
                        and min(hi, other[b]) - max(lo, other[a]) >= self.COVER * (hi - lo)
                    ):
                        out.add(side)
        return out


def page_edges(
    rects: T_obj_list, lines: T_obj_list, curves: T_obj_list, page_bbox: BBox, settings: ExtractSettings
) -> T_obj_list:
    """Candidate table edges: visible lines, rectangle sides and curve segments.

    A rectangle that covers (almost) the whole page is its background and is left out.
    """
    px0, ptop, px1, pbottom = page_bbox
    page_area = max((px1 - px0) * (pbottom - ptop), 1.0)
    edges: T_obj_list = []
    shown = [
        r
        for r in rects
        if _is_visible(r) and r["width"] * r["height"] < settings.background_area_ratio * page_area
    ]
    seams = Seams(shown)
    for rect in shown:
        hidden = seams.hidden_sides(rect)
        edges.extend(e for e in geometry.rect_to_edges(rect) if not hidden or _side(rect, e) not in hidden)
    edges.extend(geometry.line_to_edge(line) for line in lines)
    for curve in curves:
        edges.extend(geometry.curve_to_edges(curve))
    return [
        e
        for e in edges
        if e.get("orientation") in ("h", "v")  # diagonal curve segments bound no cell
        and (e["width"] if e["orientation"] == "h" else e["height"]) >= settings.edge_min_length
    ]


def merge_edges(edges: T_obj_list, settings: ExtractSettings) -> T_obj_list:
    """Edges snapped onto shared lines and collinear pieces joined (pdfplumber's ``merge_edges``)."""
    return pt.merge_edges(
        edges,
        snap_x_tolerance=settings.snap_tolerance,
        snap_y_tolerance=settings.snap_tolerance,
        join_x_tolerance=settings.join_tolerance,
        join_y_tolerance=settings.join_tolerance,
    )


CELL_WORK_PER_POINT = 20
"""Point pairs a grid may examine per crossing (a regular grid needs about 3) before the
page is refused as too complex; plus :data:`CELL_WORK_BASE`."""
CELL_WORK_BASE = 10_000


def find_cell_boxes(edges: T_obj_list, settings: ExtractSettings) -> list[list[BBox]]:
    """Group the cells that the edges enclose into tables (pdfplumber's algorithm, with
    bounded work: :mod:`.cells`)."""
    merged = merge_edges(edges, settings)
    merged = geometry.filter_edges(merged, min_length=settings.edge_min_length)
    tolerance = settings.intersection_tolerance
    points = cells.edges_to_intersections(merged, tolerance, tolerance, settings.max_crossings_per_page)
    work = Work(CELL_WORK_BASE + CELL_WORK_PER_POINT * len(points))
    return cells.cells_to_tables(cells.intersections_to_cells(points, work))


def _cluster(values: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def _index(bounds: list[float], value: float) -> int:
    """The index of the bound nearest ``value`` (``bounds`` sorted)."""
    i = bisect_left(bounds, value)
    if i == 0:
        return 0
    if i == len(bounds):
        return len(bounds) - 1
    return i if bounds[i] - value < value - bounds[i - 1] else i - 1


def boxes_to_grid(boxes: list[BBox], page_number: int, tolerance: float) -> PageGrid:
    """Turn one table's cell boxes into a grid: boundaries, positions and spans."""
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], tolerance)
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], tolerance)
    cells = []
    for b in boxes:
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        if c1 <= c0 or r1 <= r0:
            continue
        cells.append(GridCell(r0, c0, r1 - r0, c1 - c0, b))
    cells.sort(key=lambda c: (c.row, c.col))
    return PageGrid(page_number, tuple(xs), tuple(ys), tuple(cells))


def find_grids(edges: T_obj_list, page_number: int, settings: ExtractSettings) -> list[PageGrid]:
    """All ruled tables on a page (from its :func:`page_edges`), top to bottom, each as a :class:`PageGrid`."""
    grids = [
        boxes_to_grid(boxes, page_number, settings.intersection_tolerance)
        for boxes in find_cell_boxes(edges, settings)
        if len(boxes) >= settings.min_cells
    ]
    grids = [g for g in grids if len(g.cells) >= settings.min_cells]
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))
