"""Stage 0, fetch: download the manifest's URL sources into the folder's
:class:`~ckextract.sources.FetchedStore`.

Each download goes to a temporary file in the store's folder and is renamed
into place only when complete (``<sha256>.pdf``), so no partial file is ever
visible; bytes already stored are not written again. A download has a timeout per
read and an overall deadline (a server trickling a byte at a time is given up).
Partial files a killed fetch left behind are removed at the next fetch. A failed
download is reported and the others go on; what was fetched before stays.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from ckextract.sources import PARTIAL_PREFIX, FetchedStore, SourceEntry, read_sources

USER_AGENT = "ckextract (+https://example.invalid/ckextract)"
READ_CHUNK = 1 << 16


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 30.0
    """Seconds to wait for the connection and for each read."""
    retries: int = 3
    backoff: float = 1.0
    """Seconds before the first retry; doubled each time."""
    max_bytes: int = 200 * 1024 * 1024
    deadline: float = 600.0
    """Seconds one download attempt may take in all (a server may send a byte at a time,
    each within the read timeout, and never finish)."""

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.deadline <= 0 or self.max_bytes <= 0:
            raise ValueError("FetchSettings: timeout, deadline and max_bytes must be positive")
        if self.retries < 0 or self.backoff < 0:
            raise ValueError("FetchSettings: retries and backoff must not be negative")


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


class _Deadline:
    """An attempt's overall deadline, enforced on its socket: when it passes, the socket is
    shut down, so a read blocked on a trickling server (in the headers or the body) ends
    at once instead of after the server's last byte."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.passed = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.passed:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.passed = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()


def _watched(base: type[http.client.HTTPConnection], deadline: _Deadline) -> type[http.client.HTTPConnection]:
    class Watched(base):  # type: ignore[valid-type, misc]
        def connect(self) -> None:
            super().connect()
            deadline.watch(self.sock)

    return Watched


class _HTTP(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _watched(http.client.HTTPConnection, deadline)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _HTTPS(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._connection = _watched(http.client.HTTPSConnection, deadline)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)  # the default TLS context, as urlopen's


def _download(url: str, dest_dir: Path, settings: FetchSettings) -> tuple[str, Path]:
    """One attempt: stream to a temp file in ``dest_dir``; return (sha256, temp path)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(prefix=PARTIAL_PREFIX, dir=dest_dir)
    deadline = _Deadline(settings.deadline)
    opener = urllib.request.build_opener(_HTTP(deadline), _HTTPS(deadline))
    try:
        with deadline, os.fdopen(fd, "wb") as out:
            try:
                _stream(opener, request, out, digest, settings)
            except (OSError, http.client.HTTPException, _Incomplete) as exc:
                if deadline.passed:
                    raise _Incomplete(f"gave up after {settings.deadline:g} s (deadline)") from exc
                raise
            if deadline.passed:
                raise _Incomplete(f"gave up after {settings.deadline:g} s (deadline)")
        return digest.hexdigest(), Path(tmp)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _stream(
    opener: urllib.request.OpenerDirector,
    request: urllib.request.Request,
    out: IO[bytes],
    digest: Any,
    settings: FetchSettings,
) -> None:
    """The response's body into ``out`` and ``digest``, checked against its length."""
    with opener.open(request, timeout=settings.timeout) as response:
        expected = response.headers.get("Content-Length")
        received = 0
        while chunk := response.read1(READ_CHUNK):
            received += len(chunk)
            if received > settings.max_bytes:
                raise _Incomplete(f"larger than {settings.max_bytes} bytes")
            digest.update(chunk)
            out.write(chunk)
        if expected is not None and received != int(expected):
            raise _Incomplete(f"truncated body ({received} of {expected} bytes)")


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
        except (OSError, http.client.HTTPException, _Incomplete) as exc:
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


def fetch_sources(folder: Path, settings: FetchSettings | None = None) -> FetchReport:
    """Fetch every URL entry of ``folder/sources.toml`` into ``folder/fetched/``."""
    settings = settings or FetchSettings()
    entries: list[SourceEntry] = [e for e in read_sources(folder).values() if e.url]
    report = FetchReport()
    store = FetchedStore(folder)
    if not entries:
        return report
    store.dir.mkdir(parents=True, exist_ok=True)
    store.clean_partials(older_than=settings.deadline)
    index = store.read_index()
    for entry in entries:
        assert entry.url is not None
        try:
            got = fetch_url(entry.url, store.dir, settings)
        except FetchError as exc:
            report.failed.append(FetchFailure(exc.url, exc.reason))
            continue
        index[entry.url] = {
            "sha256": got.sha256,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        store.write_index(index)
        report.fetched.append(got)
    return report
