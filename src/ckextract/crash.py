"""Test hooks for crash and signal tests: die by SIGKILL, or be signalled, at a named point.

``CKEXTRACT_CRASH_AT=load:inserted ckextract ingest …`` kills the process (no cleanup,
no ``finally``, as ``kill -9`` or a power cut would) when the run reaches that point.
``CKEXTRACT_SIGNAL_AT=extracted:SIGINT,SIGINT`` sends the process those signals there, as
a Ctrl-C (twice) at that moment would. The points are the stage boundaries and the inside
of a document's load transaction; ``tests/test_crash.py`` kills a run at each and checks
the warehouse afterwards. Unset (always, outside tests), a point costs two dictionary
lookups.
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "CKEXTRACT_CRASH_AT"
SIGNAL_ENV = "CKEXTRACT_SIGNAL_AT"
POINTS = (
    "planned",  # the run is opened in ingest_runs; nothing parsed yet
    "extracted",  # a batch is extracted and normalized; nothing of it validated
    "validated",  # a batch passed the gate; nothing of it loaded
    "load:inserted",  # inside a document's load transaction, every row inserted, not committed
    "loaded",  # a batch's documents are committed
    "report",  # every batch loaded; derived tables (registry, links, change log) not yet refreshed
    "derived",  # derived tables refreshed; the run not yet closed
)


def crash_point(name: str) -> None:
    """SIGKILL this process if ``$CKEXTRACT_CRASH_AT`` names this point; send it the signals
    ``$CKEXTRACT_SIGNAL_AT`` lists for this point."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
    point, _, names = os.environ.get(SIGNAL_ENV, "").rpartition(":")
    if point == name:
        for signal_name in names.split(","):
            os.kill(os.getpid(), signal.Signals[signal_name.strip()])
