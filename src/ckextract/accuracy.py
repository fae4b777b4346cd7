"""Measuring extracted tables against a reference: row agreement and cell-adjacency F1.

Used by ``bench/`` and by the accuracy tests; the thresholds live in the tests.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ckextract._typing import Grid

_SPACE = re.compile(r"\s+")


def canonical(text: str | None) -> str:
    """Compare cells as the reference CSVs were cleaned: NFKC, no white space at all."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or ""))


def significant_rows(rows: Iterable[Sequence[str | None]]) -> list[tuple[str, ...]]:
    """Rows as canonical tuples, keeping rows with at least two values (the reference's own rule)."""
    out = []
    for row in rows:
        cells = tuple(canonical(c) for c in row)
        if sum(1 for c in cells if c) >= 2:
            out.append(cells)
    return out


def read_csv_rows(text: str) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(text))]


@dataclass(frozen=True, slots=True)
class RowAgreement:
    ours: int
    reference: int
    matched: int

    @property
    def recall(self) -> float:
        return self.matched / self.reference if self.reference else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.ours if self.ours else 1.0


def align_columns(ours: list[tuple[str, ...]], reference: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Our rows projected on the reference's columns, matched by header text.

    A reference that dropped a column (MHLW 01's CSV has no ウェブサイトURL column) is
    compared on the columns it kept. Rows are returned unchanged when the headers
    cannot be matched one to one.
    """
    if not ours or not reference or len(ours[0]) == len(reference[0]):
        return ours
    header = {name: i for i, name in enumerate(ours[0])}
    cols = [header.get(name) for name in reference[0]]
    if None in cols or len(set(cols)) != len(cols):
        return ours
    return [tuple(row[c] for c in cols if c is not None) for row in ours]


def row_agreement(
    ours: Iterable[Sequence[str | None]],
    reference: Iterable[Sequence[str | None]],
    *,
    truncated_reference: bool = False,
) -> RowAgreement:
    """Rows equal cell for cell (after canonical(), columns aligned by header), as multisets.

    With ``truncated_reference`` a reference cell that is a part of ours also matches:
    the reference lost the text that ran past a clipped cell border.
    """
    b_rows = significant_rows(reference)
    a_rows = align_columns(significant_rows(ours), b_rows)
    if not truncated_reference:
        a, b = Counter(a_rows), Counter(b_rows)
        return RowAgreement(sum(a.values()), sum(b.values()), sum((a & b).values()))
    unmatched = list(b_rows)
    matched = 0
    for row in a_rows:
        for i, ref in enumerate(unmatched):
            if len(ref) == len(row) and all(r == o or (r and r in o) for r, o in zip(ref, row, strict=True)):
                matched += 1
                del unmatched[i]
                break
    return RowAgreement(len(a_rows), len(b_rows), matched)


def icdar_grids(str_xml: Path) -> list[Grid]:
    """The tables of an ICDAR 2013 structure file (``*-str.xml``), one grid each (regions
    on several pages stacked by their row/column increments)."""
    grids = []
    for table in ET.parse(str_xml).getroot().iter("table"):
        cells = []
        for region in table.iter("region"):
            dr, dc = int(region.get("row-increment", 0)), int(region.get("col-increment", 0))
            for cell in region.iter("cell"):
                r, c = int(cell.get("start-row", 0)) + dr, int(cell.get("start-col", 0)) + dc
                content = (cell.findtext("content") or "").strip()
                cells.append((r, c, content))
        if not cells:
            continue
        rows = max(r for r, _, _ in cells) + 1
        cols = max(c for _, c, _ in cells) + 1
        grid: Grid = [[None] * cols for _ in range(rows)]
        for r, c, content in cells:
            grid[r][c] = content
        grids.append(grid)
    return grids


# --- ICDAR 2013 cell adjacency relations ----------------------------------------------------


def adjacency_relations(grid: Grid) -> Counter[tuple[str, str, str]]:
    """Each non-empty cell with its nearest non-empty neighbour to the right and below,
    compared by canonical text (Göbel et al., ICDAR 2013). Merged cells count once."""
    rel: Counter[tuple[str, str, str]] = Counter()
    rows = len(grid)
    cols = max((len(r) for r in grid), default=0)
    cell = [[canonical(grid[r][c]) if c < len(grid[r]) else "" for c in range(cols)] for r in range(rows)]
    for r in range(rows):
        for c in range(cols):
            if not cell[r][c]:
                continue
            for k in range(c + 1, cols):
                if cell[r][k]:
                    rel[(cell[r][c], cell[r][k], "h")] += 1
                    break
            for k in range(r + 1, rows):
                if cell[k][c]:
                    rel[(cell[r][c], cell[k][c], "v")] += 1
                    break
    return rel


@dataclass(frozen=True, slots=True)
class Scores:
    tp: int
    predicted: int
    truth: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.tp + other.tp, self.predicted + other.predicted, self.truth + other.truth)


def score(predicted: Sequence[Grid], truth: Sequence[Grid]) -> Scores:
    p: Counter[tuple[str, str, str]] = Counter()
    t: Counter[tuple[str, str, str]] = Counter()
    for g in predicted:
        p += adjacency_relations(g)
    for g in truth:
        t += adjacency_relations(g)
    return Scores(sum((p & t).values()), sum(p.values()), sum(t.values()))


# --- tabula-java's test suite --------------------------------------------------------------

TABULA_NOT_TABLES = frozenset(
    {
        "TestBasicExtractor-RECTANGLE_TEST_NATURAL_ORDER",  # rectangle coordinates, not a table
        "TestSpreadsheetExtractor-CELLS",  # cell coordinates, not a table
        "TestCommandLineApp_testGuessOption_no_guessing",  # an ICDAR file, not in the suite here
        "TestCommandLineApp_testGuessOption_with_guessing",
        "spanning_cells_basic",  # the same table as spanning_cells.json, another extractor mode
    }
)
"""Files among the suite's expected outputs that are no table of a PDF in the suite."""


def tabula_grid(table: dict[str, object]) -> Grid:
    """One table of tabula's JSON output as rows of text."""
    data = table.get("data")
    if not isinstance(data, list):
        return []
    return [[str(c.get("text", "")) if isinstance(c, dict) else "" for c in row] for row in data]


def tabula_expectations(suite: Path) -> dict[str, list[Grid]]:
    """The tables tabula-java's tests expect, by PDF name: its ``csv/`` files (one table
    each) and ``json/`` files (one or several), for the PDFs present in ``suite``."""
    import json

    out: dict[str, list[Grid]] = {}
    for path in sorted((suite / "csv").glob("*.csv")) + sorted((suite / "json").glob("*.json")):
        pdf = suite / f"{path.stem}.pdf"
        if path.stem in TABULA_NOT_TABLES or not pdf.exists():
            continue
        if path.suffix == ".csv":
            grids: list[Grid] = [[list(r) for r in read_csv_rows(path.read_text(encoding="utf-8"))]]
        else:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            grids = [tabula_grid(t) for t in (loaded if isinstance(loaded, list) else [loaded])]
        known = out.setdefault(pdf.name, [])
        known.extend(g for g in grids if g and g not in known)
    return out


def _filled(row: Sequence[str | None]) -> tuple[str, ...]:
    return tuple(c for c in (canonical(v) for v in row) if c)


def rows_reproduced(expected: Grid, found: Sequence[Grid]) -> tuple[int, int]:
    """How many of ``expected``'s rows (with text) the ``found`` tables have, cell for
    cell (the non-empty cells in order, compared by :func:`canonical`), and how many rows
    with text ``expected`` has. tabula writes the tables of a page into one CSV, so the
    rows of all ``found`` tables count."""
    want = Counter(r for r in (_filled(row) for row in expected) if r)
    have = Counter(r for grid in found for r in (_filled(row) for row in grid) if r)
    return sum((want & have).values()), sum(want.values())
