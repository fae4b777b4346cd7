"""Region names → codes: JIS X 0401 for prefectures, 総務省 全国地方公共団体コード otherwise.

Codes come from ``data/local_governments.csv``, the ministry's list (see
``data/README.md`` and ``tools/update_region_codes.py``). A municipality name that
two prefectures share (府中市) is ambiguous on its own and resolves only when
qualified by its prefecture (``広島県府中市``).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ckextract.textrules import normalize_text, ocr_key

MIN_REGION_CHARS = 2
"""The shortest region name (津市 is two; a single glyph is no name)."""
MAX_REGION_CHARS = 12
"""Longer than any region name with its prefecture (北海道余市郡余市町 is 9)."""


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    code: str
    """Two digits for a prefecture (JIS X 0401), six for a municipality."""
    kind: str
    """prefecture, designated_city, city, ward, town or village."""
    prefecture: str


def check_digit(code5: str) -> str:
    """The 総務省 check digit of a 5-digit local-government code.

    Weights 6,5,4,3,2; ``11 - sum % 11`` keeping its last digit
    (東松島市 04214 → 042145, 摂津市 27224 → 272248).
    """
    if len(code5) != 5 or not code5.isdigit():
        raise ValueError(f"a local-government code has 5 digits before its check digit: {code5!r}")
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


def _kind(code: str, name: str, prefecture: str) -> str:
    if name == prefecture and code[2:5] == "000":
        return "prefecture"
    if name.endswith("区"):
        return "ward"
    if name.endswith("市"):
        return "designated_city" if 100 <= int(code[2:5]) < 200 and code[4] == "0" else "city"
    return "town" if name.endswith("町") else "village" if name.endswith("村") else "other"


@cache
def _tables() -> tuple[dict[str, Region], dict[str, list[Region]]]:
    text = resources.files("ckextract.data").joinpath("local_governments.csv").read_text(encoding="utf-8")
    qualified: dict[str, Region] = {}
    by_name: dict[str, list[Region]] = defaultdict(list)
    for row in csv.DictReader(text.splitlines()):
        code, pref, name = row["code"], row["prefecture"], row["name"]
        kind = _kind(code, name, pref)
        region = Region(name, code[:2] if kind == "prefecture" else code, kind, pref)
        by_name[name].append(region)
        qualified[name if kind == "prefecture" else pref + name] = region
    return qualified, by_name


def lookup(name: str | None) -> Region | None:
    """The region a printed name denotes (``広島県`` → 34, ``東松島市`` → 042145), or None
    if unknown or ambiguous (``府中市`` alone). A trailing 等 (``東京都等``) is ignored."""
    if not name:
        return None
    value = normalize_text(name).rstrip("等")
    qualified, by_name = _tables()
    if value in qualified:
        return qualified[value]
    matches = by_name.get(value, [])
    return matches[0] if len(matches) == 1 else None


def all_regions() -> list[Region]:
    return [r for regions in _tables()[1].values() for r in regions]


@cache
def _by_ocr_key() -> dict[str, list[str]]:
    keys: dict[str, list[str]] = defaultdict(list)
    for name in {r.name for r in all_regions()}:
        keys[ocr_key(name)].append(name)
    return keys


def ocr_repair(name: str) -> str | None:
    """The known region a name read by OCR stands for, when exactly one fits: the same but
    for characters OCR confuses (``textrules.OCR_CONFUSIONS``), or the same with one stray
    glyph before or after it (a ★ read as 文, dust read as ・). None when the name is known
    as it is, or when none or several fit."""
    value = normalize_text(name).rstrip("等")
    if not value or lookup(value) is not None:
        return None
    fits = set(_by_ocr_key().get(ocr_key(value), []))
    for trimmed in (value[1:], value[:-1]):
        if len(trimmed) >= MIN_REGION_CHARS and lookup(trimmed) is not None:
            fits.add(trimmed)
    return fits.pop() if len(fits) == 1 else None


def leading_region(text: str, ocr: bool = False) -> tuple[str, str] | None:
    """(region, rest) when ``text`` starts with a known region's name (the longest that
    fits): ``愛知県名古屋大学等`` → (``愛知県``, ``名古屋大学等``). With ``ocr`` (text read
    by OCR) also a start that is one known region's name but for characters OCR confuses:
    ``冨山県X富山大学等`` → (``富山県``, ``X富山大学等``), 富 read 冨 on a crisp scan of the
    deck's map."""
    value = normalize_text(text)
    for end in range(min(len(value), MAX_REGION_CHARS), MIN_REGION_CHARS - 1, -1):
        if lookup(value[:end]) is not None:
            return value[:end], value[end:]
        fits = _by_ocr_key().get(ocr_key(value[:end]), []) if ocr else []
        if len(fits) == 1:
            return fits[0], value[end:]
    return None
