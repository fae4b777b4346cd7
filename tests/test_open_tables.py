"""Tables without column lines, charts, stacked rows: each rule with the real example it
came from (ICDAR 2013 EU files from ../shared, the generated rules-only fixtures), and
the ICDAR EU set's cell-adjacency F1 kept as a test with a threshold.

The golden grids of the ICDAR files (tests/golden/icdar/) are ckextract's output,
checked against the ground truth when they were written (see the F1 per file in
bench/bench_icdar.py) and compared whole.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from ckextract.accuracy import Scores, icdar_grids, score
from ckextract.discover import discover
from ckextract.extract import extract_document
from ckextract.extract.columns import centred_span, header_top, supported_borders
from ckextract.extract.figures import is_figure, slanted_strokes
from ckextract.extract.grid import GridCell, PageGrid, boxes_to_grid, page_edges
from ckextract.extract.rows import is_number, split_stacked_rows
from ckextract.extract.rules import Segment, line_segments
from ckextract.records import Extraction
from ckextract.settings import ExtractSettings
from tests.conftest import SHARED, compare_golden

ICDAR = SHARED / "icdar2013" / "eu"
needs_icdar = pytest.mark.skipif(not ICDAR.exists(), reason="../shared/icdar2013 is not beside the checkout")


def _extract(path: Path) -> Extraction:
    (doc,) = discover([path])
    return extract_document(doc)


def _char(text: str, x0: float, x1: float, top: float = 10.0, size: float = 6.0) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + size, "size": size}


# --- segments: where a line's text breaks into cells ---------------------------------------


def test_hanging_mark_does_not_bridge_the_gutter() -> None:
    """open_rules_mincho p2: 「…テー」 ends a members line with ー hung into the gutter,
    over the start of the overview column's 「た」 (x 816–822 vs 820)."""
    line = [_char("テ", 810, 816), _char("ー", 816, 822), _char("た", 820, 826), _char("取", 826, 832)]
    assert [s.text for s in line_segments(line, 0.6)] == ["テー", "た取"]


def test_mid_line_punctuation_stays_in_its_segment() -> None:
    """地方大学・地域: ・ followed at once by text is not hanging."""
    chars = "地方大学・地域"
    line = [_char(ch, 60 + 7 * i, 67 + 7 * i, size=7.0) for i, ch in enumerate(chars)]
    assert [s.text for s in line_segments(line, 0.6)] == [chars]


def test_a_line_whose_last_mark_hangs_onto_the_next_columns_text_is_cut_there() -> None:
    """header_rule_only_wide p2: 「…エコノミー」 hangs 」 up to 長崎大学 in the next column
    (no gap at all); the column border found from the other lines cuts it there."""
    text = "ノミ」長崎"  # the column's text ends at 397.5; 」 hangs to 405, where 長崎 begins
    line = [_char(ch, 382.5 + 7.5 * i, 390 + 7.5 * i, size=7.5) for i, ch in enumerate(text)]
    (seg,) = line_segments(line, 0.6)
    assert [p.text for p in seg.split_at([401.0], 3.75)] == ["ノミ」", "長崎"]
    assert seg.split_at([300.0], 3.75) == [seg]  # no border there: one text


def test_header_above_the_first_rule_is_the_tables_not_a_caption() -> None:
    """A table ruled only under its header and at its foot: the header lines just above
    the rule belong to it; a caption above them (one piece over many columns) does not."""
    xs = [40.0, 70.0, 110.0, 300.0, 400.0]

    def line(pieces: list[tuple[str, float]], top: float) -> list[dict[str, Any]]:
        return [
            _char(t[i], x + 7 * i, x + 7 * (i + 1), top=top, size=7.0)
            for t, x in pieces
            for i in range(len(t))
        ]

    caption = line([("表1", 40), ("採択拠点一覧（自治体が参画している拠点）の一覧表", 80)], 40)
    header = line([("No.", 42), ("年度", 72), ("拠点名", 112), ("代表機関", 302)], 52)
    top = header_top((40.0, 62.0, 400.0, 200.0), caption + header, xs, 7.0, ExtractSettings())
    assert top == 52 - 0.5

    """eu-026 p4 (x from the page): 'Fraction    of' over 'Wealth Lost', a justified
    header in a narrow column, is one column above its figures."""
    rows = [
        [Segment(403.3, 422.3, "Loss"), Segment(445.4, 481.6, "Fraction"), Segment(495.0, 503.0, "of")],
        [Segment(445.4, 498.7, "WealthLost")],
        *([Segment(403.3, 422.3, "12196"), Segment(445.4, 471.4, "17.4%")] for _ in range(4)),
    ]
    assert supported_borders(rows, [380.0, 433.0, 488.3, 518.4]) == [380.0, 433.0, 518.4]


