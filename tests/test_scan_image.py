"""The page-image steps of OCR (ckextract.extract.scan), one behaviour each, on drawn
images: straightening, lines drawn in ink and by shading, dust, boxes set on a sheet."""

from __future__ import annotations

import cv2
import numpy as np

from ckextract.extract import ocr, scan
from ckextract.settings import ExtractSettings

WHITE = 255
PPP = 72 / 300
"""Points a pixel at 300 dpi."""


def _shaded_table(rows: int = 3, cols: int = 4, shade: int = 233, gap: int = 3) -> np.ndarray:
    """A PowerPoint-style table: cells shaded, a white gap between them, no ink line."""
    img = np.full((900, 1400), WHITE, dtype=np.uint8)
    for r in range(rows):
        for c in range(cols):
            x0, y0 = 100 + c * 300, 100 + r * 250
            img[y0 + gap : y0 + 250, x0 + gap : x0 + 300] = shade
    rng = np.random.default_rng(0)
    return np.clip(img + rng.normal(0, 5, img.shape), 0, 255).astype(np.uint8)


def test_skew_angle_finds_a_small_turn() -> None:
    img = np.full((1200, 1600), WHITE, dtype=np.uint8)
    for y in range(100, 1100, 40):
        cv2.line(img, (100, y), (1500, y), 0, 3)
    turned = cv2.warpAffine(img, cv2.getRotationMatrix2D((800, 600), 0.4, 1.0), (1600, 1200), borderValue=255)
    assert abs(scan.skew_angle(turned) - 0.4) <= 0.1


def test_white_gaps_between_shaded_cells_are_lines() -> None:
    horizontal, vertical = scan.seam_mask(_shaded_table(), PPP)
    lines = scan.ruling_lines(horizontal, vertical, 1.0)
    xs = sorted({round(ln["x0"] / 10) for ln in lines if ln["top"] != ln["bottom"] and ln["height"] > 500})
    assert xs == [10, 40, 70, 100, 130]  # the table's two sides and its three inner gaps


def test_light_gaps_in_a_dark_header_band_are_lines() -> None:
    header = _shaded_table(rows=1, cols=3, shade=55)  # a navy band: three programs' headers
    horizontal, vertical = scan.seam_mask(header, PPP)
    lines = scan.ruling_lines(horizontal, vertical, 1.0)
    xs = sorted({round(ln["x0"] / 10) for ln in lines if ln["top"] != ln["bottom"] and ln["height"] > 200})
    assert xs == [10, 40, 70, 100]


def test_text_beside_nothing_shaded_makes_no_seam() -> None:
    img = np.full((600, 1200), WHITE, dtype=np.uint8)
    for k in range(12):  # lines of "text": short dark strokes on the paper
        for x in range(100, 1100, 30):
            cv2.rectangle(img, (x, 60 + k * 40), (x + 18, 80 + k * 40), 30, -1)
    horizontal, vertical = scan.seam_mask(img, PPP)
    assert not horizontal.any() and not vertical.any()


def test_line_ends_meet_the_crossing_line_within_reach() -> None:
    lines = [scan._line(10, 50, 200, 50), scan._line(196, 0, 196, 100), scan._line(12, 47, 12, 100)]
    met = scan.meet_ends(lines, lines, 5.0)
    assert (met[0]["x0"], met[0]["x1"]) == (12, 196)
    assert (met[2]["top"], met[2]["bottom"]) == (50, 100)  # up to the horizontal, no further


def test_an_underline_short_of_its_cell_closes_no_cell() -> None:
    img = np.full((400, 1200), WHITE, dtype=np.uint8)
    for x in (100, 600, 1100):
        cv2.line(img, (x, 50), (x, 350), 0, 3)
    for y in (50, 200, 350):
        cv2.line(img, (100, y), (1100, y), 0, 3)
    cv2.line(img, (130, 300), (570, 300), 0, 2)  # a link's underline, 30 px short each side
    page = scan.PageImage(img, np.dstack([img] * 3), 72 / 300, 0.0)
    lines, _clean = ocr.page_rules(page)
    assert len(ocr._cell_boxes(lines, page, ExtractSettings())) == 4


