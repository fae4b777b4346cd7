"""Scanned PDFs read by OCR, end to end: our own scans of raw_pdfs/ (300 dpi, turned
0.3-0.5°, blurred, grain and dust, image-only; tests/scangen.py) load like the
born-digital files, every value marked with its OCR confidence.

Needs Tesseract with its Japanese data (`.ci/run` and `make setup` install them); the
tests that run it are skipped where it is missing, and say so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from ckextract.cli import main
from ckextract.discover import discover
from ckextract.errors import NoTextLayerError
from ckextract.extract import extract_document, ocr
from ckextract.settings import ExtractSettings
from ckextract.textrules import edits
from tests import pdfbytes
from tests.conftest import RAW_PDFS, SHARED
from tests.scangen import CRISP, ScanStyle, scan_pdf

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason=f"OCR not available: {ocr.missing()}")
WITHIN = 1
"""Characters a name read by OCR may differ by from the born-digital one."""
SHARE = 0.95
"""Share of members that must be within that (issue 18's bar; measured 95-98 %)."""
ADOPTION_SHARE = 0.95
"""Share of adoption sightings, and of the projects they are of, that must be within that
(issue 18's bar; measured 98.3 % of sightings and 100 % of projects on this test's scan
set and on another; see docs/ocr.md)."""


def matched(expected: list[str], read: list[str]) -> tuple[int, list[tuple[str, str | None]]]:
    """How many expected names have a read name within :data:`WITHIN` characters, each read
    name used once; and the ones that do not (with the nearest read name)."""
    pool, hits, misses = list(read), 0, []
    for name in expected:
        nearest = min(pool, key=lambda r: edits(name, r), default=None)
        if nearest is not None and edits(name, nearest) <= WITHIN:
            hits += 1
            pool.remove(nearest)
        else:
            misses.append((name, nearest))
    return hits, misses


def _ingest(folder: Path, db: Path, *more: str) -> None:
    args = ["ingest", str(folder), "--db", str(db), "--engine", "local", "--quiet", *more]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[duckdb.DuckDBPyConnection, ...]]:
    """(born-digital, scanned) warehouses of raw_pdfs/."""
    root = tmp_path_factory.mktemp("ocr")
    scans = root / "scans"
    for i, pdf in enumerate(sorted(RAW_PDFS.glob("*.pdf"))):
        scan_pdf(pdf, scans / pdf.name, seed=i)
    _ingest(RAW_PDFS, root / "digital.duckdb")
    _ingest(scans, root / "scanned.duckdb")
    cons = tuple(duckdb.connect(str(root / f"{n}.duckdb"), read_only=True) for n in ("digital", "scanned"))
    yield cons
    for con in cons:
        con.close()


