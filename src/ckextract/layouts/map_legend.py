"""A map slide of adopted regions (地域の産学官ネットワークの好事例): the program of each
project is shown only by the colour of a marker, and the legend on the same page says
which colour is which program.

Read by meaning, not by arrangement. One rule gives every project its program: **the
colour of the program marker nearest before it in reading order** — a marker before the
project itself (``● ・project``), before its entry (``● 京都府×京都大学等``), or at a group
heading above several entries (``● 地方大学・地域産業創生交付金``). Markers are glyphs
(●, ■, ◆, …) or drawn shapes, which extraction already reads as those glyphs
(:mod:`ckextract.extract.markers`). Reading order is text box by text box, column by
column; the legend's own box is read for the legend and skipped for entries. Entries are
``region×lead等`` lines (or a region's name alone: the ★ regions); projects follow, with or
without ``・``: without it, a new project starts where the line before it was broken
rather than wrapped. Colours, positions, columns, boxes and fonts vary by edition; none
of them is assumed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from ckextract import regions, textrules
from ckextract.layouts import LayoutOutput, stable_id
from ckextract.programs import match_program
from ckextract.records import Adoption, Extraction, Repair, SourceCount, TextLine, lowest

COLOUR_TOLERANCE = 24.0
"""Largest RGB distance (0-255 per channel) between a marker and its legend colour:
room for rounding and colour-space conversion, not for a different colour."""
BLOCK_GAP = 1.5
"""A line more than this × its size below the line above starts a new text box."""
OVERLAP = 0.4
"""…and one may start this × its size above the bottom of the line above (a drawn marker
may reach below its line's text)."""

Marker = tuple[str, str]
"""(glyph, fill colour #rrggbb): what a legend defines, e.g. ("●", "#e83828")."""


def is_symbol(ch: str) -> bool:
    """Marker glyphs (●, ■, ◆, ★, …): Unicode 'Symbol, other' or geometric shapes."""
    return unicodedata.category(ch) == "So" or 0x25A0 <= ord(ch) <= 0x25FF


def is_shape(ch: str) -> bool:
    """A geometric shape (U+25A0–25FF: ■ ● ◆ ▲ …): what a program marker looks like.
    Other symbols (★) decorate an entry; they say no program."""
    return 0x25A0 <= ord(ch) <= 0x25FF


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    colour: str | None
    marker: bool
    at: str = ""
    """Where a marker is printed (``x,top``): which marker gave a program."""


def tokens(line: TextLine) -> list[Token]:
    """A line as marker glyphs and text runs (spaces dropped around markers)."""
    out: list[Token] = []
    for span in line.spans:
        buf = ""
        step = (span.bbox[2] - span.bbox[0]) / max(len(span.text), 1)
        for i, ch in enumerate(span.text):
            if is_symbol(ch):
                if buf.strip():
                    out.append(Token(buf.strip(), span.colour, False))
                buf = ""
                out.append(Token(ch, span.colour, True, f"{span.bbox[0] + i * step:.1f},{line.bbox[1]:.1f}"))
            else:
                buf += ch
        if buf.strip():
            if out and not out[-1].marker:
                out[-1] = Token(out[-1].text + buf.rstrip(), out[-1].colour, False)
            else:
                out.append(Token(buf.strip(), span.colour, False))
    return out


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def colour_distance(a: str, b: str) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(_rgb(a), _rgb(b), strict=True)) ** 0.5)


def legend_pairs(line: TextLine) -> list[tuple[Marker, str]]:
    """(marker, label) pairs a legend line defines.

    ``● 地方大学・地域産業創生交付金採択拠点`` (marker then label) and
    ``(地方大学・… ● 共創の場形成支援プログラム ●)`` (label then marker) both work;
    adjacent markers (``●●`` over a group heading) define nothing.
    """
    toks = tokens(line)
    pairs: list[tuple[Marker, str]] = []
    starts_with_marker = bool(toks) and toks[0].marker
    for i, tok in enumerate(toks):
        if not tok.marker or tok.colour is None:
            continue
        before = toks[i - 1] if i > 0 else None
        after = toks[i + 1] if i + 1 < len(toks) else None
        if (before and before.marker) or (after and after.marker):
            continue
        label = after if starts_with_marker else before
        if label is not None and not label.marker:
            pairs.append(((tok.text, tok.colour), label.text))
    return pairs


