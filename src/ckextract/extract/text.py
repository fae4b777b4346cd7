"""Glyphs → cell text: assign each char to its cell once, then build lines.

One pass over the page's chars (no per-cell cropping); lines are grouped by
vertical overlap, spaces come from explicit space glyphs or from gaps wider
than ``word_gap_ratio`` × font size, and lines are joined by the named
line-wrap rule in :mod:`ckextract.textrules`.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from typing import Any

from ckextract._typing import T_obj, T_obj_list
from ckextract.extract.grid import PageGrid
from ckextract.records import TextLine, TextSpan, lowest
from ckextract.settings import ExtractSettings
from ckextract.textrules import join_wrapped_lines


def dedupe_glyphs(chars: T_obj_list, tolerance: float) -> T_obj_list:
    """Drop a glyph drawn again over itself (fake bold): same text, font and size within
    ``tolerance`` in x and y. Linear: each glyph is checked against a grid of buckets of
    ``tolerance`` size and their neighbours (pdfplumber's ``dedupe_chars`` compares pairs
    within groups and was half the extraction time on table pages)."""
    if tolerance <= 0:
        return list(chars)
    seen: dict[tuple[object, ...], list[T_obj]] = {}
    out: T_obj_list = []
    for ch in chars:
        key = (ch["text"], ch.get("fontname"), ch.get("size"))
        bx, by = int(ch["x0"] // tolerance), int(ch["top"] // tolerance)
        duplicate = False
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in seen.get((*key, bx + dx, by + dy), ()):
                    if (
                        abs(other["x0"] - ch["x0"]) <= tolerance
                        and abs(other["top"] - ch["top"]) <= tolerance
                    ):
                        duplicate = True
                        break
                if duplicate:
                    break
            if duplicate:
                break
        if not duplicate:
            seen.setdefault((*key, bx, by), []).append(ch)
            out.append(ch)
    return out


def clean_chars(chars: T_obj_list, settings: ExtractSettings) -> T_obj_list:
    """Glyphs with fake-bold duplicates removed (turned glyphs too: :mod:`.orientation`
    reads them in their own frame)."""
    return dedupe_glyphs(chars, settings.dedupe_tolerance)


ANCHOR = 0.25
"""Where along its width a glyph is placed: near its origin (left) side, not its centre.
Hanging punctuation (ぶら下がり: a line-end ``、`` set past the text area) has its
centre over the cell border, but its origin inside the cell that laid it out."""


HANGING = frozenset("、。，．・）」』】”ー")
"""Full-width punctuation and marks that may not begin a line (行頭禁則) and so may hang
past its end (ぶら下がり)."""


def glyph_end(ch: T_obj, following: T_obj | None = None) -> float:
    """Where a glyph's text ends for layout: its right side; for hanging punctuation not
    followed at once by more text, its left side (it is set into the gutter, past the
    end of the text area that laid it out, and may overlap the next column's text)."""
    if ch["text"] in HANGING and (following is None or abs(following["x0"] - ch["x1"]) > 0.5):
        return float(ch["x0"])
    return float(ch["x1"])


RUN_GAP = 0.15
"""Two glyphs of one line belong to one run of text when the second starts within
this × font size of where the first ends."""


BORDER_SLACK = 0.5
"""A glyph continues a run across a column border only if it begins within this of the border."""


def _anchor_x(ch: T_obj) -> float:
    return float(ch["x0"] + ANCHOR * (ch["x1"] - ch["x0"]))


def text_runs(chars: T_obj_list, borders: Sequence[float] = ()) -> list[T_obj_list]:
    """Glyphs grouped into runs of contiguous text, line by line.

    Text that overflows its cell (Excel clips it at the border, but the PDF keeps the
    whole string, running on under the next cell's text) stays one run, told apart
    from the text it overlaps by contiguity: each glyph joins the run whose last glyph
    ends where it starts. Across a column border (``borders``) a run continues only
    with a glyph that begins at the border, i.e. text flowing through it, or with hanging
    punctuation set over it; a glyph that begins further in, or follows punctuation hung
    over the border, starts the next cell's own text.
    """
    out: list[T_obj_list] = []
    for line in group_lines(chars):
        runs: list[T_obj_list] = []
        for ch in line:
            size = float(ch.get("size") or 1.0)
            best: T_obj_list | None = None
            best_gap = 0.0
            for run in runs:
                last = run[-1]
                gap = ch["x0"] - last["x1"]
                same_line = abs(ch["bottom"] - last["bottom"]) <= 0.3 * size
                if not same_line or abs(gap) > RUN_GAP * size or (best is not None and abs(gap) >= best_gap):
                    continue
                before, here = _anchor_x(last), _anchor_x(ch)
                crossed = [b for b in borders if before < b <= here]
                if crossed and ch["x0"] > crossed[-1] + BORDER_SLACK and ch["text"] not in HANGING:
                    continue
                if last["text"] in HANGING and any(
                    last["x0"] - BORDER_SLACK <= b <= ch["x0"] + BORDER_SLACK for b in borders
                ):  # hanging punctuation over a border ends its line's text; what follows is the next cell's
                    continue
                best, best_gap = run, abs(gap)
            if best is None:
                runs.append([ch])
            else:
                best.append(ch)
        out.extend(runs)
    return out


def assign_chars(
    chars: T_obj_list, grid: PageGrid, border_tolerance: float = 0.0, leftover: T_obj_list | None = None
) -> dict[int, T_obj_list]:
    """Chars by the index of the grid cell where their run of text starts (the first
    glyph's anchor point); runs starting outside the grid go to ``leftover``.

    A run that begins on a column line (its first glyph starts at most
    ``border_tolerance`` left of the line and runs on across it) is the right cell's
    text set flush against the line: MHLW 09's URL cell starts "www2." on the border.
    Hanging punctuation never begins a run: it continues the text on its left.
    """
    owners = grid.owners()
    out: dict[int, T_obj_list] = {}
    borders = grid.xs[1:-1]
    for run in text_runs(chars, borders):
        first = run[0]
        x = _anchor_x(first)
        for b in borders:
            if first["x0"] <= b < first["x1"] and b - first["x0"] <= border_tolerance:
                x = max(x, b + 0.5 * (first["x1"] - b))
        pos = grid.locate(x, (first["top"] + first["bottom"]) / 2, border_tolerance)
        if pos is None or owners[pos[0]][pos[1]] < 0:
            if leftover is not None:
                leftover.extend(run)
            continue
        out.setdefault(owners[pos[0]][pos[1]], []).extend(run)
    return out


def group_lines(chars: T_obj_list) -> list[T_obj_list]:
    """Glyphs grouped into visual lines (by vertical overlap), each sorted left to right."""
    lines: list[T_obj_list] = []
    span: tuple[float, float] = (0.0, -1.0)
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (ch["top"] + ch["bottom"]) / 2
        if lines and span[0] <= middle <= span[1]:
            lines[-1].append(ch)
        else:
            lines.append([ch])
            span = (ch["top"], ch["bottom"])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def chars_to_lines(chars: T_obj_list, word_gap_ratio: float) -> list[str]:
    """Visual lines of text, top to bottom, with spaces where the page shows them."""
    return [_line_text(line, word_gap_ratio) for line in group_lines(chars)]


def _line_tokens(line: T_obj_list, word_gap_ratio: float) -> list[tuple[str, T_obj]]:
    """(text, glyph) pairs with spaces where the page shows them (explicit or by gap)."""
    out: list[tuple[str, T_obj]] = []
    prev_x1: float | None = None
    for ch in line:
        if ch["text"].isspace():
            if out and out[-1][0] != " ":
                out.append((" ", ch))
            prev_x1 = ch["x1"]
            continue
        gap = ch["x0"] - prev_x1 if prev_x1 is not None else 0.0
        if out and out[-1][0] != " " and gap > word_gap_ratio * float(ch.get("size") or 1.0):
            out.append((" ", ch))
        out.append((ch["text"], ch))
        prev_x1 = ch["x1"]
    while out and out[-1][0] == " ":
        out.pop()
    while out and out[0][0] == " ":
        out.pop(0)
    return logical_order(out)


MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
"""Paired brackets a right-to-left run shows mirrored (Unicode Bidi_Mirrored)."""


def _bidi_class(text: str) -> str:
    """R for right-to-left letters (Hebrew, Arabic), L for left-to-right letters and
    digits (numbers keep their order inside right-to-left text), N for the rest."""
    kind = unicodedata.bidirectional(text[:1]) if text else ""
    if kind in ("R", "AL"):
        return "R"
    return "L" if kind in ("L", "EN", "AN") else "N"


def logical_order(tokens: list[tuple[str, T_obj]]) -> list[tuple[str, T_obj]]:
    """A line's tokens (in visual order, left to right) in reading order. A line's
    direction is that of most of its letters; right-to-left runs (Hebrew, Arabic) read
    right to left with brackets mirrored, left-to-right runs (words, numbers) keep their
    order, and in a right-to-left line the runs follow each other right to left (the
    Unicode bidirectional algorithm's result for one embedding level)."""
    classes = [_bidi_class(t) for t, _ in tokens]
    if "R" not in classes:
        return tokens
    base = "R" if classes.count("R") > classes.count("L") else "L"
    resolved = list(classes)
    for i, c in enumerate(classes):  # a neutral between two tokens of one direction takes it
        if c == "N":
            before = next((classes[j] for j in range(i - 1, -1, -1) if classes[j] != "N"), base)
            after = next((classes[j] for j in range(i + 1, len(classes)) if classes[j] != "N"), base)
            resolved[i] = before if before == after else base
    runs: list[list[tuple[str, T_obj]]] = []
    kinds: list[str] = []
    for token, kind in zip(tokens, resolved, strict=True):
        if kinds and kinds[-1] == kind:
            runs[-1].append(token)
        else:
            runs.append([token])
            kinds.append(kind)
    order = (
        zip(reversed(runs), reversed(kinds), strict=True) if base == "R" else zip(runs, kinds, strict=True)
    )
    out: list[tuple[str, T_obj]] = []
    for run, kind in order:
        out.extend(run if kind == "L" else [(t.translate(MIRRORED), ch) for t, ch in reversed(run)])
    return out


def _line_text(line: T_obj_list, word_gap_ratio: float) -> str:
    return "".join(text for text, _ in _line_tokens(line, word_gap_ratio))


_COLOURS: dict[tuple[object, ...], str | None] = {}


def colour_hex(value: object) -> str | None:
    """A PDF fill colour (gray, RGB or CMYK components in 0..1) as ``#rrggbb``."""
    if not isinstance(value, tuple | list) or not value:
        return None
    key = tuple(value)
    if key not in _COLOURS:
        if len(_COLOURS) > 4096:  # a page of gradients must not grow it without bound
            _COLOURS.clear()
        _COLOURS[key] = _colour_hex(key)
    return _COLOURS[key]


def _colour_hex(value: tuple[Any, ...]) -> str | None:
    try:
        comps = [float(v) for v in value]
    except (TypeError, ValueError):
        return None
    if len(comps) == 1:
        rgb = comps * 3
    elif len(comps) == 3:
        rgb = comps
    elif len(comps) == 4:
        c, m, y, k = comps
        rgb = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    else:
        return None
    return "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02x}" for v in rgb)