def _names(con: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    return [r[0] for r in con.execute(sql).fetchall()]


@needs_tesseract
def test_scanned_seed_loads_all_eight_networks(warehouses: tuple[duckdb.DuckDBPyConnection, ...]) -> None:
    digital, scanned = warehouses
    key = "SELECT region_name || '/' || program_id FROM networks ORDER BY 1"
    assert _names(scanned, key) == _names(digital, key)


def _share(
    warehouses: tuple[duckdb.DuckDBPyConnection, ...], sql: str
) -> tuple[float, list[tuple[str, str | None]]]:
    digital, scanned = warehouses
    expected = _names(digital, sql)
    hits, misses = matched(expected, _names(scanned, sql))
    return hits / len(expected), misses


@needs_tesseract
def test_scanned_members_are_the_born_digital_ones(warehouses: tuple[duckdb.DuckDBPyConnection, ...]) -> None:
    share, misses = _share(warehouses, "SELECT org_name FROM memberships")
    assert share >= SHARE, misses


@needs_tesseract
def test_a_crisp_scan_loads_every_network_and_its_members(
    warehouses: tuple[duckdb.DuckDBPyConnection, ...], tmp_path: Path
) -> None:
    # a crisp scan read 名称 as 名符 and lost three networks (53 of 86 members) until the
    # field labels' repeat was read; its adoptions are below the bar (55 of 60)
    for pdf in RAW_PDFS.glob("*.pdf"):
        scan_pdf(pdf, tmp_path / "scans" / pdf.name, CRISP)
    _ingest(tmp_path / "scans", tmp_path / "crisp.duckdb")
    crisp = duckdb.connect(str(tmp_path / "crisp.duckdb"), read_only=True)
    key = "SELECT region_name || '/' || program_id FROM networks ORDER BY 1"
    assert _names(crisp, key) == _names(warehouses[0], key)
    assert _share((warehouses[0], crisp), "SELECT org_name FROM memberships")[0] >= SHARE
    crisp.close()


@needs_tesseract
@pytest.mark.parametrize("table", ["adoption_sightings", "adoptions"])
def test_scanned_adoptions_are_the_born_digital_ones(
    warehouses: tuple[duckdb.DuckDBPyConnection, ...], table: str
) -> None:
    share, misses = _share(warehouses, f"SELECT project_name FROM {table}")
    assert share >= ADOPTION_SHARE, misses


@needs_tesseract
def test_every_scanned_value_carries_its_confidence(
    warehouses: tuple[duckdb.DuckDBPyConnection, ...],
) -> None:
    _, scanned = warehouses
    for table, read in (
        ("raw_cells", "text <> ''"),  # an empty cell: nothing was read, nothing to be sure of
        ("networks", "true"),
        ("memberships", "true"),
        ("adoption_sightings", "true"),
    ):
        nulls = scanned.execute(f"SELECT count(*) FROM {table} WHERE {read} AND ocr_confidence IS NULL")
        assert nulls.fetchone() == (0,), table


@needs_tesseract
def test_the_run_records_each_page_read_and_its_time(
    warehouses: tuple[duckdb.DuckDBPyConnection, ...],
) -> None:
    digital, scanned = warehouses
    pages = scanned.execute("SELECT count(*), min(seconds) > 0 FROM ocr_pages").fetchone()
    assert pages == (sum(r[0] for r in digital.execute("SELECT page_count FROM documents").fetchall()), True)
    assert scanned.execute("SELECT ocr_pages FROM ingest_runs").fetchall() == [(pages[0],)]


@needs_tesseract
def test_born_digital_values_are_not_marked(warehouses: tuple[duckdb.DuckDBPyConnection, ...]) -> None:
    digital, _ = warehouses
    assert digital.execute("SELECT count(ocr_confidence) FROM raw_cells").fetchone() == (0,)


@needs_tesseract
def test_an_image_with_no_text_is_still_no_text(tmp_path: Path) -> None:
    (tmp_path / "grey.pdf").write_bytes(pdfbytes.image_only_pdf())
    (doc,) = discover([tmp_path / "grey.pdf"])
    with pytest.raises(NoTextLayerError, match="OCR read no text either"):
        extract_document(doc)


def test_ocr_off_keeps_a_scan_out(tmp_path: Path) -> None:
    (tmp_path / "grey.pdf").write_bytes(pdfbytes.image_only_pdf())
    (doc,) = discover([tmp_path / "grey.pdf"])
    with pytest.raises(NoTextLayerError) as info:
        extract_document(doc, ExtractSettings(ocr=False))
    assert info.value.reason == "no text layer (scanned or image-only pages)"


def test_without_tesseract_the_error_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "missing", lambda: "Tesseract is not installed")
    (tmp_path / "grey.pdf").write_bytes(pdfbytes.image_only_pdf())
    (doc,) = discover([tmp_path / "grey.pdf"])
    with pytest.raises(NoTextLayerError, match="apt-get install tesseract-ocr tesseract-ocr-jpn"):
        extract_document(doc)


