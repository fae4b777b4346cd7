"""Horizontal rules → the regions they bound: where tables without column lines lie.

A table that rules only its rows (above and below the header, between groups, at the
foot) shows where it is by a stack of horizontal lines of about the same extent with
no running text between them. :func:`open_regions` finds those stacks and decides,
against the ruled grids of :mod:`ckextract.extract.grid`, which regions are tables of
their own: a grid that is only the boxed middle of a wider table (its rules run on
past the grid's sides) is read as part of that region. :mod:`ckextract.extract.columns`
then reads each region's columns from its text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from ckextract._typing import BBox, T_obj_list
from ckextract.extract.grid import PageGrid, merge_edges
from ckextract.extract.text import HANGING, glyph_end, group_lines
from ckextract.settings import ExtractSettings


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal line across (part of) a table."""

    x0: float
    x1: float
    y: float

    @property
    def length(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of a line's glyphs with no column-sized gap inside."""

    x0: float
    x1: float
    text: str
    hangs: tuple[tuple[int, float, float], ...] = ()
    """Where the segment may be cut after hanging punctuation that the next glyph abuts:
    (index in ``text``, end of the left part, start of the right part)."""

    def split_at(self, borders: Sequence[float], tolerance: float) -> list[Segment]:
        """The segment cut after the hanging punctuation that sits on one of ``borders``
        (within ``tolerance``; the nearest such mark): a full line whose last mark hangs
        into the gutter up to the next column's text is two cells' text, not one."""

        def distance(hang: tuple[int, float, float]) -> float:
            return min((max(hang[1] - b, b - hang[2], 0.0) for b in borders), default=float("inf"))

        if not self.hangs:
            return [self]
        i, left_end, right_start = nearest = min(self.hangs, key=distance)
        if distance(nearest) > tolerance:
            return [self]
        left = Segment(self.x0, left_end, self.text[:i], tuple(h for h in self.hangs if h[0] < i))
        rest = tuple((j - i, a, b) for j, a, b in self.hangs if j > i)
        right = Segment(right_start, self.x1, self.text[i:], rest)
        return [left, *right.split_at(borders, tolerance)]


def body_size(chars: T_obj_list) -> float:
    """The page's typical glyph size (median), 10 when it has no text."""
    sizes = [float(c.get("size") or 0.0) for c in chars if not c["text"].isspace()]
    return median(sizes) if sizes else 10.0


def overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Length of the overlap of two intervals (0 if apart)."""
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def line_segments(line: T_obj_list, gap_ratio: float) -> list[Segment]:
    """Split a line (glyphs left to right) where the gap is wider than ``gap_ratio`` × size."""
    out: list[Segment] = []
    current: T_obj_list = []
    for ch in line:
        if ch["text"].isspace():
            continue
        size = float(ch.get("size") or 1.0)
        if current and ch["x0"] - glyph_end(current[-1], ch) > gap_ratio * size:
            out.append(_segment(current))
            current = []
        current.append(ch)
    if current:
        out.append(_segment(current))
    return out


def _segment(chars: T_obj_list) -> Segment:
    hangs = tuple(
        (i + 1, float(ch["x0"]), float(nxt["x0"]))
        for i, (ch, nxt) in enumerate(itertools.pairwise(chars))
        if ch["text"] in HANGING
    )
    return Segment(
        float(chars[0]["x0"]), max(glyph_end(c) for c in chars), "".join(c["text"] for c in chars), hangs
    )


def is_prose(segments: Sequence[Segment], width: float) -> bool:
    """A line of running text: one segment over most of the region's width."""
    return len(segments) == 1 and segments[0].x1 - segments[0].x0 >= 0.75 * width


def horizontal_rules(edges: T_obj_list, min_length: float, settings: ExtractSettings) -> list[Rule]:
    """Horizontal edges joined into lines (pieces of one line are joined) at least ``min_length`` long."""
    merged = merge_edges([e for e in edges if e["orientation"] == "h"], settings)
    rules = [
        Rule(float(e["x0"]), float(e["x1"]), float(e["top"])) for e in merged if e["width"] >= min_length
    ]
    return sorted(rules, key=lambda r: (r.y, r.x0))


@dataclass(frozen=True, slots=True)
class Region:
    """Where a table bounded by stacked rules lies, and its rules (top to bottom)."""

    bbox: BBox
    rules: tuple[Rule, ...]


def rule_regions(rules: list[Rule], lines: list[T_obj_list], settings: ExtractSettings) -> list[Region]:
    """Regions bounded above and below by rules that stack: each rule overlaps the region's
    extent over most of the shorter one, and no line of running text lies between them."""
    # each line once: where it lies and its pieces (the test below runs per rule and stack)
    placed = [
        (ln[0]["top"], ln[0]["bottom"], _span(ln), line_segments(ln, settings.column_gap_ratio))
        for ln in lines
    ]
    stacks: list[list[Rule]] = []
    for rule in rules:
        home = None
        for stack in reversed(stacks):
            x0, x1 = min(r.x0 for r in stack), max(r.x1 for r in stack)
            shorter = min(rule.length, x1 - x0)
            if overlap((rule.x0, rule.x1), (x0, x1)) < 0.5 * shorter:
                continue
            width = max(x1, rule.x1) - min(x0, rule.x0)
            if any(
                stack[-1].y < top
                and bottom < rule.y
                and overlap(span, (x0, x1)) > 0
                and is_prose(segs, width)
                for top, bottom, span, segs in placed
            ):
                continue
            home = stack
            break
        if home is None:
            stacks.append([rule])
        else:
            home.append(rule)
    return [
        Region((min(r.x0 for r in st), st[0].y, max(r.x1 for r in st), st[-1].y), tuple(st))
        for st in stacks
        if len(st) >= 2 and st[-1].y > st[0].y
    ]


def supersedes(region: Region, grid: PageGrid, tolerance: float) -> bool:
    """Whether a ruled grid is only the closed part of a wider table: at least two of the
    region's rules run along the grid's row borders and on past its sides (a table whose
    inner columns are boxed but whose outer columns are open)."""
    x0, top, x1, bottom = grid.bbox
    if not (region.bbox[1] - tolerance <= top and bottom <= region.bbox[3] + tolerance):
        return False
    through = [
        r
        for r in region.rules
        if any(abs(r.y - y) <= tolerance for y in grid.ys)
        and (r.x0 < x0 - tolerance or r.x1 > x1 + tolerance)
    ]
    return len(through) >= 2


def vertical_borders(
    edges: T_obj_list, region: BBox, min_gap: float, settings: ExtractSettings
) -> list[float]:
    """x of the vertical lines inside a region that run over a good part of its height."""
    merged = merge_edges([e for e in edges if e["orientation"] == "v"], settings)
    x0, top, x1, bottom = region
    out = []
    for e in merged:
        x = float(e["x0"])
        if x0 + min_gap < x < x1 - min_gap and overlap((e["top"], e["bottom"]), (top, bottom)) >= 0.3 * (
            bottom - top
        ):
            out.append(x)
    return sorted(out)


def open_regions(
    edges: T_obj_list, chars: T_obj_list, grids: list[PageGrid], settings: ExtractSettings
) -> tuple[list[Region], list[PageGrid]]:
    """Rule-bounded regions to read as tables, and the ruled grids that stay tables of
    their own: a grid that a region :func:`supersedes` is read as part of that region;
    a region overlapping another grid is left to the grid."""
    if not settings.open_tables or not chars:
        return [], grids
    size = body_size(chars)
    rules = horizontal_rules(edges, settings.open_rule_min_length_ratio * size, settings)
    regions = []
    kept = list(grids)
    for region in rule_regions(rules, group_lines(chars), settings):
        inner = [g for g in kept if _overlap_box(g.bbox, region.bbox)]
        if inner and not all(supersedes(region, g, settings.snap_tolerance) for g in inner):
            continue
        kept = [g for g in kept if g not in inner]
        regions.append(region)
    return regions, kept


def _overlap_box(a: BBox, b: BBox) -> bool:
    return overlap((a[0], a[2]), (b[0], b[2])) > 0 and overlap((a[1], a[3]), (b[1], b[3])) > 0


def _span(line: T_obj_list) -> tuple[float, float]:
    return (float(min(c["x0"] for c in line)), float(max(c["x1"] for c in line)))
