"""The CLI: a thin shell; exact messages and exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
from click.testing import CliRunner

from ckextract.cli import main
from tests.conftest import DECK, FIXTURES

BAD = FIXTURES / "bad"


def test_tables_json_lists_each_table_once() -> None:
    result = CliRunner().invoke(main, ["tables", str(FIXTURES / "network_table" / "ruled_split_pages.pdf")])
    assert result.exit_code == 0, result.output
    (table,) = json.loads(result.stdout)
    assert set(table) == {"pages", "bbox", "found_by", "confidence", "rows"}
    assert (table["found_by"], table["confidence"]) == ("rules", 1.0)
    assert table["pages"] == [1, 2, 3]
    assert len(table["bbox"]) == 4
    assert [row[0] for row in table["rows"]] == ["", None, "広島県", "徳島県", "高知県"]
    assert table["rows"][0][2] is None  # inside the merged group header


def test_tables_csv() -> None:
    result = CliRunner().invoke(main, ["tables", str(DECK), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == 5 and all(len(r) == 10 for r in rows)
    assert rows[4][0] == "高知県" and rows[4][4] == "S A W A C H I 型健康社会共創拠点"


def test_tables_on_a_bad_file_names_it() -> None:
    result = CliRunner().invoke(main, ["tables", str(BAD / "not_a_pdf.pdf")])
    assert result.exit_code == 1
    assert result.stderr == "Error: not_a_pdf.pdf: not a PDF (no %PDF- header)\n"


def test_ingest_local_json_summary(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(DECK), "--db", str(db), "--engine", "local", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["documents"]["loaded"] == [DECK.name]
    assert (summary["tables"], summary["networks"], summary["memberships"], summary["repairs"]) == (
        1,
        8,
        86,
        1,
    )


def test_ingest_summary_text_and_bad_file_exit_code(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(
        main, ["ingest", str(DECK), str(BAD / "encrypted.pdf"), "--db", str(db), "--engine", "local"]
    )
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "2 documents: 1 loaded, 0 with no known layout, 0 unchanged, 1 rejected, 0 quarantined",
        "1 table, 8 networks, 86 members, 37 adoption sightings, 1 repair",
        f"warehouse: {db}",
    ]
    assert re.fullmatch(r"data quality: run \d{8}T\d{6}-[0-9a-f]{6}, 0 quarantined, 0 warnings", lines[3])
    assert lines[4] == f"data docs: {db.parent.resolve() / 'gx/uncommitted/data_docs/local_site/index.html'}"
    assert len(lines) == 5
    assert result.stderr == "Error: encrypted.pdf: encrypted PDF (a password is required)\n"
    assert duckdb.connect(str(db)).execute("SELECT count(*) FROM networks").fetchall() == [(8,)]


def test_ingest_missing_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: no such file or folder\n"


def test_tables_command_does_not_import_prefect_or_gx() -> None:
    code = (
        "import sys; from ckextract.cli import main\n"
        "try:\n    main(['tables', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('prefect', 'great_expectations')]\n"
        "print('IMPORTED', bad, file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(DECK)], capture_output=True, text=True, check=True)
    assert out.stderr.strip().splitlines()[-1] == "IMPORTED []"


def test_ingest_options_reach_the_run(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    args = ["ingest", str(DECK), "--db", str(db), "--engine", "local", "--json", "--no-validate"]
    first = json.loads(CliRunner().invoke(main, args).stdout)
    assert first["documents"]["loaded"] == [DECK.name]
    again = json.loads(CliRunner().invoke(main, args).stdout)
    assert again["documents"]["skipped"] == [DECK.name]
    forced = json.loads(CliRunner().invoke(main, [*args, "--reprocess"]).stdout)
    assert forced["documents"]["loaded"] == [DECK.name]
    assert forced["data_quality"]["run_id"] is None  # --no-validate


def test_ingest_in_worker_processes(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    sources = [
        DECK,
        FIXTURES / "network_table" / "ruled_split_pages.pdf",
        FIXTURES / "network_table" / "shaded_cid_narrow.pdf",
    ]
    result = CliRunner().invoke(
        main, ["ingest", *map(str, sources), "--db", str(db), "--engine", "local", "--workers", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(result.stdout)["documents"]["loaded"]) == sorted(p.name for p in sources)
    assert duckdb.connect(str(db)).execute("SELECT count(*) FROM networks").fetchall() == [(24,)]


def test_an_unchanged_rerun_does_not_start_prefect(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import flows.ingest

    db = tmp_path / "w.duckdb"
    assert (
        CliRunner().invoke(main, ["ingest", str(DECK), "--db", str(db), "--engine", "local", "-q"]).exit_code
        == 0
    )

    def no_prefect(*args: object, **kwargs: object) -> None:
        raise AssertionError("Prefect was started for a run with nothing to parse")

    monkeypatch.setattr(flows.ingest, "run_ingest", no_prefect)
    result = CliRunner().invoke(main, ["ingest", str(DECK), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"]["skipped"] == [DECK.name]
    last = duckdb.connect(str(db)).execute(
        "SELECT engine, note FROM ingest_runs ORDER BY started_at DESC LIMIT 1"
    )
    assert last.fetchall() == [("prefect", "nothing to parse: Prefect not started")]


def test_extraction_settings_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    args = ["ingest", str(DECK), "--db", str(db), "--engine", "local", "--json", "--no-validate"]
    result = CliRunner().invoke(main, [*args, "--setting", "min_cells=1000000"])
    assert json.loads(result.stdout)["tables"] == 0
    bad = CliRunner().invoke(main, [*args, "--setting", "min_cells=lots"])
    assert bad.exit_code == 2 and "'min_cells=lots': 'lots' is not a valid int" in bad.stderr
