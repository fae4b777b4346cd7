"""A table a list spec recognizes → typed rows (and adoptions, for a list that feeds a program).

Recognized from its header row wherever the columns sit (the spec's header words, each
a cell of one of the first rows). Below it, each row is a record, except a repeated
header and a heading row (one cell spanning several columns: a section heading, whose
context the spec may read). Context — values of a heading line above the rows, a free
line on the page or a row of the table spanning it — applies to every row below it
until the next such heading (reading order across pages).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ckextract import regions, textrules
from ckextract.layouts import LayoutOutput, field_of, read_by_ocr, stable_id
from ckextract.lists.spec import ListSpec
from ckextract.lists.values import Typed, typed
from ckextract.records import Adoption, Cell, Extraction, ListRow, SourceCount, Table, lowest

MAX_HEADER_ROWS = 4
"""The header row is among the first rows (a title row or two may be stitched above it)."""
REPEATED_HEADER_CELLS = 2
"""A row with this many cells that are header words is a repeated header, not data."""


def header_text(text: str | None) -> str:
    """A header cell as compared with a spec's words: normalized, without spaces."""
    return textrules.normalize_text(text or "").replace(" ", "")


@dataclass(frozen=True, slots=True)
class ListHeader:
    row: int
    columns: dict[str, int]
    """Spec column → table column."""


def column_labels(spec: ListSpec) -> dict[str, frozenset[str]]:
    """Each spec column → its header words as compared (:func:`header_text`)."""
    return {c.name: frozenset(header_text(h) for h in c.headers) for c in spec.columns}


def column_named(text: str | None, labels: dict[str, frozenset[str]], ocr: bool) -> str | None:
    """The spec column a header cell names; in a table read by OCR also the one whose word
    is a character off (``layouts.field_of``: a scan of mhlw_labor read 違反法条 as
    ``和違反法条`` on one page, and the list lost every row of it)."""
    return field_of(header_text(text), labels, ocr) if text else None


def read_header(
    table: Table, spec: ListSpec, grid: list[list[str | None]] | None = None
) -> ListHeader | None:
    """The header row, if every recognition word is a cell of it and every required column
    is found (in a table read by OCR, a word a character off counts: :func:`column_named`)."""
    grid = grid if grid is not None else table.grid()
    ocr = read_by_ocr(table)
    wanted = {header_text(w): frozenset({header_text(w)}) for w in spec.recognize}
    labels = column_labels(spec)
    for r in range(min(MAX_HEADER_ROWS, table.n_rows)):
        cells = [(c, t) for c, t in enumerate(grid[r]) if t]
        if not set(wanted) <= {column_named(t, wanted, ocr) for _, t in cells}:
            continue
        columns: dict[str, int] = {}
        for c, text in cells:
            name = column_named(text, labels, ocr)
            if name is not None and name not in columns:
                columns[name] = c
        if all(c.name in columns for c in spec.columns if c.required):
            return ListHeader(r, columns)
    return None


def is_spanning_row(row: Sequence[str | None], cells: dict[tuple[int, int], Cell], r: int) -> bool:
    """One cell with text, spanning several columns: a heading (or a note), not a record."""
    filled = [c for c, t in enumerate(row) if t and t.strip()]
    return len(filled) == 1 and (cell := cells.get((r, filled[0]))) is not None and cell.col_span > 1


class VisualLines:
    """A table row read as the line it is printed on: its cells and any free text in the same
    band of the page, left to right (a heading's words may fall partly outside the grid:
    ``群馬労働局`` in a cell, ``最終更新日：平成30年８月31日`` beside it as free text)."""

    def __init__(self, extraction: Extraction, table: Table) -> None:
        self.by_page: dict[int, list[tuple[float, float, float, str]]] = {}
        pages = set(table.pages)
        for line in extraction.lines:
            if line.page_number in pages:
                self.by_page.setdefault(line.page_number, []).append(
                    (line.bbox[0], line.bbox[1], line.bbox[3], line.text)
                )
        self.by_row: dict[int, list[Cell]] = {}
        for cell in table.cells:
            self.by_row.setdefault(cell.row, []).append(cell)

    def text(self, r: int) -> str:
        cells = [c for c in self.by_row.get(r, []) if c.text.strip()]
        if not cells:
            return ""
        page = cells[0].page_number
        top, bottom = min(c.bbox[1] for c in cells), max(c.bbox[3] for c in cells)
        pieces = [(c.bbox[0], c.text) for c in cells]
        pieces += [
            (x0, text) for x0, t, b, text in self.by_page.get(page, []) if top <= (t + b) / 2 <= bottom
        ]
        return textrules.collapse_whitespace(textrules.nfkc(" ".join(text for _, text in sorted(pieces))))