def read_legend(lines: Sequence[TextLine]) -> dict[Marker, str]:
    """Marker (glyph, colour) → program_id, from every legend line on the page."""
    legend: dict[Marker, str] = {}
    for line in lines:
        for marker, label in legend_pairs(line):
            program = match_program(label)
            if program is not None and "×" not in label:
                legend.setdefault(marker, program.program_id)
    return legend


def is_legend_line(line: TextLine) -> bool:
    """A line of the legend: markers and a label naming a program (group headings too)."""
    toks = tokens(line)
    return any(t.marker for t in toks) and any(
        not t.marker and "×" not in t.text and match_program(t.text) for t in toks
    )


def is_program_marker(token: Token, legend: dict[Marker, str]) -> bool:
    """A marker that says a program: a shape (●■◆…), or any glyph the legend uses."""
    return token.marker and (is_shape(token.text) or token.text in {g for g, _ in legend})


def program_of(token: Token, legend: dict[Marker, str]) -> str | None:
    """The program a marker says: the legend entry of the nearest colour (within
    :data:`COLOUR_TOLERANCE`), the same glyph preferred when colours tie. A decoration
    (★) or an unknown colour says none."""
    if token.colour is None or not is_program_marker(token, legend):
        return None
    near = [m for m in legend if colour_distance(m[1], token.colour) <= COLOUR_TOLERANCE]
    if not near:
        return None
    best = min(near, key=lambda m: (colour_distance(m[1], token.colour or ""), m[0] != token.text))
    return legend[best]


HANGING_INDENT = 2.5
"""A line may start this × its size right of its box's first line (a hanging indent under
a marker or a bullet) and still belong to the box."""


def blocks(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Text boxes in reading order: lines starting at the box's left edge (or indented
    under it), each close below the last; boxes column by column (left to right, columns
    by their left edges), top to bottom within a column."""
    out: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: (ln.bbox[1], ln.bbox[0])):
        size = line.size or 1.0
        home = None
        for block in out:
            last, left = block[-1], block[0].bbox[0]
            gap = line.bbox[1] - last.bbox[3]
            if (
                -size <= line.bbox[0] - left <= HANGING_INDENT * size
                and -OVERLAP * size <= gap <= BLOCK_GAP * size
            ):
                home = block
                break
        if home is None:
            out.append([line])
        else:
            home.append(line)
    sizes = sorted(ln.size or 1.0 for ln in lines)
    column = columns([b[0].bbox[0] for b in out], HANGING_INDENT * (sizes[len(sizes) // 2] if sizes else 1.0))
    return sorted(out, key=lambda b: (column[b[0].bbox[0]], b[0].bbox[1]))


BODY_SIZE = 1.3
"""Lines up to this × the page's median type size are body text (a title is larger)."""


