"""The analysts' layer: organizations with explainable matches, bridging organizations,
region summaries, the region graph, Parquet export."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from ckextract.cli import main
from ckextract.organizations import kind_of, legal_core
from ckextract.pipeline import ingest
from ckextract.screenshot import chromium
from tests.conftest import RAW_PDFS

# Read by hand from the seed's table slide: organizations listed in two or more networks
# of one region (高知工科大学 also as 高知県公立大学法人高知工科大学 in the 地方大学 council).
BRIDGING = {
    "広島県": {"広島大学": 2, "広島県": 2, "マツダ株式会社": 2},
    "徳島県": {
        "徳島大学": 3,
        "徳島県": 3,
        "四国大学": 2,
        "阿南工業高等専門学校": 2,
        "徳島県中小企業団体中央会": 2,
        "徳島県経済同友会": 2,
        "徳島県経営者協会": 2,
    },
    "高知県": {"高知大学": 3, "高知県": 3, "高知工科大学": 3, "高知県立大学": 2, "高知工業高等専門学校": 2},
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("analysts") / "w.duckdb"
    assert ingest([RAW_PDFS], db, validate_records=False).ok
    return db


def test_bridging_orgs_are_exactly_those_of_the_seed(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute("SELECT region_name, canonical_name, network_count FROM v_bridging_orgs").fetchall()
    found: dict[str, dict[str, int]] = {}
    for region, name, count in rows:
        found.setdefault(region, {})[name] = count
    assert found == BRIDGING


def test_every_membership_points_to_an_org_with_its_rule(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    assert con.execute(
        "SELECT count(*) FROM memberships m LEFT JOIN membership_orgs mo USING (network_id, position) "
        "WHERE mo.org_id IS NULL"
    ).fetchall() == [(0,)]
    rules = dict(
        con.execute(
            "SELECT m.org_name, mo.rule FROM memberships m JOIN membership_orgs mo USING (network_id, position) "
            "WHERE mo.rule != 'exact'"
        ).fetchall()
    )
    assert rules == {
        "東京工業大学": "rename",
        "凸版印刷株式会社": "rename",
        "高知県公立大学法人高知工科大学": "legal_form",
    }
    aliases = con.execute(
        "SELECT alias, o.canonical_name, a.rule, a.valid_to FROM org_aliases a JOIN organizations o USING (org_id) "
        "WHERE a.rule = 'rename' ORDER BY alias"
    ).fetchall()
    assert [(a, n, r, str(v)) for a, n, r, v in aliases] == [
        ("凸版印刷株式会社", "TOPPANホールディングス株式会社", "rename", "2023-10-01"),
        ("東京医科歯科大学", "東京科学大学", "rename", "2024-10-01"),
        ("東京工業大学", "東京科学大学", "rename", "2024-10-01"),
    ]


def test_org_networks_across_programs(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "SELECT program_id, role FROM v_org_networks WHERE canonical_name = 'マツダ株式会社' ORDER BY program_id"
    ).fetchall()
    assert rows == [("chihou_daigaku", "代表取締役会長"), ("kyoso_no_ba", None)]


def test_region_summary(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute(
        "SELECT region_name, networks, chihou_daigaku, kyoso_no_ba, mic_survey, bridging_orgs "
        "FROM v_region_summary ORDER BY region_code"
    ).fetchall()
    assert rows == [("広島県", 2, 1, 1, 0, 3), ("徳島県", 3, 1, 1, 1, 7), ("高知県", 3, 1, 1, 1, 5)]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("広島大学", "university"),
        ("県立広島大学", "public_university"),
        ("徳島文理大学短期大学部", "junior_college"),
        ("阿南工業高等専門学校", "kosen"),
        ("株式会社広島銀行", "bank"),
        ("徳島県農業協同組合中央会", "cooperative"),
        ("広島県商工会議所連合会", "chamber_of_commerce"),
        ("徳島県商工会連合会", "commerce_association"),
        ("一般社団法人高知県工業会", "incorporated_association"),
        ("東広島市", "local_government"),
        ("徳島県町村会", "association_of_governments"),
        ("マツダ株式会社", "company"),
        ("The University of British Columbia", "university"),
        ("日本政策金融公庫", "policy_finance"),
    ],
)
def test_kind_from_the_name(name: str, kind: str) -> None:
    assert kind_of(name) == kind


def test_legal_core() -> None:
    assert legal_core("高知県公立大学法人高知工科大学") == "高知工科大学"
    assert legal_core("株式会社四国銀行") == legal_core("四国銀行") == "四国銀行"


@pytest.mark.parametrize("region", ["広島県", "徳島県", "高知県"])
def test_region_graph_html(region: str, warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{region}.html"
    result = CliRunner().invoke(
        main, ["graph", "--region", region, "--out", str(out), "--db", str(warehouse)]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page.split("<svg", 1)[1].replace("http://www.w3.org", "")
    for name in BRIDGING[region]:
        assert f'class="bridging" data-org="{name}"' in page
    assert page.count('class="network"') == (2 if region == "広島県" else 3)
    # each network headed by its program's label (ckextract.programs), short where one is set
    assert "地方大学・地域産業創生交付金（内閣府）" in page
    assert ("産学官連携推進体制調査（総務省）" in page) == (region != "広島県")


@pytest.mark.skipif(chromium() is None, reason="headless Chromium is not installed")
def test_region_graph_png(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "tokushima.png"
    result = CliRunner().invoke(
        main, ["graph", "--region", "徳島県", "--out", str(out), "--db", str(warehouse)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000


def test_graph_unknown_region(warehouse: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["graph", "--region", "火星", "--out", str(tmp_path / "x.html"), "--db", str(warehouse)]
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: no networks for region '火星'\n"


def test_parquet_export_round_trips(warehouse: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--parquet", str(tmp_path / "pq"), "--db", str(warehouse)])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(warehouse), read_only=True)
    for name in ("networks", "memberships", "adoptions", "organizations", "v_bridging_orgs", "raw_cells"):
        original = con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
        back = con.execute(
            f"SELECT * FROM read_parquet('{tmp_path / 'pq' / name}.parquet') ORDER BY ALL"
        ).fetchall()
        assert back == original, name
    assert result.stdout.startswith("wrote ") and (tmp_path / "pq" / "changes.parquet").exists()


def test_graph_by_region_code_is_titled_with_the_name(warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / "39.html"
    assert (
        CliRunner()
        .invoke(main, ["graph", "--region", "39", "--out", str(out), "--db", str(warehouse)])
        .exit_code
        == 0
    )
    assert "<title>高知県の産学官ネットワーク</title>" in out.read_text(encoding="utf-8")
