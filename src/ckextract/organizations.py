"""Organizations: one registry entry per real organization, however the PDFs spell it.

Every membership is linked to an organization by the first rule that applies, and the
link records the rule, so a match can always be explained:

- ``exact``: the normalized name is the organization's canonical name;
- ``rename``: a dated rename (``RENAMES``: 東京工業大学 → 東京科学大学 from 2024-10-01, …)
  points the old name to the organization's current name;
- ``legal_form``: the name differs only by a legal-person prefix or suffix
  (``高知県公立大学法人高知工科大学`` → ``高知工科大学``, ``株式会社四国銀行`` ↔ ``四国銀行``);
- ``abbreviation``: ``徳島大`` ↔ ``徳島大学`` when the full name is known;
- ``ocr_confusion``: a spelling read by OCR that differs from a name printed more often
  only by characters OCR confuses (``東京エ業大学`` → ``東京工業大学``).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ckextract import regions
from ckextract.textrules import normalize_text, ocr_key


@dataclass(frozen=True, slots=True)
class Rename:
    old: str
    new: str
    valid_from: date
    source: str


RENAMES: tuple[Rename, ...] = (
    Rename("東京工業大学", "東京科学大学", date(2024, 10, 1), "統合により東京科学大学 (2024-10-01)"),
    Rename("東京医科歯科大学", "東京科学大学", date(2024, 10, 1), "統合により東京科学大学 (2024-10-01)"),
    Rename("凸版印刷株式会社", "TOPPANホールディングス株式会社", date(2023, 10, 1), "商号変更 (2023-10-01)"),
    Rename("凸版印刷", "TOPPANホールディングス", date(2023, 10, 1), "商号変更 (2023-10-01)"),
    Rename("日立金属株式会社", "株式会社プロテリアル", date(2023, 1, 4), "商号変更 (2023-01)"),
    Rename("日立金属", "プロテリアル", date(2023, 1, 4), "商号変更 (2023-01)"),
)

_LEGAL_PREFIX = re.compile(
    r"^(?:(?:[^\s]{2,3}[都道府県])?(?:公立大学法人|国立大学法人|学校法人|独立行政法人|国立研究開発法人|"
    r"一般社団法人|公益社団法人|一般財団法人|公益財団法人|社会福祉法人|医療法人|特定非営利活動法人|"
    r"株式会社|有限会社|合同会社)|\(株\)|\(一社\)|\(公社\)|\(一財\)|\(公財\))"
)
_LEGAL_SUFFIX = re.compile(r"(?:株式会社|有限会社|合同会社|\(株\))$")

KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("junior_college", re.compile(r"短期大学(部)?$")),
    ("kosen", re.compile(r"高等専門学校$")),
    ("public_university", re.compile(r"(公立大学法人|[都道府県市]立.*大学$|^[^\s]{2,3}[都道府県]立大学$)")),
    ("university", re.compile(r"(大学|大学院)$|\bUniversity\b", re.IGNORECASE)),
    ("bank", re.compile(r"(銀行|信用金庫|信用組合)$")),
    ("policy_finance", re.compile(r"(公庫|信用保証協会)$")),
    ("chamber_of_commerce", re.compile(r"商工会議所(連合会)?$")),
    ("commerce_association", re.compile(r"商工会(連合会)?$")),
    ("cooperative", re.compile(r"協同組合(中央会|連合会)?$|組合中央会$")),
    ("company", re.compile(r"(株式会社|有限会社|合同会社|\(株\)|Inc\.?|Ltd\.?|Lab)$|^株式会社")),
    ("incorporated_association", re.compile(r"^(一般|公益)(社団|財団)法人")),
    ("local_government", re.compile(r"^[^\s]{1,6}[都道府県市区町村]$")),
    ("association_of_governments", re.compile(r"(市長会|町村会|知事会)$")),
    ("business_association", re.compile(r"(協会|同友会|連合会|中央会|経済連合会|工業会|研究会|協議会)$")),
    ("agency", re.compile(r"(機構|センター|研究所)$")),
)


def kind_of(name: str) -> str:
    """The kind of organization, from its name (``広島県`` → local_government, …)."""
    for kind, pattern in KINDS:
        if pattern.search(name):
            return kind
    return (
        "company" if re.search(r"[A-Za-z]", name) is None and name.endswith(("工業", "フネン")) else "other"
    )


def legal_core(name: str) -> str:
    """The name without legal-person prefixes and suffixes."""
    core = _LEGAL_PREFIX.sub("", name)
    core = _LEGAL_SUFFIX.sub("", core)
    return core or name


def prefecture_code(name: str) -> str | None:
    """The prefecture a name starts with (``徳島県経済同友会`` → 36), or the region it is."""
    region = regions.lookup(name)
    if region is not None:
        return region.code[:2]
    for r in regions.all_regions():
        if r.kind == "prefecture" and name.startswith(r.name):
            return r.code
    return None


def ocr_misreadings(printed: Counter[str]) -> dict[str, str]:
    """The names OCR misread, each → the name it stands for: another name that differs
    from it only by characters OCR confuses (``textrules.OCR_CONFUSIONS``: 東京エ業大学 for
    東京工業大学) and is printed more often than it and than any other such spelling.
    Names are grouped by :func:`~ckextract.textrules.ocr_key` once (linear in the names)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in printed:
        groups[ocr_key(name)].append(name)
    out: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        ranked = sorted(group, key=lambda t: printed[t], reverse=True)
        best = ranked[0]
        if printed[ranked[1]] == printed[best]:
            continue  # no single most printed spelling: left as read
        out.update({name: best for name in ranked[1:]})
    return out


