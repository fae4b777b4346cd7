"""Adoptions ↔ networks: the same program, the same region, and a matching name.

A project on an adoption list is usually the network's plan name (地方大学・地域
産業創生交付金) or its name (共創の場), printed with small differences between the
two documents (``…バイオエコノミー社会を実現する…`` on the map, ``…バイオエコノミクス
を実現する…`` in the table). The link records the rule and the score that made it.
"""

from __future__ import annotations

from difflib import SequenceMatcher

import duckdb
import pandas as pd

from ckextract.warehouse.db import insert_frame

SIMILARITY_THRESHOLD = 0.8


def similarity(a: str, b: str | None) -> float:
    if not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def link(adoptions: pd.DataFrame, networks: pd.DataFrame) -> pd.DataFrame:
    """One row per link: the best-matching network of the same program and region."""
    rows = []
    by_key: dict[tuple[str, str], list[tuple[str, str, str | None]]] = {}
    for n in networks.itertuples(index=False):
        key = (str(n.program_id), str(n.region_code if isinstance(n.region_code, str) else n.region_name))
        by_key.setdefault(key, []).append(
            (str(n.network_id), str(n.name), n.plan_name if isinstance(n.plan_name, str) else None)
        )
    for a in adoptions.itertuples(index=False):
        if not isinstance(a.program_id, str):
            continue
        project = str(a.project_name)
        key = (a.program_id, str(a.region_code if isinstance(a.region_code, str) else a.region_name))
        best: tuple[float, str, str] | None = None
        for network_id, name, plan in by_key.get(key, []):
            if project in (name, plan):
                score, rule = 1.0, "exact_name"
            else:
                score, rule = (
                    max(similarity(project, name), similarity(project, plan)),
                    "similar_name",
                )
            if best is None or score > best[0]:
                best = (score, network_id, rule)
        if best is not None and best[0] >= SIMILARITY_THRESHOLD:
            rows.append(
                {
                    "adoption_id": a.adoption_id,
                    "network_id": best[1],
                    "rule": best[2],
                    "score": round(best[0], 4),
                }
            )
    return pd.DataFrame(rows, columns=["adoption_id", "network_id", "rule", "score"])


def relink(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute every adoption's link (inside the caller's transaction); returns the count."""
    adoptions = con.execute(
        "SELECT adoption_id, program_id, region_code, region_name, project_name FROM adoptions"
    ).df()
    networks = con.execute(
        "SELECT network_id, program_id, region_code, region_name, name, plan_name FROM networks"
    ).df()
    links = link(adoptions, networks)
    con.execute("DELETE FROM adoption_network_links")
    insert_frame(con, "adoption_network_links", links)
    return len(links)
