"""Hostile pages (tests/fixtures/hostile/, made by tools/make_hostile.py): bounded work per
page, each limit named, the rest of the document and the run go on."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pdfplumber
import pytest

from ckextract.discover import discover
from ckextract.errors import DocumentError, OutOfMemoryError
from ckextract.extract import cells, extract_document, limits
from ckextract.extract.grid import merge_edges, page_edges
from ckextract.extract.limits import PageLimitError, Work
from ckextract.extract.pdf import classify
from ckextract.pipeline import ingest
from ckextract.settings import ExtractSettings
from tests.conftest import DECK, FIXTURES

HOSTILE = FIXTURES / "hostile"
SETTINGS = ExtractSettings()


def crossings(name: str) -> dict[cells.Point, cells.Crossing]:
    with pdfplumber.open(HOSTILE / name) as pdf:
        page = pdf.pages[0]
        edges = page_edges(page.rects, page.lines, page.curves, page.bbox, SETTINGS)
    tolerance = SETTINGS.intersection_tolerance
    return cells.edges_to_intersections(merge_edges(edges, SETTINGS), tolerance, tolerance, 10**7)


def test_a_300_by_300_grid_costs_a_few_pairs_per_crossing() -> None:
    points = crossings("grid_300.pdf")
    work = Work(budget=10**9)
    found = cells.intersections_to_cells(points, work)
    assert len(points) == 301 * 301 and len(found) == 300 * 300
    assert work.examined <= 3 * len(points)


def test_the_cell_search_stops_at_its_budget() -> None:
    work = Work(budget=100_000)
    with pytest.raises(PageLimitError) as info:
        cells.intersections_to_cells(crossings("comb_120.pdf"), work)
    assert info.value.code == "page_too_complex"
    assert work.examined == work.budget + 1


def test_the_same_cells_as_pdfplumber() -> None:
    from pdfplumber import table as pt

    with pdfplumber.open(DECK) as pdf:
        page = pdf.pages[1]
        edges = merge_edges(page_edges(page.rects, page.lines, page.curves, page.bbox, SETTINGS), SETTINGS)
    ours = cells.intersections_to_cells(cells.edges_to_intersections(edges, 3, 3, 10**6), Work(10**9))
    theirs = pt.intersections_to_cells(pt.edges_to_intersections(edges, 3, 3))
    assert sorted(ours) == sorted(theirs)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("comb_120.pdf", "page 1: ruling lines too complex to read as cells (more than 300,400 point pairs)"),
        ("million_glyphs.pdf", "page 1: too much text (1,000,000 or more glyphs; the limit is 100,000)"),
        ("many_shapes.pdf", "page 1: too many shapes (400,000; the limit is 50,000)"),
        ("form_drawn_1000_times.pdf", "page 1: too many shapes (100,000; the limit is 50,000)"),
        ("content_flood.pdf", "page 1: too much content (10,000,000 bytes decoded; the limit is 8,000,000)"),
    ],
)
def test_a_document_of_one_page_over_a_limit_is_rejected_by_name(name: str, reason: str) -> None:
    (doc,) = discover([HOSTILE / name])
    with pytest.raises(DocumentError) as info:
        extract_document(doc)
    assert info.value.code == "over_limit"
    assert str(info.value) == f"{name}: every page is over a limit ({reason})"


def test_a_page_over_a_limit_is_skipped_and_the_others_are_read() -> None:
    (doc,) = discover([HOSTILE / "grid_1000_after_table.pdf"])
    extraction = extract_document(doc)
    assert [(t.pages, t.n_rows, t.n_cols) for t in extraction.tables] == [((1,), 2, 2)]
    assert extraction.skipped_pages == (
        (2, "too_many_rulings", "too many ruling-line crossings (more than 250,000)"),
    )


def test_skipped_pages_are_loaded_and_named_in_the_summary(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HOSTILE / "grid_1000_after_table.pdf", folder)
    shutil.copy(DECK, folder)
    summary = ingest([folder], db_path, validate_records=False)
    assert sorted(summary.loaded + summary.no_layout) == sorted([DECK.name, "grid_1000_after_table.pdf"])
    assert any("page 2 skipped: too many ruling-line crossings" in w for w in summary.warnings)
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT page_number, code FROM skipped_pages").fetchall() == [(2, "too_many_rulings")]


def test_a_page_over_its_time_is_skipped_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(range(0, 10**6, 10))  # every reading of the clock is 10 s later
    # the module's own clock only: Prefect's event-loop thread, left running by earlier
    # tests, reads time.monotonic too and once took these ticks (a flaky failure)
    monkeypatch.setattr(limits, "time", SimpleNamespace(monotonic=lambda: float(next(ticks))))
    (doc,) = discover([DECK])
    with pytest.raises(DocumentError) as info:
        extract_document(doc, ExtractSettings(page_seconds=5))
    assert info.value.reason == (
        "every page is over a limit (page 1: still reading its glyphs and lines after 5 s (page time limit))"
    )


def test_a_document_over_its_time_is_rejected_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    import ckextract.extract as extract

    ticks = iter(range(0, 10**6, 100))
    monkeypatch.setattr(extract, "time", SimpleNamespace(monotonic=lambda: float(next(ticks))))
    (doc,) = discover([DECK])
    with pytest.raises(DocumentError) as info:
        extract_document(doc, ExtractSettings(document_seconds=150))
    assert (info.value.code, info.value.reason) == (
        "over_time",
        "still being read after 150 s (document time limit)",
    )


def test_out_of_memory_on_a_page_skips_it_and_is_never_called_damage(monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr("ckextract.extract.page_tables", exhausted)
    (doc,) = discover([DECK])
    with pytest.raises(DocumentError) as info:
        extract_document(doc)
    assert info.value.code == "over_limit"
    assert "out of memory while reading it" in info.value.reason


def test_a_memory_error_deep_in_the_parser_is_out_of_memory() -> None:
    try:
        try:
            raise MemoryError
        except MemoryError as inner:
            raise ValueError("while parsing") from inner
    except ValueError as exc:
        error = classify(Path("big.pdf"), exc)
    assert isinstance(error, OutOfMemoryError)
    assert str(error) == "big.pdf: out of memory while reading it"


# -- names that are markup: data in every HTML page --------------------------------------------

PAYLOADS = ("<img src=x onerror=alert(1)>", "<svg/onload=alert(2)>", "'\"><body onload=alert(3)>")
"""As tools/make_hostile.py prints them in script_names.pdf."""


class Tags(HTMLParser):
    """Every element of a page, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def live_payloads(page: Tags) -> list[str]:
    """The payloads' elements, where they became markup (GX's own buttons have onclick: not these)."""
    found = [f"{t} {a}" for t, attrs in page.tags for a, _ in attrs if a in ("onerror", "onload")]
    found += [t for t, attrs in page.tags if t == "svg" or (t == "img" and ("src", "x") in attrs)]
    return found + ["second body"] * max(0, sum(1 for t, _ in page.tags if t == "body") - 1)


