"""Document layouts: how to recognize a table or a page, and turn it into records.

Two kinds, each one module exposing a class:

- a **table layout** (:class:`TableLayout`) reads a table the extractor found
  (``network_table``, ``adoption_table``);
- a **page layout** (:class:`PageLayout`) reads a page's free text, with its
  colours (``map_legend``: a map slide whose legend gives each marker colour a program).

:func:`table_layouts` and :func:`page_layouts` are the registry, tried in
order; the first table layout that recognizes a table parses it. A document
nothing recognizes is still loaded (its tables reach ``raw_cells``) and is
reported as having no known layout. See ``docs/adding-a-layout.md``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ckextract.records import (
    Adoption,
    Extraction,
    ListRow,
    Membership,
    Network,
    Repair,
    SourceCount,
    Table,
    TextLine,
)
from ckextract.textrules import edits, normalize_text

OCR_LABEL_EDITS = 1
"""A header label read by OCR may differ from the printed one by this many characters
(構成員 read as 構成貞 or 構成上員, 取組概要 as 取細概要)..."""
MIN_OCR_LABEL = 3
"""...when the label is at least this long (名称 is two: one changed glyph of two is
another word)."""


def read_by_ocr(table: Table) -> bool:
    """Whether a table's text was read by OCR (some cell carries a confidence)."""
    return any(c.ocr_confidence is not None for c in table.cells)


def field_of(text: str | None, labels: dict[str, frozenset[str]], ocr: bool = False) -> str | None:
    """The field a header cell names (``labels``: field → the labels printed for it); in a
    table read by OCR also the one field whose label is within :data:`OCR_LABEL_EDITS`."""
    if not text:
        return None
    value = normalize_text(text)
    for name, known in labels.items():
        if value in known:
            return name
    if not ocr:
        return None
    near = {
        name
        for name, known in labels.items()
        for label in known
        if len(label) >= MIN_OCR_LABEL and edits(value, label) <= OCR_LABEL_EDITS
    }
    return near.pop() if len(near) == 1 else None


@dataclass(slots=True)
class LayoutOutput:
    networks: list[Network] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    adoptions: list[Adoption] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source_counts: list[SourceCount] = field(default_factory=list)
    list_rows: list[ListRow] = field(default_factory=list)

    def extend(self, other: LayoutOutput) -> None:
        self.networks += other.networks
        self.memberships += other.memberships
        self.adoptions += other.adoptions
        self.repairs += other.repairs
        self.warnings += other.warnings
        self.source_counts += other.source_counts
        self.list_rows += other.list_rows


class TableLayout(Protocol):
    name: str

    def matches(self, table: Table) -> bool:
        """Whether this layout recognizes the table (from its header, not its position)."""
        ...

    def parse(self, extraction: Extraction, table: Table) -> LayoutOutput:
        """The table's records."""
        ...


class PageLayout(Protocol):
    name: str

    def matches(self, lines: Sequence[TextLine]) -> bool:
        """Whether this layout recognizes a page from its free text (outside tables)."""
        ...

    def parse(self, extraction: Extraction, page_number: int, lines: Sequence[TextLine]) -> LayoutOutput:
        """The page's records."""
        ...


def stable_id(*parts: object) -> str:
    """A short, stable id from the parts that identify a record."""
    key = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def table_layouts() -> tuple[TableLayout, ...]:
    from ckextract.layouts.adoption_table import AdoptionTableLayout
    from ckextract.layouts.network_table import NetworkTableLayout

    return (NetworkTableLayout(), AdoptionTableLayout())


def page_layouts() -> tuple[PageLayout, ...]:
    from ckextract.layouts.map_legend import MapLegendLayout

    return (MapLegendLayout(),)
