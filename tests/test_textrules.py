"""One test per named text rule, each on the real example from the seed deck."""

from __future__ import annotations

from datetime import date

import pytest

from ckextract import textrules as tr


def test_nfkc_folds_full_width_and_keeps_circled_numbers() -> None:
    assert tr.nfkc("（計画名：次世代「光」）") == "(計画名:次世代「光」)"
    assert tr.nfkc("ＰＨＣ株式会社") == "PHC株式会社"
    assert (
        tr.nfkc("①「ネオ・ディスタンス社会」のQOL、②適度な距離感")
        == "①「ネオ・ディスタンス社会」のQOL、②適度な距離感"
    )


def test_line_wrap_join_japanese_mid_word_without_space() -> None:
    lines = ["広島県地方大学・地域産業創生事業推進特別", "委員会"]
    assert tr.join_wrapped_lines(lines) == "広島県地方大学・地域産業創生事業推進特別委員会"


def test_line_wrap_join_latin_words_keep_one_space() -> None:
    assert tr.join_wrapped_lines(["【学】広島大学、The University of", "British Columbia"]) == (
        "【学】広島大学、The University of British Columbia"
    )
    assert tr.join_wrapped_lines(["株式会社Psychic", "VR Lab"]) == "株式会社Psychic VR Lab"


def test_line_wrap_join_mixed_scripts_and_hyphens() -> None:
    assert tr.join_wrapped_lines(["株式会社", "Psychic VR Lab"]) == "株式会社Psychic VR Lab"
    assert (
        tr.join_wrapped_lines(["グローバル拠点の創出-", "Next Generation"])
        == "グローバル拠点の創出- Next Generation"
    )
    assert tr.join_wrapped_lines(["Bio-", "economy"]) == "Bio-economy"


def test_collapse_whitespace() -> None:
    assert tr.collapse_whitespace("  【官】広島県\u3000 東広島市\n") == "【官】広島県 東広島市"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("P H C 株式会社", "PHC 株式会社"),
        ("株式会社 N T T ドコモ 四国支社", "株式会社 NTT ドコモ 四国支社"),
        ("株式会社N T T ドコモ", "株式会社NTT ドコモ"),
        ("S A W A C H I 型健康社会共創拠点", "SAWACHI 型健康社会共創拠点"),
        ("株式会社Psychic VR Lab", "株式会社Psychic VR Lab"),
        ("The University of British Columbia", "The University of British Columbia"),
    ],
)
def test_letter_spacing_collapse(printed: str, expected: str) -> None:
    assert tr.collapse_letter_spacing(printed) == expected


def test_drop_spaces_next_to_japanese() -> None:
    assert tr.drop_spaces_next_to_japanese("株式会社 NTT ドコモ 四国支社") == "株式会社NTTドコモ四国支社"
    assert tr.drop_spaces_next_to_japanese("Bio×Digital Transformation (バイオ DX)") == (
        "Bio×Digital Transformation (バイオDX)"
    )


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("P H C 株式会社", "PHC株式会社"),
        ("株式会社 N T T ドコモ 四国支社", "株式会社NTTドコモ四国支社"),
        ("S A W A C H I 型健康社会共創拠点", "SAWACHI型健康社会共創拠点"),
        ("「Health Tech 産業の集積による地域の活性化」", "「Health Tech産業の集積による地域の活性化」"),
    ],
)
def test_normalize_text_chain(printed: str, expected: str) -> None:
    assert tr.normalize_text(printed) == expected


@pytest.mark.parametrize("printed", ["-", " - ", "－", "", None, "―"])
def test_empty_marker(printed: str | None) -> None:
    assert tr.is_empty_marker(printed)


def test_empty_marker_is_not_a_long_vowel_mark() -> None:
    assert not tr.is_empty_marker("ー")
    assert not tr.is_empty_marker("広島県")


def test_sector_tags_split_in_printed_order() -> None:
    lead, chunks = tr.split_sectors(
        "【学】広島大学、県立広島大学、広島市立大学 【官】広島県 【産】中国経済連合会"
    )
    assert lead == ""
    assert [(c.tag, c.text) for c in chunks] == [
        ("学", "広島大学、県立広島大学、広島市立大学"),
        ("官", "広島県"),
        ("産", "中国経済連合会"),
    ]