def parse_html(path: Path) -> Tags:
    page = Tags()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def payload_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("payloads")
    shutil.copy(HOSTILE / "script_names.pdf", folder)
    summary = ingest([folder], folder / "w" / "w.duckdb")
    assert summary.loaded == ["script_names.pdf"] and summary.data_docs
    return folder / "w" / "w.duckdb"


def test_data_docs_print_names_from_a_pdf_as_text(payload_warehouse: Path) -> None:
    pages = sorted((payload_warehouse.parent / "gx" / "uncommitted" / "data_docs").rglob("*.html"))
    failing = [p for p in pages if "validations" in p.parts and "memberships" in p.name]
    assert failing, "the failing check's page exists"
    for page in pages:
        parsed = parse_html(page)
        assert live_payloads(parsed) == [], page
    text = "".join(parse_html(failing[0]).text)
    assert all(p in text for p in PAYLOADS)


def test_the_warehouse_keeps_names_as_printed(payload_warehouse: Path) -> None:
    con = duckdb.connect(str(payload_warehouse), read_only=True)
    names = {r[0] for r in con.execute("SELECT org_name FROM memberships").fetchall()}
    assert set(PAYLOADS) <= names
    (sample,) = con.execute(
        "SELECT unexpected_sample FROM dq_results WHERE expectation = 'memberships.org_name_no_brackets'"
    ).fetchone() or (None,)
    assert all(p in str(sample) for p in ("<img src=x onerror=alert(1)>", "<svg/onload=alert(2)>"))


def test_the_graph_prints_names_from_a_pdf_as_text(payload_warehouse: Path) -> None:
    from ckextract.graph import region_graph

    con = duckdb.connect(str(payload_warehouse), read_only=True)
    page = region_graph(con, "広島県").html()
    parsed = Tags()
    parsed.feed(page.split("<svg", 1)[0] + page.split("</svg>", 1)[1])  # its own drawing aside
    drawing = Tags()
    drawing.feed(page)
    assert [a for _, attrs in drawing.tags for a, _ in attrs if a.startswith("on")] == []
    assert all(p in "".join(drawing.text) for p in PAYLOADS)


def test_tables_names_a_skipped_page_and_prints_the_rest() -> None:
    from click.testing import CliRunner

    from ckextract.cli import main

    result = CliRunner().invoke(main, ["tables", str(HOSTILE / "grid_1000_after_table.pdf")])
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: grid_1000_after_table.pdf: page 2 skipped: too many ruling-line crossings (more than 250,000)\n"
    )
    assert [t["pages"] for t in json.loads(result.stdout)] == [[1]]
