"""Scanned pages read by Tesseract (Debian's ``tesseract-ocr`` with its ``jpn`` data,
called through pytesseract): the same glyphs-with-boxes a text layer gives, each with
its OCR confidence.

The chain: render (:mod:`.scan`) → straighten → ruling lines and coloured marks from
the image → the lines painted out → Tesseract's hOCR with a box per character → glyph
dicts shaped like pdfplumber's chars. The table finder, the layouts, the gate and the
warehouse then treat the page as any other; every glyph carries ``ocr_confidence``
(0-100) and its font name is :data:`OCR_FONT`, so what was read by OCR stays visible.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import shutil
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import numpy as np
import numpy.typing as npt

from ckextract import addresses, textrules
from ckextract._typing import T_obj_list
from ckextract.extract import blocks, scan
from ckextract.extract.markers import MARKER_MAX, MARKER_MIN
from ckextract.settings import ExtractSettings

BOX_SEGMENTATION = 6
"""Tesseract's "one uniform block of text" mode, for cells set one under another
(:func:`recognize_boxes`). On the seed deck's scanned network table it reads 82 of the
86 members within one character; "single column" (4) loses headings, "sparse" (11) 77."""
MAX_SHEET_PX = 16_000
"""Height of one sheet of boxes given to Tesseract (it refuses images over 32,767 px)."""
BOX_SCALE = 2
"""Cells are read at twice the page's resolution: Tesseract reads small Japanese (6-7 pt,
25 px at 300 dpi) better at about 50 px."""
LANGUAGES = "jpn"
"""Tesseract's Japanese model (horizontal text; it reads the Latin letters and digits
set among Japanese too)."""
LATIN_LANGUAGES = "eng"
"""The model a cell of Latin letters and digits is read again with: the Japanese model
reads a web address's ``jp`` as ``」D``, ``l`` as ``|``, ``7`` as ``/`` (``017-/88-3121``)."""
PAGE_SEGMENTATION = 3
"""Tesseract's automatic page layout (its default). On the seed deck's scanned network
table it reads 64 of the members exactly against 58 in "sparse text" mode (11) and 60
as one block (6); cells are found from the ruling lines, not from Tesseract's blocks."""
INSTALL_HINT = (
    "install Tesseract with its Japanese data to read scans "
    "(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert tesseract-ocr-eng)"
)
OCR_FONT = "ckextract-ocr"
"""Font name of a glyph read by OCR (its provenance stays visible, like drawn markers)."""
JOIN_GAP_EMS = 0.8
"""Tesseract boxes each character's ink tightly, so Japanese text set solid shows gaps
(around 、。「 and narrow kana) that a text layer does not; a gap under this × the
line's height between two characters, one of them not Latin, is closed: no space is
made inside Japanese words. Between two Latin words the gap stays (it is a space)."""
INK_TO_EM = 1.15
"""A Japanese glyph's ink is about 0.87 of its em: the median ink height of a line's
glyphs × this is its font size."""
TALL_LINE = 1.8
"""A line of text this many font sizes tall may be several (see :func:`line_band`) ..."""
STACKED_SPREAD = 0.5
"""... if its glyphs' middles lie this many font sizes apart: a line's own spread no more
than a quarter (a ``p`` against an ``h``, a kana against a kanji), lines one under another
one or more."""
MARK_HEIGHT_SHARE = 0.5
"""A glyph under this share of a line's median glyph height is a small mark (``.``, ``、``),
set low or high on the line: no sign of another line."""
SEVERAL = "\ufffc"
"""Stands for a glyph Tesseract read as several characters when a line is reread by
:func:`textrules.ocr_reread` (one character a glyph)."""
LATIN_SPACE_EMS = 0.2
"""Between two Latin letters, a gap of the ink wider than this × the line's height is a
word space (letters of a word stand 0.05-0.1 em apart; Tesseract's Japanese model often
runs Latin words together)."""
GREY_SPREAD = 0.12
"""Scanned black text is grey and a little tinted by the scanner (channels within 0.05
of each other); a printed colour (the deck's red, green, blue) differs by 0.4 or more."""
SAME_COLOUR = 0.15
"""Neighbouring glyphs whose scanned colours differ by less than this (0-1, per channel)
were printed in one colour: the scan varies a few percent from glyph to glyph."""
DUST_MARKS = frozenset("-‐_.,・･'`\"|:;、。ー一~")
"""What Tesseract reads a speck of dust as."""
DOT_SEARCH_EMS = 0.5
"""How far either side of a dot's box its ink is looked for (:func:`_speck_dot`): Tesseract
boxes a dot loosely, a few pixels off its ink."""
LONE_DOT_EMS = 3.0
"""A full stop or comma this many ems from any word is no mark of print (it sits against
its word), whatever its ink (:func:`_speck_dot`)."""
SPECK_DASHES = frozenset("-‐_ー一~")
"""Marks a bit of a rule left on a line is read as (:func:`_speck_apart`); a comma or a
full stop Tesseract boxes loosely can measure as little ink as a speck (mhlw_ec/10's
``(※水は9:40-)、`` lost its 、 when dots were judged so too; the seed-11 scan of
shaded_cid_mincho_wide its Mincho 、 read ``,`` between two members). A Latin dot is
judged by the ink about it (:func:`_speck_dot`)."""
STRAY_GAP_EMS = 0.6
"""A dust mark at a line's end stands this far (× the line's height) from the text; a
bullet or a full stop stands against it."""
LATIN_RUN_LETTERS = 3
"""Latin letters a run of ASCII characters inside a Japanese line needs to be read again
with the Latin model (:func:`latin_runs`); shorter runs (``DX``, ``3F``, a time) read well
enough with the Japanese one."""
LATIN_RUN_PAD_EMS = 0.2
"""A run's box reaches this × its line's height past its first and last character, so
the Latin model sees the edge letters whole."""
TIMES_SIGNS = frozenset("xX×")
"""What the Latin model reads a multiplication sign as; set alone between two words
(``Bio X Digital``) it is one (the deck's ``Bio×Digital``), set solid."""
SWALLOWED_WIDTH = 1.5
"""A digit this many × as wide as its line's median digit holds another mark too (a
font's digits are about one width, a ``1`` narrower; a wave dash adds half a digit or
more: measured 1.6-2.8 × on mhlw_ec/02)."""
BAR_MIN_RATIO = 7.5
"""A lone dash at least this many times as long as it is thick is a ``―`` (a bar an em
long: mhlw_ec/05's, 46-48 × 4-6 px, 7.8-11.5); a shorter one a hyphen (mhlw_ec/10's
``-``, 21-22 × 4-5 px, 4.4-5.5 on a soft scan, 21 × 3 px, 7.0, rendered crisp). Measured
by its ink instead (darkness summed across it), the two overlapped: 7.6 for the crisp
hyphen, 7.7 for one of 05's bars."""
SPECK_DOT_AREA = 0.008
"""A mark ending a line whose ink is under this × the line's height squared is a speck
of dust, not a printed full stop (measured on mhlw_ec/10's scan: printed dots 0.013-0.017,
specks read as dots 0.004-0.005)."""
MIN_CONFIDENCE = 0.0
"""Characters Tesseract gives a confidence at or below this are not text (it marks
noise it could not read with 0)."""
_XHTML = "{http://www.w3.org/1999/xhtml}"


class OcrUnavailable(Exception):
    """Tesseract or its Japanese data is not installed."""


@functools.cache
def missing() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    if shutil.which("tesseract") is None:
        return "Tesseract is not installed"
    try:
        import pytesseract

        languages = set(pytesseract.get_languages(config=""))
    except Exception as exc:  # a broken install: say so, do not crash
        return f"Tesseract does not run ({type(exc).__name__})"
    if "jpn" not in languages:
        return "Tesseract has no Japanese data (jpn)"
    if LATIN_LANGUAGES not in languages:
        return f"Tesseract has no Latin data ({LATIN_LANGUAGES})"
    return None