def group_free_lines(chars: T_obj_list, column_gap_ratio: float) -> list[T_obj_list]:
    """Free text (outside tables) grouped into lines.

    A glyph joins a line it overlaps vertically and sits next to horizontally
    (within ``column_gap_ratio`` × its size); so text boxes side by side, whose
    baselines differ a little, never share a line. Lines come out top to bottom,
    left to right, each sorted left to right.
    """
    lines: list[list[object]] = []  # [top, bottom, x0, x1, glyphs]
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        middle = (ch["top"] + ch["bottom"]) / 2
        reach = column_gap_ratio * float(ch.get("size") or 1.0)
        home = None
        for line in reversed(lines):
            top, bottom, x0, x1 = line[0], line[1], line[2], line[3]
            assert isinstance(top, float) and isinstance(bottom, float)
            assert isinstance(x0, float) and isinstance(x1, float)
            if bottom < ch["top"] - 2 * reach:
                break
            if top <= middle <= bottom and ch["x0"] <= x1 + reach and ch["x1"] >= x0 - reach:
                home = line
                break
        if home is None:
            lines.append([float(ch["top"]), float(ch["bottom"]), float(ch["x0"]), float(ch["x1"]), [ch]])
            continue
        home[2] = min(home[2], float(ch["x0"]))  # type: ignore[call-overload]
        home[3] = max(home[3], float(ch["x1"]))  # type: ignore[call-overload]
        glyphs = home[4]
        assert isinstance(glyphs, list)
        glyphs.append(ch)
    return _merge_pieces([line[4] for line in lines], column_gap_ratio)  # type: ignore[misc]


