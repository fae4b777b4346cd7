"""Page tables → document tables: cell text on each page, then stitching.

A table continued on the next page (same columns, first table there) is
stitched onto the one before it; leading rows that repeat the table's first
rows (the repeated header) are dropped.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pdfplumber.page import Page

from ckextract._typing import BBox, T_obj_list
from ckextract.extract.aligned import aligned_regions, grid_alignment, read_aligned
from ckextract.extract.columns import open_grid, read_region, split_merged_cells
from ckextract.extract.figures import is_figure, slanted_strokes
from ckextract.extract.fonts import recover_cids
from ckextract.extract.grid import GridCell, PageGrid, find_grids, page_edges
from ckextract.extract.limits import Deadline
from ckextract.extract.markers import marker_chars
from ckextract.extract.orientation import UPRIGHT, Frame, frames, turn
from ckextract.extract.overflow import reclaim_overflow
from ckextract.extract.rows import split_stacked_rows
from ckextract.extract.rules import open_regions
from ckextract.extract.text import (
    assign_chars,
    chars_to_cell_text,
    chars_to_text_lines,
    clean_chars,
    ocr_confidence,
)
from ckextract.extract.typed import typed_rules
from ckextract.extract.visibility import shown_glyphs
from ckextract.records import Cell, Table, TextLine
from ckextract.settings import ExtractSettings


@dataclass(frozen=True, slots=True)
class PageTable:
    """One table as found on one page: its grid and each cell's text."""

    grid: PageGrid
    texts: tuple[str, ...]
    """Text of ``grid.cells[i]``."""
    breaks: tuple[tuple[int, ...], ...] = ()
    """Where in ``texts[i]`` each hard-broken line starts (see ``text.chars_to_cell_text``)."""
    frame: Frame | None = None
    """The turned frame the table was read in (its grid is in that frame's coordinates);
    None for upright text."""
    confidences: tuple[float | None, ...] = ()
    """The lowest OCR confidence of ``texts[i]``'s glyphs (None: not OCR'd; empty: no
    cell was)."""

    @property
    def page_number(self) -> int:
        return self.grid.page_number

    def row_texts(self, row: int) -> tuple[str | None, ...]:
        out: list[str | None] = [None] * self.grid.n_cols
        for cell, text in zip(self.grid.cells, self.texts, strict=True):
            if cell.row == row:
                out[cell.col] = text
        return tuple(out)


@dataclass(frozen=True, slots=True)
class PageRead:
    """What one page gave: its tables, its free text, and counts of its glyphs."""

    tables: list[PageTable]
    lines: list[TextLine]
    glyphs: int
    """Text glyphs (not spaces)."""
    cid_glyphs: int
    """Of those, ``(cid:NN)``: a font without a Unicode map, not recovered."""
    recovered: int
    """``(cid:NN)`` glyphs recovered from the embedded font (see :mod:`.fonts`)."""
    hidden: int = 0
    """Glyphs the page does not show, left out (see :mod:`.visibility`)."""


@dataclass(frozen=True, slots=True)
class Drawing:
    """A page's drawn objects and its box, in one reading frame."""

    rects: T_obj_list
    lines: T_obj_list
    curves: T_obj_list
    bbox: BBox


def page_tables(
    page: Page, page_number: int, settings: ExtractSettings, deadline: Deadline | None = None
) -> PageRead:
    """The tables of one page, its text outside them, and its glyph counts; ``deadline``
    is checked between the steps (a page over it raises ``PageLimitError``). Turned text
    is read in its own frame (:mod:`.orientation`)."""
    clock = deadline or Deadline(settings.page_seconds)
    raw, recovered = recover_cids(page, page.chars)
    shown, hidden = shown_glyphs(page, raw)
    chars = clean_chars(shown, settings)
    x0, top, x1, bottom = (float(v) for v in page.bbox)
    tables: list[PageTable] = []
    lines: list[TextLine] = []
    for direction, frame_chars in frames(chars):
        if direction == UPRIGHT:  # the page as it is: nothing to turn
            drawing = Drawing(page.rects, page.lines, page.curves, (x0, top, x1, bottom))
            found, free_lines = frame_tables(drawing, frame_chars, page_number, settings, clock)
            tables += found
            lines += free_lines
            continue
        frame = Frame(direction, x1 - x0, bottom - top)
        width, height = frame.size
        drawing = Drawing(
            turn(page.rects, frame),
            turn(page.lines, frame),
            turn(page.curves, frame),
            (0.0, 0.0, width, height),
        )
        found, free_lines = frame_tables(
            drawing, turn(frame_chars, frame, glyphs=True), page_number, settings, clock
        )
        tables += [replace(t, frame=frame) for t in found]
        lines += [_unturn_line(ln, frame) for ln in free_lines]
    glyphs = [c["text"] for c in chars if not c["text"].isspace()]
    cids = sum(1 for t in glyphs if t.startswith("(cid:"))
    return PageRead(tables, lines, len(glyphs), cids, recovered, hidden)