def test_a_lone_speck_is_dust_a_full_stop_beside_text_stays() -> None:
    img = np.full((200, 400), WHITE, dtype=np.uint8)
    cv2.rectangle(img, (40, 80), (70, 110), 0, -1)  # a glyph
    cv2.circle(img, (76, 108), 2, 0, -1)  # its full stop
    cv2.circle(img, (300, 50), 2, 0, -1)  # dust
    clean = scan.despeckle(scan.PageImage(img, np.dstack([img] * 3), 1.0))
    assert clean[108, 76] < 128 and clean[50, 300] > 200


def test_a_speck_beside_a_cells_rule_is_dust_beside_a_wide_link_it_stays() -> None:
    img = np.full((400, 600), WHITE, dtype=np.uint8)
    cv2.rectangle(img, (20, 20), (580, 380), 0, 3)  # a cell's rules: a grid, taller than text
    cv2.circle(img, (300, 30), 2, 0, -1)  # a speck just inside the top rule
    cv2.rectangle(img, (100, 200), (400, 225), 0, -1)  # a link's text joined to its underline
    cv2.circle(img, (406, 222), 2, 0, -1)  # a mark beside it
    clean = scan.despeckle(scan.PageImage(img, np.dstack([img] * 3), 1.0))
    assert clean[30, 300] > 200 and clean[222, 406] < 128


def test_a_speck_beside_a_coloured_marker_is_dust() -> None:
    colour = np.full((200, 400, 3), WHITE, dtype=np.uint8)
    cv2.circle(colour, (100, 100), 20, (47, 157, 80), -1)  # a green map marker
    cv2.circle(colour, (126, 118), 2, (0, 0, 0), -1)  # a speck beside it
    grey = cv2.cvtColor(colour, cv2.COLOR_RGB2GRAY)
    assert scan.despeckle(scan.PageImage(grey, colour, 1.0))[118, 126] > 200


def test_a_black_stroke_the_scans_colour_bleeds_into_is_no_dust() -> None:
    # mhlw_labor scanned crisp: 事 on a blue header, its strokes' pixels partly coloured
    colour = np.full((200, 400, 3), WHITE, dtype=np.uint8)
    colour[40:80, 50:53] = (0, 0, 0)  # a stroke, 120 px of ink
    colour[40:80:3, 50:53] = (30, 60, 160)  # every third row of it tinted blue
    grey = cv2.cvtColor(colour, cv2.COLOR_RGB2GRAY)
    assert (scan.despeckle(scan.PageImage(grey, colour, 1.0))[40:80, 50:53] < 128).all()


def test_a_rule_remnant_on_a_cells_edge_goes_the_text_stays() -> None:
    piece = np.full((100, 300), WHITE, dtype=np.uint8)
    cv2.line(piece, (0, 1), (120, 1), 0, 2)  # what is left of the top rule
    cv2.rectangle(piece, (40, 40), (200, 70), 0, -1)  # text, in from the rule
    cv2.rectangle(piece, (250, 60), (299, 99), 0, -1)  # a glyph reaching the corner
    cv2.line(piece, (0, 50), (30, 50), 0, 3)  # a stroke of text set tight against the left rule
    out = scan.without_edge_marks(piece)
    assert out[1, 60] == WHITE and out[55, 100] == 0 and out[80, 290] == 0 and out[50, 10] == 0