def test_border_kept_for_a_column_with_one_value_when_nothing_crosses() -> None:
    """eu-013 p5: the stub column holds one label, the header above it is empty."""
    rows = [
        [Segment(200, 220, "2001")],
        [Segment(72, 180, "Onlabourmarkettraining"), Segment(200, 224, "29300")],
    ]
    assert supported_borders(rows, [70, 190, 230]) == [70, 190, 230]


def test_group_header_centred_over_three_columns_heads_all_three() -> None:
    xs = [0, 50, 100, 150, 200]
    header = Segment(70, 180, "Fraction of wealth")  # centred over columns 1-3 (50-200)
    assert centred_span(header, (1, 3), xs, set(), 6.0) == (1, 3)
    narrow = Segment(90, 160, "2007")  # reaches over 1-3, centred over 1-3 at 125
    assert centred_span(narrow, (1, 3), xs, set(), 6.0) == (1, 3)
    left = Segment(55, 120, "地方大学")  # left-aligned: centring would need columns it is not over
    assert centred_span(left, (1, 2), xs, {3}, 6.0) == (1, 2)


# --- rows: a ruled row stacking figures ------------------------------------------------------


def test_is_number() -> None:
    assert all(is_number(t) for t in ["2.3", "15 455", "-0.01", "22.5%", "1,649,692", "(3)"])
    assert not any(is_number(t) for t in ["", "-", "Total", "9:00～17:00", "〒123-4567"])


def _cell_chars(lines: list[str], x0: float) -> list[dict[str, Any]]:
    return [_char(text, x0, x0 + 5 * len(text), top=10 + 12 * i) for i, text in enumerate(lines)]


def test_wrapped_text_beside_one_column_of_figures_is_not_split() -> None:
    grid = boxes_to_grid([(0, 0, 50, 50), (50, 0, 100, 50), (100, 0, 150, 50)], 1, 1.0)
    chars = {
        0: _cell_chars(["Vocational", "training,", "apprentice"], 2),
        1: _cell_chars(["79", "935", "55"], 52),
        2: _cell_chars(["a", "b", "c"], 102),
    }
    assert split_stacked_rows(grid, chars) is grid


def test_two_columns_of_figures_on_shared_baselines_split_the_row() -> None:
    """eu-008: one ruled row holds 13 countries and their figures, a line each."""
    grid = boxes_to_grid([(0, 0, 50, 50), (50, 0, 100, 50), (100, 0, 150, 50)], 1, 1.0)
    chars = {
        0: _cell_chars(["Bulgaria", "Cyprus", "Latvia"], 2),
        1: _cell_chars(["2.3", "0.21", "1.5"], 52),
        2: _cell_chars(["3.2", "0", "2.4"], 102),
    }
    split = split_stacked_rows(grid, chars)
    assert split.n_rows == 3 and len(split.cells) == 9
    assert [(c.row, c.col) for c in split.cells] == [(r, c) for r in range(3) for c in range(3)]


# --- seams: shading drawn in pieces ---------------------------------------------------------


def _rect(x0: float, top: float, x1: float, bottom: float, colour: tuple[float, ...]) -> dict[str, Any]:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "y0": 800 - bottom,
        "y1": 800 - top,
        "width": x1 - x0,
        "height": bottom - top,
        "fill": True,
        "stroke": False,
        "non_stroking_color": colour,
        "object_type": "rect",
    }


def _h_edges(rects: list[dict[str, Any]]) -> list[float]:
    edges = page_edges(rects, [], [], (0.0, 0.0, 600.0, 800.0), ExtractSettings())
    return sorted({round(e["top"], 2) for e in edges if e["orientation"] == "h"})


def test_shading_drawn_a_rectangle_per_text_line_draws_no_row_border() -> None:
    """eu-025: a grey header cell 'At least every / week' is two grey rectangles, one per
    line, meeting at y=20; nothing is seen there, so no row border is read there."""
    grey = (0.88,)
    assert _h_edges([_rect(0, 10, 100, 20, grey), _rect(0, 20, 100, 30, grey)]) == [10.0, 30.0]


