"""Drawn markers read as the glyphs they stand for.

A map slide or a legend may mark an entry with a coloured glyph (``●`` in the text) or
with a drawn shape: PowerPoint and Excel draw a filled circle as a Bézier path, a square
as a rectangle. A small filled shape in the run of the text is read as the glyph it
looks like (circle ``●``, square ``■``, diamond ``◆``, triangle ``▲``), with its fill
colour, so that layouts read legends and entries the same way whichever way they were
drawn. Only free text gets them: a shape inside a table stays the table's.
"""

from __future__ import annotations

from collections.abc import Sequence

from ckextract._typing import BBox, T_obj, T_obj_list

MARKER_MIN = 2.5
"""Points: a smaller filled shape is a dot of a dotted rule or noise, not a marker."""
MARKER_MAX = 16.0
"""Points: a larger one is a figure's shape or a box's shading, not a marker set in text."""
SQUARENESS = 0.7
"""A marker's bbox is about as wide as tall (shorter side / longer side at least this)."""
SHAPE_FONT = "ckextract-drawn-marker"
"""Font name given to a shape read as a glyph (its provenance stays visible)."""


def _vertices(obj: T_obj) -> list[tuple[float, float]] | None:
    """Corner points of a path made of straight segments; None if it has a curve."""
    path = obj.get("path") or []
    points: list[tuple[float, float]] = []
    for segment in path:
        op = segment[0]
        if op == "c" or op in ("v", "y"):
            return None
        if op in ("m", "l"):
            points.append((float(segment[-1][0]), float(segment[-1][1])))
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def shape_glyph(obj: T_obj) -> str | None:
    """The glyph a filled shape stands for, or None when it is not a marker."""
    if not obj.get("fill"):
        return None
    w, h = float(obj["x1"] - obj["x0"]), float(obj["bottom"] - obj["top"])
    if not (MARKER_MIN <= w <= MARKER_MAX and MARKER_MIN <= h <= MARKER_MAX):
        return None
    if min(w, h) / max(w, h) < SQUARENESS:
        return None
    if obj.get("object_type") == "rect":
        return "■"
    points = _vertices(obj)
    if points is None:
        return "●"
    if len(points) == 3:
        return "▲"
    if len(points) == 4:
        axis_aligned = all(p[0] in (obj["x0"], obj["x1"]) or p[1] in (obj["y0"], obj["y1"]) for p in points)
        on_edges = {round(p[0], 1) for p in points} == {round(obj["x0"], 1), round(obj["x1"], 1)}
        return "■" if axis_aligned and on_edges else "◆"
    return None


def _inside(x: float, y: float, box: BBox) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def marker_chars(shapes: Sequence[T_obj], chars: T_obj_list, avoid: Sequence[BBox]) -> T_obj_list:
    """Pseudo-chars for the marker shapes among ``shapes`` (curves and rects): not inside a
    table (``avoid``), and not under a glyph (a shape with text drawn over it is that
    text's background, e.g. a circled number)."""
    out: T_obj_list = []
    centres: dict[tuple[int, int], list[tuple[float, float]]] | None = None
    for obj in shapes:
        glyph = shape_glyph(obj)
        if glyph is None:
            continue
        box = (float(obj["x0"]), float(obj["top"]), float(obj["x1"]), float(obj["bottom"]))
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if any(_inside(cx, cy, b) for b in avoid):
            continue
        if centres is None:  # glyph centres by MARKER_MAX-sized buckets, built once a page
            centres = {}
            for c in chars:
                x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
                centres.setdefault((int(x // MARKER_MAX), int(y // MARKER_MAX)), []).append((x, y))
        bx, by = int(cx // MARKER_MAX), int(cy // MARKER_MAX)
        near = [p for dx in (-1, 0, 1) for dy in (-1, 0, 1) for p in centres.get((bx + dx, by + dy), [])]
        if any(_inside(x, y, box) for x, y in near):
            continue
        out.append(
            {
                "text": glyph,
                "x0": box[0],
                "x1": box[2],
                "top": box[1],
                "bottom": box[3],
                "size": box[3] - box[1],
                "width": box[2] - box[0],
                "height": box[3] - box[1],
                "fontname": SHAPE_FONT,
                "upright": True,
                "non_stroking_color": obj.get("non_stroking_color"),
                "page_number": obj.get("page_number"),
            }
        )
    return out
