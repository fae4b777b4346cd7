"""The DataFrames the gate validates: the normalized records plus derived columns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from ckextract import regions, textrules
from ckextract.dataframes import records_frame
from ckextract.records import Adoption, DocumentRecords, Membership, Network

SENTENCE_END = "。．.！？!?」）)』”"


def _expected_code(name: object) -> str | None:
    region = regions.lookup(name) if isinstance(name, str) else None
    return region.code if region else None


def overview_complete(overview: str | None, raw: str | None) -> bool:
    """Not truncated: ends like a sentence, or with the last character printed in its cell."""
    if not overview:
        return True
    if overview[-1] in SENTENCE_END:
        return True
    printed = textrules.normalize_text(raw or "")
    return bool(printed) and overview[-1] == printed[-1]


def build(batch: Sequence[DocumentRecords]) -> dict[str, pd.DataFrame]:
    networks = records_frame([n for r in batch for n in r.networks], Network)
    networks["region_code_expected"] = networks["region_name"].map(_expected_code).astype("object")
    networks["overview_complete"] = [
        overview_complete(o if isinstance(o, str) else None, w if isinstance(w, str) else None)
        for o, w in zip(networks["overview"], networks["overview_raw"], strict=True)
    ]
    memberships = records_frame([m for r in batch for m in r.memberships], Membership)
    adoptions = records_frame([a for r in batch for a in r.adoptions], Adoption)
    adoptions["region_code_expected"] = adoptions["region_name"].map(_expected_code).astype("object")
    return {
        "networks": networks,
        "memberships": memberships,
        "adoptions": adoptions,
        "reconciliation": reconciliation(batch),
    }


def reconciliation(batch: Sequence[DocumentRecords]) -> pd.DataFrame:
    """Printed counts (from layouts' independent readings) next to what was loaded."""
    rows = []
    for r in batch:
        members = Counter(m.network_id for m in r.memberships)
        per_row = Counter(f"{n.table_id}/{n.row_index}" for n in r.networks)
        entries = {
            (a.page_number, a.marker_colour, a.region_name, a.lead_institution)
            for a in r.adoptions
            if a.layout == "map_legend"
        }
        per_colour = Counter(f"p{page} {colour}" for page, colour, _, _ in entries)
        list_rows = Counter(f"{row.list_id}/{row.table_id}" for row in r.list_rows)
        actual = {
            "members_per_cell": members,
            "networks_per_row": per_row,
            "markers_per_colour": per_colour,
            "list_rows_per_table": list_rows,
        }
        for sc in r.source_counts:
            rows.append(
                {
                    "document_id": sc.document_id,
                    "check": sc.check,
                    "subject": sc.subject,
                    "expected": sc.expected,
                    "actual": actual[sc.check].get(sc.subject, 0),
                }
            )
    columns = ["document_id", "check", "subject", "expected", "actual"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.DataFrame(rows, columns=columns)
