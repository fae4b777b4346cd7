"""Rebuild the organization registry from every loaded membership (all editions)."""

from __future__ import annotations

import duckdb

from ckextract.dataframes import records_frame
from ckextract.organizations import Alias, Link, Organization, build
from ckextract.warehouse.db import insert_frame


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Replace organizations, org_aliases and membership_orgs (inside the caller's transaction)."""
    rows = con.execute("SELECT network_id, position, sector, org_name FROM memberships_history").fetchall()
    orgs, aliases, links = build(rows)
    for table in ("membership_orgs", "org_aliases", "organizations"):
        con.execute(f"DELETE FROM {table}")
    for table, df in (
        ("organizations", records_frame(list(orgs), Organization)),
        ("org_aliases", records_frame(list(aliases), Alias)),
        ("membership_orgs", records_frame(list(links), Link)),
    ):
        insert_frame(con, table, df)
    return len(orgs)
