"""Glyphs without a Unicode map, recovered from the embedded font's own tables.

A PDF font whose ToUnicode map misses a glyph makes pdfminer print ``(cid:NNN)``.
When the font is embedded as TrueType (``FontFile2``, a ``CIDFontType2`` with an
``Identity`` or explicit CIDToGIDMap), the font file itself usually says what the glyph
is: its ``cmap`` table maps Unicode to glyphs (read backwards), and its glyph names
(``post`` table: ``minus``, ``uni02BC``) are read through the Adobe Glyph List. Both are
read with fontTools. What a font cannot tell stays ``(cid:NNN)``, and the data-quality
gate flags the value: never guessed.

Seen in the real 事業再構築補助金 採択案件一覧 (Excel → Microsoft Print to PDF):
``(cid:695)`` is glyph ``minus`` (cmap: U+2212, U+FF0D; name: U+2212) and ``(cid:98)`` is
``uni02BC`` (U+02BC).
"""

from __future__ import annotations

import io
import re
from typing import Any

from ckextract._typing import T_obj_list

CID = re.compile(r"\(cid:(\d+)\)")


def _resolve(obj: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


def _name(obj: Any) -> str:
    value = _resolve(obj)
    return str(getattr(value, "name", value))


def _cid_to_gid(descendant: dict[str, Any]) -> dict[int, int] | None:
    """CID → glyph index: None for Identity (the same number)."""
    mapping = _resolve(descendant.get("CIDToGIDMap"))
    if mapping is None or _name(mapping) == "Identity":
        return None
    data = mapping.get_data()
    return {cid: int.from_bytes(data[2 * cid : 2 * cid + 2], "big") for cid in range(len(data) // 2)}


def glyph_unicode(font_bytes: bytes) -> dict[int, str]:
    """Glyph index → the character it draws, from a TrueType font's cmap and glyph names.

    Where several code points share a glyph, its glyph name decides when it names one of
    them; otherwise the lowest code point is taken."""
    from fontTools import agl
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(font_bytes), lazy=True)
    order = font.getGlyphOrder()
    index = {name: i for i, name in enumerate(order)}
    by_glyph: dict[int, list[int]] = {}
    for code, glyph in (font.getBestCmap() or {}).items():
        if glyph in index:
            by_glyph.setdefault(index[glyph], []).append(code)
    out: dict[int, str] = {}
    for gid, name in enumerate(order):
        named = agl.toUnicode(name) if not name.startswith(("glyph", ".")) else ""
        codes = sorted(by_glyph.get(gid, []))
        if named and len(named) == 1 and (not codes or ord(named) in codes):
            out[gid] = named
        elif codes:
            out[gid] = chr(codes[0])
    return out


def font_maps(page: Any) -> dict[str, dict[int, str]]:
    """Font name → (CID → character) for the page's embedded TrueType CID fonts; cached on
    the document (fonts are shared by pages)."""
    cache: dict[int, dict[int, str]] = page.pdf.__dict__.setdefault("_ckextract_cid_maps", {})
    out: dict[str, dict[int, str]] = {}
    fonts = _resolve((page.page_obj.resources or {}).get("Font")) or {}
    for ref in fonts.values():
        font = _resolve(ref)
        if not isinstance(font, dict) or _name(font.get("Subtype")) != "Type0":
            continue
        descendants = _resolve(font.get("DescendantFonts")) or []
        if not descendants:
            continue
        descendant = _resolve(descendants[0])
        descriptor = _resolve(descendant.get("FontDescriptor")) or {}
        stream = _resolve(descriptor.get("FontFile2"))
        if stream is None:
            continue
        key = id(stream)
        if key not in cache:
            try:
                by_gid = glyph_unicode(stream.get_data())
                gids = _cid_to_gid(descendant)
            except Exception:  # a font fontTools cannot read: nothing recovered, nothing guessed
                by_gid, gids = {}, None
            if gids is None:
                cache[key] = by_gid
            else:
                cache[key] = {cid: by_gid[g] for cid, g in gids.items() if g in by_gid}
        out[_name(font.get("BaseFont"))] = cache[key]
    return out


def recover_cids(page: Any, chars: T_obj_list) -> tuple[T_obj_list, int]:
    """``chars`` with every ``(cid:NNN)`` the page's fonts can name replaced by its
    character; and how many were recovered."""
    if not any(c["text"].startswith("(cid:") for c in chars):
        return chars, 0
    maps = font_maps(page)
    recovered = 0
    out: T_obj_list = []
    for ch in chars:
        match = CID.fullmatch(ch["text"])
        table = maps.get(str(ch.get("fontname"))) if match else None
        if match and table and int(match.group(1)) in table:
            ch = {**ch, "text": table[int(match.group(1))]}
            recovered += 1
        out.append(ch)
    return out, recovered
