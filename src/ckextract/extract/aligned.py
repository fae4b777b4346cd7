"""Tables drawn by white space only, found from the alignment of their text.

A price list or a report's statistics table may draw nothing at all: no line, no
shading, no typed rule. What shows it is a table is its text: consecutive lines cut by
the same white-space gaps into pieces that line up (on their left edges, their right
edges or their centres) at a steady pitch, usually under a header. Running text, a
numbered list, a table of contents, a chart's axis labels or a slide's text boxes are
lines too, and must not be read as tables. The chain, on the text that no ruled table
took:

    lines → pieces → blocks of consecutive lines with pieces → columns (gaps most
    lines share) → side-by-side blocks split → tests (alignment, not prose, not a
    list, not a table of contents, no markers) → regions for :mod:`.columns`

:mod:`.columns` then reads each region's cells exactly as it reads a region bounded by
rules.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from ckextract._typing import BBox, T_obj_list
from ckextract.extract.columns import (
    WRAP_GAP_SHARE,
    WRAP_INDENT_EMS,
    column_boundaries,
    gap_ranges,
    open_grid,
    supported_borders,
)
from ckextract.extract.grid import PageGrid
from ckextract.extract.rows import is_number
from ckextract.extract.rules import Segment, body_size, line_segments
from ckextract.extract.text import group_lines
from ckextract.settings import ExtractSettings

PIECE_GAP_EMS = 1.0
"""Two pieces of a line are apart by at least this many ems: a word space is about a
third of an em, a justified line's widest about two thirds; a typewriter table leaves
two spaces (1.2 em in a monospaced font) at the least."""
MAX_ROW_GAP_EMS = 2.0
"""Consecutive lines of one table are at most this many ems apart (white space between
them): a blank line between rows is allowed, a paragraph break before a heading is not."""
MAX_PLAIN_LINES = 2
"""Lines of one piece inside a table (a row label, a wrapped cell, a section heading such
as ``Outlays:``); more in a row end it."""
MIN_ROWS = 3
"""Lines with pieces a table has at least (a header and two rows)."""
MIN_COLUMNS = 3
"""Columns an alignment-only table has at least; two are enough only for figures beside
labels (see :func:`_two_column_table`)."""
ALIGNED_SHARE = 0.6
"""A column is aligned when at least this share of its pieces share a left edge, a right
edge or a centre (within half an em)."""
PROSE_WORDS = 4
"""A column whose pieces hold at least this many words (median) and fill its width is
running text set in columns, not a table's column."""
PROSE_FILL = 0.7
"""...fill: median piece width over the column's widest piece."""
NUMERIC_SHARE = 0.7
"""A column of figures: at least this share of its pieces are numbers."""
MARKER_SHARE = 0.3
"""A block where this share of pieces start with a bullet or marker is a list or a map
slide's entries, not a table."""
FILLED_SHARE = 0.5
"""A table's lines fill at least this share of its columns (median over lines with two
pieces or more); a diagram's labels scattered over the page do not."""
BOXED_SHARE = 0.3
"""A block where this share of pieces sit inside drawn boxes smaller than the block is a
diagram or a slide's text boxes (a ruled table's boxes took their text before)."""
MAX_BOXES = 2_000
"""Boxes among a block's text beyond which it is taken for a diagram without looking
further (bounds the piece-by-box test on a hostile page: :mod:`.limits`)."""
CHART_SHAPES_SHARE = 0.5
"""A block with at least this many small drawn shapes per piece of text among it (bars,
legend swatches, plotted points) is a chart's labels and legend."""
SHORT_VALUE_CHARS = 6
"""A column of values: its pieces are numbers, or short (at most this many characters,
median), or repeat (half of them or fewer distinct). An alignment-only table has one; a
slide's columns of entries (every piece a long name) have none."""
SIDE_BY_SIDE_RATIO = 2.0
"""A gap at least this many times wider than every other column gap (and 3 ems at the
least), between two sides with the same number of columns, separates two tables set
side by side (a long list continued in a second column), not two columns of one."""
SIDE_BY_SIDE_MIN_EMS = 3.0

