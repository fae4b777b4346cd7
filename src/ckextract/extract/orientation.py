"""Turned text read in its own frame.

A landscape table printed on a portrait page draws its text turned by 90° (reading
upwards) or 270° (reading downwards); a page's ``/Rotate`` is applied by pdfplumber
already, but text drawn turned is not. Each glyph's matrix says which way it reads;
:func:`frames` groups the page's glyphs by that direction and :func:`turn` maps glyphs
and drawn objects into the frame where the group reads left to right, top to bottom,
so the rest of the chain (rules → grids → columns → text) works there unchanged. Cell
and line boxes are mapped back to the page with :func:`unturn_box`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ckextract._typing import BBox, T_obj, T_obj_list

UPRIGHT, UP, DOWN, UPSIDE_DOWN, SLANTED = "upright", "up", "down", "upside_down", "slanted"
"""Reading directions: left to right; bottom to top (turned 90° anticlockwise); top to
bottom (90° clockwise); right to left upside down (180°); at another angle (a diagonal
watermark or stamp: never read as text of the page)."""
MAX_SKEW = 0.05
"""A glyph whose matrix leans more than this (the smaller of its direction vector's
components over the larger) is slanted."""
MIN_TURNED_GLYPHS = 10
"""Turned glyphs below this many on a page are stray labels (an axis title, a margin
note): not read as a frame of their own."""


def direction(ch: T_obj) -> str:
    """Which way a glyph reads, from its text matrix (PDF space, y upwards)."""
    matrix = ch.get("matrix") or (1, 0, 0, 1, 0, 0)
    a, b = float(matrix[0]), float(matrix[1])
    if min(abs(a), abs(b)) > MAX_SKEW * max(abs(a), abs(b)):
        return SLANTED
    if abs(a) >= abs(b):
        return UPRIGHT if a >= 0 else UPSIDE_DOWN
    return UP if b > 0 else DOWN


def frames(chars: T_obj_list) -> list[tuple[str, T_obj_list]]:
    """The page's glyphs by reading direction: upright first, then each turned direction
    with at least :data:`MIN_TURNED_GLYPHS` glyphs (the rest are left out)."""
    by: dict[str, T_obj_list] = {}
    for ch in chars:
        by.setdefault(direction(ch), []).append(ch)
    counts = Counter({d: sum(1 for c in cs if not c["text"].isspace()) for d, cs in by.items()})
    out = [(UPRIGHT, by.get(UPRIGHT, []))]
    out += [(d, by[d]) for d in (UP, DOWN, UPSIDE_DOWN) if counts[d] >= MIN_TURNED_GLYPHS]
    return out


@dataclass(frozen=True, slots=True)
class Frame:
    """A reading direction on a page of a given size (pdfplumber's top-down points)."""

    direction: str
    width: float
    height: float

    @property
    def size(self) -> tuple[float, float]:
        """Width and height of the page seen in this frame."""
        return (self.height, self.width) if self.direction in (UP, DOWN) else (self.width, self.height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A page point (x, top) in this frame."""
        if self.direction == UP:
            return self.height - y, x
        if self.direction == DOWN:
            return y, self.width - x
        if self.direction == UPSIDE_DOWN:
            return self.width - x, self.height - y
        return x, y

    def box(self, box: BBox) -> BBox:
        """A page box (x0, top, x1, bottom) in this frame."""
        (ax, ay), (bx, by) = self.point(box[0], box[1]), self.point(box[2], box[3])
        return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))

    def unturn_box(self, box: BBox) -> BBox:
        """A box of this frame back on the page."""
        inverse = {UP: DOWN, DOWN: UP}.get(self.direction, self.direction)
        w, h = self.size
        return Frame(inverse, w, h).box(box)


def turn(objs: Sequence[T_obj], frame: Frame, *, glyphs: bool = False) -> T_obj_list:
    """Copies of ``objs`` (glyphs, rectangles, lines, curves) placed in ``frame``."""
    if frame.direction == UPRIGHT:
        return list(objs)
    out = []
    for obj in objs:
        x0, top, x1, bottom = frame.box((obj["x0"], obj["top"], obj["x1"], obj["bottom"]))
        new = dict(obj, x0=x0, x1=x1, top=top, bottom=bottom, doctop=top, width=x1 - x0, height=bottom - top)
        if "pts" in obj:
            new["pts"] = [frame.point(float(x), float(y)) for x, y in obj["pts"]]
        if "path" in obj:
            new["path"] = [
                (seg[0], *(frame.point(float(p[0]), float(p[1])) for p in seg[1:])) for seg in obj["path"]
            ]
        new["y0"], new["y1"] = frame.size[1] - bottom, frame.size[1] - top
        if glyphs:
            new["upright"] = True
            new["size"] = bottom - top  # pdfminer's size of a turned glyph is its advance
        out.append(new)
    return out
