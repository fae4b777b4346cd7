"""A later edition of the network table, with planted differences, for the re-ingestion tests.

    python tools/make_editions.py      # writes tests/fixtures/editions/network_table_next.pdf

Differences against the seed's table (and only these):
- 広島県 共創の場: network renamed (…バイオエコノミクスを… → …バイオエコノミー社会を…, the name
  the map slide prints); member 凸版印刷株式会社 → TOPPANホールディングス株式会社 (the real rename
  of 2023-10-01: one member removed, one added);
- 広島県 地方大学: マツダ株式会社's role 代表取締役会長 → 代表取締役社長 (synthetic);
- 高知県 共創の場: member 東京工業大学 → 東京科学大学 (the real rename of 2024-10-01);
- 高知県 総務省調査: the network is no longer printed (removed);
- 島根県: a new region row with its 地方大学 network (added; the seed's map facts).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from deck_content import EXTRA_ROWS, HIROSHIMA, KOCHI, TOKUSHIMA, RegionRow, SourceCell
from make_variants import Style, render

ROOT = Path(__file__).resolve().parents[1]


def _source(row: RegionRow, i: int, **changes: tuple[str, ...]) -> RegionRow:
    sources = list(row.sources)
    sources[i] = replace(sources[i], **changes)
    return replace(row, sources=(sources[0], sources[1], sources[2]))


def next_edition() -> tuple[RegionRow, ...]:
    h = HIROSHIMA
    chihou = h.sources[0]
    h = _source(h, 0, members=tuple(p.replace("代表取締役会長", "代表取締役社長") for p in chihou.members))
    kyoso = h.sources[1]
    h = _source(
        h,
        1,
        name=tuple(p.replace("バイオエコノミクスを", "バイオエコノミー社会を") for p in kyoso.name),
        members=tuple(p.replace("凸版印刷株式会社", "TOPPANホールディングス株式会社") for p in kyoso.members),
    )
    k = KOCHI
    k = _source(k, 1, members=tuple(p.replace("東京工業大学", "東京科学大学") for p in k.sources[1].members))
    k = replace(k, sources=(k.sources[0], k.sources[1], SourceCell()))
    return (h, TOKUSHIMA, k, EXTRA_ROWS[0])


def main() -> None:
    out = ROOT / "tests" / "fixtures" / "editions"
    out.mkdir(parents=True, exist_ok=True)
    render(out / "network_table_next.pdf", next_edition(), Style(rows_per_page=2))
    print(f"wrote {out / 'network_table_next.pdf'}")


if __name__ == "__main__":
    main()