def test_sector_tags_other_bracket_forms_and_unknown_tags() -> None:
    _, chunks = tr.split_sectors("［学］高知大学［官］高知県【金】株式会社四国銀行")
    assert [c.tag for c in chunks] == ["学", "官", "金"]


def test_member_split_drops_trailing_separator() -> None:
    printed = "P H C 株式会社、株式会社 N T T ドコモ 四国支社、株式会社産学連携キャピタル、"
    assert tr.split_members(printed) == [
        "P H C 株式会社",
        "株式会社 N T T ドコモ 四国支社",
        "株式会社産学連携キャピタル",
    ]


def test_fragment_repair_joins_bare_suffix_and_records_it() -> None:
    items = tr.split_members("徳島文理大学、徳島文理大学、短期大学部、四国大学、四国大学短期大学部")
    fixed, repairs = tr.repair_fragments(items)
    assert fixed == ["徳島文理大学", "徳島文理大学短期大学部", "四国大学", "四国大学短期大学部"]
    assert repairs == [tr.FragmentRepair("徳島文理大学、短期大学部", "徳島文理大学短期大学部")]


@pytest.mark.parametrize(
    ("printed", "org", "role"),
    [
        ("マツダ株式会社代表取締役会長", "マツダ株式会社", "代表取締役会長"),
        ("株式会社広島銀行代表取締役頭取", "株式会社広島銀行", "代表取締役頭取"),
        ("広島県商工会議所連合会会頭", "広島県商工会議所連合会", "会頭"),
        ("徳島県市長会", "徳島県市長会", None),
        ("中国経済連合会", "中国経済連合会", None),
        ("高知県公立大学法人高知工科大学", "高知県公立大学法人高知工科大学", None),
    ],
)
def test_role_split(printed: str, org: str, role: str | None) -> None:
    assert tr.split_role(printed) == (org, role)


def test_plan_name_split() -> None:
    name = "広島県地方大学・地域産業創生事業推進特別委員会(計画名:ひろしまものづくりデジタルイノベーション創出プログラム)"
    assert tr.split_plan_name(name) == (
        "広島県地方大学・地域産業創生事業推進特別委員会",
        "ひろしまものづくりデジタルイノベーション創出プログラム",
    )


def test_plan_name_keeps_inner_brackets() -> None:
    name = (
        "高知県Next次世代型施設園芸農業に関する産学官連携協議会"
        "(計画名:“IoP (Internet of Plants)”が導く「Next次世代型施設園芸農業」への進化)"
    )
    assert tr.split_plan_name(name) == (
        "高知県Next次世代型施設園芸農業に関する産学官連携協議会",
        "“IoP (Internet of Plants)”が導く「Next次世代型施設園芸農業」への進化",
    )


def test_plan_name_absent() -> None:
    assert tr.split_plan_name("とくしま産学官連携プラットフォーム") == (
        "とくしま産学官連携プラットフォーム",
        None,
    )


def test_every_rule_is_listed() -> None:
    names = [name for name, _ in tr.RULES]
    assert len(names) == len(set(names))
    assert {
        "nfkc",
        "letter_spacing_collapse",
        "line_wrap_join",
        "sector_tags",
        "role_split",
        "fragment_repair",
        "member_split",
        "plan_name",
    } <= set(names)


def test_region_lead_split() -> None:
    assert tr.split_region_lead("京都府×京都大学等") == ("京都府", "京都大学等")
    assert tr.split_region_lead("東京都等 × 慶應義塾大学等") == ("東京都等", "慶應義塾大学等")
    assert tr.split_region_lead("広島県") == ("広島県", None)
    assert tr.split_region_lead("Bio×") == ("Bio×", None)


def test_bullet_strip() -> None:
    assert tr.strip_bullet("・ゼロカーボンバイオ産業創出による資源循環共創拠点") == (
        "ゼロカーボンバイオ産業創出による資源循環共創拠点",
        True,
    )
    assert tr.strip_bullet("ゼロカーボン") == ("ゼロカーボン", False)


