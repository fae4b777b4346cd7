"""The source deck's content, transcribed from ``../shared/seed/000_68793fd8ada020ba.txt``.

This is the *printed* text, slips included (a trailing ``、``, the split
``徳島文理大学、短期大学部``). The generators lay it out; they never clean it.

Markup inside cell text:
- a new paragraph inside a cell is a separate list item;
- ``{PHC}`` marks a letter-spaced run (drawn with character spacing in the
  PowerPoint deck, or with literal spaces in some variants).
"""

from __future__ import annotations

from dataclasses import dataclass, field

DECK_TITLE = "地域の産学官ネットワークの可視化と連携強化"
PUBLISHER = "内閣府 科学技術・イノベーション推進事務局 / 文部科学省"

# Group headers of the table slide, left to right (as printed).
GROUP_HEADERS = (
    "地方大学・地域産業創生交付金（内閣府）",
    "共創の場形成支援プログラム（文部科学省）",
    "都道府県・指定都市における「産学官連携」の推進体制等に係る調査（総務省）（※）",
)
SUB_HEADERS = ("名称", "構成員", "取組概要")
EMPTY = "-"


@dataclass(frozen=True)
class SourceCell:
    """One source's three cells in one region row; each is a list of paragraphs."""

    name: tuple[str, ...] = (EMPTY,)
    members: tuple[str, ...] = (EMPTY,)
    overview: tuple[str, ...] = (EMPTY,)


@dataclass(frozen=True)
class RegionRow:
    region: str
    sources: tuple[SourceCell, SourceCell, SourceCell] = field(
        default_factory=lambda: (SourceCell(), SourceCell(), SourceCell())
    )


TABLE_TITLE = "地域の産学官ネットワークの可視化"
TABLE_SUBTITLE = "(例：地方大学・地域産業創生交付金および共創の場形成支援プログラム両採択者の構成員と取組概要)"
TABLE_LEAD = "同じ地域内に作られている産学官ネットワークを整理し、可視化することで、連携・活用を促進"
TABLE_NOTE = "(P.14の「★両方に採択されている地域」の3地域の事例)"
TABLE_FOOTNOTE = (
    "※総務省において、都道府県・指定都市（計67団体）を対象に、産学官連携の推進体制等について"
    "アンケート調査を実施。その結果、協議会等を設置している団体は、28団体。"
)

HIROSHIMA = RegionRow(
    "広島県",
    (
        SourceCell(
            name=(
                "広島県地方大学・地域産業創生事業推進特別委員会",
                "(計画名：ひろしまものづくりデジタルイノベーション創出プログラム)",
            ),
            members=(
                "【学】広島大学、県立広島大学、広島市立大学",
                "【官】広島県",
                "【産】マツダ株式会社代表取締役会長、株式会社広島銀行代表取締役頭取、"
                "広島県商工会議所連合会会頭、中国経済連合会",
            ),
            overview=(
                "広島大とマツダを中核とし、地域の実績・強みのあるモデルベース開発による材料研究や、"
                "自動車等の制御・生産プロセスのスマート化を図るとともに、「ものづくり」と「デジタル」"
                "の融合領域を牽引する人材育成を行う。",
            ),
        ),
        SourceCell(
            name=(
                "広島から世界最先端のバイオエコノミクスを実現するBio×Digital Transformation "
                "(バイオDX) 産学共創拠点",
            ),
            members=(
                "【学】広島大学、The University of British Columbia",
                "【官】広島県、東広島市",
                "【産】プラチナバイオ株式会社、凸版印刷株式会社、三島食品株式会社、住友化学株式会社、"
                "キューピー株式会社、マツダ株式会社",
            ),
            overview=(
                "多様なステークホルダーとの共創のもと、地域イノベーションの徹底強化を図り、広島大学に"
                "「バイオDX」産学共創拠点を構築し、広島から世界最先端のバイオエコノミー社会を実現する。",
            ),
        ),
        SourceCell(),
    ),
)

