"""Rebuild the source deck as a ministry publishes it: PowerPoint → PDF.

python-pptx writes the slides (16:9, a PowerPoint table with merged group
headers and shaded cells, 5–7 pt text) and LibreOffice Impress saves them as
PDF, the same path the originals take. Run by hand, never in CI:

    python tools/make_deck.py            # writes raw_pdfs/ and its manifest

Needs python-pptx (``pip install -e .[generate]``), LibreOffice (``soffice``)
and a Japanese font (Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from deck_content import (
    GROUP_HEADERS,
    LEGEND,
    LEGEND_GROUP,
    LEGEND_STAR,
    LEGEND_STAR_NOTE,
    MAP_ENTRIES,
    MAP_TITLE,
    SEED_ROWS,
    SUB_HEADERS,
    TABLE_FOOTNOTE,
    TABLE_LEAD,
    TABLE_NOTE,
    TABLE_SUBTITLE,
    TABLE_TITLE,
    TEXT_SLIDES,
    MapEntry,
    RegionRow,
)
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

FONT = "Noto Sans CJK JP"
MARKER_COLOURS = {  # the deck's legend; other editions use other colours
    "chihou_daigaku": RGBColor(0xE8, 0x38, 0x28),
    "kyoso_no_ba": RGBColor(0x2E, 0x9E, 0x4F),
    "coi": RGBColor(0x1F, 0x5F, 0xBF),
}
HEADER_FILL = RGBColor(0x1F, 0x3A, 0x6B)
SUBHEADER_FILL = RGBColor(0xC9, 0xD6, 0xEA)
BODY_FILLS = (RGBColor(0xF2, 0xF5, 0xFA), RGBColor(0xE4, 0xEA, 0xF3))


def _add_run(paragraph, text: str, size: float, *, colour=None, bold=False, spacing=None):  # type: ignore[no-untyped-def]
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.name = FONT
    run.font.bold = bold
    if colour is not None:
        run.font.color.rgb = colour
    rpr = run._r.get_or_add_rPr()
    rpr.append(rpr.makeelement(qn("a:ea"), {"typeface": FONT}))
    if spacing is not None:
        rpr.set("spc", str(int(spacing * 100)))
    return run


def _write_marked(paragraph, text: str, size: float, colour=None) -> None:  # type: ignore[no-untyped-def]
    """Write ``text``; ``{ABC}`` parts are letter-spaced (character spacing)."""
    rest = text
    while rest:
        start = rest.find("{")
        if start < 0:
            _add_run(paragraph, rest, size, colour=colour)
            return
        if start:
            _add_run(paragraph, rest[:start], size, colour=colour)
        end = rest.index("}", start)
        _add_run(paragraph, rest[start + 1 : end], size, colour=colour, spacing=size * 0.55)
        rest = rest[end + 1 :]


def _fill_cell(cell, paragraphs, size: float, fill, *, colour=None, bold=False, centre=False):  # type: ignore[no-untyped-def]
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill
    cell.margin_left = cell.margin_right = Emu(Pt(2))
    cell.margin_top = cell.margin_bottom = Emu(Pt(1.5))
    tf = cell.text_frame
    tf.word_wrap = True
    first = True
    for text in paragraphs:
        p = tf.paragraphs[0] if first else tf.add_paragraph()
        first = False
        if centre:
            from pptx.enum.text import PP_ALIGN

            p.alignment = PP_ALIGN.CENTER
        if bold:
            _add_run(p, text, size, colour=colour, bold=True)
        else:
            _write_marked(p, text, size, colour=colour)


def _textbox(slide, x, y, w, h, paragraphs, size, *, bold_first=False):  # type: ignore[no-untyped-def]
    box = slide.shapes.add_textbox(x, y, w, h)
    tf = box.text_frame
    tf.word_wrap = True
    for i, text in enumerate(paragraphs):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        _add_run(p, text, size, bold=bold_first and i == 0)
    return box


def add_map_slide(prs, entries: tuple[MapEntry, ...] = MAP_ENTRIES) -> None:  # type: ignore[no-untyped-def]
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _textbox(slide, Inches(0.3), Inches(0.15), Inches(8), Inches(0.5), [MAP_TITLE], 20, bold_first=True)
    # legend, top left
    box = slide.shapes.add_textbox(Inches(0.3), Inches(0.7), Inches(4.6), Inches(1.3))
    tf = box.text_frame
    tf.word_wrap = True
    p = tf.paragraphs[0]
    _add_run(p, "●", 9, colour=MARKER_COLOURS["chihou_daigaku"])
    _add_run(p, " " + LEGEND[0][1], 8)
    p = tf.add_paragraph()
    _add_run(p, "●", 9, colour=MARKER_COLOURS["kyoso_no_ba"])
    _add_run(p, "●", 9, colour=MARKER_COLOURS["coi"])
    _add_run(p, " " + LEGEND_GROUP, 8)
    for program, label in LEGEND[1:]:
        p = tf.add_paragraph()
        _add_run(p, "　●", 9, colour=MARKER_COLOURS[program])
        _add_run(p, " " + label, 7)
    p = tf.add_paragraph()
    _add_run(p, LEGEND_STAR, 8)
    p = tf.add_paragraph()
    head, _, tail = LEGEND_STAR_NOTE.partition("●")
    _add_run(p, head.rstrip(" ") + " ", 7)
    _add_run(p, "●", 8, colour=MARKER_COLOURS["chihou_daigaku"])
    mid, _, end = tail.partition("●")
    _add_run(p, mid.rstrip(" ") + " ", 7)
    _add_run(p, "●", 8, colour=MARKER_COLOURS["kyoso_no_ba"])
    _add_run(p, end, 7)
    # a rough grey silhouette where the map of Japan sits
    shape = slide.shapes.add_shape(1, Inches(5.6), Inches(1.4), Inches(2.2), Inches(5.3))
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor(0xE6, 0xE6, 0xE6)
    shape.line.fill.background()
    # entries in columns around the map
    columns = [
        (Inches(0.3), Inches(2.2)),
        (Inches(2.9), Inches(2.2)),
        (Inches(8.0), Inches(0.7)),
        (Inches(10.6), Inches(0.7)),
    ]
    per_column = -(-len(entries) // len(columns))
    for ci, (x, y) in enumerate(columns):
        chunk = entries[ci * per_column : (ci + 1) * per_column]
        height = Inches(7.3) - y
        box = slide.shapes.add_textbox(x, y, Inches(2.55), height)
        tf = box.text_frame
        tf.word_wrap = True
        first = True
        for entry in chunk:
            p = tf.paragraphs[0] if first else tf.add_paragraph()
            first = False
            if entry.star:
                _add_run(p, "★" + entry.region, 7, bold=True)
                for project, program in zip(entry.projects, entry.programs, strict=True):
                    p = tf.add_paragraph()
                    _add_run(p, "●", 7, colour=MARKER_COLOURS[program])
                    _add_run(p, project, 6)
            else:
                _add_run(p, "●", 7, colour=MARKER_COLOURS[entry.programs[0]])
                _add_run(p, f"{entry.region}×{entry.lead}" if entry.lead else entry.region, 7, bold=True)
                for project in entry.projects:
                    p = tf.add_paragraph()
                    _add_run(p, "・" + project, 6)


def add_table_slide(prs, rows: tuple[RegionRow, ...] = SEED_ROWS) -> None:  # type: ignore[no-untyped-def]
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _textbox(slide, Inches(0.3), Inches(0.1), Inches(9), Inches(0.45), [TABLE_TITLE], 20, bold_first=True)
    _textbox(
        slide,
        Inches(0.3),
        Inches(0.5),
        Inches(12.5),
        Inches(0.5),
        [TABLE_SUBTITLE, TABLE_LEAD + "　" + TABLE_NOTE],
        9,
    )
    widths = [0.42] + [0.98, 1.62, 1.55] * 3
    n_cols = len(widths)
    shape = slide.shapes.add_table(
        2 + len(rows), n_cols, Inches(0.25), Inches(1.05), Inches(sum(widths)), Inches(5.6)
    )
    table = shape.table
    for i, w in enumerate(widths):
        table.columns[i].width = Inches(w)
    table.rows[0].height = Inches(0.3)
    table.rows[1].height = Inches(0.2)
    for r in range(len(rows)):
        table.rows[2 + r].height = Inches(1.6)
    table.cell(0, 0).merge(table.cell(1, 0))
    _fill_cell(table.cell(0, 0), [""], 7, HEADER_FILL)
    for g, header in enumerate(GROUP_HEADERS):
        left = 1 + 3 * g
        table.cell(0, left).merge(table.cell(0, left + 2))
        _fill_cell(
            table.cell(0, left),
            [header],
            7,
            HEADER_FILL,
            colour=RGBColor(255, 255, 255),
            bold=True,
            centre=True,
        )
        for k, sub in enumerate(SUB_HEADERS):
            _fill_cell(table.cell(1, left + k), [sub], 7, SUBHEADER_FILL, bold=True, centre=True)
    for r, row in enumerate(rows):
        fill = BODY_FILLS[r % 2]
        _fill_cell(table.cell(2 + r, 0), [row.region], 7, fill, bold=True)
        for g, source in enumerate(row.sources):
            left = 1 + 3 * g
            for k, paragraphs in enumerate((source.name, source.members, source.overview)):
                _fill_cell(table.cell(2 + r, left + k), list(paragraphs), 5.5 if k else 6, fill)
    _textbox(slide, Inches(0.3), Inches(6.95), Inches(12.5), Inches(0.4), [TABLE_FOOTNOTE], 7)


def add_text_slides(prs) -> None:  # type: ignore[no-untyped-def]
    for title, bullets in TEXT_SLIDES:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        _textbox(slide, Inches(0.3), Inches(0.15), Inches(12), Inches(0.5), [title], 20, bold_first=True)
        _textbox(slide, Inches(0.5), Inches(1.0), Inches(12.3), Inches(6), ["・" + b for b in bullets], 14)


def build_pptx(path: Path, rows: tuple[RegionRow, ...] = SEED_ROWS) -> None:
    prs = Presentation()
    prs.slide_width = Inches(13.333)
    prs.slide_height = Inches(7.5)
    add_map_slide(prs)
    add_table_slide(prs, rows)
    add_text_slides(prs)
    prs.save(str(path))


def pptx_to_pdf(pptx: Path, out_pdf: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(pptx)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.move(str(Path(tmp) / (pptx.stem + ".pdf")), out_pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "raw_pdfs")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pptx = Path(tmp) / "chiiki_sangakukan_network.pptx"
        build_pptx(pptx)
        pptx_to_pdf(pptx, args.out / "chiiki_sangakukan_network.pdf")
    print(f"wrote {args.out / 'chiiki_sangakukan_network.pdf'}")


if __name__ == "__main__":
    main()