def test_a_grey_rule_along_a_cells_edge_is_left_out() -> None:
    piece = np.full((100, 300), WHITE, dtype=np.uint8)
    piece[:, 297:] = 200  # the side rule's grey remnant, 3 px
    piece[0, :] = 0  # the top rule's, joined to the side's at the corner
    piece[1, 298] = 245  # its faint blur
    cv2.rectangle(piece, (0, 40), (30, 43), 0, -1)  # a stroke of text tight against the left
    assert scan.inside_edge_rules(piece) == (slice(1, 100), slice(0, 297))


def test_a_speck_under_a_rule_goes_with_the_rule() -> None:
    # mhlw_ec/10 scanned: a speck under the top rule, alone once the rule was gone, read 「
    piece = np.full((100, 300), WHITE, dtype=np.uint8)
    piece[0, :] = 100
    cv2.rectangle(piece, (150, 1), (153, 3), 0, -1)
    assert (scan.without_rule_remnants(piece) == WHITE).all()


def test_a_lone_dash_in_a_cell_is_found() -> None:
    # mhlw_ec/10: a 1466 x 123 px web-address cell holding only "-", 22 x 4 px
    img = np.full((123, 1466), 250, dtype=np.uint8)
    cv2.rectangle(img, (9, 61), (30, 64), 0, -1)
    assert scan.dash_in(img, (0, 0, 1466, 123)) == ((9, 61, 31, 65), 1.0)


