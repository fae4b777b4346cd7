"""A sources folder: its manifest (``sources.toml``) and its store of fetched files.

The manifest names each document (a local ``file`` or a ``url``) and the series and
edition it belongs to; every value is checked, and a mistake is reported with the
file and line. ``fetch`` downloads URL entries into the folder's :class:`FetchedStore`
(``fetched/<sha256>.pdf`` plus ``fetched/index.json``: URL → sha256); ``discover``
reads the same store. This module is the one owner of both layouts.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ckextract.errors import ManifestError

MANIFEST = "sources.toml"
FETCHED = "fetched"
INDEX = "index.json"
PARTIAL_PREFIX = ".part-"
"""Temporary download files: renamed into place when complete, removed when stale."""
SHA256 = re.compile(r"[0-9a-f]{64}")

_STRING_KEYS = ("series", "file", "url", "title", "publisher", "source")
_KNOWN_KEYS = {*_STRING_KEYS, "edition", "published_on", "reconstruction"}


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


def _entry_lines(text: str) -> list[int]:
    """Line number (1-based) of each ``[[documents]]`` header, in order."""
    return [i for i, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[documents]]"]


def _key_line(text: str, start: int, key: str) -> int:
    """Line of ``key = …`` in the entry that starts at line ``start`` (``start`` if not found)."""
    pattern = re.compile(rf"\s*{re.escape(key)}\s*=")
    for i, line in enumerate(text.splitlines()[start:], start=start + 1):
        if line.strip().startswith("[["):
            break
        if pattern.match(line):
            return i
    return start


def _entry(item: dict[str, Any], fail: Any) -> SourceEntry:
    for key in item:
        if key not in _KNOWN_KEYS:
            fail(key, f"unknown key {key!r} (known: {', '.join(sorted(_KNOWN_KEYS))})")
    for key in _STRING_KEYS:
        if key in item and not isinstance(item[key], str):
            fail(key, f"{key} must be a string, got {item[key]!r}")
    edition = item.get("edition")
    if edition is not None and not isinstance(edition, str | int):
        fail("edition", f"edition must be a string or a number, got {edition!r}")
    published = item.get("published_on")
    if published is not None and (not isinstance(published, date) or isinstance(published, bool)):
        fail("published_on", f"published_on must be a date (published_on = 2024-07-01), got {published!r}")
    reconstruction = item.get("reconstruction", False)
    if not isinstance(reconstruction, bool):
        fail("reconstruction", f"reconstruction must be true or false, got {reconstruction!r}")
    file, url = item.get("file"), item.get("url")
    if bool(file) == bool(url):
        fail("file", "needs exactly one of `file` or `url`")
    if url and not str(url).startswith(("http://", "https://")):
        fail("url", f"url must be http(s): {url}")
    if file and (Path(file).name != file):
        fail("file", f"file must be a file name in this folder, got {file!r}")
    return SourceEntry(
        series=item.get("series"),
        edition=str(edition) if edition is not None else None,
        file=file,
        url=url,
        title=item.get("title"),
        publisher=item.get("publisher"),
        published_on=published,
        is_reconstruction=reconstruction,
    )


def read_sources(folder: Path) -> dict[str, SourceEntry]:
    """Entries of ``folder/sources.toml`` keyed by file name or URL (empty when there is none).
    Raises :class:`ManifestError` (file, line, reason) for a value of the wrong kind."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ManifestError(path, None, f"not UTF-8 text ({exc.reason})") from exc
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ManifestError(path, line, f"invalid TOML ({str(exc).split(' (at')[0]})") from exc
    documents = data.get("documents", [])
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents):
        raise ManifestError(
            path, _key_line(text, 0, "documents"), "documents must be a list of [[documents]] tables"
        )
    headers = _entry_lines(text)
    out: dict[str, SourceEntry] = {}
    for i, item in enumerate(documents):
        start = headers[i] if i < len(headers) else 1

        def fail(key: str, reason: str, _start: int = start, _i: int = i) -> None:
            raise ManifestError(path, _key_line(text, _start, key), f"entry {_i + 1}: {reason}")

        entry = _entry(item, fail)
        key = entry.file or entry.url
        assert key is not None
        if key in out:
            fail("file" if entry.file else "url", f"{key} is listed twice")
        out[key] = entry
    return out


@dataclass(frozen=True, slots=True)
class FetchedFile:
    url: str
    sha256: str
    path: Path
    fetched_at: str | None = None


@dataclass(frozen=True)
class FetchedStore:
    """``<folder>/fetched/``: downloads by content (``<sha256>.pdf``) and their index."""

    folder: Path

    @property
    def dir(self) -> Path:
        return self.folder / FETCHED

    @property
    def index_path(self) -> Path:
        return self.dir / INDEX

    def path(self, sha256: str) -> Path:
        if not SHA256.fullmatch(sha256):
            raise ManifestError(self.index_path, None, f"not a sha256: {sha256!r}")
        return self.dir / f"{sha256}.pdf"

    def read_index(self) -> dict[str, dict[str, Any]]:
        """URL → {sha256, fetched_at}; every entry checked (a sha256 is 64 hex digits, so
        an index can never point outside the store)."""
        if not self.index_path.is_file():
            return {}
        try:
            data = json.loads(self.index_path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ManifestError(
                self.index_path, getattr(exc, "lineno", None), "corrupt index (not JSON)"
            ) from exc
        if not isinstance(data, dict):
            raise ManifestError(self.index_path, None, "corrupt index (not a JSON object)")
        for url, info in data.items():
            sha = info.get("sha256") if isinstance(info, dict) else None
            if not isinstance(sha, str) or not SHA256.fullmatch(sha):
                raise ManifestError(self.index_path, None, f"corrupt index: {url!r} has no valid sha256")
        return data

    def write_index(self, index: dict[str, dict[str, Any]]) -> None:
        """Replace the index atomically (a reader never sees half of it)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index-", dir=self.dir)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(index, fh, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, self.index_path)

    def files(self) -> list[FetchedFile]:
        """The stored files the index points at, by URL."""
        out = []
        for url, info in sorted(self.read_index().items()):
            path = self.path(info["sha256"])
            if path.is_file():
                out.append(FetchedFile(url, info["sha256"], path, info.get("fetched_at")))
        return out

    def clean_partials(self, older_than: float = 0.0) -> list[Path]:
        """Remove temporary files a killed download or index write left behind (those not
        touched for ``older_than`` seconds: a download under way elsewhere keeps its file)."""
        if not self.dir.is_dir():
            return []
        import time

        cutoff = time.time() - older_than
        stale = [
            p
            for p in self.dir.iterdir()
            if p.name.startswith((PARTIAL_PREFIX, ".index-")) and p.stat().st_mtime <= cutoff
        ]
        for p in stale:
            p.unlink(missing_ok=True)
        return stale
