"""Columns read from the text: tables whose columns are drawn by white space, not lines.

Many tables rule only their rows (a line above and below the header, between groups,
at the bottom: the "booktabs" style) or shade whole rows; no closed cells delimit the
columns, so the edge → cell chain of :mod:`ckextract.extract.grid` finds no table or
one whose rows are single cells. Their columns are where the text leaves a gap in
(almost) every line. This module reads them, as a chain of small pure functions:

    horizontal rules → stacks of rules (regions) → lines → segments
    → column gaps → rows → :class:`PageGrid`

and splits a ruled table's merged cell whose text falls into the columns the table
draws elsewhere (a shaded body row drawn as one cell under a header of five).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from pdfplumber import table as pt

from ckextract._typing import BBox, T_obj, T_obj_list
from ckextract.extract.grid import GridCell, PageGrid
from ckextract.extract.rows import is_number
from ckextract.extract.text import glyph_end, group_lines
from ckextract.settings import ExtractSettings


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal line across (part of) a table."""

    x0: float
    x1: float
    y: float

    @property
    def length(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a line's glyphs with no column-sized gap inside."""

    x0: float
    x1: float
    text: str


def body_size(chars: T_obj_list) -> float:
    """The page's typical glyph size (median), 10 when it has no text."""
    sizes = [float(c.get("size") or 0.0) for c in chars if not c["text"].isspace()]
    return median(sizes) if sizes else 10.0


def horizontal_rules(edges: T_obj_list, min_length: float, settings: ExtractSettings) -> list[Rule]:
    """Horizontal edges joined into lines (pieces of one line are joined) at least ``min_length`` long."""
    merged = pt.merge_edges(
        [e for e in edges if e["orientation"] == "h"],
        snap_x_tolerance=settings.snap_tolerance,
        snap_y_tolerance=settings.snap_tolerance,
        join_x_tolerance=settings.join_tolerance,
        join_y_tolerance=settings.join_tolerance,
    )
    rules = [
        Rule(float(e["x0"]), float(e["x1"]), float(e["top"])) for e in merged if e["width"] >= min_length
    ]
    return sorted(rules, key=lambda r: (r.y, r.x0))


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def line_segments(line: T_obj_list, gap_ratio: float) -> list[Segment]:
    """Split a line (glyphs left to right) where the gap is wider than ``gap_ratio`` × size."""
    out: list[Segment] = []
    current: T_obj_list = []
    for ch in line:
        if ch["text"].isspace():
            continue
        size = float(ch.get("size") or 1.0)
        if current and ch["x0"] - glyph_end(current[-1], ch) > gap_ratio * size:
            out.append(_segment(current))
            current = []
        current.append(ch)
    if current:
        out.append(_segment(current))
    return out


def _segment(chars: T_obj_list) -> Segment:
    return Segment(float(chars[0]["x0"]), max(glyph_end(c) for c in chars), "".join(c["text"] for c in chars))


def is_prose(segments: Sequence[Segment], width: float) -> bool:
    """A line of running text: one segment over most of the region's width."""
    return len(segments) == 1 and segments[0].x1 - segments[0].x0 >= 0.75 * width


@dataclass(frozen=True, slots=True)
class Region:
    """Where a table bounded by stacked rules lies, and its rules (top to bottom)."""

    bbox: BBox
    rules: tuple[Rule, ...]


def rule_regions(rules: list[Rule], lines: list[T_obj_list], settings: ExtractSettings) -> list[Region]:
    """Regions bounded above and below by rules that stack: each rule overlaps the region's
    extent over most of the shorter one, and no line of running text lies between them."""
    stacks: list[list[Rule]] = []
    for rule in rules:
        home = None
        for stack in reversed(stacks):
            x0, x1 = min(r.x0 for r in stack), max(r.x1 for r in stack)
            shorter = min(rule.length, x1 - x0)
            if _overlap((rule.x0, rule.x1), (x0, x1)) < 0.5 * shorter:
                continue
            between = [
                ln
                for ln in lines
                if stack[-1].y < ln[0]["top"]
                and ln[0]["bottom"] < rule.y
                and _overlap(_span(ln), (x0, x1)) > 0
            ]
            width = max(x1, rule.x1) - min(x0, rule.x0)
            if any(is_prose(line_segments(ln, settings.column_gap_ratio), width) for ln in between):
                continue
            home = stack
            break
        if home is None:
            stacks.append([rule])
        else:
            home.append(rule)
    return [
        Region((min(r.x0 for r in st), st[0].y, max(r.x1 for r in st), st[-1].y), tuple(st))
        for st in stacks
        if len(st) >= 2 and st[-1].y > st[0].y
    ]


def supersedes(region: Region, grid: PageGrid, tolerance: float) -> bool:
    """Whether a ruled grid is only the closed part of a wider table: at least two of the
    region's rules run along the grid's row borders and on past its sides (a table whose
    inner columns are boxed but whose outer columns are open)."""
    x0, top, x1, bottom = grid.bbox
    if not (region.bbox[1] - tolerance <= top and bottom <= region.bbox[3] + tolerance):
        return False
    through = [
        r
        for r in region.rules
        if any(abs(r.y - y) <= tolerance for y in grid.ys)
        and (r.x0 < x0 - tolerance or r.x1 > x1 + tolerance)
    ]
    return len(through) >= 2


def vertical_borders(
    edges: T_obj_list, region: BBox, min_gap: float, settings: ExtractSettings
) -> list[float]:
    """x of the vertical lines inside a region that run over a good part of its height."""
    merged = pt.merge_edges(
        [e for e in edges if e["orientation"] == "v"],
        snap_x_tolerance=settings.snap_tolerance,
        snap_y_tolerance=settings.snap_tolerance,
        join_x_tolerance=settings.join_tolerance,
        join_y_tolerance=settings.join_tolerance,
    )
    x0, top, x1, bottom = region
    out = []
    for e in merged:
        x = float(e["x0"])
        if x0 + min_gap < x < x1 - min_gap and _overlap((e["top"], e["bottom"]), (top, bottom)) >= 0.3 * (
            bottom - top
        ):
            out.append(x)
    return sorted(out)


def open_regions(
    edges: T_obj_list, chars: T_obj_list, grids: list[PageGrid], settings: ExtractSettings
) -> tuple[list[Region], list[PageGrid]]:
    """Rule-bounded regions to read as tables, and the ruled grids that stay tables of
    their own: a grid that a region :func:`supersedes` is read as part of that region;
    a region overlapping another grid is left to the grid."""
    if not settings.open_tables or not chars:
        return [], grids
    size = body_size(chars)
    rules = horizontal_rules(edges, settings.open_rule_min_length_ratio * size, settings)
    regions = []
    kept = list(grids)
    for region in rule_regions(rules, group_lines(chars), settings):
        inner = [g for g in kept if _overlap_box(g.bbox, region.bbox)]
        if inner and not all(supersedes(region, g, settings.snap_tolerance) for g in inner):
            continue
        kept = [g for g in kept if g not in inner]
        regions.append(region)
    return regions, kept


def _overlap_box(a: BBox, b: BBox) -> bool:
    return _overlap((a[0], a[2]), (b[0], b[2])) > 0 and _overlap((a[1], a[3]), (b[1], b[3])) > 0


def _span(line: T_obj_list) -> tuple[float, float]:
    return (float(min(c["x0"] for c in line)), float(max(c["x1"] for c in line)))


def column_boundaries(
    rows: Sequence[Sequence[Segment]], x0: float, x1: float, min_gap: float, crossings: int
) -> list[float]:
    """Column borders: the middle of every stretch at least ``min_gap`` wide that at most
    ``crossings`` lines cover with text (a header over two columns, a long total label),
    choosing within it where the fewest lines cross. Returns [x0, ..., x1]."""
    segs = [s for row in rows for s in row]
    if not segs:
        return [x0, x1]
    lo, hi = min(s.x0 for s in segs), max(s.x1 for s in segs)
    # coverage: how many lines have text over each stretch between segment ends
    points = sorted({lo, hi, *(s.x0 for s in segs), *(s.x1 for s in segs)})
    stretches: list[tuple[float, float, int]] = []
    for a, b in itertools.pairwise(points):
        mid = (a + b) / 2
        count = sum(1 for row in rows if any(s.x0 < mid < s.x1 for s in row))
        stretches.append((a, b, count))
    borders = [x0]
    i = 0
    while i < len(stretches):
        if stretches[i][2] > crossings:
            i += 1
            continue
        j = i
        while j + 1 < len(stretches) and stretches[j + 1][2] <= crossings:
            j += 1
        low = stretches[i : j + 1]
        fewest = min(c for _, _, c in low)
        if fewest == 0:  # every clear stretch (header words over empty columns sit between them)
            clear = _runs([(a, b) for a, b, c in low if c == 0])
            borders.extend((a + b) / 2 for a, b in clear if b - a >= min_gap)
        elif i > 0 and j < len(stretches) - 1:  # text crosses it; not past the text's ends
            best = max((s for s in low if s[2] == fewest), key=lambda s: s[1] - s[0])
            if low[-1][1] - low[0][0] >= min_gap and best[1] - best[0] > 0:
                borders.append((best[0] + best[1]) / 2)
        i = j + 1
    borders.append(x1)
    return borders


def gap_ranges(
    rows: Sequence[Sequence[Segment]], xs: Sequence[float], forced: Sequence[float] = ()
) -> tuple[tuple[float, float], ...]:
    """For each column border, the white space it lies in: from the nearest text end on
    its left to the nearest text start on its right (text running across it aside).
    The outer borders and drawn lines (``forced``) stay where they are."""
    out = []
    for k, x in enumerate(xs):
        if k in (0, len(xs) - 1) or x in forced:
            out.append((x, x))
            continue
        segs = [s for row in rows for s in row if not s.x0 < x < s.x1]
        lo = max((s.x1 for s in segs if s.x1 <= x), default=x)
        hi = min((s.x0 for s in segs if s.x0 >= x), default=x)
        out.append((lo, hi))
    return tuple(out)


def _runs(stretches: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Adjacent stretches joined."""
    out: list[tuple[float, float]] = []
    for a, b in stretches:
        if out and abs(out[-1][1] - a) < 1e-6:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def supported_borders(
    rows: Sequence[Sequence[Segment]], xs: Sequence[float], keep: Sequence[float] = ()
) -> list[float]:
    """Drop column borders the text does not bear out, weakest first: a border needs text
    ending just left of it and text starting just right of it (in the neighbouring
    columns), in two lines at least on each side when some line's text runs across it
    (the justified words of a header over a wrapped second line make no column).
    Borders in ``keep`` (drawn lines) always stay."""

    def support(xs: list[float], k: int) -> tuple[int, int, bool]:
        left = sum(1 for row in rows if any(xs[k - 1] < s.x1 <= xs[k] and s.x0 >= xs[k - 1] for s in row))
        right = sum(1 for row in rows if any(xs[k] <= s.x0 < xs[k + 1] and s.x1 <= xs[k + 1] for s in row))
        crossed = any(s.x0 < xs[k] < s.x1 for row in rows for s in row)
        return left, right, crossed

    out = list(xs)
    while True:
        weak = [
            (min(left, right), k)
            for k in range(1, len(out) - 1)
            if out[k] not in keep
            for left, right, crossed in [support(out, k)]
            if min(left, right) < (2 if crossed else 1)
        ]
        if not weak:
            return out
        del out[min(weak)[1]]


def _columns_of(seg: Segment, xs: Sequence[float]) -> tuple[int, int]:
    """First and last column a segment lies over (by more than a sliver)."""
    cols = [k for k in range(len(xs) - 1) if _overlap((seg.x0, seg.x1), (xs[k], xs[k + 1])) > 0.5]
    if not cols:
        middle = (seg.x0 + seg.x1) / 2
        k = min(range(len(xs) - 1), key=lambda k: abs((xs[k] + xs[k + 1]) / 2 - middle))
        return k, k
    return cols[0], cols[-1]


def _continues(prev: set[tuple[int, int]], line: list[tuple[int, int]], texts: list[str]) -> bool:
    """Whether a line continues the row above (a header's second line, the wrapped text of
    a cell): it leaves the first column empty, is not numbers, and each of its pieces lies
    in exactly the columns of a piece of that row's lines."""
    if not line or any(c0 == 0 for c0, _ in line):
        return False
    if all(is_number(t) for t in texts):
        return False
    return all(span in prev for span in line)


def open_grid(
    region: BBox,
    chars: T_obj_list,
    inner_rules: Sequence[float],
    forced: Sequence[float],
    page_number: int,
    settings: ExtractSettings,
) -> PageGrid | None:
    """The grid of a rule-bounded region read from its text, or None if it has no columns."""
    x0, top, x1, bottom = region
    lines = group_lines(chars)
    if not lines:
        return None
    size = body_size(chars)
    segments = [line_segments(ln, settings.open_column_gap_ratio) for ln in lines]
    crossings = max(1, len(lines) // 6)
    min_gap = settings.open_min_gap_ratio * size
    xs = column_boundaries(segments, x0, x1, min_gap, crossings)
    if forced:
        found = [x for x in xs[1:-1] if all(abs(x - f) >= min_gap for f in forced)]
        xs = [x0, *sorted([*found, *forced]), x1]
    xs = supported_borders(segments, xs, forced)
    if len(xs) < 3:
        return None
    # rows: each line, unless it continues the row above within the same band of rules
    rows: list[list[int]] = []
    row_spans: set[tuple[int, int]] = set()
    for i, (ln, segs) in enumerate(zip(lines, segments, strict=True)):
        spans = [_columns_of(s, xs) for s in segs]
        ruled = i and any(lines[i - 1][0]["bottom"] <= y <= ln[0]["top"] for y in inner_rules)
        if rows and not ruled and _continues(row_spans, spans, [s.text for s in segs]):
            rows[-1].append(i)
            row_spans.update(spans)
        else:
            rows.append([i])
            row_spans = set(spans)
    multi = sum(1 for segs in segments if len(segs) >= 2)
    if multi < max(2, len(rows) // 2):
        return None
    ys = [top]
    for a, b in itertools.pairwise(rows):
        above = max(float(c["bottom"]) for i in a for c in lines[i])
        below = min(float(c["top"]) for i in b for c in lines[i])
        ys.append((above + below) / 2)
    ys.append(bottom)
    cells: list[GridCell] = []
    for r, members in enumerate(rows):
        row_segs = [s for i in members for s in segments[i]]
        seg_cols = [_columns_of(s, xs) for s in row_segs]
        spans = sorted(
            {
                centred_span(
                    seg, cols, xs, {k for o in seg_cols if o != cols for k in range(o[0], o[1] + 1)}, size
                )
                for seg, cols in zip(row_segs, seg_cols, strict=True)
            }
        )
        taken = [False] * (len(xs) - 1)
        for c0, c1 in spans:
            if any(taken[c0 : c1 + 1]):
                continue
            for k in range(c0, c1 + 1):
                taken[k] = True
            cells.append(GridCell(r, c0, 1, c1 - c0 + 1, (xs[c0], ys[r], xs[c1 + 1], ys[r + 1])))
        for k, used in enumerate(taken):
            if not used:
                cells.append(GridCell(r, k, 1, 1, (xs[k], ys[r], xs[k + 1], ys[r + 1])))
    cells.sort(key=lambda c: (c.row, c.col))
    return PageGrid(page_number, tuple(xs), tuple(ys), tuple(cells), gap_ranges(segments, xs, forced))


def centred_span(
    seg: Segment, span: tuple[int, int], xs: Sequence[float], occupied: set[int], tolerance: float
) -> tuple[int, int]:
    """The columns a text over several columns heads: those it is centred over (a group
    header centred over three columns may reach over only two of them), widened only
    over columns empty in its row and only when that centres it within ``tolerance``."""
    c0, c1 = span
    if c0 == c1:
        return span
    middle = (seg.x0 + seg.x1) / 2

    def error(a: int, b: int) -> float:
        return abs((xs[a] + xs[b + 1]) / 2 - middle)

    best, best_error = span, error(c0, c1)
    for a in range(c0, -1, -1):
        if a < c0 and a in occupied:
            break
        for b in range(c1, len(xs) - 1):
            if b > c1 and b in occupied:
                break
            if error(a, b) < best_error:
                best, best_error = (a, b), error(a, b)
    return best if best == span or best_error <= tolerance else span


def _inside(ch: T_obj, box: BBox, slack: float) -> bool:
    middle_y = (ch["top"] + ch["bottom"]) / 2
    middle_x = (ch["x0"] + ch["x1"]) / 2
    return bool(box[0] - slack <= middle_x <= box[2] + slack and box[1] < middle_y < box[3])


def read_region(
    region: Region, edges: T_obj_list, chars: T_obj_list, page_number: int, settings: ExtractSettings
) -> PageGrid | None:
    """The grid of one rule-bounded region, from the page's free ``chars`` inside it."""
    size = body_size(chars)
    inside = [c for c in chars if _inside(c, region.bbox, size)]
    forced = vertical_borders(edges, region.bbox, settings.open_min_gap_ratio * size, settings)
    inner = [r.y for r in region.rules[1:-1]]
    return open_grid(region.bbox, inside, inner, forced, page_number, settings)


def split_merged_cells(
    grid: PageGrid, chars_by_cell: dict[int, T_obj_list], settings: ExtractSettings
) -> PageGrid:
    """Split a cell merged over several columns whose text lies in those columns: each
    piece of each line within one of them, pieces in at least two (a body row shaded as
    one box under a header that draws the columns). A merged header whose text runs
    across the columns stays merged."""
    cells: list[GridCell] = []
    changed = False
    for i, cell in enumerate(grid.cells):
        chars = chars_by_cell.get(i, [])
        if cell.col_span > 1 and chars:
            xs = grid.xs[cell.col : cell.col + cell.col_span + 1]
            homes: set[int] = set()
            clean = True
            for ln in group_lines(chars):
                for seg in line_segments(ln, settings.open_column_gap_ratio):
                    c0, c1 = _columns_of(seg, xs)
                    if c0 != c1:
                        clean = False
                    homes.add(c0)
            if clean and len(homes) >= 2:
                changed = True
                for k in range(cell.col_span):
                    col = cell.col + k
                    box = (grid.xs[col], cell.bbox[1], grid.xs[col + 1], cell.bbox[3])
                    cells.append(GridCell(cell.row, col, cell.row_span, 1, box))
                continue
        cells.append(cell)
    if not changed:
        return grid
    cells.sort(key=lambda c: (c.row, c.col))
    return PageGrid(grid.page_number, grid.xs, grid.ys, tuple(cells), grid.x_ranges)
