"""Adoptions as entities: one row per adopted project, however many documents print it.

The seed's 共創の場 projects are printed on the map slide and again in the tabular
採択拠点一覧; each printing is a *sighting* (``adoptions_history``). The rule, applied to
the sightings of current documents (``adoption_sightings``):

1. Sightings are compared only within one program and one region (by code).
2. They are taken from the most specific source first — a list (``adoption_table``,
   ``list:<id>``: one row per project, a 代表機関 column) before a map (``map_legend``:
   ``region×lead等``, "and others") — then by document and position.
3. A sighting joins the project of the same normalized name (``exact_name``), else the
   most alike project at least :data:`SIMILARITY` alike (``similar_name``) that no
   sighting of the same document has joined yet (one document prints a project once);
   else it starts a new project (``first``).
4. A project's name, lead institution, year, field, type and round come from its most
   specific sighting that prints them; ``lead_source`` says which layout gave the lead.

(SQL only: the caller's ``atomic()`` holds the transaction.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import duckdb
import pandas as pd

from ckextract.layouts import stable_id
from ckextract.warehouse.db import insert_frame

SIMILARITY = 0.8
"""Names at least this alike (difflib ratio) are one project printed two ways
(``…バイオエコノミー社会を実現する…`` on a map, ``…バイオエコノミクスを実現する…`` in a list)."""
MAP = "map_legend"


def specificity(layout: str) -> int:
    """Lower is more specific: a list names one project and its lead; a map labels an entry."""
    return 1 if layout == MAP else 0


@dataclass(slots=True)
class _Project:
    key: tuple[str, str]
    sightings: list[dict[str, Any]] = field(default_factory=list)
    rules: list[tuple[str, str, float]] = field(default_factory=list)
    """(sighting id, rule, score)."""

    @property
    def name(self) -> str:
        return str(self.sightings[0]["project_name"])

    def documents(self) -> set[str]:
        return {s["document_id"] for s in self.sightings}

    def first(self, column: str) -> Any:
        return next((s[column] for s in self.sightings if s[column] is not None), None)


def _similar(a: str, b: str) -> float:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
        return 0.0
    return matcher.ratio()


def match(sightings: list[dict[str, Any]]) -> list[_Project]:
    """Sightings (as dicts) → projects, by the rule in the module docstring."""
    ordered = sorted(
        sightings,
        key=lambda s: (specificity(s["layout"]), s["document_id"], s["page_number"], s["entry_index"]),
    )
    projects: list[_Project] = []
    by_group: dict[tuple[str, str], list[_Project]] = {}
    for s in ordered:
        key = (str(s["program_id"]), str(s["region_code"] or s["region_name"]))
        group = by_group.setdefault(key, [])
        open_ = [p for p in group if s["document_id"] not in p.documents()]
        found, rule, score = None, "first", 1.0
        for p in open_:
            if p.name == s["project_name"]:
                found, rule = p, "exact_name"
                break
        if found is None:
            scored = [(_similar(s["project_name"], p.name), p) for p in open_]
            best = max(scored, key=lambda x: x[0], default=(0.0, None))
            if best[1] is not None and best[0] >= SIMILARITY:
                score, found, rule = best[0], best[1], "similar_name"
        if found is None:
            found = _Project(key)
            group.append(found)
            projects.append(found)
        found.sightings.append(s)
        found.rules.append((s["adoption_id"], rule, round(score, 4)))
    return projects


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    """Replace adoption_projects and adoption_project_sightings from the current sightings."""
    result = con.execute("SELECT * FROM adoption_sightings")
    names = [d[0] for d in result.description]
    sightings = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    projects = match(sightings)
    rows, links = [], []
    used: dict[str, int] = {}
    for p in projects:
        base = stable_id("adoption", *p.key, p.name)
        used[base] = used.get(base, 0) + 1  # one document may print a project twice: two rows
        adoption_id = base if used[base] == 1 else stable_id(base, used[base])
        lead = next((s for s in p.sightings if s["lead_institution"] is not None), None)
        rules = {r for _, r, _ in p.rules}
        rows.append(
            {
                "adoption_id": adoption_id,
                "program_id": p.first("program_id"),
                "region_name": p.sightings[0]["region_name"],
                "region_code": p.first("region_code"),
                "lead_institution": lead["lead_institution"] if lead else None,
                "lead_source": lead["layout"] if lead else None,
                "project_name": p.name,
                "fiscal_year": p.first("fiscal_year"),
                "field": p.first("field"),
                "proposal_type": p.first("proposal_type"),
                "round": p.first("round"),
                "document_ids": sorted(p.documents()),
                "layouts": sorted({s["layout"] for s in p.sightings}),
                "sightings": len(p.sightings),
                "match_rule": "single"
                if len(p.sightings) == 1
                else ("similar_name" if "similar_name" in rules else "exact_name"),
            }
        )
        links += [
            {"sighting_id": sid, "adoption_id": adoption_id, "rule": r, "score": sc} for sid, r, sc in p.rules
        ]
    con.execute("DELETE FROM adoption_project_sightings")
    con.execute("DELETE FROM adoption_projects")
    columns = [
        "adoption_id", "program_id", "region_name", "region_code", "lead_institution", "lead_source",
        "project_name", "fiscal_year", "field", "proposal_type", "round", "document_ids", "layouts",
        "sightings", "match_rule",
    ]  # fmt: skip
    insert_frame(con, "adoption_projects", pd.DataFrame(rows, columns=columns))
    insert_frame(
        con,
        "adoption_project_sightings",
        pd.DataFrame(links, columns=["sighting_id", "adoption_id", "rule", "score"]),
    )
    return len(rows)