def _merge_pieces(pieces: list[T_obj_list], column_gap_ratio: float) -> list[T_obj_list]:
    """Join line pieces that overlap vertically and touch horizontally (a bigger glyph,
    such as a legend marker, can start a piece of its own before the text reaches it)."""

    def box(g: T_obj_list) -> tuple[float, float, float, float, float]:
        size = max(float(c.get("size") or 1.0) for c in g)
        return (
            min(c["x0"] for c in g),
            min(c["top"] for c in g),
            max(c["x1"] for c in g),
            max(c["bottom"] for c in g),
            size,
        )

    items = sorted(((box(g), g) for g in pieces), key=lambda item: item[0][0])  # boxes computed once
    merged = True
    while merged:
        merged = False
        for i in range(len(items)):
            a = items[i][0]
            for j in range(i + 1, len(items)):
                b = items[j][0]
                if b[0] > a[2] + column_gap_ratio * max(a[4], b[4]):
                    break
                a_mid, b_mid = (a[1] + a[3]) / 2, (b[1] + b[3]) / 2
                if a[1] <= b_mid <= a[3] or b[1] <= a_mid <= b[3]:
                    _, glyphs = items.pop(j)
                    joined = (
                        min(a[0], b[0]),
                        min(a[1], b[1]),
                        max(a[2], b[2]),
                        max(a[3], b[3]),
                        max(a[4], b[4]),
                    )
                    items[i] = (joined, items[i][1] + glyphs)
                    merged = True
                    break
            if merged:
                break
    pieces = [g for _, g in items]
    out = [sorted(g, key=lambda c: c["x0"]) for g in pieces]
    out.sort(key=lambda g: (min(c["top"] for c in g), g[0]["x0"]))
    return out


