"""Columns read from the text: tables whose columns are drawn by white space, not lines.

Many tables rule only their rows (the "booktabs" style) or shade whole rows; no
closed cells delimit the columns, so the edge → cell chain of
:mod:`ckextract.extract.grid` finds no table there, or one whose rows are single cells.
Their columns are where the text leaves a gap in (almost) every line. The chain, for
a region that :mod:`ckextract.extract.rules` found:

    lines → segments → column gaps → supported borders → rows → :class:`PageGrid`

and :func:`split_merged_cells` splits a ruled table's merged cell whose text falls
into the columns the table draws elsewhere (a shaded body row drawn as one cell
under a header of five).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ckextract._typing import BBox, T_obj, T_obj_list
from ckextract.extract.grid import GridCell, PageGrid
from ckextract.extract.rows import is_number
from ckextract.extract.rules import Region, Segment, body_size, line_segments, overlap, vertical_borders
from ckextract.extract.text import group_lines
from ckextract.settings import ExtractSettings


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
    # coverage: how many lines have text over each stretch between segment ends (a sweep:
    # a line's segments never overlap, so the lines over a stretch are its open segments)
    points = sorted({lo, hi, *(s.x0 for s in segs), *(s.x1 for s in segs)})
    delta: dict[float, int] = {}
    for seg in segs:
        if seg.x1 > seg.x0:
            delta[seg.x0] = delta.get(seg.x0, 0) + 1
            delta[seg.x1] = delta.get(seg.x1, 0) - 1
    stretches: list[tuple[float, float, int]] = []
    count = 0
    for a, b in itertools.pairwise(points):
        count += delta.get(a, 0)
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
        clear = _runs([(a, b) for a, b, c in low if c == 0])
        wide = [(a + b) / 2 for a, b in clear if b - a >= min_gap]
        if wide:  # every clear stretch (header words over empty columns sit between them)
            borders.extend(wide)
        elif i > 0 and j < len(stretches) - 1:  # text crosses it (or leaves only a sliver
            # clear: a group header centred over the columns); not past the text's ends
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
    cols = [k for k in range(len(xs) - 1) if overlap((seg.x0, seg.x1), (xs[k], xs[k + 1])) > 0.5]
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
    # the table's sides: its rules' ends, or its text where it runs past them (a typed
    # rule a little shorter than the rows it rules)
    x0 = min(x0, min((s.x0 for segs in segments for s in segs), default=x0))
    x1 = max(x1, max((s.x1 for segs in segments for s in segs), default=x1))
    crossings = max(1, len(lines) // 6)
    min_gap = settings.open_min_gap_ratio * size
    xs = column_boundaries(segments, x0, x1, min_gap, crossings)
    if forced:
        found = [x for x in xs[1:-1] if all(abs(x - f) >= min_gap for f in forced)]
        xs = [x0, *sorted([*found, *forced]), x1]
    xs = supported_borders(segments, xs, forced)
    if len(xs) < 3:
        return None
    segments = [[piece for seg in segs for piece in seg.split_at(xs[1:-1], size / 2)] for segs in segments]
    columns = [[_columns_of(seg, xs) for seg in segs] for segs in segments]  # per line, per segment
    # rows: each line, unless it continues the row above within the same band of rules
    # (or every band of rules is one row: see rows_ruled_one_by_one)
    bands = _bands(lines, inner_rules)
    one_per_band = rows_ruled_one_by_one(bands, segments)
    gaps = [_top(b) - _bottom(a) for a, b in itertools.pairwise(lines)]
    typical_gap = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    rows: list[list[int]] = []
    row_spans: set[tuple[int, int]] = set()
    for i, (segs, spans) in enumerate(zip(segments, columns, strict=True)):
        ruled = i and bands[i] != bands[i - 1]
        has_figures = any(c0 > 0 for c0, _ in row_spans)  # a heading alone wraps into no row
        label_wraps = (
            (0, 0) in row_spans
            and has_figures
            and wraps_label(
                segments[rows[-1][0]] if rows else [],
                segs,
                spans,
                gaps[i - 1] if i else 0.0,
                typical_gap,
                size,
            )
        )
        if rows and not ruled and (one_per_band or label_wraps):
            rows[-1].append(i)
        elif rows and not ruled and _continues(row_spans, spans, [s.text for s in segs]):
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
        seg_cols = [cols for i in members for cols in columns[i]]
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


WRAP_GAP_SHARE = 0.6
"""A line of the first column alone continues the label above it when the white space
above it is less than this share of the table's usual space between lines (a wrapped
label is set at its paragraph's leading, rows further apart)..."""
WRAP_INDENT_EMS = 0.5
"""...or when it is indented by at least this many ems under the label (a hanging indent)."""


