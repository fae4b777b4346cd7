"""Stage 1, discover: PDF files under the given paths, identified by content hash.

A folder may hold a ``manifest.toml`` describing its documents (title,
publisher, dates, whether a file is a reconstruction); see ``raw_pdfs/manifest.toml``.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ckextract.errors import CkExtractError, SourceNotFoundError
from ckextract.records import SourceDocument

MANIFEST = "manifest.toml"
_CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    is_reconstruction: bool = False


def read_manifest(folder: Path) -> dict[str, ManifestEntry]:
    """File name → its manifest entry (empty when the folder has no manifest)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CkExtractError(f"{path}: invalid manifest ({exc})") from exc
    out = {}
    for item in data.get("documents", []):
        published = item.get("published_on")
        out[item["file"]] = ManifestEntry(
            title=item.get("title"),
            publisher=item.get("publisher"),
            published_on=published if isinstance(published, date) else None,
            is_reconstruction=bool(item.get("reconstruction", False)),
        )
    return out


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """PDF files named or found (recursively) under folders, in a stable order."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() == ".pdf"))
        elif p.is_file():
            found.append(p)
        else:
            raise SourceNotFoundError(p)
    return list(dict.fromkeys(found))


def discover(paths: Iterable[Path]) -> list[SourceDocument]:
    """Every PDF under ``paths`` as a :class:`SourceDocument` with its sha256."""
    manifests: dict[Path, dict[str, ManifestEntry]] = {}
    docs = []
    for pdf in find_pdfs(paths):
        folder = pdf.parent
        if folder not in manifests:
            manifests[folder] = read_manifest(folder)
        meta = manifests[folder].get(pdf.name, ManifestEntry())
        docs.append(
            SourceDocument(
                path=pdf,
                document_id=sha256_file(pdf),
                size_bytes=pdf.stat().st_size,
                title=meta.title,
                publisher=meta.publisher,
                published_on=meta.published_on,
                is_reconstruction=meta.is_reconstruction,
            )
        )
    return docs
