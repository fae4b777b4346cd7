"""Bad input: a clear one-line error naming the file, and the other files still load."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ckextract.discover import discover
from ckextract.errors import DocumentError
from ckextract.extract import extract_document
from ckextract.pipeline import ingest
from tests.conftest import DECK, FIXTURES

BAD = FIXTURES / "bad"
MESSAGES = {
    "empty.pdf": "empty.pdf: empty file (0 bytes)",
    "not_a_pdf.pdf": "not_a_pdf.pdf: not a PDF (no %PDF- header)",
    "encrypted.pdf": "encrypted.pdf: encrypted PDF (a password is required)",
    "truncated.pdf": "truncated.pdf: damaged or truncated PDF (PDFNoValidXRef: Unexpected EOF)",
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_bad_file_gets_its_own_message(name: str) -> None:
    (doc,) = discover([BAD / name])
    with pytest.raises(DocumentError) as info:
        extract_document(doc)
    assert str(info.value) == MESSAGES[name]
    assert "\n" not in str(info.value)


def test_empty_user_password_opens() -> None:
    (doc,) = discover([BAD / "encrypted_empty_password.pdf"])
    assert extract_document(doc).page_count == 1


def test_bad_files_are_recorded_and_good_ones_load(tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DECK, folder / DECK.name)
    for name in MESSAGES:
        shutil.copy(BAD / name, folder / name)
    summary = ingest([folder], db_path)
    assert summary.loaded == [DECK.name]
    assert sorted(r.message for r in summary.rejected) == sorted(MESSAGES.values())
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT count(*) FROM networks").fetchall() == [(8,)]
    rows = con.execute("SELECT file_name, error_code, reason FROM rejected_documents ORDER BY 1").fetchall()
    assert [r[0] for r in rows] == sorted(MESSAGES)
    assert dict((r[0], r[1]) for r in rows) == {
        "empty.pdf": "empty",
        "encrypted.pdf": "encrypted",
        "not_a_pdf.pdf": "not_pdf",
        "truncated.pdf": "damaged",
    }


def test_a_bad_edition_keeps_what_was_loaded_before(tmp_path: Path, db_path: Path) -> None:
    ingest([DECK], db_path)
    summary = ingest([BAD / "truncated.pdf"], db_path)
    assert not summary.ok
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT count(*) FROM memberships").fetchall() == [(86,)]


def test_a_defect_in_ckextract_is_named_as_such_and_the_others_load(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure of ckextract's own table finding (on objects the PDF parser read) is not
    reported as a damaged file: it says whose defect it is, on which page."""
    import ckextract.extract as extract

    real = extract.page_tables

    def failing(page, number, settings, deadline):  # type: ignore[no-untyped-def]
        if page.pdf.stream.name.endswith("kyoso_no_ba_saitaku_ichiran.pdf") and number == 2:
            raise IndexError("tuple index out of range")
        return real(page, number, settings, deadline)

    monkeypatch.setattr(extract, "page_tables", failing)
    summary = ingest([DECK, DECK.parent / "kyoso_no_ba_saitaku_ichiran.pdf"], db_path, validate_records=False)
    assert summary.loaded == [DECK.name]
    (rejected,) = summary.rejected
    assert rejected.message == (
        "kyoso_no_ba_saitaku_ichiran.pdf: ckextract failed on page 2 (IndexError: tuple index out of range);"
        " a defect in ckextract, please report it"
    )
    con = duckdb.connect(str(db_path))
    assert con.execute("SELECT error_code FROM rejected_documents").fetchall() == [("extractor_error",)]
    assert con.execute("SELECT count(*) FROM networks").fetchall() == [(8,)]
