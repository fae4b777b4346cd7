"""Region names → codes: JIS X 0401 for prefectures, 総務省 全国地方公共団体コード otherwise.

Codes come from ``data/regions.csv`` (5-digit 団体コード without the check digit,
name, kind); the 6th digit is computed by the 総務省 check-digit rule, so a
wrong row in the data cannot produce a code that looks valid.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ckextract.textrules import normalize_text


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    code: str
    """Two digits for a prefecture (JIS X 0401), six for a municipality."""
    kind: str
    """prefecture, designated_city, city, ward, town or village."""


def check_digit(code5: str) -> str:
    """The 総務省 check digit of a 5-digit local-government code.

    Weights 6,5,4,3,2; ``11 - sum % 11`` keeping its last digit
    (東松島市 04214 → 042145, 摂津市 27224 → 272248).
    """
    if len(code5) != 5 or not code5.isdigit():
        raise ValueError(f"a local-government code has 5 digits before its check digit: {code5!r}")
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


@cache
def _table() -> dict[str, Region]:
    out: dict[str, Region] = {}
    text = resources.files("ckextract.data").joinpath("regions.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        code5 = row["code5"]
        code = code5[:2] if row["kind"] == "prefecture" else code5 + check_digit(code5)
        out[row["name"]] = Region(row["name"], code, row["kind"])
    return out


def lookup(name: str | None) -> Region | None:
    """The region a printed name denotes (``広島県`` → 34), or None if unknown."""
    if not name:
        return None
    value = normalize_text(name).rstrip("等")
    return _table().get(value)


def all_regions() -> list[Region]:
    return list(_table().values())