def test_cells_of_other_shades_or_apart_keep_their_borders() -> None:
    """Zebra rows (two shades) meet with a visible change; the seed's shaded cells stand
    0.75 pt apart (white gaps): both keep their borders."""
    assert _h_edges([_rect(0, 10, 100, 20, (0.95,)), _rect(0, 20, 100, 30, (0.89,))]) == [10.0, 20.0, 30.0]
    same = (0.9,)
    assert _h_edges([_rect(0, 10, 100, 20, same), _rect(0, 20.75, 100, 30, same)]) == [
        10.0,
        20.0,
        20.75,
        30.0,
    ]


# --- figures ---------------------------------------------------------------------------------


def test_charts_and_framed_text_are_not_tables() -> None:
    settings = ExtractSettings()
    grid = boxes_to_grid([(0, 0, 50, 20), (50, 0, 100, 20), (0, 20, 50, 40), (50, 20, 100, 40)], 1, 1.0)
    texts = ["Country", "2007", "Austria", "3.1"]
    assert not is_figure(grid, texts, [], settings)
    plot = [
        {"pts": [(5 + 2 * i, 38 - 2 * i), (7 + 2 * i, 36 - 2 * i)]}
        for i in range(settings.figure_min_strokes)
    ]
    assert is_figure(grid, texts, slanted_strokes(plot, []), settings)
    bars = boxes_to_grid([(x, y, x + 50, y + 20) for x in (0, 50, 100) for y in (0, 20)], 1, 1.0)
    assert is_figure(bars, ["", "", "", "", "", "30.5"], [], settings)  # a chart's gridlines: cells empty
    framed = PageGrid(1, (0.0, 100.0), (0.0, 20.0, 40.0), (GridCell(0, 0, 1, 1, (0, 0, 100, 20)),))
    assert is_figure(framed, ["Box 4: The European Financial Stabilisation Mechanism"], [], settings)


# --- real documents --------------------------------------------------------------------------


@needs_icdar
def test_booktabs_table_is_read_from_white_space() -> None:
    (table,) = _extract(ICDAR / "eu-027.pdf").tables  # the chart on page 2 is not a table
    grid = table.grid()
    assert (table.n_rows, table.n_cols) == (28, 5)
    assert grid[0] == ["Variable", "Mean", "Std. Dev.", "Min", "Max"]
    last = [unicodedata.normalize("NFKC", t or "") for t in grid[-1]]  # the PDF sets "fi" as a ligature
    assert last == ["Gross financial wealth - end of 2007 (Euro)", "38,855", "114,128", "0", "2,870,000"]


@needs_icdar
def test_tables_on_consecutive_pages_with_text_between_stay_apart() -> None:
    tables = _extract(ICDAR / "eu-026.pdf").tables
    assert [t.pages for t in tables] == [(4,), (5,), (6,)]
    assert tables[0].grid()[0] == ["", "Freq.", "Percent", "Mean Loss", "Fraction of Wealth Lost"]


@needs_icdar
def test_boxed_middle_of_an_open_table_is_read_with_its_open_columns() -> None:
    """eu-013 p4: only the numbers column is boxed; the rules run on past it both ways."""
    table = _extract(ICDAR / "eu-013.pdf").tables[1]
    assert table.grid()[1] == [
        "Vocational further education and training, not apprenticeship training",
        "79 935",
        "55",
    ]


ICDAR_GOLDEN = ["eu-008", "eu-011", "eu-012", "eu-013", "eu-016", "eu-018", "eu-026", "eu-027"]


@needs_icdar
@pytest.mark.parametrize("name", ICDAR_GOLDEN)
def test_icdar_golden(name: str, update_goldens: bool) -> None:
    actual = {
        "tables": [{"pages": list(t.pages), "grid": t.grid()} for t in _extract(ICDAR / f"{name}.pdf").tables]
    }
    compare_golden(f"icdar/{name}", actual, update_goldens)


@needs_icdar
def test_icdar_eu_cell_adjacency_f1() -> None:
    total = Scores(0, 0, 0)
    for xml in sorted(ICDAR.glob("*-str.xml")):
        pdf = xml.with_name(xml.name.removesuffix("-str.xml") + ".pdf")
        if not pdf.exists():  # eu-009b's structure file comes without its PDF
            continue
        total = total + score([t.grid() for t in _extract(pdf).tables], icdar_grids(xml))
    assert total.truth == 6200
    assert total.f1 >= 0.99  # measured 0.994 (P 0.997, R 0.991); the target is 0.93