def _top(line: T_obj_list) -> float:
    return float(min(c["top"] for c in line))


def _bottom(line: T_obj_list) -> float:
    return float(max(c["bottom"] for c in line))


def wraps_label(
    row_first: Sequence[Segment],
    segs: Sequence[Segment],
    spans: Sequence[tuple[int, int]],
    gap: float,
    typical_gap: float,
    size: float,
) -> bool:
    """Whether a line continues the row label above it (a label wrapped onto a second
    line, the row's figures beside its first): text in the first column only, not a
    number, and set closer than rows are (:data:`WRAP_GAP_SHARE`) or indented under the
    label (:data:`WRAP_INDENT_EMS`)."""
    if not segs or any(span[0] != 0 for span in spans) or all(is_number(s.text) for s in segs):
        return False
    if not row_first:
        return False
    indented = segs[0].x0 - row_first[0].x0 >= WRAP_INDENT_EMS * size
    return indented or gap < WRAP_GAP_SHARE * typical_gap


BAND_ROW_SHARE = 0.6
"""Rules bound each row (not groups of rows) when in at least this share of the bands
between them one line only has text in several columns."""


def _bands(lines: Sequence[T_obj_list], rules: Sequence[float]) -> list[int]:
    """For each line, the band of rules it lies in (0 above the first inner rule)."""
    ys = sorted(rules)
    return [sum(1 for y in ys if y <= ln[0]["top"]) for ln in lines]


def rows_ruled_one_by_one(bands: Sequence[int], segments: Sequence[Sequence[Segment]]) -> bool:
    """Whether the rules separate rows, so that all lines between two rules are one row
    (a name wrapped in its first column, a long value in its last): in at least
    :data:`BAND_ROW_SHARE` of three bands or more, one line alone has several pieces."""
    multi: dict[int, int] = {}
    for band, segs in zip(bands, segments, strict=True):
        multi[band] = multi.get(band, 0) + (len(segs) >= 2)
    return len(multi) >= 3 and sum(1 for n in multi.values() if n == 1) >= BAND_ROW_SHARE * len(multi)


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
    """The grid of one rule-bounded region, from the page's free ``chars`` inside it (and
    its header, when that is set above the first rule: see :func:`header_top`)."""
    size = body_size(chars)
    box = region.bbox
    forced = vertical_borders(edges, box, settings.open_min_gap_ratio * size, settings)
    inner = [r.y for r in region.rules[1:-1]]
    grid = open_grid(box, [c for c in chars if _inside(c, box, size)], inner, forced, page_number, settings)
    if grid is None:
        return None
    top = header_top(box, chars, grid.xs, size, settings)
    if top is None:
        return grid
    box = (box[0], top, box[2], box[3])
    inner = [region.rules[0].y, *inner]
    wider = open_grid(box, [c for c in chars if _inside(c, box, size)], inner, forced, page_number, settings)
    return wider or grid


MAX_HEADER_LINES = 3


def header_top(
    box: BBox, chars: T_obj_list, xs: Sequence[float], size: float, settings: ExtractSettings
) -> float | None:
    """Where a header set above a table's first rule begins (a table ruled only under its
    header and at its foot), or None. Up to three lines just above the rule, each close
    to the one below, each in two pieces or more, each piece within one of the table's
    columns (a caption's long text, running text, a title do not qualify)."""
    x0, top, x1, _ = box
    reach = MAX_HEADER_LINES * 2.5 * size
    above = [
        c for c in chars if c["bottom"] <= top + 0.5 and c["top"] >= top - reach and x0 - size <= c["x0"] < x1
    ]
    edge, found = top, None
    for line in list(reversed(group_lines(above)))[:MAX_HEADER_LINES]:  # nearest the rule first
        if edge - max(c["bottom"] for c in line) > 0.8 * size:
            break
        segs = line_segments(line, settings.open_column_gap_ratio)
        spans = [_columns_of(seg, xs) for seg in segs]
        if len(segs) < 2 or len({c0 for c0, _ in spans}) < 2 or any(c1 != c0 for c0, c1 in spans):
            break
        edge = min(c["top"] for c in line)
        found = edge - 0.5
    return found


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