def ocr_spelling(name: str, printed: Counter[str]) -> str | None:
    """The organization an OCR'd spelling stands for (:func:`ocr_misreadings`), or None."""
    return ocr_misreadings(printed).get(name)


def org_id(canonical: str) -> str:
    return "org_" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Organization:
    org_id: str
    canonical_name: str
    sector: str | None
    kind: str
    prefecture_code: str | None


@dataclass(frozen=True, slots=True)
class Alias:
    alias: str
    org_id: str
    rule: str
    valid_from: date | None
    valid_to: date | None
    source: str


@dataclass(frozen=True, slots=True)
class Link:
    network_id: str
    position: int
    org_id: str
    rule: str


def build(
    memberships: Iterable[tuple[str, int, str, str]],
) -> tuple[list[Organization], list[Alias], list[Link]]:
    """(network_id, position, sector, org_name) rows → organizations, aliases, links."""
    rows = list(memberships)
    renamed = {normalize_text(r.old): r for r in RENAMES}
    printed = Counter(normalize_text(n) for _, _, _, n in rows)
    names = set(printed)

    def canonical(name: str) -> tuple[str, str]:
        if name in renamed:
            return normalize_text(renamed[name].new), "rename"
        return name, "exact"

    misread = ocr_misreadings(printed)
    # first pass: canonical names after renames; cores to merge legal-form variants
    first = {name: canonical(name) for name in names}
    by_core: dict[str, list[str]] = defaultdict(list)
    for target, _ in first.values():
        by_core[legal_core(target)].append(target)
    core_choice = {core: sorted(set(ts), key=lambda t: (len(t), t))[0] for core, ts in by_core.items()}
    # the shortest spelling is the canonical one (四国銀行 over 株式会社四国銀行): unless only one exists
    resolved: dict[str, tuple[str, str]] = {}
    for name, (target, rule) in first.items():
        chosen = core_choice[legal_core(target)]
        if chosen != target and rule == "exact":
            rule = "legal_form"
        resolved[name] = (chosen, rule)
    for name, (target, _rule) in list(resolved.items()):
        if target.endswith("大") and target + "学" in core_choice.values():
            resolved[name] = (target + "学", "abbreviation")
    for name, other in misread.items():  # read as the name it stands for, however that resolved
        resolved[name] = (resolved[other][0], "ocr_confusion")

    sectors: dict[str, Counter[str]] = defaultdict(Counter)
    links = []
    for network_id, position, sector, raw in rows:
        target, rule = resolved[normalize_text(raw)]
        sectors[target][sector] += 1
        links.append(Link(network_id, position, org_id(target), rule))
    orgs = [
        Organization(org_id(t), t, sectors[t].most_common(1)[0][0], kind_of(t), prefecture_code(t))
        for t in sorted(sectors)
    ]
    aliases = [
        Alias(
            name,
            org_id(target),
            rule,
            None,
            (renamed[name].valid_from if rule == "rename" else None),
            renamed[name].source if rule == "rename" else f"spelling in a source document ({rule})",
        )
        for name, (target, rule) in sorted(resolved.items())
        if name != target
    ]
    # known renames are registered even before a document uses the old name
    for r in RENAMES:
        new = normalize_text(r.new)
        if new in sectors and normalize_text(r.old) not in resolved:
            aliases.append(Alias(normalize_text(r.old), org_id(new), "rename", None, r.valid_from, r.source))
    return orgs, aliases, links
