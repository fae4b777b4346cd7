"""Rebuild the organization registry from every loaded membership (all editions)."""

from __future__ import annotations

import dataclasses

import duckdb
import pandas as pd

from ckextract.organizations import Alias, Link, Organization, build
from ckextract.warehouse.db import insert_frame


def _frame(rows: list[object], cls: type) -> pd.DataFrame:
    cols = [f.name for f in dataclasses.fields(cls)]
    return pd.DataFrame([dataclasses.asdict(r) for r in rows], columns=cols)  # type: ignore[call-overload]


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Replace organizations, org_aliases and membership_orgs (inside the caller's transaction)."""
    rows = con.execute("SELECT network_id, position, sector, org_name FROM memberships_history").fetchall()
    orgs, aliases, links = build(rows)
    for table in ("membership_orgs", "org_aliases", "organizations"):
        con.execute(f"DELETE FROM {table}")
    for table, df in (
        ("organizations", _frame(list(orgs), Organization)),
        ("org_aliases", _frame(list(aliases), Alias)),
        ("membership_orgs", _frame(list(links), Link)),
    ):
        insert_frame(con, table, df)
    return len(orgs)