def is_heading_row(
    row: Sequence[str | None],
    cells: dict[tuple[int, int], Cell],
    r: int,
    spec: ListSpec,
    header: ListHeader,
    lines: VisualLines,
) -> bool:
    """A heading, not a record: one cell spanning the table, or a row that a context rule
    matches while a required column is empty (a heading whose words fell into several cells
    or outside the grid: ``富山労働局 | | | | 最終更新日`` + ``：平成30年８月31日``)."""
    if is_spanning_row(row, cells, r):
        return True
    required = [header.columns[c.name] for c in spec.columns if c.required and c.name in header.columns]
    if all(row[c] and (row[c] or "").strip() for c in required):
        return False
    text = lines.text(r)
    return any(rule.regex.search(text) for rule in spec.context)


@dataclass(frozen=True, slots=True)
class _Heading:
    page: int
    top: float
    rule: int
    raw: dict[str, str]


def free_visual_lines(extraction: Extraction, last_page: int) -> list[tuple[int, float, str]]:
    """(page, top, text) of the free text up to ``last_page``, lines in the same band of a page
    joined left to right (``新潟労働局`` … ``最終更新日：平成30年８月31日``, set far apart)."""
    by_page: dict[int, list[tuple[float, float, float, str]]] = {}
    for line in extraction.lines:
        if line.page_number <= last_page:
            by_page.setdefault(line.page_number, []).append(
                (line.bbox[1], line.bbox[3], line.bbox[0], line.text)
            )
    out: list[tuple[int, float, str]] = []
    for page, lines in by_page.items():
        bands: list[list[tuple[float, float, float, str]]] = []
        for piece in sorted(lines):
            centre = (piece[0] + piece[1]) / 2
            if bands and bands[-1][0][0] <= centre <= bands[-1][0][1]:
                bands[-1].append(piece)
            else:
                bands.append([piece])
        for band in bands:
            text = " ".join(t for _, _, _, t in sorted(band, key=lambda x: x[2]))
            out.append((page, band[0][0], text))
    return out


def headings(
    extraction: Extraction,
    table: Table,
    spec: ListSpec,
    grid: list[list[str | None]],
    header: ListHeader,
    lines: VisualLines,
) -> list[_Heading]:
    """Every heading line a context rule matches, in reading order: the free lines of the
    pages up to the table's last, and the table's heading rows (read as visual lines)."""
    cells = {(c.row, c.col): c for c in table.cells}
    candidates = free_visual_lines(extraction, table.pages[-1])
    for r, row in enumerate(grid):
        if r <= header.row or is_heading_row(row, cells, r, spec, header, lines):
            first = next((cells[(r, c)] for c, t in enumerate(row) if t and (r, c) in cells), None)
            if first is not None:
                candidates.append((first.page_number, first.bbox[1], lines.text(r)))
    out = []
    for page, top, text in sorted(candidates, key=lambda x: (x[0], x[1])):
        value = textrules.collapse_whitespace(textrules.nfkc(text))
        for i, rule in enumerate(spec.context):
            match = rule.regex.search(value)
            if match:
                out.append(_Heading(page, top, i, {k: v for k, v in match.groupdict().items() if v}))
    return out


def _context_at(
    found: list[_Heading], keys: list[tuple[int, float]], page: int, top: float, rules: int
) -> dict[int, dict[str, str]]:
    """For each rule, the values of its last heading before (page, top)."""
    upto = bisect.bisect_left(keys, (page, top))
    out: dict[int, dict[str, str]] = {}
    for heading in reversed(found[:upto]):
        out.setdefault(heading.rule, heading.raw)
        if len(out) == rules:
            break
    return out


def _put(name: str, value: Typed, data: dict[str, Any], errors: dict[str, str]) -> None:
    data[name] = value.value
    for suffix, extra in (value.extra or {}).items():
        data[f"{name}_{suffix}"] = extra
    if value.error:
        errors[name] = value.error


def count_records(table: Table, spec: ListSpec, header: ListHeader, lines: VisualLines) -> int:
    """The rows of the printed table that are records, counted on their own for the gate's
    reconciliation (rows with text in a spec column, not a repeated header, not a heading)."""
    labels, ocr = column_labels(spec), read_by_ocr(table)
    by_row: dict[int, list[Cell]] = {}
    for cell in table.cells:
        if cell.row > header.row:
            by_row.setdefault(cell.row, []).append(cell)
    mapped = set(header.columns.values())
    count = 0
    for r, row_cells in by_row.items():
        texts = [c for c in row_cells if c.text.strip()]
        if sum(1 for c in texts if column_named(c.text, labels, ocr)) >= REPEATED_HEADER_CELLS:
            continue
        if not any(c.col in mapped for c in texts):
            continue
        row: list[str | None] = [None] * table.n_cols
        for c in row_cells:
            row[c.col] = c.text
        count += not is_heading_row(row, {(r, c.col): c for c in row_cells}, r, spec, header, lines)
    return count