def scanned_tables(
    chars: T_obj_list, drawing: Drawing, page_number: int, settings: ExtractSettings, clock: Deadline
) -> PageRead:
    """The tables of a page read by OCR (:mod:`.ocr`): its glyphs and the ruling lines
    and marks found in its image, read upright like any page."""
    found, free_lines = frame_tables(drawing, chars, page_number, settings, clock)
    glyphs = sum(1 for c in chars if not c["text"].isspace())
    return PageRead(found, free_lines, glyphs, 0, 0)


def frame_tables(
    drawing: Drawing, chars: T_obj_list, page_number: int, settings: ExtractSettings, clock: Deadline
) -> tuple[list[PageTable], list[TextLine]]:
    """The tables of one reading frame of a page (ruled grids, rule-bounded regions,
    aligned text), top to bottom, and the frame's text outside them."""
    if settings.open_tables:
        chars, typed = typed_rules(chars)
    else:
        typed = []
    edges = page_edges(drawing.rects, drawing.lines, drawing.curves, drawing.bbox, settings)
    slanted = slanted_strokes(drawing.lines, drawing.curves)
    clock.check("reading its glyphs and lines")
    out: list[PageTable] = []
    free = chars
    ruled = [*edges, *typed]
    regions, grids = open_regions(ruled, chars, find_grids(edges, page_number, settings), settings)
    clock.check("finding its tables")
    for grid in grids:
        by_cell, rest = _fill(grid, free, settings)
        if settings.open_tables:
            grid, by_cell = _refine(grid, by_cell, settings)
        free = _keep_table(out, grid, by_cell, free, rest, slanted, settings)
        clock.check("reading a table's cells")
    for region in regions:
        clock.check("reading a table without column lines")
        found = read_region(region, ruled, free, page_number, settings)
        if found is not None:
            found = _with_evidence(found, free, ROWS_RULED)
            by_cell, rest = _fill(found, free, settings)
            free = _keep_table(out, found, by_cell, free, rest, slanted, settings)
    if settings.open_tables and settings.aligned_tables:
        shapes = [
            (float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]))
            for r in (*drawing.rects, *drawing.curves)
        ]
        for aligned in aligned_regions(free, shapes):
            clock.check("reading a table drawn by white space only")
            found = read_aligned(aligned.bbox, free, page_number, settings)
            if found is None:
                continue
            below = next((t for t in out if just_above(found, t.grid, aligned.size)), None)
            head = header_grid(found, below.grid, free, settings) if below is not None else None
            if below is not None and head is not None:  # the header of the table below it
                head_cells, rest = _fill(head, free, settings)
                header = _page_table(head, reclaim_overflow(head, head_cells), settings)
                out[out.index(below)] = with_header(header, below)
                free = rest
                continue
            found = _with_evidence(found, free, NOT_RULED)
            by_cell, rest = _fill(found, free, settings)
            free = _keep_table(out, found, by_cell, free, rest, slanted, settings)
    out.sort(key=lambda t: (t.grid.ys[0], t.grid.xs[0]))
    markers = marker_chars([*drawing.curves, *drawing.rects], chars, [t.grid.bbox for t in out])
    return out, chars_to_text_lines(free + markers, page_number, settings)


HEADER_GAP_EMS = 3.0
"""An aligned block at most this many ems above a table, on its columns, is its header."""


def just_above(block: PageGrid, table: PageGrid, size: float) -> bool:
    """Whether an aligned block sits just above a table (within :data:`HEADER_GAP_EMS`),
    over most of its width."""
    gap = table.ys[0] - block.ys[-1]
    width = min(block.xs[-1], table.xs[-1]) - max(block.xs[0], table.xs[0])
    return -size <= gap <= HEADER_GAP_EMS * size and width >= 0.8 * (table.xs[-1] - table.xs[0])


def header_grid(
    block: PageGrid, table: PageGrid, chars: T_obj_list, settings: ExtractSettings
) -> PageGrid | None:
    """The block read on the table's columns, when its text needs no other column: the
    header of a table whose rules start below it."""
    box = (table.xs[0], block.ys[0], table.xs[-1], table.ys[0])
    inside = [
        c
        for c in chars
        if box[1] <= (c["top"] + c["bottom"]) / 2 <= box[3]
        and box[0] - 1 <= c["x0"]
        and c["x1"] <= box[2] + 1
    ]
    head = open_grid(box, inside, (), table.xs[1:-1], table.page_number, settings)
    if head is None or head.xs[1:-1] != table.xs[1:-1]:
        return None
    return head