def chars_to_text_lines(chars: T_obj_list, page_number: int, settings: ExtractSettings) -> list[TextLine]:
    """Free text as lines, each split into spans of one colour."""
    lines = group_free_lines(chars, settings.column_gap_ratio)
    return [tl for line in lines for tl in _text_line(line, page_number, settings)]


def _text_line(segment: T_obj_list, page_number: int, settings: ExtractSettings) -> list[TextLine]:
    tokens = _line_tokens(segment, settings.word_gap_ratio)
    if not tokens:
        return []
    spans: list[TextSpan] = []
    run: list[tuple[str, T_obj]] = []
    run_colour: str | None = None
    for text, ch in tokens:
        colour = run_colour if text == " " else colour_hex(ch.get("non_stroking_color"))
        if run and colour != run_colour:
            spans.append(_span(run, run_colour))
            run = []
        run.append((text, ch))
        run_colour = colour
    spans.append(_span(run, run_colour))
    glyphs = [ch for _, ch in tokens]
    bbox = (
        min(c["x0"] for c in glyphs),
        min(c["top"] for c in glyphs),
        max(c["x1"] for c in glyphs),
        max(c["bottom"] for c in glyphs),
    )
    return [TextLine(page_number, bbox, tuple(spans))]


def _span(run: list[tuple[str, T_obj]], colour: str | None) -> TextSpan:
    glyphs = [ch for _, ch in run]
    return TextSpan(
        text="".join(t for t, _ in run),
        colour=colour,
        size=max(float(c.get("size") or 0.0) for c in glyphs),
        bbox=(
            min(c["x0"] for c in glyphs),
            min(c["top"] for c in glyphs),
            max(c["x1"] for c in glyphs),
            max(c["bottom"] for c in glyphs),
        ),
        ocr_confidence=ocr_confidence(glyphs),
    )


def ocr_confidence(glyphs: T_obj_list) -> float | None:
    """The lowest OCR confidence of ``glyphs`` (None when none was read by OCR)."""
    return lowest(c.get("ocr_confidence") for c in glyphs if not c["text"].isspace())


def chars_to_text(chars: T_obj_list, settings: ExtractSettings) -> str:
    return join_wrapped_lines(chars_to_lines(chars, settings.word_gap_ratio))


def _first_word_width(line: T_obj_list) -> float:
    """Width of what a line starts with that could not have been split: a Latin word (up to
    its first space), else one glyph (Japanese may wrap after any character)."""
    first = line[0]
    if not first["text"].isascii() or not first["text"].isalnum():
        return float(first["x1"] - first["x0"])
    end = first["x1"]
    for ch in line[1:]:
        if not (ch["text"].isascii() and ch["text"].isalnum()) or ch["x0"] - end > 0.3 * float(
            ch.get("size") or 1
        ):
            break
        end = ch["x1"]
    return float(end - first["x0"])


def hard_breaks(lines: Sequence[T_obj_list], left: float, right: float) -> list[bool]:
    """For each line after the first: whether the line before it ended by a hard break (it
    left room for this line's first word, so the text did not wrap there, it was broken).
    ``left``/``right``: the cell's sides; its right padding is taken to equal its left."""
    if not lines:
        return []
    padding = max(0.0, min(float(ln[0]["x0"]) for ln in lines) - left)
    edge = right - padding
    out = []
    for before, line in itertools.pairwise(lines):
        end = glyph_end(before[-1])
        out.append(edge - end >= _first_word_width(line))
    return out


def chars_to_cell_text(
    chars: T_obj_list, settings: ExtractSettings, left: float, right: float
) -> tuple[str, tuple[int, ...]]:
    """A cell's text (wrapped lines joined) and where in it each hard-broken line starts
    (e.g. one law a line in a 違反法条 cell: breaks, not wraps)."""
    grouped = group_lines(chars)
    texts = [_line_text(line, settings.word_gap_ratio) for line in grouped]
    breaks = hard_breaks(grouped, left, right)
    text, starts = "", []
    for i, line in enumerate(texts):
        joined = join_wrapped_lines([text, line])
        if i and breaks[i - 1] and line.strip():
            starts.append(len(joined) - len(line.strip()))
        text = joined
    return text, tuple(starts)
