"""Stage 2, extract: a PDF → its tables, every cell with its provenance.

:func:`extract_document` is the stage's entry point; the chain inside is
``pdf`` (open safely) → ``grid`` (edges → cells → grid: ruled tables) →
``rules`` + ``columns`` (stacked horizontal rules → regions → columns from white
space: tables without column lines) → ``rows`` (a ruled row stacking figures line
by line) → ``figures`` (charts and framed text are not tables) → ``text`` (glyphs →
cell text) → ``tables`` (per page, then stitched across pages). For parallel work a
document's pages can be read in chunks (:func:`read_pages`, in separate processes) and put together
by :func:`assemble`, which stitches tables across the chunks as across pages.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ckextract import interrupts, progress
from ckextract.errors import (
    CidOnlyError,
    DamagedPdfError,
    DocumentError,
    DocumentOverTimeError,
    ExtractorError,
    InterruptedRun,
    NoTextLayerError,
    OcrError,
    OutOfMemoryError,
    PagesOverLimitError,
    TooManyPagesError,
)
from ckextract.extract import ocr
from ckextract.extract.limits import Deadline, PageLimitError, check_page_content
from ckextract.extract.pdf import classify, open_pdf
from ckextract.extract.tables import (
    Drawing,
    PageRead,
    PageTable,
    page_tables,
    scanned_tables,
    stitch,
    to_table,
)
from ckextract.records import Extraction, OcrPage, SourceDocument, TextLine
from ckextract.settings import ExtractSettings


@dataclass(slots=True)
class PagesRead:
    """What reading some pages of a document found (picklable: it crosses processes)."""

    page_count: int
    first_page: int
    parts_by_page: list[list[PageTable]] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
    no_text: list[int] = field(default_factory=list)
    glyphs: int = 0
    cid_glyphs: int = 0
    recovered_glyphs: int = 0
    hidden_glyphs: int = 0
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    """(page, code, reason) of pages over a limit: read nothing from, the rest went on."""
    ocr: list[OcrPage] = field(default_factory=list)
    """Pages read by OCR."""
    ocr_missing: str | None = None
    """Why pages without text were not read by OCR (Tesseract missing), if any was not."""


def read_pages(
    doc: SourceDocument, settings: ExtractSettings | None = None, pages: range | None = None
) -> PagesRead:
    """Read ``pages`` (1-based; default all) one at a time, releasing each page after use."""
    settings = settings or ExtractSettings()
    with open_pdf(doc.path, settings.max_pages) as pdf:
        try:
            page_count = len(pdf.pages)
            if page_count > settings.max_pages:
                raise TooManyPagesError(doc.path, page_count, settings.max_pages)
            wanted = pages if pages is not None else range(1, page_count + 1)
            out = PagesRead(page_count, wanted.start if len(wanted) else 1)
            started = time.monotonic()
            for number in wanted:
                interrupts.check()  # a stop request (Ctrl-C) ends a long document between pages
                if time.monotonic() - started > settings.document_seconds:
                    raise DocumentOverTimeError(doc.path, settings.document_seconds)
                page = pdf.pages[number - 1]
                try:
                    read = _read_page(doc, page, number, settings)
                except (PageLimitError, MemoryError) as exc:
                    code, reason = (exc.code, exc.reason) if isinstance(exc, PageLimitError) else _OOM
                    out.skipped.append((number, code, reason))
                    out.parts_by_page.append([])
                    page.close()
                    continue
                if read.glyphs == read.cid_glyphs and settings.ocr and has_content(page):
                    if (missing := ocr.missing()) is not None:
                        out.ocr_missing = missing
                    else:  # no usable text: read the page from its pixels
                        read, scanned = _read_scanned(doc, page, number, settings)
                        out.ocr.append(scanned)
                        progress.page_read(doc.path.name, number, page_count, scanned.seconds)
                out.glyphs += read.glyphs
                out.cid_glyphs += read.cid_glyphs
                out.recovered_glyphs += read.recovered
                out.hidden_glyphs += read.hidden
                out.parts_by_page.append(read.tables)
                out.lines.extend(read.lines)
                if read.glyphs == 0:
                    out.no_text.append(number)
                page.close()  # release the page's parsed objects: memory stays flat
        except (DocumentError, InterruptedRun):
            raise
        except Exception as exc:
            raise classify(doc.path, exc) from exc
    return out


_OOM = (OutOfMemoryError.code, OutOfMemoryError.reason)


def has_content(page: Any) -> bool:
    """Whether a page shows anything (an image, a shape, a glyph): a blank page is not OCR'd."""
    objects = page.objects
    return any(objects.get(kind) for kind in ("image", "char", "rect", "line", "curve"))


