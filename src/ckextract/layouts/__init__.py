"""Document layouts: how to recognize a table and turn its cells into records.

Each layout is one module exposing a :class:`Layout`. :data:`LAYOUTS` is the
registry, tried in order; the first layout whose ``matches`` accepts a table
parses it. A table no layout accepts still reaches ``raw_cells``. See
``docs/adding-a-layout.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ckextract.records import Extraction, Membership, Network, Repair, Table


@dataclass(slots=True)
class LayoutOutput:
    networks: list[Network] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Layout(Protocol):
    name: str

    def matches(self, table: Table) -> bool:
        """Whether this layout recognizes the table (from its header, not its position)."""
        ...

    def parse(self, extraction: Extraction, table: Table) -> LayoutOutput:
        """The table's records."""
        ...


def registry() -> tuple[Layout, ...]:
    from ckextract.layouts.network_table import NetworkTableLayout

    return (NetworkTableLayout(),)
