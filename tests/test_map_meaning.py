"""The map slide read by meaning: random arrangement in, the seed's same 37 adoptions out.

Each example is drawn by tests/mapgen.py: markers before each entry, before each project
or at group headings; glyphs or drawn shapes (markers and legend apart); ● ■ ◆; 2–5
columns; entries framed or not; ・ bullets or none (then space between items, the one cue
a reader always sees); Gothic or Mincho; any three distinct colours; the legend in any
corner; entries in any order.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ckextract.discover import discover
from ckextract.extract import extract_document
from ckextract.extract.markers import shape_glyph
from ckextract.normalize import normalize
from tests.adoption_data import EXPECTED
from tests.conftest import FIXTURES
from tests.mapgen import COI, FONTS, Arrangement, C, K, draw, seed_entries

ENTRIES = seed_entries(EXPECTED)
DISTINCT = 80.0
"""Smallest RGB distance between two program colours, and from black and white (text)."""


def _distance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)


@st.composite
def colours(draw_: st.DrawFn) -> dict[str, str]:
    rgb = st.tuples(*(st.integers(0, 255),) * 3)
    chosen: list[tuple[int, ...]] = []
    for _ in range(3):
        c = draw_(
            rgb.filter(
                lambda c: all(_distance(c, o) > DISTINCT for o in [*chosen, (0, 0, 0), (255, 255, 255)])
            )
        )
        chosen.append(c)
    return {p: "#{:02x}{:02x}{:02x}".format(*c) for p, c in zip((C, K, COI), chosen, strict=True)}


@st.composite
def arrangements(draw_: st.DrawFn) -> Arrangement:
    marker_at = draw_(st.sampled_from(["entry", "project", "group"]))
    bullets = draw_(st.booleans())
    return Arrangement(
        marker_at=marker_at,
        drawn_markers=draw_(st.booleans()),
        drawn_legend=draw_(st.booleans()),
        glyph=draw_(st.sampled_from(["●", "■", "◆"])),
        columns=draw_(st.integers(2, 5)),
        boxes=draw_(st.booleans()),
        bullets=bullets,
        font=draw_(st.sampled_from(FONTS)),
        colours=draw_(colours()),
        legend_corner=draw_(st.sampled_from(["top-left", "top-right", "bottom-right", "bottom-left"])),
        shuffle_seed=draw_(st.none() | st.integers(0, 10_000)),
        hanging_indent=draw_(st.booleans()),
        item_space=(not bullets and marker_at != "project") or draw_(st.booleans()),
    )


def adoptions(pdf: Path) -> list[tuple[str, ...]]:
    (doc,) = discover([pdf])
    records = normalize(extract_document(doc))
    return sorted(
        (a.program_id or "", a.region_name, a.lead_institution or "", a.project_name)
        for a in records.adoptions
    )


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(arrangement=arrangements())
def test_any_arrangement_gives_the_seeds_37_adoptions(arrangement: Arrangement, tmp_path: Path) -> None:
    pdf = tmp_path / "map.pdf"
    pdf.write_bytes(draw(arrangement, ENTRIES))
    assert adoptions(pdf) == sorted(EXPECTED)


NEW_VARIANTS = sorted(p for p in (FIXTURES / "map_slide").glob("*.pdf") if p.stem != "map_variant")


@pytest.mark.parametrize("pdf", NEW_VARIANTS, ids=[p.stem for p in NEW_VARIANTS])
def test_committed_arrangements_give_the_seeds_37_adoptions(pdf: Path) -> None:
    assert adoptions(pdf) == sorted(EXPECTED)


def _shape(
    object_type: str, path: list[tuple[object, ...]], w: float = 5.0, h: float = 5.0
) -> dict[str, object]:
    return {
        "object_type": object_type,
        "fill": True,
        "x0": 0.0,
        "x1": w,
        "top": 0.0,
        "bottom": h,
        "y0": 0.0,
        "y1": h,
        "path": path,
    }


def test_a_drawn_circle_reads_as_a_bullet_glyph() -> None:
    curve = [("m", (5, 2.5)), ("c", (5, 1), (4, 0), (2.5, 0)), ("c", (1, 0), (0, 1), (0, 2.5))]
    assert shape_glyph(_shape("curve", curve)) == "●"


def test_drawn_squares_and_diamonds_read_as_their_glyphs() -> None:
    square = _shape("rect", [])
    diamond = _shape("curve", [("m", (0, 2.5)), ("l", (2.5, 5)), ("l", (5, 2.5)), ("l", (2.5, 0)), ("h",)])
    assert (shape_glyph(square), shape_glyph(diamond)) == ("■", "◆")


def test_a_large_or_thin_shape_is_no_marker() -> None:
    assert shape_glyph(_shape("rect", [], w=40, h=40)) is None  # a box, not a marker
    assert shape_glyph(_shape("rect", [], w=8, h=1)) is None  # a rule
