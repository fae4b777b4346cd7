"""What the warehouse already knows of some bytes: the cache a run's plan reads.

Kept apart from ``load`` so that a run with nothing to parse imports no pandas.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True, slots=True)
class KnownDocument:
    """What an earlier run did with some bytes."""

    parser_version: str
    status: str
    """loaded, rejected or quarantined"""
    reason: str | None = None


def known_documents(con: duckdb.DuckDBPyConnection) -> dict[str, KnownDocument]:
    """sha256 → what became of every document already handled (loaded, rejected or
    quarantined): the same bytes under the same parser version need no parsing again."""
    rows = con.execute(
        "SELECT document_id, parser_version, 'loaded', NULL, 0 FROM documents "
        "UNION ALL SELECT document_id, parser_version, 'rejected', reason, 1 FROM rejected_documents "
        "WHERE parser_version IS NOT NULL "
        "UNION ALL SELECT document_id, parser_version, 'quarantined', failed_expectations, 1 "
        "FROM quarantined_documents WHERE parser_version IS NOT NULL ORDER BY 5"
    ).fetchall()  # a later verdict on the same bytes (rejected, quarantined) overrides a load
    return {doc: KnownDocument(version, status, reason) for doc, version, status, reason, _ in rows}
