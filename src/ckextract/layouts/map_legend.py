"""A map slide of adopted regions (地域の産学官ネットワークの好事例): the program of each
entry is shown only by its marker's colour, and the legend on the same page says
which colour is which program.

Everything is read from the page: the legend (a marker glyph next to a label
naming a program), the entries (``● region×lead`` followed by ``・project``
lines that wrap), and the multi-program regions (``★region`` followed by one
coloured marker per project). Colours, positions, columns and fonts vary by
edition; none of them is assumed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from ckextract import regions, textrules
from ckextract.layouts import LayoutOutput, stable_id
from ckextract.programs import match_program
from ckextract.records import Adoption, Extraction, SourceCount, TextLine

COLOUR_TOLERANCE = 24.0
"""Largest RGB distance (0-255 per channel) between a marker and its legend colour:
room for rounding and colour-space conversion, not for a different colour."""

Marker = tuple[str, str]
"""(glyph, fill colour #rrggbb): what a legend defines, e.g. ("●", "#e83828")."""


def is_symbol(ch: str) -> bool:
    """Marker glyphs (●, ■, ◆, ★, …): Unicode 'Symbol, other' or geometric shapes."""
    return unicodedata.category(ch) == "So" or 0x25A0 <= ord(ch) <= 0x25FF


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    colour: str | None
    marker: bool


def tokens(line: TextLine) -> list[Token]:
    """A line as marker glyphs and text runs (spaces dropped around markers)."""
    out: list[Token] = []
    for span in line.spans:
        buf = ""
        for ch in span.text:
            if is_symbol(ch):
                if buf.strip():
                    out.append(Token(buf.strip(), span.colour, False))
                buf = ""
                out.append(Token(ch, span.colour, True))
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


def program_of(token: Token, legend: dict[Marker, str]) -> str | None:
    """The program of a marker glyph: the legend entry of the same glyph and colour."""
    if token.colour is None:
        return None
    same_glyph = [m for m in legend if m[0] == token.text]
    if not same_glyph:
        return None
    best = min(same_glyph, key=lambda m: colour_distance(m[1], token.colour or ""))
    return legend[best] if colour_distance(best[1], token.colour) <= COLOUR_TOLERANCE else None


def legend_glyphs(legend: dict[Marker, str]) -> set[str]:
    return {glyph for glyph, _ in legend}


def blocks(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """Text boxes: left-aligned lines, each close below the last. Ordered column-wise."""
    out: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: (ln.bbox[1], ln.bbox[0])):
        size = line.size or 1.0
        home = None
        for block in out:
            last = block[-1]
            if abs(last.bbox[0] - line.bbox[0]) <= size and 0 <= line.bbox[1] - last.bbox[3] <= 1.5 * size:
                home = block
                break
        if home is None:
            out.append([line])
        else:
            home.append(line)
    return sorted(out, key=lambda b: (round(b[0].bbox[0] / 20), b[0].bbox[1]))


@dataclass(slots=True)
class _Project:
    program_id: str | None
    colour: str | None
    lines: list[str]
    page_number: int


@dataclass(slots=True)
class _Entry:
    region: str
    lead: str | None
    program_id: str | None
    colour: str | None
    multi: bool
    projects: list[_Project] = field(default_factory=list)


def _is_region(text: str) -> bool:
    region, _ = textrules.split_region_lead(textrules.normalize_text(text))
    return regions.lookup(region) is not None


class MapLegendLayout:
    name = "map_legend"

    def matches(self, lines: Sequence[TextLine]) -> bool:
        legend = read_legend(lines)
        if not legend:
            return False
        return any(
            len(toks := tokens(line)) >= 2 and toks[0].marker and not toks[1].marker and "×" in toks[1].text
            for line in lines
        )

    def parse(self, extraction: Extraction, page_number: int, lines: Sequence[TextLine]) -> LayoutOutput:
        out = LayoutOutput()
        legend = read_legend(lines)
        legend_lines = {id(line) for line in lines if is_legend_line(line)}
        entries: list[_Entry] = []
        fname = extraction.document.file_name
        for block in blocks(lines):
            entry: _Entry | None = None
            for line in block:
                if id(line) in legend_lines:
                    entry = None
                    continue
                toks = tokens(line)
                if not toks:
                    continue
                rest = " ".join(t.text for t in toks[1:] if not t.marker) if toks[0].marker else ""
                if toks[0].marker and program_of(toks[0], legend):
                    program = program_of(toks[0], legend)
                    if "×" in rest or (_is_region(rest) and (entry is None or not entry.multi)):
                        region, lead = textrules.split_region_lead(textrules.normalize_text(rest))
                        entry = _Entry(region, lead, program, toks[0].colour, multi=False)
                        entries.append(entry)
                    elif entry is not None and entry.multi:
                        entry.projects.append(_Project(program, toks[0].colour, [rest], page_number))
                    else:
                        out.warnings.append(
                            f"{fname}: p{page_number}: marker line outside an entry: {rest!r}"
                        )
                    continue
                if toks[0].marker and toks[0].text in legend_glyphs(legend) and _is_region(rest):
                    region, lead = textrules.split_region_lead(textrules.normalize_text(rest))
                    out.warnings.append(
                        f"{fname}: p{page_number}: {region}: marker colour {toks[0].colour} is not in the legend"
                    )
                    entry = _Entry(region, lead, None, toks[0].colour, multi=False)
                    entries.append(entry)
                    continue
                if toks[0].marker and _is_region(rest):
                    # a glyph the legend does not use (★) heading: a region of several programs
                    region, lead = textrules.split_region_lead(textrules.normalize_text(rest))
                    entry = _Entry(region, lead, None, None, multi=True)
                    entries.append(entry)
                    continue
                text = line.text.strip()
                body, bullet = textrules.strip_bullet(text)
                if entry is None:
                    continue
                if bullet:
                    entry.projects.append(_Project(entry.program_id, entry.colour, [body], page_number))
                elif entry.projects:
                    entry.projects[-1].lines.append(text)
        doc_id = extraction.document.document_id
        markers: dict[str, int] = {}
        glyphs = legend_glyphs(legend)
        for line in lines:
            if id(line) in legend_lines:
                continue
            for tok in tokens(line):
                if tok.marker and tok.text in glyphs and tok.colour:
                    markers[tok.colour] = markers.get(tok.colour, 0) + 1
        for colour, count in sorted(markers.items()):
            out.source_counts.append(
                SourceCount(doc_id, "markers_per_colour", f"p{page_number} {colour}", count)
            )
        index = 0
        for entry in entries:
            known = regions.lookup(entry.region)
            if not entry.projects:
                out.warnings.append(f"{fname}: p{page_number}: {entry.region}: entry without projects")
            for project in entry.projects:
                raw = textrules.join_wrapped_lines(project.lines)
                name = textrules.normalize_text(raw)
                index += 1
                out.adoptions.append(
                    Adoption(
                        adoption_id=stable_id(doc_id, self.name, page_number, index, name),
                        document_id=doc_id,
                        program_id=project.program_id,
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
                        marker_colour=project.colour,
                    )
                )
        return out
