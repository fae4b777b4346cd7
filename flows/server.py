"""Prefect's temporary server, owned by the run that needs it.

Without ``PREFECT_API_URL`` Prefect starts a temporary API server in a subprocess. Left to
itself, that subprocess shares the terminal's process group: Ctrl-C reaches it as well as
ckextract, it dies at once, and the flow (still finishing its document, as a first Ctrl-C
asks) then retries its events against a dead server for many minutes. Here the server is
started before the flow, in its own session (the terminal's signals go to ckextract only),
and stopped after the flow, once Prefect's event and log queues are drained.
"""

from __future__ import annotations

import contextlib
import functools
import subprocess
import sys
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any

from ckextract.errors import CkExtractError

DRAIN_SECONDS = 5.0
"""How long the flow's last events and logs may take to reach the server before it stops."""
POLL_SECONDS = 0.25
"""How often a stop request is looked for while the server starts (it takes 5–15 s)."""
START_SECONDS = 180
"""How long the server may take to answer, at the least (Prefect's own default is 20 s).
Its first start after an install compiles Prefect's modules and creates its database: on
a fresh two-core machine that took over 20 s, and `make ingest` on a fresh clone failed.
A larger PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS is kept."""


class ServerStartError(CkExtractError):
    """Prefect's temporary server did not come up."""

    def __init__(self, seconds: int, detail: str) -> None:
        super().__init__(
            f"Prefect's temporary server did not start within {seconds} s ({detail}); "
            "--engine local runs the same stages without it"
        )


def _detached_subprocess() -> types.SimpleNamespace:
    """The ``subprocess`` module as Prefect's server module sees it: ``Popen`` starts a new
    session (so the terminal's Ctrl-C does not reach the server)."""
    names = {k: getattr(subprocess, k) for k in dir(subprocess) if not k.startswith("__")}
    names["Popen"] = functools.partial(subprocess.Popen, start_new_session=True)
    return types.SimpleNamespace(**names)


@contextlib.contextmanager
def temporary_server(stop: Callable[[], None] | None = None) -> Iterator[str | None]:
    """Start Prefect's temporary server for the block (yield its API URL), unless a server
    is configured (yield None); stop it after the block, also on Ctrl-C. ``stop`` is called
    while the server starts (it raises to give up: a Ctrl-C need not wait for the start)."""
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():
        yield None
        return
    from prefect.server.api import server as server_module

    setattr(server_module, "subprocess", _detached_subprocess())  # noqa: B010 - a module attribute
    server = server_module.SubprocessASGIServer()  # Prefect's clients reuse this instance
    _start(server, stop)
    try:
        yield server.api_url
    finally:
        if not isinstance(sys.exc_info()[1], KeyboardInterrupt):  # a second Ctrl-C: no waiting
            _drain()
        server.stop()


def _start(server: Any, stop: Callable[[], None] | None) -> None:
    """``server.start()`` in a thread, looking for a stop request meanwhile; on one, the
    half-started server process is ended and the request's exception raised."""
    failed: list[BaseException] = []

    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

    seconds = max(START_SECONDS, int(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()))

    def start() -> None:
        try:
            server.start(timeout=seconds)
        except RuntimeError as exc:  # Prefect's "Timed out while attempting to connect ..."
            failed.append(ServerStartError(seconds, str(exc).splitlines()[0][:200]))
        except BaseException as exc:  # reported in the caller's thread
            failed.append(exc)

    thread = threading.Thread(target=start, name="prefect-temporary-server", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(POLL_SECONDS)
            if stop is not None:
                stop()
    except BaseException:
        process = server.server_process
        if process is not None:
            process.terminate()
        raise
    if failed:
        raise failed[0]


def _drain() -> None:
    """Send the flow's remaining events and logs while the server is still up."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for service in (EventsWorker, APILogWorker):
        with contextlib.suppress(Exception):  # best effort: undelivered events never fail a run
            service.drain_all(timeout=DRAIN_SECONDS)
