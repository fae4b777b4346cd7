"""Files the commands write: the format a path asks for, and never a file of another kind.

``graph --out`` once wrote 12 KB of HTML over the warehouse. Now a path is written only
when nothing is there, or (with ``--force``) when what is there is a previous output of
the same kind, told by its content (a PNG's signature; the generator mark our HTML and
SVG carry), never by its name alone. A DuckDB database is never overwritten, ``--force``
or not. The file is written to a temporary name beside it and moved into place, so a
failure leaves the old file whole.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ckextract.errors import CkExtractError

GENERATOR = "ckextract graph"
"""The mark every HTML and SVG graph carries (``<meta name="generator">`` and the SVG
root's ``data-generator``): how a previous graph is told from any other file."""
_MARK = f'data-generator="{GENERATOR}"'.encode()
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DUCKDB_MAGIC = b"DUCK"
"""DuckDB's file header: ``DUCK`` at byte 8."""
HEAD_BYTES = 65_536
"""How much of an existing file is read to tell its kind (the mark is in the first KB)."""


class OutputError(CkExtractError):
    """An output path that will not be written: it names the path and the reason."""


@dataclass(frozen=True, slots=True)
class OutputFormat:
    suffix: str
    description: str
    is_previous: Callable[[bytes], bool]


GRAPH_FORMATS = {
    ".html": OutputFormat(".html", "HTML graph", lambda head: _MARK in head),
    ".svg": OutputFormat(".svg", "SVG graph", lambda head: _MARK in head),
    ".png": OutputFormat(".png", "PNG image", lambda head: head.startswith(PNG_SIGNATURE)),
}


def is_duckdb(head: bytes) -> bool:
    return head[8:12] == DUCKDB_MAGIC


def prepare_output(
    path: Path, formats: dict[str, OutputFormat], *, force: bool, protected: Sequence[Path] = ()
) -> OutputFormat:
    """The format ``path`` is to be written in (its extension's), once it is sure that
    writing it destroys nothing: else :class:`OutputError` naming the path and why."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder")
    head = _head(path) if path.exists() else None
    if head is not None and (is_duckdb(head) or any(_same(path, p) for p in protected)):
        raise OutputError(
            f"{path}: is {'the warehouse' if any(_same(path, p) for p in protected) else 'a DuckDB database'}; never overwritten"
        )
    fmt = formats.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(formats)
        raise OutputError(f"{path}: unknown output format {path.suffix or '(no extension)'!r} (use {known})")
    if head is None:
        return fmt
    if not fmt.is_previous(head):
        raise OutputError(f"{path}: exists and is not a {fmt.description} ckextract wrote; not overwritten")
    if not force:
        raise OutputError(f"{path}: exists (a previous {fmt.description}); --force overwrites it")
    return fmt


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(HEAD_BYTES)
    except OSError as exc:
        raise OutputError(f"{path}: cannot read what is there ({exc.strerror or exc})") from exc


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it (the old file, if
    any, stays whole until the new one is complete)."""
    make_parent(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_parent(path: Path) -> None:
    """Create ``path``'s folder; a path under a file is an :class:`OutputError`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise OutputError(f"{path}: cannot create its folder (a file is in the way: {exc.filename})") from exc
