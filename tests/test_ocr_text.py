"""What OCR's output becomes (ckextract.extract.ocr, and the OCR rules in textrules,
regions and organizations), one behaviour each, without running Tesseract: the examples
are what Tesseract read on our scan of the seed deck."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from ckextract import progress, regions, textrules
from ckextract.extract import ocr, scan
from ckextract.organizations import build, ocr_spelling
from ckextract.records import Cell, IngestSummary, Table
from ckextract.report import summary_lines

PAGE = scan.PageImage(
    np.full((400, 2000), 255, dtype=np.uint8), np.full((400, 2000, 3), 255, dtype=np.uint8), 0.24
)


def _line(*words: str, gap: int = 4, top: int = 100, height: int = 24, conf: float = 95.0) -> ocr.OcrLine:
    """Words of 20-px glyphs, ``gap`` px apart within a word and 3×``gap`` between words."""
    x, out = 100, []
    for word in words:
        chars = []
        for ch in word:
            chars.append(ocr.OcrChar(ch, (x, top, x + 20, top + height), conf))
            x += 20 + gap
        out.append(ocr.OcrWord(tuple(chars)))
        x += 2 * gap
    return ocr.OcrLine((100, top, x, top + height), tuple(out))


def _text(glyphs: list[dict[str, object]]) -> str:
    return "".join(str(g["text"]) for g in glyphs)


HOCR = b"""<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body><div class='ocr_page' title='bbox 0 0 100 100'>
<span class='ocr_line' id='line_1_1' title="bbox 10 20 90 40; baseline 0 -5; x_size 20">
<span class='ocrx_word' id='word_1_1' title='bbox 10 20 50 40; x_wconf 90'>
<span class='ocrx_cinfo' title='x_bboxes 10 20 30 40; x_conf 96.5'>\xe5\xba\x83</span>
<span class='ocrx_cinfo' title='x_bboxes 30 20 50 40; x_conf 81.25'>\xe5\xb3\xb6</span>
</span></span></div></body></html>"""


def test_hocr_gives_each_character_its_box_and_confidence() -> None:
    (line,) = ocr.parse_hocr(HOCR)
    assert [(c.text, c.box, c.confidence) for c in line.words[0].chars] == [
        ("広", (10, 20, 30, 40), 96.5),
        ("島", (30, 20, 50, 40), 81.25),
    ]


def test_characters_keep_the_order_tesseract_read_them_in() -> None:
    # mhlw_ec/07, 住所 …97-6: the "-" and the "6" were given boxes starting at one x
    read = [("9", 3260, 3288), ("7", 3276, 3292), ("-", 3292, 3312), ("6", 3292, 3334)]
    chars = tuple(ocr.OcrChar(t, (x0 - 3200, 100, x1 - 3200, 124), 95.0) for t, x0, x1 in read)
    line = ocr.OcrLine((60, 100, 134, 124), (ocr.OcrWord(chars),))
    glyphs = ocr.line_glyphs(line, PAGE, 0.0)
    starts = [float(str(g["x0"])) for g in glyphs]
    assert _text(glyphs) == "97-6" and starts == sorted(set(starts))  # none starts where another does


def test_a_dash_read_from_its_shape_is_no_dust() -> None:
    dash = ocr.OcrLine((100, 100, 122, 104), (ocr.OcrWord((ocr.OcrChar("-", (100, 100, 122, 104), 95.0),)),))
    assert _text(ocr.line_glyphs(dash, PAGE, 0.0)) == ""  # Tesseract's lone dash: dust
    assert _text(ocr.line_glyphs(replace(dash, by_shape=True), PAGE, 0.0)) == "-"


def test_no_space_is_made_between_japanese_words() -> None:
    glyphs = ocr.line_glyphs(_line("広島", "大学"), PAGE, 0.0)
    assert _text(glyphs) == "広島大学"
    assert all(a["x1"] == b["x0"] for a, b in itertools.pairwise(glyphs))


def test_a_space_is_kept_between_latin_words() -> None:
    assert _text(ocr.line_glyphs(_line("Psychic", "VR", "Lab"), PAGE, 0.0)) == "Psychic VR Lab"


def test_a_lone_x_between_japanese_is_the_multiplication_sign() -> None:
    assert _text(ocr.line_glyphs(_line("摂津市", "X", "大阪大学等"), PAGE, 0.0)) == "摂津市×大阪大学等"


def test_an_x_inside_a_latin_word_stays_a_letter() -> None:
    assert _text(ocr.line_glyphs(_line("BioXDigital"), PAGE, 0.0)) == "BioXDigital"


def test_every_glyph_keeps_its_confidence() -> None:
    glyphs = ocr.line_glyphs(_line("広島", conf=61.0), PAGE, 0.0)
    assert [g["ocr_confidence"] for g in glyphs] == [61.0, 61.0]


def test_a_line_box_taller_than_its_glyphs_gives_each_glyph_its_own_height() -> None:
    line = _line("広島")
    tall = ocr.OcrLine((100, 0, 400, 300), line.words)  # Tesseract took two cells' text for one line
    glyphs = ocr.line_glyphs(tall, PAGE, 0.0)
    assert all(abs((g["bottom"] - g["top"]) / 0.24 - 24 * ocr.INK_TO_EM) < 2 for g in glyphs)


def test_a_tall_line_on_one_baseline_keeps_its_full_stops_in_it() -> None:
    # 03 scanned: a web address's box is tall (a "/" boxed 55 px), its letters x-high,
    # and its full stops, lower than the letters, came out as a line of their own
    chars = [ocr.OcrChar(ch, (100 + 22 * k, 114, 120 + 22 * k, 139), 99.0) for k, ch in enumerate("www")]
    chars.append(ocr.OcrChar(".", (166, 135, 171, 140), 99.0))
    chars += [ocr.OcrChar(ch, (176 + 22 * k, 114, 196 + 22 * k, 139), 99.0) for k, ch in enumerate("com")]
    chars.append(ocr.OcrChar("/", (242, 102, 262, 157), 99.0))
    glyphs = ocr.line_glyphs(ocr.OcrLine((100, 100, 262, 159), (ocr.OcrWord(tuple(chars)),)), PAGE, 0.0)
    assert len({(g["top"], g["bottom"]) for g in glyphs}) == 1


def test_grey_ink_was_printed_black_and_colour_stays() -> None:
    assert ocr.printed_colour((0.27, 0.27, 0.29)) == (0.0,)
    assert ocr.printed_colour((0.9, 0.22, 0.16)) == (0.9, 0.22, 0.16)


def test_a_region_ocr_misread_at_the_start_of_a_label_is_found() -> None:
    assert regions.leading_region("冨山県X富山大学等", ocr=True) == (
        "富山県",
        "X富山大学等",
    )  # the deck, crisp
    assert regions.leading_region("冨山県X富山大学等") is None


def test_ocr_key_takes_confusable_characters_as_one() -> None:
    assert textrules.ocr_key("東京エ業大学") == textrules.ocr_key("東京工業大学")
    assert textrules.ocr_key("センタ一") == textrules.ocr_key("センター")


def test_a_star_read_as_a_kanji_before_a_region_is_dropped() -> None:
    assert regions.ocr_repair("文広島県") == "広島県"  # ★広島県 on our scan of the map slide


def test_a_known_region_needs_no_repair() -> None:
    assert regions.ocr_repair("徳島県") is None


def test_a_misread_member_links_to_the_organization_printed_more_often() -> None:
    assert ocr_spelling("東京エ業大学", Counter({"東京工業大学": 2, "東京エ業大学": 1})) == "東京工業大学"


def test_two_equally_printed_spellings_are_left_apart() -> None:
    assert ocr_spelling("東京エ業大学", Counter({"東京工業大学": 1, "東京エ業大学": 1})) is None


def test_the_registry_records_an_ocr_confusion_as_its_own_rule() -> None:
    rows = [("n1", 1, "学", "高知工科大学"), ("n2", 1, "学", "高知工科大学"), ("n3", 1, "学", "高知エ科大学")]
    _, aliases, links = build(rows)
    assert [(a.alias, a.rule) for a in aliases] == [("高知エ科大学", "ocr_confusion")]
    assert len({link.org_id for link in links}) == 1


def test_a_dash_apart_before_the_text_is_dust() -> None:
    line = _line("-", "COI")
    far = ocr.OcrLine(line.box, (ocr.OcrWord((ocr.OcrChar("-", (40, 100, 46, 124), 92.6),)), line.words[1]))
    assert _text(ocr.line_glyphs(far, PAGE, 0.0)) == "COI"


def test_a_bullet_against_its_text_stays() -> None:
    assert _text(ocr.line_glyphs(_line("・", "未来型"), PAGE, 0.0)) == "・未来型"


def test_two_marks_leading_a_line_keep_only_the_bullet() -> None:
    assert _text(ocr.line_glyphs(_line("-・", "世界"), PAGE, 0.0)) == "・世界"


def test_a_page_read_by_ocr_is_said_on_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(progress.PAGE_PROGRESS_ENV, "1")
    progress.page_read("scan.pdf", 2, 4, 9.64)
    assert capsys.readouterr().err == "OCR scan.pdf: page 2/4 read in 9.6 s\n"


def test_the_summary_says_how_many_pages_ocr_read_and_how_long() -> None:
    summary = IngestSummary(db_path="w.duckdb", ocr_pages=7, ocr_seconds=63.0)
    assert "7 pages read by OCR in 63 s (9.0 s a page)" in summary_lines(summary)


def test_a_scan_failing_a_reconciliation_warns_a_born_digital_one_is_quarantined() -> None:
    from ckextract.validate.gate import CheckResult, scan_tolerant

    failed = CheckResult(
        "reconciliation.markers_per_colour", "reconciliation", "critical", "d1", False, 1, [], {}
    )
    assert scan_tolerant(failed, {"d1"}).severity == "warning"
    assert scan_tolerant(failed, {"d2"}).severity == "critical"


def test_a_header_ocr_read_twice_a_little_differently_is_one_header() -> None:
    from ckextract.extract.tables import same_row

    first = ("", "名称", "構成員", "取組概要", "名称", "構成貞")
    again = ("", "名称", "構成上員", "取組概要", "名称", "構成貞")  # page 2 of our scan of ruled_split_pages
    assert same_row(first, again, read_by_ocr=True)
    assert not same_row(first, again, read_by_ocr=False)  # a text layer prints it the same or not at all


def test_a_header_whose_border_a_scan_lost_is_still_one_header() -> None:
    from ckextract.extract.tables import same_row

    # our seed-5 scan of ruled_split_pages: page 3's last program header not closed on
    # the right, its text fell into the three columns under it
    first = (
        "地方大学・地域産業創生交付金",
        "",
        "",
        "都道府県・指定都市における「産学官連携」の推進体制等に係る調査",
        "",
        "",
    )
    again = (
        "地方大学-地域産業創生交付金",
        "",
        "",
        "都道府県 指定都市",
        "における「産学官連携」の推進体制",
        "等に係る調査",
    )
    assert same_row(first, again, read_by_ocr=True)


def test_two_different_rows_ocr_read_are_not_one_header() -> None:
    from ckextract.extract.tables import same_row

    header = ("", "名称", "構成員", "取組概要")
    body = ("徳島県", "とくしま大学振興", "【学】徳島大学", "徳島大と日亜化学工業")
    assert not same_row(header, body, read_by_ocr=True)


def test_a_header_label_ocr_misread_by_one_glyph_is_still_its_field() -> None:
    from ckextract.layouts import field_of
    from ckextract.layouts.network_table import FIELD_LABELS

    assert field_of("構成貞", FIELD_LABELS, ocr=True) == "members"  # our scan of ruled_split_pages
    assert field_of("構成貞", FIELD_LABELS, ocr=False) is None
    assert field_of("名林", FIELD_LABELS, ocr=True) is None  # two glyphs: one wrong is another word


def _ocr_table(rows: list[list[str]]) -> Table:
    cells = tuple(
        Cell(r, c, text, (c * 50.0, r * 20.0, c * 50.0 + 50, r * 20.0 + 20), 1, ocr_confidence=95.0)
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    )
    return Table(0, (1,), (0.0, 0.0, 500.0, 60.0), len(rows), len(rows[0]), cells)


CRISP_HEADER = [
    ["", "地方大学・地域産業創生交付金(内閣府)", "", "", "共創の場形 支援 ログラム(文部科学省)", "", ""],
    ["", "名符", "構成貞", "取組概要", "名称", "構成員", "取組機村"],  # our crisp scan of the deck
    ["広島県", "特別委員会", "【学】広島大学", "…", "バイオDX産学共創拠点", "【学】広島大学", "…"],
]


def test_a_field_label_misread_past_matching_is_the_one_its_repeat_names() -> None:
    from ckextract.layouts.network_table import read_header

    header = read_header(_ocr_table(CRISP_HEADER))
    assert header is not None
    assert [g.columns for g in header.groups] == [
        {"name": 1, "members": 2, "overview": 3},
        {"name": 4, "members": 5, "overview": 6},
    ]


def test_field_labels_repeat_one_group_apart() -> None:
    from ckextract.layouts.network_table import label_period

    assert label_period({2: "members", 3: "overview", 4: "name", 5: "members", 7: "name"}) == 3
    assert label_period({1: "name", 2: "members", 3: "overview"}) is None


def test_a_program_header_ocr_misread_by_one_glyph_still_names_its_program() -> None:
    from ckextract.programs import match_program

    read = "地方大学-地域産業創生交付金(内閣府)"  # our scan of ruled_extra_regions: ・ read as -
    program = match_program(read, ocr=True)
    assert program is not None and program.program_id == "chihou_daigaku"
    assert match_program(read) is None


def test_a_short_keyword_is_not_matched_loosely() -> None:
    from ckextract.programs import match_program

    assert match_program("CO|(", ocr=True) is None  # COI is too short to match with a glyph wrong


def test_a_web_address_read_as_japanese_punctuation_is_latin_text() -> None:
    assert ocr.is_latin([_line("Soujinkal-kousel」D/kuroisi")])  # mhlw_ec/02's scan


def test_a_cell_with_kana_or_kanji_is_not_latin_text() -> None:
    assert not ocr.is_latin([_line("平日9:00<18:00土9:00<13:00")])
    assert not ocr.is_latin([_line("「」")])  # no letter or digit at all


def test_a_web_address_with_one_letter_read_as_kana_is_latin_text() -> None:
    assert ocr.is_latin([_line("http://omにladies.com/")])  # mhlw_ec/03 scanned: omi-ladies
    assert not ocr.is_latin([_line("113-7ハートスクエア長建1F")])  # mhlw_ec/10: Japanese text
    assert not ocr.is_latin([_line("3号")])  # a kanji ending a number is no slip in a word


def test_a_range_misread_in_a_line_is_a_wave_dash() -> None:
    assert _text(ocr.line_glyphs(_line("月て木9:30<13:00"), PAGE, 0.0)) == "月～木9:30～13:00"


def _japanese_read(text: str, words: list[int]) -> ocr.OcrLine:
    """A line as the Japanese model boxes Latin letters (seed deck, seed-1 scan): each
    box starting where the one before does and reaching far right; ``words`` are the
    lengths of its words."""
    chars = [ocr.OcrChar(ch, (100 + 4 * k, 100, 100 + 4 * k + 60, 124), 99.0) for k, ch in enumerate(text)]
    out, start = [], 0
    for n in words:
        out.append(ocr.OcrWord(tuple(chars[start : start + n])))
        start += n
    return ocr.OcrLine((100, 100, 100 + 4 * len(text) + 60, 124), tuple(out))


def test_a_latin_run_in_a_japanese_line_is_found() -> None:
    line = _japanese_read("「loT(InternetofPlants)」が導く", [1, 4, 17, 1, 1, 2])
    assert ocr.latin_runs(line) == [(1, 22)]
    assert ocr.latin_runs(_line("バイオDX")) == []  # two letters: read well enough
    assert ocr.latin_runs(_line("Psychic", "VR", "Lab")) == []  # Latin alone: read again whole


def test_a_latin_run_takes_the_latin_models_boxes_and_word_spaces() -> None:
    line = _japanese_read("「loT(InternetofPlants)」が導く", [1, 4, 17, 1, 1, 2])
    latin = _line("loT", "(Internet", "of", "Plants)", gap=2)
    glyphs = ocr.line_glyphs(ocr.with_latin_reading(line, (1, 22), [latin]), PAGE, 0.0)
    assert _text(glyphs) == "「loT (Internet of Plants)」が導く"


def test_a_latin_run_keeps_the_japanese_models_letters() -> None:
    line = _japanese_read("高知県loT推進", [3, 3, 2])
    latin = _line("oT", gap=2)  # the Latin model lost the l at the box's edge
    glyphs = ocr.line_glyphs(ocr.with_latin_reading(line, (3, 6), [latin]), PAGE, 0.0)
    assert _text(glyphs) == "高知県loT推進"


def test_a_lone_x_between_latin_words_is_the_multiplication_sign() -> None:
    line = _japanese_read("するBioXDigital", [2, 11])
    latin = _line("Bio", "X", "Digital", gap=2)
    glyphs = ocr.line_glyphs(ocr.with_latin_reading(line, (2, 13), [latin]), PAGE, 0.0)
    assert _text(glyphs) == "するBio×Digital"


def test_a_latin_reading_of_other_letters_is_not_used() -> None:
    line = _japanese_read("高知県Next次世代", [3, 4, 3])
    assert ocr.with_latin_reading(line, (3, 7), [_line("N5D*", gap=2)]) == line  # one of four letters


def _times(wide: int, at: int = 5) -> ocr.OcrLine:
    """``14:0017:30`` in 20-px glyphs, glyph ``at`` (the ``1`` of ``17``) ``wide`` px wide."""
    chars, x = [], 100
    for k, ch in enumerate("14:0017:30"):
        width = wide if k == at else 20
        chars.append(ocr.OcrChar(ch, (x, 100, x + width, 124), 95.0))
        x += width + 4
    return ocr.OcrLine((100, 100, x, 124), (ocr.OcrWord(tuple(chars)),))


def test_a_range_mark_read_into_a_digit_is_put_back() -> None:
    # mhlw_ec/02: the ～ of 14:00～17:30 was boxed with the 1 of 17 (56 px; digits 20)
    assert _text(ocr.line_glyphs(_times(wide=56), PAGE, 0.0)) == "14:00～17:30"
    assert _text(ocr.line_glyphs(_times(wide=36, at=4), PAGE, 0.0)) == "14:00～17:30"  # into the 0 before


def test_two_times_with_digits_of_their_own_width_get_no_range_mark() -> None:
    assert "～" not in _text(ocr.line_glyphs(_times(wide=20), PAGE, 0.0))  # mhlw_ec/07: 12:00 14:00


def test_a_colon_tesseract_missed_after_a_weekday_is_read_from_the_page() -> None:
    grey = np.full((400, 2000), 250, dtype=np.uint8)
    grey[106:109, 172:175] = grey[115:118, 172:175] = 175  # mhlw_ec/10's 金:9:00, two faint dots
    page = scan.PageImage(grey, np.stack([grey] * 3, axis=-1), 0.24)
    line = _line("月・金", "9:00")
    assert _text(ocr.line_glyphs(line, page, 0.0)) == "月・金:9:00"
    assert _text(ocr.line_glyphs(line, PAGE, 0.0)) == "月・金9:00"  # no dots, no colon (mhlw_ec/02)


def test_a_dot_lost_before_jp_is_put_back() -> None:
    assert (
        _text(ocr.line_glyphs(_line("https://www.kitaakita-hpjp/"), PAGE, 0.0))
        == "https://www.kitaakita-hp.jp/"
    )


def _page_with(*marks: tuple[int, int, int]) -> scan.PageImage:
    """A page of paper (250) with square marks (x, y, side) of ink (40) on it."""
    grey = np.full((400, 2000), 250, dtype=np.uint8)
    for x, y, side in marks:
        grey[y : y + side, x : x + side] = 40
    return scan.PageImage(grey, np.stack([grey] * 3, axis=-1), 0.24)


def test_a_speck_of_dust_read_as_a_full_stop_ending_a_line_is_dropped() -> None:
    # mhlw_ec/10's "371-0025." was an 8 px speck in a 42 px line (after a digit, a full stop
    # ending a line is dust whatever its size: textrules.stray_stops); after a letter:
    line = _line("Hospital.")
    assert _text(ocr.line_glyphs(line, _page_with((300, 118, 2)), 0.0)) == "Hospital"
    assert _text(ocr.line_glyphs(line, _page_with((300, 116, 5)), 0.0)) == "Hospital."  # a printed dot


def test_a_town_misread_in_an_address_is_mended_and_kept_for_its_repair() -> None:
    glyphs = ocr.line_glyphs(_line("藤岡市本卿1045"), PAGE, 0.0)  # mhlw_ec/10 scanned
    assert _text(glyphs) == "藤岡市本郷1045"
    assert [g["ocr_repair"] for g in glyphs if "ocr_repair" in g] == [("藤岡市本卿1045", "本卿", "本郷")]


def test_a_town_mended_by_ocr_is_a_repair_of_its_page() -> None:
    from ckextract.normalize import TOWN_RULE, town_repairs
    from ckextract.records import Extraction, OcrPage
    from tests.conftest import DECK, records_of

    page = OcrPage(2, 1.0, 10, 90.0, 0.0, (("藤岡市本卿1045", "本卿", "本郷"),))
    ex = Extraction(records_of(DECK).extraction.document, 2, (), ocr_pages=(page,))
    assert [(r.network_id, r.rule, r.before, r.after) for r in town_repairs(ex)] == [
        ("ocr:p2:藤岡市本卿1045", TOWN_RULE, "本卿", "本郷")
    ]


def test_a_straight_dash_between_two_times_stays_a_dash() -> None:
    # mhlw_ec/03 prints 9:00－12:30 (a full-width hyphen), read 9:00一12:30
    line = _line("9:00一12:30")
    assert _text(
        ocr.line_glyphs(line, _page_with((196, 110, 4), (200, 110, 4), (204, 110, 4), (208, 110, 4)), 0.0)
    ) == ("9:00－12:30")
    assert (
        _text(ocr.line_glyphs(line, PAGE, 0.0)) == "9:00～12:30"
    )  # nothing straight there: a wave read as 一


def test_a_straight_dash_read_as_a_wave_is_a_dash() -> None:
    # mhlw_ec/03 scanned soft: 9:00－12:30 read 9:00~12:30
    line = _line("9:00~12:30")
    assert _text(
        ocr.line_glyphs(line, _page_with((196, 110, 4), (200, 110, 4), (204, 110, 4), (208, 110, 4)), 0.0)
    ) == ("9:00－12:30")
    assert _text(ocr.line_glyphs(line, PAGE, 0.0)) == "9:00~12:30"  # no straight bar: a wave, as read


def test_a_column_of_few_answers_has_a_vocabulary() -> None:
    # mhlw_ec's 在庫の有無 column, one 有 read 右
    assert ocr.column_vocabulary(["在庫の有無", *["有"] * 8, "無", "無", "右"]) == "有無"


def test_a_column_of_small_numbers_has_none() -> None:
    assert ocr.column_vocabulary(["人数", *["1", "2", "3"] * 3, "4"]) == ""  # a 4 is no misread


def test_a_misread_answer_is_the_answer_its_ink_is_like() -> None:
    page = _page_with((10, 10, 30), (60, 10, 30))
    page.grey[14:36, 14:36] = 250  # a ring ...
    page.grey[10:40, 60:90] = 250
    page.grey[23:27, 60:90] = page.grey[10:40, 73:77] = 40  # ... and a cross
    ring, cross = scan.glyph_patch(page.grey, (5, 5, 45, 45)), scan.glyph_patch(page.grey, (55, 5, 95, 45))
    assert ring is not None and cross is not None
    assert ocr.likest_answer(ring, {"有": ring, "無": cross}) == "有"
    assert ocr.likest_answer(cross, {"有": ring}) is None  # like nothing the column answers


def test_a_speck_beside_a_glyph_is_left_out_of_its_extent() -> None:
    page = _page_with((10, 10, 30), (45, 5, 2))
    alone = _page_with((10, 10, 30))
    with_speck, without = (
        scan.glyph_patch(page.grey, (5, 2, 50, 45)),
        scan.glyph_patch(alone.grey, (5, 2, 50, 45)),
    )
    assert with_speck is not None and without is not None and scan.likeness(with_speck, without) > 0.99


def test_a_colon_the_page_does_not_print_is_dropped_from_a_line_end() -> None:
    # mhlw_labor scanned: a speck beside a date at half its height was read "H30.3.19:"
    line = _line("H30.3.19:")
    assert _text(ocr.line_glyphs(line, _page_with((300, 110, 3)), 0.0)) == "H30.3.19"
    assert _text(ocr.line_glyphs(line, _page_with((300, 104, 4), (300, 116, 4)), 0.0)) == "H30.3.19:"


def test_an_address_a_cell_wraps_over_two_lines_is_mended_as_one() -> None:
    # mhlw_labor scanned: 所在地 "滋賀県蒲生郡 / 日野町" read 浦生郡, a place neither line names alone
    lines = [_line("滋賀県浦生郡", top=100), _line("日野町", top=140)]
    groups = ocr.lines_by_cell(lines, [(0, 90, 400, 180), (400, 90, 800, 180)])
    glyphs = [ocr.line_glyphs(line, PAGE, 0.0) for line in lines]
    ocr._mend_wrapped_addresses(glyphs, groups, frozenset())
    assert groups == [[0, 1], []] and _text(glyphs[0]) == "滋賀県蒲生郡"


def _heading_with_dot(dot_x: int) -> ocr.OcrLine:
    """``茨城労働局 . 最終更新日`` with the words at 100 and 1500 px and a dot at ``dot_x``."""
    first, last = _line("茨城労働局"), _line("最終更新日")
    last = ocr.OcrLine(
        last.box,
        tuple(
            ocr.OcrWord(
                tuple(
                    ocr.OcrChar(c.text, (c.box[0] + 1400, c.box[1], c.box[2] + 1400, c.box[3]), 99.0)
                    for c in w.chars
                )
            )
            for w in last.words
        ),
    )
    dot = ocr.OcrWord((ocr.OcrChar(".", (dot_x, 118, dot_x + 5, 123), 91.0),))
    return ocr.OcrLine((100, 100, 1620, 124), (*first.words, dot, *last.words))


def test_a_dot_far_from_every_word_is_dust_whatever_its_ink() -> None:
    # mhlw_labor/013 scanned: a speck of 20 px in the gap of "茨城労働局  最終更新日"
    assert (
        _text(ocr.line_glyphs(_heading_with_dot(900), _page_with((900, 118, 5)), 0.0))
        == "茨城労働局最終更新日"
    )


def test_a_printed_dot_near_a_word_stays_though_apart() -> None:
    glyphs = ocr.line_glyphs(_heading_with_dot(250), _page_with((250, 118, 5)), 0.0)
    assert _text(glyphs) == "茨城労働局、最終更新日"  # a full stop after a word is its 、 (textrules)


def test_a_speck_read_as_a_dot_apart_from_the_words_is_dropped() -> None:
    # mhlw_labor/012 scanned: a 9 px speck 0.75 em after 佐賀労働局 read "." (then 、)
    assert (
        _text(ocr.line_glyphs(_heading_with_dot(240), _page_with((241, 118, 2)), 0.0))
        == "茨城労働局最終更新日"
    )


def test_a_dot_boxed_beside_its_ink_is_no_speck() -> None:
    # a Mincho 、 read "," was boxed 1-3 px beside its ink (shaded_cid_mincho_wide, seed 11)
    glyphs = ocr.line_glyphs(_heading_with_dot(240), _page_with((248, 117, 5)), 0.0)
    assert _text(glyphs) == "茨城労働局、最終更新日"


def test_specks_read_as_dashes_apart_from_the_text_are_dropped() -> None:
    # mhlw_labor scanned, turned: bits of a rule on a heading's baseline read "局ーー最終"
    assert (
        _text(ocr.line_glyphs(_line("福島労働局", "ーー", "最終更新日", gap=10), PAGE, 0.0))
        == "福島労働局最終更新日"
    )
    assert (
        _text(ocr.line_glyphs(_line("スーパーマン"), PAGE, 0.0)) == "スーパーマン"
    )  # a dash among its word's glyphs
