"""Table extraction: grid structure, merged headers, provenance, stitching, glyph placement."""

from __future__ import annotations

from pathlib import Path

from ckextract.discover import discover
from ckextract.extract import extract_document
from ckextract.extract.grid import PageGrid, boxes_to_grid
from ckextract.extract.text import assign_chars, chars_to_lines
from ckextract.settings import ExtractSettings
from tests.conftest import DECK, FIXTURES, records_of

GROUPS = [
    "地方大学・地域産業創生交付金（内閣府）",
    "共創の場形成支援プログラム（文部科学省）",
    "都道府県・指定都市における「産学官連携」の推進体制等に係る調査（総務省）（※）",
]


def _extract(path: Path):  # type: ignore[no-untyped-def]
    (doc,) = discover([path])
    return extract_document(doc)


def test_deck_table_has_merged_group_headers() -> None:
    ex = _extract(DECK)
    assert ex.page_count == 4
    (table,) = ex.tables
    assert (table.pages, table.n_rows, table.n_cols) == ((2,), 5, 10)
    grid = table.grid()
    assert grid[0] == ["", GROUPS[0], None, None, GROUPS[1], None, None, GROUPS[2], None, None]
    assert grid[1] == [None, *["名称", "構成員", "取組概要"] * 3]
    assert [row[0] for row in grid[2:]] == ["広島県", "徳島県", "高知県"]
    spans = {(c.row, c.col): (c.row_span, c.col_span) for c in table.cells}
    assert spans[(0, 0)] == (2, 1)
    assert spans[(0, 1)] == spans[(0, 4)] == spans[(0, 7)] == (1, 3)


def test_cells_keep_provenance() -> None:
    ex = _extract(DECK)
    (table,) = ex.tables
    cell = table.cell_at(2, 0)
    assert cell is not None and cell.text == "広島県" and cell.page_number == 2
    x0, top, x1, bottom = cell.bbox
    assert table.bbox[0] <= x0 < x1 <= table.bbox[2] and table.bbox[1] <= top < bottom <= table.bbox[3]
    assert ex.document.document_id == discover([DECK])[0].document_id
    assert len(ex.document.document_id) == 64


def test_table_over_three_pages_is_stitched_once_with_one_header() -> None:
    ex = _extract(FIXTURES / "network_table" / "ruled_split_pages.pdf")
    (table,) = ex.tables
    assert table.pages == (1, 2, 3)
    assert table.n_rows == 5
    grid = table.grid()
    assert [row[0] for row in grid] == ["", None, "広島県", "徳島県", "高知県"]
    assert sum(1 for row in grid if row[1] == "名称") == 1
    assert {c.page_number for c in table.cells if c.row >= 2} == {1, 2, 3}


def test_fake_bold_region_names_are_deduplicated() -> None:
    grid = _extract(FIXTURES / "network_table" / "ruled_extra_regions.pdf").tables[0].grid()
    assert [row[0] for row in grid[2:]] == ["島根県", "広島県", "徳島県", "高知県", "富山県"]


def test_non_embedded_cid_font_text_is_read() -> None:
    records = records_of(FIXTURES / "network_table" / "shaded_cid_narrow.pdf")
    assert "(cid:" not in "".join(m.org_name for m in records.memberships)
    assert any(m.org_name == "株式会社NTTドコモ四国支社" for m in records.memberships)


def _char(text: str, x0: float, top: float, size: float = 6.0) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size}


def test_hanging_punctuation_stays_in_the_cell_that_set_it() -> None:
    grid: PageGrid = boxes_to_grid([(0, 0, 50, 20), (50, 0, 100, 20)], 1, 1.0)
    # "、" starts 2pt before the border: its centre is over the next cell, its origin is not
    chars = [_char("行", 40, 5), _char("い", 42, 5), _char("、", 48, 5), _char("産", 52, 5)]
    by_cell = assign_chars(chars, grid)
    assert "".join(c["text"] for c in by_cell[0]) == "行い、"  # type: ignore[misc]
    assert "".join(c["text"] for c in by_cell[1]) == "産"  # type: ignore[misc]


def test_gap_between_glyphs_becomes_a_space() -> None:
    chars = [_char("P", 0, 0), _char("H", 9.6, 0), _char("C", 19.2, 0), _char("株", 28.8, 0)]
    assert chars_to_lines(chars, ExtractSettings().word_gap_ratio) == ["P H C 株"]


def test_lines_are_grouped_by_vertical_overlap() -> None:
    chars = [_char("委", 0, 10.3), _char("広", 0, 0), _char("島", 6, 0.4), _char("員", 6, 10)]
    assert chars_to_lines(chars, 0.3) == ["広島", "委員"]


def test_a_lone_shaded_box_is_not_a_table() -> None:
    ex = _extract(DECK)  # the map slide has a big grey box; only the table slide has a table
    assert [t.pages for t in ex.tables] == [(2,)]


def test_pages_read_in_chunks_stitch_like_one_pass() -> None:
    """A large document is read in page chunks (each a work unit for another worker) and
    put back together: the table spanning all three pages comes out as from one pass."""
    from ckextract import stages

    docs = discover([FIXTURES / "network_table" / "ruled_split_pages.pdf", DECK])
    settings = ExtractSettings()
    (batch,) = stages.plan_batches(docs, max_docs=16, max_pages=500)
    units = stages.work_units(batch, settings, chunk=1)
    assert [u.pages for u in units] == [
        range(1, 2),
        range(2, 3),
        range(3, 4),
        range(1, 2),
        range(2, 3),
        range(3, 4),
        range(4, 5),
    ]
    parts = [stages.extract(u) for u in units]
    for doc in docs:
        mine = [p for u, p in zip(units, parts, strict=True) if u.doc == doc]
        chunked = stages.normalize(doc, mine, settings)
        whole = stages.normalize(doc, [stages.extract(stages.WorkUnit(doc, settings))], settings)
        assert chunked == whole
