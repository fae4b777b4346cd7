"""Every error ckextract raises on purpose. The CLI turns them into messages."""

from __future__ import annotations

from pathlib import Path


class CkExtractError(Exception):
    """Base class of ckextract's own errors."""


class DocumentError(CkExtractError):
    """A source file cannot be read as a PDF with a text layer.

    ``reason`` is a short, stable phrase (tests and the warehouse rely on it);
    the message names the file and the reason in one line.
    """

    code = "unreadable"

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class EmptyFileError(DocumentError):
    code = "empty"

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "empty file (0 bytes)")


class NotAPdfError(DocumentError):
    code = "not_pdf"

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "not a PDF (no %PDF- header)")


class EncryptedPdfError(DocumentError):
    code = "encrypted"

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "encrypted PDF (a password is required)")


class DamagedPdfError(DocumentError):
    code = "damaged"

    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(path, f"damaged or truncated PDF ({detail})")


class SourceNotFoundError(CkExtractError):
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: no such file or folder")


class WarehouseError(CkExtractError):
    """The warehouse file cannot be opened, read or written; the message names it and why."""

    def __init__(self, db_path: Path | str, reason: str) -> None:
        self.db_path = Path(db_path)
        self.reason = reason
        super().__init__(f"{self.db_path}: {reason}")


class WarehouseLockedError(WarehouseError):
    def __init__(self, db_path: Path | str) -> None:
        super().__init__(
            db_path,
            "the warehouse is in use by another process (DuckDB allows one writer, and an open "
            "reader blocks writers too: close other connections, or read a copy); "
            "try again when it has finished",
        )


class TransactionAbortedError(WarehouseError):
    """An error escaped a nested ``atomic()`` block: the whole transaction was rolled back."""

    def __init__(self, db_path: Path | str, inner: BaseException) -> None:
        self.inner = inner
        super().__init__(
            db_path, f"transaction rolled back: a nested block failed ({type(inner).__name__}: {inner})"
        )


class LocatedError(CkExtractError):
    """A mistake in a file ckextract reads for its settings: file, line (if known), reason."""

    def __init__(self, path: Path | str, line: int | None, reason: str) -> None:
        self.path = Path(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {reason}")


class ManifestError(LocatedError):
    """A sources manifest or fetched-file index with a mistake."""


class SpecError(LocatedError):
    """A list spec with a mistake (rejected when specs are loaded, before any work)."""


class MigrationError(CkExtractError):
    pass


class NoTextLayerError(DocumentError):
    code = "no_text"

    def __init__(self, path: Path | str, detail: str | None = None) -> None:
        reason = "no text layer (scanned or image-only pages)"
        super().__init__(path, f"{reason}; {detail}" if detail else reason)


class OcrError(DocumentError):
    """Tesseract failed on a page (not the file's fault as far as we know: named anyway)."""

    code = "ocr_failed"

    def __init__(self, path: Path | str, page: int, detail: str) -> None:
        super().__init__(path, f"page {page}: OCR failed ({detail})")


class TooManyPagesError(DocumentError):
    code = "too_many_pages"

    def __init__(self, path: Path | str, pages: int, limit: int) -> None:
        super().__init__(path, f"too many pages ({pages} > limit {limit})")


class CidOnlyError(DocumentError):
    code = "cid_only"

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "no usable text: its fonts have no Unicode map (only (cid:NN) glyphs)")


class DecompressionBombError(DocumentError):
    code = "decompression_bomb"

    def __init__(self, path: Path | str, limit: int) -> None:
        super().__init__(
            path, f"a compressed stream inflates past {limit // (1024 * 1024)} MiB (decompression bomb)"
        )


class DocumentOverTimeError(DocumentError):
    code = "over_time"

    def __init__(self, path: Path | str, seconds: float) -> None:
        super().__init__(path, f"still being read after {seconds:g} s (document time limit)")


class PagesOverLimitError(DocumentError):
    """Every page of a document was over a limit: nothing could be read."""

    code = "over_limit"

    def __init__(self, path: Path | str, page: int, code: str, reason: str) -> None:
        super().__init__(path, f"every page is over a limit (page {page}: {reason})")


class OutOfMemoryError(DocumentError):
    """The machine ran out of memory reading the file: its limit, never the file's damage."""

    code = "out_of_memory"
    reason = "out of memory while reading it"

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, self.reason)


class ExtractorError(DocumentError):
    """ckextract's own table finding failed on a page the PDF parser read: a defect in
    ckextract (the file is kept as rejected, the other files still load)."""

    code = "extractor_error"

    def __init__(self, path: Path | str, page: int, exc: BaseException) -> None:
        detail = type(exc).__name__
        message = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
        if message:
            detail = f"{detail}: {message}"
        super().__init__(
            path, f"ckextract failed on page {page} ({detail}); a defect in ckextract, please report it"
        )


class StreamTooLarge(Exception):
    """Raised inside pdfminer when a stream inflates past the limit (see extract.pdf)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"stream inflates past {limit} bytes")


class LayoutError(DocumentError):
    """A layout failed on tables that were read: a defect in ckextract, not in the file."""

    code = "layout_error"

    def __init__(self, path: Path | str, exc: BaseException) -> None:
        detail = type(exc).__name__
        message = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
        if message:
            detail = f"{detail}: {message}"
        super().__init__(
            path, f"ckextract failed to read its layout ({detail}); a defect in ckextract, please report it"
        )


class InterruptedRun(CkExtractError):
    """The run was stopped by a signal (Ctrl-C, SIGTERM) before it finished."""

    def __init__(self, signal_name: str = "SIGINT") -> None:
        self.signal_name = signal_name
        self.load_id: str | None = None
        """The run it stopped, once that run is marked ``interrupted`` (None: none had begun)."""
        super().__init__(f"interrupted by {signal_name}")
