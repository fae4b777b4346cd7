"""Adoption lists in the two layouts ckextract reads, drawn with reportlab.

- ``raw_pdfs/kyoso_no_ba_saitaku_ichiran.pdf``: a JST/MEXT-style tabular list
  (採択拠点一覧) of the 共創の場形成支援プログラム projects with a participating
  municipality, several pages with the header repeated. Only facts from the
  seed are printed: 拠点名, 代表機関 (the map's ``×…等`` lead without 等) and 参画自治体
  (the map's region). 年度, 分野 and 提案タイプ are not in the seed and stay empty.
- ``tests/fixtures/map_slide/map_variant.pdf``: the map slide built another way —
  other marker colours, a CID font, three columns, the legend at the bottom right,
  a coloured ★, other wraps.

    python tools/make_adoption_lists.py
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from deck_content import LEGEND, LEGEND_GROUP, LEGEND_STAR, MAP_ENTRIES, MAP_TITLE, MapEntry
from make_variants import register, wrap
from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[1]
# Leads of the three ★ regions' 共創の場 projects: the seed's table slide says the
# 広島 拠点 is built at 広島大学 and lists 徳島大学 as the 徳島 拠点's only 【学】 member;
# for 高知 it lists seven universities, so the lead is not known and stays empty.
STAR_LEADS = {"広島県": "広島大学", "徳島県": "徳島大学", "高知県": ""}
LIST_TITLE = "共創の場形成支援プログラム（COI-NEXT）採択拠点一覧（自治体が参画している拠点）"
HEADERS = ("No.", "年度", "分野", "提案タイプ", "拠点名", "代表機関", "参画自治体")


def kyoso_rows() -> list[tuple[str, ...]]:
    rows = []
    for entry in MAP_ENTRIES:
        for project, program in zip(entry.projects, entry.programs, strict=True):
            if program != "kyoso_no_ba":
                continue
            lead = STAR_LEADS[entry.region] if entry.star else (entry.lead or "").removesuffix("等")
            rows.append(("", "", "", project, lead, entry.region))
    return [(str(i + 1), *r) for i, r in enumerate(rows)]


def tabular_list(
    path: Path,
    font: str = "IPAGothic",
    widths: tuple[float, ...] = (24, 34, 40, 48, 200, 90, 80),
    rules_only: bool = False,
    per_page: int = 9,
    top_rule: bool = True,
    pad: float = 3.0,
    max_hang: int | None = None,
) -> None:
    """The list as a ruled grid of boxed cells, or (``rules_only``) as many ministries
    set it: rules above and below the header and at the foot of each page, no column
    lines — the columns are only white space. Without ``top_rule`` the header sits above
    the table's first rule."""
    register(font)
    from make_variants import Style

    style = Style(font=font)
    page_w, page_h = A4
    size, leading, margin = 7.5, 10.0, 40.0
    c = Canvas(str(path), pagesize=A4, invariant=True)
    c.setTitle(LIST_TITLE)
    rows = kyoso_rows()

    def draw_row(cells: tuple[str, ...], top: float, bold: bool = False) -> float:
        wrapped = [
            wrap(t, w - 2 * pad, font, size, style, max_hang) if t else []
            for t, w in zip(cells, widths, strict=True)
        ]
        h = max(1, *(len(w) for w in wrapped)) * leading + 2 * pad
        x = margin
        if rules_only and bold:
            c.setStrokeColor(black)
            c.setLineWidth(1.0)
            if top_rule:
                c.line(margin, page_h - top, margin + sum(widths), page_h - top)
            c.setLineWidth(0.5)
            c.line(margin, page_h - top - h, margin + sum(widths), page_h - top - h)
        for lines, w in zip(wrapped, widths, strict=True):
            if not rules_only:
                if bold:
                    c.setFillColor(Color(0.85, 0.89, 0.95))
                    c.rect(x, page_h - top - h, w, h, stroke=0, fill=1)
                c.setStrokeColor(black)
                c.setLineWidth(0.6)
                c.rect(x, page_h - top - h, w, h, stroke=1, fill=0)
            c.setFillColor(black)
            for i, line in enumerate(lines):
                c.setFont(font, size)
                c.drawString(x + pad, page_h - top - pad - size - i * leading, "".join(t for t, _ in line))
            x += w
        return h

    page = 1
    i = 0
    while i < len(rows):
        c.setFont(font, 11)
        if page == 1:
            c.drawString(margin, page_h - margin, LIST_TITLE)
        top = margin + 20
        top += draw_row(HEADERS, top, bold=True)
        placed = 0
        while i < len(rows) and placed < per_page:
            top += draw_row(rows[i], top)
            i += 1
            placed += 1
        if rules_only:
            c.setLineWidth(1.0)
            c.line(margin, page_h - top, margin + sum(widths), page_h - top)
        c.setFont(font, 8)
        c.drawString(page_w / 2 - 10, 30, f"- {page} -")
        c.showPage()
        page += 1
    c.save()


VARIANT_COLOURS = {
    "chihou_daigaku": HexColor("#0068B7"),
    "kyoso_no_ba": HexColor("#F39800"),
    "coi": HexColor("#8F2E8F"),
}


