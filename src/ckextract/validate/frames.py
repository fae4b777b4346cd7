"""The DataFrames the gate validates: the normalized records plus derived columns."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from typing import Any

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


SENTENCE_STYLE = 0.5
"""When at least this share of a document's overviews end like a sentence (。), one that
does not ends mid-sentence (it lost its end: e.g. to a cell it ran over into)."""
SHORT_OVERVIEW = 0.3
"""An overview shorter than this × the median of its document's overviews (of at least
:data:`PEERS`) is much shorter than the others."""
PEERS = 3


def overview_flags(networks: Sequence[Network]) -> tuple[list[bool], list[bool]]:
    """(complete, not much shorter than its document's others) per network, in order."""
    by_doc: dict[str, list[str]] = {}
    for n in networks:
        if n.overview:
            by_doc.setdefault(n.document_id, []).append(n.overview)
    complete, long_enough = [], []
    for n in networks:
        peers = by_doc.get(n.document_id, [])
        sentences = sum(1 for o in peers if o[-1] in SENTENCE_END)
        strict = bool(peers) and sentences / len(peers) >= SENTENCE_STYLE
        if not n.overview:
            complete.append(True)
        elif strict:
            complete.append(n.overview[-1] in SENTENCE_END)
        else:
            complete.append(overview_complete(n.overview, n.overview_raw))
        lengths = sorted(len(o) for o in peers)
        median = lengths[len(lengths) // 2] if lengths else 0
        long_enough.append(
            not n.overview or len(lengths) < PEERS or len(n.overview) >= SHORT_OVERVIEW * median
        )
    return complete, long_enough


def members_as_peers(networks: Sequence[Network], memberships: Sequence[Membership]) -> list[bool]:
    """Per network: it has members, or no network of its program in its document has any
    (a council listed without members where its peers list theirs lost them)."""
    with_members = {m.network_id for m in memberships}
    programs_with = {(n.document_id, n.program_id) for n in networks if n.network_id in with_members}
    return [
        n.network_id in with_members or (n.document_id, n.program_id) not in programs_with for n in networks
    ]


def build(batch: Sequence[DocumentRecords]) -> dict[str, pd.DataFrame]:
    nets = [n for r in batch for n in r.networks]
    members = [m for r in batch for m in r.memberships]
    networks = records_frame(nets, Network)
    networks["region_code_expected"] = networks["region_name"].map(_expected_code).astype("object")
    complete, long_enough = overview_flags(nets)
    networks["overview_complete"] = complete
    networks["overview_not_short"] = long_enough
    networks["members_as_peers"] = members_as_peers(nets, members)
    networks["name_is_placeholder"] = [textrules.is_placeholder(n.name) for n in nets]
    memberships = records_frame(members, Membership)
    memberships["org_name_is_placeholder"] = [textrules.is_placeholder(m.org_name) for m in members]
    # the network a membership belongs to, by name: failing rows read as an analyst reads them
    by_id = {n.network_id: n for n in nets}
    memberships["region_name"] = [getattr(by_id.get(m.network_id), "region_name", None) for m in members]
    memberships["network_name"] = [getattr(by_id.get(m.network_id), "name", None) for m in members]
    ads = [a for r in batch for a in r.adoptions]
    adoptions = records_frame(ads, Adoption)
    adoptions["region_code_expected"] = adoptions["region_name"].map(_expected_code).astype("object")
    adoptions["project_name_is_placeholder"] = [textrules.is_placeholder(a.project_name) for a in ads]
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
        by_id = {n.network_id: n for n in r.networks}
        for sc in r.source_counts:
            network = by_id.get(sc.subject)  # members_per_cell counts a network's members
            rows.append(
                {
                    "document_id": sc.document_id,
                    "check": sc.check,
                    "subject": sc.subject,
                    "expected": sc.expected,
                    "actual": actual[sc.check].get(sc.subject, 0),
                    "region_name": network.region_name if network else None,
                    "network_name": network.name if network else None,
                }
            )
    columns = ["document_id", "check", "subject", "expected", "actual", "region_name", "network_name"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.DataFrame(rows, columns=columns)


def escaped(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with every string HTML-escaped, for GX: its Data Docs print unexpected
    values into HTML as they are, and a name in a PDF (``<img src=x onerror=…>``) is data,
    never markup. Escaping is one-to-one and leaves every check's verdict unchanged (no
    check looks for ``&``, ``<``, ``>``, ``;``, ``#`` or quotes); :func:`unescaped` undoes
    it in the results."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = (
                out[column]
                .map(lambda v: html.escape(v) if isinstance(v, str) else v)
                .astype(out[column].dtype)
            )
    return out


def unescaped(value: Any) -> Any:
    """A GX result value (strings, lists, dicts of them) as the PDF printed it."""
    if isinstance(value, str):
        return html.unescape(value)
    if isinstance(value, list):
        return [unescaped(v) for v in value]
    if isinstance(value, dict):
        return {k: unescaped(v) for k, v in value.items()}
    return value
