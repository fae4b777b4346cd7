"""The bad-input corpus: each broken file gets its own clear, one-line error, the good
files of the same run load, nothing is half-written; a fuzz test shows that only
ckextract's own named errors come out of the extractor."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ckextract.cli import main
from ckextract.discover import discover
from ckextract.errors import DocumentError
from ckextract.extract import extract_document
from ckextract.settings import ExtractSettings
from tests import pdfbytes
from tests.conftest import DECK, FIXTURES

COMMITTED = FIXTURES / "bad"


PARSER_ONLY = ExtractSettings(ocr=False)
"""The parser's own errors: pages without text are not read by OCR here (tests/test_ocr.py
reads them)."""


def _corpus(folder: Path) -> dict[str, str]:
    """Write the corpus into ``folder``; returns file name -> expected message."""
    deck = DECK.read_bytes()
    files = {
        "empty.pdf": (b"", "empty file (0 bytes)"),
        "not_a_pdf.pdf": (b"<html>404</html>", "not a PDF (no %PDF- header)"),
        "truncated.pdf": (
            deck[: len(deck) // 3],
            "damaged or truncated PDF (PDFNoValidXRef: Unexpected EOF)",
        ),
        "bad_xref.pdf": (
            pdfbytes.bad_xref_pdf(recoverable=False),
            "damaged or truncated PDF (no pages found)",
        ),
        "image_only.pdf": (pdfbytes.image_only_pdf(), "no text layer (scanned or image-only pages)"),
        "cid_only.pdf": (
            pdfbytes.cid_only_pdf(),
            "no usable text: its fonts have no Unicode map (only (cid:NN) glyphs)",
        ),
        "many_pages.pdf": (pdfbytes.many_pages_pdf(2100), "too many pages (2100 > limit 2000)"),
        "bomb.pdf": (
            pdfbytes.bomb_pdf(300),
            "a compressed stream inflates past 256 MiB (decompression bomb)",
        ),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    shutil.copy(COMMITTED / "encrypted.pdf", folder / "encrypted.pdf")
    expected = {name: f"{name}: {msg}" for name, (_, msg) in files.items()}
    expected["encrypted.pdf"] = "encrypted.pdf: encrypted PDF (a password is required)"
    return expected


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("bad")
    return folder, _corpus(folder)


def test_each_broken_file_has_its_own_message(corpus: tuple[Path, dict[str, str]]) -> None:
    folder, expected = corpus
    for name, message in expected.items():
        (doc,) = discover([folder / name])
        with pytest.raises(DocumentError) as info:
            extract_document(doc, PARSER_ONLY)
        assert str(info.value) == message


def test_recoverable_broken_xref_and_empty_password_load(tmp_path: Path) -> None:
    (tmp_path / "xref.pdf").write_bytes(pdfbytes.bad_xref_pdf(recoverable=True))
    (doc,) = discover([tmp_path / "xref.pdf"])
    assert [t.grid() for t in extract_document(doc).tables] == [
        [["Region", "Members"], ["Hiroshima", "Mazda"]]
    ]
    (doc,) = discover([COMMITTED / "encrypted_empty_password.pdf"])
    assert extract_document(doc).page_count == 1


def test_one_run_records_every_bad_file_and_loads_the_good_one(
    corpus: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, expected = corpus
    run = tmp_path / "in"
    shutil.copytree(folder, run)
    shutil.copy(DECK, run / DECK.name)
    db = tmp_path / "w.duckdb"
    args = ["ingest", str(run), "--db", str(db), "--engine", "local", "--quiet", "--ocr", "off"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()) == sorted(f"Error: {m}" for m in expected.values())
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM networks").fetchall() == [(8,)]
    rejected = dict(con.execute("SELECT file_name, error_code FROM rejected_documents").fetchall())
    assert rejected == {
        "empty.pdf": "empty",
        "not_a_pdf.pdf": "not_pdf",
        "truncated.pdf": "damaged",
        "bad_xref.pdf": "damaged",
        "image_only.pdf": "no_text",
        "cid_only.pdf": "cid_only",
        "many_pages.pdf": "too_many_pages",
        "bomb.pdf": "decompression_bomb",
        "encrypted.pdf": "encrypted",
    }
    # nothing half-written: every table holds rows of the loaded document only
    docs = con.execute("SELECT DISTINCT document_id FROM raw_cells").fetchall()
    assert docs == con.execute("SELECT document_id FROM documents").fetchall()


SEED_BYTES = pdfbytes.table_pdf()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, len(SEED_BYTES) - 1), st.integers(0, 255)), max_size=12),
    st.integers(0, len(SEED_BYTES)),
    st.binary(max_size=16),
)
def test_fuzzed_pdfs_give_only_named_errors(
    tmp_path_factory: pytest.TempPathFactory, flips: list[tuple[int, int]], cut: int, junk: bytes
) -> None:
    data = bytearray(SEED_BYTES)
    for pos, value in flips:
        data[pos] = value
    mutated = bytes(data[:cut]) + junk if cut < len(data) else bytes(data)
    path = tmp_path_factory.mktemp("fuzz") / "x.pdf"
    path.write_bytes(mutated)
    (doc,) = discover([path])
    try:
        extract_document(doc, PARSER_ONLY)
    except DocumentError as exc:
        assert str(exc).startswith("x.pdf: ") and "\n" not in str(exc)
