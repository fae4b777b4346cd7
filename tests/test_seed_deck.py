"""The reconstructed deck gives exactly the seed's 8 networks.

Expectations are typed from ../shared/seed (the table slide's text) with the
documented rules applied by hand: they do not come from ckextract's output.
A member is ``sector:org`` or ``sector:org/role``.
"""

from __future__ import annotations

import pytest

from tests.conftest import DECK, VARIANTS, records_of

H, T, K = "広島県", "徳島県", "高知県"
C, M, S = "chihou_daigaku", "kyoso_no_ba", "mic_survey"

EXPECTED: dict[tuple[str, str], dict[str, str | None]] = {
    (H, C): {
        "name": "広島県地方大学・地域産業創生事業推進特別委員会",
        "plan": "ひろしまものづくりデジタルイノベーション創出プログラム",
        "members": "学:広島大学|学:県立広島大学|学:広島市立大学|官:広島県|産:マツダ株式会社/代表取締役会長|"
        "産:株式会社広島銀行/代表取締役頭取|産:広島県商工会議所連合会/会頭|産:中国経済連合会",
        "overview": "広島大とマツダを中核とし、地域の実績・強みのあるモデルベース開発による材料研究や、"
        "自動車等の制御・生産プロセスのスマート化を図るとともに、「ものづくり」と「デジタル」の融合領域を"
        "牽引する人材育成を行う。",
    },
    (H, M): {
        "name": "広島から世界最先端のバイオエコノミクスを実現するBio×Digital Transformation (バイオDX)産学共創拠点",
        "plan": None,
        "members": "学:広島大学|学:The University of British Columbia|官:広島県|官:東広島市|産:プラチナバイオ株式会社|"
        "産:凸版印刷株式会社|産:三島食品株式会社|産:住友化学株式会社|産:キューピー株式会社|産:マツダ株式会社",
        "overview": "多様なステークホルダーとの共創のもと、地域イノベーションの徹底強化を図り、広島大学に"
        "「バイオDX」産学共創拠点を構築し、広島から世界最先端のバイオエコノミー社会を実現する。",
    },
    (T, C): {
        "name": "とくしま大学振興・若者雇用創出推進会議",
        "plan": "次世代「光」創出・応用による産業振興・若者雇用創出計画",
        "members": "学:徳島大学|学:四国大学|学:阿南工業高等専門学校|官:徳島県|産:日亜化学工業|産:日本フネン|"
        "産:徳島県商工会連合会|産:徳島県中小企業団体中央会|産:徳島県経済同友会|産:徳島県経営者協会|"
        "産:徳島県農業協同組合中央会|産:阿波銀行|産:徳島銀行|産:日本政策金融公庫|産:徳島県信用保証協会|"
        "産:徳島県産業振興機構",
        "overview": "徳島大と日亜化学工業等が連携し、新たな光源開発や光応用による医療機器開発を図るとともに、"
        "光応用専門人材を育成し、次世代光関連産業を牽引する世界最先端の研究開発・生産拠点の形成を目指す。",
    },
    (T, M): {
        "name": "ネオ・ディスタンス社会を創造する次世代「光」共創拠点",
        "plan": None,
        "members": "学:徳島大学|官:徳島県|産:PHC株式会社|産:株式会社NTTドコモ四国支社|産:株式会社産学連携キャピタル",
        "overview": "“次世代「光」技術”をコアに、①「ネオ・ディスタンス社会」のQOLを向上させる次世代「光」"
        "サービスの実現、②適度な距離感を創出する次世代「光」応用技術基盤の研究開発を産学協働で推進する。"
        "これらを実現する持続可能な産学共創システムの構築する。",
    },
    (T, S): {
        "name": "とくしま産学官連携プラットフォーム",
        "plan": None,
        "members": "学:徳島大学|学:鳴門教育大学|学:阿南工業高等専門学校|学:徳島文理大学|学:徳島文理大学短期大学部|"
        "学:四国大学|学:四国大学短期大学部|学:徳島工業短期大学|官:徳島県市長会|官:徳島県町村会|官:徳島県|"
        "産:徳島県経営者協会|産:徳島県経済同友会|産:徳島県商工会議所連合会|産:徳島県中小企業団体中央会",
        "overview": "徳島県内において、産学官の連携の下、大学等が地域における知の基盤としての役割を果たし、"
        "特徴や強みを踏まえた地域貢献や人材育成の充実を図り、豊かな地域社会の構築に寄与することにより、"
        "地方創生の推進に資する。",
    },
    (K, C): {
        "name": "高知県Next次世代型施設園芸農業に関する産学官連携協議会",
        "plan": "“IoP (Internet of Plants)”が導く「Next次世代型施設園芸農業」への進化",
        "members": "学:高知大学|学:高知県公立大学法人高知工科大学|官:高知県|産:高知県農業協同組合中央会|"
        "産:高知県園芸農業協同組合連合会|産:一般社団法人高知県工業会|産:高知県IoT推進ラボ研究会|"
        "産:株式会社四国銀行|産:株式会社高知銀行",
        "overview": "生産性日本一の施設園芸農業を更に高度化するため、高知大、高知工科大、高知県立大、"
        "農業団体等の連携により、栽培、出荷、流通をカバーする世界初のIoPクラウドを構築。"
        "若者に訴求する農業への転換を図る。",
    },
    (K, M): {
        "name": "SAWACHI型健康社会共創拠点",
        "plan": None,
        "members": "学:高知大学|学:高知県立大学|学:高知工科大学|学:高知工業高等専門学校|学:東京工業大学|"
        "学:大阪大学|学:岡山大学|官:室戸市|官:高知県|産:株式会社Psychic VR Lab|産:株式会社パシフィック|"
        "産:株式会社シーメック|産:株式会社BiPSEE|産:ファイトン株式会社|産:株式会社アルファドライブ高知",
        "overview": "「地域レジリエントなプライマリアーク・エコシステムの構築」「新しいヘルスケア・低侵襲検診"
        "システムの実現」「流行の兆しを掴む感染症警戒システムの構築」の3点をターゲットに設定し、"
        "産学官共創による社会実装に向けた研究開発する。これらの取組により「地域の健康生活の実現」と"
        "「Health Tech産業の集積による地域の活性化」を目指す。",
    },
    (K, S): {
        "name": "高知県・大学等連携協議会",
        "plan": None,
        "members": "学:高知県立大学|学:高知工科大学|学:高知大学|学:高知学園大学|学:高知リハビリテーション専門職大学|"
        "学:高知学園短期大学|学:高知工業高等専門学校|官:高知県",
        "overview": "産業振興や地域の課題解決等に向けた取組を推進し、産学官民がつながり、コミュニケーションを"
        "深め、知の創造を行い、産業や地域のイノベーションにつなげていく。",
    },
}
CODES = {H: "34", T: "36", K: "39"}


