"""Stopping a run on Ctrl-C or SIGTERM without losing what it loaded.

The first signal asks the run to stop: no new page, document or batch is started, the
document being loaded is committed or rolled back as a whole, the run is marked
``interrupted`` and the command exits 130. A second signal stops at once
(``KeyboardInterrupt``; the run is still marked ``interrupted``, or by the next run).

Worker processes ignore SIGINT (the terminal sends it to the whole process group):
the parent decides, and stops them.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from ckextract.errors import InterruptedRun

_requested: str | None = None
"""Name of the signal that asked this process to stop (None: carry on)."""
_forced = False
"""A second signal came: the process is to end at once (:func:`forced`)."""
HANDLED = (signal.SIGINT, signal.SIGTERM)


def request_stop(name: str = "SIGINT") -> None:
    global _requested
    _requested = _requested or name


def stop_requested() -> str | None:
    return _requested


def check() -> None:
    """Raise :class:`InterruptedRun` if a stop was requested (called between units of work)."""
    if _requested is not None:
        raise InterruptedRun(_requested)


def forced() -> bool:
    """Whether a second signal asked to stop at once (no waiting for threads still reading)."""
    return _forced


def reset() -> None:
    global _requested, _forced
    _requested, _forced = None, False


def ignore_in_worker() -> None:
    """Initializer of worker processes: the parent handles Ctrl-C for them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def stop_on_signals(quiet: bool = False) -> Iterator[object]:
    """While the block runs, SIGINT/SIGTERM request a stop (first) or stop at once (second).
    Yields :func:`check`. Outside the main thread, signals are left as they are."""
    if threading.current_thread() is not threading.main_thread():
        yield check
        return
    reset()

    def handler(signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if _requested is None:
            request_stop(name)
            if not quiet:
                print(
                    f"\n{name}: stopping after the current document (again to stop at once)",
                    file=sys.stderr,
                    flush=True,
                )
            return
        global _forced
        _forced = True
        raise KeyboardInterrupt(name)

    previous = {s: signal.signal(s, handler) for s in HANDLED}
    try:
        yield check
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
        # a stop request outlives the block: threads still reading a document (a task
        # runner's workers, joined at exit) see it and stop at their next page
