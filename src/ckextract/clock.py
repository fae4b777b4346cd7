"""Time and run ids: one definition for every stage and table that stamps rows."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

RUN_ID_SUFFIX_HEX = 6
"""Hex digits of randomness after the timestamp: two runs started in the same second differ."""


def utc_now() -> datetime:
    """Now, in UTC, without a time zone (DuckDB's TIMESTAMP columns hold naive UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def new_id() -> str:
    """A run id that sorts by time: ``20261129T101500-a1b2c3`` (used for load ids and gate runs)."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid4().hex[:RUN_ID_SUFFIX_HEX]}"
