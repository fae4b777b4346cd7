"""Values of declared lists: types, glyphs recovered from embedded fonts, one item a line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ckextract.discover import discover
from ckextract.extract import extract_document
from ckextract.lists.values import typed
from ckextract.pipeline import ingest
from tests.conftest import SHARED

METI = SHARED / "real_pdfs" / "meti_saikouchiku" / "tokubetsu_kinki07.pdf"
LABOR_012 = SHARED / "real_pdfs" / "mhlw_labor" / "012_20170401_to_20180331" / "170510-01.pdf"
EC = SHARED / "real_pdfs" / "mhlw_ec" / "01_000876235.pdf"
needs_shared = pytest.mark.skipif(not METI.exists(), reason="../shared/real_pdfs is not beside the checkout")


def test_a_corporate_number_needs_its_check_digit() -> None:
    assert typed("corporate_number", "4210001008463").value == "4210001008463"  # ボリス・ビアン, METI list
    assert (
        typed("corporate_number", "4210001008464").error
        == "法人番号 check digit does not match: '4210001008464'"
    )


def test_a_prefecture_brings_its_code() -> None:
    value = typed("prefecture", "福井県")
    assert (value.value, value.extra) == ("福井県", {"code": "18"})


def test_an_unmapped_glyph_is_flagged_never_passed_on() -> None:
    value = typed("text", "株式会社ＩＣＨＩ(cid:98)Ｓ")
    assert value.value is None and value.error is not None and "maps to no character" in value.error


@needs_shared
def test_glyphs_without_a_unicode_map_are_read_from_the_embedded_font() -> None:
    """The METI list prints 25 glyphs as (cid:695)/(cid:98); its embedded TrueType names them."""
    (doc,) = discover([METI])
    ex = extract_document(doc)
    texts = [c.text for t in ex.tables for c in t.cells]
    assert not any("(cid:" in t for t in texts)
    assert ex.recovered_glyphs >= 25 and ex.unmapped_glyphs == 0  # 25 cells held one or more
    assert "株式会社ＩＣＨＩʼＳ ＷＯＲＫＳ" in texts  # (cid:98): glyph uni02BC


@needs_shared
def test_a_cell_keeps_its_hard_line_breaks() -> None:
    """違反法条 prints one law a line: three lines, three items (wrapped lines would stay one)."""
    (doc,) = discover([LABOR_012])
    cells = [c for t in extract_document(doc).tables for c in t.cells if "151条の74" in c.text]
    assert cells[0].paragraphs == [
        "労働安全衛生法第20条",
        "労働安全衛生規則第151条の74",
        "労働者派遣法第45条",
    ]


@needs_shared
def test_a_value_not_of_its_type_is_kept_as_printed_and_reported(tmp_path: Path) -> None:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "ec.toml").write_text(
        'id = "ec"\n[recognize]\nheader = ["住所"]\n'
        '[[columns]]\nname = "address"\nheader = ["住所"]\ntype = "date"\n',
        encoding="utf-8",
    )
    summary = ingest([EC], tmp_path / "w.duckdb", spec_dirs=(specs,))
    assert summary.loaded == [EC.name] and summary.list_rows > 0
    assert any("list.ec.address_is_date" in w for w in summary.dq_warnings)
    import duckdb

    raw, errors, address = (
        duckdb.connect(str(tmp_path / "w.duckdb"))
        .execute("SELECT raw, type_errors, address FROM v_list_ec LIMIT 1")
        .fetchall()[0]
    )
    assert json.loads(raw)["address"] and "not a date" in json.loads(errors)["address"] and address is None
