"""Glyphs the page does not show (``ckextract.extract.visibility``)."""

from __future__ import annotations

import numpy as np
import pdfplumber
import pytest

from ckextract.discover import discover
from ckextract.extract import extract_document
from ckextract.extract import visibility as vis
from tests.conftest import SHARED

REAL = SHARED / "real_pdfs"
needs_shared = pytest.mark.skipif(not REAL.exists(), reason="../shared/real_pdfs is not beside the checkout")


def _glyph(colour: tuple[float, ...], ncs: str = "DeviceGray") -> dict[str, object]:
    return {
        "text": "0",
        "x0": 10.0,
        "x1": 16.0,
        "top": 10.0,
        "bottom": 21.0,
        "non_stroking_color": colour,
        "ncs": ncs,
    }


def test_white_text_on_the_paper_may_be_hidden() -> None:
    no_fills = vis.coloured_fills([])
    assert vis.may_be_hidden(_glyph((1.0,)), no_fills) and not vis.may_be_hidden(_glyph((0.0,)), no_fills)


def _fill(colour: tuple[float, ...]) -> dict[str, object]:
    return {"x0": 0.0, "x1": 50.0, "top": 0.0, "bottom": 50.0, "fill": True, "non_stroking_color": colour}


def test_text_in_its_fills_colour_may_be_hidden() -> None:
    fills = vis.coloured_fills([_fill((0.0, 0.0, 1.0))])
    assert vis.may_be_hidden(_glyph((0.0, 0.0, 1.0), "DeviceRGB"), fills)


def test_white_text_on_a_coloured_fill_is_shown() -> None:
    # the deck's page 2: white headings on coloured bands (no render needed)
    assert not vis.may_be_hidden(_glyph((1.0,)), vis.coloured_fills([_fill((0.2, 0.4, 0.8))]))


def test_a_spot_colours_tint_is_not_taken_for_white() -> None:
    # eu-026's dark title is Separation (1.0,): full ink
    assert not vis.may_be_hidden(_glyph((1.0,), "Separation"), vis.coloured_fills([]))


def test_cmyk_without_ink_is_white() -> None:
    assert vis.as_rgb((0.0, 0.0, 0.0, 0.0)) == (1.0, 1.0, 1.0)


def test_an_even_box_shows_nothing_and_a_stroke_shows() -> None:
    page = np.full((40, 40), 255, dtype=np.uint8)
    assert vis.shows_nothing(page, (5, 5, 20, 30))
    page[10:25, 12] = 0
    assert not vis.shows_nothing(page, (5, 5, 20, 30))


@needs_shared
def test_white_zeros_on_white_are_left_out() -> None:
    # mhlw_ec/07 writes a 0 in white in 21 empty web-address cells; tabula's CSV keeps them
    (doc,) = discover([REAL / "mhlw_ec" / "07_000624110.pdf"])
    ex = extract_document(doc)
    assert ex.hidden_glyphs == 21
    assert "0" not in [row[4] for row in ex.tables[0].grid()]


@needs_shared
def test_white_text_on_a_shading_is_shown() -> None:
    # tabula's labor.pdf: a white title on a blue band that pdfplumber lists no shape for
    with pdfplumber.open(REAL / "tabula_suite" / "labor.pdf") as pdf:
        page = pdf.pages[0]
        shown, hidden = vis.shown_glyphs(page, page.chars)
    assert hidden == 0 and "Industry" in "".join(c["text"] for c in shown)
