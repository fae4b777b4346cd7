"""Map slides of the seed's 37 adoptions, drawn in any arrangement (reportlab, CID fonts).

The content is fixed (the seed's entries: region, lead, projects and their programs);
everything else is a parameter of :class:`Arrangement`: where the coloured markers stand
(before each entry, before each project, or at a group heading over a program's
entries), glyph or drawn shape (for markers and legend apart), which shape, how many
columns, boxes around entries, ``・`` bullets or none, font, colours, where the legend
sits, the order of entries. ``tests/test_map_meaning.py`` draws random arrangements
(hypothesis) and expects the same 37 adoptions out; ``tools/make_map_variants.py``
writes a few as committed fixtures with golden files.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass, field, replace
from typing import Literal

from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

C, K, COI = "chihou_daigaku", "kyoso_no_ba", "coi"
LEGEND_LABELS = {
    C: "地方大学・地域産業創生交付金採択拠点 (内閣府・地方創生)",
    K: "共創の場形成支援プログラムのうち自治体が参画している拠点",
    COI: "COI (センター・オブ・イノベーション) のうち自治体が参画している拠点 (文部科学省)",
}
GROUP_LABELS = {
    C: "地方大学・地域産業創生交付金",
    K: "共創の場形成支援プログラム",
    COI: "COI (センター・オブ・イノベーション)",
}
FONTS = ("HeiseiKakuGo-W5", "HeiseiMin-W3")
NO_LINE_START = set("、。，．・）」』】”ー")
"""Marks that may not begin a line (行頭禁則): they stay at the end of the line before."""
LATIN_RUN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Entry:
    region: str
    lead: str | None
    projects: tuple[tuple[str, str], ...]
    """(program, project name)."""

    @property
    def star(self) -> bool:
        return self.lead is None


def seed_entries(expected: list[tuple[str, ...]]) -> list[Entry]:
    """The map's entries from the expected rows (program, region, lead, project): a labelled
    entry per consecutive (region, lead, program); a ★ region (no lead) with all its projects."""
    out: list[Entry] = []
    for program, region, lead, project in expected:
        last = out[-1] if out else None
        same = last is not None and last.region == region and last.lead == (lead or None)
        if same and (not lead or last.projects[0][0] == program):  # type: ignore[union-attr]
            out[-1] = Entry(region, lead or None, (*last.projects, (program, project)))  # type: ignore[union-attr]
        else:
            out.append(Entry(region, lead or None, ((program, project),)))
    return out


@dataclass(frozen=True)
class Arrangement:
    marker_at: Literal["entry", "project", "group"] = "entry"
    drawn_markers: bool = False
    drawn_legend: bool = False
    glyph: Literal["●", "■", "◆"] = "●"
    columns: int = 4
    boxes: bool = False
    bullets: bool = True
    font: str = FONTS[0]
    colours: dict[str, str] = field(default_factory=lambda: {C: "#e83828", K: "#2e9e4f", COI: "#1f5fbf"})
    legend_corner: Literal["top-left", "top-right", "bottom-right", "bottom-left"] = "top-left"
    shuffle_seed: int | None = None
    size: float = 6.0
    hanging_indent: bool = False
    item_space: bool = False
    """Space of :data:`ITEM_SPACE` × the size set between the projects of an entry."""

    def __post_init__(self) -> None:
        unmarked = self.marker_at != "project"
        if unmarked and not self.bullets and not self.item_space:
            raise ValueError(
                "projects with no bullet and no marker need space between them: else one that "
                "fills its last line cannot be told from a wrap (a hanging indent shows only "
                "where an item wraps)"
            )


def _units(text: str) -> list[str]:
    """A Latin word (letters, digits) is never split; anything else may end a line."""
    out: list[str] = []
    i = 0
    while i < len(text):
        m = LATIN_RUN.match(text, i)
        if m:
            out.append(m.group())
            i = m.end()
        else:
            out.append(text[i])
            i += 1
    return out


def wrap(text: str, width: float, font: str, size: float) -> list[str]:
    lines = [""]
    for unit in _units(text):
        if unit == " " and not lines[-1]:
            continue
        candidate = lines[-1] + unit
        fits = pdfmetrics.stringWidth(candidate.rstrip(), font, size) <= width
        if lines[-1] and not fits and unit[0] not in NO_LINE_START:
            lines[-1] = lines[-1].rstrip()
            lines.append("" if unit == " " else unit)
        else:
            lines[-1] = candidate
    return [ln for ln in lines if ln.strip()]


class _Painter:
    def __init__(self, canvas: Canvas, arr: Arrangement) -> None:
        self.c = canvas
        self.arr = arr

    def text(self, x: float, y: float, s: str, colour: Color = black, size: float | None = None) -> float:
        sz = size or self.arr.size
        self.c.setFillColor(colour)
        self.c.setFont(self.arr.font, sz)
        self.c.drawString(x, y, s)
        return float(pdfmetrics.stringWidth(s, self.arr.font, sz))

    def marker(self, x: float, y: float, program: str, drawn: bool, size: float | None = None) -> float:
        """A program's marker at the start of a line; returns the width it takes."""
        sz = size or self.arr.size
        colour = HexColor(self.arr.colours[program])
        if not drawn:
            return self.text(x, y, self.arr.glyph, colour, sz) + 1
        d = sz * 0.8
        cy = y + sz * 0.35
        self.c.setFillColor(colour)
        if self.arr.glyph == "●":
            self.c.circle(x + d / 2, cy, d / 2, stroke=0, fill=1)
        elif self.arr.glyph == "■":
            self.c.rect(x, cy - d / 2, d, d, stroke=0, fill=1)
        else:
            p = self.c.beginPath()
            p.moveTo(x, cy)
            p.lineTo(x + d / 2, cy + d / 2)
            p.lineTo(x + d, cy)
            p.lineTo(x + d / 2, cy - d / 2)
            p.close()
            self.c.drawPath(p, stroke=0, fill=1)
        return d + sz * 0.4


