"""Stage 3, normalize: an :class:`Extraction` → :class:`DocumentRecords` via the layout registry."""

from __future__ import annotations

from ckextract.layouts import LayoutOutput, PageLayout, TableLayout, page_layouts, table_layouts
from ckextract.records import DocumentRecords, Extraction, TextLine


def normalize(
    extraction: Extraction,
    tables: tuple[TableLayout, ...] | None = None,
    pages: tuple[PageLayout, ...] | None = None,
) -> DocumentRecords:
    """Give every table to the first table layout that recognizes it, and every page's
    free text to each page layout that recognizes it; collect the records."""
    out = LayoutOutput()
    used: list[str] = []
    for table in extraction.tables:
        for layout in tables if tables is not None else table_layouts():
            if layout.matches(table):
                out.extend(layout.parse(extraction, table))
                used.append(layout.name)
                break
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
        repairs=tuple(out.repairs),
        warnings=tuple(out.warnings),
        source_counts=tuple(out.source_counts),
    )
