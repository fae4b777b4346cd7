"""Editions of a series and what changed between consecutive ones (the ``changes`` table).

Networks are matched across editions by (program, region); adoptions by
(program, region, lead institution), pairing renamed projects by name
similarity; members within matched networks by (sector, organization).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

import duckdb
import pandas as pd

from ckextract.warehouse.db import insert_frame

RENAME_SIMILARITY = 0.5
COLUMNS = [
    "series_id",
    "from_document_id",
    "to_document_id",
    "from_edition",
    "to_edition",
    "entity",
    "change",
    "program_id",
    "region_name",
    "subject",
    "before",
    "after",
]


def editions(con: duckdb.DuckDBPyConnection, series_id: str) -> list[tuple[str, str | None]]:
    """(document_id, edition) of a series, oldest first."""
    rows = con.execute(
        "SELECT document_id, edition FROM editions WHERE series_id = ? ORDER BY edition_rank", [series_id]
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def _region(row: Any) -> str:
    return str(row["region_code"] if isinstance(row["region_code"], str) else row["region_name"])


def _networks(con: duckdb.DuckDBPyConnection, doc: str) -> dict[tuple[str, str], dict[str, Any]]:
    df = con.execute(
        "SELECT network_id, program_id, region_name, region_code, name FROM networks_history WHERE document_id = ?",
        [doc],
    ).df()
    return {(str(r["program_id"]), _region(r)): dict(r) for _, r in df.iterrows()}


def _members(con: duckdb.DuckDBPyConnection, network_id: str) -> dict[tuple[str, str], str | None]:
    rows = con.execute(
        "SELECT sector, org_name, role FROM memberships_history WHERE network_id = ? ORDER BY position",
        [network_id],
    ).fetchall()
    return {(r[0], r[1]): r[2] for r in rows}


def _adoptions(con: duckdb.DuckDBPyConnection, doc: str) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    df = con.execute(
        "SELECT program_id, region_name, region_code, lead_institution, project_name FROM adoptions_history "
        "WHERE document_id = ? ORDER BY entry_index",
        [doc],
    ).df()
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for _, r in df.iterrows():
        lead = r["lead_institution"] if isinstance(r["lead_institution"], str) else ""
        out[(str(r["program_id"]), _region(r), lead)].append(dict(r))
    return out


def diff(con: duckdb.DuckDBPyConnection, old: str, new: str) -> list[dict[str, Any]]:
    """Changes from edition ``old`` to edition ``new`` (document ids)."""
    out: list[dict[str, Any]] = []

    def add(
        entity: str, change: str, row: dict[str, Any], subject: str, before: str | None, after: str | None
    ) -> None:
        out.append(
            {
                "entity": entity,
                "change": change,
                "program_id": row.get("program_id"),
                "region_name": row.get("region_name"),
                "subject": subject,
                "before": before,
                "after": after,
            }
        )

    nets_old, nets_new = _networks(con, old), _networks(con, new)
    for key in sorted(nets_old.keys() - nets_new.keys()):
        add("network", "removed", nets_old[key], nets_old[key]["name"], nets_old[key]["name"], None)
    for key in sorted(nets_new.keys() - nets_old.keys()):
        add("network", "added", nets_new[key], nets_new[key]["name"], None, nets_new[key]["name"])
    for key in sorted(nets_old.keys() & nets_new.keys()):
        a, b = nets_old[key], nets_new[key]
        if a["name"] != b["name"]:
            add("network", "renamed", b, b["name"], a["name"], b["name"])
        before, after = _members(con, a["network_id"]), _members(con, b["network_id"])
        for sector, org in [k for k in before if k not in after]:
            add("membership", "removed", b, f"{org} [{sector}] in {b['name']}", org, None)
        for sector, org in [k for k in after if k not in before]:
            add("membership", "added", b, f"{org} [{sector}] in {b['name']}", None, org)
        for k in [k for k in before if k in after and before[k] != after[k]]:
            add("membership", "role_changed", b, f"{k[1]} [{k[0]}] in {b['name']}", before[k], after[k])

    ad_old, ad_new = _adoptions(con, old), _adoptions(con, new)
    for akey in sorted(ad_old.keys() | ad_new.keys()):
        olds = {r["project_name"]: r for r in ad_old.get(akey, [])}
        news = {r["project_name"]: r for r in ad_new.get(akey, [])}
        gone = [n for n in olds if n not in news]
        came = [n for n in news if n not in olds]
        pairs = []
        for g in gone:
            best = max(came, key=lambda c: SequenceMatcher(None, g, c).ratio(), default=None)
            if best is not None and SequenceMatcher(None, g, best).ratio() >= RENAME_SIMILARITY:
                pairs.append((g, best))
                came.remove(best)
        renamed_from = {g for g, _ in pairs}
        for g, c in pairs:
            add("adoption", "renamed", news[c], c, g, c)
        for g in gone:
            if g not in renamed_from:
                add("adoption", "removed", olds[g], g, g, None)
        for c in came:
            add("adoption", "added", news[c], c, None, c)
    return out


def recompute(con: duckdb.DuckDBPyConnection, series_ids: Iterable[str]) -> int:
    """Rebuild the change log of the given series; returns the number of change rows."""
    total = 0
    for series in sorted(set(series_ids)):
        rows: list[dict[str, Any]] = []
        eds = editions(con, series)
        for (old, old_ed), (new, new_ed) in itertools.pairwise(eds):
            for change in diff(con, old, new):
                rows.append(
                    {
                        "series_id": series,
                        "from_document_id": old,
                        "to_document_id": new,
                        "from_edition": old_ed,
                        "to_edition": new_ed,
                        **change,
                    }
                )
        con.execute("DELETE FROM changes WHERE series_id = ?", [series])
        insert_frame(con, "changes", pd.DataFrame(rows, columns=COLUMNS))
        total += len(rows)
    return total


def change_log(con: duckdb.DuckDBPyConnection, series_id: str) -> pd.DataFrame:
    return con.execute(
        "SELECT * FROM changes WHERE series_id = ? ORDER BY "
        "(SELECT edition_rank FROM editions e WHERE e.document_id = to_document_id), entity, change, subject",
        [series_id],
    ).df()