@pytest.mark.parametrize(
    ("printed", "year"),
    [
        ("2022", 2022),
        ("2022年度", 2022),
        ("令和4年度", 2022),
        ("令和元年度", 2019),
        ("平成30年度", 2018),
        ("", None),
        (None, None),
        ("未定", None),
    ],
)
def test_fiscal_year(printed: str | None, year: int | None) -> None:
    assert tr.fiscal_year(printed) == year


def test_region_codes_come_from_the_ministry_list() -> None:
    from ckextract import regions

    everything = regions.all_regions()
    assert len(everything) > 1700
    for region in everything:
        if region.kind != "prefecture":
            assert region.code[5] == regions.check_digit(region.code[:5]), region
    codes = {
        n: regions.lookup(n).code
        for n in (
            "広島県",
            "徳島県",
            "高知県",
            "東松島市",
            "摂津市",
            "豊明市",  # type: ignore[union-attr]
            "西之表市",
            "中城村",
            "東京都等",
        )
    }
    assert codes == {
        "広島県": "34",
        "徳島県": "36",
        "高知県": "39",
        "東松島市": "042145",
        "摂津市": "272248",
        "豊明市": "232297",
        "西之表市": "462136",
        "中城村": "473286",
        "東京都等": "13",
    }
    assert regions.lookup("府中市") is None  # 東京都 and 広島県 both have one
    assert regions.lookup("広島県府中市").code == "342084"  # type: ignore[union-attr]
    kinds = {n: regions.lookup(n).kind for n in ("神戸市", "室戸市", "大田区", "中城村")}  # type: ignore[union-attr]
    assert kinds == {"神戸市": "designated_city", "室戸市": "city", "大田区": "ward", "中城村": "village"}


def test_japanese_date_reads_the_heading_of_a_mhlw_list() -> None:
    assert tr.japanese_date("平成29年５月15日") == date(2017, 5, 15)  # 北海道労働局 最終更新日：…


def test_japanese_date_reads_an_era_initial() -> None:
    assert tr.japanese_date("H29.4.24") == date(2017, 4, 24)  # 公表日 of the MHLW list


def test_japanese_date_reads_gannen() -> None:
    assert tr.japanese_date("令和元年5月1日") == date(2019, 5, 1)


def test_japanese_date_needs_the_whole_value_to_be_a_date() -> None:
    assert tr.japanese_date("H29.4.24送検") is None  # その他参考事項: an event, not a date


def test_yes_mark_reads_the_consortium_column() -> None:
    assert [tr.yes_mark(v) for v in ("〇", "", "-", "有")] == [
        True,
        False,
        False,
        None,
    ]  # 連携体 of the METI list


def test_placeholders_name_nothing() -> None:
    # seen loading as members and organizations: "-", "・", a lone digit, "???", "N/A"
    assert all(tr.is_placeholder(v) for v in ("-", "・", "3", "???", "N/A", "未定", " ― "))


def test_a_short_real_name_is_no_placeholder() -> None:
    assert not any(tr.is_placeholder(v) for v in ("NTT", "徳島県", "PHC株式会社", "3M"))


# OCR readings: each example is a line Tesseract read from our scan of a real page.


def test_range_tilde_between_times() -> None:
    # MHLW mhlw_ec/02, 対応可能時間帯: printed 9:30～13:00 ... 15:00～18:00
    assert tr.read_range_tilde("金9:30<13:00、15:00て18:00") == "金9:30～13:00、15:00～18:00"


def test_range_tilde_between_weekdays_before_a_time() -> None:
    assert tr.read_range_tilde("月一金9:00ン11:30") == "月～金9:00～11:30"  # mhlw_ec/02


def test_range_tilde_between_weekdays_before_their_bracket_or_day_word() -> None:
    assert tr.read_range_tilde("月て金曜日900-1230") == "月～金曜日900-1230"  # mhlw_ec/03 scanned
    assert tr.read_range_tilde("平日(月て金)8:30-11:30") == "平日(月～金)8:30-11:30"  # mhlw_ec/07


def test_range_tilde_leaves_the_first_of_the_month() -> None:
    assert tr.read_range_tilde("毎月一日9:00") == "毎月一日9:00"


