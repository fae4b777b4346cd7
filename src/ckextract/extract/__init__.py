"""Stage 2, extract: a PDF → its tables, every cell with its provenance.

:func:`extract_document` is the stage's entry point; the chain inside is
``pdf`` (open safely) → ``grid`` (edges → cells → grid) → ``text`` (glyphs →
cell text) → ``tables`` (stitch pages).
"""

from __future__ import annotations

from ckextract.errors import CidOnlyError, DamagedPdfError, DocumentError, NoTextLayerError, TooManyPagesError
from ckextract.extract.pdf import classify, open_pdf
from ckextract.extract.tables import PageTable, page_tables, stitch, to_table
from ckextract.records import Extraction, SourceDocument, TextLine
from ckextract.settings import ExtractSettings


def extract_document(doc: SourceDocument, settings: ExtractSettings | None = None) -> Extraction:
    """All tables of ``doc``; raises a :class:`DocumentError` naming the file."""
    settings = settings or ExtractSettings()
    with open_pdf(doc.path, settings.max_pages) as pdf:
        try:
            page_count = len(pdf.pages)
            if page_count > settings.max_pages:
                raise TooManyPagesError(doc.path, page_count, settings.max_pages)
            parts_by_page: list[list[PageTable]] = []
            lines: list[TextLine] = []
            no_text: list[int] = []
            glyphs_total = cid_total = 0
            for number, page in enumerate(pdf.pages, start=1):
                parts, page_lines, glyphs, cids = page_tables(page, number, settings)
                glyphs_total += glyphs
                cid_total += cids
                parts_by_page.append(parts)
                lines.extend(page_lines)
                if glyphs == 0:
                    no_text.append(number)
                page.close()  # release the page's parsed objects: memory stays flat
        except DocumentError:
            raise
        except Exception as exc:
            raise classify(doc.path, exc) from exc
    if page_count == 0:
        raise DamagedPdfError(doc.path, "no pages found")
    if len(no_text) == page_count:
        raise NoTextLayerError(doc.path)
    if glyphs_total and cid_total == glyphs_total:
        raise CidOnlyError(doc.path)
    tables = tuple(to_table(i, group) for i, group in enumerate(stitch(parts_by_page, settings)))
    return Extraction(doc, page_count, tables, tuple(no_text), tuple(lines))


__all__ = ["extract_document"]
