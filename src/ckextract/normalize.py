"""Stage 3, normalize: an :class:`Extraction` → :class:`DocumentRecords` via the layout registry."""

from __future__ import annotations

from collections.abc import Sequence

from ckextract.layouts import LayoutOutput, PageLayout, TableLayout, page_layouts, table_layouts
from ckextract.lists.spec import ListSpec
from ckextract.records import DocumentRecords, Extraction, Repair, Table, TextLine


def normalize(
    extraction: Extraction,
    tables: tuple[TableLayout, ...] | None = None,
    pages: tuple[PageLayout, ...] | None = None,
    specs: Sequence[ListSpec] = (),
) -> DocumentRecords:
    """Give every table to the first table layout that recognizes it (the built-in layouts,
    then the list specs'), and every page's free text to each page layout that recognizes
    it; collect the records. A table nothing recognizes stays in ``raw_cells`` and is named
    in the warnings with its header."""
    from ckextract.lists.layout import ListLayout

    out = LayoutOutput()
    used: list[str] = []
    layouts = (*(tables if tables is not None else table_layouts()), *(ListLayout(s) for s in specs))
    for table in extraction.tables:
        for layout in layouts:
            if layout.matches(table):
                out.extend(layout.parse(extraction, table))
                used.append(layout.name)
                break
        else:
            out.warnings.append(unrecognized(table))
    out.warnings.extend(
        f"page {page} skipped: {reason} ({code})" for page, code, reason in extraction.skipped_pages
    )
    by_page: dict[int, list[TextLine]] = {}
    for line in extraction.lines:  # one pass, not one scan of every line per page
        by_page.setdefault(line.page_number, []).append(line)
    for page_layout in pages if pages is not None else page_layouts():
        for number, lines in sorted(by_page.items()):
            if page_layout.matches(lines):
                out.extend(page_layout.parse(extraction, number, lines))
                used.append(page_layout.name)
    return DocumentRecords(
        extraction=extraction,
        layouts=tuple(dict.fromkeys(used)),
        networks=tuple(out.networks),
        memberships=tuple(out.memberships),
        adoptions=tuple(out.adoptions),
        repairs=(*out.repairs, *town_repairs(extraction)),
        warnings=tuple(out.warnings),
        source_counts=tuple(out.source_counts),
        list_rows=tuple(out.list_rows),
    )


TOWN_RULE = "ocr_address"
"""Repair rule of a place's name (prefecture, city, town) in an address OCR misread
(``ckextract.addresses``)."""


def town_repairs(extraction: Extraction) -> list[Repair]:
    """A repair for each place's name in an address OCR misread and mended (the record:
    ``ocr:p<page>:`` and the line as read)."""
    return [
        Repair(extraction.document.document_id, f"ocr:p{page.page_number}:{line}", TOWN_RULE, read, town)
        for page in extraction.ocr_pages
        for line, read, town in page.town_mends
    ]


HEADER_PREVIEW_CELLS = 6


def unrecognized(table: Table) -> str:
    """Why a table loads only as raw cells: no layout or list spec knows its header."""
    pages = f"p{table.pages[0]}" + (f"–{table.pages[-1]}" if len(table.pages) > 1 else "")
    rows = table.grid()[:2]
    header = next((r for r in rows if sum(1 for t in r if t) >= 2), rows[0] if rows else [])
    shown = " | ".join(t for t in header if t)[:200]
    return (
        f"table {table.table_id} ({pages}, {table.n_rows}×{table.n_cols}): no layout or list spec "
        f"recognizes its header: {shown!r} (kept in raw_cells; `ckextract spec suggest` drafts a spec)"
    )