def available() -> bool:
    return missing() is None


@dataclass(frozen=True, slots=True)
class OcrChar:
    text: str
    box: tuple[int, int, int, int]
    confidence: float


@dataclass(frozen=True, slots=True)
class OcrWord:
    chars: tuple[OcrChar, ...]


@dataclass(frozen=True, slots=True)
class OcrLine:
    box: tuple[int, int, int, int]
    words: tuple[OcrWord, ...]
    by_shape: bool = False
    """Read from the shape of its ink, not by Tesseract (a cell's lone dash): no dust."""


def _title(element: ElementTree.Element) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in (element.get("title") or "").split(";"):
        bits = part.split()
        if bits:
            out[bits[0]] = bits[1:]
    return out


def _box(values: list[str]) -> tuple[int, int, int, int]:
    x0, top, x1, bottom = (int(v) for v in values[:4])
    return x0, top, x1, bottom


def parse_hocr(hocr: bytes) -> list[OcrLine]:
    """Lines → words → characters (with boxes and confidences) of Tesseract's hOCR
    written with ``hocr_char_boxes``."""
    root = ElementTree.fromstring(hocr)
    lines: list[OcrLine] = []
    for span in root.iter(f"{_XHTML}span"):
        kind = span.get("class") or ""
        if kind not in ("ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption"):
            continue
        words: list[OcrWord] = []
        for word in span.iter(f"{_XHTML}span"):
            if word.get("class") != "ocrx_word":
                continue
            chars = []
            for info in word.iter(f"{_XHTML}span"):
                if info.get("class") != "ocrx_cinfo" or not (info.text or "").strip():
                    continue
                title = _title(info)
                confidence = float(title.get("x_conf", ["0"])[0])
                chars.append(OcrChar(info.text or "", _box(title["x_bboxes"]), confidence))
            if chars:
                words.append(OcrWord(tuple(chars)))
        if words:
            lines.append(OcrLine(_box(_title(span)["bbox"]), tuple(words)))
    return lines


def recognize(image: scan.Image, dpi: int) -> list[OcrLine]:
    """Tesseract on one page image."""
    return parse_hocr(_hocr(image, PAGE_SEGMENTATION, dpi))


def _hocr(image: scan.Image, segmentation: int, dpi: int, languages: str = LANGUAGES) -> bytes:
    """Tesseract's hOCR of ``image``, a box per character."""
    import pytesseract

    config = f"--psm {segmentation} --dpi {dpi} -c hocr_char_boxes=1"
    return bytes(pytesseract.image_to_pdf_or_hocr(image, lang=languages, extension="hocr", config=config))


