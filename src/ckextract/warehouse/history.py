"""Editions of a series and what changed between consecutive ones (the ``changes`` table).

Networks are matched across editions by (program, region); adoptions by
(program, region, lead institution), pairing renamed projects by name
similarity; members within matched networks by (sector, organization), and a member
that left and one that joined are one ``renamed`` change when the organization
registry says they are one organization (凸版印刷 → TOPPANホールディングス).
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


def _members(
    con: duckdb.DuckDBPyConnection, network_id: str
) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """(sector, organization as printed) → (role, the registry's organization id)."""
    rows = con.execute(
        "SELECT m.sector, m.org_name, m.role, mo.org_id FROM memberships_history m "
        "LEFT JOIN membership_orgs mo USING (network_id, position) WHERE m.network_id = ? ORDER BY m.position",
        [network_id],
    ).fetchall()
    return {(r[0], r[1]): (r[2], r[3]) for r in rows}


def renamed_pairs(
    before: dict[tuple[str, str], tuple[str | None, str | None]],
    after: dict[tuple[str, str], tuple[str | None, str | None]],
) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Members that left and joined under another name but are one organization in the
    registry (a dated rename, a legal-form spelling): (old key, new key) pairs."""
    gone = [k for k in before if k not in after]
    came = [k for k in after if k not in before]
    pairs = []
    for g in gone:
        twin = next((c for c in came if c[0] == g[0] and before[g][1] and before[g][1] == after[c][1]), None)
        if twin is not None:
            pairs.append((g, twin))
            came.remove(twin)
    return pairs


def kinds(con: duckdb.DuckDBPyConnection, doc: str) -> set[str]:
    """The kinds of content (layouts) a document carries."""
    rows = con.execute("SELECT layouts FROM documents WHERE document_id = ?", [doc]).fetchall()
    return set(rows[0][0].split(",")) if rows and rows[0][0] else set()


def _adoptions(
    con: duckdb.DuckDBPyConnection, doc: str, layouts: set[str]
) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    df = con.execute(
        "SELECT program_id, region_name, region_code, lead_institution, project_name FROM adoptions_history "
        "WHERE document_id = ? AND layout IN (SELECT unnest(?)) ORDER BY entry_index",
        [doc, sorted(layouts)],
    ).df()
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for _, r in df.iterrows():
        lead = r["lead_institution"] if isinstance(r["lead_institution"], str) else ""
        out[(str(r["program_id"]), _region(r), lead)].append(dict(r))
    return out


def diff(con: duckdb.DuckDBPyConnection, old: str, new: str) -> list[dict[str, Any]]:
    """Changes from edition ``old`` to edition ``new`` (document ids), for the kinds of
    content both print: an edition without a map slide supersedes no map (see
    ``current_content``), so it removes none of the map's adoptions."""
    shared = kinds(con, old) & kinds(con, new)
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

    nets_old, nets_new = (_networks(con, d) if "network_table" in shared else {} for d in (old, new))
    for key in sorted(nets_old.keys() - nets_new.keys()):
        add("network", "removed", nets_old[key], nets_old[key]["name"], nets_old[key]["name"], None)
    for key in sorted(nets_new.keys() - nets_old.keys()):
        add("network", "added", nets_new[key], nets_new[key]["name"], None, nets_new[key]["name"])
    for key in sorted(nets_old.keys() & nets_new.keys()):
        a, b = nets_old[key], nets_new[key]
        if a["name"] != b["name"]:
            add("network", "renamed", b, b["name"], a["name"], b["name"])
        before, after = _members(con, a["network_id"]), _members(con, b["network_id"])
        pairs = renamed_pairs(before, after)
        paired_old, paired_new = {g for g, _ in pairs}, {c for _, c in pairs}
        for (sector, old), (_, new) in pairs:
            add("membership", "renamed", b, f"{old} → {new} [{sector}] in {b['name']}", old, new)
        for sector, org in [k for k in before if k not in after and k not in paired_old]:
            add("membership", "removed", b, f"{org} [{sector}] in {b['name']}", org, None)
        for sector, org in [k for k in after if k not in before and k not in paired_new]:
            add("membership", "added", b, f"{org} [{sector}] in {b['name']}", None, org)
        for k in [k for k in before if k in after and before[k][0] != after[k][0]]:
            add("membership", "role_changed", b, f"{k[1]} [{k[0]}] in {b['name']}", before[k][0], after[k][0])

    ad_old, ad_new = _adoptions(con, old, shared), _adoptions(con, new, shared)
    for akey in sorted(ad_old.keys() | ad_new.keys()):
        olds = {r["project_name"]: r for r in ad_old.get(akey, [])}
        news = {r["project_name"]: r for r in ad_new.get(akey, [])}
        gone = [n for n in olds if n not in news]
        came = [n for n in news if n not in olds]
        renames: list[tuple[str, str]] = []
        for g in gone:
            best = max(came, key=lambda c: SequenceMatcher(None, g, c).ratio(), default=None)
            if best is not None and SequenceMatcher(None, g, best).ratio() >= RENAME_SIMILARITY:
                renames.append((g, best))
                came.remove(best)
        renamed_from = {g for g, _ in renames}
        for g, c in renames:
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
