"""A test hook for crash tests: die by SIGKILL at a named point of a run.

``CKEXTRACT_CRASH_AT=load:inserted ckextract ingest …`` kills the process (no cleanup,
no ``finally``, as ``kill -9`` or a power cut would) when the run reaches that point.
The points are the stage boundaries and the inside of a document's load transaction;
``tests/test_crash.py`` kills a run at each and checks the warehouse afterwards.
Unset (always, outside tests), a point costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "CKEXTRACT_CRASH_AT"
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
    """SIGKILL this process if ``$CKEXTRACT_CRASH_AT`` names this point."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
