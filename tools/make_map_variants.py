"""Map slides of the seed's 37 adoptions in other arrangements, committed as fixtures with
golden files (tests/fixtures/map_slide/). The generator is tests/mapgen.py, which the
property test also draws random arrangements with (reportlab, CID fonts; no other font).

    python tools/make_map_variants.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.adoption_data import EXPECTED  # noqa: E402
from tests.mapgen import COI, Arrangement, C, K, draw, seed_entries  # noqa: E402

VARIANTS = {
    # a drawn ◆ before each project, none before the entry; no bullets; four columns
    "marker_per_project_shapes": Arrangement(
        marker_at="project", drawn_markers=True, drawn_legend=True, glyph="◆", columns=4, bullets=False
    ),
    # entries grouped under a heading per program (its marker the only one), framed, in two
    # columns; Mincho; other colours; the legend at the bottom right
    "group_headings_framed": Arrangement(
        marker_at="group",
        columns=2,
        boxes=True,
        font="HeiseiMin-W3",
        colours={C: "#8a2be2", K: "#ff8c00", COI: "#008b8b"},
        legend_corner="bottom-right",
    ),
    # ■ glyphs before entries, legend drawn as squares, no bullets (space between items and a
    # hanging indent), five columns, entries in another order
    "no_bullets_spaced_shuffled": Arrangement(
        marker_at="entry",
        drawn_legend=True,
        glyph="■",
        columns=5,
        bullets=False,
        item_space=True,
        hanging_indent=True,
        shuffle_seed=29,
        legend_corner="top-right",
    ),
}


def main() -> None:
    out = ROOT / "tests" / "fixtures" / "map_slide"
    entries = seed_entries(EXPECTED)
    for name, arrangement in VARIANTS.items():
        (out / f"{name}.pdf").write_bytes(draw(arrangement, entries))
        print(f"wrote {out / name}.pdf")


if __name__ == "__main__":
    main()
