"""A scanned page as an image: rendered, straightened, its ruling lines and coloured
markers found (OpenCV), the way camelot's lattice flavour finds lines.

Everything here returns objects in the page's PDF coordinates (points, top-left origin),
shaped like pdfplumber's, so the table finder reads a scan with the same code as a
born-digital page: ruling lines become ``line`` objects, coloured marks become filled
shapes (:mod:`.markers` reads them as ``●``/``■`` in the text).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ckextract._typing import T_obj_list

Image = npt.NDArray[np.uint8]

POINTS_PER_INCH = 72.0
MAX_SKEW_DEGREES = 3.0
"""Largest turn looked for: a page fed crooked into a scanner is off by a degree or two;
more is a page scanned sideways, which is not straightened here."""
SKEW_STEP_DEGREES = 0.05
"""Resolution of the skew search (at 300 dpi, 0.05° moves a page's far edge by 2 px)."""
SKEW_WIDTH_PX = 1200
"""The skew is measured on the page scaled to this width: enough for text lines to stay
apart, small enough that trying 121 angles takes a few hundredths of a second each."""
LINE_SCALE = 40
"""A ruling line is at least 1/LINE_SCALE of the page's width (or height) long: longer
than any glyph's stroke (camelot's lattice uses the same morphology with 15-40) ..."""
LINE_MIN_POINTS = 36.0
"""... or at least this long (points), whichever is shorter: on a large sheet a fortieth
is more than a row (mhlw_ec/07, 894 x 632 mm: 45 pt, and its top band's sides, 40 pt,
were lost with the band's row). An A4 page's fortieth is 21 or 15 pt and stays: at 24 pt
a scanned shaded variant (shaded_cid_mincho_wide, seed 5) took seams between its text
lines for rules and lost all 8 networks."""
BINARY_BLOCK_PX = 15
"""Neighbourhood of the adaptive threshold (odd): about a glyph at 300 dpi."""
BINARY_OFFSET = -2
"""Adaptive-threshold offset: a pixel is ink when darker than its neighbourhood by this."""
INK_LEVEL = 160
"""Grey level below which a pixel of a glyph's box counts as its ink (for its colour)."""
MARK_SATURATION = 90
"""HSV saturation (0-255) from which a pixel is coloured ink: black or grey text and
the scanner's noise stay below it, a printed red/green/blue marker is far above."""
MARK_VALUE = 60
"""...and at least this bright (HSV value): a dark navy fill is not a marker's colour."""
SAME_INK = 0.08
"""Marks whose scanned colours differ by at most this (0-1, per channel) were printed in
one colour (the scan varies by about 0.01; the deck's red, green and blue differ by 0.4+)."""
MARK_MIN_FILL = 0.45
"""A marker fills at least this share of its box (a circle 0.79, a diamond 0.5); a ring
or a coloured letter fills less."""
MARK_MIN_CORE = 0.2
"""A marker is solid: its widest inner point is at least this share of its size from its
edge (a disc 0.5, a square 0.5, a triangle 0.29). The letters of a blue link are not
(0.1-0.15: strokes): MHLW's underlined http://meiji.or.jp/ lost its m, e, i and o as
markers and read http://ji.r.jp/."""
MARK_TEXT_REACH = 0.5
"""A solid coloured blob with a coloured letter beside it (within this × its height, in
the middle half of its height) is a letter of coloured text itself: the blurred ``a`` of
a blue link has its counter filled and is as solid as a disc (mhlw_ec/07 scanned soft lost
30 ``a`` and ``e`` of its links as markers, ``okawa-ladies`` read ``okaw-ldies``). Letters
of a word stand 0.1-0.3 of their height apart; a map's markers stand apart from coloured
text, or beside other markers, which are solid."""
LETTER_HEIGHTS = (0.5, 2.0)
"""A coloured letter beside a blob is from half to twice its height (an underline or a
map's border is not a letter: :data:`LETTER_MAX_WIDTH`)..."""
LETTER_MAX_WIDTH = 2.0
"""...and at most twice as wide as the blob is high."""
SQUARE_FILL = 0.9
"""A mark filling this share of its box is a square; less, a circle."""
DASH_MIN_LENGTH = 2.5
"""A dash is at least this many times as long as it is thick (a hyphen at 9 pt, 17 x 4
px at 300 dpi; a ― longer); a dot, a 一 written short or a letter is not."""
DASH_MAX_THICK_PX = 10
"""...and no thicker than this (a bold hyphen's stroke blurred by the scan is 6-7 px)..."""
DASH_MIN_FILL = 0.6
"""...and fills this share of its box: a bar, not a stroke of a letter or a tilde."""
BAR_MIDDLE_SHARE = 0.25
"""A dash's bar lies across a line's middle: its centre within this share of the line's
height of it (03's full-width ``－``: at the middle; an underscore lies at the foot)."""
FAINT_INK_CONTRAST = 40
"""A small mark's dots blur on a scan to grey 170-200 on paper of 250 (mhlw_ec/10's
``金:9:00`` at 7 pt, dots 3-4 px); darker than the paper by this is their ink (the
scan's grain varies by about 6)."""
COLON_CONTRAST = 30
"""A colon's dot is ink darker than the paper by this: rendered crisp, the 7 pt colon's
upper dot of mhlw_ec/10 falls across pixel edges and is grey 216 on white (39 darker),
its lower one 194 (at :data:`FAINT_INK_CONTRAST` only one dot was seen); grain stays 5
times under it."""
COLON_DOT_MAX = 0.25
"""A colon's dot is no larger than this × its line's height (a dot of 3-5 px in a line
of 42)."""
FULL_STOP_BASELINE_PX = 2
"""A printed full stop's lowest ink is within this of its line's baseline (blur moves a
small dot's lowest ink a pixel or two either way; dust lies anywhere)."""
BASELINE_REACH = 4
"""A line's baseline is looked for this many × its height either side of a gap (some
ten letters of a web address)."""
COLON_MIN_GAP_PX = 3
"""A gap narrower than this holds no colon Tesseract could have missed."""
COLON_DOT_MIN_PX = 2
"""A colon's dot is at least this wide and tall (a sliver of a neighbouring glyph's ink
in the gap is often 1 px wide); two dots of one colon differ by no more than this."""
SPECK_AREA_PX = 30
"""Ink of fewer pixels is a speck if it stands alone (a 2 px dust grain is about 13; a
6 pt kanji 200 or more)."""
SPECK_ISOLATION_PX = 12
"""...alone: no other ink this near (half an em of 6 pt text at 300 dpi)."""
TEXT_PART_MAX_PX = 150
"""Ink taller than this is a table's grid, a frame, a column rule or a picture, not text
a mark beside it could belong to (36 pt at 300 dpi). Only height: a link's text joined
to its underline is wide, and the ``:`` beside it is no dust."""
SPECK_RADIUS_PX = 3
"""A speck is painted over with the median grey of this radius around it."""
CELL_INSET_PX = 12
"""A cell's border band (pixels) left out when looking into it: its rule's blur, or the
darker edge a shade shows beside a white gap (3 pt: less than a cell's padding)..."""
CELL_INSET_SHARE = 4
"""...and no more than a quarter of the cell's height or width: METI's 採択案件一覧 sets 90
rows of 5.5 pt text on an A4 page, rows 25 px high at 300 dpi, and 12 px from each side
left nothing to look into (91 of its 819 cells were read, and none of its rows)."""
PRINT_CONTRAST = 40
"""Grey levels by which printed text is darker than its surroundings (100 or more on a
shade; a scan's grain, 4-8, never): what counts as something to read in a cell."""
GRAIN_CONTRAST = 20
"""Grey levels below the paper that are still paper when a page is flattened: a scan's
grain (4-8) three times over and a painted-out line's faint edge, not the soft edge of a
6 pt glyph (flattening at :data:`PRINT_CONTRAST` lost 3 of the map's 60 project lines)."""
GRAIN_SIGMAS = 2.0
"""A box's background is white from this many standard deviations of its grain below
its median grey: the grain of a shade, stretched, would read as specks."""
LINE_BLUR_PX = 1
"""A ruling line is painted out this much wider on each side than its mask. No wider: in
a dark-filled header the dark between two lines of light text is ink too, and painting
3 px round it wiped the header's text (the faint edges left are :func:`flattened`)."""
RULE_INSET_PX = 4
"""A cell's rule, blurred by the scan, is this wide on its inner side."""
CELL_MIN_INK_PX = 40
"""A cell with at least this many ink pixels holds something to read: a dash at 10 pt is
about 120, mhlw_ec/10's 7 pt ``-`` scanned crisp 54 (18 × 3), a lone 有 in a tall list
cell 600 (0.4 % of it: a share of the cell would miss it); a speck of dust that
despeckling left is under 30."""
DARKEST_PERCENTILE = 1
"""A box's darkest ink, for stretching its grey levels: this percentile of the whole box
(the very darkest few pixels are grain on a stroke) ..."""
INK_LOW_PERCENTILE = 20
"""... or, where ink is under 1 % of the box (a lone 有 in a tall cell, where that
percentile is paper), this percentile of its ink pixels: whichever is darker."""
EDGE_MARK_PX = 8
"""A mark lying along a cell's edge no thicker than this across it (pixels; 2 pt at 300
dpi, a heavy rule) is its rule's remnant or dust (:func:`without_edge_marks`)."""
EDGE_RULE_LEVEL = 230
"""A pixel of a box's edge row or column darker than this (after stretching: paper is
255) is ink or a rule's grey blur, for :func:`inside_edge_rules`."""
EDGE_RULE_SHARE = 0.9
"""An edge row or column this much ink along its length is a rule's remnant: a glyph set
tight against a rule touches it across a stroke or two, never along nine tenths of the
cell (the remnants seen: 100 %)."""
UNDERLINE_MIN_PX = 120
"""A thin run of ink along a line at least this long (pixels; 29 pt at 300 dpi, two ems
of 14 pt text) is no stroke of a glyph but an underline (:func:`without_underlines`): the
longest stroke of a kanji or a long-vowel mark is about an em."""
UNDERLINE_MAX_THICK_PX = 8
"""... and no thicker than this (pixels; 2 pt at 300 dpi, as :data:`EDGE_MARK_PX`): a
thicker bar is a shade's edge or a rule, not a line under text."""
UNDERLINE_TOUCH_SHARE = 0.5
"""... and only where at least this share of the marks above it reach down to it. Tesseract
reads through a line a pixel under the text (mhlw_ec/02's black links: 8 of 31 letters
touch it, its ``y`` and ``j``), not through one the letters stand on (07's blue ones: 25
of 29; read as nothing)."""
UNDERLINE_FRINGE_PX = 2
"""The blurred grey below an underline and past its ends, taken with it ..."""
UNDERLINE_TOP_FRINGE_PX = 1
"""... and above it, where the letters' feet touch it, less."""
FRAME_PX = 40
"""White paper round a box read on its own (Tesseract finds no text touching an image's
edge)."""
SEAM_RUN_PX = 41
"""Pixels a seam is averaged over along its length (about 3.5 pt at 300 dpi): grain
and dust average out, a border between shaded cells stays."""
SEAM_BAND_PX = 256
"""Rows of the page worked on at a time when looking for seams."""
SEAM_NEAR_PX = 4
"""Either side of a seam is looked at this far off its middle (a 1 pt white gap is 4 px
wide at 300 dpi, blurred by the scan)..."""
SEAM_FAR_PX = 7
"""...and here too: both sides of a seam are flat (the same shade at both distances);
beside text they are not."""
SEAM_FLAT = 4.0
"""Grey levels (0-255) within which a side counts as flat across the seam..."""
SEAM_EVEN = 12.0
"""...and the standard deviation of its grey levels along the seam under which it is
even: a scanned shade's grain is 4-8, a run through text 30 or more."""
SEAM_CONTRAST = 4.0
"""A white gap is at least this many grey levels lighter than both its sides (a shaded
table's gaps are 7-20 lighter than its cells; the grain, averaged along a seam, varies by
about 1), and two shades (or a shade and the paper) that meet differ by this much.
Dark fills too: a navy header band (grey 55) split into its programs by thin light gaps
is a row of cells; looked for only between light areas, the band was one box and the
three programs' headers one line (a Mincho scan of the deck's table: 2 of 8 networks)."""


@dataclass(frozen=True, slots=True)
class PageImage:
    """A page rendered for OCR: grey levels and colour, and the scale back to points."""

    grey: Image
    colour: Image
    points_per_pixel: float
    skew_degrees: float = 0.0


def render(path: Path, page_number: int, dpi: int) -> PageImage:
    """Page ``page_number`` (1-based) of ``path`` as pixels at ``dpi`` (PDFium renders it:
    the scanned image at whatever resolution it was stored, plus anything drawn over it)."""
    import cv2
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        bitmap = document[page_number - 1].render(scale=dpi / POINTS_PER_INCH)
        colour = np.ascontiguousarray(bitmap.to_numpy()[:, :, :3][:, :, ::-1])  # BGR(A) → RGB
    finally:
        document.close()
    grey = cv2.cvtColor(colour, cv2.COLOR_RGB2GRAY)
    return PageImage(grey.astype(np.uint8), colour.astype(np.uint8), POINTS_PER_INCH / dpi)


def ink(grey: Image, darker_by: int = -BINARY_OFFSET) -> Image:
    """Binary image, ink white (255) on black: a pixel ``darker_by`` grey levels darker than
    its neighbourhood (an adaptive threshold, so shaded cells and uneven scans keep their
    text and lines)."""
    import cv2

    inverted = cv2.bitwise_not(grey)
    return cv2.adaptiveThreshold(
        inverted, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, BINARY_BLOCK_PX, -darker_by
    ).astype(np.uint8)


def skew_angle(grey: Image) -> float:
    """Degrees the page is turned (counter-clockwise positive), by projection profile:
    rows of a straight page's text and rules are sharply light or dark, so the angle
    that makes the row sums vary most is the one that straightens it."""
    import cv2

    scale = min(1.0, SKEW_WIDTH_PX / grey.shape[1])
    small = cv2.resize(ink(grey), None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    centre = (w / 2, h / 2)
    steps = round(MAX_SKEW_DEGREES / SKEW_STEP_DEGREES)
    best, best_score = 0.0, -1.0
    for k in range(-steps, steps + 1):
        angle = k * SKEW_STEP_DEGREES
        turned = cv2.warpAffine(small, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h))
        rows = turned.sum(axis=1, dtype=np.float64)
        score = float(np.square(np.diff(rows)).sum())
        if score > best_score:
            best, best_score = angle, score
    return -best


def straighten(page: PageImage) -> PageImage:
    """The page turned back by its skew (white where the turn uncovers the margin)."""
    import cv2

    angle = skew_angle(page.grey)
    if abs(angle) < SKEW_STEP_DEGREES / 2:
        return page
    h, w = page.grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)

    def turn(image: Image, border: Any) -> Image:
        out = cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)
        return np.asarray(out, dtype=np.uint8)

    return PageImage(turn(page.grey, 255), turn(page.colour, (255, 255, 255)), page.points_per_pixel, angle)


