"""A printed value → its typed value, or the reason it is not of its type.

Types are done by kept libraries where one exists: 和暦 dates by jpdatetime (through
:func:`ckextract.textrules.japanese_date`), the 法人番号 check digit by python-stdnum
(``stdnum.jp.cn``), prefectures by the 総務省 code list (:mod:`ckextract.regions`). A value
that fails its type is kept as printed (``raw``) and its reason recorded; the
data-quality gate reports it. A value still holding ``(cid:NN)`` (a glyph its font
cannot name) is never passed on as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ckextract import regions, textrules

UNMAPPED = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True, slots=True)
class Typed:
    value: Any
    """JSON-able: str, int, bool, list of str, ISO date string; None when empty or failed."""
    error: str | None = None
    extra: dict[str, Any] | None = None
    """More columns this value gives (a prefecture's ``<name>_code``)."""


def _text(raw: str) -> Typed:
    return Typed(textrules.normalize_text(raw))


def _date(raw: str) -> Typed:
    parsed = textrules.japanese_date(raw)
    return Typed(parsed.isoformat()) if parsed else Typed(None, f"not a date: {raw!r}")


def _integer(raw: str) -> Typed:
    value = textrules.collapse_whitespace(textrules.nfkc(raw)).replace(",", "")
    return Typed(int(value)) if re.fullmatch(r"-?\d+", value) else Typed(None, f"not a whole number: {raw!r}")


def _corporate_number(raw: str) -> Typed:
    from stdnum.jp import cn

    value = re.sub(r"[\s-]", "", textrules.nfkc(raw))
    if not re.fullmatch(r"\d{13}", value):
        return Typed(None, f"not a 13-digit 法人番号: {raw!r}")
    if not cn.is_valid(value):
        return Typed(None, f"法人番号 check digit does not match: {raw!r}")
    return Typed(value)


def _prefecture(raw: str) -> Typed:
    name = textrules.normalize_text(raw)
    region = regions.lookup(name)
    if region is None:
        return Typed(None, f"not a prefecture or municipality: {raw!r}")
    return Typed(region.name, extra={"code": region.code})


def _lines(raw: str, paragraphs: list[str]) -> Typed:
    items = [textrules.normalize_text(p) for p in (paragraphs or [raw])]
    return Typed([i for i in items if i])


def _flag(raw: str) -> Typed:
    mark = textrules.yes_mark(raw)
    return Typed(mark) if mark is not None else Typed(None, f"not a mark (〇 or empty): {raw!r}")


def typed(kind: str, raw: str | None, paragraphs: list[str] | None = None) -> Typed:
    """The value of a cell (or a context group) printed as ``raw`` in a column of ``kind``."""
    if kind == "flag":
        return _flag(raw or "")
    if textrules.is_empty_marker(raw):
        return Typed(None)
    assert raw is not None
    if UNMAPPED.search(raw):
        return Typed(None, f"a glyph its font maps to no character: {raw!r}")
    if kind == "lines":
        return _lines(raw, paragraphs or [])
    return {
        "text": _text,
        "date": _date,
        "integer": _integer,
        "corporate_number": _corporate_number,
        "prefecture": _prefecture,
    }[kind](raw)
