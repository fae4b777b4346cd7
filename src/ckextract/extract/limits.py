"""Bounded work per page and per document: what a hostile (or just huge) PDF may cost.

Every limit is a setting of :class:`~ckextract.settings.ExtractSettings` with a documented
default, checked *before* the costly step it bounds:

- before the page is parsed (:func:`check_page_content`), from its decoded content streams
  and the forms they draw, each counted as often as it is drawn: their size, their
  subpaths (pdfminer makes an object of each) and their strings' bytes (a bound on glyphs);
- before cells are built, its ruling-line crossings (:mod:`.cells`);
- while cells are built, the point pairs the search examines (:class:`Work`);
- between the steps of reading it, its time (:class:`Deadline`); between pages, the
  document's time.

A page over a limit is skipped by name (:class:`PageLimitError`) and the rest of the
document goes on.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pdfminer import pdftypes

if TYPE_CHECKING:
    from ckextract.settings import ExtractSettings


class PageLimitError(Exception):
    """A page exceeds a limit: it is skipped, named with ``code`` and ``reason``."""

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(reason)


@dataclass(slots=True)
class Work:
    """Point pairs examined (for the bound), against a budget."""

    budget: int
    examined: int = 0

    def spend(self, n: int = 1) -> None:
        self.examined += n
        if self.examined > self.budget:
            raise PageLimitError(
                "page_too_complex",
                f"ruling lines too complex to read as cells (more than {self.budget:,} point pairs)",
            )


@dataclass(slots=True)
class Deadline:
    """A page's time budget, checked between the steps of reading it."""

    seconds: float
    start: float = -1.0
    """When the page began (monotonic clock); by default, when the deadline is made."""

    def __post_init__(self) -> None:
        if self.start < 0:
            self.start = time.monotonic()

    def check(self, step: str) -> None:
        if time.monotonic() - self.start > self.seconds:
            raise PageLimitError("page_over_time", f"still {step} after {self.seconds:g} s (page time limit)")


TWO_BYTE_ENCODINGS = frozenset({"Identity-H", "Identity-V"})
"""Type0 font encodings whose every character code is two bytes; predefined CMaps named
``*-UCS2-*`` / ``*-UTF16-*`` are too. Any other font may spend one byte per glyph."""


def _font_code_bytes(font: Any) -> int:
    """The fewest bytes one glyph of ``font`` takes in a content stream's strings."""
    font = pdftypes.resolve1(font)
    if not isinstance(font, dict) or getattr(font.get("Subtype"), "name", None) != "Type0":
        return 1
    encoding = getattr(pdftypes.resolve1(font.get("Encoding")), "name", "")
    two = encoding in TWO_BYTE_ENCODINGS or "-UCS2-" in encoding or "-UTF16-" in encoding
    return 2 if two else 1


MAX_FORM_DEPTH = 8
"""Form XObjects drawn inside forms are followed this deep (deeper nesting is a loop)."""
_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")
_SUBPATH = re.compile(rb"(?<=[\d.])\s+(?:re|m)(?![^\s/\[(<%])")
"""A subpath starts (``x y m``, ``x y w h re``): pdfminer makes one object of each."""


@dataclass(slots=True)
class PageContent:
    """What a page's content streams will cost to parse, measured without parsing them:
    each stream once, times the number of times it is drawn (a form drawn a thousand
    times costs a thousand times)."""

    streams: list[tuple[bytes, int]] = field(default_factory=list)
    """(decoded stream, times drawn)."""
    code_bytes: int = 2
    """The fewest bytes a glyph of any of the page's fonts takes."""

    @property
    def size(self) -> int:
        return sum(len(data) * times for data, times in self.streams)

    def subpaths(self) -> int:
        return sum(len(_SUBPATH.findall(data)) * times for data, times in self.streams)

    def glyph_bound(self) -> int:
        """At most this many glyphs: the strings' bytes over the fewest bytes per glyph (a
        stream no longer than the bound needs no scan)."""
        return sum(string_bytes(data) * times for data, times in self.streams) // self.code_bytes