MARKERS = frozenset("●○■□◆◇▲△▼▽★☆◎•・※►▶➢✓✔-–—")
"""Glyphs that start a list item or a map entry."""
LIST_ITEM = re.compile(r"^(\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[①-⑳]|第\d+[章節条])$")
"""A list item's number or letter alone in a piece: ``1.``, ``(a)``, ``①``, ``第3章``."""


@dataclass(frozen=True, slots=True)
class Line:
    """A visual line and its pieces (text runs separated by column-sized gaps)."""

    chars: T_obj_list
    top: float
    bottom: float
    pieces: tuple[Segment, ...]
    words: tuple[int, ...] = ()
    """Words in each piece (runs of glyphs apart by a word space, or CJK glyphs by four)."""


@dataclass(frozen=True, slots=True)
class AlignedRegion:
    """Where an alignment-only table lies, and how well its text lines up (0–1)."""

    bbox: BBox
    alignment: float
    size: float = 10.0
    """The body text size of the page (ems are measured in it)."""


def page_lines(chars: T_obj_list, size: float) -> list[Line]:
    """The free glyphs as lines, each cut into pieces at gaps of :data:`PIECE_GAP_EMS`."""
    out = []
    for ln in group_lines(chars):
        shown = [c for c in ln if not c["text"].isspace()]
        if not shown:
            continue
        pieces = tuple(line_segments(shown, PIECE_GAP_EMS * size / _size(shown)))
        words = tuple(_words([c for c in shown if p.x0 <= c["x0"] < p.x1 + 0.01]) for p in pieces)
        out.append(Line(shown, min(c["top"] for c in shown), max(c["bottom"] for c in shown), pieces, words))
    return out


WORD_GAP_EMS = 0.2
"""Glyphs further apart than this many ems are two words (PDFs often draw no space glyph)."""
CJK_GLYPHS_PER_WORD = 4
"""Japanese and Chinese write no spaces: about this many glyphs count as a word."""


def _words(chars: T_obj_list) -> int:
    """Words of a piece's glyphs, by the gaps between them; CJK glyphs by four."""
    latin = [c for c in chars if ord(c["text"][:1] or " ") < 0x3000]
    cjk = len(chars) - len(latin)
    words = 1 if latin else 0
    for a, b in itertools.pairwise(latin):
        if b["x0"] - a["x1"] > WORD_GAP_EMS * float(a.get("size") or 10.0):
            words += 1
    return words + cjk // CJK_GLYPHS_PER_WORD


def _size(chars: T_obj_list) -> float:
    """The line's own glyph size relative to which ``line_segments`` measures gaps."""
    return median(float(c.get("size") or 10.0) for c in chars) or 10.0


def blocks(lines: Sequence[Line], size: float) -> list[list[Line]]:
    """Runs of consecutive lines with two pieces or more, no further apart than
    :data:`MAX_ROW_GAP_EMS`, holding at most :data:`MAX_PLAIN_LINES` one-piece lines in
    a row; one-piece lines at a run's ends are left out."""
    out: list[list[Line]] = []
    current: list[Line] = []
    plain = 0
    for line in lines:
        near = current and line.top - current[-1].bottom <= MAX_ROW_GAP_EMS * size
        if not near or (len(line.pieces) < 2 and plain >= MAX_PLAIN_LINES):
            out.append(current)
            current, plain = [], 0
        if len(line.pieces) < 2 and not current:
            continue
        current.append(line)
        plain = plain + 1 if len(line.pieces) < 2 else 0
    out.append(current)
    trimmed = []
    for block in out:
        while block and len(block[-1].pieces) < 2 and not _wrapped_tail(block, size):
            block.pop()
        if sum(1 for ln in block if len(ln.pieces) >= 2) >= MIN_ROWS:
            trimmed.append(_with_group_headers(block, lines, size))
    return trimmed