@needs_tesseract
def test_a_scanned_variant_split_over_pages_reads_like_its_born_digital_self(tmp_path: Path) -> None:
    """Another producer (reportlab), ruled cells, the table over three pages with its header
    repeated: OCR reads the repeated header a little differently on each page (構成貞,
    構成上員), which must still be one header, naming its fields."""
    from ckextract.normalize import normalize
    from tests.conftest import FIXTURES

    source = FIXTURES / "network_table" / "ruled_split_pages.pdf"
    records = [
        normalize(extract_document(discover([pdf])[0]))
        for pdf in (source, scan_pdf(source, tmp_path / source.name, seed=5))
    ]
    digital, scanned = ([m.org_name for m in r.memberships] for r in records)
    assert {(n.region_name, n.program_id) for n in records[1].networks} == {
        (n.region_name, n.program_id) for n in records[0].networks
    }
    hits, misses = matched(digital, scanned)
    assert hits >= SHARE * len(digital), misses


LIST_SCANS = [
    pytest.param("02_001095355.pdf", ScanStyle(), 1, 0.91, 0.48, id="02-soft"),
    pytest.param("10_000619186.pdf", CRISP, 0, 0.95, 0.74, id="10-crisp"),
    pytest.param("05_001202747.pdf", ScanStyle(), 3, 0.93, 0.60, id="05-soft"),
    pytest.param("07_000624110.pdf", ScanStyle(), 3, 0.89, 0.40, id="07-soft"),
]
"""MHLW lists scanned, with the share of their cells and of their rows the scan must read
as the text layer has them (after NFKC, without spaces): floors against regressions, not
issue 18's bar (95 % of rows, not reached). ``10`` crisp reads 447 cells and 46 rows since
a crisp page's cells are read softened too (``scan.READ_BLUR_PX``). Measured at 6c52774: ``02`` 288/312 cells,
20/39 rows; ``10`` crisp 443/464, 42/58; ``05`` 319/336, 27/42; ``07`` 360/392, 23/49
(the text layer's hidden white ``0`` left out: ``extract.visibility``; 12 of its rows
print a line break's glyph over a character, ``土曜`` shows as ``由曜``, which no reading
of the page can undo). Measured at 0a7e67e:

- ``02``, soft (seed 1): 283 of 312 cells (91 %) and 17 of 39 rows (44 %); 13 rows before
  towns were mended against Japan Post's (:mod:`ckextract.addresses`) and stray full
  stops dropped.
- ``10``, crisp: 432 of 464 cells (93 %) and 33 of 58 rows (57 %), against 386 and 10
  before colons were looked for inside a glyph's box, a lone hyphen's thickness was
  measured by its ink, and full stops were looked for in addresses.
- ``05``, soft (seed 3): 316 of 336 cells (94 %) and 24 of 42 rows (57 %), 17 before the
  lines left of a cell's rules were taken out (a lone 有 read ``Ne``).
- ``07``, soft (seed 3), a 894 x 632 mm sheet: 312 of 392 cells (80 %), 3 of 49 rows; its
  top band, closed by rules 40 pt long, was lost before lines that short were taken
  (every row one off: 89 cells); 17 of its rows have a ``0`` in white on white in the text
  layer, which the scan rightly does not show."""


MAP_SCAN_SEED = 8
"""The scan of map_variant the lost-dot reading was worked out on (seed 5 is held out)."""


@needs_tesseract
def test_a_scanned_map_keeps_its_bullets_so_wrapped_projects_stay_whole(tmp_path: Path) -> None:
    """map_variant's 6.5 pt legend scanned soft: its bullets blur to grey 4 px dots
    Tesseract does not read; without them each wrapped line of a project was a project of
    its own (16 of 37 adoptions)."""
    from tests.conftest import FIXTURES, records_of

    source = FIXTURES / "map_slide" / "map_variant.pdf"
    scanned = scan_pdf(source, tmp_path / source.name, seed=MAP_SCAN_SEED)
    digital, read = ([a.project_name for a in records_of(p).adoptions] for p in (source, scanned))
    hits, misses = matched(digital, read)
    assert hits >= SHARE * len(digital), misses


