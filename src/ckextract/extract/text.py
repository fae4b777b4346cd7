"""Glyphs → cell text: assign each char to its cell once, then build lines.

One pass over the page's chars (no per-cell cropping); lines are grouped by
vertical overlap, spaces come from explicit space glyphs or from gaps wider
than ``word_gap_ratio`` × font size, and lines are joined by the named
line-wrap rule in :mod:`ckextract.textrules`.
"""

from __future__ import annotations

from pdfplumber.utils.text import dedupe_chars

from ckextract._typing import T_obj_list
from ckextract.extract.grid import PageGrid
from ckextract.settings import ExtractSettings
from ckextract.textrules import join_wrapped_lines


def clean_chars(chars: T_obj_list, settings: ExtractSettings) -> T_obj_list:
    """Upright glyphs only, fake-bold duplicates removed."""
    upright = [c for c in chars if c.get("upright", True)]
    return list(dedupe_chars(upright, tolerance=settings.dedupe_tolerance))


ANCHOR = 0.25
"""Where along its width a glyph is placed: near its origin (left) side, not its centre.
Hanging punctuation (ぶら下がり: a line-end ``、`` set past the text area) has its
centre over the cell border, but its origin inside the cell that laid it out."""


def assign_chars(chars: T_obj_list, grid: PageGrid, border_tolerance: float = 0.0) -> dict[int, T_obj_list]:
    """Chars by the index of the grid cell that holds their anchor point."""
    owners = grid.owners()
    out: dict[int, T_obj_list] = {}
    for ch in chars:
        x = ch["x0"] + ANCHOR * (ch["x1"] - ch["x0"])
        pos = grid.locate(x, (ch["top"] + ch["bottom"]) / 2, border_tolerance)
        if pos is None:
            continue
        idx = owners[pos[0]][pos[1]]
        if idx >= 0:
            out.setdefault(idx, []).append(ch)
    return out


def chars_to_lines(chars: T_obj_list, word_gap_ratio: float) -> list[str]:
    """Visual lines of text, top to bottom, with spaces where the page shows them."""
    lines: list[T_obj_list] = []
    span: tuple[float, float] = (0.0, -1.0)
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (ch["top"] + ch["bottom"]) / 2
        if lines and span[0] <= middle <= span[1]:
            lines[-1].append(ch)
        else:
            lines.append([ch])
            span = (ch["top"], ch["bottom"])
    return [_line_text(sorted(line, key=lambda c: c["x0"]), word_gap_ratio) for line in lines]


def _line_text(line: T_obj_list, word_gap_ratio: float) -> str:
    parts: list[str] = []
    prev_x1: float | None = None
    for ch in line:
        text = ch["text"]
        if text.isspace():
            if parts and parts[-1] != " ":
                parts.append(" ")
            prev_x1 = ch["x1"]
            continue
        gap = ch["x0"] - prev_x1 if prev_x1 is not None else 0.0
        if parts and parts[-1] != " " and gap > word_gap_ratio * float(ch.get("size") or 1.0):
            parts.append(" ")
        parts.append(text)
        prev_x1 = ch["x1"]
    return "".join(parts).strip()


def chars_to_text(chars: T_obj_list, settings: ExtractSettings) -> str:
    return join_wrapped_lines(chars_to_lines(chars, settings.word_gap_ratio))