def recognize_boxes(
    image: scan.Image,
    boxes: list[tuple[int, int, int, int]],
    dpi: int,
    languages: str = LANGUAGES,
    stretch: bool = True,
) -> list[list[OcrLine]]:
    """Tesseract on some boxes of a page image (pixels), in one call: each box framed in
    white and stretched (:func:`scan.framed`), the boxes set one under another on a sheet
    :data:`scan.FRAME_PX` apart (one image of many lines gives Tesseract's threshold and
    line finding more to go on than a box of one short word), and what is read put back
    where each box is on the page: the lines of each box. ``stretch``: as
    :func:`scan.framed`."""
    out: list[list[OcrLine]] = [[] for _ in boxes]
    start = 0
    for group in sheets(boxes, MAX_SHEET_PX // BOX_SCALE):
        for k, lines in enumerate(_recognize_sheet(image, group, dpi, languages, stretch)):
            out[start + k] = lines
        start += len(group)
    return out


def sheets(boxes: list[tuple[int, int, int, int]], height: int) -> list[list[tuple[int, int, int, int]]]:
    """``boxes`` in groups whose sheet stays under ``height`` pixels (Tesseract refuses
    an image over 32,767 pixels either way); a taller box is cut to fit."""
    out: list[list[tuple[int, int, int, int]]] = []
    used = height
    for box in boxes:
        need = min(box[3] - box[1], height - 2 * scan.FRAME_PX) + scan.FRAME_PX
        if used + need > height - scan.FRAME_PX:
            out.append([])
            used = 0
        out[-1].append((box[0], box[1], box[2], box[1] + need - scan.FRAME_PX))
        used += need
    return out


def _recognize_sheet(
    image: scan.Image, boxes: list[tuple[int, int, int, int]], dpi: int, languages: str, stretch: bool
) -> list[list[OcrLine]]:
    import cv2

    sheet, spans = scan.stacked([scan.framed(image, box, stretch) for box in boxes])
    if BOX_SCALE != 1:
        sheet = np.asarray(
            cv2.resize(sheet, None, fx=BOX_SCALE, fy=BOX_SCALE, interpolation=cv2.INTER_CUBIC), dtype=np.uint8
        )
    out: list[list[OcrLine]] = [[] for _ in boxes]
    for line in parse_hocr(_hocr(sheet, BOX_SEGMENTATION, dpi * BOX_SCALE, languages)):
        k = scan.stacked_index(spans, _scaled(line.box, 1 / BOX_SCALE))
        shift = (boxes[k][0] - scan.FRAME_PX, boxes[k][1] - spans[k][0])
        out[k].append(_moved_line(line, shift))
    return out


def _text_of(lines: list[OcrLine]) -> str:
    """What Tesseract read in some lines (a box's), run together."""
    return "".join(c.text for line in lines for w in line.words for c in w.chars)


LATIN_WORD_SLIP = 1
"""A reading of Latin letters may hold this many kana or kanji the Japanese model put for a
Latin mark (``-`` read ``に``): more, and the box is Japanese text."""


def is_latin(lines: list[OcrLine]) -> bool:
    """Whether a box's reading is Latin text: letters or digits and no kana or kanji (a
    phone number, a postcode, a web or mail address; the Japanese model reads Latin
    letters as Japanese punctuation, ``Soujinkal-kousel」D``), but for one kana or kanji
    inside a Latin word (:data:`LATIN_WORD_SLIP`: mhlw_ec/03 scanned, ``omi-ladies.com``
    read ``omにladies.com``)."""
    text = _text_of(lines)
    japanese = [k for k, ch in enumerate(text) if textrules.is_kana_or_kanji(ch)]
    if len(japanese) > LATIN_WORD_SLIP:
        return False
    return any(ch.isascii() and ch.isalnum() for ch in text) and all(
        0 < k < len(text) - 1 and text[k - 1].isascii() and text[k + 1].isascii() and text[k + 1].isalpha()
        for k in japanese
    )


def _confidence(lines: list[OcrLine]) -> float:
    values = [c.confidence for line in lines for w in line.words for c in w.chars]
    return sum(values) / len(values) if values else 0.0


def read_cells(
    image: scan.Image,
    cells: list[tuple[int, int, int, int]],
    dpi: int,
    stretch: bool = True,
    softened: scan.Image | None = None,
) -> list[OcrLine]:
    """Every cell (or block) read with the Japanese model (:func:`recognize_boxes`), and
    those it read as Latin text read again with the Latin one (:data:`LATIN_LANGUAGES`):
    of the two readings, the one Tesseract is surer of. A crisp page's cells are read
    ``softened`` too (:func:`scan.softened`), and the surer reading of each kept."""
    read = recognize_boxes(image, cells, dpi, stretch=stretch)
    if softened is not None:
        soft = recognize_boxes(softened, cells, dpi, stretch=stretch)
        read = [b if _confidence(b) > _confidence(a) else a for a, b in zip(read, soft, strict=True)]
    latin = [k for k, lines in enumerate(read) if is_latin(lines)]
    for k, again in zip(
        latin, recognize_boxes(image, [cells[k] for k in latin], dpi, LATIN_LANGUAGES, stretch), strict=True
    ):
        if _confidence(again) > _confidence(read[k]):
            read[k] = again
    if stretch:
        for k in (k for k, lines in enumerate(read) if not lines):
            read[k] = lone_dash(image, cells[k])
        read = with_column_vocabulary(image, cells, read)
    return [line for lines in read for line in lines]


ANSWER_SHARE = 0.8
"""A column answers from a vocabulary when at least this share of its cells read as one
of a few single characters (``有``/``無``: mhlw_ec's 在庫の有無 and 標榜の有無 columns) ..."""
ANSWER_KINDS = 3
"""... at most this many, each read in at least :data:`ANSWER_SEEN` cells ..."""
ANSWER_SEEN = 2
"""(A character read once is no answer the column gives.)"""
MIN_ANSWERS = 5
"""... in a column of at least this many cells with text."""
ANSWER_LIKENESS = 0.6
"""A cell of such a column read as another single character (``右``, ``探``, ``5``) is
the answer whose glyph, as the page prints it, its ink is most like, when at least this
like it (:func:`scan.likeness`: a glyph and itself scanned again score 0.8-0.95, 有 and
無 about 0.3) ..."""
ANSWER_MARGIN = 0.1
"""... and by this more than any other answer."""
ANSWER_SAMPLES = 8
"""Each answer's printed glyph is the mean of at most this many of its cells."""
COLUMN_SLACK_PX = 12
"""Cells whose left and right sides are this close (pixels) stand in one column."""


def column_vocabulary(texts: list[str]) -> str:
    """The characters a column's cells answer with (see :data:`ANSWER_SHARE`), or ""."""
    filled = [t for t in texts if t]
    if len(filled) < MIN_ANSWERS:
        return ""
    counts = {t: filled.count(t) for t in set(filled) if len(t) == 1}
    answers = sorted(t for t, n in counts.items() if n >= ANSWER_SEEN)
    if not answers or len(answers) > ANSWER_KINDS or not all(map(textrules.is_kana_or_kanji, answers)):
        return ""  # a column of small numbers (1, 2, 3) is no vocabulary: a 4 is no misread
    share = sum(counts[t] for t in answers) / len(filled)
    return "".join(answers) if share >= ANSWER_SHARE else ""


def _a_stray_answer(text: str, answers: str) -> bool:
    """Whether a cell's reading, one character and none of ``answers``, may be one
    misread; a dash or dot alone is a printed "none" and stays."""
    return len(text) == 1 and text not in answers and text not in DUST_MARKS


def _columns(cells: list[tuple[int, int, int, int]]) -> list[list[int]]:
    """Indices of ``cells`` grouped by column (sides within :data:`COLUMN_SLACK_PX`)."""
    groups: list[list[int]] = []
    for k in sorted(range(len(cells)), key=lambda k: cells[k][0]):
        x0, _, x1, _ = cells[k]
        for group in groups:
            g0, _, g1, _ = cells[group[0]]
            if abs(g0 - x0) <= COLUMN_SLACK_PX and abs(g1 - x1) <= COLUMN_SLACK_PX:
                group.append(k)
                break
        else:
            groups.append([k])
    return groups


def _inside(cell: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A cell's box without its sides' rule remnants (:data:`scan.EDGE_MARK_PX` in)."""
    x0, top, x1, bottom = cell
    inset = scan.EDGE_MARK_PX
    return (x0 + inset, top + inset, x1 - inset, bottom - inset)


def answer_glyphs(
    image: scan.Image, cells: list[tuple[int, int, int, int]], texts: list[str], answers: str
) -> dict[str, npt.NDArray[np.float32]]:
    """Each answer's glyph as this page prints it: the mean ink (:func:`scan.glyph_patch`)
    of up to :data:`ANSWER_SAMPLES` cells read (``texts``) as it alone."""
    out: dict[str, npt.NDArray[np.float32]] = {}
    for answer in answers:
        patches = [
            patch
            for cell, text in zip(cells, texts, strict=True)
            if text == answer and (patch := scan.glyph_patch(image, _inside(cell))) is not None
        ][:ANSWER_SAMPLES]
        if patches:
            out[answer] = np.mean(patches, axis=0).astype(np.float32)
    return out


def likest_answer(patch: npt.NDArray[np.float32], glyphs: dict[str, npt.NDArray[np.float32]]) -> str | None:
    """The answer whose glyph ``patch`` is like (:data:`ANSWER_LIKENESS`, :data:`ANSWER_MARGIN`)."""
    scores = sorted(((scan.likeness(patch, g), a) for a, g in glyphs.items()), reverse=True)
    if not scores or scores[0][0] < ANSWER_LIKENESS:
        return None
    if len(scores) > 1 and scores[0][0] - scores[1][0] < ANSWER_MARGIN:
        return None
    return scores[0][1]


def with_column_vocabulary(
    image: scan.Image, cells: list[tuple[int, int, int, int]], read: list[list[OcrLine]]
) -> list[list[OcrLine]]:
    """The cells of a column that answers from a few characters (:func:`column_vocabulary`:
    the page itself says which) read as another single character, read as the answer
    whose printed glyph on this page their ink is like (:func:`likest_answer`). mhlw_ec
    scanned: ``有`` read ``右`` and ``5`` (10), ``無`` read ``押`` (02); 03's ``無`` read
    ``探`` is not like enough to its page's ``無`` and stays."""
    out = list(read)
    texts = [_text_of(lines) for lines in read]
    for column in _columns(cells):
        answers = column_vocabulary([texts[k] for k in column])
        stray = [k for k in column if _a_stray_answer(texts[k], answers)] if answers else []
        if not stray:
            continue
        glyphs = answer_glyphs(image, [cells[k] for k in column], [texts[k] for k in column], answers)
        for k in stray:
            box = _inside(cells[k])
            patch = scan.glyph_patch(image, box)
            if patch is None or (answer := likest_answer(patch, glyphs)) is None:
                continue
            confidence = 100 * scan.likeness(patch, glyphs[answer])
            out[k] = [OcrLine(box, (OcrWord((OcrChar(answer, box, confidence),)),))]
    return out


def latin_runs(line: OcrLine) -> list[tuple[int, int]]:
    """The runs of ASCII characters (start, end: indices into the line's characters)
    holding at least :data:`LATIN_RUN_LETTERS` letters, in a line that also holds kana or
    kanji. The Japanese model reads their letters, but boxes them badly (a ``t`` 57 pt
    wide, boxes overlapping), so that ``IoT (Internet of Plants)`` came out as
    ``loT( Internetof Plants)``; none in a line of Latin text alone (read again whole by
    :func:`read_cells`)."""
    chars = [c.text for w in line.words for c in w.chars]
    if not any(textrules.is_kana_or_kanji(ch) for text in chars for ch in text):
        return []
    out: list[tuple[int, int]] = []
    start = None
    for k, text in enumerate([*chars, "\u3000"]):
        if text.isascii():
            start = k if start is None else start
            continue
        if start is not None and sum(ch.isalpha() for t in chars[start:k] for ch in t) >= LATIN_RUN_LETTERS:
            out.append((start, k))
        start = None
    return out


def run_box(line: OcrLine, run: tuple[int, int]) -> tuple[int, int, int, int]:
    """The box (pixels) the Latin model reads a run in: the line's height, the run's
    characters and :data:`LATIN_RUN_PAD_EMS` either side."""
    chars = [c for w in line.words for c in w.chars][run[0] : run[1]]
    pad = int(LATIN_RUN_PAD_EMS * (line.box[3] - line.box[1]))
    return (
        max(0, min(c.box[0] for c in chars) - pad),
        line.box[1],
        max(c.box[2] for c in chars) + pad,
        line.box[3],
    )


def latin_words(lines: list[OcrLine]) -> list[list[OcrChar]]:
    """The words of the Latin model's reading of a run, a multiplication sign set alone
    between two words (:data:`TIMES_SIGNS`) joined with both as one word ``Bio×Digital``."""
    words = [list(w.chars) for line in lines for w in line.words]
    k = 1
    while k + 1 < len(words):
        if len(words[k]) == 1 and words[k][0].text in TIMES_SIGNS:
            sign = words[k][0]
            words[k - 1 : k + 2] = [[*words[k - 1], OcrChar("×", sign.box, sign.confidence), *words[k + 1]]]
        else:
            k += 1
    return words


def with_latin_reading(line: OcrLine, run: tuple[int, int], reading: list[OcrLine]) -> OcrLine:
    """``line`` with its run's characters boxed and split into words as the Latin model
    read them. Only the boxes and word breaks are taken: a character keeps the Japanese
    model's reading, matched to the Latin model's in order (difflib); one it did not
    match keeps its word and is boxed between its matched neighbours. A reading that
    matches under half the run is not used."""
    flat = [(w, c) for w, word in enumerate(line.words) for c in word.chars]
    latin = [(w, c) for w, chars in enumerate(latin_words(reading)) for c in chars]
    mine = [c.text for _, c in flat[run[0] : run[1]]]
    theirs = [c.text if c.text != "×" else "X" for _, c in latin]
    matched: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, mine, theirs, autojunk=False).get_matching_blocks():
        matched.update((block.a + d, block.b + d) for d in range(block.size))
    if 2 * len(matched) < len(mine):
        return line
    word_ids: list[tuple[int, int]] = [(w, 0) for w, _ in flat]
    chars = [c for _, c in flat]
    for r, k in enumerate(range(*run)):
        if r in matched:
            w, latin_char = latin[matched[r]]
            word_ids[k] = (-1, w)
            chars[k] = OcrChar(
                chars[k].text if latin_char.text != "×" else "×", latin_char.box, chars[k].confidence
            )
    for r, k in enumerate(range(*run)):
        if r not in matched:
            chars[k] = _boxed_between(chars, k, run, matched)
            word_ids[k] = _word_of_neighbour(flat, word_ids, k, run, matched)
    words: list[list[OcrChar]] = []
    for k, char in enumerate(chars):
        if k == 0 or word_ids[k] != word_ids[k - 1]:
            words.append([])
        words[-1].append(char)
    return OcrLine(line.box, tuple(OcrWord(tuple(w)) for w in words), line.by_shape)


def _boxed_between(chars: list[OcrChar], k: int, run: tuple[int, int], matched: dict[int, int]) -> OcrChar:
    """Character ``k`` of a run its Latin reading did not match, its box kept between the
    matched characters before and after it."""
    before = [chars[j].box[2] for j in range(run[0], k) if j - run[0] in matched]
    after = [chars[j].box[0] for j in range(k + 1, run[1]) if j - run[0] in matched]
    x0, top, x1, bottom = chars[k].box
    if after:
        x1 = min(x1, after[0])
        x0 = min(x0, x1 - 1)
    if before:
        x0 = max(x0, before[-1])
        x1 = max(x1, x0 + 1)
    return OcrChar(chars[k].text, (x0, top, x1, bottom), chars[k].confidence)


def _word_of_neighbour(
    flat: list[tuple[int, OcrChar]],
    word_ids: list[tuple[int, int]],
    k: int,
    run: tuple[int, int],
    matched: dict[int, int],
) -> tuple[int, int]:
    """The word an unmatched character of a run joins: a matched neighbour's, when the
    Japanese model read them as one word; else its own."""
    for j in (k + 1, k - 1):
        if run[0] <= j < run[1] and j - run[0] in matched and flat[j][0] == flat[k][0]:
            return word_ids[j]
    return (flat[k][0], 1)


def with_latin_runs(image: scan.Image, lines: list[OcrLine], dpi: int) -> list[OcrLine]:
    """Every Latin run of every line (:func:`latin_runs`) read again with the Latin model
    (all in one call), and its boxes and word breaks taken (:func:`with_latin_reading`)."""
    todo = [(i, run) for i, line in enumerate(lines) for run in latin_runs(line)]
    if not todo:
        return lines
    readings = recognize_boxes(image, [run_box(lines[i], run) for i, run in todo], dpi, LATIN_LANGUAGES)
    out = list(lines)
    for (i, run), reading in zip(todo, readings, strict=True):
        out[i] = with_latin_reading(out[i], run, reading)
    return out


def lone_dash(image: scan.Image, cell: tuple[int, int, int, int]) -> list[OcrLine]:
    """The line of a cell holding nothing but a dash (a list's "none": MHLW prints ``-``
    or ``―`` in a cell with no web address), which Tesseract reads as nothing: one solid
    bar (:func:`scan.dash_in`), read as ``-`` with its fill as its confidence."""
    found = scan.dash_in(image, cell)
    if found is None:
        return []
    box, fill = found
    text = "―" if box[2] - box[0] >= BAR_MIN_RATIO * (box[3] - box[1]) else "-"
    return [OcrLine(box, (OcrWord((OcrChar(text, box, round(100 * fill, 1)),)),), by_shape=True)]


def _moved_line(line: OcrLine, shift: tuple[int, int]) -> OcrLine:
    """A line read on a sheet, put back on the page (sheet pixels / scale + shift)."""
    dx, dy = shift

    def moved(b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        x0, top, x1, bottom = _scaled(b, 1 / BOX_SCALE)
        return (x0 + dx, top + dy, x1 + dx, bottom + dy)

    words = tuple(
        OcrWord(tuple(OcrChar(c.text, moved(c.box), c.confidence) for c in w.chars)) for w in line.words
    )
    return OcrLine(moved(line.box), words, line.by_shape)


def _scaled(box: tuple[int, int, int, int], by: float) -> tuple[int, int, int, int]:
    return (round(box[0] * by), round(box[1] * by), round(box[2] * by), round(box[3] * by))


def printed_colour(ink: tuple[float, float, float]) -> tuple[float, ...]:
    """The colour a glyph was printed in, from its scanned ink: grey ink (no hue: channels
    within :data:`GREY_SPREAD`) was black; a colour stays as scanned."""
    if max(ink) - min(ink) <= GREY_SPREAD:
        return (0.0,)
    return ink


def _stray(glyphs: T_obj_list, k: int) -> bool:
    """Whether glyph ``k`` of a line is dust read as punctuation: a dot or dash alone at
    the line's start or end, apart from its text by more than :data:`STRAY_GAP_EMS`, or a
    line of such marks only (real punctuation sits against the text it belongs to). Dust
    read as a letter is painted out before reading (``scan.despeckle``)."""
    glyph = glyphs[k]
    if glyph["text"] not in DUST_MARKS:
        return False
    if all(g["text"] in DUST_MARKS for g in glyphs):
        return True
    if k + 1 < len(glyphs) and all(g["text"] in DUST_MARKS for g in glyphs[: k + 2]):
        return True  # of marks leading a line, only the last can be its bullet
    room = STRAY_GAP_EMS * glyph["size"]
    if k == 0:
        return bool(glyphs[1]["x0"] - glyph["x1"] > room)
    if k == len(glyphs) - 1:
        return bool(glyph["x0"] - glyphs[k - 1]["x1"] > room)
    return False


def _put_back_lost_marks(glyphs: T_obj_list, reread: str, page: scan.PageImage) -> None:
    """Marks Tesseract read into a neighbour or not at all, put before the glyph they
    stood before (the glyph then holds two characters): a range's ～ where a digit's box
    shows it (:func:`textrules.lost_range_marks`), the dot of an address's ``.jp``
    (:func:`textrules.lost_domain_dots`), a colon or an address's full stop whose dots
    the page shows (:func:`textrules.colon_places`, :func:`textrules.dot_places`), a
    time's colon where the range shows a time lost it (:func:`textrules.lost_time_colons`),
    a web address's after ``http`` (:func:`textrules.lost_scheme_colons`)."""
    for k in textrules.lost_range_marks(reread):
        if _swallowed_a_mark(glyphs, k):
            glyphs[k]["text"] = "～" + glyphs[k]["text"]
    for k in textrules.lost_domain_dots(reread):
        glyphs[k]["text"] = "." + glyphs[k]["text"]
    for k in textrules.colon_places(reread):
        if k > 0 and _mark_before(glyphs, k, page, scan.colon_in):
            glyphs[k]["text"] = ":" + glyphs[k]["text"]
    for k in textrules.lost_time_colons(reread) + textrules.lost_scheme_colons(reread):
        if not glyphs[k]["text"].startswith(":"):
            glyphs[k]["text"] = ":" + glyphs[k]["text"]
    for k in textrules.dot_places(reread):
        found = scan.dot_on_baseline if reread[k] in textrules.DAYS else scan.dot_in
        if not glyphs[k]["text"].startswith(".") and _mark_before(glyphs, k, page, found):
            glyphs[k]["text"] = "." + glyphs[k]["text"]


MIDDLE_DOT_GAP_EMS = 0.6
"""A gap this much wider (× its line's height) than the line's usual gap between two
Japanese glyphs has room for a ``・``; text set solid leaves a tenth to a quarter of an
em, letter-spaced text more between every two glyphs."""
BULLET_EMS = 1.5
"""A bullet is looked for this far (× its line's height) before a line's first glyph: its
em, and the space some lists set after it."""
BULLET_BEFORE = '「『【(（〔["“'
"""What besides a letter, a digit, a kana or a kanji a bulleted item may start with."""


def _japanese_pair(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return textrules.is_kana_or_kanji(a["text"][-1]) and textrules.is_kana_or_kanji(b["text"][0])


def _usual_gap(glyphs: T_obj_list) -> float:
    """The median gap (points) between two Japanese glyphs of a line, 0 for none."""
    gaps = sorted(b["x0"] - a["x1"] for a, b in itertools.pairwise(glyphs) if _japanese_pair(a, b))
    return max(0.0, gaps[len(gaps) // 2]) if gaps else 0.0


def _dot_box(glyphs: T_obj_list, k: int, usual: float, s: float) -> tuple[int, int, int, int] | None:
    """Where a lost dot before glyph ``k`` would stand (pixels), or None where none can:
    the :data:`BULLET_EMS` before a line's first glyph (a letter, a digit, a kana, a kanji
    or an opening bracket), a gap between two Japanese glyphs :data:`MIDDLE_DOT_GAP_EMS`
    wider than the line's usual one."""
    glyph = glyphs[k]
    size = glyph["size"]
    if k == 0:
        first = glyph["text"][0]
        if not (first.isalnum() or first in BULLET_BEFORE):
            return None
        return _pixel_box(max(0.0, glyph["x0"] - BULLET_EMS * size), glyph["x0"], glyph, s)
    before = glyphs[k - 1]
    if not _japanese_pair(before, glyph) or glyph["x0"] - before["x1"] - usual < MIDDLE_DOT_GAP_EMS * size:
        return None
    return _gap_box(before, glyph, s)


COMMA_EMS = 1.0
"""A lost ``、`` ending a line is looked for in the em (its line's height) after it."""


def _put_back_lost_ending(glyph: dict[str, Any], page: scan.PageImage) -> None:
    """A ``、`` ending a line after a Japanese glyph, which Tesseract did not read, put back
    where the page shows its dot in the em after the glyph (:func:`scan.lost_dot`): a cell
    of members wrapped after ``徳島文理大学、`` would join it to the next line's name."""
    if not textrules.is_kana_or_kanji(glyph["text"][-1]):
        return
    s = page.points_per_pixel
    box = _pixel_box(glyph["x1"], glyph["x1"] + COMMA_EMS * glyph["size"], glyph, s)
    found = scan.lost_dot(page.grey, box, "last")
    if found is not None:
        glyph["text"] += found[0]
        glyph["x1"] = found[2] * s
        glyph["width"] = glyph["x1"] - glyph["x0"]


def _put_back_lost_dots(glyphs: T_obj_list, page: scan.PageImage) -> None:
    """Dots Tesseract did not read, put back where the page shows one
    (:func:`scan.lost_dot`, where :func:`_dot_box` says one may stand): a bullet ``・``
    before a line's first glyph, a ``・`` or ``、`` in a wide gap between two Japanese
    glyphs, a ``、`` ending the line (:func:`_put_back_lost_ending`); the glyph then starts
    (or ends) at its dot. On a soft scan of a map legend at 6.5 pt every bullet was lost,
    so each wrapped line of a project read as a project of its own."""
    s = page.points_per_pixel
    _put_back_lost_ending(glyphs[-1], page)
    usual = _usual_gap(glyphs)
    for k, glyph in enumerate(glyphs):
        box = _dot_box(glyphs, k, usual, s)
        found = None if box is None else scan.lost_dot(page.grey, box, "first" if k == 0 else "gap")
        if found is None:
            continue
        mark, left, _ = found
        glyph["text"] = mark + glyph["text"]
        glyph["x0"] = left * s  # the glyph now starts at its dot: no gap is left
        glyph["width"] = glyph["x1"] - glyph["x0"]
        glyph["matrix"] = (*glyph["matrix"][:4], glyph["x0"], glyph["matrix"][5])


STRAIGHT_OR_WAVE = "一ー~～"
"""What Tesseract reads a range's mark as: a dash or a wave, whichever it is printed."""


def _a_straight_dash(glyphs: T_obj_list, k: int, page: scan.PageImage) -> bool:
    """Whether glyph ``k``, read as a dash that the text rules took for a range's ～, or
    read as ～ itself, is printed straight (:func:`scan.straight_bar_at`): a full-width
    hyphen ``－`` joining two times (mhlw_ec/03 prints ``9:00－12:30``, read
    ``9:00一12:30`` and ``9:00~12:30``), not a wave. Looked for from the glyph before to
    the glyph after (:func:`scan.straight_bar_in`): Tesseract may box the mark on its
    neighbour (03 scanned: the ``－`` of ``9:00－12:30`` boxed on the ``1``, 5 px wide,
    and the ``0`` before it on the ``－``)."""
    glyph = glyphs[k]
    if glyph["text"] not in STRAIGHT_OR_WAVE:
        return False
    if not 0 < k < len(glyphs) - 1:
        return scan.straight_bar_at(page.grey, _glyph_pixels(glyph, page))
    x0, top, x1, bottom = _glyph_pixels(glyph, page)
    before, after = _glyph_pixels(glyphs[k - 1], page), _glyph_pixels(glyphs[k + 1], page)
    return scan.straight_bar_in(page.grey, (min(x0, before[0]), top, max(x1, after[2]), bottom))


def _read(line: OcrLine) -> str:
    """A line's text as Tesseract read it, NFKC."""
    return unicodedata.normalize("NFKC", _text_of([line]))


def _one_per_glyph(glyphs: T_obj_list) -> str:
    """A line's text with one character for each glyph (:data:`SEVERAL` for a glyph read
    as several), so that a position in it is a glyph's index."""
    return "".join(g["text"] if len(g["text"]) == 1 else SEVERAL for g in glyphs)


def _mend_address(glyphs: T_obj_list, named: frozenset[tuple[str, str]]) -> None:
    """A place's name in an address (prefecture, city, town) read one kanji wrong,
    mended against Japan Post's lists and the towns the page's postcodes name
    (:func:`addresses.mend_address`): the glyph gets the right character, and keeps the
    line as read and the name as read in ``ocr_repair`` for the repair record."""
    as_read = "".join(g["text"] for g in glyphs)
    for mend in addresses.mend_address(_one_per_glyph(glyphs), named):
        for k, (read, town) in enumerate(zip(mend.read, mend.name, strict=True)):
            if read != town:
                glyph = glyphs[mend.start + k]
                glyph["text"] = town
                glyph["ocr_repair"] = (as_read, mend.read, mend.name)


def _mark_before(
    glyphs: T_obj_list,
    k: int,
    page: scan.PageImage,
    found: Callable[[scan.Image, tuple[int, int, int, int]], bool],
) -> bool:
    """Whether the page shows a mark (``found``: :func:`scan.colon_in`,
    :func:`scan.dot_in`) before glyph ``k``: in the gap after the glyph before, or inside
    that glyph's box, which Tesseract stretches over a mark set close against it."""
    a, b, s = glyphs[k - 1], glyphs[k], page.points_per_pixel
    gap, span = _gap_box(a, b, s), _pixel_box(a["x0"], b["x0"], a, s)
    return found(page.grey, gap) or found(page.grey, span)


def _pixel_box(x0: Any, x1: Any, glyph: dict[str, Any], points_per_pixel: float) -> tuple[int, int, int, int]:
    """From ``x0`` to ``x1`` (points) over the height of ``glyph``'s line, in pixels."""

    def px(v: Any) -> int:
        return round(float(v) / points_per_pixel)

    return px(x0), px(glyph["top"]), px(x1), px(glyph["bottom"])


def _gap_box(a: dict[str, Any], b: dict[str, Any], points_per_pixel: float) -> tuple[int, int, int, int]:
    """The gap between two glyphs of a line, in pixels, the line's height."""
    return _pixel_box(a["x1"], b["x0"], a, points_per_pixel)


def _swallowed_a_mark(glyphs: T_obj_list, k: int) -> bool:
    """Whether digit ``k`` of a line or the one before it is boxed with a mark between
    them: at least :data:`SWALLOWED_WIDTH` × as wide as the line's median digit
    (mhlw_ec/02: the ``1`` of ``14:00～17:30`` was 56 px wide, the ``0`` of ``9:00～12:00``
    36, their lines' digits 20-22). Two times with a space between them (mhlw_ec/07
    prints ``8:30-12:00 14:00-18:00``) have digits of their own width."""
    widths = sorted(float(g["width"]) for g in glyphs if str(g["text"]).isdigit())
    if not widths or k == 0:
        return False
    widest = max(float(glyphs[k - 1]["width"]), float(glyphs[k]["width"]))
    return widest >= SWALLOWED_WIDTH * widths[len(widths) // 2]


def _glyph_pixels(glyph: dict[str, Any], page: scan.PageImage) -> tuple[int, int, int, int]:
    """A glyph's box in pixels, its line's height, its right edge's pixel included."""
    x0, top, x1, bottom = _pixel_box(glyph["x0"], glyph["x1"], glyph, page.points_per_pixel)
    return x0, top, x1 + 1, bottom


def _speck_ink(glyph: dict[str, Any], page: scan.PageImage) -> bool:
    """Whether a glyph's ink is a speck's: under :data:`SPECK_DOT_AREA` × its line's
    height squared."""
    box = _glyph_pixels(glyph, page)
    return scan.ink_area(page.grey, box) < SPECK_DOT_AREA * (box[3] - box[1]) ** 2


def _speck_ending(glyphs: T_obj_list, k: int, page: scan.PageImage) -> bool:
    """Whether glyph ``k`` ends its line as a mark of dust read as a full stop, set close
    against the text: its ink is under :data:`SPECK_DOT_AREA` × the line's height squared
    (mhlw_ec/10's postcode ``371-0025`` read ``371-0025.`` from a speck of 8 px in a line
    42 px high; a printed ``.`` there is 27-34 px)."""
    glyph = glyphs[k]
    if k != len(glyphs) - 1 or k == 0 or glyph["text"] not in DUST_MARKS:
        return False
    return _speck_ink(glyph, page)


def _speck_apart(glyphs: T_obj_list, k: int, page: scan.PageImage) -> bool:
    """Whether glyph ``k``, read as a dash (:data:`SPECK_DASHES`) inside its line, is a
    speck set apart from the text: no glyph but marks within :data:`STRAY_GAP_EMS` of it
    either side, and its ink under :data:`SPECK_DOT_AREA` × the line's height squared.
    A turned scan of mhlw_labor left two bits of a table's top rule on a heading's
    baseline, 4 × 2 px, and the heading read ``福島労働局ーー最終更新日`` (a printed dash is
    wide, a printed dot sits against its words)."""
    glyph = glyphs[k]
    if glyph["text"] not in SPECK_DASHES or k in (0, len(glyphs) - 1):
        return False
    return not _words_within(glyphs, glyph, STRAY_GAP_EMS * glyph["size"]) and _speck_ink(glyph, page)


def _speck_dot(glyphs: T_obj_list, k: int, page: scan.PageImage) -> bool:
    """Whether glyph ``k``, read as a Latin full stop or comma inside its line with no word
    within :data:`STRAY_GAP_EMS` either side, is dust. With no word within
    :data:`LONE_DOT_EMS` it is, whatever its ink (print sets a stop against its word:
    mhlw_labor/013 scanned, a speck of 20 px in the 30-em gap of its heading
    ``茨城労働局 最終更新日`` was read ``.``, made ``、`` by the text rules, and the heading
    matched its spec no longer). Nearer, it is where the largest part of ink about it (its
    box widened by :data:`DOT_SEARCH_EMS` each side, not into its neighbours) is under
    :data:`SPECK_DOT_AREA` × the line's height squared. Looked for about it, not in its
    box: Tesseract boxed a Mincho ``、`` it read ``,`` 1-3 px beside its ink
    (shaded_cid_mincho_wide scanned, seed 11: measured in the box, no ink, and two members
    joined). mhlw_labor/012 scanned read ``佐賀労働局..最終更新日``: a speck of 9 px 0.75 em
    after ``局``, and one far off."""
    glyph = glyphs[k]
    if glyph["text"] not in ".," or k in (0, len(glyphs) - 1):
        return False
    if _words_within(glyphs, glyph, STRAY_GAP_EMS * glyph["size"]):
        return False
    if not _words_within(glyphs, glyph, LONE_DOT_EMS * glyph["size"]):
        return True
    x0, top, x1, bottom = _glyph_pixels(glyph, page)
    reach = int(DOT_SEARCH_EMS * (bottom - top))
    left = min(max(x0 - reach, _glyph_pixels(glyphs[k - 1], page)[2]), x0)
    right = max(min(x1 + reach, _glyph_pixels(glyphs[k + 1], page)[0]), x1)
    return scan.largest_ink_part(page.grey, (left, top, right, bottom)) < SPECK_DOT_AREA * (bottom - top) ** 2


def _words_within(glyphs: T_obj_list, glyph: dict[str, Any], room: float) -> bool:
    """Whether a glyph that is no mark (:data:`DUST_MARKS`) lies within ``room`` of
    ``glyph`` either side."""
    return any(
        other["text"] not in DUST_MARKS
        and other["x0"] <= glyph["x1"] + room
        and other["x1"] >= glyph["x0"] - room
        for other in glyphs
    )


def _lone_dot_colon(glyphs: T_obj_list, k: int, page: scan.PageImage) -> bool:
    """Whether glyph ``k`` ends its line as a colon the page does not print: its box holds
    no colon's two dots (:func:`scan.colon_in`). A speck beside a date, at half its height,
    was read ``H30.3.19:`` with 99 % confidence (mhlw_labor scanned)."""
    glyph = glyphs[k]
    if k != len(glyphs) - 1 or k == 0 or glyph["text"] not in ":;":
        return False
    return not scan.colon_in(page.grey, _glyph_pixels(glyph, page))


def _is_ascii(text: str) -> bool:
    """A Latin letter, digit or ASCII mark (``Transformation (バイオDX)``: a space before
    the bracket is as much a word space as one between words)."""
    return text.isascii() and not text.isspace()


def _closed(a: dict[str, Any], b: dict[str, Any], same_word: bool) -> bool:
    """Whether the gap between glyphs ``a`` and ``b`` of a line is no space."""
    gap = b["x0"] - a["x1"]
    if gap <= 0:
        return True
    if gap > JOIN_GAP_EMS * a["size"]:
        return False
    return same_word or not (_is_ascii(a["text"][-1]) and _is_ascii(b["text"][0]))


def _vertical(
    box: tuple[int, int, int, int], glyph_height: float, band: tuple[int, int] | None
) -> tuple[int, int]:
    """Top and bottom (pixels) a glyph is given: its line's ``band`` (:func:`line_band`),
    or where a line holds several (``None``), its own middle, one glyph's height around
    it."""
    if band is not None:
        return band
    middle = (box[1] + box[3]) / 2
    return int(middle - glyph_height / 2), int(middle + glyph_height / 2)


def line_band(line: OcrLine, glyph_height: float) -> tuple[int, int] | None:
    """Top and bottom (pixels) the glyphs of a line share, as a font's glyphs share one:
    the line's box; a box :data:`TALL_LINE` glyphs tall, the glyphs' middle, one glyph's
    height around it; ``None`` where Tesseract took text of several cells, one under the
    other, for one line (:func:`_stacked`)."""
    if line.box[3] - line.box[1] <= TALL_LINE * glyph_height:
        return line.box[1], line.box[3]
    if _stacked(line, glyph_height):
        return None
    middles = sorted((c.box[1] + c.box[3]) / 2 for w in line.words for c in w.chars)
    middle = middles[len(middles) // 2]
    return int(middle - glyph_height / 2), int(middle + glyph_height / 2)


def _stacked(line: OcrLine, glyph_height: float) -> bool:
    """Whether a tall line Tesseract read holds text of several lines one under the other:
    the middles of its glyphs (small marks aside, :data:`MARK_HEIGHT_SHARE`) lie apart by
    more than :data:`STACKED_SPREAD` of a glyph. A web address is tall (ascenders,
    descenders, a ``/`` boxed 55 px for 37) and its letters are short (the median glyph
    is an ``x``), but its glyphs stand on one baseline: taken apart, its full stops, lower
    than the letters, came out as a line of their own after it (03 scanned:
    ``http://www.yuugaoseclinic.com/`` read ``http://wwwyuugaosecliniccom/..``)."""
    boxes = [c.box for w in line.words for c in w.chars]
    heights = sorted(b[3] - b[1] for b in boxes)
    tall = heights[len(heights) // 2] * MARK_HEIGHT_SHARE
    middles = [(b[1] + b[3]) / 2 for b in boxes if b[3] - b[1] >= tall]
    return max(middles) - min(middles) > STACKED_SPREAD * glyph_height


def in_reading_order(line: OcrLine) -> OcrLine:
    """The line with every character starting right of the one Tesseract read before it.
    Its text is read in order, but its boxes are rough: in ``97-6`` the ``-`` and the
    ``6`` both started at x = 3292 and, put in order by their boxes, gave ``976-``
    (MHLW list, 住所). A box that starts at or left of the one before is moved to start
    one pixel after it (and keeps at least one pixel's width)."""
    words: list[OcrWord] = []
    last = -(10**9)
    for word in line.words:
        chars: list[OcrChar] = []
        for ch in word.chars:
            x0, top, x1, bottom = ch.box
            if x0 <= last:
                x0 = last + 1
                x1 = max(x1, x0 + 1)
            chars.append(OcrChar(ch.text, (x0, top, x1, bottom), ch.confidence))
            last = x0
        words.append(OcrWord(tuple(chars)))
    return OcrLine(line.box, tuple(words), line.by_shape)


def line_glyphs(
    line: OcrLine, page: scan.PageImage, doctop: float, named: frozenset[tuple[str, str]] = frozenset()
) -> T_obj_list:
    """One OCR line as pdfplumber-shaped chars: the line's height for every glyph
    (:func:`line_band`), gaps inside Japanese text closed (:data:`JOIN_GAP_EMS`), each
    glyph's colour read from its ink; a place's name misread mended (``named``: the towns
    the page's postcodes name, :func:`addresses.towns_of_postcodes`)."""
    line = in_reading_order(line)
    s = page.points_per_pixel
    heights = sorted(c.box[3] - c.box[1] for w in line.words for c in w.chars)
    glyph_height = INK_TO_EM * heights[len(heights) // 2] if heights else 1.0
    band = line_band(line, glyph_height) if heights else None
    glyphs: T_obj_list = []
    word_of: list[int] = []
    for w, word in enumerate(line.words):
        for ch in word.chars:
            if ch.confidence <= MIN_CONFIDENCE:
                continue
            text = unicodedata.normalize("NFC", ch.text)
            top_px, bottom_px = _vertical(ch.box, glyph_height, band)
            top, bottom = top_px * s, bottom_px * s
            size = bottom - top
            x0, x1 = ch.box[0] * s, ch.box[2] * s
            glyphs.append(
                {
                    "text": text,
                    "x0": x0,
                    "x1": x1,
                    "top": top,
                    "bottom": bottom,
                    "doctop": doctop + top,
                    "width": x1 - x0,
                    "height": size,
                    "size": size,
                    "upright": True,
                    "matrix": (size, 0.0, 0.0, size, x0, bottom),
                    "fontname": OCR_FONT,
                    "non_stroking_color": printed_colour(scan.ink_colour(page, (x0, top, x1, bottom))),
                    "stroking_color": None,
                    "ocr_confidence": round(ch.confidence, 1),
                }
            )
            word_of.append(w)
    order = sorted(range(len(glyphs)), key=lambda k: glyphs[k]["x0"])
    glyphs, word_of = [glyphs[k] for k in order], [word_of[k] for k in order]
    stops = set(textrules.stray_stops(_one_per_glyph(glyphs)))
    keep = [
        k
        for k in range(len(glyphs))
        if line.by_shape
        or not (
            k in stops
            or _stray(glyphs, k)
            or _speck_ending(glyphs, k, page)
            or _lone_dot_colon(glyphs, k, page)
            or _speck_apart(glyphs, k, page)
            or _speck_dot(glyphs, k, page)
        )
    ]
    glyphs, word_of = [glyphs[k] for k in keep], [word_of[k] for k in keep]
    reread = textrules.ocr_reread(_one_per_glyph(glyphs))
    for k, (glyph, text) in enumerate(zip(glyphs, reread, strict=True)):
        if len(glyph["text"]) == 1:
            glyph["text"] = "－" if text in "～~" and _a_straight_dash(glyphs, k, page) else text
    _put_back_lost_marks(glyphs, reread, page)
    if glyphs and not line.by_shape:
        _put_back_lost_dots(glyphs, page)
    _mend_address(glyphs, named)
    for a, b in itertools.pairwise(glyphs):  # one run of colour, as a text layer gives it
        if scan.colour_gap(a["non_stroking_color"], b["non_stroking_color"]) <= SAME_COLOUR:
            b["non_stroking_color"] = a["non_stroking_color"]
    out: T_obj_list = []
    for i, a in enumerate(glyphs):
        out.append(a)
        if i + 1 == len(glyphs):
            break
        b = glyphs[i + 1]
        if b["x0"] > a["x1"] and _closed(a, b, word_of[i] == word_of[i + 1]):
            a["x1"] = b["x0"]
            a["width"] = a["x1"] - a["x0"]
        elif (
            _is_ascii(a["text"][-1])
            and _is_ascii(b["text"][0])
            and (word_of[i] != word_of[i + 1] or b["x0"] - a["x1"] > LATIN_SPACE_EMS * a["size"])
        ):
            start = min(a["x1"], b["x0"])  # boxes may overlap: the space still comes before b
            out.append({**a, "text": " ", "x0": start, "x1": b["x0"], "width": b["x0"] - start})
    return out


def without_marks(line: OcrLine, marks: T_obj_list, points_per_pixel: float) -> OcrLine:
    """The line without the characters Tesseract read a coloured marker as (● read as 久):
    the marker is a glyph of its own (:func:`scan.coloured_marks`)."""

    def on_mark(ch: OcrChar) -> bool:
        x = (ch.box[0] + ch.box[2]) / 2 * points_per_pixel
        y = (ch.box[1] + ch.box[3]) / 2 * points_per_pixel
        return any(m["x0"] <= x <= m["x1"] and m["top"] - 1 <= y <= m["bottom"] + 1 for m in marks)

    words = tuple(OcrWord(kept) for w in line.words if (kept := tuple(c for c in w.chars if not on_mark(c))))
    return OcrLine(line.box, words, line.by_shape)


def _cell_boxes(
    lines: T_obj_list, page: scan.PageImage, settings: ExtractSettings
) -> list[tuple[int, int, int, int]]:
    """The cells the ruling lines close, in pixels (the table finder's own grids, with the
    run's tolerances)."""
    from ckextract.extract.grid import find_grids, page_edges

    h, w = page.grey.shape
    s = page.points_per_pixel
    edges = page_edges([], lines, [], (0.0, 0.0, w * s, h * s), settings)
    return [
        (int(c.bbox[0] / s), int(c.bbox[1] / s), int(c.bbox[2] / s), int(c.bbox[3] / s))
        for grid in find_grids(edges, 0, settings)
        for c in grid.cells
    ]


@dataclass(frozen=True, slots=True)
class OcrPage:
    """What OCR read on one page: glyphs, ruling lines and marks, in points."""

    chars: T_obj_list
    lines: T_obj_list
    marks: T_obj_list
    seconds: float
    skew_degrees: float

    @property
    def town_mends(self) -> tuple[tuple[str, str, str], ...]:
        """(line as read, name as read, name) of each place's name mended in an address
        (:func:`_mend_address`: a town, and since a city or a prefecture too)."""
        return tuple(c["ocr_repair"] for c in self.chars if "ocr_repair" in c)

    @property
    def mean_confidence(self) -> float | None:
        values = [float(c["ocr_confidence"]) for c in self.chars]
        return round(sum(values) / len(values), 1) if values else None


def page_image(path: Path, page_number: int, dpi: int) -> scan.PageImage:
    """The page rendered, straightened and without its dust."""
    page = scan.straighten(scan.render(path, page_number, dpi))
    return scan.PageImage(scan.despeckle(page), page.colour, page.points_per_pixel, page.skew_degrees)


def page_rules(page: scan.PageImage) -> tuple[T_obj_list, scan.Image]:
    """The page's ruling lines (inked and shaded: :mod:`.scan`) as line objects, and the
    page with its inked lines painted out for reading."""
    horizontal, vertical = scan.line_mask(scan.ink(page.grey), page.points_per_pixel)
    seam_h, seam_v = scan.seam_mask(page.grey, page.points_per_pixel)
    inked = scan.ruling_lines(horizontal, vertical, page.points_per_pixel)
    seams = scan.ruling_lines(seam_h & ~horizontal, seam_v & ~vertical, page.points_per_pixel)
    reach = scan.SEAM_RUN_PX * page.points_per_pixel
    lines = inked + scan.meet_ends(seams, inked + seams, reach)
    return lines, scan.without_lines(page.grey, horizontal, vertical)


def text_cells(
    page: scan.PageImage, clean: scan.Image, lines: T_obj_list, settings: ExtractSettings
) -> list[tuple[int, int, int, int]]:
    """The cells the ruling lines close with something printed in them (pixels)."""
    return scan.cells_with_text(clean, _cell_boxes(lines, page, settings))


def lines_by_cell(lines: list[OcrLine], cells: list[tuple[int, int, int, int]]) -> list[list[int]]:
    """For each cell, the lines whose box's centre is in it (their indices), top down."""
    out: list[list[int]] = [[] for _ in cells]
    for k, line in enumerate(lines):
        x, y = (line.box[0] + line.box[2]) / 2, (line.box[1] + line.box[3]) / 2
        for c, (x0, top, x1, bottom) in enumerate(cells):
            if x0 <= x < x1 and top <= y < bottom:
                out[c].append(k)
                break
    return [sorted(group, key=lambda k: lines[k].box[1]) for group in out]


def _mend_wrapped_addresses(
    glyphs: list[T_obj_list], groups: list[list[int]], named: frozenset[tuple[str, str]]
) -> None:
    """An address a cell wraps over lines mended as one line (:func:`_mend_address`): a
    list's narrow 所在地 column breaks ``滋賀県蒲生郡`` / ``日野町`` (mhlw_labor), and no
    place is known from either line alone."""
    for group in groups:
        if len(group) > 1:
            _mend_address([g for k in group for g in glyphs[k]], named)


def read_text(
    grey: scan.Image,
    clean: scan.Image,
    cells: list[tuple[int, int, int, int]],
    settings: ExtractSettings,
    softened: scan.Image | None = None,
) -> list[OcrLine]:
    """The page's text: every cell the lines close read on its own (no line runs on into
    the next cell; shades stretched, light on dark turned), the rest as a page, without
    the cells' rules and the edges of their shading (:data:`scan.RULE_INSET_PX`:
    mhlw_labor's blue header row left strips under its rule that Tesseract read
    ``男``, ``還`` and ``|`` into the header's cells). A page
    with no cell is read block by block (:func:`blocks.text_blocks`): its text stands in
    columns and legends that Tesseract's page layout runs together. ``softened``: the
    page softened for reading its cells again (:func:`read_cells`)."""
    rest = scan.flattened(scan.without_boxes(clean, cells, scan.RULE_INSET_PX))
    if not cells:
        return read_cells(rest, blocks.text_blocks(rest), settings.ocr_dpi, stretch=False)
    return recognize(rest, settings.ocr_dpi) + read_cells(grey, cells, settings.ocr_dpi, softened=softened)


def read_scanned_page(path: Path, page_number: int, doctop: float, settings: ExtractSettings) -> OcrPage:
    """Page ``page_number`` of ``path`` read from its pixels (at ``settings.ocr_dpi``)."""
    if (reason := missing()) is not None:
        raise OcrUnavailable(reason)
    started = time.monotonic()
    page = page_image(path, page_number, settings.ocr_dpi)
    lines, clean = page_rules(page)
    marks = scan.coloured_marks(page, MARKER_MIN, MARKER_MAX)
    cells = text_cells(page, clean, lines, settings)
    softened = scan.softened(page.grey) if scan.edge_sharpness(page.grey) >= scan.SHARP_EDGES else None
    read = with_latin_runs(clean, read_text(page.grey, clean, cells, settings, softened), settings.ocr_dpi)
    text = [without_marks(line, marks, page.points_per_pixel) for line in read]
    named = addresses.towns_of_postcodes([_read(line) for line in text])
    glyphs = [line_glyphs(line, page, doctop, named) for line in text]
    _mend_wrapped_addresses(glyphs, lines_by_cell(text, cells), named)
    chars = [g for line in glyphs for g in line]
    return OcrPage(chars, lines, marks, time.monotonic() - started, page.skew_degrees)
