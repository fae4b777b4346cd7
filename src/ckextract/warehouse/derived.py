"""Derived tables, rebuilt from the loaded data whenever that data has changed.

Two scopes: ``series:<id>`` (that series' change logs, ``changes`` and ``list_changes``)
and ``registry`` (the organization registry, the adoption projects and their links to
networks, built from every current row). Each scope stores the fingerprint of the data it was built from: the md5 of the
(document_id, load_id) pairs behind it. A load changes the fingerprint; so a run that
died between loading and deriving leaves a mismatch that the next run repairs, even
when it has nothing new to parse. (SQL only: the caller's ``atomic()`` holds the
transaction.)
"""

from __future__ import annotations

import duckdb

from ckextract.clock import utc_now

REGISTRY = "registry"
SERIES_PREFIX = "series:"

_FINGERPRINTS = f"""
SELECT '{SERIES_PREFIX}' || series_id AS scope,
       md5(string_agg(document_id || ':' || coalesce(load_id, ''), ',' ORDER BY document_id)) AS fingerprint
FROM documents GROUP BY series_id
UNION ALL
SELECT '{REGISTRY}', md5(coalesce(string_agg(document_id || ':' || coalesce(load_id, ''), ','
                                             ORDER BY document_id), ''))
FROM documents
"""


def fingerprints(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """scope → fingerprint of the data as loaded now."""
    return {scope: fp for scope, fp in con.execute(_FINGERPRINTS).fetchall()}


def built(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """scope → fingerprint the derived tables were last built from."""
    return {scope: fp for scope, fp in con.execute("SELECT scope, fingerprint FROM derived_state").fetchall()}


def stale_scopes(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Scopes whose derived tables do not match the data (new, changed or gone)."""
    now, then = fingerprints(con), built(con)
    return sorted({s for s in now.keys() | then.keys() if now.get(s) != then.get(s)})


def refresh(con: duckdb.DuckDBPyConnection, load_id: str | None = None) -> list[str]:
    """Rebuild the stale scopes; returns them. (Their builders, and pandas, are imported
    only when something is stale: an unchanged run stays light.)"""
    now = fingerprints(con)
    stale = stale_scopes(con)
    if REGISTRY in stale:  # first: the change logs read organizations (renames are renames)
        from ckextract.warehouse.adoptions import rebuild as rebuild_adoptions
        from ckextract.warehouse.links import relink
        from ckextract.warehouse.orgs import rebuild as rebuild_orgs

        rebuild_orgs(con)
        rebuild_adoptions(con)
        relink(con)
    series = [s.removeprefix(SERIES_PREFIX) for s in stale if s.startswith(SERIES_PREFIX)]
    if series:
        from ckextract.warehouse.history import recompute
        from ckextract.warehouse.lists import recompute_changes

        recompute(con, series)  # a series with no documents left loses its change log
        recompute_changes(con, series)
    for scope in stale:
        con.execute("DELETE FROM derived_state WHERE scope = ?", [scope])
        if scope in now:
            con.execute(
                "INSERT INTO derived_state VALUES (?, ?, ?, ?)", [scope, now[scope], utc_now(), load_id]
            )
    return stale