def test_times_sign_between_kanji() -> None:
    assert tr.read_times_sign("京都府X京都大学等") == "京都府×京都大学等"  # the deck's map


def test_times_sign_leaves_latin_words() -> None:
    assert tr.read_times_sign("BioX推進") == "BioX推進"


def test_digit_hyphen_between_digits() -> None:
    # mhlw_ec/02, 住所: printed 山田488-1, 四丁目1-5
    assert tr.read_digit_hyphen("山田488一1、四丁目1ー5") == "山田488-1、四丁目1-5"


def test_digit_hyphen_leaves_kanji_one() -> None:
    assert tr.read_digit_hyphen("字一ツ谷536") == "字一ツ谷536"


def test_time_colon_in_a_range() -> None:
    assert tr.read_time_colon("月・水・木・金8.30～12:00") == "月・水・木・金8:30～12:00"  # mhlw_ec/02
    assert tr.read_time_colon("水・土9:00～11.30") == "水・土9:00～11:30"


def test_time_colon_after_a_weekday_and_in_a_hyphen_range() -> None:
    # mhlw_ec/10: printed 土:9:00-12:30, 月-土:9:00-12:30
    assert tr.read_time_colon("土.9:00-12:30") == "土:9:00-12:30"
    assert tr.read_time_colon("月-土:9:00-12.30") == "月-土:9:00-12:30"


def test_time_comma_between_two_times() -> None:
    # mhlw_ec/10: printed 9:00-12:30,15:00-18:00
    assert tr.read_time_comma("9:00-12:30.15:00-18:00") == "9:00-12:30,15:00-18:00"


def test_time_comma_leaves_a_version_number() -> None:
    assert tr.read_time_comma("v1.2.3") == "v1.2.3"


def test_time_colon_leaves_decimals() -> None:
    assert tr.read_time_colon("1.25～2.50") == "1.25～2.50"


def test_url_colon() -> None:
    assert tr.read_url_colon("https.//efclinic.com") == "https://efclinic.com"  # mhlw_ec/02
    assert tr.read_url_colon("https-//www.kensei-hp.jp") == "https://www.kensei-hp.jp"


def test_jp_domain() -> None:
    # mhlw_ec/02, ウェブサイトURL: printed http://www.tomabechi-ladys.jp/
    assert tr.read_jp_domain("http://www.tomabechi-ladys.|p/") == "http://www.tomabechi-ladys.jp/"
    assert tr.read_jp_domain("www.hospital-mutsu.or.|p") == "www.hospital-mutsu.or.jp"


def test_jp_domain_leaves_other_addresses() -> None:
    assert tr.read_jp_domain("a.ip.example.com/x.lpx") == "a.ip.example.com/x.lpx"


def test_domain_dot() -> None:
    # mhlw_ec/05, ウェブサイトURL: printed https://www.okmc.jp/, …odate.akita.jp/
    assert tr.read_domain_dot("https://www.okmc,jp/") == "https://www.okmc.jp/"
    assert tr.read_domain_dot("www.odate-hp.odate.akita,jp/") == "www.odate-hp.odate.akita.jp/"


def test_domain_dot_leaves_a_list() -> None:
    assert tr.read_domain_dot("A,B,coffee,net2") == "A,B,coffee,net2"


def test_ideographic_comma_between_names() -> None:
    # the deck's 構成員 in a Mincho scan: printed 広島大学、県立広島大学、The University…
    assert tr.read_ideographic_comma("広島大学.県立広島大学.The") == "広島大学、県立広島大学、The"


def test_lost_time_colons_in_a_range() -> None:
    assert tr.lost_time_colons("月・水・金曜:830-12:00、13:30-16:00") == [8]  # mhlw_ec/05 scanned
    assert tr.lost_time_colons("9:00-1230") == [7]


def test_lost_time_colons_leave_numbers_that_are_no_times() -> None:
    assert tr.lost_time_colons("平日 371-0025") == [] and tr.lost_time_colons("0276-72-3140") == []
    assert tr.lost_time_colons("月、水、金:830-1800") == []  # mhlw_ec/05 prints it so
    assert tr.lost_time_colons("2021-2022年 9:00-10:00") == []