def map_variant(path: Path, font: str = "HeiseiKakuGo-W5", odd_colour: dict[str, str] | None = None) -> None:
    """``odd_colour`` maps a region to a marker colour that the legend does not define."""
    register(font)
    from make_variants import Style

    style = Style(font=font)
    page_w, page_h = landscape(A4)
    c = Canvas(str(path), pagesize=(page_w, page_h), invariant=True)
    c.setFont(font, 16)
    c.drawString(30, page_h - 40, MAP_TITLE)
    col_w, size, leading = 170.0, 6.5, 8.5

    def text(x: float, y: float, s: str, sz: float = size, colour: Color = black) -> float:
        c.setFillColor(colour)
        c.setFont(font, sz)
        c.drawString(x, y, s)
        return pdfmetrics.stringWidth(s, font, sz)

    def entry_lines(entry: MapEntry) -> list[tuple[str, str | None, bool]]:
        """(text, marker program or None, is heading) lines of one entry, wrapped."""
        out: list[tuple[str, str | None, bool]] = []
        if entry.star:
            out.append(("★" + entry.region, None, True))
            for project, program in zip(entry.projects, entry.programs, strict=True):
                for k, line in enumerate(wrap(project, col_w - 12, font, size, style)):
                    out.append(("".join(t for t, _ in line), program if k == 0 else None, False))
        else:
            out.append((f"{entry.region}×{entry.lead}", entry.programs[0], True))
            for project in entry.projects:
                for line in wrap("・" + project, col_w - 12, font, size, style):
                    out.append(("".join(t for t, _ in line), None, False))
        return out

    x0s = (30.0, 30.0 + col_w + 25, 30.0 + 2 * (col_w + 25))
    y = page_h - 70
    col = 0
    for entry in MAP_ENTRIES:
        lines = entry_lines(entry)
        if y - len(lines) * leading < 40:
            col += 1
            y = page_h - 70
        x = x0s[col]
        for line, program, heading in lines:
            dx = 0.0
            if program is not None:
                colour = VARIANT_COLOURS[program]
                if odd_colour and heading and entry.region in odd_colour:
                    colour = HexColor(odd_colour[entry.region])
                dx = text(x, y, "●", size + 1, colour) + 1
            if line.startswith("★"):
                dx = text(x, y, "★", size + 1, HexColor("#D4A017")) + 1
                line = line[1:]
            text(x + dx, y, line, size + (0.5 if heading else 0))
            y -= leading
        y -= 4
    # legend at the bottom right: marker, then label
    lx, ly = page_w - 250, 130
    c.setStrokeColor(black)
    c.rect(lx - 8, ly - 92, 240, 108, stroke=1, fill=0)
    w = text(lx, ly, "●", 9, VARIANT_COLOURS["chihou_daigaku"])
    text(lx + w + 3, ly, LEGEND[0][1], 7)
    ly -= 14
    w = text(lx, ly, "●", 9, VARIANT_COLOURS["kyoso_no_ba"])
    w += text(lx + w, ly, "●", 9, VARIANT_COLOURS["coi"])
    text(lx + w + 3, ly, LEGEND_GROUP, 7)
    for program, label in LEGEND[1:]:
        ly -= 14
        w = text(lx + 10, ly, "●", 9, VARIANT_COLOURS[program])
        for k, line in enumerate(wrap(label, 200, font, 6, style)):
            text(lx + 10 + w + 3, ly - k * 8, "".join(t for t, _ in line), 6)
        ly -= 8 * (len(wrap(label, 200, font, 6, style)) - 1)
    ly -= 16
    w = text(lx, ly, "★", 9, HexColor("#D4A017"))
    text(lx + w + 3, ly, LEGEND_STAR.removeprefix("★ "), 7)
    c.showPage()
    c.save()


LIST_VARIANTS: dict[str, dict[str, Any]] = {
    # rules above and below the header and at each page's foot, no column lines; CID font, narrow
    "rules_only_narrow": {
        "font": "HeiseiKakuGo-W5",
        "widths": (22, 30, 30, 44, 150, 110, 70),
        "rules_only": True,
        "per_page": 12,
    },
    # ruled only under the header and at the foot (the header sits above the first rule); Mincho
    "header_rule_only_wide": {
        "font": "IPAMincho",
        "widths": (26, 36, 36, 56, 210, 100, 76),
        "rules_only": True,
        "per_page": 10,
        "top_rule": False,
        "pad": 4.0,
        "max_hang": 1,
    },
}


def main() -> None:
    tabular_list(ROOT / "raw_pdfs" / "kyoso_no_ba_saitaku_ichiran.pdf")
    out = ROOT / "tests" / "fixtures" / "map_slide"
    out.mkdir(parents=True, exist_ok=True)
    map_variant(out / "map_variant.pdf")
    lists = ROOT / "tests" / "fixtures" / "adoption_list"
    lists.mkdir(parents=True, exist_ok=True)
    for name, options in LIST_VARIANTS.items():
        tabular_list(lists / f"{name}.pdf", **options)
    print(
        "wrote raw_pdfs/kyoso_no_ba_saitaku_ichiran.pdf, tests/fixtures/map_slide/map_variant.pdf,"
        " tests/fixtures/adoption_list/" + ", ".join(f"{n}.pdf" for n in LIST_VARIANTS)
    )


if __name__ == "__main__":
    main()