TOKUSHIMA = RegionRow(
    "徳島県",
    (
        SourceCell(
            name=(
                "とくしま大学振興・若者雇用創出推進会議",
                "(計画名：次世代「光」創出・応用による産業振興・若者雇用創出計画)",
            ),
            members=(
                "【学】徳島大学、四国大学、阿南工業高等専門学校",
                "【官】徳島県",
                "【産】日亜化学工業、日本フネン、徳島県商工会連合会、徳島県中小企業団体中央会、"
                "徳島県経済同友会、徳島県経営者協会、徳島県農業協同組合中央会、阿波銀行、徳島銀行、"
                "日本政策金融公庫、徳島県信用保証協会、徳島県産業振興機構",
            ),
            overview=(
                "徳島大と日亜化学工業等が連携し、新たな光源開発や光応用による医療機器開発を図るとともに、"
                "光応用専門人材を育成し、次世代光関連産業を牽引する世界最先端の研究開発・生産拠点の"
                "形成を目指す。",
            ),
        ),
        SourceCell(
            name=("ネオ・ディスタンス社会を創造する次世代「光」共創拠点",),
            members=(
                "【学】徳島大学",
                "【官】徳島県",
                "【産】{PHC} 株式会社、株式会社 {NTT} ドコモ 四国支社、株式会社産学連携キャピタル、",
            ),
            overview=(
                "“次世代「光」技術”をコアに、①「ネオ・ディスタンス社会」のQOLを向上させる次世代"
                "「光」サービスの実現、②適度な距離感を創出する次世代「光」応用技術基盤の研究開発を"
                "産学協働で推進する。これらを実現する持続可能な産学共創システムの構築する。",
            ),
        ),
        SourceCell(
            name=("とくしま産学官連携プラットフォーム",),
            members=(
                "【学】徳島大学、鳴門教育大学、阿南工業高等専門学校、徳島文理大学、徳島文理大学、"
                "短期大学部、四国大学、四国大学短期大学部、徳島工業短期大学",
                "【官】徳島県市長会、徳島県町村会、徳島県",
                "【産】徳島県経営者協会、徳島県経済同友会、徳島県商工会議所連合会、徳島県中小企業団体中央会",
            ),
            overview=(
                "徳島県内において、産学官の連携の下、大学等が地域における知の基盤としての役割を果たし、"
                "特徴や強みを踏まえた地域貢献や人材育成の充実を図り、豊かな地域社会の構築に寄与する"
                "ことにより、地方創生の推進に資する。",
            ),
        ),
    ),
)

KOCHI = RegionRow(
    "高知県",
    (
        SourceCell(
            name=(
                "高知県Next次世代型施設園芸農業に関する産学官連携協議会",
                "(計画名：“IoP (Internet of Plants)”が導く「Next次世代型施設園芸農業」への進化)",
            ),
            members=(
                "【学】高知大学、高知県公立大学法人高知工科大学",
                "【官】高知県",
                "【産】高知県農業協同組合中央会、高知県園芸農業協同組合連合会、一般社団法人高知県工業会、"
                "高知県IoT推進ラボ研究会、株式会社四国銀行、株式会社高知銀行",
            ),
            overview=(
                "生産性日本一の施設園芸農業を更に高度化するため、高知大、高知工科大、高知県立大、"
                "農業団体等の連携により、栽培、出荷、流通をカバーする世界初のIoPクラウドを構築。"
                "若者に訴求する農業への転換を図る。",
            ),
        ),
        SourceCell(
            name=("{SAWACHI} 型健康社会共創拠点",),
            members=(
                "【学】高知大学、高知県立大学、高知工科大学、高知工業高等専門学校、東京工業大学、"
                "大阪大学、岡山大学",
                "【官】室戸市、高知県",
                "【産】株式会社Psychic VR Lab、株式会社パシフィック、株式会社シーメック、"
                "株式会社BiPSEE、ファイトン株式会社、株式会社アルファドライブ高知",
            ),
            overview=(
                "「地域レジリエントなプライマリアーク・エコシステムの構築」「新しいヘルスケア・"
                "低侵襲検診システムの実現」「流行の兆しを掴む感染症警戒システムの構築」の3点を"
                "ターゲットに設定し、産学官共創による社会実装に向けた研究開発する。これらの取組により"
                "「地域の健康生活の実現」と「Health Tech産業の集積による地域の活性化」を目指す。",
            ),
        ),
        SourceCell(
            name=("高知県・大学等連携協議会",),
            members=(
                "【学】高知県立大学、高知工科大学、高知大学、高知学園大学、高知リハビリテーション専門職大学、"
                "高知学園短期大学、高知工業高等専門学校",
                "【官】高知県",
            ),
            overview=(
                "産業振興や地域の課題解決等に向けた取組を推進し、産学官民がつながり、"
                "コミュニケーションを深め、知の創造を行い、産業や地域のイノベーションにつなげていく。",
            ),
        ),
    ),
)

SEED_ROWS: tuple[RegionRow, ...] = (HIROSHIMA, TOKUSHIMA, KOCHI)