def _read_scanned(
    doc: SourceDocument, page: Any, number: int, settings: ExtractSettings
) -> tuple[PageRead, OcrPage]:
    """A page without usable text, read by OCR from its pixels (:mod:`.ocr`)."""
    try:
        scanned = ocr.read_scanned_page(doc.path, number, float(page.initial_doctop), settings)
    except Exception as exc:  # Tesseract or the image library failed: name the page
        raise OcrError(doc.path, number, f"{type(exc).__name__}: {str(exc).strip()[:120]}") from exc
    x0, top, x1, bottom = (float(v) for v in page.bbox)
    drawing = Drawing([], scanned.lines, scanned.marks, (x0, top, x1, bottom))
    read = scanned_tables(scanned.chars, drawing, number, settings, Deadline(settings.page_seconds))
    stats = OcrPage(
        number,
        round(scanned.seconds, 2),
        read.glyphs,
        scanned.mean_confidence,
        scanned.skew_degrees,
        scanned.town_mends,
    )
    return read, stats


def _read_page(doc: SourceDocument, page: Any, number: int, settings: ExtractSettings) -> PageRead:
    """One page, within its limits (:mod:`.limits`): a page over one raises PageLimitError."""
    check_page_content(page.page_obj, settings)
    page.objects  # noqa: B018 - parse the page here: the PDF parser's failures name the file
    if len(page.chars) > settings.max_chars_per_page:
        raise PageLimitError(
            "too_many_glyphs", f"too many glyphs ({len(page.chars):,} > {settings.max_chars_per_page:,})"
        )
    try:
        return page_tables(page, number, settings, Deadline(settings.page_seconds))
    except (PageLimitError, MemoryError):
        raise
    except Exception as exc:  # ours, on objects the parser read: not the file's fault
        raise ExtractorError(doc.path, number, exc) from exc


def assemble(
    doc: SourceDocument, chunks: Sequence[PagesRead], settings: ExtractSettings | None = None
) -> Extraction:
    """Put chunks of pages (in page order) together into the document's extraction."""
    settings = settings or ExtractSettings()
    page_count = chunks[0].page_count if chunks else 0
    parts_by_page = [parts for c in chunks for parts in c.parts_by_page]
    no_text = [n for c in chunks for n in c.no_text]
    glyphs = sum(c.glyphs for c in chunks)
    skipped = tuple(s for c in chunks for s in c.skipped)
    if page_count == 0:
        raise DamagedPdfError(doc.path, "no pages found")
    if skipped and len(skipped) == page_count:
        raise PagesOverLimitError(doc.path, *skipped[0])
    if len(no_text) + len(skipped) == page_count:
        raise NoTextLayerError(doc.path, _why_no_text(chunks, settings))
    if glyphs and sum(c.cid_glyphs for c in chunks) == glyphs:
        raise CidOnlyError(doc.path)
    lines = tuple(line for c in chunks for line in c.lines)
    tables = tuple(to_table(i, group) for i, group in enumerate(stitch(parts_by_page, settings, lines)))
    return Extraction(
        doc,
        page_count,
        tables,
        tuple(no_text),
        lines,
        unmapped_glyphs=sum(c.cid_glyphs for c in chunks),
        recovered_glyphs=sum(c.recovered_glyphs for c in chunks),
        hidden_glyphs=sum(c.hidden_glyphs for c in chunks),
        skipped_pages=skipped,
        ocr_pages=tuple(p for c in chunks for p in c.ocr),
    )


def _why_no_text(chunks: Sequence[PagesRead], settings: ExtractSettings) -> str | None:
    """What to add to "no text layer": OCR read nothing, or how to get OCR."""
    if any(c.ocr for c in chunks):
        return "OCR read no text either"
    missing = next((c.ocr_missing for c in chunks if c.ocr_missing), None)
    if missing is not None:
        return f"{missing}: {ocr.INSTALL_HINT}"
    return None


def page_chunks(page_count: int, chunk: int) -> list[range]:
    """1-based page ranges of at most ``chunk`` pages."""
    return [range(start, min(start + chunk, page_count + 1)) for start in range(1, page_count + 1, chunk)]


def extract_document(doc: SourceDocument, settings: ExtractSettings | None = None) -> Extraction:
    """All tables of ``doc``; raises a :class:`DocumentError` naming the file."""
    return assemble(doc, [read_pages(doc, settings)], settings)


__all__ = ["PagesRead", "assemble", "extract_document", "page_chunks", "read_pages"]
