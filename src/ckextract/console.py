"""What the CLI prints when something goes wrong, and how any text reaches the terminal.

Every message is one line: a file named ``a\\nError: forged`` is printed with its newline
escaped, never as a second line a script could mistake for ours; terminal escapes and
bidirectional overrides in a PDF's text are escaped too. Every exception that reaches the
CLI becomes one ``Error:`` line (:func:`describe`); the traceback is for
``CKEXTRACT_DEBUG=1``.
"""

from __future__ import annotations

import errno
import re

from ckextract.errors import CkExtractError

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (C0, DEL, C1), line and paragraph separators, and the invisible
marks that reorder text (bidirectional overrides)."""

DEBUG_VARIABLE = "CKEXTRACT_DEBUG"


def printable(text: str) -> str:
    """``text`` with every control character written as its escape (``\\n``, ``\\x1b``)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_OS_REASONS = {
    errno.EROFS: "cannot write: read-only file system",
    errno.ENOSPC: "cannot write: disk full",
    errno.EDQUOT: "cannot write: disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a file is in the way of its folder",
    errno.EISDIR: "is a folder",
    errno.EEXIST: "a file is in the way",
}


def os_reason(exc: OSError) -> str:
    """An OS error as ``<path>: <what went wrong>``."""
    reason = _OS_REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__)
    return f"{exc.filename}: {reason}" if exc.filename else reason


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def describe(exc: BaseException) -> str:
    """One line for an exception that reached the CLI."""
    if isinstance(exc, CkExtractError):
        return str(exc)
    if isinstance(exc, OSError):
        return os_reason(exc)
    if type(exc).__module__.split(".")[0] == "duckdb":
        from ckextract.warehouse.db import WAREHOUSE_LABEL, describe_duckdb_error

        return f"{WAREHOUSE_LABEL}: {describe_duckdb_error(exc, 'error')}"
    if isinstance(exc, MemoryError):
        return "out of memory"
    detail = _first_line(str(exc))[:200]
    return (
        f"internal error: {type(exc).__name__}{': ' + detail if detail else ''} "
        f"(a defect in ckextract; {DEBUG_VARIABLE}=1 prints the traceback)"
    )
