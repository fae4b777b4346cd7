"""Glyphs the page does not show: text painted so that nothing of it can be seen.

A text layer can hold text no reader sees. mhlw_ec/07 writes a ``0`` in white on white in
its 21 empty web-address cells: tabula's CSV and pdfplumber's words keep it, while the
printed page and a scan of it show an empty cell. Such a glyph is dropped before tables
are read, and counted (``Extraction.hidden_glyphs``).

Which glyphs may be hidden is cheap to tell from the text layer (:func:`may_be_hidden`):
text in the paper's colour or in the colour of a fill it lies in (text in a spot colour,
whose tint says nothing of its lightness, is kept). Whether
one is hidden is told by the page as drawn (:func:`shows_nothing`): the page is rendered,
only when it has such a glyph, and the glyph's box must be one even colour. Backgrounds
that pdfplumber does not list (shadings: the blue band behind the white title of
tabula's labor.pdf) and drawing order are then the renderer's business.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from ckextract._typing import T_obj_list

PAPER = (1.0, 1.0, 1.0)
"""The page's own colour where nothing is drawn."""

SAME_COLOUR = 0.02
"""Colours within this (0-1, per RGB channel) of each other cannot be told apart (an 8-bit
step is 0.004)."""

KNOWN_SPACES = frozenset({"DeviceGray", "DeviceRGB", "DeviceCMYK", "ICCBased"})
"""Colour spaces whose components (grey, RGB or CMYK by their number) say what is seen.
A glyph in any other (Separation, DeviceN, Indexed, a pattern: a spot colour's tint 1.0
is full ink, not white) is kept: eu-026's dark title is Separation (1.0)."""

RENDER_DPI = 144
"""Resolution of the rendered page the check reads: two pixels a point, so that a 9 pt
``l`` (1.5 pt wide) keeps a column of its stroke inside its box."""

EVEN_LEVELS = 24
"""A glyph's box (one pixel in from each side, off a rule it touches) shows nothing when
its grey levels (0-255) span at most this: anti-aliased strokes of any glyph that shows
differ from their ground by far more, and a flat ground by nothing."""

RGB = tuple[float, float, float]


def as_rgb(colour: Any) -> RGB | None:
    """Grey, RGB or CMYK components (0-1) as RGB; ``None`` for anything else."""
    if not isinstance(colour, tuple | list) or not all(isinstance(v, int | float) for v in colour):
        return None
    values = [float(v) for v in colour]
    if len(values) == 1:
        return (values[0], values[0], values[0])
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def _same(a: RGB, b: RGB) -> bool:
    return max(abs(x - y) for x, y in zip(a, b, strict=True)) <= SAME_COLOUR


@dataclass(frozen=True)
class Fills:
    """A page's painted-inside shapes whose colour is known (:func:`coloured_fills`), as
    arrays: every glyph of a page is looked up in them (eu-011's first page: 3,207 glyphs
    over 1,494 shapes)."""

    boxes: npt.NDArray[np.float64]
    """x0, top, x1, bottom of each shape."""
    areas: npt.NDArray[np.float64]
    colours: tuple[RGB, ...]
    grounds: tuple[RGB, ...]
    """The paper's colour and each distinct colour of a shape: what a glyph may lie on."""


def may_be_hidden(glyph: dict[str, Any], fills: Fills) -> bool:
    """Whether ``glyph`` could be invisible, from the text layer alone: its colour is that
    of the smallest fill holding its centre, or, where none does, the paper's (a ground
    pdfplumber lists no shape for, a shading, is the render's to see). A colour not known
    (:data:`KNOWN_SPACES`) is taken to show; one no ground has is looked no further at."""
    colour = as_rgb(glyph.get("non_stroking_color"))
    if glyph.get("ncs") not in KNOWN_SPACES or colour is None:
        return False
    if not any(_same(colour, ground) for ground in fills.grounds):
        return False
    x = (float(glyph["x0"]) + float(glyph["x1"])) / 2
    y = (float(glyph["top"]) + float(glyph["bottom"])) / 2
    b = fills.boxes
    under = np.flatnonzero((b[:, 0] <= x) & (x <= b[:, 2]) & (b[:, 1] <= y) & (y <= b[:, 3]))
    if under.size == 0:
        return _same(colour, PAPER)
    return _same(colour, fills.colours[int(under[np.argmin(fills.areas[under])])])


def shows_nothing(grey: npt.NDArray[np.uint8], box: tuple[int, int, int, int]) -> bool:
    """Whether a glyph's box (pixels of ``grey``, the rendered page) is one even colour
    inside (:data:`EVEN_LEVELS`). A box too small to look inside shows something."""
    x0, top, x1, bottom = box
    inside = grey[top + 1 : bottom - 1, x0 + 1 : x1 - 1]
    if inside.size == 0:
        return False
    return int(inside.max()) - int(inside.min()) <= EVEN_LEVELS


def pixel_box(glyph: dict[str, Any], page_top: float, page_left: float) -> tuple[int, int, int, int]:
    """A glyph's box in pixels of the page rendered at :data:`RENDER_DPI`."""
    scale = RENDER_DPI / 72
    return (
        round((float(glyph["x0"]) - page_left) * scale),
        round((float(glyph["top"]) - page_top) * scale),
        round((float(glyph["x1"]) - page_left) * scale),
        round((float(glyph["bottom"]) - page_top) * scale),
    )


def coloured_fills(shapes: Sequence[dict[str, Any]]) -> Fills:
    """The painted-inside shapes (rectangles, filled paths) whose colour is known."""
    known = [
        (c, s) for s in shapes if s.get("fill") and (c := as_rgb(s.get("non_stroking_color"))) is not None
    ]
    boxes = np.array([[s["x0"], s["top"], s["x1"], s["bottom"]] for _, s in known], dtype=np.float64).reshape(
        -1, 4
    )
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    colours = tuple(c for c, _ in known)
    return Fills(boxes, areas, colours, (PAPER, *dict.fromkeys(colours)))


def rendered_grey(page: Any) -> npt.NDArray[np.uint8]:
    """The page as drawn (PDFium, through pdfplumber), grey, at :data:`RENDER_DPI`."""
    image = page.to_image(resolution=RENDER_DPI, antialias=True).original.convert("L")
    return np.asarray(image, dtype=np.uint8)


def shown_glyphs(page: Any, chars: T_obj_list) -> tuple[T_obj_list, int]:
    """``chars`` of pdfplumber ``page`` without those the page does not show, and how
    many were dropped. The page is rendered only if some glyph :func:`may_be_hidden`."""
    fills = coloured_fills(list(page.rects) + list(page.curves))
    suspects = [k for k, ch in enumerate(chars) if not ch["text"].isspace() and may_be_hidden(ch, fills)]
    if not suspects:
        return chars, 0
    grey = rendered_grey(page)
    left, top = float(page.bbox[0]), float(page.bbox[1])
    hidden = {k for k in suspects if shows_nothing(grey, pixel_box(chars[k], top, left))}
    return [ch for k, ch in enumerate(chars) if k not in hidden], len(hidden)