def test_postcode_mark_read_as_t() -> None:
    assert tr.read_postcode_mark("T013-8602") == "〒013-8602"  # mhlw_ec/05 scanned
    assert tr.read_postcode_mark("TEL 013-8602") == "TEL 013-8602"


def test_lone_nothing_read_as_mai() -> None:
    assert (
        tr.read_lone_nothing("舞") == "無" and tr.read_lone_nothing("舞(院外薬局対応)") == "無(院外薬局対応)"
    )


def test_lone_nothing_leaves_a_word() -> None:
    assert tr.read_lone_nothing("舞台芸術") == "舞台芸術" and tr.read_lone_nothing("日本舞踊") == "日本舞踊"


def test_ideographic_comma_leaves_a_katakana_name() -> None:
    assert tr.read_ideographic_comma("エフ.クリニック") == "エフ.クリニック"  # mhlw_ec/02, 施設名


def test_ideographic_comma_leaves_weekdays() -> None:
    assert tr.read_ideographic_comma("月.火.水.金9:00") == "月.火.水.金9:00"  # mhlw_ec/07, as printed


def test_ideographic_comma_leaves_weekdays_that_lost_a_dot() -> None:
    assert tr.read_ideographic_comma("月火.水.金9:00") == "月火.水.金9:00"  # mhlw_ec/07 scanned soft


def test_kanji_mouth_read_as_katakana_is_mended() -> None:
    assert tr.read_kanji_mouth("秋田県横手市前郷字八ツロ3番1") == "秋田県横手市前郷字八ツ口3番1"  # mhlw_ec/05
    assert tr.read_kanji_mouth("山ロ県") == "山口県"


def test_katakana_ro_in_a_word_is_kept() -> None:
    assert tr.read_kanji_mouth("新ロゴ") == "新ロゴ" and tr.read_kanji_mouth("ゼロ1") == "ゼロ1"


def test_ocr_reread_keeps_one_character_per_glyph() -> None:
    line = "月て木9:30<13:00京都府X京都大学等488一1https.//a"
    assert len(tr.ocr_reread(line)) == len(line)


def test_range_tilde_where_a_range_wraps() -> None:
    # mhlw_ec/02: 14:00～17:30 wrapped after its ～; 17:00～19:00 before it
    assert tr.read_range_tilde("・金9:00～12:00、14:00>") == "・金9:00～12:00、14:00～"
    assert tr.read_range_tilde("ン19:00)その他") == "～19:00)その他"
    assert tr.read_range_tilde("工事は14:00一") == "工事は14:00一"


def test_dotted_range_in_a_line_of_times() -> None:
    assert (
        tr.read_dotted_range("平日6:30～17:30木・土8.30～11.30") == "平日6:30～17:30木・土8:30～11:30"
    )  # mhlw_ec/02


def test_dotted_range_after_a_weekday_word() -> None:
    assert tr.read_dotted_range("平日8.30～11.30(外来で対応)") == "平日8:30～11:30(外来で対応)"  # mhlw_ec/02


def test_dotted_range_leaves_decimals() -> None:
    assert tr.read_dotted_range("1.25～2.50") == "1.25～2.50"


def test_weekday_dot_between_two_weekdays() -> None:
    assert tr.read_weekday_dot("水:土9:00～12:00") == "水・土9:00～12:00"  # mhlw_ec/02
    assert tr.read_weekday_dot("土:9:00-12:30") == "土:9:00-12:30"  # mhlw_ec/10 prints it


def test_lost_range_marks_between_two_times() -> None:
    assert tr.lost_range_marks("月～金9:00～11:30、14:0017:30") == [19]  # mhlw_ec/02: before the 1 of 17
    assert tr.lost_range_marks("9:00～12:00、14:00～17:00") == []


def test_address_letters_in_a_mail_address() -> None:
    assert tr.read_address_letters("katoh-|c@muse.ocn.ne.jp") == "katoh-lc@muse.ocn.ne.jp"  # mhlw_ec/02
    assert tr.read_address_letters("http://takeuchi-m.byoinnavi.jp/pc/index.htm|") == (
        "http://takeuchi-m.byoinnavi.jp/pc/index.html"
    )


