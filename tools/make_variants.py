"""Network-table PDFs as a later edition may print them, drawn with reportlab.

Each variant changes what a real edition changes: rules or shaded cells, fonts
(embedded TrueType, a non-embedded CID font), sizes and column widths (so
other line wraps), the table split over pages with its header repeated, extra
regions, programs in another order, fake bold, full-width brackets, literal
letter-spacing. Run by hand (never in CI); the PDFs are committed fixtures:

    python tools/make_variants.py          # writes tests/fixtures/network_table/*.pdf

Needs reportlab (``pip install -e .[generate]``) and IPAGothic/IPAMincho
(Debian: fonts-ipafont-gothic fonts-ipafont-mincho).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from pathlib import Path

from deck_content import (
    EXTRA_ROWS,
    GROUP_HEADERS,
    SEED_ROWS,
    SUB_HEADERS,
    TABLE_FOOTNOTE,
    TABLE_TITLE,
    RegionRow,
    SourceCell,
)
from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

TTF = {
    "IPAGothic": "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "IPAMincho": "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
}
CID = ("HeiseiKakuGo-W5", "HeiseiMin-W3")
CLOSING = set("、。，．）」』】”・ー")


def register(font: str) -> None:
    if font in pdfmetrics.getRegisteredFontNames():
        return
    if font in CID:
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    else:
        pdfmetrics.registerFont(TTFont(font, TTF[font]))


@dataclass(frozen=True)
class Style:
    font: str = "IPAGothic"
    header_font: str | None = None  # default: font
    size: float = 6.0
    header_size: float = 7.0
    pagesize: tuple[float, float] = landscape(A4)
    region_width: float = 34
    field_widths: tuple[float, float, float] = (70, 110, 100)
    draw: str = "rules"  # rules | shaded | open (rules between rows only)
    rows_per_page: int | None = None
    letter_spacing: str = "charspace"  # charspace | literal
    fake_bold_regions: bool = False
    fullwidth_brackets: bool = False
    group_order: tuple[int, ...] = (0, 1, 2)
    margin: float = 24
    overflow: tuple[str, int] | None = None
    """(region, lines): that region's row is this many lines shorter than its text needs,
    as a PowerPoint table row of fixed height: the text runs on into the row below."""
    placeholder_after: tuple[str, str] | None = None
    """(region, new region): a row for the new region, every cell printed ``-``, after it,
    as tall as the overflow above it (PowerPoint keeps a row's height)."""


# --- text layout --------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    text: str
    spaced: bool  # letter-spaced run


def pieces(text: str, style: Style) -> list[Piece]:
    if style.fullwidth_brackets:
        text = text.replace("(計画名：", "（計画名：")
        if "（計画名：" in text and text.endswith(")"):
            text = text[:-1] + "）"
    out: list[Piece] = []
    rest = text
    while rest:
        start = rest.find("{")
        if start < 0:
            out.append(Piece(rest, False))
            break
        if start:
            out.append(Piece(rest[:start], False))
        end = rest.index("}", start)
        run = rest[start + 1 : end]
        if style.letter_spacing == "literal":
            out.append(Piece(" ".join(run), False))
        else:
            out.append(Piece(run, True))
        rest = rest[end + 1 :]
    return out


def tokens(text: str, style: Style) -> list[tuple[str, bool]]:
    """Breakable units: a Latin word with its trailing space, or one Japanese char."""
    out: list[tuple[str, bool]] = []
    for piece in pieces(text, style):
        if piece.spaced:
            out.append((piece.text, True))
            continue
        word = ""
        for ch in piece.text:
            if ch.isascii() and not ch.isspace():
                word += ch
                continue
            if word:
                out.append((word, False))
                word = ""
            if ch == " " and out:
                out[-1] = (out[-1][0] + " ", out[-1][1])
            elif ch != " ":
                out.append((ch, False))
        if word:
            out.append((word, False))
    return out


def spaced_extra(size: float) -> float:
    return size * 0.6


def token_width(tok: tuple[str, bool], font: str, size: float) -> float:
    text, spaced = tok
    w = pdfmetrics.stringWidth(text, font, size)
    return w + (spaced_extra(size) * len(text) if spaced else 0.0)


def wrap(
    text: str, width: float, font: str, size: float, style: Style, max_hang: int | None = None
) -> list[list[tuple[str, bool]]]:
    """Lines of at most ``width``; closing marks may hang past it (ぶら下げ), at most
    ``max_hang`` of them in a row when given (JIS X 4051 hangs one)."""
    lines: list[list[tuple[str, bool]]] = [[]]
    used = 0.0
    hung = 0
    for tok in tokens(text, style):
        w = token_width(tok, font, size)
        fits = used + pdfmetrics.stringWidth(tok[0].rstrip(" "), font, size) <= width
        hang = tok[0][0] in CLOSING and (max_hang is None or hung < max_hang)
        if lines[-1] and not fits and not hang:
            lines.append([])
            used = 0.0
            hung = 0
        elif not fits:
            hung += 1
        lines[-1].append(tok)
        used += w
    return [line for line in lines if line]


def cell_lines(paragraphs: tuple[str, ...], width: float, font: str, size: float, style: Style):  # type: ignore[no-untyped-def]
    out = []
    for para in paragraphs:
        out.extend(wrap(para, width, font, size, style))
    return out


# --- drawing ------------------------------------------------------------------


def draw_lines(
    c: Canvas,
    lines,
    x: float,
    top: float,
    font: str,
    size: float,
    *,  # type: ignore[no-untyped-def]
    fake_bold: bool = False,
    colour: Color = black,
) -> None:
    leading = size * 1.3
    for i, line in enumerate(lines):
        baseline = top - size - i * leading
        for dx in (0.0, 0.25) if fake_bold else (0.0,):
            t = c.beginText(x + dx, baseline)
            t.setFont(font, size)
            t.setFillColor(colour)
            for text, spaced in line:
                t.setCharSpace(spaced_extra(size) if spaced else 0)
                t.textOut(text)
            t.setCharSpace(0)
            c.drawText(t)


@dataclass
class Box:
    x: float
    top: float
    w: float
    h: float
    lines: list  # type: ignore[type-arg]
    size: float
    fill: Color
    bold: bool = False
    colour: Color = black
    font: str | None = None


def cell_box(c: Canvas, box: Box, style: Style, pad: float = 2.0) -> None:
    page_h = style.pagesize[1]
    y = page_h - box.top - box.h
    if style.draw == "shaded":
        gap = 0.75
        c.setFillColor(box.fill)
        c.rect(box.x + gap / 2, y + gap / 2, box.w - gap, box.h - gap, stroke=0, fill=1)
    elif style.draw == "open":  # a rule above each cell, inset a little (no column lines)
        c.setStrokeColor(black)
        c.setLineWidth(0.5)
        c.line(box.x + 1.5, y + box.h, box.x + box.w - 1.5, y + box.h)
    else:
        c.setStrokeColor(black)
        c.setLineWidth(0.5)
        c.rect(box.x, y, box.w, box.h, stroke=1, fill=0)
    draw_lines(
        c,
        box.lines,
        box.x + pad,
        page_h - box.top - pad,
        box.font or style.font,
        box.size,
        fake_bold=box.bold,
        colour=box.colour,
    )


def render(path: Path, rows: tuple[RegionRow, ...], style: Style) -> None:
    register(style.font)
    head = style.header_font or style.font
    register(head)
    c = Canvas(str(path), pagesize=style.pagesize, invariant=True)
    c.setTitle(TABLE_TITLE)
    width_fields = list(style.field_widths)
    groups = [GROUP_HEADERS[g] for g in style.group_order]
    col_w = [style.region_width] + width_fields * len(groups)
    pad = 2.0
    leading = style.size * 1.3
    header_fill = Color(0.12, 0.23, 0.42) if style.draw == "shaded" else white
    header_colour = white if style.draw == "shaded" else black

    def header_boxes(top: float) -> tuple[list[Box], float]:
        boxes = []
        h0 = (
            max(
                len(cell_lines((g,), sum(width_fields) - 2 * pad, head, style.header_size, style))
                for g in groups
            )
            * style.header_size
            * 1.3
            + 2 * pad
        )
        h1 = style.header_size * 1.3 + 2 * pad
        x = style.margin
        boxes.append(Box(x, top, col_w[0], h0 + h1, [], style.header_size, header_fill))
        x += col_w[0]
        for g in groups:
            w = sum(width_fields)
            lines = cell_lines((g,), w - 2 * pad, head, style.header_size, style)
            boxes.append(
                Box(x, top, w, h0, lines, style.header_size, header_fill, colour=header_colour, font=head)
            )
            for k, sub in enumerate(SUB_HEADERS):
                boxes.append(
                    Box(
                        x,
                        top + h0,
                        width_fields[k],
                        h1,
                        [[(sub, False)]],
                        style.header_size,
                        Color(0.79, 0.84, 0.92),
                        font=head,
                    )
                )
                x += width_fields[k]
        return boxes, h0 + h1

    def row_boxes(row: RegionRow, top: float, shade: Color) -> tuple[list[Box], float]:
        sources: list[SourceCell] = [row.sources[g] for g in style.group_order]
        cells: list[tuple[float, tuple[str, ...]]] = [(col_w[0], (row.region,))]
        for s in sources:
            cells += list(zip(width_fields, (s.name, s.members, s.overview), strict=True))
        wrapped = [cell_lines(paras, w - 2 * pad, style.font, style.size, style) for w, paras in cells]
        needed = max(len(lines) for lines in wrapped)
        if style.overflow and style.overflow[0] == row.region:
            needed = max(1, needed - style.overflow[1])
        if style.placeholder_after and style.placeholder_after[1] == row.region and style.overflow:
            needed = style.overflow[1] + 1
        h = needed * leading + 2 * pad + 2
        boxes, x = [], style.margin
        for i, ((w, _), lines) in enumerate(zip(cells, wrapped, strict=True)):
            boxes.append(Box(x, top, w, h, lines, style.size, shade, bold=i == 0 and style.fake_bold_regions))
            x += w
        return boxes, h

    page_h = style.pagesize[1]
    top0 = style.margin + 30
    remaining = list(rows)
    shades = (Color(0.95, 0.96, 0.98), Color(0.89, 0.92, 0.95))
    first_page = True
    index = 0
    while remaining:
        if first_page:
            c.setFont(style.font, 14)
            c.drawString(style.margin, page_h - style.margin - 14, TABLE_TITLE)
        boxes, h = header_boxes(top0)
        top = top0 + h
        placed = 0
        while remaining:
            rb, rh = row_boxes(remaining[0], top, shades[index % 2])
            limit = style.rows_per_page
            if placed and ((limit and placed >= limit) or top + rh > page_h - style.margin - 20):
                break
            boxes += rb
            top += rh
            placed += 1
            index += 1
            remaining.pop(0)
        for box in boxes:
            cell_box(c, box, style)
        if style.draw == "open":
            c.setLineWidth(0.8)
            c.line(style.margin, page_h - top, style.margin + sum(col_w), page_h - top)
        if not remaining:
            c.setFont(style.font, 6)
            c.setFillColor(black)
            c.drawString(style.margin, page_h - top - 12, TABLE_FOOTNOTE)
        c.showPage()
        first_page = False
    c.save()


VARIANTS: dict[str, tuple[tuple[RegionRow, ...], Style]] = {
    # rules, embedded TrueType, the table split over two pages with the header repeated
    "ruled_split_pages": (SEED_ROWS, Style(rows_per_page=1, size=6.5)),
    # shaded cells, non-embedded CID font, narrow members column (other wraps), full-width brackets,
    # literal letter-spacing
    "shaded_cid_narrow": (
        SEED_ROWS,
        Style(
            font="HeiseiKakuGo-W5",
            draw="shaded",
            size=5.0,
            field_widths=(58, 84, 118),
            fullwidth_brackets=True,
            letter_spacing="literal",
        ),
    ),
    # rules, Mincho, extra regions, programs in another order, fake-bold region names, wide columns
    "ruled_extra_regions": (
        (EXTRA_ROWS[0], *SEED_ROWS, EXTRA_ROWS[1]),
        Style(
            font="IPAMincho",
            size=5.5,
            field_widths=(76, 96, 92),
            group_order=(1, 0, 2),
            fake_bold_regions=True,
            region_width=30,
        ),
    ),
    # shaded, non-embedded Mincho CID, A3-like wide page at 7 pt (few wraps), split after two rows
    "shaded_cid_mincho_wide": (
        SEED_ROWS,
        Style(
            font="HeiseiMin-W3",
            draw="shaded",
            size=7.0,
            header_size=7.5,
            pagesize=(1190.0, 842.0),
            field_widths=(100, 140, 130),
            rows_per_page=2,
        ),
    ),
    # converted from PowerPoint: 徳島県's row is too short for its text, which runs on into
    # the next row, a region printed with every cell "-" (愛媛県); CID Gothic, ruled cells
    "overflow_into_placeholder_row": (
        SEED_ROWS,
        Style(
            font="HeiseiKakuGo-W5",
            size=6.0,
            field_widths=(70, 110, 100),
            overflow=("徳島県", 3),
            placeholder_after=("徳島県", "愛媛県"),
        ),
    ),
    # rows ruled, no column lines: the columns are white space; Mincho, wider gutters
    "open_rules_mincho": (
        SEED_ROWS,
        Style(font="IPAMincho", draw="open", size=6.0, field_widths=(72, 112, 104), rows_per_page=2),
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--out", type=Path, default=root / "tests" / "fixtures" / "network_table")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (rows, style) in VARIANTS.items():
        path = args.out / f"{name}.pdf"
        if style.placeholder_after:
            after, new = style.placeholder_after
            i = next(k for k, r in enumerate(rows) if r.region == after)
            rows = (*rows[: i + 1], RegionRow(new), *rows[i + 1 :])
        render(path, rows, replace(style))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
