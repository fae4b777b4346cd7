"""Stage 1, discover: PDF files under the given paths, identified by content hash.

A folder may hold a sources manifest, ``sources.toml``: each entry names a
document (a local ``file``, or a ``url`` that ``ckextract fetch`` downloads
into ``fetched/``) and the series and edition it belongs to. See
``raw_pdfs/sources.toml`` and ``docs/reingestion.md``.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ckextract.errors import CkExtractError, SourceNotFoundError
from ckextract.records import SourceDocument

MANIFEST = "sources.toml"
FETCHED = "fetched"
_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class SourceEntry:
    series: str | None = None
    edition: str | None = None
    file: str | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    is_reconstruction: bool = False


def read_sources(folder: Path) -> dict[str, SourceEntry]:
    """Entries of ``folder/sources.toml`` keyed by file name or URL (empty when there is none)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CkExtractError(f"{path}: invalid sources manifest ({exc})") from exc
    out = {}
    for i, item in enumerate(data.get("documents", []), start=1):
        file, url = item.get("file"), item.get("url")
        if bool(file) == bool(url):
            raise CkExtractError(f"{path}: entry {i} needs exactly one of `file` or `url`")
        if url and not str(url).startswith(("http://", "https://")):
            raise CkExtractError(f"{path}: entry {i}: url must be http(s): {url}")
        published = item.get("published_on")
        edition = item.get("edition")
        out[file or url] = SourceEntry(
            series=item.get("series"),
            edition=str(edition) if edition is not None else None,
            file=file,
            url=url,
            title=item.get("title"),
            publisher=item.get("publisher"),
            published_on=published if isinstance(published, date) else None,
            is_reconstruction=bool(item.get("reconstruction", False)),
        )
    return out


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


def _fetched(folder: Path) -> list[tuple[Path, str]]:
    """(stored file, url) of the folder's fetched sources."""
    index_path = folder / FETCHED / "index.json"
    if not index_path.is_file():
        return []
    index: dict[str, Any] = json.loads(index_path.read_text(encoding="utf-8"))
    out = []
    for url, info in sorted(index.items()):
        path = folder / FETCHED / f"{info['sha256']}.pdf"
        if path.is_file():
            out.append((path, url))
    return out


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
        for path, url in _fetched(folder):
            docs.append(_document(path, entries.get(url, SourceEntry(url=url)), url))
    return docs