def measure_page(page_obj: Any) -> PageContent:
    """A page's content streams and the forms they draw, decoded (each under the
    decompression-bomb guard), with how often each is drawn."""
    out = PageContent()
    decoded: dict[int, bytes] = {}

    def visit(stream: Any, resources: Any, times: int, depth: int) -> None:
        resources = pdftypes.resolve1(resources) or {}
        out.code_bytes = min([out.code_bytes, *(_font_code_bytes(f) for f in _fonts(resources))])
        data = decoded.get(id(stream))
        if data is None:
            data = decoded[id(stream)] = stream.get_data()
        out.streams.append((data, times))
        if depth >= MAX_FORM_DEPTH:
            return
        xobjects = pdftypes.resolve1(resources.get("XObject")) or {}
        drawn: dict[bytes, int] = {}
        for name in _DO.findall(data):
            drawn[name] = drawn.get(name, 0) + 1
        for name, count in drawn.items():
            form = (
                pdftypes.resolve1(xobjects.get(name.decode("latin-1")))
                if isinstance(xobjects, dict)
                else None
            )
            if isinstance(form, pdftypes.PDFStream) and getattr(form.get("Subtype"), "name", None) == "Form":
                visit(form, form.get("Resources") or resources, times * count, depth + 1)

    for content in page_obj.contents or []:
        stream = pdftypes.resolve1(content)
        if isinstance(stream, pdftypes.PDFStream):
            visit(stream, page_obj.resources, 1, 0)
    return out


def _fonts(resources: Any) -> list[Any]:
    fonts = pdftypes.resolve1((pdftypes.resolve1(resources) or {}).get("Font")) or {}
    return list(fonts.values()) if isinstance(fonts, dict) else []


_IN_STRING = re.compile(rb"\\(?:[0-7]{1,3}|\r\n|.)|[()]", re.S)
_OUTSIDE = re.compile(rb"\(|<<|>>|<[0-9A-Fa-f\s]*>|%[^\r\n]*")


def string_bytes(data: bytes) -> int:
    """Bytes of character codes in a content stream's strings, as decoded (an escape is one
    byte, a hex pair is one): every glyph it shows takes at least one. A scan over the
    stream's delimiters only, so a megabyte of text costs milliseconds."""
    total, pos, end = 0, 0, len(data)
    while pos < end:
        m = _OUTSIDE.search(data, pos)
        if m is None:
            break
        token, pos = m.group(), m.end()
        if token.startswith(b"<") and token != b"<<":
            total += (len(token) - 2 - sum(token.count(c) for c in (b" ", b"\n", b"\r", b"\t")) + 1) // 2
        elif token == b"(":
            depth, start, escapes = 1, pos, 0
            while depth and pos < end:
                s = _IN_STRING.search(data, pos)
                if s is None:
                    pos = end
                    break
                pos = s.end()
                t = s.group()
                if t == b"(":
                    depth += 1
                elif t == b")":
                    depth -= 1
                else:
                    escapes += len(t) - 1
            total += max(0, pos - start - 1 - escapes)
    return total


def check_page_content(page_obj: Any, settings: ExtractSettings) -> None:
    """Refuse a page whose content would cost more than the limits allow, before parsing it:
    its decoded size, its subpaths (each a graphic object), its glyphs (every glyph takes at
    least one byte of a string, two in an Identity-encoded CID font)."""
    content = measure_page(page_obj)
    if content.size > settings.max_content_bytes_per_page:
        raise PageLimitError(
            "too_much_content",
            f"too much content ({content.size:,} bytes decoded; the limit is {settings.max_content_bytes_per_page:,})",
        )
    shapes = content.subpaths()
    if shapes > settings.max_shapes_per_page:
        raise PageLimitError(
            "too_many_shapes",
            f"too many shapes ({shapes:,}; the limit is {settings.max_shapes_per_page:,})",
        )
    if content.size // content.code_bytes <= settings.max_chars_per_page:
        return
    glyphs = content.glyph_bound()
    if glyphs > settings.max_chars_per_page:
        raise PageLimitError(
            "too_many_glyphs",
            f"too much text ({glyphs:,} or more glyphs; the limit is {settings.max_chars_per_page:,})",
        )
