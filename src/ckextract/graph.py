"""A region's networks and organizations as one picture: self-contained HTML with inline SVG.

Networks across the top; organizations in two or more networks of the region (the
links between networks) in a band beneath, between the networks they join, drawn
large with a heavy outline; every other organization under its network. Colour is
the sector (学 / 官 / 産). No script, no web font, no CDN: it opens offline.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import duckdb

from ckextract.outputs import GENERATOR
from ckextract.programs import program_label

SECTOR_COLOURS = {"学": "#2f6fde", "官": "#2e9e4f", "産": "#e8772e"}
FONT = "'IPAGothic','IPAexGothic','Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif"
COLUMN = 430
TOP = 70


@dataclass(frozen=True, slots=True)
class RegionGraph:
    """One region's picture: an SVG, and the HTML page that shows it under a title."""

    title: str
    summary: str
    svg: str

    def html(self) -> str:
        return (
            f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8">'
            f'<meta name="generator" content="{GENERATOR}"><title>{html.escape(self.title)}</title>'
            f"<style>body{{margin:16px;font-family:{FONT}}}h1{{font-size:20px}}</style></head>"
            f"<body><h1>{html.escape(self.title)}</h1><p>{html.escape(self.summary)}</p>"
            f"{self.svg}</body></html>\n"
        )

    def svg_file(self) -> str:
        """The SVG on its own, as a file: its title inside."""
        head = f"<title>{html.escape(self.title)}</title>"
        return '<?xml version="1.0" encoding="utf-8"?>\n' + self.svg.replace(">", ">" + head, 1) + "\n"


@dataclass(frozen=True, slots=True)
class Node:
    org_id: str
    name: str
    sector: str
    networks: tuple[str, ...]


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _text(
    x: float,
    y: float,
    lines: list[str],
    size: int,
    *,
    anchor: str = "middle",
    weight: str = "normal",
    fill: str = "#222",
) -> str:
    spans = "".join(
        f'<tspan x="{x:.0f}" dy="{0 if i == 0 else size + 3}">{html.escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="{fill}">{spans}</text>'
    )


def region_graph(con: duckdb.DuckDBPyConnection, region: str) -> RegionGraph:
    """The picture of ``region`` (a region name, e.g. 徳島県, or its code)."""
    names = con.execute(
        "SELECT DISTINCT region_name FROM v_org_networks WHERE region_name = ? OR region_code = ? ORDER BY 1",
        [region, region],
    ).fetchall()
    rows = con.execute(
        "SELECT network_id, network_name, program_id, org_id, canonical_name, sector FROM v_org_networks "
        "WHERE region_name = ? OR region_code = ? ORDER BY program_id, network_name, canonical_name",
        [region, region],
    ).fetchall()
    if not rows:
        raise LookupError(region)
    networks: dict[str, tuple[str, str]] = {}
    memberships: dict[str, dict[str, object]] = {}
    for network_id, network_name, program_id, oid, name, sector in rows:
        networks.setdefault(network_id, (network_name, program_id))
        entry = memberships.setdefault(oid, {"name": name, "sector": sector, "networks": []})
        nets = entry["networks"]
        assert isinstance(nets, list)
        if network_id not in nets:
            nets.append(network_id)
    order = list(networks)
    x_of = {nid: COLUMN / 2 + i * COLUMN for i, nid in enumerate(order)}
    nodes = [
        Node(oid, str(e["name"]), str(e["sector"]), tuple(e["networks"]))  # type: ignore[arg-type]
        for oid, e in memberships.items()
    ]
    bridging = sorted((n for n in nodes if len(n.networks) > 1), key=lambda n: (-len(n.networks), n.name))
    single = [n for n in nodes if len(n.networks) == 1]
    width = max(COLUMN * len(order), 900)
    parts: list[str] = []
    edges: list[str] = []
    net_bottom = TOP + 120
    # networks
    for nid in order:
        name, program = networks[nid]
        x = x_of[nid]
        parts.append(
            f'<rect x="{x - 190:.0f}" y="{TOP}" width="380" height="110" rx="14" fill="#f4f6fb" '
            f'stroke="#1f3a6b" stroke-width="2" class="network"/>'
        )
        parts.append(_text(x, TOP + 24, [program_label(program)], 13, fill="#1f3a6b", weight="bold"))
        parts.append(_text(x, TOP + 50, _wrap(name, 24)[:3], 14, weight="bold"))
    # bridging organizations: a band under the networks, between the networks they join
    band_y = net_bottom + 90
    used: dict[int, int] = {}
    for node in bridging:
        x = sum(x_of[n] for n in node.networks) / len(node.networks)
        slot = used.get(round(x), 0)
        used[round(x)] = slot + 1
        y = band_y + slot * 62
        for nid in node.networks:
            edges.append(
                f'<line x1="{x_of[nid]:.0f}" y1="{net_bottom - 10}" x2="{x:.0f}" y2="{y:.0f}" '
                f'stroke="#c0392b" stroke-width="2.5" opacity="0.7"/>'
            )
        colour = SECTOR_COLOURS.get(node.sector, "#888")
        parts.append(
            f'<g class="bridging" data-org="{html.escape(node.name)}">'
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="13" fill="{colour}" stroke="#c0392b" stroke-width="4"/>'
            + _text(
                x + 20, y + 6, [f"{node.name}（{len(node.networks)}）"], 16, anchor="start", weight="bold"
            )
            + "</g>"
        )
    singles_top = band_y + max(used.values(), default=0) * 62 + 50
    # the other organizations, listed under their network
    per_net: dict[str, list[Node]] = {nid: [] for nid in order}
    for node in single:
        per_net[node.networks[0]].append(node)
    height = singles_top
    for nid, members in per_net.items():
        for i, node in enumerate(sorted(members, key=lambda n: ("学官産".find(n.sector), n.name))):
            col, row = i % 2, i // 2
            x = x_of[nid] - 185 + col * 190
            y = singles_top + row * 44
            edges.append(
                f'<line x1="{x_of[nid]:.0f}" y1="{net_bottom - 10}" x2="{x + 6:.0f}" y2="{y:.0f}" '
                f'stroke="#b8c2d6" stroke-width="1"/>'
            )
            colour = SECTOR_COLOURS.get(node.sector, "#888")
            parts.append(
                f'<g class="org"><circle cx="{x + 6:.0f}" cy="{y:.0f}" r="6" fill="{colour}"/>'
                + _text(x + 16, y + 4, _wrap(node.name, 14)[:2], 11, anchor="start")
                + "</g>"
            )
            height = max(height, y + 40)
    legend = "".join(
        f'<circle cx="{20 + i * 90}" cy="24" r="7" fill="{c}"/>'
        + _text(32 + i * 90, 29, [f"【{s}】"], 14, anchor="start")
        for i, (s, c) in enumerate(SECTOR_COLOURS.items())
    ) + (
        '<circle cx="300" cy="24" r="9" fill="#fff" stroke="#c0392b" stroke-width="4"/>'
        + _text(316, 29, ["複数のネットワークをつなぐ組織（数＝ネットワーク数）"], 14, anchor="start")
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" data-generator="{GENERATOR}" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}">{legend}{"".join(edges)}{"".join(parts)}</svg>'
    )
    title = f"{'・'.join(n for (n,) in names) or region}の産学官ネットワーク"
    summary = f"{len(order)} networks, {len(nodes)} organizations, {len(bridging)} in two or more networks"
    return RegionGraph(title, summary, svg)
