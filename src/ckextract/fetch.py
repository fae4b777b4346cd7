"""Stage 0, fetch: download the manifest's URL sources into a content-addressed store.

Each download goes to a temporary file in the store's folder and is renamed
into place only when complete (``<sha256>.pdf``), so no partial file is ever
visible; bytes already stored are not written again. ``index.json`` maps each
URL to the sha256 of its latest download. A failed download is reported and
the others go on; what was fetched before stays.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ckextract.discover import FETCHED, SourceEntry, read_sources

USER_AGENT = "ckextract (+https://example.invalid/ckextract)"
INDEX = "index.json"


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 30.0
    """Seconds to wait for the connection and for each read."""
    retries: int = 3
    backoff: float = 1.0
    """Seconds before the first retry; doubled each time."""
    max_bytes: int = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    sha256: str
    path: Path
    new: bool


@dataclass(frozen=True, slots=True)
class FetchFailure:
    url: str
    reason: str

    @property
    def message(self) -> str:
        return f"{self.url}: {self.reason}"


@dataclass(slots=True)
class FetchReport:
    fetched: list[Fetched] = field(default_factory=list)
    failed: list[FetchFailure] = field(default_factory=list)


class _Incomplete(Exception):
    pass


def _download(url: str, dest_dir: Path, settings: FetchSettings) -> tuple[str, Path]:
    """One attempt: stream to a temp file in ``dest_dir``; return (sha256, temp path)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(prefix=".part-", dir=dest_dir)
    try:
        with (
            os.fdopen(fd, "wb") as out,
            urllib.request.urlopen(request, timeout=settings.timeout) as response,
        ):
            expected = response.headers.get("Content-Length")
            received = 0
            while chunk := response.read(1 << 16):
                received += len(chunk)
                if received > settings.max_bytes:
                    raise _Incomplete(f"larger than {settings.max_bytes} bytes")
                digest.update(chunk)
                out.write(chunk)
            if expected is not None and received != int(expected):
                raise _Incomplete(f"truncated body ({received} of {expected} bytes)")
        return digest.hexdigest(), Path(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):
        return "timed out"
    if isinstance(exc, urllib.error.URLError):
        return f"cannot connect ({exc.reason})"
    if isinstance(exc, _Incomplete):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def fetch_url(url: str, store: Path, settings: FetchSettings | None = None) -> Fetched:
    """Download ``url`` into ``store`` (retrying); raises :class:`FetchError` when it cannot."""
    settings = settings or FetchSettings()
    store.mkdir(parents=True, exist_ok=True)
    last: BaseException | None = None
    for attempt in range(settings.retries + 1):
        if attempt:
            time.sleep(settings.backoff * 2 ** (attempt - 1))
        try:
            sha, tmp = _download(url, store, settings)
        except urllib.error.HTTPError as exc:
            last = exc
            if 400 <= exc.code < 500 and exc.code not in (408, 429):
                break  # the server said no: retrying will not help
            continue
        except (OSError, _Incomplete) as exc:
            last = exc
            continue
        final = store / f"{sha}.pdf"
        if final.exists():
            tmp.unlink()
            return Fetched(url, sha, final, new=False)
        os.replace(tmp, final)
        return Fetched(url, sha, final, new=True)
    assert last is not None
    raise FetchError(url, _reason(last))


class FetchError(Exception):
    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


def read_index(store: Path) -> dict[str, Any]:
    path = store / INDEX
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _write_index(store: Path, index: dict[str, Any]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".index-", dir=store)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(index, fh, ensure_ascii=False, indent=1, sort_keys=True)
    os.replace(tmp, store / INDEX)


def fetch_sources(folder: Path, settings: FetchSettings | None = None) -> FetchReport:
    """Fetch every URL entry of ``folder/sources.toml`` into ``folder/fetched/``."""
    entries: list[SourceEntry] = [e for e in read_sources(folder).values() if e.url]
    report = FetchReport()
    store = folder / FETCHED
    if not entries:
        return report
    store.mkdir(parents=True, exist_ok=True)
    index = read_index(store)
    for entry in entries:
        assert entry.url is not None
        try:
            got = fetch_url(entry.url, store, settings)
        except FetchError as exc:
            report.failed.append(FetchFailure(exc.url, exc.reason))
            continue
        index[entry.url] = {
            "sha256": got.sha256,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        _write_index(store, index)
        report.fetched.append(got)
    return report
