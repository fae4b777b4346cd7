"""Faults an attacker or an unlucky operator meets (issue 15): no file overwritten, one-line
errors naming the file, the corrupt warehouse never modified, names printed as data."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from ckextract.cli import main
from ckextract.console import printable
from tests.conftest import DECK, FIXTURES, hold_lock


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("faults") / "w.duckdb"
    result = cli(["ingest", str(DECK), "--db", str(db), "--engine", "local", "--no-validate", "-q"])
    assert result.exit_code == 0, result.output
    return db


def cli(args: Sequence[str]) -> Result:
    return CliRunner().invoke(main, list(args))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_error(result: Result) -> str:
    """The single ``Error:`` line a failed command printed (and that it printed nothing else)."""
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output, result.stderr
    return result.stderr.removeprefix("Error: ").rstrip("\n")


# -- 1. output paths ----------------------------------------------------------------------------


def test_graph_never_writes_over_the_warehouse(warehouse: Path) -> None:
    before = digest(warehouse)
    for force in ([], ["--force"]):
        result = cli(["graph", "--region", "36", "--out", str(warehouse), "--db", str(warehouse), *force])
        assert one_error(result) == f"{warehouse}: is the warehouse; never overwritten"
    assert digest(warehouse) == before


def test_graph_never_writes_over_another_duckdb_file(warehouse: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.html"
    shutil.copy(warehouse, other)
    result = cli(["graph", "--region", "36", "--out", str(other), "--db", str(warehouse), "--force"])
    assert one_error(result) == f"{other}: is a DuckDB database; never overwritten"


def test_graph_refuses_a_file_it_did_not_write(warehouse: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.html"
    notes.write_text("<p>my notes</p>", encoding="utf-8")
    result = cli(["graph", "--region", "36", "--out", str(notes), "--db", str(warehouse), "--force"])
    assert one_error(result) == f"{notes}: exists and is not a HTML graph ckextract wrote; not overwritten"
    assert notes.read_text(encoding="utf-8") == "<p>my notes</p>"


def test_graph_overwrites_its_own_output_only_with_force(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.svg"
    assert cli(["graph", "--region", "36", "--out", str(out), "--db", str(warehouse)]).exit_code == 0
    again = cli(["graph", "--region", "36", "--out", str(out), "--db", str(warehouse)])
    assert one_error(again) == f"{out}: exists (a previous SVG graph); --force overwrites it"
    assert (
        cli(["graph", "--region", "36", "--out", str(out), "--db", str(warehouse), "--force"]).exit_code == 0
    )
    assert out.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="utf-8"?>\n<svg ')


def test_graph_format_is_the_extension(warehouse: Path, tmp_path: Path) -> None:
    result = cli(["graph", "--region", "36", "--out", str(tmp_path / "g.pdf"), "--db", str(warehouse)])
    assert one_error(result) == f"{tmp_path / 'g.pdf'}: unknown output format '.pdf' (use .html, .svg, .png)"


def test_outputs_under_a_file_are_one_line(warehouse: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    graph = cli(["graph", "--region", "36", "--out", str(blocker / "g.html"), "--db", str(warehouse)])
    assert (
        one_error(graph)
        == f"{blocker / 'g.html'}: cannot create its folder (a file is in the way: {blocker})"
    )
    export = cli(["export", "--parquet", str(blocker / "pq"), "--db", str(warehouse)])
    assert one_error(export) == f"{blocker / 'pq'}: a file is in the way of its folder"
    ingest = cli(["ingest", str(DECK), "--db", str(blocker / "w.duckdb"), "--engine", "local"])
    assert one_error(ingest) == f"{blocker / 'w.duckdb'}: cannot create: a file is in the way of its folder"


# -- 7. the warehouse: truncated, junk, read-only, full, held ------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "junk"])
@pytest.mark.parametrize("command", ["report", "graph", "ingest", "diff", "export"])
def test_a_damaged_warehouse_is_named_and_never_modified(
    warehouse: Path, tmp_path: Path, damage: str, command: str
) -> None:
    db = tmp_path / "w.duckdb"
    data = warehouse.read_bytes()
    db.write_bytes(data[: len(data) // 3] if damage == "truncated" else b"not a database " * 1000)
    before = digest(db)
    args = {
        "report": ["report"],
        "graph": ["graph", "--region", "36", "--out", str(tmp_path / "g.html")],
        "ingest": ["ingest", str(DECK), "--engine", "local"],
        "diff": ["diff", "any"],
        "export": ["export", "--parquet", str(tmp_path / "pq")],
    }[command]
    result = cli([*args, "--db", str(db)])
    assert one_error(result) == f"{db}: not a DuckDB warehouse (truncated or another kind of file?)"
    assert digest(db) == before


def test_a_read_only_file_system_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.duckdb"

    def read_only(*args: object, **kwargs: object) -> None:
        raise duckdb.IOException(f'IO Error: Cannot open file "{db}": Read-only file system')

    monkeypatch.setattr(duckdb, "connect", read_only)
    result = cli(["ingest", str(DECK), "--db", str(db), "--engine", "local"])
    assert one_error(result) == f"{db}: cannot write: read-only file system"


def test_a_full_disk_during_load_is_named_and_loses_nothing(
    warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ckextract.warehouse import load

    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    before = duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM memberships").fetchall()

    def full(*args: object) -> None:
        raise duckdb.IOException(f'IO Error: Could not write file "{db}.wal": No space left on device')

    monkeypatch.setattr(load, "insert_frame", full)
    extra = FIXTURES / "network_table" / "ruled_extra_regions.pdf"
    result = cli(["ingest", str(extra), "--db", str(db), "--engine", "local", "--no-validate"])
    assert one_error(result) == f"{db}: cannot write: disk full"
    after = duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM memberships").fetchall()
    assert after == before


def test_a_writer_blocked_past_its_wait_is_one_line(warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    with hold_lock(db, 30):
        result = cli(["ingest", str(DECK), "--db", str(db), "--engine", "local", "--wait", "0.5"])
    assert one_error(result).startswith(f"{db}: the warehouse is in use by another process")


def test_an_unexpected_error_is_one_line_and_the_traceback_is_on_request(
    warehouse: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("ckextract.warehouse.quality.latest_run_id", broken)
    result = cli(["report", "--db", str(warehouse)])
    assert one_error(result) == (
        "internal error: ZeroDivisionError: division by zero "
        "(a defect in ckextract; CKEXTRACT_DEBUG=1 prints the traceback)"
    )
    monkeypatch.setenv("CKEXTRACT_DEBUG", "1")
    assert isinstance(cli(["report", "--db", str(warehouse)]).exception, ZeroDivisionError)


# -- 6. fetch index and manifests ---------------------------------------------------------------


def ingest_folder(folder: Path, db: Path) -> Result:
    return cli(["ingest", str(folder), "--db", str(db), "--engine", "local", "--no-fetch", "--no-validate"])


def manifest(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DECK, folder / DECK.name)
    (folder / "sources.toml").write_text(text, encoding="utf-8")
    return folder


def test_an_index_entry_pointing_outside_the_folder_is_refused(tmp_path: Path) -> None:
    folder = manifest(tmp_path / "in", '[[documents]]\nurl = "http://x/y.pdf"\nseries = "s"\n')
    (folder / "fetched").mkdir()
    (folder / "fetched" / "index.json").write_text('{"http://x/y.pdf": {"sha256": "../../secret"}}')
    result = ingest_folder(folder, tmp_path / "w.duckdb")
    assert (
        one_error(result)
        == f"{folder}/fetched/index.json: corrupt index: 'http://x/y.pdf' has no valid sha256"
    )


def test_a_corrupt_index_is_one_line(tmp_path: Path) -> None:
    folder = manifest(tmp_path / "in", '[[documents]]\nurl = "http://x/y.pdf"\nseries = "s"\n')
    (folder / "fetched").mkdir()
    (folder / "fetched" / "index.json").write_text('{"http://x/y.pdf": ')
    result = ingest_folder(folder, tmp_path / "w.duckdb")
    assert one_error(result) == f"{folder}/fetched/index.json:1: corrupt index (not JSON)"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('documents = "x"\n', "sources.toml:1: documents must be a list of [[documents]] tables"),
        (
            f'[[documents]]\nfile = "{DECK.name}"\nseries = "s"\npublished_on = 2024\n',
            "sources.toml:4: entry 1: published_on must be a date (published_on = 2024-07-01), got 2024",
        ),
    ],
)
def test_a_manifest_value_of_the_wrong_type_names_file_and_line(
    tmp_path: Path, text: str, error: str
) -> None:
    folder = manifest(tmp_path / "in", text)
    assert one_error(ingest_folder(folder, tmp_path / "w.duckdb")) == f"{folder}/{error}"


def test_stale_partial_downloads_are_removed(tmp_path: Path) -> None:
    from ckextract.fetch import FetchSettings, fetch_sources

    folder = manifest(tmp_path / "in", '[[documents]]\nurl = "http://127.0.0.1:9/y.pdf"\nseries = "s"\n')
    (folder / "fetched").mkdir()
    stale = folder / "fetched" / ".part-killed"
    stale.write_bytes(b"%PDF-1.4 half a file")
    fetch_sources(folder, FetchSettings(timeout=0.5, retries=0, deadline=0.0001))
    assert not stale.exists()


# -- 8. quiet where it should speak -------------------------------------------------------------


def test_the_same_bytes_in_two_series_are_reported(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DECK, folder / "one.pdf")
    shutil.copy(DECK, folder / "two.pdf")
    (folder / "sources.toml").write_text(
        '[[documents]]\nfile = "one.pdf"\nseries = "s1"\n\n[[documents]]\nfile = "two.pdf"\nseries = "s2"\n'
    )
    result = ingest_folder(folder, tmp_path / "w.duckdb")
    assert (
        "warning: two.pdf (series s2): same bytes as one.pdf (series s1), read once as that\n"
        in result.stdout
    )


def test_a_file_name_cannot_forge_an_error_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\nError: all documents deleted\n.pdf").write_bytes(b"")
    result = ingest_folder(folder, tmp_path / "w.duckdb")
    assert one_error(result) == "x\\nError: all documents deleted\\n.pdf: empty file (0 bytes)"


def test_printable_escapes_controls_and_direction_marks_only() -> None:
    assert printable("広島県\x1b[31m赤\u202egpj.pdf\t") == "広島県\\x1b[31m赤\\u202egpj.pdf\\t"