def test_address_letters_a_j_read_as_a_bracket() -> None:
    assert tr.read_address_letters("http://elm-」-clinic.com") == "http://elm-j-clinic.com"


def test_address_letters_only_in_an_address() -> None:
    assert tr.read_address_letters("ABC|DEF") == "ABC|DEF"


def test_url_scheme_p_read_as_o() -> None:
    assert tr.read_url_scheme("htto://www.mominoki-cl.jp") == "http://www.mominoki-cl.jp"  # mhlw_ec/07
    assert tr.read_url_scheme("httos://watanabe-oag.jimdo.com/") == "https://watanabe-oag.jimdo.com/"


def test_url_scheme_h_read_as_n() -> None:
    assert tr.read_url_scheme("nttps.//www.k-medical.jp") == "https.//www.k-medical.jp"  # mhlw_ec/02


def test_dotted_range_wrapped_at_its_tilde() -> None:
    assert (
        tr.read_dotted_range("月・火・水・金9:00～12:00、14.30～") == "月・火・水・金9:00～12:00、14:30～"
    )  # mhlw_ec/02


def test_address_letters_in_a_wrapped_piece_of_an_address() -> None:
    assert tr.read_address_letters("index.htm|") == "index.html"  # mhlw_ec/02, under http://…/pc/
    assert tr.read_address_letters("elm-」-clinic.com") == "elm-j-clinic.com"


def test_colon_places_between_a_weekday_and_its_hours() -> None:
    assert tr.colon_places("月・火・木・金9:00-16:30、水・土:9:00-11:30") == [7]  # mhlw_ec/10


def test_colon_places_in_times_of_a_range() -> None:
    # mhlw_ec/03 scanned soft: 9:00-12:30、14:30-18:30 read with no colon at all
    assert tr.colon_places("900-1230、1430-1830") == [1, 6, 11, 16]


def test_colon_places_after_an_address_scheme() -> None:
    assert tr.colon_places("http//www.ohara-hp.or.jp") == [4]  # mhlw_ec/07
    assert tr.colon_places("xhttp//") == [] and tr.colon_places("https://a.jp") == []


def test_dot_places_between_letters_of_an_address() -> None:
    assert tr.dot_places("hospitalgr.jp/") == [1, 2, 3, 4, 5, 6, 7, 8, 9, 12]  # mhlw_ec/10 crisp


def test_dot_places_between_days_of_the_week() -> None:
    assert tr.dot_places("月火.水.金9:00-12:00") == [1]  # mhlw_ec/07 scanned soft


def test_dot_places_between_days_only_where_the_line_dots_them() -> None:
    assert tr.dot_places("月火水9:00-12:00") == []


def test_dot_places_only_in_an_address() -> None:
    assert tr.dot_places("医療法人IVF大阪") == [] and tr.dot_places("TEL 0276-72") == []


def test_stray_stops_ending_a_value() -> None:
    # mhlw_ec scanned with dust (seed 3): 10's 有 and phone number, 05's clinic
    assert tr.stray_stops("有.") == [1] and tr.stray_stops("0276-72-3140.") == [12]
    assert tr.stray_stops("御野場たなかレディースクリニック・") == [16]
    assert tr.stray_stops("018-866-8352|") == [12]  # 05: a rule's sliver


def test_stray_stops_after_another_mark() -> None:
    assert tr.stray_stops("9:00-12:30,.16:00-18:30") == [11]  # mhlw_ec/10 scanned
    assert tr.stray_stops("https://saito-ledies..jp/") == [21]  # mhlw_ec/03 scanned


def test_no_stray_stop_after_a_letter_or_in_a_path() -> None:
    assert tr.stray_stops("http://www.sukoyaka.net.") == [] and tr.stray_stops("Co., Ltd.") == []
    assert tr.stray_stops("http://a.jp/../b") == [] and tr.stray_stops("月・火・水") == []


def test_capital_www_is_read_small() -> None:
    assert tr.read_address_letters("http://Www.yu-ai.net/") == "http://www.yu-ai.net/"  # mhlw_ec/03 crisp


def test_lost_scheme_colons() -> None:
    assert tr.lost_scheme_colons("http//www.ohara-hp.or.jp") == [4]  # mhlw_ec/07 scanned
    assert tr.lost_scheme_colons("https//watanabe-oag.jimdo.com/") == [5]