@needs_tesseract
@pytest.mark.skipif(not (SHARED / "real_pdfs").is_dir(), reason="../shared/real_pdfs is not here")
@pytest.mark.parametrize(("name", "style", "seed", "cell_share", "row_share"), LIST_SCANS)
def test_a_scanned_mhlw_list_reads_its_rows_and_most_cells(
    tmp_path: Path, name: str, style: ScanStyle, seed: int, cell_share: float, row_share: float
) -> None:
    import unicodedata

    source = SHARED / "real_pdfs" / "mhlw_ec" / name
    grids = [
        [
            ["".join(unicodedata.normalize("NFKC", v or "").split()) for v in row]
            for t in ex.tables
            for row in t.grid()
        ]
        for ex in (
            extract_document(discover([pdf])[0])
            for pdf in (source, scan_pdf(source, tmp_path / "s.pdf", style, seed))
        )
    ]
    digital, scanned = grids
    assert len(scanned) == len(digital)  # no row lost or split (a link's underline once split rows)
    same = sum(a == b for r, s in zip(digital, scanned, strict=True) for a, b in zip(r, s, strict=False))
    assert same >= cell_share * sum(len(r) for r in digital)
    assert sum(r == s for r, s in zip(digital, scanned, strict=True)) >= row_share * len(digital)


LABOR_EDITION = SHARED / "real_pdfs" / "mhlw_labor" / "017_20170901_to_20180831" / "180928.pdf"
LABOR_PAGES = 4
"""Its cover and three pages of cases: 20 rows."""
LABOR_ROW_SHARE = 0.6
"""Floor of the rows a soft scan (seed 3) reads as the text layer has them, every column
as printed (after NFKC, without spaces): measured 14 of 20."""


def _first_pages(source: Path, pages: int, out: Path) -> Path:
    import pypdfium2

    new = pypdfium2.PdfDocument.new()
    new.import_pages(pypdfium2.PdfDocument(str(source)), list(range(pages)))
    new.save(str(out))
    return out


@needs_tesseract
@pytest.mark.skipif(not LABOR_EDITION.exists(), reason="../shared/real_pdfs is not here")
def test_a_scanned_spec_list_gives_its_rows_each_with_its_confidence(tmp_path: Path) -> None:
    import json
    import unicodedata

    from ckextract.lists.spec import load_specs
    from ckextract.normalize import normalize

    source = _first_pages(LABOR_EDITION, LABOR_PAGES, tmp_path / "labor.pdf")
    rows = [
        normalize(extract_document(discover([pdf])[0]), specs=load_specs()).list_rows
        for pdf in (source, scan_pdf(source, tmp_path / "s.pdf", ScanStyle(), 3))
    ]
    digital, scanned = (
        [
            {k: "".join(unicodedata.normalize("NFKC", v or "").split()) for k, v in json.loads(r.raw).items()}
            for r in rs
        ]
        for rs in rows
    )
    assert len(scanned) == len(digital) == 20  # a shaded header's edges once hid the header
    assert all(r.ocr_confidence is not None and r.ocr_confidences for r in rows[1])
    assert sum(a == b for a, b in zip(digital, scanned, strict=True)) >= LABOR_ROW_SHARE * len(digital)


METI_LIST = SHARED / "real_pdfs" / "meti_saikouchiku" / "tokubetsu_kinki07.pdf"


@needs_tesseract
@pytest.mark.skipif(not METI_LIST.exists(), reason="../shared/real_pdfs is not here")
def test_a_crisp_scan_of_a_list_of_short_rows_gives_every_row(tmp_path: Path) -> None:
    from ckextract.lists.spec import load_specs
    from ckextract.normalize import normalize

    source = _first_pages(METI_LIST, 1, tmp_path / "meti.pdf")  # 90 rows of 5.5 pt, 25 px each
    rows = [
        normalize(extract_document(discover([pdf])[0]), specs=load_specs()).list_rows
        for pdf in (source, scan_pdf(source, tmp_path / "s.pdf", CRISP, 5))
    ]
    assert len(rows[0]) == 90 and len(rows[1]) == len(rows[0])  # none before short cells were looked into
