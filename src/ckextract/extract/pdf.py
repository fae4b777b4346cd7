"""Opening a PDF safely: every failure becomes a named :class:`DocumentError`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfplumber.pdf import PDF

from ckextract.errors import (
    DamagedPdfError,
    DocumentError,
    EmptyFileError,
    EncryptedPdfError,
    NotAPdfError,
)

_HEADER_WINDOW = 1024


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


@contextmanager
def open_pdf(path: Path) -> Iterator[PDF]:
    """Open ``path`` with pdfplumber, or raise a :class:`DocumentError` naming it."""
    check_header(path)
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the page tree: encrypted/damaged files fail here
    except Exception as exc:
        raise classify(path, exc) from exc
    try:
        yield pdf
    finally:
        pdf.close()