def test_a_dot_or_a_glyph_is_no_dash() -> None:
    img = np.full((123, 600), 250, dtype=np.uint8)
    cv2.circle(img, (40, 60), 4, 0, -1)  # a dot
    cv2.putText(img, "1", (300, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    assert scan.dash_in(img, (0, 0, 200, 123)) is None and scan.dash_in(img, (200, 0, 600, 123)) is None


def test_a_light_on_dark_box_is_turned_dark_on_light() -> None:
    img = np.full((100, 300), 40, dtype=np.uint8)
    cv2.rectangle(img, (100, 40), (140, 60), 250, -1)  # white text on a dark fill
    framed, f = scan.framed(img, (0, 0, 300, 100)), scan.FRAME_PX
    assert framed[f + 50, f + 120] < 50 and framed[f + 10, f + 10] == 255


def test_a_lone_glyph_in_a_tall_cell_is_something_to_read() -> None:
    # mhlw_ec/02: a 719×240 px cell holding only 有 (0.4 % of it ink)
    img = np.full((240, 719), 250, dtype=np.uint8)
    for y in (100, 115, 130):
        cv2.line(img, (340, y), (380, y), 0, 4)  # three strokes of a glyph, about 500 px
    cv2.line(img, (360, 95), (360, 140), 0, 4)
    assert scan.cells_with_text(img, [(0, 0, 719, 240)])
    framed, f = scan.framed(img, (0, 0, 719, 240)), scan.FRAME_PX
    assert framed[f + 115, f + 350] < 60 and framed[f + 20, f + 20] == 255


def test_a_coloured_dot_is_a_marker_with_its_colour() -> None:
    colour = np.full((200, 300, 3), WHITE, dtype=np.uint8)
    cv2.circle(colour, (100, 100), 20, (230, 57, 41), -1)
    grey = cv2.cvtColor(colour, cv2.COLOR_RGB2GRAY)
    (mark,) = scan.coloured_marks(scan.PageImage(grey, colour, 0.24), 2.5, 16.0)
    assert mark["non_stroking_color"] == (round(230 / 255, 3), round(57 / 255, 3), round(41 / 255, 3))
    assert any(segment[0] == "c" for segment in mark["path"])  # a circle: read as ●


def test_the_letters_of_a_blue_link_are_no_markers() -> None:
    # mhlw_ec/07: an underlined blue http://meiji.or.jp/, letters about 22 px high at 300 dpi
    colour = np.full((120, 700, 3), WHITE, dtype=np.uint8)
    cv2.putText(colour, "meiji.or.jp", (20, 70), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (70, 69, 235), 3)
    grey = cv2.cvtColor(colour, cv2.COLOR_RGB2GRAY)
    assert scan.coloured_marks(scan.PageImage(grey, colour, 0.24), 2.5, 16.0) == []


def _blue_page(draw) -> scan.PageImage:  # type: ignore[no-untyped-def]
    colour = np.full((120, 300, 3), WHITE, dtype=np.uint8)
    draw(colour)
    return scan.PageImage(cv2.cvtColor(colour, cv2.COLOR_RGB2GRAY), colour, 0.24)


def test_a_blurred_letter_filled_in_beside_letters_is_no_marker() -> None:
    # mhlw_ec/07 scanned soft: the ``a`` of ``okawa-ladies`` blurred solid, ``w`` and ``-`` beside it
    def draw(img):  # type: ignore[no-untyped-def]
        cv2.circle(img, (100, 60), 11, (70, 69, 235), -1)
        cv2.line(img, (118, 50), (118, 72), (70, 69, 235), 3)  # an l

    assert scan.coloured_marks(_blue_page(draw), 2.5, 16.0) == []


def test_markers_side_by_side_stay_markers() -> None:
    def draw(img):  # type: ignore[no-untyped-def]
        cv2.circle(img, (100, 60), 11, (70, 69, 235), -1)
        cv2.circle(img, (125, 60), 11, (70, 69, 235), -1)

    assert len(scan.coloured_marks(_blue_page(draw), 2.5, 16.0)) == 2


def test_a_line_read_on_the_sheet_goes_back_to_its_box() -> None:
    img = np.full((1000, 500), WHITE, dtype=np.uint8)
    boxes = [(10, 100, 210, 160), (50, 700, 450, 800)]
    sheet, spans = scan.stacked([scan.framed(img, b) for b in boxes])
    f = scan.FRAME_PX
    assert spans == [(f, f + 60), (2 * f + 60, 2 * f + 160)] and sheet.shape == (
        100 + 60 + 3 * f,
        400 + 2 * f,
    )
    assert scan.stacked_index(spans, (0, spans[1][0] + 5, 10, spans[1][0] + 25)) == 1
    above = (0, spans[0][0] - 10, 10, spans[0][0] + 4)  # a line's box reaching above its own
    assert scan.stacked_index(spans, above) == 0


def test_flattened_whitens_grain_and_keeps_print() -> None:
    img = np.full((100, 100), 240, dtype=np.uint8)
    img[10, 10], img[50, 50] = 225, 30  # a line's faint edge, a stroke
    flat = scan.flattened(img)
    assert (flat[10, 10], flat[0, 0], flat[50, 50]) == (255, 255, 30)


def _gap(*marks: tuple[int, int, int, int]) -> np.ndarray:
    """A line 42 px tall on grainy paper (250), marks (x, y, w, h) of grey 175 in it: a
    scanned colon's dots blur to 170-200 (mhlw_ec/10's ``金:9:00``)."""
    rng = np.random.default_rng(1)
    img = np.clip(rng.normal(250, 3, (42, 200)), 0, 255).astype(np.uint8)
    for x, y, w, h in marks:
        img[y : y + h, x : x + w] = 175
    return img


def test_a_colon_tesseract_missed_is_found_in_its_gap() -> None:
    assert scan.colon_in(_gap((100, 17, 4, 4), (100, 33, 4, 4)), (80, 0, 130, 42))  # mhlw_ec/10


def test_slivers_of_the_glyphs_either_side_do_not_hide_a_colon() -> None:
    marks = [(80, 13, 1, 3), (100, 17, 4, 4), (100, 33, 4, 4), (129, 2, 8, 24)]
    assert scan.colon_in(_gap(*marks), (80, 0, 130, 42))


def test_a_colon_boxed_into_the_glyph_before_it_is_found() -> None:
    marks = [(60, 5, 24, 30), (100, 17, 3, 3), (100, 33, 3, 3)]  # 金 boxed over its ":"
    assert scan.colon_in(_gap(*marks), (60, 0, 110, 42))


def test_a_crisp_colon_with_a_faint_upper_dot_is_found() -> None:
    img = np.full((42, 200), 255, dtype=np.uint8)
    img[15:18, 103:106] = 216  # mhlw_ec/10 rendered crisp: the dot falls across pixel edges
    img[32:35, 103:106] = 194
    assert scan.colon_in(img, (80, 0, 130, 42))


def test_dots_with_ink_after_them_are_no_colon() -> None:
    marks = [(70, 17, 3, 3), (70, 33, 3, 3), (80, 5, 24, 30)]
    assert not scan.colon_in(_gap(*marks), (60, 0, 110, 42))


LETTERS = [(40, 12, 10, 24), (60, 12, 10, 24), (80, 12, 10, 24), (120, 12, 10, 24)]
"""Letters standing on a baseline at row 36, with a gap at 95-110 between them."""


def test_a_full_stop_tesseract_missed_is_found_in_its_gap() -> None:
    assert scan.dot_in(_gap(*LETTERS, (100, 33, 3, 3)), (95, 0, 110, 42))  # mhlw_ec/10 crisp: hospital.gr


def test_a_dot_off_the_baseline_is_no_full_stop() -> None:
    assert not scan.dot_in(_gap(*LETTERS, (100, 14, 3, 3)), (95, 0, 110, 42))
    assert not scan.dot_in(_gap(*LETTERS, (100, 38, 3, 3)), (95, 0, 110, 42))  # dust below: mhlw_ec/10


def test_a_colons_lower_dot_is_no_full_stop() -> None:
    assert not scan.dot_in(_gap(*LETTERS, (100, 33, 3, 3), (100, 14, 3, 3)), (95, 0, 110, 42))


def test_one_dot_or_a_stroke_is_no_colon() -> None:
    assert not scan.colon_in(_gap((100, 17, 4, 4)), (80, 0, 130, 42))
    assert not scan.colon_in(_gap((100, 10, 3, 25)), (80, 0, 130, 42))
    assert not scan.colon_in(_gap((100, 17, 4, 4), (100, 33, 4, 4), (112, 20, 6, 12)), (80, 0, 130, 42))


def test_a_lone_bar_an_em_long_reads_as_a_bar_and_a_short_one_as_a_hyphen() -> None:
    img = np.full((123, 1466), 250, dtype=np.uint8)
    cv2.rectangle(img, (9, 61), (55, 65), 0, -1)  # mhlw_ec/05's ―, 47 x 5 px
    cv2.rectangle(img, (709, 61), (730, 64), 0, -1)  # mhlw_ec/10's -, 22 x 4 px
    (bar,) = ocr.lone_dash(img, (0, 0, 700, 123))
    (hyphen,) = ocr.lone_dash(img, (700, 0, 1466, 123))
    assert (bar.words[0].chars[0].text, hyphen.words[0].chars[0].text) == ("―", "-")


def test_a_crisp_hyphen_is_not_taken_for_a_bar() -> None:
    img = np.full((123, 700), 255, dtype=np.uint8)
    img[61:64, 9:30] = 0  # mhlw_ec/10's 7 pt "-" rendered crisp: 21 x 3 px
    (hyphen,) = ocr.lone_dash(img, (0, 0, 700, 123))
    assert hyphen.words[0].chars[0].text == "-"


def test_a_straight_dash_cut_by_its_box_is_a_bar_a_wave_is_not() -> None:
    img = np.full((60, 200), WHITE, dtype=np.uint8)
    cv2.rectangle(img, (40, 28), (70, 31), 0, -1)  # mhlw_ec/03's full-width hyphen, 31 x 4 px
    pts = np.array([(120 + x, 30 + int(4 * np.sin(x / 5))) for x in range(31)], np.int32)
    cv2.polylines(img, [pts], False, 0, 3)  # a wave dash
    assert scan.straight_bar_at(img, (50, 10, 62, 50))  # the box cuts both its ends
    assert not scan.straight_bar_at(img, (125, 10, 145, 50))


def _dash_between_digits(dash: str) -> np.ndarray:
    """``0－1`` or ``0～1`` (``dash``) at 9 pt, 300 dpi: two digits as rings and bars."""
    img = np.full((60, 200), WHITE, dtype=np.uint8)
    cv2.ellipse(img, (30, 30), (9, 14), 0, 0, 360, 0, 3)  # 0
    cv2.rectangle(img, (150, 16), (153, 44), 0, -1)  # 1
    if dash == "－":
        cv2.rectangle(img, (60, 28), (90, 31), 0, -1)  # 03's full-width hyphen, 31 x 4 px
    else:
        pts = np.array([(60 + x, 30 + int(4 * np.sin(x / 5))) for x in range(31)], np.int32)
        cv2.polylines(img, [pts], False, 0, 3)
    return img


def test_a_straight_dash_is_found_between_its_neighbours_wherever_its_box_is() -> None:
    # 03 scanned: Tesseract boxed the ``－`` on the ``1`` after it
    assert scan.straight_bar_in(_dash_between_digits("－"), (18, 10, 160, 50))
    assert not scan.straight_bar_in(_dash_between_digits("～"), (18, 10, 160, 50))


def test_a_bar_at_the_foot_of_a_line_is_no_dash() -> None:
    img = np.full((60, 200), WHITE, dtype=np.uint8)
    cv2.rectangle(img, (60, 46), (90, 49), 0, -1)  # an underscore
    assert not scan.straight_bar_in(img, (18, 10, 160, 50))


def test_a_crisp_render_has_sharper_edges_than_a_scan() -> None:
    crisp = np.full((200, 400), WHITE, dtype=np.uint8)
    cv2.rectangle(crisp, (50, 50), (150, 60), 0, -1)  # a stroke, edges one pixel wide
    scanned = np.asarray(cv2.GaussianBlur(crisp, (0, 0), 0.8), dtype=np.uint8)  # tests/scangen.py's blur
    assert scan.edge_sharpness(crisp) >= scan.SHARP_EDGES > scan.edge_sharpness(scanned)


def test_a_short_cell_with_text_in_it_is_found() -> None:
    # METI's 採択案件一覧: 90 rows a page, 22-27 px high at 300 dpi, 5.5 pt text
    img = np.full((100, 400), WHITE, dtype=np.uint8)
    cv2.rectangle(img, (30, 44), (90, 58), 0, -1)  # a word's ink, 15 px high
    assert scan.cells_with_text(img, [(10, 40, 390, 62)]) == [(14, 44, 386, 58)]


GAP = (80, 0, 130, 42)
"""A full-width cell's gap between two glyphs of a 42 px line (the glyphs' slivers at its edges)."""


def _line(*marks: tuple[int, int, int, int], glyphs: tuple[int, ...] = (54, 132)) -> np.ndarray:
    """:func:`_gap` with glyphs of dark print (grey 40, 24 x 26 px) starting at ``glyphs``
    beside the marks: a lost mark is fainter than the text."""
    img = _gap(*marks)
    for x in glyphs:
        img[8:34, x : x + 24] = 40
    return img


def test_a_middle_dot_tesseract_missed_is_found_in_its_gap() -> None:
    # map_variant scanned soft: 創出・応用, a grey 4 px dot on the line's middle
    found = scan.lost_dot(_line((80, 5, 2, 30), (103, 19, 4, 4), (128, 5, 2, 30)), GAP)
    assert found == ("・", 103, 107)


def test_a_dot_below_the_middle_is_a_comma() -> None:
    assert scan.lost_dot(_line((103, 27, 4, 4)), GAP) == ("、", 103, 107)  # 繋がる、人と


def test_a_dot_off_the_gaps_middle_or_beside_more_ink_is_dust() -> None:
    assert scan.lost_dot(_line((84, 19, 4, 4)), GAP) is None
    assert scan.lost_dot(_line((103, 19, 4, 4), (112, 8, 6, 20)), GAP) is None


def test_a_dot_as_dark_as_the_text_is_dust() -> None:
    # marker_per_project_shapes scanned soft: a speck after 大阪府×徳島大学等 read as 、
    img = _line()
    img[27:31, 103:107] = 37
    assert scan.lost_dot(img, GAP) is None


def test_a_bullet_before_a_lines_first_glyph_need_not_be_centred() -> None:
    box = (60, 0, 122, 42)  # 1.5 em before the first glyph
    assert scan.lost_dot(_line((90, 19, 4, 4), glyphs=(124,)), box, "first") == ("・", 90, 94)
    assert scan.lost_dot(_line((62, 19, 4, 4), glyphs=(124,)), box, "first") is None  # over an em off
    assert scan.lost_dot(_line((64, 19, 4, 4), glyphs=(124,)), box) is None  # in a gap: off its middle
    assert scan.lost_dot(_line((90, 29, 4, 4), glyphs=(124,)), box, "first") is None  # no bullet that low


def test_a_dot_after_another_columns_text_is_no_bullet() -> None:
    # a table without rules, scanned soft: the 、 ending one column's line, before the next's
    box = (60, 0, 122, 42)
    assert scan.lost_dot(_line((100, 19, 4, 4), glyphs=(40, 124)), box, "first") is None
    assert scan.lost_dot(_line((100, 19, 4, 4), glyphs=(124,)), box, "first") == ("・", 100, 104)


def test_a_comma_ending_a_line_is_found_in_the_em_after_it() -> None:
    # shaded_cid_narrow scanned soft: 徳島文理大学、 / 徳島文理大学短期大学部, its 、 lost
    after = (80, 0, 122, 42)  # one em after the line's last glyph, whose sliver touches it
    assert scan.lost_dot(_line((79, 8, 3, 26), (88, 28, 4, 4), glyphs=(55,)), after, "last") == ("、", 88, 92)
    assert scan.lost_dot(_line((88, 19, 4, 4), glyphs=(55,)), after, "last") is None  # no line ends with ・
    other_column = _line((88, 28, 4, 4), (110, 8, 20, 26), glyphs=(55,))
    assert scan.lost_dot(other_column, after, "last") is None


def test_a_mark_looked_for_past_the_pages_edge_is_not_there() -> None:
    # a glyph at a page's right edge: the em after it is off the image (OpenCV crashed on it)
    assert scan.lost_dot(_gap(), (200, 0, 242, 42), "last") is None
    assert scan.lost_dot(_gap(), (190, 0, 232, 42), "last") is None


def _underlined(gap: int) -> np.ndarray:
    """Letters (bars 20 px tall, 16 apart) on a 4 px line ``gap`` pixels under their feet."""
    img = np.full((120, 700), WHITE, dtype=np.uint8)
    for x in range(60, 600, 30):
        img[40:80, x : x + 14] = 20
    img[80 + gap : 84 + gap, 50:620] = 20
    return img


def test_a_line_the_letters_stand_on_is_taken_out() -> None:
    out = scan.without_underlines(_underlined(gap=0))
    assert (out[80:90, :] == WHITE).all() and (out[40:79, 60:74] == 20).all()


def test_a_line_under_a_gap_is_left() -> None:
    img = _underlined(gap=3)
    assert (scan.without_underlines(img) == img).all()  # Tesseract reads through it


def test_a_short_bar_is_no_underline() -> None:
    img = np.full((120, 300), WHITE, dtype=np.uint8)
    img[40:80, 60:100] = 20
    img[80:84, 50:140] = 20  # 90 px: an em of a large glyph's stroke, not a line
    assert (scan.without_underlines(img) == img).all()