def _entry_lines(arr: Arrangement, entry: Entry, width: float) -> list[tuple[str, str | None, bool]]:
    """(text, program whose marker starts the line or None, is a project's first line)."""
    out: list[tuple[str, str | None, bool]] = []
    label = ("★" + entry.region) if entry.star else f"{entry.region}×{entry.lead}"
    entry_marker = entry.projects[0][0] if arr.marker_at == "entry" and not entry.star else None
    out.append((label, entry_marker, False))
    for program, project in entry.projects:
        marked = arr.marker_at == "project" or (entry.star and arr.marker_at != "group")
        text = ("・" if arr.bullets else "") + project
        for k, line in enumerate(
            wrap(text, width - (MARKER_ROOM * arr.size if marked else 0), arr.font, arr.size)
        ):
            out.append((line, program if marked and k == 0 else None, k == 0))
    return out


MARKER_ROOM = 1.2
"""A marker and its space, × the font size: marked lines' text (and its continuation
lines, indented to it) starts this far in."""


def _blocks(arr: Arrangement, entries: list[Entry], width: float) -> list[tuple[str | None, list[Entry]]]:
    """(group heading program or None, entries) in printing order."""
    if arr.marker_at != "group":
        return [(None, entries)]
    groups: dict[str, list[Entry]] = {C: [], K: [], COI: []}
    for e in entries:
        for program, project in e.projects:
            groups[program].append(Entry(e.region, e.lead, ((program, project),)))
    merged: dict[str, list[Entry]] = {}
    for program, items in groups.items():  # one entry per labelled entry again
        out: list[Entry] = []
        for e in items:
            if out and out[-1].region == e.region and out[-1].lead == e.lead:
                out[-1] = Entry(e.region, e.lead, (*out[-1].projects, *e.projects))
            else:
                out.append(e)
        merged[program] = out
    return [(p, merged[p]) for p in (C, K, COI)]


ITEM_SPACE = 0.6
"""× the type size of space between two projects (where a layout sets items apart so)."""
BOX_GAP = 6.0
"""Points between the frames of two entries: frames that touched would make a grid."""
COLUMN_GAP = 3.0
"""× the type size between columns: a mark hanging at a line's end still leaves more than
the two characters that extraction reads as a gap between columns (column_gap_ratio)."""
SIZES = (6.0, 5.5, 5.0, 4.5, 4.0)
"""Type sizes tried, largest first, until the entries fit the page (5–7 pt, as on slides)."""


def draw(arr: Arrangement, entries: list[Entry]) -> bytes:
    """The slide as PDF bytes, at the largest type size at which the entries fit."""
    for size in SIZES:
        if size > arr.size:
            continue
        try:
            return _draw(replace(arr, size=size), entries)
        except _DoesNotFit:
            continue
    raise ValueError(f"the entries do not fit this arrangement even at {SIZES[-1]} pt: {arr}")


class _DoesNotFit(Exception):
    pass


