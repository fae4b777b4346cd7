"""The blocks of text on a page image, by recursive X-Y cut: the page is cut across at
every blank band of rows, each piece down at every gutter wider than its text's em, and
so on until nothing cuts (Nagy & Seth's X-Y tree).

Tesseract's own page layout (``--psm 3``) joins two columns whose gutter is narrow (a
map slide's legend, 10 pt apart at 7 pt text) into one line and reads both wrong
(``家族が繋がる`` read ``家族が朋がる``); cut apart first, each block is read as a
block of text (``--psm 6``, :mod:`.ocr`) and is read right.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from ckextract.extract import scan

Box = tuple[int, int, int, int]

MARK_MIN_PX = 12
"""Ink under this many pixels is left out when looking for blank bands (grain left by
flattening holds nothing apart); a ``・`` or ``、`` of 7 pt text at 300 dpi is 16-30
pixels, so it keeps its place in its line."""
ROW_GAP_PX = 3
"""A blank band of more than this many pixel rows parts two lines (a line's own glyphs
fill every row of it; a ``二`` alone on a line is the exception this accepts)."""
COLUMN_GAP_EMS = 1.0
"""A blank band of columns wider than this many of the text's em parts two blocks: a word
space is a third of an em, the gap after a ``、`` about two thirds; a map legend's gutter
is 1.4."""
EM_PERCENTILE = 75
"""The text's em is this percentile of the heights of its glyphs' connected parts (most
kanji are one part as tall as the em; kana and radicals are shorter parts)."""
MARGIN_PX = scan.SPECK_ISOLATION_PX
"""A block keeps this much paper round its ink (no further than the cuts around it):
marks within it belong to the text (:func:`scan.despeckle` leaves them)."""


class _Parts(NamedTuple):
    """The ink that counts (a mask) and the height and middle of each of its parts."""

    mask: npt.NDArray[np.bool_]
    heights: npt.NDArray[np.int32]
    middles: npt.NDArray[np.float64]


def text_blocks(image: scan.Image) -> list[Box]:
    """The text blocks of ``image`` (a page, paper white), in pixels, top to bottom and
    left to right within each cut."""
    parts = _ink_parts(image)
    out: list[Box] = []
    h, w = image.shape
    _cut(parts, (0, 0, w, h), out)
    return out


def _ink_parts(image: scan.Image) -> _Parts:
    import cv2

    binary = scan.ink(image, scan.PRINT_CONTRAST)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(binary, connectivity=8)
    kept = np.zeros(count, dtype=bool)
    kept[1:] = stats[1:, cv2.CC_STAT_AREA] >= MARK_MIN_PX
    index = np.flatnonzero(kept)
    return _Parts(
        kept[labels], stats[index, cv2.CC_STAT_HEIGHT], np.asarray(centroids[index], dtype=np.float64)
    )


def blank_runs(profile: npt.NDArray[np.bool_], longer_than: int) -> list[tuple[int, int]]:
    """The runs of ``False`` in ``profile`` longer than ``longer_than``, between its first
    and last ``True`` (start, end)."""
    inked = np.flatnonzero(profile)
    steps = np.diff(inked)
    return [(int(inked[k]) + 1, int(inked[k + 1])) for k in np.flatnonzero(steps > longer_than)]


def _em(parts: _Parts, box: Box) -> float:
    x0, top, x1, bottom = box
    mx, my = parts.middles[:, 0], parts.middles[:, 1]
    inside = (mx >= x0) & (mx < x1) & (my >= top) & (my < bottom)
    return float(np.percentile(parts.heights[inside], EM_PERCENTILE)) if inside.any() else 0.0


def _pieces(start: int, end: int, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``start``-``end`` cut in the middle of each run."""
    cuts = [start] + [(a + b) // 2 for a, b in runs] + [end]
    return list(itertools.pairwise(cuts))


def _cut(parts: _Parts, box: Box, out: list[Box]) -> None:
    x0, top, x1, bottom = box
    rows: npt.NDArray[np.bool_] = np.asarray(parts.mask[top:bottom, x0:x1].any(axis=1))
    if not rows.any():
        return
    runs = blank_runs(rows, ROW_GAP_PX)
    if runs:
        for a, b in _pieces(top, bottom, [(top + s, top + e) for s, e in runs]):
            _cut(parts, (x0, a, x1, b), out)
        return
    inked = np.flatnonzero(rows)
    ink_top, ink_bottom = top + int(inked[0]), top + int(inked[-1]) + 1
    columns: npt.NDArray[np.bool_] = np.asarray(parts.mask[ink_top:ink_bottom, x0:x1].any(axis=0))
    runs = blank_runs(columns, max(1, int(COLUMN_GAP_EMS * _em(parts, (x0, ink_top, x1, ink_bottom)))))
    if runs:
        for a, b in _pieces(x0, x1, [(x0 + s, x0 + e) for s, e in runs]):
            _cut(parts, (a, top, b, bottom), out)
        return
    inked = np.flatnonzero(columns)
    out.append(
        (
            max(x0, x0 + int(inked[0]) - MARGIN_PX),
            max(top, ink_top - MARGIN_PX),
            min(x1, x0 + int(inked[-1]) + 1 + MARGIN_PX),
            min(bottom, ink_bottom + MARGIN_PX),
        )
    )