def test_lost_scheme_colons_leave_addresses_that_have_them() -> None:
    assert tr.lost_scheme_colons("http://www.honcli.or.jp/") == []
    assert tr.lost_scheme_colons("www.example.jp/shttp//x") == []  # not a scheme: a letter before it


def test_lost_domain_dots_before_jp() -> None:
    assert tr.lost_domain_dots("https://www.kitaakita-hpjp/") == [24]  # mhlw_ec/05: …-hp.jp/
    assert tr.lost_domain_dots("katoh@muse.ocn.nejp") == [17]


def test_lost_domain_dots_only_at_the_hosts_end() -> None:
    assert tr.lost_domain_dots("https://www.okmc.jp/") == []
    assert tr.lost_domain_dots("http://www.x.com/abcjp/") == []  # a path may end in jp


def test_jp_small_in_an_address() -> None:
    assert tr.read_jp_small("http://www.shimizu-acJp/") == "http://www.shimizu-acjp/"  # mhlw_ec/05


def test_time_colon_after_a_weekday_word_or_a_bracket() -> None:
    assert tr.read_time_colon("月・火・水・金曜.9:00-17:30") == "月・火・水・金曜:9:00-17:30"  # mhlw_ec/05
    assert tr.read_time_colon("土曜(第四以外).8:30") == "土曜(第四以外):8:30"


def test_a_lone_bracket_against_a_digit_is_dust() -> None:
    assert tr.stray_stops("正法寺町186-]1") == [8]  # mhlw_ec/07 scanned soft
    assert tr.stray_stops("9:00-12:00]") == [10] and tr.stray_stops("沢21[") == [3]  # 07, 03


def test_a_citations_brackets_are_kept() -> None:
    assert tr.stray_stops("in 2001 [9]. The") == []


def test_a_bracket_ending_a_number_after_a_hyphen_is_its_one() -> None:
    assert tr.stray_stops("141-]") == [] and tr.read_bracket_one("141-]") == "141-1"  # mhlw_ec/02


def test_a_one_read_as_a_dagger_in_a_time_is_one() -> None:
    assert tr.read_dagger_one("月・火・木・金9:00-†8:00") == "月・火・木・金9:00-18:00"  # mhlw_ec/03
    assert tr.read_dagger_one("注†") == "注†"  # a note's mark stays


def test_a_full_stop_between_day_words_is_kept() -> None:
    assert tr.read_ideographic_comma("木曜.土曜8:30-12:00") == "木曜.土曜8:30-12:00"  # mhlw_ec/03
    assert tr.read_ideographic_comma("(祝日.水曜.日曜休み)") == "(祝日.水曜.日曜休み)"  # mhlw_ec/07


def test_an_address_host_is_written_small() -> None:
    assert tr.read_address_letters("http://www.kaori-Ic.com/") == "http://www.kaori-lc.com/"  # mhlw_ec/05
    assert (
        tr.read_address_letters("https://www.K-medical.jp/CMS/") == "https://www.k-medical.jp/CMS/"
    )  # path kept


def test_time_colon_read_as_a_dot_before_a_time_run_on() -> None:
    # mhlw_ec/07 prints 8:30-11:30 15:00-18:30; OCR's line has no space between the times
    assert tr.read_time_colon("火~金8.30-11:3015:00-18:30") == "火~金8:30-11:3015:00-18:30"
    assert tr.read_time_colon("土8:30-11.3015:00") == "土8:30-11:3015:00"


def test_a_middle_dot_read_in_a_chain_of_days_or_numbers() -> None:
    assert tr.read_chain_dot("月・火-水・金:9:00") == "月・火・水・金:9:00"  # mhlw_ec/10 scanned soft
    assert tr.read_chain_dot("土曜(第1.3・5)") == "土曜(第1・3・5)"  # mhlw_ec/03 scanned soft


def test_a_range_or_a_decimal_is_no_chain() -> None:
    assert tr.read_chain_dot("月-金・土9:00") == "月-金・土9:00" and tr.read_chain_dot("1.5・2") == "1.5・2"


