"""Type aliases shared across ckextract (as pdfplumber keeps its own in one place)."""

from __future__ import annotations

from typing import Any, TypeAlias

T_num: TypeAlias = float
BBox: TypeAlias = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in PDF points, origin at the page's top-left, as pdfplumber."""
T_obj: TypeAlias = dict[str, Any]
"""A pdfplumber layout object (char, line, rect, curve, edge)."""
T_obj_list: TypeAlias = list[T_obj]
Grid: TypeAlias = list[list[str | None]]
"""Table rows as text; ``None`` where a merged cell spans over a position."""