# Extra region rows for the "extra regions" variant. Only facts the seed's map
# slide states are used: the region, its lead university (×…等) and the project
# name of the 地方大学・地域産業創生交付金 adoption; nothing else is invented.
EXTRA_ROWS: tuple[RegionRow, ...] = (
    RegionRow(
        "島根県",
        (
            SourceCell(
                name=("先端金属材料グローバル拠点の創出- Next Generation TATARA Project-",),
                members=("【学】島根大学", "【官】島根県"),
            ),
            SourceCell(),
            SourceCell(),
        ),
    ),
    RegionRow(
        "富山県",
        (
            SourceCell(
                name=("「くすりのシリコンバレーTOYAMA」創造計画",),
                members=("【学】富山大学", "【官】富山県"),
            ),
            SourceCell(),
            SourceCell(),
        ),
    ),
)

# --- Map slide (地域の産学官ネットワークの好事例) -----------------------------

MAP_TITLE = "地域の産学官ネットワークの好事例"


@dataclass(frozen=True)
class MapEntry:
    """One labelled entry on the map: ``region×lead`` and its projects.

    ``programs`` gives the program of each project (for ★ regions each project
    has its own marker); otherwise one marker precedes the entry.
    """

    region: str
    lead: str | None
    projects: tuple[str, ...]
    programs: tuple[str, ...]
    star: bool = False


def _e(label: str, program: str, *projects: str) -> MapEntry:
    region, _, lead = label.partition("×")
    return MapEntry(region, lead or None, projects, (program,) * len(projects))


MAP_ENTRIES: tuple[MapEntry, ...] = (
    MapEntry(
        "広島県",
        None,
        (
            "ひろしまものづくりデジタルイノベーション創出プログラム",
            "広島から世界最先端のバイオエコノミー社会を実現する Bio×Digital Transformation "
            "(バイオDX) 産学共創拠点",
        ),
        ("chihou_daigaku", "kyoso_no_ba"),
        star=True,
    ),
    MapEntry(
        "徳島県",
        None,
        (
            "次世代「光」創出・応用による産業振興・若者雇用創出計画",
            "ネオ・ディスタンス社会を創造する次世代「光」共創拠点",
        ),
        ("chihou_daigaku", "kyoso_no_ba"),
        star=True,
    ),
    MapEntry(
        "高知県",
        None,
        (
            "「IoT (Internet of Plants)」が導く「Next次世代型施設園芸農業」への進化",
            "SAWACHI 型健康社会共創拠点",
        ),
        ("chihou_daigaku", "kyoso_no_ba"),
        star=True,
    ),
    _e(
        "島根県×島根大学等",
        "chihou_daigaku",
        "先端金属材料グローバル拠点の創出- Next Generation TATARA Project-",
    ),
    _e("京都府×京都大学等", "kyoso_no_ba", "ゼロカーボンバイオ産業創出による資源循環共創拠点"),
    _e("京都府×京都大学等", "coi", "活力ある生涯のためのLast 5 X イノベーション拠点"),
    _e("青森県×弘前大学等", "coi", "真の社会イノベーションを実現する革新的「健やか力」創造拠点"),
    _e("秋田県×秋田大学等", "chihou_daigaku", "小型軽量電動化システムの研究開発による産業創生"),
    _e("富山県×富山大学等", "chihou_daigaku", "「くすりのシリコンバレーTOYAMA」創造計画"),
    _e(
        "北海道×北海道大学等",
        "kyoso_no_ba",
        "こことカラダのライフデザイン共創拠点",
        "地域エネルギーによるカーボンニュートラルな食料生産コミュニティの形成拠点",
    ),
    _e("東松島市×東北大学等", "kyoso_no_ba", "美食地政学に基づくグリーンジョブマーケットの醸成共創拠点"),
    _e(
        "長野県×信州大学等",
        "kyoso_no_ba",
        "患者と家族と医療従事者のライフデザインを実現するスマート在宅治療システム拠点",
        "小規模循環型リビングイノベーション共創拠点",
    ),
    _e(
        "長野県×信州大学等",
        "coi",
        "世界の豊かな生活環境と地球規模の持続可能性に貢献するアクア・イノベーション拠点",
    ),
    _e("東京都×東京農工大等", "kyoso_no_ba", "炭素循環型社会実現のためのバイオエコノミーイノベーション共創拠点"),
    _e(
        "東京都等×慶應義塾大学等",
        "kyoso_no_ba",
        "誰もが参加し繋がることでウェルビーイングを実現する都市型ヘルスコモンズ共創拠点",
    ),
    _e("大田区×東京工業大学等", "kyoso_no_ba", "『サイレントボイスとの共感』地球インクルーシブセンシング研究拠点"),
    _e(
        "川崎市×東京大学等",
        "coi",
        "スマートライフケア社会への変革を先導するものづくりオープンイノベーション拠点",
    ),
    _e("鎌倉市×慶應義塾大学等", "kyoso_no_ba", "デジタル駆動超資源循環参加型社会共創拠点"),
    _e("豊明市×藤田医科大学", "kyoso_no_ba", "家族が繋がる、人とIT技術等が共生する健康街づくり実現拠点"),
    _e("愛知県×東海国立大学機構等", "kyoso_no_ba", "FUTUREライフスタイル社会共創拠点"),
    _e("名古屋市×名古屋市立大学", "kyoso_no_ba", "近未来労働環境デザイン拠点"),
    _e("愛知県×名古屋大学等", "coi", "人がつながる“移動”イノベーション拠点"),
    _e("神戸市×神戸大学等", "chihou_daigaku", "神戸未来医療構想"),
    _e(
        "岐阜県×岐阜大学等",
        "chihou_daigaku",
        "日本一の航空宇宙産業クラスター形成を目指す産業技術の人材育成・研究開発",
    ),
    _e("摂津市×大阪大学等", "kyoso_no_ba", "未来型知的インフラモデル発信拠点"),
    _e("大阪府×徳島大学等", "kyoso_no_ba", "世界モデルとなる自律成長型人材・技術を育む総合健康産業都市拠点"),
    _e(
        "北九州市×九州工業大学",
        "chihou_daigaku",
        "革新的ロボットテクノロジーを活用したモノづくり企業の生産性革命実現プロジェクト",
    ),
    _e("福岡市×九州大学等", "kyoso_no_ba", "持続的共進化地域創成拠点"),
    _e("長崎県×長崎大学等", "kyoso_no_ba", "インテリジェント養殖を基軸にした「ながさきBLUEエコノミー」形成拠点"),
    _e("熊本県×熊本県立大学等", "kyoso_no_ba", "「流域治水を核とした復興を起点とする持続社会」地域共創拠点"),
    _e("西之表市×東京大学等", "kyoso_no_ba", "資源を循環させる地域イノベーションエコシステム研究拠点"),
    _e(
        "中城村×琉球大学等",
        "kyoso_no_ba",
        "資源循環型共生社会実現に向けた農水一体型サステナブル陸上養殖のグローバル拠点",
    ),
)

