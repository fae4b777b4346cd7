"""The data-quality gate: clean documents pass every check; planted defects are quarantined
with the right check named, and the curated tables are unchanged by them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from ckextract.cli import main
from ckextract.pipeline import ingest
from ckextract.validate.checks import CHECKS
from tests.conftest import FIXTURES, RAW_PDFS

DEFECTS = FIXTURES / "defects"
CURATED = (
    "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM networks), "
    "(SELECT count(*) FROM memberships), (SELECT count(*) FROM adoptions)"
)
PLANTED = {
    "broken_sector_tag.pdf": "reconciliation.members_per_cell",
    "dropped_member.pdf": "reconciliation.members_per_cell",
    "cid_font.pdf": "networks.name_no_cid",
    "unknown_colour.pdf": "adoptions.program_not_null",
}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse holding the clean raw_pdfs/ run (copied by each test that changes it)."""
    db = tmp_path_factory.mktemp("clean") / "w.duckdb"
    summary = ingest([RAW_PDFS], db)
    assert summary.ok, summary.to_dict()
    return db


def test_checks_are_named_once_with_a_severity() -> None:
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names))
    assert {c.severity for c in CHECKS} == {"critical", "warning"}


def test_clean_run_passes_every_check(clean: Path) -> None:
    con = duckdb.connect(str(clean), read_only=True)
    ((docs, passed, quarantined, data_docs),) = con.execute(
        "SELECT documents, passed, quarantined, data_docs FROM dq_runs"
    ).fetchall()
    assert (docs, passed, quarantined) == (2, 2, 0)
    failures = con.execute("SELECT expectation FROM dq_results WHERE NOT success").fetchall()
    assert failures == []
    assert con.execute("SELECT count(DISTINCT expectation) FROM dq_results").fetchall() == [(len(CHECKS),)]
    index = Path(data_docs)
    assert index.is_file() and index.parent.parent.parent.parent == clean.parent.resolve() / "gx"
    html = index.read_text(encoding="utf-8")
    assert "ckextract.memberships" in html and "ckextract.networks" in html


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_planted_defect_is_quarantined(name: str, clean: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    shutil.copy(clean, db)
    con = duckdb.connect(str(db))
    before = con.execute(CURATED).fetchall()
    con.close()

    summary = ingest([DEFECTS / name], db)

    assert [q.file_name for q in summary.quarantined] == [name]
    assert PLANTED[name] in summary.quarantined[0].checks
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute(CURATED).fetchall() == before
    (failed,) = con.execute("SELECT failed_expectations FROM quarantined_documents").fetchall()[0]
    assert PLANTED[name] in failed.split(",")
    counts = con.execute(
        "SELECT (SELECT count(*) FROM quarantine_networks), (SELECT count(*) FROM quarantine_adoptions)"
    ).fetchall()[0]
    assert sum(counts) > 0
    row = con.execute(
        "SELECT success, unexpected_count, unexpected_sample FROM dq_results WHERE expectation = ? AND file_name = ?",
        [PLANTED[name], name],
    ).fetchall()
    assert row and row[0][0] is False and row[0][1] >= 1 and json.loads(row[0][2])


def test_quarantine_reason_on_the_command_line(clean: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    shutil.copy(clean, db)
    result = CliRunner().invoke(
        main, ["ingest", str(DEFECTS / "dropped_member.pdf"), "--db", str(db), "--engine", "local", "--quiet"]
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: dropped_member.pdf: quarantined, failed reconciliation.members_per_cell\n"

    report = CliRunner().invoke(main, ["report", "--db", str(db)])
    assert report.exit_code == 0, report.output
    lines = report.stdout.splitlines()
    assert lines[1:4] == [
        "  0 passed, 0 with warnings, 1 quarantined",
        "quarantined  dropped_member.pdf",
        "  critical reconciliation.members_per_cell (1 unexpected)",
    ]
    assert lines[-1].startswith("data docs: ") and lines[-1].endswith("local_site/index.html")


def test_report_of_a_given_run_as_json(clean: Path) -> None:
    con = duckdb.connect(str(clean), read_only=True)
    run_id = con.execute("SELECT run_id FROM dq_runs").fetchall()[0][0]
    con.close()
    result = CliRunner().invoke(main, ["report", "--db", str(clean), "--run", run_id, "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["run_id"], data["passed"], data["quarantined"]) == (run_id, 2, 0)
    assert [d["status"] for d in data["per_document"]] == ["passed", "passed"]


def test_report_unknown_run(clean: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--db", str(clean), "--run", "nope"])
    assert result.exit_code == 1
    assert result.stderr == "Error: no data-quality run 'nope'\n"


def test_a_fixed_document_leaves_quarantine(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DEFECTS / "dropped_member.pdf", folder / "x.pdf")
    assert ingest([folder], db).quarantined
    summary = ingest([folder], db, validate_records=False, reprocess=True)
    assert summary.loaded == ["x.pdf"]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM quarantined_documents").fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM quarantine_networks").fetchall() == [(0,)]


def test_docs_list_every_check() -> None:
    from ckextract.validate.checks import describe
    from tests.conftest import ROOT

    assert describe() in (ROOT / "docs" / "data-quality.md").read_text(encoding="utf-8")
