"""Adoption lists: the map slide (program from the legend's marker colours) and a tabular list.

The expected map is typed from ../shared/seed/README.md (entries and the best
known program assignment), with the documented text rules applied by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ckextract.layouts.map_legend import Token, legend_pairs, program_of, read_legend
from ckextract.pipeline import ingest
from ckextract.records import TextLine, TextSpan
from tests.adoption_data import COI, EXPECTED, C, K
from tests.conftest import DECK, FIXTURES, RAW_PDFS, SHARED, records_of

MAP_VARIANT = FIXTURES / "map_slide" / "map_variant.pdf"
TABULAR = RAW_PDFS / "kyoso_no_ba_saitaku_ichiran.pdf"
CODES = {
    "東松島市": "042145",
    "摂津市": "272248",
    "豊明市": "232297",
    "西之表市": "462136",
    "中城村": "473286",
}


def _map_view(path: Path) -> list[tuple[str, ...]]:
    return [
        (a.program_id or "", a.region_name, a.lead_institution or "", a.project_name)
        for a in records_of(path).adoptions
        if a.layout == "map_legend"
    ]


def test_map_slide_gives_every_entry_of_the_seed() -> None:
    assert _map_view(DECK) == EXPECTED
    assert len(EXPECTED) == 37
    entries = {(r, lead, p) if lead else (r, "★", "") for p, r, lead, _ in EXPECTED}
    assert len(entries) == 32  # a labelled entry per (region, lead, program); a ★ region once


@pytest.mark.parametrize("path", [DECK, MAP_VARIANT], ids=["deck", "variant"])
def test_map_region_codes(path: Path) -> None:
    codes = {a.region_name: a.region_code for a in records_of(path).adoptions}
    assert {k: codes[k] for k in CODES} == CODES
    assert codes["広島県"] == "34" and codes["東京都等"] == "13"


def test_map_built_another_way_gives_the_same_result() -> None:
    assert _map_view(MAP_VARIANT) == EXPECTED
    assert records_of(MAP_VARIANT).warnings == ()


def test_tabular_list_stitched_without_header_rows() -> None:
    records = records_of(TABULAR)
    (table,) = records.extraction.tables
    assert table.pages == (1, 2, 3)
    adoptions = records.adoptions
    assert len(adoptions) == 23
    assert {a.program_id for a in adoptions} == {K}
    assert "拠点名" not in {a.project_name for a in adoptions}
    assert [a.entry_index for a in adoptions] == list(range(1, 24))
    assert {(a.fiscal_year, a.field, a.proposal_type) for a in adoptions} == {(None, None, None)}
    kyoso_map = [(r, lead.removesuffix("等"), name) for p, r, lead, name in EXPECTED if p == K and lead]
    table_view = [
        (a.region_name, a.lead_institution, a.project_name)
        for a in adoptions
        if a.region_name not in ("広島県", "徳島県", "高知県")
    ]
    assert table_view == kyoso_map
    leads = {a.region_name: a.lead_institution for a in adoptions}
    assert (leads["広島県"], leads["徳島県"], leads["高知県"]) == ("広島大学", "徳島大学", None)


RULES_ONLY = {
    "rules_only_narrow": (1, 2),  # rules above and below the header, at the foot; 12 rows a page
    "header_rule_only_wide": (1, 2, 3),  # the header above the first rule; Mincho; 10 rows a page
}


@pytest.mark.parametrize("name", sorted(RULES_ONLY))
def test_list_without_column_lines_reads_like_the_boxed_list(name: str) -> None:
    """Same list, no column lines (the columns are white space), other widths and fonts:
    the same 23 adoptions, the empty 年度/分野 columns kept as columns."""
    boxed = records_of(TABULAR).adoptions
    records = records_of(FIXTURES / "adoption_list" / f"{name}.pdf")
    (table,) = records.extraction.tables
    assert table.pages == RULES_ONLY[name]
    assert table.grid()[0] == ["No.", "年度", "分野", "提案タイプ", "拠点名", "代表機関", "参画自治体"]

    def view(adoptions):  # type: ignore[no-untyped-def]
        return [(a.entry_index, a.region_name, a.lead_institution, a.project_name) for a in adoptions]

    assert view(records.adoptions) == view(boxed)
    assert len(boxed) == 23


def test_warehouse_links_and_multi_program_regions(db_path: Path) -> None:
    ingest([RAW_PDFS], db_path)
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT count(*) FROM adoption_sightings").fetchall() == [
        (60,)
    ]  # 37 on the map, 23 listed
    assert con.execute("SELECT count(*) FROM adoptions").fetchall() == [(37,)]  # one row per project
    printed_twice = con.execute(
        "SELECT program_id, count(*) FROM adoptions WHERE len(document_ids) = 2 GROUP BY ALL"
    ).fetchall()
    assert printed_twice == [(K, 23)]  # the 共創の場 projects: on the map and in the list
    links = con.execute(
        "SELECT a.region_name, a.program_id, n.name, l.rule FROM adoption_network_links l "
        "JOIN adoptions a USING (adoption_id) JOIN networks n USING (network_id) ORDER BY 1, 2"
    ).fetchall()
    assert [(r, p, rule) for r, p, _, rule in links] == [
        ("広島県", C, "exact_name"),
        ("広島県", K, "similar_name"),
        ("徳島県", C, "exact_name"),
        ("徳島県", K, "exact_name"),
        ("高知県", C, "similar_name"),
        ("高知県", K, "exact_name"),
    ]
    regions = con.execute(
        "SELECT region_name, programs, chihou_and_kyoso FROM v_multi_program_regions ORDER BY region_code"
    ).fetchall()
    assert regions == [
        ("長野県", [COI, K], False),
        ("愛知県", [COI, K], False),
        ("京都府", [COI, K], False),
        ("広島県", [C, K], True),
        ("徳島県", [C, K], True),
        ("高知県", [C, K], True),
    ]


def _line(*spans: tuple[str, str | None]) -> TextLine:
    return TextLine(1, (0, 0, 100, 10), tuple(TextSpan(t, c, 7.0, (0, 0, 1, 1)) for t, c in spans))


def test_legend_marker_then_label_and_label_then_marker() -> None:
    red, green, blue = "#e83828", "#2e9e4f", "#1f5fbf"
    lines = [
        _line(("● ", red), ("地方大学・地域産業創生交付金採択拠点", "#000000")),
        _line(("●", green), ("●", blue), (" 共創の場形成支援採択拠点", "#000000")),
        _line(
            ("(地方大学・地域産業創生交付金 ", "#000000"),
            ("●", red),
            (" 共創の場形成支援プログラム ", "#000000"),
            ("●", green),
            (")", "#000000"),
        ),
    ]
    assert legend_pairs(lines[1]) == []
    assert read_legend(lines) == {("●", red): C, ("●", green): K}


def test_marker_program_needs_the_same_glyph_and_a_close_colour() -> None:
    legend = {("●", "#f39800"): K}
    assert program_of(Token("●", "#f39a02", True), legend) == K
    assert program_of(Token("★", "#f39800", True), legend) is None
    assert program_of(Token("●", "#d4a017", True), legend) is None


def test_unknown_marker_colour_is_reported(tmp_path: Path) -> None:
    from ckextract.layouts.map_legend import MapLegendLayout
    from ckextract.records import Extraction

    lines = [
        _line(("● ", "#e83828"), ("地方大学・地域産業創生交付金採択拠点", "#000000")),
        _line(("●", "#123456"), ("島根県×島根大学等", "#000000")),
        _line(("・先端金属材料グローバル拠点の創出", "#000000")),
    ]
    lines = [TextLine(1, (20, 10 * i, 200, 10 * i + 7), ln.spans) for i, ln in enumerate(lines)]
    ex = records_of(DECK).extraction
    out = MapLegendLayout().parse(Extraction(ex.document, 1, ()), 1, lines)
    assert [(a.region_name, a.program_id, a.marker_colour) for a in out.adoptions] == [
        ("島根県", None, "#123456")
    ]
    assert out.warnings == [f"{DECK.name}: p1: 島根県: marker colour #123456 is not in the legend"]


def test_pdf_with_no_known_layout_still_lands_in_raw_cells(tmp_path: Path, db_path: Path) -> None:
    pdf = SHARED / "real_pdfs" / "mhlw_ec" / "02_001095355.pdf"
    if not pdf.exists():
        pytest.skip("../shared/real_pdfs is not beside the checkout")
    shutil.copy(pdf, tmp_path / pdf.name)
    summary = ingest([tmp_path / pdf.name], db_path)
    assert summary.ok and summary.no_layout == [pdf.name] and summary.loaded == []
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT count(*) > 0 FROM raw_cells").fetchall() == [(True,)]
    assert con.execute("SELECT layouts FROM documents").fetchall() == [(None,)]
