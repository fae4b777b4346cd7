"""Opening a PDF safely: every failure becomes a named :class:`DocumentError`."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer import pdftypes
from pdfplumber.pdf import PDF

from ckextract.errors import (
    DamagedPdfError,
    DecompressionBombError,
    DocumentError,
    EmptyFileError,
    EncryptedPdfError,
    NotAPdfError,
    OutOfMemoryError,
    StreamTooLarge,
    TooManyPagesError,
)

_HEADER_WINDOW = 1024
MAX_STREAM_BYTES = 256 * 1024 * 1024
"""No stream may inflate past this: a guard against decompression bombs."""


class _BoundedZlib:
    """Stands in for the ``zlib`` module inside pdfminer.pdftypes: same calls, but a
    Flate stream that inflates past :data:`MAX_STREAM_BYTES` raises instead of
    filling memory. (pdfminer has no such limit of its own.)"""

    error = zlib.error

    @staticmethod
    def decompress(data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, MAX_STREAM_BYTES + 1)
        if len(out) > MAX_STREAM_BYTES or inflater.unconsumed_tail:
            raise StreamTooLarge(MAX_STREAM_BYTES)
        return out

    decompressobj = staticmethod(zlib.decompressobj)


setattr(pdftypes, "zlib", _BoundedZlib)  # noqa: B010 - replacing a module global on purpose


def check_header(path: Path) -> None:
    """Refuse empty files and files that do not start like a PDF."""
    with path.open("rb") as fh:
        head = fh.read(_HEADER_WINDOW)
    if not head:
        raise EmptyFileError(path)
    if b"%PDF-" not in head:
        raise NotAPdfError(path)


def classify(path: Path, exc: BaseException) -> DocumentError:
    """Map a pdfminer/pdfplumber exception to a named error."""
    if isinstance(exc, DocumentError):
        return exc
    chain: list[BaseException] = [exc]
    while chain[-1].__cause__ is not None or chain[-1].__context__ is not None:
        nxt = chain[-1].__cause__ or chain[-1].__context__
        assert nxt is not None
        if nxt in chain:
            break
        chain.append(nxt)
    for e in chain:
        if isinstance(e, MemoryError):  # the machine's limit, not the file's damage
            return OutOfMemoryError(path)
        if isinstance(e, StreamTooLarge):
            return DecompressionBombError(path, e.limit)
        name = type(e).__name__
        if name in {"PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"}:
            return EncryptedPdfError(path)
        for arg in getattr(e, "args", ()):
            if type(arg).__name__ == "PDFPasswordIncorrect":
                return EncryptedPdfError(path)
    detail = type(chain[-1]).__name__
    msg = str(chain[-1]).strip().splitlines()[0] if str(chain[-1]).strip() else ""
    if msg:
        detail = f"{detail}: {msg[:120]}"
    return DamagedPdfError(path, detail)


def quick_page_count(path: Path) -> int:
    """Pages, read by PDFium in well under a millisecond (no content parsed); 0 when it
    cannot tell (the extraction then names the file's fault). Used to plan work, not to read."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except Exception:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def declared_pages(pdf: PDF) -> int | None:
    """The page count the document's page tree declares (read before building pages)."""
    try:
        count = pdftypes.resolve1(pdftypes.resolve1(pdf.doc.catalog["Pages"]).get("Count"))
    except Exception:
        return None
    return int(count) if isinstance(count, int) else None


@contextmanager
def open_pdf(path: Path, max_pages: int | None = None) -> Iterator[PDF]:
    """Open ``path`` with pdfplumber, or raise a :class:`DocumentError` naming it."""
    check_header(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        raise classify(path, exc) from exc
    try:
        declared = declared_pages(pdf)
        if max_pages is not None and declared is not None and declared > max_pages:
            raise TooManyPagesError(path, declared, max_pages)
        _ = pdf.pages  # forces the page tree: encrypted/damaged files fail here
    except DocumentError:
        _close(pdf)
        raise
    except Exception as exc:
        _close(pdf)
        raise classify(path, exc) from exc
    try:
        yield pdf
    finally:
        _close(pdf)


def _close(pdf: PDF) -> None:
    """Close without masking the error being reported: pdfplumber's close() walks the
    page tree, which is exactly what may be broken."""
    try:
        pdf.close()
    except Exception:
        stream = getattr(pdf, "stream", None)
        if stream is not None and not stream.closed:
            stream.close()