LEGEND = (
    ("chihou_daigaku", "地方大学・地域産業創生交付金採択拠点 (内閣府・地方創生)"),
    ("kyoso_no_ba", "共創の場形成支援プログラムのうち自治体が参画している拠点"),
    ("coi", "COI (センター・オブ・イノベーション) のうち自治体が参画している拠点 (文部科学省)"),
)
LEGEND_GROUP = "共創の場形成支援採択拠点"
LEGEND_STAR = "★ 両方に採択されている地域"
LEGEND_STAR_NOTE = "(地方大学・地域産業創生交付金 ● 共創の場形成支援プログラム ●)"

# --- Text slides ------------------------------------------------------------

TEXT_SLIDES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "地域の産学官ネットワークの連携強化による効果",
        (
            "地域内における産学官ネットワークの整理、可視化により、自治体による大学の持つ多様なポテンシャルへの"
            "理解が進むことが期待されると同時に、各ネットワークのキーパーソン同士が繋がり、ネットワーク間で"
            "コミュニケーションが生まれることで、それぞれの事業間で情報の共有が図られ、事業間の相乗効果が得られる。",
            "地域内のネットワーク間の連携やキーパーソン同士の協働を発展させていくことにより、地域全体の把握にも"
            "つながることで、地域のニーズや課題の共有がより一層進み、自治体と大学とが一体となった地域社会の変革を"
            "目指した新たな事業の展開が期待される。",
            "加えて、ネットワーク間の連携を通じて、研究開発フェーズから社会実装フェーズへの発展や、社会実装"
            "フェーズで生まれた新たな研究課題（研究開発フェーズ）へのスムーズな対応が進むことも期待される。",
            "なおこのような地域内の柔軟な事業展開を、政府としてシームレスに支援していくため、各府省間の事業の"
            "連携が必要。（各府省の事業間連携については「③-a」も参照）",
        ),
    ),
    (
        "知の変革～大学とともに創生するデジタル田園都市～",
        (
            "地域の中核大学や特定分野の強みを持つ大学が、特色ある強みを十分に発揮し、新たな価値創出や人材輩出に"
            "より、地域社会の駆動力として社会変革を牽引することを目指す。【地域中核・特色ある大学総合振興パッケージ】",
            "そのうえで地域中核大学等が、スパコン「富岳」などの全国的にオープンな研究デジタル基盤を活用し、全国の"
            "「知」と繋がり、それぞれの地域で「知の変革」が起こり、日本全国の大学を成長のエンジンとした分散型の"
            "成長モデルとしてのデジタル田園都市構想を実現する。",
            "全国の大学を核とした知の変革を通じて、産業の変革をもたらし、各地にデジタル田園都市を実現"
            "（分散型の成長モデル）",
        ),
    ),
)
