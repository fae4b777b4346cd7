"""Stage 3, normalize: an :class:`Extraction` → :class:`DocumentRecords` via the layout registry."""

from __future__ import annotations

from ckextract.layouts import Layout, registry
from ckextract.records import DocumentRecords, Extraction


def normalize(extraction: Extraction, layouts: tuple[Layout, ...] | None = None) -> DocumentRecords:
    """Give every table to the first layout that recognizes it; collect the records."""
    networks, memberships, repairs, warnings, used = [], [], [], [], []
    for table in extraction.tables:
        for layout in layouts if layouts is not None else registry():
            if not layout.matches(table):
                continue
            result = layout.parse(extraction, table)
            networks += result.networks
            memberships += result.memberships
            repairs += result.repairs
            warnings += result.warnings
            used.append(layout.name)
            break
    return DocumentRecords(
        extraction=extraction,
        layouts=tuple(dict.fromkeys(used)),
        networks=tuple(networks),
        memberships=tuple(memberships),
        repairs=tuple(repairs),
        warnings=tuple(warnings),
    )
