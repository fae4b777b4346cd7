"""Scheduled re-ingestion: fetching from HTTP, hash-idempotent runs, editions and the change log.

A local HTTP server on 127.0.0.1 serves the PDFs, a 500, a response slower than the
timeout and a truncated body; every request loop is bounded (retries=1, short timeouts).
"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest
from click.testing import CliRunner

from ckextract import extract, stages
from ckextract.cli import main
from ckextract.fetch import FetchSettings, fetch_sources
from ckextract.pipeline import ingest
from tests.conftest import DECK, FIXTURES, hold_lock

NEXT = FIXTURES / "editions" / "network_table_next.pdf"
FAST = FetchSettings(timeout=0.5, retries=1, backoff=0.05)
TRICKLE_BYTES = 100


class Handler(http.server.BaseHTTPRequestHandler):
    files: ClassVar[dict[str, bytes]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def trickle(self, data: bytes) -> None:
        """A byte every 0.2 s (each read within the client's read timeout), for at most 20 s."""
        with contextlib.suppress(OSError):
            for i in range(min(len(data), TRICKLE_BYTES)):
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
                time.sleep(0.2)

    def do_GET(self) -> None:
        if self.path == "/trickle-head.pdf":
            self.trickle(b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n" * 10)
            return
        if self.path == "/trickle-body.pdf":
            self.send_response(200)
            self.send_header("Content-Length", str(TRICKLE_BYTES))
            self.end_headers()
            self.trickle(b"%" * TRICKLE_BYTES)
            return
        if self.path == "/500":
            self.send_error(500)
            return
        if self.path == "/slow.pdf":
            time.sleep(1.5)
        body = self.files.get(self.path.removesuffix("?slow"))
        if body is None and self.path != "/slow.pdf":
            self.send_error(404)
            return
        body = body or DECK.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.path == "/truncated.pdf":
            body = body[: len(body) // 2]
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[str]:
    Handler.files = {
        "/deck.pdf": DECK.read_bytes(),
        "/next.pdf": NEXT.read_bytes(),
        "/truncated.pdf": DECK.read_bytes(),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def write_sources(folder: Path, entries: list[dict[str, str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for e in entries:
        lines.append("[[documents]]")
        lines += [f'{k} = "{v}"' for k, v in e.items()]
        lines.append("")
    (folder / "sources.toml").write_text("\n".join(lines), encoding="utf-8")


def test_fetch_good_and_bad_urls(server: str, tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write_sources(
        folder,
        [
            {"series": "net", "url": f"{server}/deck.pdf"},
            {"series": "a", "url": f"{server}/500"},
            {"series": "b", "url": f"{server}/slow.pdf"},
            {"series": "c", "url": f"{server}/truncated.pdf"},
        ],
    )
    report = fetch_sources(folder, FAST)
    assert [f.url for f in report.fetched] == [f"{server}/deck.pdf"]
    assert {f.url.rsplit("/", 1)[1]: f.reason for f in report.failed} == {
        "500": "HTTP 500 Internal Server Error",
        "slow.pdf": "timed out",
        "truncated.pdf": f"truncated body ({DECK.stat().st_size // 2} of {DECK.stat().st_size} bytes)",
    }
    stored = sorted(p.name for p in (folder / "fetched").iterdir())
    assert stored == [f"{report.fetched[0].sha256}.pdf", "index.json"]  # no partial file left
    again = fetch_sources(folder, FAST)
    assert [f.new for f in again.fetched] == [False]


@pytest.mark.parametrize("where", ["head", "body"])
def test_a_server_trickling_bytes_is_given_up_at_the_deadline(
    server: str, tmp_path: Path, where: str
) -> None:
    folder = tmp_path / "src"
    write_sources(folder, [{"series": "t", "url": f"{server}/trickle-{where}.pdf"}])
    report = fetch_sources(folder, FetchSettings(timeout=0.5, retries=0, deadline=1.0))
    assert [(f.url.rsplit("/", 1)[1], f.reason) for f in report.failed] == [
        (f"trickle-{where}.pdf", "gave up after 1 s (deadline)")
    ]
    assert sorted(p.name for p in (folder / "fetched").iterdir()) == []  # no partial file left


def test_first_run_loads_second_run_parses_nothing(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    shutil.copy(DECK, folder)
    first = ingest([folder], db_path)
    assert first.loaded == [DECK.name] and first.skipped == []

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged document was parsed")

    monkeypatch.setattr(extract, "read_pages", no_parsing)
    second = ingest([folder], db_path)
    assert second.skipped == [DECK.name] and second.loaded == [] and second.ok
    con = duckdb.connect(str(db_path), read_only=True)
    runs = con.execute(
        "SELECT status, documents_seen, loaded, skipped FROM ingest_runs ORDER BY started_at"
    ).fetchall()
    assert runs == [("ok", 1, 1, 0), ("ok", 1, 0, 1)]
    assert con.execute("SELECT DISTINCT load_id FROM networks_history").fetchall() == [(first.load_id,)]
    assert con.execute("SELECT input_hashes FROM ingest_runs WHERE load_id = ?", [second.load_id]).fetchall()[
        0
    ][0] == [con.execute("SELECT document_id FROM documents").fetchall()[0][0]]


def test_reprocess_parses_again(tmp_path: Path, db_path: Path) -> None:
    ingest([DECK], db_path)
    again = ingest([DECK], db_path, reprocess=True)
    assert again.loaded == [DECK.name]
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM networks").fetchall() == [(8,)]
    assert con.execute("SELECT DISTINCT load_id FROM networks_history").fetchall() == [(again.load_id,)]


def test_new_parser_version_reprocesses(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest([DECK], db_path)
    monkeypatch.setattr(stages, "PARSER_VERSION", "999")
    assert ingest([DECK], db_path).loaded == [DECK.name]


def test_new_edition_supersedes_and_its_changes_are_exactly_the_planted_ones(
    server: str, tmp_path: Path, db_path: Path
) -> None:
    folder = tmp_path / "src"
    write_sources(folder, [{"series": "network-table", "edition": "2022", "url": f"{server}/deck.pdf"}])
    first = ingest([folder], db_path, validate_records=False)
    assert first.loaded and first.ok
    write_sources(
        folder,
        [
            {"series": "network-table", "edition": "2022", "url": f"{server}/deck.pdf"},
            {"series": "network-table", "edition": "2023", "url": f"{server}/next.pdf"},
        ],
    )
    second = ingest([folder], db_path)
    assert second.ok and len(second.loaded) == 1 and len(second.skipped) == 1
    con = duckdb.connect(str(db_path), read_only=True)
    # current state shows the 2023 edition only; history keeps both
    assert con.execute("SELECT count(*) FROM networks").fetchall() == [(8,)]
    assert con.execute("SELECT count(*) FROM memberships").fetchall() == [(80,)]
    assert con.execute("SELECT count(*) FROM networks_history").fetchall() == [(16,)]
    assert con.execute("SELECT edition FROM current_documents").fetchall() == [("2023",)]
    changes = con.execute(
        "SELECT entity, change, region_name, program_id, subject, before, after FROM changes "
        "WHERE entity != 'adoption' ORDER BY ALL"
    ).fetchall()
    hiroshima_kyoso = (
        "広島から世界最先端のバイオエコノミー社会を実現するBio×Digital Transformation (バイオDX)産学共創拠点"
    )
    assert changes == sorted(
        [
            (  # the organization registry knows these renames: one change each, not a leave and a join
                "membership",
                "renamed",
                "広島県",
                "kyoso_no_ba",
                f"凸版印刷株式会社 → TOPPANホールディングス株式会社 [産] in {hiroshima_kyoso}",
                "凸版印刷株式会社",
                "TOPPANホールディングス株式会社",
            ),
            (
                "membership",
                "renamed",
                "高知県",
                "kyoso_no_ba",
                "東京工業大学 → 東京科学大学 [学] in SAWACHI型健康社会共創拠点",
                "東京工業大学",
                "東京科学大学",
            ),
            (
                "membership",
                "role_changed",
                "広島県",
                "chihou_daigaku",
                "マツダ株式会社 [産] in 広島県地方大学・地域産業創生事業推進特別委員会",
                "代表取締役会長",
                "代表取締役社長",
            ),
            (
                "network",
                "added",
                "島根県",
                "chihou_daigaku",
                "先端金属材料グローバル拠点の創出- Next Generation TATARA Project-",
                None,
                "先端金属材料グローバル拠点の創出- Next Generation TATARA Project-",
            ),
            (
                "network",
                "removed",
                "高知県",
                "mic_survey",
                "高知県・大学等連携協議会",
                "高知県・大学等連携協議会",
                None,
            ),
            (
                "network",
                "renamed",
                "広島県",
                "kyoso_no_ba",
                hiroshima_kyoso,
                "広島から世界最先端のバイオエコノミクスを実現するBio×Digital Transformation (バイオDX)産学共創拠点",
                hiroshima_kyoso,
            ),
        ]
    )
    # the deck's map slide is not in the new edition: it supersedes no map, so the map's 37
    # adoptions stay current and none is reported removed
    assert con.execute("SELECT count(*) FROM changes WHERE entity = 'adoption'").fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM adoptions").fetchall() == [(37,)]

    result = CliRunner().invoke(main, ["diff", "network-table", "--db", str(db_path)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == ["series network-table: 2 editions", "", "2022 -> 2023: 6 changes"]
    assert "  ~ membership 高知県 kyoso_no_ba: 東京工業大学 -> 東京科学大学" in lines
    assert (
        "  ~ membership 広島県 chihou_daigaku: マツダ株式会社 [産] in 広島県地方大学・地域産業創生事業推進特別委員会: "
        "role 代表取締役会長 -> 代表取締役社長" in lines
    )
    assert "  - network    高知県 mic_survey: 高知県・大学等連携協議会" in lines


def test_failed_download_loses_nothing(server: str, tmp_path: Path, db_path: Path) -> None:
    folder = tmp_path / "src"
    write_sources(folder, [{"series": "network-table", "edition": "2022", "url": f"{server}/deck.pdf"}])
    assert ingest([folder], db_path).ok
    stored_before = sorted((folder / "fetched").iterdir())
    write_sources(
        folder,
        [
            {"series": "network-table", "edition": "2022", "url": f"{server}/deck.pdf"},
            {"series": "network-table", "edition": "2023", "url": f"{server}/500"},
        ],
    )
    summary = ingest([folder], db_path)
    assert not summary.ok
    assert summary.fetch_failures == [f"{server}/500: HTTP 500 Internal Server Error"]
    assert sorted((folder / "fetched").iterdir()) == stored_before
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM networks").fetchall() == [(8,)]
    assert con.execute("SELECT status FROM ingest_runs ORDER BY started_at").fetchall() == [
        ("ok",),
        ("partial",),
    ]


def test_diff_unknown_series(db_path: Path) -> None:
    ingest([DECK], db_path)
    result = CliRunner().invoke(main, ["diff", "nope", "--db", str(db_path)])
    assert result.exit_code == 1
    assert result.stderr == "Error: no series 'nope' (known: chiiki-sangakukan-network)\n"


def test_second_writer_waits_for_the_first(db_path: Path) -> None:
    ingest([DECK], db_path)
    with hold_lock(db_path, 1.5):
        summary = ingest([DECK], db_path, wait=20)  # returns once the holder has let go
    assert summary.skipped == [DECK.name]


def test_serve_needs_a_prefect_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    result = CliRunner().invoke(main, ["serve", "--cron", "0 6 * * *"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: scheduling needs a Prefect server: run `prefect server start` and set "
        "PREFECT_API_URL=http://127.0.0.1:4200/api (the temporary server cannot schedule)\n"
    )