def column_rights(boxes: Sequence[Sequence[TextLine]]) -> dict[int, float]:
    """For each box (by id), where the body lines of its column end: the widest body line
    of every box in that column (a box of one-line entries has no wrapped line of its own;
    the slide's title, in larger type, and the legend do not count)."""
    sizes = sorted(ln.size or 1.0 for b in boxes for ln in b)
    median = sizes[len(sizes) // 2] if sizes else 1.0
    col = columns([b[0].bbox[0] for b in boxes], HANGING_INDENT * median)
    widest: dict[int, float] = {}
    for b in boxes:
        c = col[b[0].bbox[0]]
        body = (
            [] if is_legend_block(b) else [ln.bbox[2] for ln in b if (ln.size or 1.0) <= BODY_SIZE * median]
        )
        widest[c] = max(widest.get(c, 0.0), *body, 0.0)
    return {id(b): widest[col[b[0].bbox[0]]] for b in boxes}


def columns(lefts: Sequence[float], gap: float) -> dict[float, int]:
    """Column number of each left edge: edges less than ``gap`` apart share a column."""
    out: dict[float, int] = {}
    col, previous = -1, None
    for x in sorted(set(lefts)):
        if previous is None or x - previous > gap:
            col += 1
        out[x], previous = col, x
    return out


@dataclass(slots=True)
class _Project:
    marker: Token | None
    lines: list[str]
    page_number: int
    ocr_confidence: float | None = None
    """The lowest OCR confidence of its lines (None from a text layer)."""

    def add(self, text: str, line: TextLine) -> None:
        self.lines.append(text)
        self.ocr_confidence = lowest((self.ocr_confidence, line.ocr_confidence))


@dataclass(slots=True)
class _Entry:
    region: str
    lead: str | None
    projects: list[_Project] = field(default_factory=list)
    marked: bool = False
    """Its projects carry their own markers: then a marker, and only a marker, starts one."""


def _entry_label(text: str, line: TextLine | None = None) -> tuple[str, str | None] | None:
    """(region, lead) when a line is an entry's label: ``region×lead``, or a region alone.
    On a line read by OCR a region name that OCR garbled is read as the region it stands
    for when exactly one fits (``regions.ocr_repair``: ``文広島県`` → ``広島県``)."""
    region, lead = textrules.split_region_lead(textrules.normalize_text(text))
    if line is not None and line.ocr_confidence is not None:
        region, lead = _ocr_label(region, lead)
    if regions.lookup(region) is None:
        return None
    if lead is None and "×" in text:
        return None
    return region, lead


LEAD_ENDINGS = ("等", "大学", "機構")
"""How a map entry's lead institution ends (``京都大学等``): what tells an entry whose ×
OCR lost from a project's line."""


def _ocr_label(region: str, lead: str | None) -> tuple[str, str | None]:
    """An entry label read by OCR, mended: a garbled region name read as the region it
    stands for (``regions.ocr_repair``: ``文広島県`` → ``広島県``); a × lost or read as
    a letter (``愛知県名古屋大学等``, ``京都府ベ京都大学等``) found again when the line starts
    with a region and ends like a lead institution (:data:`LEAD_ENDINGS`)."""
    if regions.lookup(region) is None:
        region = regions.ocr_repair(region) or region
    if lead is None and regions.lookup(region) is None and region.endswith(LEAD_ENDINGS):
        split = (
            regions.leading_region(region)
            or regions.leading_region(region[1:])  # a marker read as text
            or regions.leading_region(region, ocr=True)
        )
        if split is not None and len(split[1]) >= MIN_LEAD_CHARS:
            rest = split[1]
            if not textrules.is_japanese(rest[0]) or unicodedata.name(rest[0], "").startswith("KATAKANA"):
                rest = rest[1:]  # the × read as a letter or a kana
            return split[0], rest
    return region, lead


MIN_LEAD_CHARS = 3
"""A lead institution's name is at least this long (東大等)."""


LATIN_WIDTH = 0.6
"""A Latin letter's width, × the font size (CJK fonts set them half-width, 0.5; more
proportional ones vary; the larger estimate leans towards reading a wrap)."""


def _first_word_width(line: TextLine, rest: str) -> float:
    """Width of what the line starts with that could not have been split: a Latin word, or
    one character (Japanese may wrap after any)."""
    size = line.size or 1.0
    word = re.match(r"[A-Za-z0-9]+", rest)
    return LATIN_WIDTH * size * len(word.group()) if word else size


WRAP_SLACK = 1.0
"""× the font size: a wrapped line may end this far short of its box's widest line (the
widest may hang a mark past the edge; glyph widths do not divide the measure)."""


def _broken_before(previous: TextLine, line: TextLine, rest: str, right: float) -> bool:
    """The line before ``line`` ended with room for ``line``'s first word (beyond the slack
    any wrap leaves): it was broken there, not wrapped; ``right``: its box's widest line."""
    return right - previous.bbox[2] >= _first_word_width(line, rest) + WRAP_SLACK * (line.size or 1.0)


INDENT = 0.5
"""× the type size: left edges this far apart are an indent, not jitter."""


def _segments(block: Sequence[TextLine]) -> list[list[TextLine]]:
    """A box's lines after each entry label, up to the next (an entry's project lines)."""
    out: list[list[TextLine]] = [[]]
    for line in block:
        if _entry_label(_rest(tokens(line)), line) is not None:
            out.append([])
        else:
            out[-1].append(line)
    return [s for s in out if s]


def _unmarked_lefts(segment: Sequence[TextLine]) -> list[float]:
    return sorted(ln.bbox[0] for ln in segment if not _leading(tokens(ln)))


def hanging_indent(boxes: Sequence[Sequence[TextLine]]) -> bool:
    """Whether the page sets the wrapped lines of an item in (a hanging indent): some entry
    without markers on its projects has its lines at two left edges."""
    for box in boxes:
        for segment in _segments(box):
            lefts = _unmarked_lefts(segment)
            if lefts and lefts[-1] - lefts[0] >= INDENT * (segment[0].size or 1.0):
                return True
    return False


def item_edges(block: Sequence[TextLine], hanging: bool) -> dict[int, float | None]:
    """Per line (by id): on a page with a hanging indent, where its entry's items begin
    (the left-most edge of its lines without markers; a marked project indents its own),
    else None."""
    out: dict[int, float | None] = {}
    for segment in _segments(block):
        lefts = _unmarked_lefts(segment)
        for ln in segment:
            out[id(ln)] = lefts[0] if hanging and lefts else None
    return out


PARAGRAPH_GAP = 0.3
"""× the type size: lines further apart than the box's line pitch by this much are two
paragraphs (space set between items), not a wrap."""


PITCH_QUANTILE = 0.2
"""The leading is the smallest step that recurs: on a page of short entries there are as
many steps between entries (and between items) as within them, so not the median."""


def line_pitch(boxes: Sequence[Sequence[TextLine]]) -> float:
    """The distance from one line's top to the next within a paragraph (the leading), read
    over the page's boxes."""
    steps = sorted(
        b.bbox[1] - a.bbox[1] for box in boxes for a, b in itertools.pairwise(box) if b.bbox[1] > a.bbox[1]
    )
    return steps[int(len(steps) * PITCH_QUANTILE)] if steps else 0.0


def _starts_item(
    previous: TextLine, line: TextLine, rest: str, right: float, edge: float | None, pitch: float
) -> bool:
    """Without bullets or markers, whether ``line`` starts a new project: space above it
    beyond the page's line pitch says so; in a page with a hanging indent, a line at the
    items' edge does (continuations are set in); with neither, the line before it was
    broken, not wrapped. (A project after a line that fills its measure, with no bullet,
    marker, indent or space, cannot be told from a wrap — by a reader either.)"""
    size = line.size or 1.0
    if pitch and line.bbox[1] - previous.bbox[1] > pitch + PARAGRAPH_GAP * size:
        return True
    if edge is not None:
        return abs(line.bbox[0] - edge) < INDENT * size
    return _broken_before(previous, line, rest, right)


def is_legend_block(block: Sequence[TextLine]) -> bool:
    """The legend's own text box: it defines two or more programs, and holds no entry and
    no project (a box with one program's heading is a group heading, not a legend)."""
    if len(set(read_legend(block).values())) < 2:
        return False
    for ln in block:
        rest = _rest(tokens(ln))
        if not is_legend_line(ln) and (_entry_label(rest, ln) or textrules.strip_bullet(rest)[1]):
            return False
    return True


HEADING = "heading:"
"""``marker_at`` of a project whose program came from a group heading's marker (one
marker for many entries): the gate reconciles the markers printed on entries and
projects, each of which must give a program."""


class MapLegendLayout:
    name = "map_legend"

    def matches(self, lines: Sequence[TextLine]) -> bool:
        if not read_legend(lines):
            return False
        return any("×" in ln.text and _entry_label(_rest(tokens(ln)), ln) for ln in lines)

    def parse(self, extraction: Extraction, page_number: int, lines: Sequence[TextLine]) -> LayoutOutput:
        out = LayoutOutput()
        legend = read_legend(lines)
        fname = extraction.document.file_name
        entries: list[_Entry] = []
        printed: dict[str, set[str]] = {}
        current: Token | None = None  # the program marker nearest before, in reading order
        entry: _Entry | None = None
        boxes = blocks(lines)
        rights = column_rights(boxes)
        hanging = hanging_indent([b for b in boxes if not is_legend_block(b)])
        pitch = line_pitch([b for b in boxes if not is_legend_block(b)])
        for block in boxes:
            if is_legend_block(block):
                continue
            right = rights[id(block)]
            bullets = bullet_marks(block)
            edges = item_edges(block, hanging)
            previous: TextLine | None = None
            for line in block:
                toks = tokens(line)
                markers = [t for t in _leading(toks) if is_program_marker(t, legend)]
                rest = _rest(toks)
                if markers and is_legend_line(line):  # a group heading: its marker, for what follows
                    current = Token(markers[-1].text, markers[-1].colour, True, HEADING + markers[-1].at)
                    previous = None
                    continue
                if markers:
                    current = markers[-1]
                    printed.setdefault(current.colour or "", set()).add(current.at)
                if not rest or is_legend_line(line):
                    previous = None
                    continue
                label = _entry_label(rest, line)
                if label is not None and ("×" in rest or _bullet(rest, bullets) is None):
                    entry = _Entry(*label)
                    entries.append(entry)
                    printed_region = textrules.split_region_lead(textrules.normalize_text(rest))[0]
                    if printed_region != label[0]:  # an OCR'd name read as the region it stands for
                        out.repairs.append(
                            Repair(
                                extraction.document.document_id,
                                f"map:p{page_number}:{label[0]}",
                                "ocr_region",
                                printed_region,
                                label[0],
                            )
                        )
                    if markers and program_of(markers[-1], legend) is None:
                        out.warnings.append(
                            f"{fname}: p{page_number}: {label[0]}: marker colour {markers[-1].colour} is not in the legend"
                        )
                    previous = None
                    continue
                bullet = _bullet(rest, bullets) is not None
                body = textrules.strip_bullet(rest)[0] if bullet else rest
                if entry is None:
                    continue  # a title, a note: text before any entry
                if markers and not entry.projects:
                    entry.marked = True
                infer = previous is not None and not bullets and not entry.marked
                if (
                    bullet
                    or markers
                    or (previous is None and not entry.projects)
                    or (
                        infer
                        and previous is not None
                        and _starts_item(previous, line, rest, right, edges[id(line)], pitch)
                    )
                ):
                    entry.projects.append(_Project(current, [body], page_number, line.ocr_confidence))
                elif previous is not None:
                    entry.projects[-1].add(rest, line)
                else:
                    continue  # free text in another box (a note under a column): no project's
                previous = line
        self._emit(extraction, page_number, entries, legend, out)
        doc_id = extraction.document.document_id
        for colour, xs in sorted(printed.items()):
            out.source_counts.append(
                SourceCount(doc_id, "markers_per_colour", f"p{page_number} {colour}", len(xs))
            )
        return out

    def _emit(
        self,
        extraction: Extraction,
        page_number: int,
        entries: Sequence[_Entry],
        legend: dict[Marker, str],
        out: LayoutOutput,
    ) -> None:
        doc_id = extraction.document.document_id
        fname = extraction.document.file_name
        index = 0
        for entry in entries:
            known = regions.lookup(entry.region)
            if not entry.projects:
                out.warnings.append(f"{fname}: p{page_number}: {entry.region}: entry without projects")
            for project in entry.projects:
                raw = textrules.join_wrapped_lines(project.lines)
                name = textrules.normalize_text(raw)
                if textrules.is_placeholder(name):
                    out.warnings.append(
                        f"{fname}: p{page_number}: {entry.region}: {raw!r} names no project; not loaded"
                    )
                    continue
                index += 1
                marker = project.marker
                out.adoptions.append(
                    Adoption(
                        adoption_id=stable_id(doc_id, self.name, page_number, index, name),
                        document_id=doc_id,
                        program_id=program_of(marker, legend) if marker else None,
                        region_name=entry.region,
                        region_code=known.code if known else None,
                        lead_institution=entry.lead,
                        project_name=name,
                        project_name_raw=raw,
                        fiscal_year=None,
                        field=None,
                        proposal_type=None,
                        page_number=page_number,
                        entry_index=index,
                        layout=self.name,
                        marker_colour=marker.colour if marker else None,
                        marker_at=marker.at if marker else None,
                        ocr_confidence=project.ocr_confidence,
                    )
                )


BULLETS = "・･•‧∙◦"
"""Marks that begin a list item wherever they stand; a dash (``-``) does only when several
lines of a box begin with it (a wrapped line may begin ``- Next Generation…``)."""


def _mark(rest: str) -> str | None:
    _body, bullet = textrules.strip_bullet(rest)
    return rest.lstrip()[0] if bullet and rest.strip() else None


def bullet_marks(block: Sequence[TextLine]) -> set[str]:
    """The marks this box begins its items with."""
    counts: dict[str, int] = {}
    for ln in block:
        mark = _mark(_rest(tokens(ln)))
        if mark:
            counts[mark] = counts.get(mark, 0) + 1
    return {m for m, n in counts.items() if m in BULLETS or n >= 2}


def _bullet(rest: str, marks: set[str]) -> str | None:
    """The bullet ``rest`` begins with, if it is one of its box's item marks."""
    mark = _mark(rest)
    return mark if mark in marks else None


def _leading(toks: Sequence[Token]) -> list[Token]:
    """The marker tokens a line starts with."""
    out = []
    for t in toks:
        if not t.marker:
            break
        out.append(t)
    return out


def _rest(toks: Sequence[Token]) -> str:
    """A line's text after its leading markers."""
    return " ".join(t.text for t in toks[len(_leading(toks)) :] if not t.marker).strip()
