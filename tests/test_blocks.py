"""Text blocks of a page image by X-Y cut (ckextract.extract.blocks), on drawn "text":
glyphs are filled boxes one em (28 px) tall."""

from __future__ import annotations

import cv2
import numpy as np

from ckextract.extract import blocks

EM = 28


def _page(lines: list[tuple[int, int, int]], gap: int = 2) -> np.ndarray:
    """A white page with lines of glyphs: (left, top, glyphs) each, ``gap`` px apart."""
    img = np.full((600, 1200), 255, dtype=np.uint8)
    for left, top, glyphs in lines:
        for k in range(glyphs):
            x = left + k * (EM + gap)
            cv2.rectangle(img, (x, top), (x + EM - 4, top + EM), 0, -1)
    return img


def test_blank_runs_are_the_gaps_between_ink() -> None:
    profile = np.array([0, 1, 1, 0, 0, 0, 1, 0, 1, 0], dtype=bool)
    assert blocks.blank_runs(profile, 2) == [(3, 6)]


def test_two_columns_a_narrow_gutter_apart_are_two_blocks_a_line() -> None:
    # the second column starts 1.4 em after the first ends, its lines half a line lower
    left = [(40, 50 + 40 * k, 10) for k in range(4)]
    right = [(40 + 10 * (EM + 2) + 40, 70 + 40 * k, 8) for k in range(4)]
    found = blocks.text_blocks(_page(left + right))
    assert len(found) == 8
    assert all(b[2] < 40 + 10 * (EM + 2) + 20 or b[0] > 40 + 10 * (EM + 2) for b in found)


def test_word_spaces_keep_a_line_in_one_block() -> None:
    found = blocks.text_blocks(_page([(40, 50, 20)], gap=10))  # a third of an em between words
    assert len(found) == 1 and found[0][0] <= 40 and found[0][2] >= 40 + 19 * (EM + 10) + EM - 4


def test_a_block_keeps_a_margin_of_paper_but_not_past_the_cut() -> None:
    (first, second) = blocks.text_blocks(_page([(40, 50, 5), (40, 90, 5)]))
    assert first[1] == 50 - blocks.MARGIN_PX and first[3] <= second[1]