def with_header(header: PageTable, table: PageTable) -> PageTable:
    """``table`` with ``header``'s rows on top, on the table's column borders."""
    xs, n = table.grid.xs, header.grid.n_rows
    ys = (*header.grid.ys[:-1], *table.grid.ys)
    cells = [
        GridCell(
            c.row,
            c.col,
            c.row_span,
            c.col_span,
            (xs[c.col], ys[c.row], xs[c.col + c.col_span], ys[c.row + c.row_span]),
        )
        for c in header.grid.cells
    ] + [GridCell(c.row + n, c.col, c.row_span, c.col_span, c.bbox) for c in table.grid.cells]
    grid = replace(table.grid, ys=ys, cells=tuple(cells))
    breaks = (header.breaks or ((),) * len(header.texts)) + (table.breaks or ((),) * len(table.texts))
    sure: tuple[float | None, ...] = ()
    if header.confidences or table.confidences:
        sure = (header.confidences or (None,) * len(header.texts)) + (
            table.confidences or (None,) * len(table.texts)
        )
    return replace(table, grid=grid, texts=header.texts + table.texts, breaks=breaks, confidences=sure)


def _unturn_line(line: TextLine, frame: Frame) -> TextLine:
    """A free line read in a turned frame, with its boxes back on the page."""
    spans = tuple(replace(s, bbox=frame.unturn_box(s.bbox)) for s in line.spans)
    return replace(line, bbox=frame.unturn_box(line.bbox), spans=spans)


RULED = 1.0
"""Rule evidence of a grid whose lines close its cells."""
ROWS_RULED = 0.5
"""...of a table whose drawn or typed rules bound its rows but draw no columns."""
NOT_RULED = 0.0
"""...of a table that draws nothing."""


def confidence(rules: float, alignment: float) -> float:
    """A table's confidence: the mean of its rule evidence (:data:`RULED`,
    :data:`ROWS_RULED`, :data:`NOT_RULED`) and of its alignment (the share of its lines
    whose text stays within its columns, :func:`ckextract.extract.aligned.alignment`)."""
    return (rules + alignment) / 2


def _with_evidence(grid: PageGrid, chars: T_obj_list, rules: float) -> PageGrid:
    """The grid marked with why it was found and how surely."""
    share = grid_alignment(grid, chars)
    return replace(
        grid, found_by="both" if rules else "alignment", confidence=round(confidence(rules, share), 3)
    )


def _refine(
    grid: PageGrid, by_cell: dict[int, T_obj_list], settings: ExtractSettings
) -> tuple[PageGrid, dict[int, T_obj_list]]:
    """A ruled grid with the columns and rows its text shows but its lines do not draw."""
    for step in (lambda g, b: split_merged_cells(g, b, settings), split_stacked_rows):
        refined = step(grid, by_cell)
        if refined is not grid:
            grid = refined
            by_cell, _ = _fill(grid, [c for cs in by_cell.values() for c in cs], settings)
    return grid, by_cell


def _keep_table(
    out: list[PageTable],
    grid: PageGrid,
    by_cell: dict[int, T_obj_list],
    free: T_obj_list,
    rest: T_obj_list,
    slanted: list[tuple[float, float]],
    settings: ExtractSettings,
) -> T_obj_list:
    """Add the grid's table to ``out`` unless it is a figure or too small (fewer than
    ``settings.min_cells`` cells, however it was found); the chars still free after it."""
    if len(grid.cells) < settings.min_cells:
        return free
    table = _page_table(grid, reclaim_overflow(grid, by_cell), settings)
    if is_figure(grid, list(table.texts), slanted, settings):
        return free
    out.append(table)
    return rest


def _fill(
    grid: PageGrid, chars: T_obj_list, settings: ExtractSettings
) -> tuple[dict[int, T_obj_list], T_obj_list]:
    """The grid's chars by cell, and the chars left outside it."""
    leftover: T_obj_list = []
    return assign_chars(chars, grid, settings.snap_tolerance, leftover), leftover


def _page_table(grid: PageGrid, by_cell: dict[int, T_obj_list], settings: ExtractSettings) -> PageTable:
    cells = [
        chars_to_cell_text(by_cell.get(i, []), settings, cell.bbox[0], cell.bbox[2])
        for i, cell in enumerate(grid.cells)
    ]
    confidences = tuple(ocr_confidence(by_cell.get(i, [])) for i in range(len(grid.cells)))
    return PageTable(
        grid,
        tuple(t for t, _ in cells),
        tuple(b for _, b in cells),
        confidences=confidences if any(c is not None for c in confidences) else (),
    )