def _draw(arr: Arrangement, entries: list[Entry]) -> bytes:
    if arr.font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(arr.font))
    if arr.shuffle_seed is not None:
        entries = list(entries)
        random.Random(arr.shuffle_seed).shuffle(entries)
    page_w, page_h = landscape(A4)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(page_w, page_h), invariant=True)
    paint = _Painter(c, arr)
    paint.text(28, page_h - 36, "地域の産学官ネットワークの好事例", size=16)
    legend_w, legend_h = 300.0, 62.0
    left, right, top, bottom = 28.0, page_w - 28.0, page_h - 60.0, 28.0
    lx = left if arr.legend_corner.endswith("left") else right - legend_w
    ly = top if arr.legend_corner.startswith("top") else bottom + legend_h
    _legend(paint, arr, lx, ly)
    legend_top = arr.legend_corner.startswith("top")
    gap = COLUMN_GAP * arr.size
    col_w = (right - left - gap * (arr.columns - 1)) / arr.columns
    leading = arr.size * 1.4
    columns = [(left + i * (col_w + gap)) for i in range(arr.columns)]
    legend_cols = {i for i, x in enumerate(columns) if x < lx + legend_w and x + col_w > lx}
    col, y = 0, (top - legend_h - 10 if (legend_top and 0 in legend_cols) else top)

    def column_floor(i: int) -> float:
        return bottom + legend_h + 10 if (not legend_top and i in legend_cols) else bottom

    def next_column() -> float:
        nonlocal col
        col += 1
        if col >= arr.columns:
            raise _DoesNotFit
        return top - legend_h - 10 if (legend_top and col in legend_cols) else top

    for program, group in _blocks(arr, entries, col_w):
        if program is not None:
            if y - leading * 3 < column_floor(col):
                y = next_column()
            x = columns[col]
            w = paint.marker(x, y, program, arr.drawn_markers)
            paint.text(x + w + 2, y, GROUP_LABELS[program])
            y -= leading * 1.6
        for entry in group:
            lines = _entry_lines(arr, entry, col_w - (8 if arr.boxes else 0))
            spaces = (
                ITEM_SPACE * arr.size * max(0, sum(1 for _, _, first in lines if first) - 1)
                if arr.item_space
                else 0.0
            )
            height = leading * len(lines) + spaces + (BOX_GAP + 4 if arr.boxes else 3)
            if y - height < column_floor(col):
                y = next_column()
            x = columns[col] + (4 if arr.boxes else 0)
            if arr.boxes:  # a frame around the entry, BOX_GAP clear of the next one
                c.setStrokeColor(HexColor("#888888"))
                c.setLineWidth(0.5)
                frame_top = y + leading - 1
                frame_bottom = y - leading * (len(lines) - 1) - spaces - 3
                c.rect(columns[col], frame_bottom, col_w, frame_top - frame_bottom, stroke=1, fill=0)
            indent = 0.0
            for n, (text, marker, first) in enumerate(lines):
                if first and n > 1 and arr.item_space and not arr.bullets and marker is None:
                    y -= ITEM_SPACE * arr.size
                dx = 0.0
                if marker is not None:
                    paint.marker(x, y, marker, arr.drawn_markers)
                    dx = indent = MARKER_ROOM * arr.size
                elif text.startswith("★"):
                    dx = paint.text(x, y, "★", HexColor("#d4a017")) + 1
                    text = text[1:]
                elif first:
                    indent = 0.0
                elif arr.hanging_indent:  # continuation lines set in by one character
                    dx = indent + pdfmetrics.stringWidth("・", arr.font, arr.size)
                else:
                    dx = indent
                paint.text(x + dx, y, text)
                y -= leading
            y -= BOX_GAP + 4 if arr.boxes else 3
    c.showPage()
    c.save()
    return buf.getvalue()


def _legend(paint: _Painter, arr: Arrangement, x: float, y: float) -> None:
    """The legend: a marker then a label per program, the 共創の場 group, the ★ line."""
    size = arr.size + 1
    w = paint.marker(x, y, C, arr.drawn_legend, size)
    paint.text(x + w + 2, y, LEGEND_LABELS[C], size=size)
    y -= size * 1.5
    w = paint.marker(x, y, K, arr.drawn_legend, size)
    w += paint.marker(x + w, y, COI, arr.drawn_legend, size)
    paint.text(x + w + 2, y, "共創の場形成支援採択拠点", size=size)
    for program in (K, COI):
        y -= size * 1.5
        w = paint.marker(x + 8, y, program, arr.drawn_legend, size)
        paint.text(x + 8 + w + 2, y, LEGEND_LABELS[program], size=size)
    y -= size * 1.5
    w = paint.text(x, y, "★", HexColor("#d4a017"), size) + 1
    paint.text(x + w + 2, y, "両方に採択されている地域", size=size)