def _wrapped_tail(block: Sequence[Line], size: float) -> bool:
    """Whether the block's last line (one piece) is the last row's label wrapped onto a
    second line: in the label column, set closer than rows or indented (see
    :func:`ckextract.extract.columns.wraps_label`)."""
    if len(block) < 3:
        return False
    last, before = block[-1], block[-2]
    gaps = sorted(b.top - a.bottom for a, b in itertools.pairwise(block[:-1]))
    typical = gaps[len(gaps) // 2]
    left = min(p.x0 for ln in block for p in ln.pieces)
    second = min((ln.pieces[1].x0 for ln in block if len(ln.pieces) >= 2), default=left)
    piece = last.pieces[0]
    in_label_column = piece.x0 < second and not is_number(piece.text) and len(before.pieces) >= 2
    close = last.top - before.bottom < WRAP_GAP_SHARE * typical
    indented = piece.x0 - left >= WRAP_INDENT_EMS * size
    return in_label_column and (close or indented)


MAX_GROUP_HEADER_LINES = 2
"""Lines of group headers (a label centred over several columns, one piece a line) a
table may have above its header."""
GROUP_HEADER_WORDS = 4
"""...each of at most this many words."""


def _with_group_headers(block: list[Line], lines: Sequence[Line], size: float) -> list[Line]:
    """The block with the one-piece lines just above it that head its figure columns
    (``Projected`` over the years it projects): right of its first column, within its
    width, short."""
    start = next(i for i, ln in enumerate(lines) if ln is block[0])
    left = min(p.x0 for ln in block for p in ln.pieces)
    first_end = max((ln.pieces[0].x1 for ln in block if len(ln.pieces) >= 2), default=left)
    right = max(p.x1 for ln in block for p in ln.pieces)
    heads: list[Line] = []
    for ln in reversed(lines[max(0, start - MAX_GROUP_HEADER_LINES) : start]):
        below = heads[0] if heads else block[0]
        if below.top - ln.bottom > MAX_ROW_GAP_EMS * size or len(ln.pieces) >= 2:
            break
        piece = ln.pieces[0]
        if (
            piece.x0 <= first_end
            or piece.x1 > right + size
            or (ln.words and ln.words[0] > GROUP_HEADER_WORDS)
        ):
            break
        heads.insert(0, ln)
    return [*heads, *block]


def _span(block: Sequence[Line]) -> tuple[float, float]:
    return min(p.x0 for ln in block for p in ln.pieces), max(p.x1 for ln in block for p in ln.pieces)


def borders(block: Sequence[Line], size: float) -> list[float]:
    """Column borders of a block, [x0, ..., x1]: gaps that (almost) every line leaves,
    kept only where text ends left of them and starts right of them."""
    rows = [ln.pieces for ln in block]
    x0, x1 = _span(block)
    crossings = max(1, len(block) // 6)
    xs = column_boundaries(rows, x0, x1, PIECE_GAP_EMS * size, crossings)
    return supported_borders(rows, xs)


def _column_pieces(block: Sequence[Line], xs: Sequence[float]) -> list[list[tuple[Segment, int]]]:
    """The pieces (and their word counts) lying within each column (a piece across a
    border belongs to none)."""
    cols: list[list[tuple[Segment, int]]] = [[] for _ in range(len(xs) - 1)]
    for ln in block:
        for p, w in zip(ln.pieces, ln.words or (1,) * len(ln.pieces), strict=True):
            for k in range(len(xs) - 1):
                if xs[k] - 0.5 <= p.x0 and p.x1 <= xs[k + 1] + 0.5:
                    cols[k].append((p, w))
                    break
    return cols


def split_side_by_side(
    block: list[Line], xs: list[float], size: float
) -> list[tuple[list[Line], list[float]]]:
    """A block of two tables set side by side (see :data:`SIDE_BY_SIDE_RATIO`) as two."""
    if len(xs) < 5:
        return [(block, xs)]
    gaps = gap_ranges([ln.pieces for ln in block], xs)
    widths = [hi - lo for lo, hi in gaps[1:-1]]
    k = max(range(len(widths)), key=lambda i: widths[i])
    others = widths[:k] + widths[k + 1 :]
    left_cols, right_cols = k + 1, len(xs) - 2 - k
    if (
        widths[k] < SIDE_BY_SIDE_MIN_EMS * size
        or any(widths[k] < SIDE_BY_SIDE_RATIO * w for w in others)
        or left_cols != right_cols
        or left_cols < 2
    ):
        return [(block, xs)]
    cut = xs[k + 1]
    out = []
    for side_xs, left in ((xs[: k + 2], True), (xs[k + 1 :], False)):
        side = []
        for ln in block:
            kept = [(p, w) for p, w in zip(ln.pieces, ln.words, strict=True) if (p.x1 <= cut) == left]
            if kept:
                pieces, words = zip(*kept, strict=True)
                side.append(Line(ln.chars, ln.top, ln.bottom, tuple(pieces), tuple(words)))
        if sum(1 for ln in side if len(ln.pieces) >= 2) >= MIN_ROWS:
            x0, x1 = _span(side)
            out.append((side, [x0, *side_xs[1:-1], x1]))
    return out or [(block, xs)]


def aligned(column: Sequence[tuple[Segment, int]], size: float) -> bool:
    """Whether a column's pieces line up on a left edge, a right edge or a centre."""
    pieces = [p for p, _ in column]
    if len(pieces) < 2:
        return True
    tolerance = size / 2
    lefts, rights, centres = (
        [p.x0 for p in pieces],
        [p.x1 for p in pieces],
        [(p.x0 + p.x1) / 2 for p in pieces],
    )
    return any(
        _densest(values, 2 * tolerance) >= ALIGNED_SHARE * len(pieces) for values in (lefts, rights, centres)
    )


def _densest(values: list[float], width: float) -> int:
    """The most values within any window of ``width`` (sorted, two pointers: linear after
    the sort, so a column of thousands of pieces costs no more than its sort)."""
    ordered = sorted(values)
    best = start = 0
    for end, value in enumerate(ordered):
        while value - ordered[start] > width:
            start += 1
        best = max(best, end - start + 1)
    return best


def is_prose_column(pieces: Sequence[tuple[Segment, int]]) -> bool:
    """Running text set in a column: many words per piece, each piece filling the column."""
    if not pieces:
        return False
    words = median(w for _, w in pieces)
    widest = max(p.x1 - p.x0 for p, _ in pieces)
    fill = median((p.x1 - p.x0) / widest for p, _ in pieces) if widest else 0.0
    return words >= PROSE_WORDS and fill >= PROSE_FILL


def _numeric(pieces: Sequence[tuple[Segment, int]]) -> bool:
    return bool(pieces) and sum(1 for p, _ in pieces if is_number(p.text)) >= NUMERIC_SHARE * len(pieces)


def _is_contents(figures: Sequence[tuple[Segment, int]]) -> bool:
    """A table of contents: whole numbers (page numbers) that never go down."""
    pages = [p.text for p, _ in figures]
    if not all(t.isdigit() for t in pages):
        return False
    numbers = [int(t) for t in pages]
    return all(a <= b for a, b in itertools.pairwise(numbers))


def _two_column_table(cols: Sequence[Sequence[tuple[Segment, int]]]) -> bool:
    """Two columns make a table only as labels beside figures, not a list's numbers
    beside text, and not a table of contents."""
    labels, figures = cols
    if not _numeric(figures) or _numeric(labels):
        return False
    return not _is_contents(figures)


def is_value_column(column: Sequence[tuple[Segment, int]]) -> bool:
    """Numbers, short values or repeated values (see :data:`SHORT_VALUE_CHARS`)."""
    texts = [p.text for p, _ in column]
    if not texts:
        return False
    short = median(len(t) for t in texts) <= SHORT_VALUE_CHARS
    repeated = len(texts) >= MIN_ROWS and len(set(texts)) * 2 <= len(texts)
    return _numeric(column) or short or repeated


def _has_markers(block: Sequence[Line]) -> bool:
    pieces = [p for ln in block for p in ln.pieces]
    marked = sum(1 for p in pieces if p.text[:1] in MARKERS or LIST_ITEM.match(p.text))
    return marked >= MARKER_SHARE * len(pieces)


def alignment(block: Sequence[Line], xs: Sequence[float]) -> float:
    """Share of the block's lines with two pieces or more whose every piece lies within
    one column: 1 when the text never crosses a column border."""
    multi = [ln for ln in block if len(ln.pieces) >= 2]
    clean = sum(
        1
        for ln in multi
        if all(
            any(xs[k] - 0.5 <= p.x0 and p.x1 <= xs[k + 1] + 0.5 for k in range(len(xs) - 1))
            for p in ln.pieces
        )
    )
    return clean / len(multi) if multi else 0.0


def _filled(block: Sequence[Line], n_cols: int) -> float:
    return median(len(ln.pieces) / n_cols for ln in block if len(ln.pieces) >= 2)


def _charted(block: Sequence[Line], shapes: Sequence[BBox]) -> bool:
    """Whether small drawn shapes (narrower than half the block) lie among the text."""
    x0, x1 = _span(block)
    top, bottom = block[0].top, block[-1].bottom
    small = sum(
        1
        for b in shapes
        if b[2] - b[0] < 0.5 * (x1 - x0)
        and x0 <= (b[0] + b[2]) / 2 <= x1
        and top <= (b[1] + b[3]) / 2 <= bottom
    )
    return small >= CHART_SHAPES_SHARE * sum(len(ln.pieces) for ln in block)


def _boxed(block: Sequence[Line], boxes: Sequence[BBox]) -> bool:
    """Whether many pieces sit inside drawn boxes smaller than the block."""
    x0, x1 = _span(block)
    top, bottom = block[0].top, block[-1].bottom
    area = (x1 - x0) * (bottom - top)
    small = [
        b
        for b in boxes
        if (b[2] - b[0]) * (b[3] - b[1]) < 0.5 * area
        and b[0] < x1
        and b[2] > x0
        and b[1] < bottom
        and b[3] > top
    ]
    pieces = [(p, ln) for ln in block for p in ln.pieces]
    if len(small) > MAX_BOXES:  # thousands of boxes among the text: a diagram, not a table
        return True
    inside = sum(
        1
        for p, ln in pieces
        if any(
            b[0] - 1 <= p.x0 and p.x1 <= b[2] + 1 and b[1] - 1 <= ln.top and ln.bottom <= b[3] + 1
            for b in small
        )
    )
    return inside >= BOXED_SHARE * len(pieces)


def is_table(block: Sequence[Line], xs: Sequence[float], size: float, boxes: Sequence[BBox] = ()) -> bool:
    """The tests an aligned block passes to be read as a table (see the module's list)."""
    n_cols = len(xs) - 1
    if n_cols < 2 or sum(1 for ln in block if len(ln.pieces) >= 2) < MIN_ROWS:
        return False
    if _filled(block, n_cols) < FILLED_SHARE or _boxed(block, boxes) or _charted(block, boxes):
        return False
    cols = _column_pieces(block, xs)
    if n_cols < MIN_COLUMNS and not _two_column_table(cols):
        return False
    if _has_markers(block) or not any(is_value_column(c) for c in cols):
        return False
    if sum(1 for c in cols if is_prose_column(c)) * 2 >= n_cols:
        return False
    return sum(1 for c in cols if aligned(c, size)) >= max(2, n_cols - 1)


def centred_in(chars: T_obj_list, box: BBox) -> T_obj_list:
    """The glyphs whose centre lies in ``box``."""
    x0, top, x1, bottom = box
    return [
        c
        for c in chars
        if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
    ]


def grid_alignment(grid: PageGrid, chars: T_obj_list) -> float:
    """:func:`alignment` of the text inside a grid against its columns."""
    inside = centred_in(chars, grid.bbox)
    if not inside:
        return 0.0
    return alignment(page_lines(inside, body_size(inside)), grid.xs)


def read_aligned(
    box: BBox, chars: T_obj_list, page_number: int, settings: ExtractSettings
) -> PageGrid | None:
    """The grid of an aligned region, read by :mod:`.columns` as a region with no rules."""
    grid = open_grid(box, centred_in(chars, box), (), (), page_number, settings)
    return grid if grid is not None and grid.n_rows >= MIN_ROWS else None


def aligned_regions(chars: T_obj_list, boxes: Sequence[BBox] = ()) -> list[AlignedRegion]:
    """Where the free glyphs ``chars`` form tables by alignment alone; ``boxes`` are the
    page's drawn rectangles and curves (text in boxes is a diagram's or a slide's, text
    among small shapes a chart's)."""
    if not chars:
        return []
    size = body_size(chars)
    out = []
    for block in blocks(page_lines(chars, size), size):
        for side, xs in split_side_by_side(block, borders(block, size), size):
            if not is_table(side, xs, size, boxes):
                continue
            top = min(ln.top for ln in side)
            bottom = max(ln.bottom for ln in side)
            out.append(
                AlignedRegion((xs[0] - 0.5, top - 0.5, xs[-1] + 0.5, bottom + 0.5), alignment(side, xs), size)
            )
    return out