class ListLayout:
    """The table layout of one list spec."""

    def __init__(self, spec: ListSpec) -> None:
        self.spec = spec
        self.name = spec.layout_name

    def matches(self, table: Table) -> bool:
        return read_header(table, self.spec) is not None

    def parse(self, extraction: Extraction, table: Table) -> LayoutOutput:
        spec = self.spec
        out = LayoutOutput()
        grid = table.grid()
        header = read_header(table, spec, grid)
        if header is None:
            return out
        doc_id = extraction.document.document_id
        cells = {(c.row, c.col): c for c in table.cells}
        lines = VisualLines(extraction, table)
        found = headings(extraction, table, spec, grid, header, lines)
        keys = [(h.page, h.top) for h in found]
        labels, ocr = column_labels(spec), read_by_ocr(table)
        entry = 0
        for r in range(header.row + 1, table.n_rows):
            row = grid[r]
            if not any(row[c] and (row[c] or "").strip() for c in header.columns.values()):
                continue
            if is_heading_row(row, cells, r, spec, header, lines):
                continue
            if sum(1 for t in row if column_named(t, labels, ocr)) >= REPEATED_HEADER_CELLS:
                continue
            first = next((cells[(r, c)] for c in sorted(header.columns.values()) if (r, c) in cells), None)
            if first is None:  # its mapped cells are all covered by cells merged from above
                first = next(c for c in table.cells if c.row == r)
            context = _context_at(found, keys, first.page_number, first.bbox[1], len(spec.context))
            entry += 1
            record, values = self._row(extraction, table, header, cells, grid, r, context, first.page_number)
            out.list_rows.append(record)
            if spec.adoptions is not None:
                self._adoption(out, doc_id, table, r, entry, first.page_number, values)
        expected = count_records(table, spec, header, lines)
        out.source_counts.append(
            SourceCount(doc_id, "list_rows_per_table", f"{spec.list_id}/{table.table_id}", expected)
        )
        return out

    def _row(
        self,
        extraction: Extraction,
        table: Table,
        header: ListHeader,
        cells: dict[tuple[int, int], Cell],
        grid: list[list[str | None]],
        r: int,
        context: dict[int, dict[str, str]],
        page: int,
    ) -> tuple[ListRow, tuple[dict[str, Any], dict[str, Any]]]:
        spec = self.spec
        raw: dict[str, Any] = {}
        data: dict[str, Any] = {}
        errors: dict[str, str] = {}
        sure: dict[str, float] = {}
        for i, rule in enumerate(spec.context):
            for name, kind in rule.types:
                printed = context.get(i, {}).get(name)
                raw[name] = printed
                _put(name, typed(kind, printed), data, errors)
        for column in spec.columns:
            c = header.columns.get(column.name)
            printed = grid[r][c] if c is not None else None
            cell = cells.get((r, c)) if c is not None else None
            raw[column.name] = printed if printed and printed.strip() else None
            if raw[column.name] is not None and cell is not None and cell.ocr_confidence is not None:
                sure[column.name] = cell.ocr_confidence
            _put(column.name, typed(column.type, printed, cell.paragraphs if cell else None), data, errors)
        key = (
            "|".join(str(data.get(k) if data.get(k) is not None else "") for k in spec.key)
            if spec.key
            else None
        )
        doc_id = extraction.document.document_id
        record = ListRow(
            row_id=stable_id(doc_id, spec.list_id, table.table_id, r),
            document_id=doc_id,
            list_id=spec.list_id,
            table_id=table.table_id,
            page_number=page,
            row_index=r,
            row_key=key,
            data=json.dumps(data, ensure_ascii=False, sort_keys=True),
            raw=json.dumps(raw, ensure_ascii=False, sort_keys=True),
            type_errors=json.dumps(errors, ensure_ascii=False, sort_keys=True) if errors else None,
            ocr_confidence=lowest(sure.values()),
            ocr_confidences=json.dumps(sure, sort_keys=True) if sure else None,
        )
        return record, (data, raw)

    def _adoption(
        self,
        out: LayoutOutput,
        doc_id: str,
        table: Table,
        r: int,
        entry: int,
        page: int,
        values: tuple[dict[str, Any], dict[str, Any]],
    ) -> None:
        feed = self.spec.adoptions
        assert feed is not None
        data, raw = values
        project = data.get(feed.project_name)
        if not project:
            out.warnings.append(
                f"table {table.table_id} row {r}: no {feed.project_name}; no adoption made of it"
            )
            return
        region_name = data.get(feed.region) or textrules.normalize_text(raw.get(feed.region) or "")
        region = regions.lookup(region_name)
        out.adoptions.append(
            Adoption(
                adoption_id=stable_id(doc_id, self.name, table.table_id, r, project),
                document_id=doc_id,
                program_id=feed.program,
                region_name=region_name,
                region_code=region.code if region else None,
                lead_institution=data.get(feed.lead_institution) if feed.lead_institution else None,
                project_name=project,
                project_name_raw=raw.get(feed.project_name) or project,
                fiscal_year=None,
                field=None,
                proposal_type=None,
                page_number=page,
                entry_index=entry,
                layout=self.name,
                table_id=table.table_id,
                row_index=r,
                round=data.get(feed.round) if feed.round else None,
            )
        )