def _long_runs(mask: Image, size: tuple[int, int]) -> Image:
    """Only runs of ``mask`` at least ``size`` long (an opening with a thin kernel)."""
    import cv2

    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, size)
    return np.asarray(cv2.dilate(cv2.erode(mask, kernel), kernel), dtype=np.uint8)


def shortest_line(side_px: int, points_per_pixel: float) -> int:
    """Pixels a ruling line along a page side ``side_px`` long is at least long
    (:data:`LINE_SCALE`, :data:`LINE_MIN_POINTS`)."""
    return max(min(side_px // LINE_SCALE, round(LINE_MIN_POINTS / points_per_pixel)), 1)


def line_mask(binary: Image, points_per_pixel: float) -> tuple[Image, Image]:
    """Horizontal and vertical ruling lines drawn in ink (camelot's lattice way: an
    opening with a long thin kernel keeps only runs of ink longer than any glyph)."""
    h, w = binary.shape
    return (
        _long_runs(binary, (shortest_line(w, points_per_pixel), 1)),
        _long_runs(binary, (1, shortest_line(h, points_per_pixel))),
    )


def seam_mask(grey: Image, points_per_pixel: float) -> tuple[Image, Image]:
    """Horizontal and vertical borders drawn by shading alone (:func:`seams`), as long
    as ruling lines."""
    h, w = grey.shape
    return (
        _long_runs(seams(grey, True), (shortest_line(w, points_per_pixel), 1)),
        _long_runs(seams(grey, False), (1, shortest_line(h, points_per_pixel))),
    )


SEAM_REACH_SHARE = 0.5
"""A column's seam's end is carried to a crossing line up to this share of the seam's own length
away: shaded_cid_narrow scanned soft had its 高知 row's column borders seen over only its
lower 45 and 52 pt, the text of the cells beside them hiding 19 and 12 pt above; the
rows ran two cells into one."""


def meet_ends(lines: T_obj_list, crossing: T_obj_list, reach: float) -> T_obj_list:
    """Each of ``lines``' ends carried to the line of ``crossing`` within ``reach`` points
    of it that crosses its way: a seam, averaged along its length, fades out about half
    that run before the border it meets (:data:`SEAM_RUN_PX`), and a table's cells need
    their corners closed. An end with no crossing line that near stays where it is (a line
    never grows past a table). Only seams are given: an inked line reaches its border on
    the paper, and an inked line that stops short of one is no border (a link's underline
    would otherwise close a cell under the text). A column's seam reaches further by a
    share of its own length (:data:`SEAM_REACH_SHARE`): text set close to a border hides
    the seam along it. A row's does not: the gaps between a cell's lines of text make short
    seams across it (mhlw_ec/02 scanned: carried to the cell's sides, they split its rows)."""
    horizontal = [ln for ln in crossing if ln["top"] == ln["bottom"]]
    vertical = [ln for ln in crossing if ln["top"] != ln["bottom"]]
    out: T_obj_list = []
    for ln in (ln for ln in lines if ln["top"] == ln["bottom"]):
        y = float(ln["top"])
        across = [float(v["x0"]) for v in vertical if v["top"] - reach <= y <= v["bottom"] + reach]
        x0 = _nearest(float(ln["x0"]), across, reach)
        x1 = _nearest(float(ln["x1"]), across, reach)
        out.append(_line(min(x0, x1), y, max(x0, x1), y))
    for ln in (ln for ln in lines if ln["top"] != ln["bottom"]):
        x, far = float(ln["x0"]), max(reach, SEAM_REACH_SHARE * float(ln["bottom"] - ln["top"]))
        across = [float(h["top"]) for h in horizontal if h["x0"] - reach <= x <= h["x1"] + reach]
        top = _nearest(float(ln["top"]), across, far)
        bottom = _nearest(float(ln["bottom"]), across, far)
        out.append(_line(x, min(top, bottom), x, max(top, bottom)))
    return out


def _nearest(end: float, crossings: list[float], reach: float) -> float:
    near = [c for c in crossings if abs(c - end) <= reach]
    return min(near, key=lambda c: abs(c - end)) if near else end


def _shifted(values: npt.NDArray[np.float32], by: int, axis: int) -> npt.NDArray[np.float32]:
    """``values`` moved ``by`` along ``axis``, the edge repeated where it moves in (no wrap:
    the page's far side is not this side's neighbour)."""
    out = np.roll(values, by, axis=axis)
    edge = [slice(None)] * values.ndim
    if by > 0:
        edge[axis] = slice(0, by)
        source = [slice(None)] * values.ndim
        source[axis] = slice(0, 1)
    else:
        edge[axis] = slice(values.shape[axis] + by, None)
        source = [slice(None)] * values.ndim
        source[axis] = slice(values.shape[axis] - 1, None)
    out[tuple(edge)] = values[tuple(source)]
    return out


def seams(grey: Image, horizontal: bool) -> Image:
    """Where the page's shading draws a border without ink (PowerPoint and Excel tables
    shade their cells and leave a thin white gap between them; a shaded table meets the
    white page): thin bright lines between two flat areas, and steps between two flat
    shades (or a shade and the paper). Looked for along one direction, on the image
    averaged along it (:data:`SEAM_RUN_PX`), so grain and dust average out and text, which
    is not flat beside itself, gives none. Worked out in bands of :data:`SEAM_BAND_PX`
    rows, so memory stays a few times one band's, not the page's."""
    import cv2

    rows = grey if horizontal else grey.T  # seams along the rows of ``rows``
    found = np.zeros(rows.shape, dtype=np.uint8)
    margin = SEAM_FAR_PX + 1
    for start in range(0, rows.shape[0], SEAM_BAND_PX):
        top, bottom = max(start - margin, 0), min(start + SEAM_BAND_PX + margin, rows.shape[0])
        band = _seam_band(rows[top:bottom])
        found[start : min(start + SEAM_BAND_PX, rows.shape[0])] = band[
            start - top : start - top + SEAM_BAND_PX
        ]
    closed = cv2.morphologyEx(found, cv2.MORPH_CLOSE, np.ones((1, SEAM_RUN_PX), np.uint8))
    out = np.asarray(closed, dtype=np.uint8)
    return out if horizontal else np.ascontiguousarray(out.T)


def _seam_band(rows: Image) -> Image:
    """:func:`seams` along the rows of a band of the page (255 where a seam is)."""
    import cv2

    values = rows.astype(np.float32)
    mean = np.asarray(cv2.blur(values, (SEAM_RUN_PX, 1)), dtype=np.float32)
    squares = np.asarray(cv2.blur(values * values, (SEAM_RUN_PX, 1)), dtype=np.float32)
    spread = np.sqrt(np.maximum(squares - mean * mean, 0.0)).astype(np.float32)
    near_a, near_b = _shifted(mean, SEAM_NEAR_PX, 0), _shifted(mean, -SEAM_NEAR_PX, 0)
    far_a, far_b = _shifted(mean, SEAM_FAR_PX, 0), _shifted(mean, -SEAM_FAR_PX, 0)
    flat_a = (np.abs(near_a - far_a) < SEAM_FLAT) & (_shifted(spread, SEAM_FAR_PX, 0) < SEAM_EVEN)
    flat_b = (np.abs(near_b - far_b) < SEAM_FLAT) & (_shifted(spread, -SEAM_FAR_PX, 0) < SEAM_EVEN)
    gap = (mean - np.maximum(near_a, near_b)) > SEAM_CONTRAST
    step = np.abs(near_a - near_b) > SEAM_CONTRAST
    # a white gap needs one flat side only: text may run up to it on the other
    found = (gap & (flat_a | flat_b)) | (step & flat_a & flat_b)
    return np.asarray(found, dtype=np.uint8) * np.uint8(255)


def ruling_lines(horizontal: Image, vertical: Image, points_per_pixel: float) -> T_obj_list:
    """The lines of the masks as pdfplumber ``line`` objects, in points."""
    import cv2

    lines: T_obj_list = []
    for mask, is_horizontal in ((horizontal, True), (vertical, False)):
        count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(mask)
        for x, y, w, h, _area in stats[1:count]:
            x0, top = x * points_per_pixel, y * points_per_pixel
            x1, bottom = (x + w) * points_per_pixel, (y + h) * points_per_pixel
            if is_horizontal:
                mid = (top + bottom) / 2
                lines.append(_line(x0, mid, x1, mid))
            else:
                mid = (x0 + x1) / 2
                lines.append(_line(mid, top, mid, bottom))
    return lines


def _line(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {
        "object_type": "line",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "pts": [(x0, top), (x1, bottom)],
        "stroke": True,
        "fill": False,
        "linewidth": 1.0,
    }


MARKED_SHARE = 0.5
"""A part of ink at least this share of whose pixels are of a marker's colour
(:data:`MARK_SATURATION`, :data:`MARK_VALUE`) is a coloured mark, not text."""


def _marked_parts(colour: Image, labels: npt.NDArray[Any], areas: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
    """Which parts of ink (``labels``, their pixel ``areas``) are coloured marks
    (:data:`MARKED_SHARE`); the background (label 0) is not."""
    import cv2

    hsv = cv2.cvtColor(colour, cv2.COLOR_RGB2HSV)
    coloured = (hsv[:, :, 1] >= MARK_SATURATION) & (hsv[:, :, 2] >= MARK_VALUE)
    counts = np.bincount(labels[coloured], minlength=len(areas))
    out = counts >= MARKED_SHARE * np.maximum(areas, 1)
    out[0] = False
    return np.asarray(out, dtype=np.bool_)


def despeckle(page: PageImage) -> Image:
    """The page's grey without its dust: specks (ink smaller than :data:`SPECK_AREA_PX`)
    with no other ink within :data:`SPECK_ISOLATION_PX` are painted over with the grey
    around them. A full stop or a 、 stands next to the text it ends, so it stays; a speck
    in an empty part of a cell would be read as one. A table's grid is not text either
    (:data:`TEXT_PART_MAX_PX`): a speck beside a cell's rule is dust (one kept so sat
    alone in its cell on the sheet, and Tesseract took it and the cell's text for one
    tall line: ``黒石市北美町一丁目70`` read ``OO``). A coloured marker is not text: a
    speck beside it goes too (Tesseract read one beside a map's ● as 人). A marker is a
    part of ink mostly of a marker's colour (:data:`MARKED_SHARE`): a black glyph on a
    shade has coloured pixels too, where the scan's colour bleeds into its strokes (a
    crisp scan of mhlw_labor's blue header: taken for a marker's pixels, they cut 事 and
    称 into specks, and 名称 was read 名衝)."""
    import cv2

    grey = page.grey
    binary = ink(grey, PRINT_CONTRAST)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    areas = stats[:, cv2.CC_STAT_AREA]
    marked = _marked_parts(page.colour, labels, areas)
    small = np.zeros(count, dtype=bool)
    small[1:] = areas[1:] < SPECK_AREA_PX
    small &= ~marked
    if not small.any():
        return grey
    text = ~small & ~marked & (stats[:, cv2.CC_STAT_HEIGHT] <= TEXT_PART_MAX_PX)
    text[0] = False
    big = text[labels].astype(np.uint8)
    reach = 2 * SPECK_ISOLATION_PX + 1
    near_text = cv2.dilate(big, np.ones((reach, reach), np.uint8)) > 0
    touching = np.unique(labels[near_text & small[labels]])
    lone = small.copy()
    lone[touching] = False
    dust = lone[labels]
    if not dust.any():
        return grey
    out = grey.copy()
    around = cv2.medianBlur(grey, 2 * SPECK_RADIUS_PX + 1)
    painted = cv2.dilate(dust.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    out[painted] = around[painted]
    return out


def without_lines(grey: Image, horizontal: Image, vertical: Image) -> Image:
    """The page with its ruling lines painted white: Tesseract reads a cell's text
    without taking a rule for a ー or a 丨."""
    import cv2

    width = 2 * LINE_BLUR_PX + 1
    lines = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((width, width), np.uint8))
    out = grey.copy()
    out[lines > 0] = 255
    return out


SHARP_EDGES = 0.77
"""A page whose edges are this sharp (:func:`edge_sharpness`) is a crisp render, not a
scan: measured 0.82-1.0 on pages printed straight to images (tests/scangen.py's CRISP:
mhlw_labor, mhlw_ec, the deck), 0.42-0.71 on scans of them (blurred, grainy, JPEG,
greyscale, 200 dpi, turned)."""
READ_BLUR_PX = 1.0
"""How much a crisp page is softened for reading its cells again (Gaussian σ, pixels at
300 dpi; ``ocr.read_cells`` keeps each cell's surer reading): Tesseract's Japanese model
misreads crisp 7-9 pt glyphs that it reads right on a scan (mhlw_labor 013 crisp: 労働
read ヲ働 or left out), and softened it loses 5.5 pt digits (METI's corporate numbers).
Cells read softened only, rows as the text layer has them, unsoftened → σ 0.5 / 1.0 /
1.4 / 2.0: mhlw_labor 013 3 → 10 / 13 / 16 / 17 of 22, mhlw_ec/10 42 → 42 / 45 / 47 /
48 of 58 (the two it was chosen on); held out at 2.0 the deck lost all 8 networks and
mhlw_ec/03 read 14 of 31 (16), at 1.0 the deck was unchanged. The surer of the two
readings at 1.0: 013 14, 10 46, 03 19, METI pages 1-3 16 of 270 rows (0 softened only).
A scan (already blurred) is never softened: mhlw_ec/10 lost 7 rows so."""
EDGE_PERCENTILE = 99.5
"""The edges judged: this percentile of the page's gradient (text is a small part of it)."""
SOBEL_STEP = 4.0
"""Sobel's 3 x 3 response to a one-pixel step of one grey level (1 + 2 + 1)."""
EDGE_INK_PERCENTILE = 0.1
"""The page's darkest ink: this percentile of its grey (a sparse page's text is under 1 %
of it)."""


def edge_sharpness(grey: Image) -> float:
    """How sharp a page's edges are, 0-1: the strongest gradients (:data:`EDGE_PERCENTILE`,
    Sobel) against the gradient of a one-pixel step from paper to the darkest ink."""
    import cv2

    g = grey.astype(np.float32)
    magnitude = np.hypot(cv2.Sobel(g, cv2.CV_32F, 1, 0), cv2.Sobel(g, cv2.CV_32F, 0, 1))
    step = SOBEL_STEP * (float(np.median(g)) - float(np.percentile(g, EDGE_INK_PERCENTILE)))
    return float(np.percentile(magnitude, EDGE_PERCENTILE)) / step if step > 0 else 0.0


def softened(grey: Image) -> Image:
    """A crisp page (:data:`SHARP_EDGES`) blurred as Tesseract reads it better
    (:data:`READ_BLUR_PX`)."""
    import cv2

    return np.asarray(cv2.GaussianBlur(grey, (0, 0), READ_BLUR_PX), dtype=np.uint8)


def flattened(image: Image) -> Image:
    """``image`` with everything within :data:`GRAIN_CONTRAST` of its paper (its median
    grey) made white: the grain, and a painted-out line's faint blurred edges. On a page
    left nearly blank once its cells were cut out, Tesseract's layout analysis spent 157 s
    on those (MHLW list, page 2; 1.3 s flattened), and a light-on-dark header read better
    (``内閣府`` where it read ``内導府``)."""
    paper = float(np.median(image))
    return np.where(image >= paper - GRAIN_CONTRAST, 255, image).astype(np.uint8)


def cells_with_text(image: Image, cells: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The cells (pixel boxes) with something printed in them. A cell's border is left out
    when looking (:data:`CELL_INSET_PX`); the box returned keeps all but its rule
    (:data:`RULE_INSET_PX`)."""
    binary = ink(image, PRINT_CONTRAST)
    out = []
    for x0, top, x1, bottom in cells:
        inset = min(CELL_INSET_PX, (bottom - top) // CELL_INSET_SHARE, (x1 - x0) // CELL_INSET_SHARE)
        inner = (x0 + inset, top + inset, x1 - inset, bottom - inset)
        if inner[2] <= inner[0] or inner[3] <= inner[1]:
            continue
        area = binary[inner[1] : inner[3], inner[0] : inner[2]]
        if np.count_nonzero(area) >= CELL_MIN_INK_PX:
            out.append((x0 + RULE_INSET_PX, top + RULE_INSET_PX, x1 - RULE_INSET_PX, bottom - RULE_INSET_PX))
    return out


def without_boxes(image: Image, boxes: list[tuple[int, int, int, int]], margin: int = 0) -> Image:
    """The page with ``boxes`` painted white (read on their own elsewhere), each grown by
    ``margin`` pixels all round."""
    out = image.copy()
    h, w = image.shape[:2]
    for x0, top, x1, bottom in boxes:
        out[max(0, top - margin) : min(h, bottom + margin), max(0, x0 - margin) : min(w, x1 + margin)] = 255
    return out


def framed(image: Image, box: tuple[int, int, int, int], stretch: bool = True) -> Image:
    """Box ``box`` of ``image`` on white paper :data:`FRAME_PX` wide all round (the
    page's pixel at the box's corner is at that much in from the frame's), stretched so
    that its own background is white and its text black (a shaded box's grey would be
    black under one threshold for the page); a box light on dark turned dark on light.
    ``stretch=False`` for a box of a page already flattened to white paper (a block
    fitted round its text is mostly ink, so its median is no background). Lines under
    its text are taken out (:func:`without_underlines`)."""
    x0, top, x1, bottom = box
    piece = image[top:bottom, x0:x1]
    out = np.full((bottom - top + 2 * FRAME_PX, x1 - x0 + 2 * FRAME_PX), 255, dtype=np.uint8)
    if stretch:
        if float(np.median(piece)) < 128:  # light text on a dark fill
            piece = 255 - piece
        piece = without_rule_remnants(_stretch(piece))
    out[FRAME_PX:-FRAME_PX, FRAME_PX:-FRAME_PX] = without_underlines(piece)
    return out


def underlines(piece: Image) -> list[tuple[int, int, int, int]]:
    """The lines drawn under a piece's text (:data:`UNDERLINE_MIN_PX`,
    :data:`UNDERLINE_MAX_THICK_PX`) that the text's feet touch
    (:data:`UNDERLINE_TOUCH_SHARE`): x, y, width, height in pixels."""
    import cv2

    ink = (piece < INK_LEVEL).astype(np.uint8)
    runs = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (UNDERLINE_MIN_PX, 1))
    )
    if not runs.any():
        return []
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    boxes = [tuple(int(v) for v in stats[label][:4]) for label in range(1, count)]
    return [
        (x, y, w, h)
        for x, y, w, h in boxes
        if h <= UNDERLINE_MAX_THICK_PX and _feet_touch(ink[:y, x : x + w]) >= UNDERLINE_TOUCH_SHARE
    ]


def _feet_touch(above: npt.NDArray[np.uint8]) -> float:
    """The share of the marks above a line (``above``: its ink, ending on the line's top
    row) that reach down to it, dust (:data:`SPECK_AREA_PX`) aside."""
    import cv2

    if above.size == 0:
        return 0.0
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(above, connectivity=8)
    marks = stats[1:count][stats[1:count, cv2.CC_STAT_AREA] >= SPECK_AREA_PX]
    if len(marks) == 0:
        return 0.0
    reach = (
        marks[:, cv2.CC_STAT_TOP] + marks[:, cv2.CC_STAT_HEIGHT] >= above.shape[0] - UNDERLINE_TOP_FRINGE_PX
    )
    return float(reach.mean())


def without_underlines(piece: Image) -> Image:
    """A piece without the lines drawn under its text (:data:`UNDERLINE_MIN_PX`): a web
    address printed as a link is underlined, its letters' feet and its ``p`` and ``j``
    touching the line, and Tesseract read mhlw_ec/07's clear, blue
    ``http://www.saisei.ecnet.jp/`` as nothing, ``http:// 本 1 /`` framed alone. Without
    the line: ``http://www.saisei.ecnet.ip/`` (the text rules read ``.ip`` as ``.jp``). The
    tails of ``p``, ``j`` and ``y`` that lie in the line go with it (``htto``,
    ``katavose``): on mhlw_ec/07 scanned, 3 addresses read as nothing and 1 read
    ``前okol`` now read within a letter or two, and 4 read right before lost a tail."""
    out = piece.copy()
    height = piece.shape[0]
    for x, y, w, h in underlines(piece):
        top, bottom = max(y - UNDERLINE_TOP_FRINGE_PX, 0), min(y + h + UNDERLINE_FRINGE_PX, height)
        left, right = max(x - UNDERLINE_FRINGE_PX, 0), x + w + UNDERLINE_FRINGE_PX
        out[top:bottom, left:right] = 255
    return out


def inside_edge_rules(piece: Image) -> tuple[slice, slice]:
    """The rows and columns of a cell's piece inside what is left of its rules. From each
    side inward, up to :data:`EDGE_MARK_PX` lines: a line that is ink along
    :data:`EDGE_RULE_SHARE` of its length (:data:`EDGE_RULE_LEVEL`) is the rule, and the
    faint lines (no pixel that dark) beside it its blur. The box of a slightly turned or
    blurred cell keeps such a line, grey or joined to dust at a corner, that
    :func:`without_edge_marks` does not take as one mark (too wide); left there,
    Tesseract read a lone 有 between two such lines as ``Ne``, ``人`` or nothing
    (mhlw_ec/05 scanned, seven rows)."""
    dark = piece < EDGE_RULE_LEVEL
    bounds: list[slice] = []
    for axis in (0, 1):
        cover = dark.mean(axis=1 - axis)  # axis 0: each row's share of ink
        size = piece.shape[axis]
        ends = []
        for inward in (range(min(EDGE_MARK_PX, size)), range(size - 1, max(size - EDGE_MARK_PX, 0) - 1, -1)):
            ends.append(_rule_band(cover, inward))
        bounds.append(slice(ends[0], max(size - ends[1], ends[0])))
    return bounds[0], bounds[1]


def _rule_band(cover: npt.NDArray[np.float64], inward: range) -> int:
    """How many lines from a side, walking ``inward``, are a rule or its faint blur: none
    unless one of them is a rule."""
    band = list(itertools.takewhile(lambda k: cover[k] >= EDGE_RULE_SHARE or cover[k] == 0, inward))
    return len(band) if any(cover[k] >= EDGE_RULE_SHARE for k in band) else 0


def without_rule_remnants(piece: Image) -> Image:
    """A cell's piece with the lines of its rules (:func:`inside_edge_rules`) made paper,
    and the marks on the edge of what is inside them taken (:func:`without_edge_marks`):
    a speck of dust under a rule, alone once the rule is gone, was read as ``「``."""
    rows, columns = inside_edge_rules(piece)
    out = np.full_like(piece, 255)
    if rows.stop > rows.start and columns.stop > columns.start:
        out[rows, columns] = without_edge_marks(piece[rows, columns])
    return out


def without_edge_marks(piece: Image) -> Image:
    """A cell's piece without the marks on its edge: ink that touches the piece's top or
    bottom and is no taller than :data:`EDGE_MARK_PX`, or its left or right side and is no
    wider, lies along the edge: what is left of the cell's rule, or dust on it. Left
    there, Tesseract took a speck on a cell's top edge for the start of the line and read
    ``0172-35-2110`` as ``昌和`` (MHLW list, page 2). A glyph set tight against the rule
    touches it across, not along: the left stroke of 地 touching a cell's left side is
    wider than it is tall, and stays."""
    import cv2

    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (piece < INK_LEVEL).astype(np.uint8), connectivity=8
    )
    height, width = piece.shape
    x, y, w, h = (stats[:, k] for k in range(4))
    along_top_or_bottom = ((y == 0) | (y + h == height)) & (h <= EDGE_MARK_PX)
    along_a_side = ((x == 0) | (x + w == width)) & (w <= EDGE_MARK_PX)
    marks = along_top_or_bottom | along_a_side
    marks[0] = False  # the background
    if not marks[1:count].any():
        return piece
    out = piece.copy()
    out[marks[labels]] = 255
    return out


def stacked(pieces: list[Image]) -> tuple[Image, list[tuple[int, int]]]:
    """Framed pieces (:func:`framed`) one under another on one white sheet, their frames
    overlapping so boxes stand :data:`FRAME_PX` apart; and each box's own top and bottom
    on the sheet."""
    width = max(p.shape[1] for p in pieces)
    height = sum(p.shape[0] - FRAME_PX for p in pieces) + FRAME_PX
    sheet = np.full((height, width), 255, dtype=np.uint8)
    spans: list[tuple[int, int]] = []
    y = 0
    for piece in pieces:
        sheet[y : y + piece.shape[0], : piece.shape[1]] = np.minimum(
            sheet[y : y + piece.shape[0], : piece.shape[1]], piece
        )
        spans.append((y + FRAME_PX, y + piece.shape[0] - FRAME_PX))
        y += piece.shape[0] - FRAME_PX
    return sheet, spans


def stacked_index(spans: list[tuple[int, int]], box: tuple[int, int, int, int]) -> int:
    """Which box of a sheet a line read on it belongs to: the one its middle is in or
    nearest to (a line's box may reach into the white around its own)."""
    middle = (box[1] + box[3]) / 2
    return min(range(len(spans)), key=lambda k: max(spans[k][0] - middle, 0.0, middle - spans[k][1]))


def _stretch(piece: Image) -> Image:
    """Grey levels spread so the piece's background (its median, less its grain) is white
    and its darkest ink black, keeping the glyphs' soft edges (Tesseract reads those
    better than a threshold's steps)."""
    median = float(np.median(piece))
    printed = piece[piece < median - PRINT_CONTRAST]
    if printed.size < CELL_MIN_INK_PX:  # nothing printed: grain only
        return np.full_like(piece, 255)
    low = min(
        float(np.percentile(piece, DARKEST_PERCENTILE)), float(np.percentile(printed, INK_LOW_PERCENTILE))
    )
    background = piece[piece >= median].astype(np.float32)
    paper = median - GRAIN_SIGMAS * float(np.sqrt(np.mean((background - median) ** 2)))
    stretched = (piece.astype(np.float32) - low) * (255.0 / (paper - low))
    return np.asarray(np.clip(stretched, 0, 255), dtype=np.uint8)


def coloured_marks(page: PageImage, min_points: float, max_points: float) -> T_obj_list:
    """Small filled coloured shapes (a map's or a legend's ●/■ markers) as filled-shape
    objects with their colour: a circle as a Bézier curve, a square as a closed straight
    path (see :func:`ckextract.extract.markers.shape_glyph`)."""
    import cv2

    hsv = cv2.cvtColor(page.colour, cv2.COLOR_RGB2HSV)
    coloured = ((hsv[:, :, 1] >= MARK_SATURATION) & (hsv[:, :, 2] >= MARK_VALUE)).astype(np.uint8) * 255
    mask = cv2.morphologyEx(coloured, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask)
    s = page.points_per_pixel
    out: T_obj_list = []
    palette: list[tuple[float, ...]] = []
    for label in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[label])
        if not (min_points <= w * s <= max_points and min_points <= h * s <= max_points):
            continue
        fill = area / float(w * h)
        if fill < MARK_MIN_FILL or min(w, h) / max(w, h) < 0.7:
            continue
        if not is_solid(labels[y : y + h, x : x + w] == label):
            continue
        if _beside_a_letter(labels, stats, label):
            continue
        pixels = page.colour[y : y + h, x : x + w][labels[y : y + h, x : x + w] == label]
        r, g, b = _palette(palette, tuple(float(np.median(pixels[:, k])) / 255 for k in range(3)))
        x0, top, x1, bottom = x * s, y * s, (x + w) * s, (y + h) * s
        if fill >= SQUARE_FILL:  # the corners, as a drawn square's path has them
            corners = [(x0, top), (x1, top), (x1, bottom), (x0, bottom), (x0, top)]
            path: list[tuple[Any, ...]] = [("m", corners[0]), *(("l", p) for p in corners[1:])]
            pts = corners
        else:  # a circle: a Bézier path (no side to take for a table's edge or a chart's stroke)
            ends = [
                ((x0 + x1) / 2, top),
                (x1, (top + bottom) / 2),
                ((x0 + x1) / 2, bottom),
                (x0, (top + bottom) / 2),
            ]
            path = [("m", ends[0]), *(("c", p, p, p) for p in ends[1:])]
            pts = []
        out.append(
            {
                "object_type": "curve",
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "y0": top,
                "y1": bottom,
                "doctop": top,
                "width": x1 - x0,
                "height": bottom - top,
                "fill": True,
                "stroke": False,
                "non_stroking_color": (round(r, 3), round(g, 3), round(b, 3)),
                "path": path,
                "pts": pts,
            }
        )
    return out


def dash_in(image: Image, box: tuple[int, int, int, int]) -> tuple[tuple[int, int, int, int], float] | None:
    """The dash a box holds alone, and the share of its bounding box its ink fills: one
    part of ink (specks under :data:`SPECK_AREA_PX` aside, marks along the edge taken
    out), :data:`DASH_MIN_LENGTH` times as long as it is thick, no thicker than
    :data:`DASH_MAX_THICK_PX` and filling :data:`DASH_MIN_FILL` of its box; None when the
    box holds anything else."""
    import cv2

    x0, top, x1, bottom = box
    piece = without_rule_remnants(_stretch(image[top:bottom, x0:x1]))
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        (piece < INK_LEVEL).astype(np.uint8), connectivity=8
    )
    parts = [tuple(int(v) for v in stats[k]) for k in range(1, count) if stats[k][4] >= SPECK_AREA_PX]
    if len(parts) != 1:
        return None
    x, y, w, h, area = parts[0]
    if not _a_bar(w, h, area):
        return None
    return (x0 + x, top + y, x0 + x + w, top + y + h), area / float(w * h)


def _a_bar(width: int, height: int, area: int) -> bool:
    """Whether a part of ink ``width`` × ``height`` with ``area`` ink pixels is a dash's
    bar: :data:`DASH_MIN_LENGTH` times as long as it is thick, no thicker than
    :data:`DASH_MAX_THICK_PX`, filling :data:`DASH_MIN_FILL` of its bounding box."""
    return (
        width >= DASH_MIN_LENGTH * height
        and height <= DASH_MAX_THICK_PX
        and area >= DASH_MIN_FILL * width * height
    )


def straight_bar_at(image: Image, box: tuple[int, int, int, int]) -> bool:
    """Whether the ink through the middle of a glyph's box (pixels) is a straight bar: the
    part of ink that crosses the box's middle column, looked for in the box widened by its
    own width each side (a box may cut a dash's ends), is a bar (:func:`_a_bar`). A wave
    dash ～ fills less of its box."""
    import cv2

    x0, top, x1, bottom = box
    left = max(x0 - (x1 - x0), 0)
    piece = _stretch(image[top:bottom, left : x1 + (x1 - x0)])
    _count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (piece < INK_LEVEL).astype(np.uint8), connectivity=8
    )
    middle = set(int(v) for v in labels[:, (x0 + x1) // 2 - left]) - {0}
    if len(middle) != 1:
        return False
    _, _, w, h, area = (int(v) for v in stats[middle.pop()])
    return _a_bar(w, h, area)


def straight_bar_in(image: Image, box: tuple[int, int, int, int]) -> bool:
    """Whether a box of a line (pixels: a mark and its neighbours) holds a straight bar
    (:func:`_a_bar`) across the middle of its height (its centre within a quarter of the
    height of the middle, :data:`BAR_MIDDLE_SHARE`; an underscore lies on the baseline)."""
    import cv2

    x0, top, x1, bottom = _within(image, box)
    if x1 <= x0 or bottom <= top:
        return False
    piece = _stretch(image[top:bottom, x0:x1])
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(
        (piece < INK_LEVEL).astype(np.uint8), connectivity=8
    )
    middle = piece.shape[0] / 2
    for label in range(1, count):
        _, y, w, h, area = (int(v) for v in stats[label])
        if _a_bar(w, h, area) and abs(y + h / 2 - middle) <= BAR_MIDDLE_SHARE * piece.shape[0]:
            return True
    return False


def colon_in(image: Image, box: tuple[int, int, int, int]) -> bool:
    """Whether a gap between two characters of a line (pixels: the line's height) holds
    a colon Tesseract did not read: two dots, each darker than the paper by
    :data:`COLON_CONTRAST`, no larger than :data:`COLON_DOT_MAX` × the line's height and
    about round, one above the other with at least a dot's height between them; and
    right of all other ink but slivers of the next character (ink touching the gap's
    right edge: Tesseract's boxes are a pixel or two short of a glyph's ink). The box may
    hold the glyph before the gap: Tesseract boxes a colon set close into the character
    before it (a crisp ``金:9:00``, ``金`` boxed 51 px wide in a line 41 high)."""
    parts = _dots_and_ink(image, box)
    if parts is None:
        return False
    dots, inner = parts
    colons = [(a, b) for a, b in itertools.combinations(dots, 2) if _a_colon(a, b)]
    if len(colons) != 1:
        return False
    left = min(p[0] for p in colons[0])
    return all(p in colons[0] or p[0] + p[2] <= left for p in inner)


def dot_in(image: Image, box: tuple[int, int, int, int]) -> bool:
    """Whether a gap between two characters of a line (pixels: the line's height, maybe
    with the glyph before the gap, as in :func:`colon_in`) holds a full stop Tesseract did
    not read: one dot (:func:`_dots_and_ink`) sitting on the line's baseline
    (:func:`baseline`, within :data:`FULL_STOP_BASELINE_PX`), clear of the box's sides, with
    paper between it and all other ink, which stands left of it (slivers of the next
    character aside). The end of a stroke a glyph's box left out (``k``'s leg, the tail of
    an ``s`` or a ``c``) touches the gap's side or the glyph's ink; dust lies off the
    baseline."""
    found = _dots_on_baseline(image, box)
    if found is None or len(found[0]) != 1:
        return False
    (dot,), inner = found
    return all(p == dot or p[0] + p[2] < dot[0] for p in inner)


MIDDLE_DOT_BAND = (-0.2, 0.1)
"""A middle dot ``・`` is centred on its line: its middle from this far above (-) to this
far below its line's middle, × the line's height (measured on a soft scan of a 6.5 pt map
legend: -0.13 to 0 for its ``・``, +0.15 for a ``、``)."""
BULLET_REACH = 1.0
"""A bullet's middle is within this × its line's height of its text (measured on the map
legend's: 0.5-0.9; a dot further off, in a table cell's margin, was the rule's dust)."""
COMMA_BAND = (0.1, 0.4)
"""A ``、`` whose tick a scan blurred to a dot sits lower, its middle this far below the
line's middle (a full stop ``。`` is a ring, not a dot)."""
DOT_CENTRED = 0.25
"""A lost ``・`` or ``、`` stands in the middle of the gap its full-width cell leaves
between the inks either side: its middle within this × the gap's width of the gap's
middle (dust lies anywhere)."""


DotPlace = Literal["first", "gap", "last"]
"""Where a lost dot is looked for: before a line's first glyph, between two glyphs, after
its last."""
COMMA_REACH = 0.6
"""A line-ending ``、`` has its middle within this × its line's height of the glyph before
it (it is set in the left of its full-width cell)."""


def lost_dot(
    image: Image, box: tuple[int, int, int, int], place: DotPlace = "gap"
) -> tuple[str, int, int] | None:
    """A ``・`` or ``、`` Tesseract did not read, as (mark, left and right pixel on the
    page), in a box of a line (pixels: the line's height) at ``place``; None if it holds
    none. The box must hold one dot (dot-sized, round, :func:`_dots_and_ink`) with no ink
    between it and the glyph before (:func:`_dot_placed` says what else it may hold); its
    height on the line says which mark it is (:func:`_dot_mark`). A soft scan of a 6.5 pt
    map legend left its bullets, the ``・`` of ``創出・応用`` and the ``、`` of
    ``繋がる、人と`` grey 4 px dots Tesseract never read; a narrow CID font's cell lost the
    ``、`` ending its lines (``徳島文理大学、`` / ``徳島文理大学短期大学部``)."""
    box = _within(image, box)
    parts = _dots_and_ink(image, box)
    if parts is None:
        return None
    dots, inner = parts
    width, height = box[2] - box[0], box[3] - box[1]
    clear = [d for d in dots if d[0] > 0 and d[0] + d[2] < width]
    if len(clear) != 1 or any(0 < p[0] < clear[0][0] for p in inner):
        return None
    dot = clear[0]
    if not _fainter_than_text(image, box, dot):
        return None
    seen = _ink_parts(image, box) if place == "last" else [*dots, *inner]  # "last": all of them
    if not _dot_placed(dot, [p for p in set(seen) if p != dot], (width, height), place):
        return None
    mark = _dot_mark(dot, height, place)
    return None if mark is None else (mark, box[0] + dot[0], box[0] + dot[0] + dot[2])


LOST_MARK_SHARE = 0.9
"""A mark Tesseract did not read is fainter than the text beside it (it reads marks as
dark as its glyphs): its darkest pixel is no further from the paper than this share of
the text's darkest ink (the box widened by its height either way, 0.5th percentile).
Measured on soft scans: lost ・ and 、 0.23-0.77; specks of dust that would have been
taken for a 、 1.13 and 1.58 (dust lies on the page darker than blurred print)."""
TEXT_INK_PERCENTILE = 0.5
"""The text's darkest ink beside a box: this percentile of its pixels (a glyph's strokes
are a few percent of them; a pixel or two of dust does not set it)."""


def _fainter_than_text(image: Image, box: tuple[int, int, int, int], dot: tuple[int, ...]) -> bool:
    """Whether a dot (x, y, w, h in ``box``) is fainter than the text beside the box
    (:data:`LOST_MARK_SHARE`)."""
    x0, top, x1, bottom = box
    around = image[top:bottom, max(0, x0 - (bottom - top)) : x1 + (bottom - top)]
    paper = float(np.median(around))
    text = float(np.percentile(around, TEXT_INK_PERCENTILE))
    x, y, w, h = dot
    darkest = float(image[top + y : top + y + h, x0 + x : x0 + x + w].min())
    return paper - darkest <= LOST_MARK_SHARE * (paper - text)


def _dot_placed(
    dot: tuple[int, ...], others: list[tuple[int, ...]], size: tuple[int, int], place: DotPlace
) -> bool:
    """Whether a dot stands where a lost mark would, given the box's other parts of ink:
    a bullet (``first``) within :data:`BULLET_REACH` of the glyph, with paper left of it
    (ink there is another column's: a soft scan of a table without rules had the ``、``
    ending one column's line taken for the next column's); in a ``gap``, in the middle
    of the inks either side (:data:`DOT_CENTRED`; what stands right of it is the next
    glyph's: Tesseract boxes ``応`` without its dots); after a line's ``last`` glyph,
    within :data:`COMMA_REACH` of it and with nothing else in the box but that glyph's
    slivers."""
    x, _, w, _ = dot
    width, height = size
    middle = x + w / 2
    ink_left = max((p[0] + p[2] for p in others if p[0] == 0), default=0)
    if place == "first":
        return ink_left == 0 and width - middle <= BULLET_REACH * height
    if place == "last":
        return all(p[0] == 0 for p in others) and middle - ink_left <= COMMA_REACH * height
    ink_right = min((p[0] for p in others if p[0] > x + w), default=width)
    return abs(middle - (ink_left + ink_right) / 2) <= DOT_CENTRED * (ink_right - ink_left)


def _dot_mark(dot: tuple[int, ...], height: int, place: DotPlace) -> str | None:
    """Which mark a lost dot is, from its height on its line: a ``・`` on its middle
    (:data:`MIDDLE_DOT_BAND`; no line ends with one), a ``、`` lower (:data:`COMMA_BAND`;
    no bullet is one)."""
    below = (dot[1] + dot[3] / 2 - height / 2) / height
    if place != "last" and MIDDLE_DOT_BAND[0] <= below <= MIDDLE_DOT_BAND[1]:
        return "・"
    if place != "first" and COMMA_BAND[0] < below <= COMMA_BAND[1]:
        return "、"
    return None


def dot_on_baseline(image: Image, box: tuple[int, int, int, int]) -> bool:
    """Whether a gap between two kanji (pixels, the line's height) holds one full stop on
    the baseline, whatever other ink it holds: a kanji's box may leave out a part of it
    that is no dot on the baseline (mhlw_ec/07 scanned: ``火``'s left tick stood in the
    gap of ``月.火``, boxed without it)."""
    found = _dots_on_baseline(image, box)
    return found is not None and len(found[0]) == 1


def _dots_on_baseline(
    image: Image, box: tuple[int, int, int, int]
) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]] | None:
    """The dots of a gap (:func:`_dots_and_ink`) whose lowest ink is on the line's
    baseline, clear of the box's sides, and all the gap's parts; None for a box too
    narrow to hold a dot."""
    parts = _dots_and_ink(image, box)
    if parts is None:
        return None
    dots, inner = parts
    if not dots:
        return [], inner  # most gaps of an address: no need to find the line's baseline
    width, base = box[2] - box[0], baseline(image, box) - box[1]
    on_base = [
        d
        for d in dots
        if abs(d[1] + d[3] - base) <= FULL_STOP_BASELINE_PX and d[0] > 0 and d[0] + d[2] < width
    ]
    return on_base, inner


def baseline(image: Image, box: tuple[int, int, int, int]) -> int:
    """The row (pixels) most glyphs of a line stand on, near a box of it: the median of
    the lowest ink of each column of ink, over the box widened by four times its height
    either way (a line's descenders and dust are few)."""
    x0, top, x1, bottom = box
    reach = BASELINE_REACH * (bottom - top)
    ink_rows = _faint_ink(image, (max(0, x0 - reach), top, x1 + reach, bottom))
    columns = np.flatnonzero(ink_rows.any(axis=0))
    if columns.size == 0:
        return bottom
    lowest = ink_rows.shape[0] - 1 - np.argmax(ink_rows[::-1, columns], axis=0)
    return top + int(np.median(lowest)) + 1


def _within(image: Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A box cut to the image (a mark after a line's last glyph is looked for past it,
    maybe past the page's edge)."""
    h, w = image.shape[:2]
    x0, top, x1, bottom = box
    return max(0, x0), max(0, top), min(w, x1), min(h, bottom)


def _ink_parts(image: Image, box: tuple[int, int, int, int]) -> list[tuple[int, ...]]:
    """The parts of faint or dark ink in a box (:data:`COLON_CONTRAST`), as (x, y, w, h)
    in the box; none for a box off the image (OpenCV crashes on an empty image)."""
    import cv2

    mask = _faint_ink(image, box, COLON_CONTRAST)
    if mask.size == 0:
        return []
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    return [tuple(int(v) for v in stats[k][:4]) for k in range(1, count)]


def _dots_and_ink(
    image: Image, box: tuple[int, int, int, int]
) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]] | None:
    """The dot-sized round parts of ink in a box (:data:`COLON_CONTRAST`,
    :data:`COLON_DOT_MIN_PX`, :data:`COLON_DOT_MAX`), and all parts but those touching
    its right edge (x, y, w, h); None for a box too narrow to hold a dot."""
    x0, top, x1, bottom = box = _within(image, box)
    if x1 - x0 < COLON_MIN_GAP_PX or bottom <= top:
        return None
    parts = _ink_parts(image, box)
    biggest = COLON_DOT_MAX * (bottom - top)
    dots = [p for p in parts if min(p[2:]) >= COLON_DOT_MIN_PX and max(p[2:]) <= min(biggest, 2 * min(p[2:]))]
    return dots, [p for p in parts if p[0] + p[2] < x1 - x0]


def _a_colon(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether two dots (x, y, w, h) are a colon's: about one size, one above the other,
    at least a dot's height apart."""
    upper, lower = sorted((a, b), key=lambda p: p[1])
    same = abs(upper[2] - lower[2]) <= COLON_DOT_MIN_PX and abs(upper[3] - lower[3]) <= COLON_DOT_MIN_PX
    above = upper[0] < lower[0] + lower[2] and lower[0] < upper[0] + upper[2]
    return same and above and lower[1] - (upper[1] + upper[3]) >= min(upper[3], lower[3])


def _faint_ink(
    image: Image, box: tuple[int, int, int, int], contrast: int = FAINT_INK_CONTRAST
) -> npt.NDArray[np.bool_]:
    """The pixels of a box darker by ``contrast`` than the paper around it (the
    median of the box widened by its height either way): the ink of a small mark, however
    faint the scan left it."""
    x0, top, x1, bottom = box
    height = bottom - top
    paper = float(np.median(image[top:bottom, max(0, x0 - height) : x1 + height]))
    return np.asarray(image[top:bottom, x0:x1] < paper - contrast)


LIKENESS_SIDE = 32
"""Glyphs are compared as their ink scaled to this many pixels square."""
SPECK_SHARE = 0.05
"""A part of a box's ink under this share of its largest part's area is dust, left out of
the glyph's extent (mhlw_ec/10 scanned: a 3 px speck beside a lone 有; 無's four dots are
each 8-10 % of its strokes)."""


def glyph_patch(image: Image, box: tuple[int, int, int, int]) -> npt.NDArray[np.float32] | None:
    """The ink of a glyph's box (:data:`INK_LEVEL`), cut to its extent and scaled to
    :data:`LIKENESS_SIDE` square, 0 (paper) to 1 (ink); None for a box with no ink."""
    import cv2

    x0, top, x1, bottom = box
    piece = image[max(0, top) : bottom, max(0, x0) : x1]
    ink = piece < INK_LEVEL
    if not ink.any():
        return None
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    areas = stats[1:, cv2.CC_STAT_AREA]
    ink = np.isin(labels, 1 + np.flatnonzero(areas >= SPECK_SHARE * areas.max()))
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    cut = 1.0 - piece[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1].astype(np.float32) / 255.0
    side = (LIKENESS_SIDE, LIKENESS_SIDE)
    return np.asarray(cv2.resize(cut, side, interpolation=cv2.INTER_AREA), dtype=np.float32)


def likeness(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> float:
    """How alike two glyph patches (:func:`glyph_patch`) are: their correlation, 1 the same."""
    x, y = a.ravel() - a.mean(), b.ravel() - b.mean()
    norm = float(np.linalg.norm(x) * np.linalg.norm(y))
    return float(x @ y) / norm if norm else 0.0


def largest_ink_part(image: Image, box: tuple[int, int, int, int]) -> int:
    """Pixels of the largest part of faint or dark ink in a box (:func:`_faint_ink`); 0
    for none or a box off the image."""
    import cv2

    x0, top, x1, bottom = box = _within(image, box)
    if x1 <= x0 or bottom <= top:
        return 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        _faint_ink(image, box).astype(np.uint8), connectivity=8
    )
    return max((int(stats[k][cv2.CC_STAT_AREA]) for k in range(1, count)), default=0)


def ink_area(image: Image, box: tuple[int, int, int, int]) -> int:
    """Pixels of faint or dark ink in a box (:func:`_faint_ink`)."""
    x0, top, x1, bottom = box
    if x1 <= x0 or bottom <= top:
        return 0
    return int(np.count_nonzero(_faint_ink(image, box)))


def _beside_a_letter(labels: npt.NDArray[Any], stats: npt.NDArray[Any], label: int) -> bool:
    """Whether coloured component ``label`` has a coloured letter beside it on its line
    (:data:`MARK_TEXT_REACH`): another component of a letter's size
    (:data:`LETTER_HEIGHTS`, :data:`LETTER_MAX_WIDTH`) that is strokes, not solid."""
    x, y, w, h = (int(v) for v in stats[label][:4])
    reach = round(MARK_TEXT_REACH * h)
    band = labels[y + h // 4 : y + h - h // 4, max(0, x - reach) : x + w + reach]
    for other in np.unique(band):
        if other in (0, label):
            continue
        ox, oy, ow, oh = (int(v) for v in stats[other][:4])
        if not (LETTER_HEIGHTS[0] * h <= oh <= LETTER_HEIGHTS[1] * h and ow <= LETTER_MAX_WIDTH * h):
            continue
        if not is_solid(labels[oy : oy + oh, ox : ox + ow] == other, by_length=True):
            return True
    return False


def is_solid(shape: npt.NDArray[np.bool_], by_length: bool = False) -> bool:
    """Whether a shape is a filled mark, not a letter: its widest inner point stands
    :data:`MARK_MIN_CORE` of its size (its shorter side; with ``by_length`` its longer,
    so that a bar, an ``i`` or an ``l``, is strokes too) from its edge (a disc 0.5, a
    triangle 0.29); a letter is strokes, a few pixels thick whatever its size."""
    import cv2

    padded = np.pad(shape.astype(np.uint8), 1)
    depth = float(cv2.distanceTransform(padded, cv2.DIST_L2, 3).max())
    size = max(shape.shape) if by_length else min(shape.shape)
    return bool(depth >= MARK_MIN_CORE * size)


def _palette(palette: list[tuple[float, ...]], colour: tuple[float, ...]) -> tuple[float, ...]:
    """One printed colour for marks the scan made a little different (a map's green markers
    scan as #2f9d50, #309e4f, …): the first colour of the page within
    :data:`SAME_INK` of this one, or this one, added to the page's palette."""
    for known in palette:
        if colour_gap(known, colour) <= SAME_INK:
            return known
    rounded = tuple(round(c, 3) for c in colour)
    palette.append(rounded)
    return rounded


def colour_gap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """How far apart two colours (0-1 per channel) are: their largest channel difference;
    1 between a grey (one channel) and an RGB colour."""
    if len(a) != len(b):
        return 1.0
    return max(abs(x - y) for x, y in zip(a, b, strict=True))


def ink_colour(page: PageImage, box: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """The colour of the ink inside ``box`` (points): the median of its dark pixels, 0-1."""
    s = page.points_per_pixel
    x0, top = max(int(box[0] / s), 0), max(int(box[1] / s), 0)
    x1, bottom = max(math.ceil(box[2] / s), x0 + 1), max(math.ceil(box[3] / s), top + 1)
    region = page.colour[top:bottom, x0:x1].reshape(-1, 3)
    grey = page.grey[top:bottom, x0:x1].reshape(-1)
    dark = region[grey < INK_LEVEL]
    if len(dark) == 0:
        return (0.0, 0.0, 0.0)
    r, g, b = (float(np.median(dark[:, k])) / 255 for k in range(3))
    return (round(r, 3), round(g, 3), round(b, 3))
