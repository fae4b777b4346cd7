"""PDFs with planted defects, for the data-quality gate's tests (tests/fixtures/defects/).

Each is a network table or map slide with exactly one defect a real edition can
have; the gate must quarantine it and name the check that caught it.

    python tools/make_defects.py
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from deck_content import HIROSHIMA, KOCHI, SEED_ROWS, TOKUSHIMA, RegionRow, SourceCell
from make_adoption_lists import map_variant
from make_variants import Style, render

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "defects"


def with_members(row: RegionRow, source: int, members: tuple[str, ...]) -> RegionRow:
    sources = list(row.sources)
    sources[source] = SourceCell(sources[source].name, members, sources[source].overview)
    return replace(row, sources=(sources[0], sources[1], sources[2]))


def strip_unicode_maps(path: Path) -> None:
    """Make a font's glyphs unmappable to Unicode: rename /ToUnicode (same length, offsets kept)."""
    data = path.read_bytes()
    data, n = re.subn(rb"/ToUnicode", b"/NoUnicode", data)
    assert n, "no /ToUnicode found"
    path.write_bytes(data)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    hiroshima = HIROSHIMA.sources[0].members
    # 【宮】 for 【官】: a broken sector tag
    broken = (hiroshima[0], hiroshima[1].replace("【官】", "【宮】"), hiroshima[2])
    render(OUT / "broken_sector_tag.pdf", (with_members(HIROSHIMA, 0, broken), TOKUSHIMA, KOCHI), Style())
    # a member lost between two separators
    dropped = (hiroshima[0].replace("県立広島大学", ""), hiroshima[1], hiroshima[2])
    render(OUT / "dropped_member.pdf", (with_members(HIROSHIMA, 0, dropped), TOKUSHIMA, KOCHI), Style())
    # the body set in a font whose Unicode map is missing: text comes out as (cid:NN)
    cid = OUT / "cid_font.pdf"
    render(cid, SEED_ROWS, Style(font="IPAMincho", header_font="HeiseiKakuGo-W5"))
    strip_unicode_maps(cid)
    # a map entry whose marker colour is not in the legend
    map_variant(OUT / "unknown_colour.pdf", odd_colour={"秋田県": "#00A0A0"})
    for p in sorted(OUT.iterdir()):
        print(f"wrote {p}")


if __name__ == "__main__":
    main()