def _view(path):  # type: ignore[no-untyped-def]
    records = records_of(path)
    out = {}
    for n in records.networks:
        members = "|".join(
            f"{m.sector}:{m.org_name}" + (f"/{m.role}" if m.role else "")
            for m in records.memberships
            if m.network_id == n.network_id
        )
        out[(n.region_name, n.program_id)] = {
            "name": n.name,
            "plan": n.plan_name,
            "members": members,
            "overview": n.overview,
        }
    return records, out


def test_deck_gives_exactly_the_seed_networks() -> None:
    records, view = _view(DECK)
    assert view == EXPECTED
    assert {n.region_name: n.region_code for n in records.networks} == CODES
    assert len(records.memberships) == 86


def test_deck_records_the_fragment_repair() -> None:
    records, _ = _view(DECK)
    assert [(r.rule, r.before, r.after) for r in records.repairs] == [
        ("fragment_repair", "徳島文理大学、短期大学部", "徳島文理大学短期大学部")
    ]


def test_deck_keeps_the_printed_form() -> None:
    records = records_of(DECK)
    raw = {m.org_name: m.org_name_raw for m in records.memberships}
    assert raw["PHC株式会社"] == "P H C 株式会社"
    assert raw["マツダ株式会社"] in {"マツダ株式会社代表取締役会長", "マツダ株式会社"}


@pytest.mark.parametrize("path", VARIANTS, ids=[p.stem for p in VARIANTS])
def test_every_variant_gives_the_same_seed_networks(path) -> None:  # type: ignore[no-untyped-def]
    _, view = _view(path)
    seed_part = {k: v for k, v in view.items() if k[0] in CODES}
    assert seed_part == EXPECTED