def continues(
    prev: PageTable, nxt: PageTable, settings: ExtractSettings, lines: Sequence[TextLine] = ()
) -> bool:
    """Whether ``nxt`` (first table of the next page) continues ``prev`` (last of its page):
    same columns (each border where the other page's may lie), and little text after
    ``prev`` on its page and before ``nxt`` on its own (a running head, a page number;
    not the paragraphs and caption of a new table)."""
    if nxt.page_number != prev.page_number + 1 or nxt.grid.n_cols != prev.grid.n_cols:
        return False
    tol = settings.stitch_x_tolerance
    for i in range(len(prev.grid.xs)):
        a, b = prev.grid.x_range(i, tol), nxt.grid.x_range(i, tol)
        if a[0] > b[1] or b[0] > a[1]:  # the borders' gaps do not meet
            return False
    after = _lines_beside(lines, prev, below=True)
    before = _lines_beside(lines, nxt, below=False)
    return after <= settings.stitch_max_lines_between and before <= settings.stitch_max_lines_between


def _lines_beside(lines: Sequence[TextLine], part: PageTable, *, below: bool) -> int:
    """Free text lines below (or above) a page table, over its width."""
    x0, top, x1, bottom = part.grid.bbox
    return sum(
        1
        for ln in lines
        if ln.page_number == part.page_number
        and ln.bbox[0] < x1
        and ln.bbox[2] > x0
        and (ln.bbox[1] >= bottom if below else ln.bbox[3] <= top)
    )


OCR_SAME_ROW = 0.8
"""Two rows read by OCR are one header printed twice when their texts agree this much
(difflib's ratio over the row): OCR reads a repeated 構成員 as 構成貞 on one page and
構成上員 on the next; two different rows of a table share far less."""


def repeated_header_rows(first: PageTable, part: PageTable) -> int:
    """How many leading rows of ``part`` repeat the leading rows of ``first``: the same
    texts, or, read by OCR, texts that differ only as OCR's readings of one print do
    (:func:`same_row`)."""
    read_by_ocr = bool(first.confidences or part.confidences)
    n = 0
    while (
        n < min(first.grid.n_rows, part.grid.n_rows - 1)
        and same_row(first.row_texts(n), part.row_texts(n), read_by_ocr)
        and any(t for t in part.row_texts(n))
    ):
        n += 1
    return n


def same_row(a: tuple[str | None, ...], b: tuple[str | None, ...], read_by_ocr: bool) -> bool:
    """Whether two rows print the same: equal; or, read by OCR, their texts alike
    (:data:`OCR_SAME_ROW`) however the cells split them: a scan can lose a header cell's
    border on one page (a table cut by the page's edge), and the header's text then
    falls into the columns below it."""
    if a == b:
        return True
    if not read_by_ocr:
        return False
    first, second = ("".join(t or "" for t in row) for row in (a, b))
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio() >= OCR_SAME_ROW


def stitch(
    parts_by_page: list[list[PageTable]], settings: ExtractSettings, lines: Sequence[TextLine] = ()
) -> list[list[PageTable]]:
    """Group page tables into document tables (each a list of page parts); ``lines`` is
    the free text of those pages (see :func:`continues`)."""
    groups: list[list[PageTable]] = []
    last_of_prev_page: list[PageTable] | None = None
    for parts in parts_by_page:
        for i, part in enumerate(parts):
            if (
                i == 0
                and last_of_prev_page is not None
                and continues(last_of_prev_page[-1], part, settings, lines)
            ):
                last_of_prev_page.append(part)
            else:
                groups.append([part])
        last_of_prev_page = groups[-1] if parts else None
    return groups


def to_table(table_id: int, parts: list[PageTable]) -> Table:
    """One document table: cells of every part, repeated headers left out."""
    cells: list[Cell] = []
    offset = 0
    for k, part in enumerate(parts):
        skip = repeated_header_rows(parts[0], part) if k else 0
        breaks = part.breaks or ((),) * len(part.texts)
        sure = part.confidences or (None,) * len(part.texts)
        for gc, text, brk, conf in zip(part.grid.cells, part.texts, breaks, sure, strict=True):
            if gc.row < skip:
                continue
            cells.append(
                Cell(
                    row=gc.row - skip + offset,
                    col=gc.col,
                    text=text,
                    bbox=part.frame.unturn_box(gc.bbox) if part.frame else gc.bbox,
                    page_number=part.page_number,
                    row_span=gc.row_span,
                    col_span=gc.col_span,
                    breaks=brk,
                    ocr_confidence=conf,
                )
            )
        offset += part.grid.n_rows - skip
    first = parts[0]
    weakest = min(parts, key=lambda p: p.grid.confidence)
    return Table(
        table_id=table_id,
        pages=tuple(dict.fromkeys(p.page_number for p in parts)),
        bbox=first.frame.unturn_box(first.grid.bbox) if first.frame else first.grid.bbox,
        n_rows=offset,
        n_cols=first.grid.n_cols,
        cells=tuple(cells),
        found_by=weakest.grid.found_by,
        confidence=round(weakest.grid.confidence, 3),
    )
