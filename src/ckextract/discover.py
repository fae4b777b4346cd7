"""Stage 1, discover: PDF files under the given paths, identified by content hash.

A folder may hold a sources manifest, ``sources.toml``: each entry names a
document (a local ``file``, or a ``url`` that ``ckextract fetch`` downloads
into ``fetched/``) and the series and edition it belongs to. See
``raw_pdfs/sources.toml`` and ``docs/reingestion.md``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from ckextract.errors import SourceNotFoundError
from ckextract.records import SourceDocument
from ckextract.sources import FETCHED, FetchedStore, SourceEntry, read_sources

_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """PDF files named or found (recursively) under folders, in a stable order.

    Files in a ``fetched/`` store are found through the manifest, not by scanning."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file() and f.suffix.lower() == ".pdf" and FETCHED not in f.relative_to(p).parts
                )
            )
        elif p.is_file():
            found.append(p)
        else:
            raise SourceNotFoundError(p)
    return list(dict.fromkeys(found))


def _document(path: Path, entry: SourceEntry, url: str | None = None) -> SourceDocument:
    return SourceDocument(
        path=path,
        document_id=sha256_file(path),
        size_bytes=path.stat().st_size,
        title=entry.title,
        publisher=entry.publisher,
        published_on=entry.published_on,
        is_reconstruction=entry.is_reconstruction,
        series_id=entry.series,
        edition=entry.edition,
        source_url=url,
    )


def discover(paths: Iterable[Path]) -> list[SourceDocument]:
    """Every PDF under ``paths`` (and every fetched source) as a :class:`SourceDocument`."""
    paths = list(paths)
    manifests: dict[Path, dict[str, SourceEntry]] = {}
    docs = []
    for pdf in find_pdfs(paths):
        folder = pdf.parent
        if folder not in manifests:
            manifests[folder] = read_sources(folder)
        docs.append(_document(pdf, manifests[folder].get(pdf.name, SourceEntry())))
    for folder in (p for p in paths if p.is_dir()):
        entries = manifests.get(folder) or read_sources(folder)
        for fetched in FetchedStore(folder).files():
            entry = entries.get(fetched.url, SourceEntry(url=fetched.url))
            docs.append(_document(fetched.path, entry, fetched.url))
    return docs
