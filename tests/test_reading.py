"""How people read the warehouse: Data Docs offline, the text report, the duckdb prompt,
the querying guide; and failures that say so (empty input, rejected earlier, Prefect's
state, a PNG without a Japanese font, Dask's start-up noise)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from ckextract import screenshot
from ckextract.cli import main
from ckextract.pipeline import ingest
from ckextract.records import IngestSummary, Rejection, SourceDocument
from ckextract.screenshot import chromium
from ckextract.validate.datadocs import remote_resources
from flows.ingest import COMPLETED_WITH_REJECTIONS, final_state
from tests.conftest import DECK, FIXTURES, RAW_PDFS, ROOT

needs_chromium = pytest.mark.skipif(chromium() is None, reason="headless Chromium is not installed")
DEFECT = FIXTURES / "defects" / "dropped_member.pdf"
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND"]
"""Chromium with every host name unresolvable: no CDN, no analytics, nothing off the machine."""


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse whose data-quality run saw the seed deck and a planted defect."""
    db = tmp_path_factory.mktemp("reading") / "w.duckdb"
    ingest([DECK, DEFECT], db)
    return db


def _site(db: Path) -> Path:
    return db.parent / "gx" / "uncommitted" / "data_docs" / "local_site"


def _dom(page: Path) -> str:
    browser = chromium()
    assert browser is not None
    result = subprocess.run(
        [
            browser,
            *screenshot.FLAGS,
            *OFFLINE,
            f"--user-data-dir={page.parent / '.profile'}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=screenshot.CHROMIUM_SECONDS,
    )
    return result.stdout


# --- Data Docs -------------------------------------------------------------------------------


def test_data_docs_load_nothing_from_the_network(validated: Path) -> None:
    pages = sorted(_site(validated).rglob("*.html"))
    assert len(pages) >= 7
    assert {p.name: remote_resources(p.read_text(encoding="utf-8")) for p in pages} == {
        p.name: [] for p in pages
    }


@needs_chromium
def test_data_docs_index_lists_every_validation_offline(validated: Path) -> None:
    site = _site(validated)
    validations = {p.relative_to(site).as_posix() for p in (site / "validations").rglob("*.html")}
    listed = set(re.findall(r'class="clickable-row" data-href="([^"]+)"', _dom(site / "index.html")))
    assert validations and listed >= validations


@needs_chromium
def test_run_page_names_documents_and_shows_the_failing_rows(validated: Path) -> None:
    (page,) = (_site(validated) / "ckextract").glob("run-*.html")
    dom = _dom(page)
    assert "<h2>chiiki_sangakukan_network.pdf</h2>" in dom and "<h2>dropped_member.pdf</h2>" in dom
    failing = dom[dom.index("<h2>dropped_member.pdf</h2>") :]
    assert "reconciliation.members_per_cell" in failing
    assert "広島県地方大学・地域産業創生事業推進特別委員会" in failing.split("failing-rows", 1)[1][:2000]


def test_index_links_the_run_pages(validated: Path) -> None:
    index = (_site(validated) / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<a href='ckextract/run-[^']+\.html'>", index)


# --- the text report -------------------------------------------------------------------------


def test_report_shows_failing_rows_by_region_network_and_count(validated: Path) -> None:
    result = CliRunner().invoke(main, ["report", "--db", str(validated)])
    assert result.exit_code == 0, result.output
    assert (
        "      広島県 · 広島県地方大学・地域産業創生事業推進特別委員会 · members_per_cell · printed 8, read 7"
        in result.stdout.splitlines()
    )


# --- the duckdb prompt and the querying guide ------------------------------------------------


def _duckdb() -> str:
    return str(Path(sys.executable).parent / "duckdb")


def test_duckdb_prompt_answers_a_query(validated: Path) -> None:
    result = subprocess.run(
        [_duckdb(), str(validated), "-csv", "-c", "select count(*) as n from networks"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (0, "n\n8\n")


def test_duckdb_prompt_reads_statements_from_its_input(validated: Path) -> None:
    result = subprocess.run(
        [_duckdb(), str(validated), "-json"],
        input="select region_name from networks\n order by 1 limit 1;\n.quit\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout.strip()) == (0, '[{"region_name": "広島県"}]')


def test_duckdb_prompt_error_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [_duckdb(), str(tmp_path / "none.duckdb"), "-c", "select * from nope"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1


def _guide_queries() -> list[str]:
    text = (ROOT / "docs" / "querying.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.S)
    return [q.strip() for block in blocks for q in block.split(";") if q.strip()]


def test_the_querying_guide_has_ten_questions_and_every_query_runs(validated: Path) -> None:
    queries = _guide_queries()
    assert len(queries) >= 10
    con = duckdb.connect(str(validated), read_only=True)
    answers = {q.splitlines()[0]: con.execute(q).fetchall() for q in queries}
    assert answers[
        "select region_name, canonical_name, kind, network_count, networks, programs"
    ]  # bridging orgs


# --- failures that say so --------------------------------------------------------------------


def test_an_empty_folder_warns_and_fails(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "w.duckdb"), "--engine", "local"]
    )
    assert result.exit_code == 1
    assert f"Error: no PDF found in {tmp_path / 'empty'}: nothing to ingest" in result.stderr


def test_a_file_rejected_earlier_is_counted_as_such_not_as_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    args = ["ingest", str(folder), "--db", str(tmp_path / "w.duckdb"), "--engine", "local", "--no-validate"]
    CliRunner().invoke(main, args)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 1
    assert again.stdout.splitlines()[0] == (
        "1 document: 0 loaded, 0 with no known layout, 0 unchanged, 0 rejected, 1 rejected earlier, 0 quarantined"
    )
    assert "Error: empty.pdf: rejected earlier: empty file (0 bytes)" in again.stderr


def test_prefect_state_of_a_run_with_rejections_says_so() -> None:
    summary = IngestSummary(db_path="w.duckdb", loaded=["a.pdf"])
    summary.rejected.append(Rejection(SourceDocument(Path("b.pdf"), "0" * 64, 0), "damaged", "damaged PDF"))
    state = final_state(summary)
    assert (state.type.value, state.name, state.message) == (
        "COMPLETED",
        COMPLETED_WITH_REJECTIONS,
        "1 rejected",
    )


def test_prefect_state_of_a_clean_run_is_completed() -> None:
    state = final_state(IngestSummary(db_path="w.duckdb", loaded=["a.pdf"]))
    assert (state.type.value, state.name) == ("COMPLETED", "Completed")


def test_prefect_state_of_a_run_with_nothing_to_read_is_failed() -> None:
    assert final_state(IngestSummary(db_path="w.duckdb")).type.value == "FAILED"


def test_png_without_a_japanese_font_is_refused_with_the_package_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    ingest([DECK], db, validate_records=False)
    monkeypatch.setattr(screenshot, "chromium", lambda: "/usr/bin/chromium")
    monkeypatch.setattr(screenshot, "japanese_font_available", lambda: False)
    out = tmp_path / "g.png"
    result = CliRunner().invoke(main, ["graph", "--region", "広島県", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 1 and not out.exists()
    assert "apt-get install fonts-ipafont-gothic" in result.stderr


def test_diff_json_of_a_single_edition_is_an_empty_list(validated: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "chiiki-sangakukan-network", "--json", "--db", str(validated)])
    assert (result.exit_code, result.stdout) == (0, "[]\n")


@pytest.fixture
def dashboard_port_taken() -> Iterator[None]:
    """Dask's default dashboard port held by someone else: Dask warns when it starts."""
    sock = socket.socket()
    try:
        sock.bind(("127.0.0.1", 8787))
        sock.listen()
    except OSError:
        pass  # already taken: the warning comes all the same
    yield
    sock.close()


def test_dask_local_prints_only_the_summary(tmp_path: Path, dashboard_port_taken: None) -> None:
    pytest.importorskip("distributed")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "ckextract"),
            "ingest",
            str(DECK),
            "--db",
            str(tmp_path / "w.duckdb"),
            "--engine",
            "local",
            "--dask",
            "local",
            "--no-validate",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[0].startswith("1 document: 1 loaded")


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", str(RAW_PDFS), "--engine", "local", "--db", "{file}/w.duckdb"],
        ["report", "--db", "{file}/w.duckdb"],
        ["export", "--parquet", "{file}/out", "--db", "{db}"],
    ],
    ids=["ingest", "report", "export"],
)
def test_a_file_in_the_way_is_one_line(args: list[str], tmp_path: Path, validated: Path) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    argv = [a.format(file=blocker, db=validated) for a in args]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