def test_a_long_dash_in_an_address_is_a_hyphen() -> None:
    assert (
        tr.read_address_letters("https://www.keiai—kai.or.jp") == "https://www.keiai-kai.or.jp"
    )  # mhlw_ec/07


def test_a_bar_after_an_underscore_in_an_address_is_an_l() -> None:
    assert tr.read_address_letters("http://www.myclinic.ne.jp/matsui_|ady/pc/") == (
        "http://www.myclinic.ne.jp/matsui_lady/pc/"  # mhlw_ec/10 scanned soft
    )


def test_a_full_stop_between_an_address_and_japanese_text_is_dust() -> None:
    assert tr.stray_stops("http://www.yoshidaiin.com/.ホームページ") == [26]  # mhlw_ec/03 scanned soft
    assert tr.stray_stops(".ホームページ変更予定") == [0]  # the same, the address a line above
    assert tr.stray_stops(".com/index.html") == []  # a wrapped address's next line


def test_a_hyphen_read_twice_between_digits_is_one() -> None:
    assert tr.stray_stops("前橋市紅雲町1-ー7-13") == [8]  # mhlw_ec/10 scanned soft
    assert tr.stray_stops("前橋市紅雲町1-7-13") == []


def test_era_date_stop_read_as_a_colon() -> None:
    assert tr.read_era_date_dot("H29.12:12送検") == "H29.12.12送検"  # mhlw_labor scanned
    assert tr.read_era_date_dot("R2:1:5") == "R2:1:5"  # no stop read as one: left as read


def test_date_day_read_as_a_kanji_of_its_strokes() -> None:
    assert (
        tr.read_date_day("最終更新日:平成29年5月15晶") == "最終更新日:平成29年5月15日"
    )  # mhlw_labor scanned
    assert tr.read_date_day("第15目") == "第15目"  # no month before it


def test_member_split_on_a_half_width_comma_between_japanese_words() -> None:
    # the seed deck's 徳島 council cell, Mincho, scanned: its 、 read as ,
    printed = "徳島県商工会議所連合会,徳島県中小企業団体中央会"
    assert tr.split_members(printed) == ["徳島県商工会議所連合会", "徳島県中小企業団体中央会"]
    assert tr.count_printed_items(printed) == 2


def test_member_split_keeps_the_comma_of_a_latin_name() -> None:
    assert tr.split_members("Panasonic Co., Ltd.、高知大学") == ["Panasonic Co., Ltd.", "高知大学"]


def test_member_split_on_a_comma_read_with_a_space_after_it() -> None:
    # the same cell as OCR gives it: Tesseract leaves the Mincho 、's gap after the ,
    assert tr.split_members("徳島県商工会議所連合会, 徳島県中小企業団体中央会") == [
        "徳島県商工会議所連合会",
        "徳島県中小企業団体中央会",
    ]


def test_sector_tag_with_a_scan_s_dust_inside_its_brackets() -> None:
    _, chunks = tr.split_sectors("【官】徳島県【.産】日亜化学工業、日本フネン")
    assert [(c.tag, c.text) for c in chunks] == [("官", "徳島県"), ("産", "日亜化学工業、日本フネン")]


def test_sector_tag_with_one_bracket_read_as_a_parenthesis() -> None:
    # open_rules_mincho scanned soft (seed 8): 【学】 read (学】 and 【(学】
    for printed in ("(学】徳島大学【官)徳島県", "【(学】徳島大学【官】徳島県"):
        _, chunks = tr.split_sectors(printed)
        assert [(c.tag, c.text) for c in chunks] == [("学", "徳島大学"), ("官", "徳島県")]


def test_sector_tag_whose_closing_bracket_was_lost() -> None:
    _, chunks = tr.split_sectors("【学】徳島大学、阿南工業高等専門学校【官徳島県【産】日亜化学工業")
    assert [c.tag for c in chunks] == ["学", "官", "産"]
    assert chunks[1].text == "徳島県"
    assert tr.count_printed_items("【学】徳島大学、阿南工業高等専門学校【官徳島県") == 3


def test_sector_marks_are_the_records_sectors() -> None:
    from ckextract.records import SECTORS

    assert tr.SECTOR_MARKS == SECTORS
