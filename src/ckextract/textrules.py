"""Japanese text rules: every rule that turns printed text into a normalized value.

Each rule is one small, pure, named function with the real example it was made
for in its docstring, and a test of that example in ``tests/test_textrules.py``.
``RULES`` lists them in the order they apply, for the docs and the report.

Order for free text (names, overviews): :func:`nfkc` → :func:`collapse_whitespace`
→ :func:`collapse_letter_spacing` → :func:`drop_spaces_next_to_japanese`
(:func:`normalize_text`). Line-wrap joining (:func:`join_wrapped_lines`) happens
earlier, when extraction turns a cell's visual lines into its text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

# --- character classes --------------------------------------------------------

_HIRAGANA = "\u3040-\u309f"
_KATAKANA_RANGE = "\u30a0-\u30ff"  # katakana (・ ー included)
_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_JAPANESE = (
    "\u3000-\u303f"  # CJK symbols and punctuation (、。「」【】〔〕…)
    f"{_HIRAGANA}{_KATAKANA_RANGE}{_KANJI}"
    "\uff01-\uff60\uff61-\uff9f"  # full-width forms, half-width katakana
)
_JP = f"[{_JAPANESE}]"
_KANA_KANJI = f"{_HIRAGANA}{_KATAKANA_RANGE}{_KANJI}"
_CIRCLED = re.compile("[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")


def is_japanese(ch: str) -> bool:
    """True for kana, kanji and Japanese punctuation/full-width forms."""
    return bool(ch) and re.match(_JP, ch) is not None


def is_kana_or_kanji(ch: str) -> bool:
    """True for kana and kanji (not Japanese punctuation or full-width forms)."""
    return re.match(f"[{_KANA_KANJI}]", ch) is not None


def _is_latin_word_char(ch: str) -> bool:
    return ch.isalnum() and not is_japanese(ch) and ord(ch) < 0x2E80


# --- rule: NFKC -------------------------------------------------------------------


def nfkc(text: str) -> str:
    """Unicode NFKC, keeping circled numbers (①②) that NFKC would flatten to digits.

    ``“次世代「光」技術”をコアに、①「ネオ・ディスタンス社会」`` keeps its ①;
    full-width ``（計画名：…）`` becomes ``(計画名:…)``; ``ＰＨＣ`` becomes ``PHC``.
    """
    if not _CIRCLED.search(text):
        return unicodedata.normalize("NFKC", text)
    out: list[str] = []
    last = 0
    for m in _CIRCLED.finditer(text):
        out.append(unicodedata.normalize("NFKC", text[last : m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(unicodedata.normalize("NFKC", text[last:]))
    return "".join(out)


# --- rule: line-wrap joining -----------------------------------------------------


def join_wrapped_lines(lines: Sequence[str]) -> str:
    """Join a cell's visual lines into one text.

    Japanese wraps anywhere, mid-word, so lines join with nothing between them
    (``広島県地方大学・地域産業創生事業推進特別`` + ``委員会``). A wrap between two
    Latin words was a space: ``The University of`` + ``British Columbia`` →
    ``The University of British Columbia``. A hyphen after a Latin letter is a
    word broken at its hyphen (no space); after anything else it stands alone
    (``グローバル拠点の創出-`` + ``Next Generation`` keeps its space).
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and _wrap_was_space(out, line):
            out += " "
        out += line
    return out


def _wrap_was_space(before: str, after: str) -> bool:
    last, first = before[-1], after[0]
    if not (_is_latin_word_char(first) or first in "([\"'&"):
        return False
    if _is_latin_word_char(last) or last in ".,;:!?)]\"'%&":
        return True
    if last == "-":
        return not (len(before) > 1 and _is_latin_word_char(before[-2]))
    return False


# --- rules: spaces -------------------------------------------------------------------


_WS = re.compile(r"\s+")


def collapse_whitespace(text: str) -> str:
    """Runs of white space (ideographic space, tabs, newlines) become one space; ends trimmed."""
    return _WS.sub(" ", text).strip()


_LATIN_SINGLE = f"[^\\s{_JAPANESE}]"
_LETTER_SPACED = re.compile(f"(?<!{_LATIN_SINGLE}){_LATIN_SINGLE}(?: {_LATIN_SINGLE}(?!{_LATIN_SINGLE}))+")


def collapse_letter_spacing(text: str) -> str:
    """Glue letter-spaced runs: two or more single Latin characters separated by spaces.

    ``P H C 株式会社`` → ``PHC 株式会社``; ``S A W A C H I 型…`` → ``SAWACHI 型…``;
    a run may touch Japanese text: ``株式会社N T T ドコモ`` → ``株式会社NTT ドコモ``.
    Real words stay apart: ``株式会社Psychic VR Lab`` is untouched, since no run
    of single characters occurs in it.
    """
    return _LETTER_SPACED.sub(lambda m: m.group().replace(" ", ""), text)


_SPACE_NEXT_TO_JP = re.compile(f"(?<={_JP}) +| +(?={_JP})")


def drop_spaces_next_to_japanese(text: str) -> str:
    """Drop spaces touching a Japanese character: they are layout, not words.

    ``株式会社 NTT ドコモ 四国支社`` → ``株式会社NTTドコモ四国支社``; spaces between
    Latin words stay (``Bio×Digital Transformation (バイオDX)``).
    """
    return _SPACE_NEXT_TO_JP.sub("", text)


def normalize_text(text: str) -> str:
    """The free-text chain: NFKC, white space, letter-spacing, Japanese spacing."""
    return drop_spaces_next_to_japanese(collapse_letter_spacing(collapse_whitespace(nfkc(text))))


# --- rule: empty cells -------------------------------------------------------------

EMPTY_MARKERS = frozenset({"-", "‐", "‑", "–", "—", "―", "−", "なし", "該当なし", "無し"})


def is_empty_marker(text: str | None) -> bool:
    """A cell printed as ``-`` (or empty, or なし) holds no value."""
    if text is None:
        return True
    value = collapse_whitespace(nfkc(text))
    return value == "" or value in EMPTY_MARKERS


# --- rule: placeholders -------------------------------------------------------------

PLACEHOLDER_WORDS = frozenset(
    {
        "n/a",
        "na",
        "n.a.",
        "none",
        "null",
        "tbd",
        "tba",
        "未定",
        "不明",
        "未記入",
        "該当なし",
        "なし",
        "無し",
        "特になし",
    }
)


def is_placeholder(text: str | None) -> bool:
    """A value that names nothing: an empty mark (``-``), punctuation or symbols only
    (``・``, ``???``), a lone number (``1``: a list's running number read as a name), or a
    word for "no value" (``N/A``, ``未定``). Seen loading as members and organizations."""
    if is_empty_marker(text):
        return True
    value = collapse_whitespace(nfkc(text or "")).lower()
    if value in PLACEHOLDER_WORDS:
        return True
    return not any(unicodedata.category(ch)[0] == "L" for ch in value)


# --- rule: sector tags -------------------------------------------------------------

SECTOR_MARKS = ("学", "官", "産")
"""The sectors a tag names (:data:`ckextract.records.SECTORS`)."""

_TAG_OPEN = "【\\[［〔〈<＜"
_TAG_CLOSE = "】\\]］〕〉>＞"
_SECTOR_TAG = re.compile(
    rf"[{_TAG_OPEN}]\s*([^{_TAG_OPEN}{_TAG_CLOSE}\s]{{1,6}})\s*[{_TAG_CLOSE}]"
    rf"|[{_TAG_OPEN}]\s*([^{_TAG_OPEN}{_TAG_CLOSE}()（）\s]{{1,6}}?)\s*[)）]"
    rf"|[(（]\s*([^{_TAG_OPEN}{_TAG_CLOSE}()（）\s]{{1,6}}?)\s*[{_TAG_CLOSE}]"
    rf"|[{_TAG_OPEN}]\s*([{''.join(SECTOR_MARKS)}])(?![{_TAG_CLOSE})）])"
)
"""A sector tag: ``【学】`` (or ``[学]``, ``〔学〕``, …); read by OCR, one bracket may come
back a parenthesis (``(学】``, soft scans of a Mincho table), and a known sector's
closing bracket may be lost (``阿南工業高等専門学校【官徳島県``)."""
_TAG_DUST = ".,、。・:;'`|()（）"
"""Dust a scan leaves inside a tag's brackets, stripped from the tag: a soft scan of the
deck's Mincho 徳島 cell read ``【.産】`` and its twelve 産 members went untagged."""


@dataclass(frozen=True, slots=True)
class SectorChunk:
    tag: str
    """The tag as printed inside its brackets, NFKC-normalized (学, 官, 産, …)."""
    text: str


def split_sectors(text: str) -> tuple[str, list[SectorChunk]]:
    """Split a 構成員 cell on its sector tags.

    ``【学】広島大学、県立広島大学 【官】広島県 【産】中国経済連合会`` →
    ``[学: 広島大学、県立広島大学] [官: 広島県] [産: 中国経済連合会]``. Returns the
    text before the first tag (normally empty) and the chunks in printed order.
    """
    matches = list(_SECTOR_TAG.finditer(text))
    if not matches:
        return text.strip(), []
    lead = text[: matches[0].start()].strip()
    chunks = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        tag = next(g for g in m.groups() if g)
        chunks.append(SectorChunk(nfkc(tag).strip(_TAG_DUST), text[m.end() : end].strip()))
    return lead, chunks


# --- rule: member split ------------------------------------------------------------

MEMBER_SEPARATOR = f"[、，､]|(?<=[{_KANA_KANJI}）」』】])\\s*,(?=\\s*[{_KANA_KANJI}（「『【])"
"""What separates two members: ``、`` (or ``，``), or a half-width ``,`` between two
Japanese words (``徳島県商工会議所連合会,徳島県中小企業団体中央会``: a Mincho ``、``
read by OCR, or a producer typing ``,``). A ``,`` in a Latin name (``Co., Ltd.``) stays."""
_MEMBER_SEPARATOR = re.compile(MEMBER_SEPARATOR)


def split_members(text: str) -> list[str]:
    """Split one sector's members on :data:`MEMBER_SEPARATOR`; trailing separators drop out.

    ``P H C 株式会社、株式会社 N T T ドコモ 四国支社、株式会社産学連携キャピタル、``
    gives three members, not four.
    """
    return [item.strip() for item in _MEMBER_SEPARATOR.split(text) if item.strip()]


def count_printed_items(text: str) -> int:
    """How many members a 構成員 cell prints, counted from its separators alone.

    Every ``、`` between two tags separates two items, even an empty one
    (``A、、B`` prints three items, one of them lost); a trailing ``、`` closes
    the last item. Used to reconcile loaded members with the printed cell.
    """
    total = 0
    for chunk in _SECTOR_TAG.sub("\0", text).split("\0"):
        pieces = _MEMBER_SEPARATOR.split(chunk.strip())
        if pieces and not pieces[-1].strip():
            pieces.pop()
        if any(p.strip() for p in pieces):
            total += len(pieces)
    return total


# --- rule: fragment repair ----------------------------------------------------------

BARE_FRAGMENTS = frozenset(
    {
        "短期大学部",
        "大学院",
        "大学部",
        "附属病院",
        "付属病院",
        "高等部",
        "支社",
        "支店",
        "支部",
        "本社",
        "本店",
        "本部",
        "分室",
        "営業所",
        "事業所",
        "事務所",
    }
)


@dataclass(frozen=True, slots=True)
class FragmentRepair:
    before: str
    after: str


def repair_fragments(items: Sequence[str]) -> tuple[list[str], list[FragmentRepair]]:
    """Join a bare suffix fragment to the member before it, and say so.

    The source prints ``徳島文理大学、徳島文理大学、短期大学部`` where
    ``徳島文理大学、徳島文理大学短期大学部`` is meant: ``短期大学部`` cannot stand
    alone, so it joins ``徳島文理大学``; the repair is returned, never silent.
    """
    out: list[str] = []
    repairs: list[FragmentRepair] = []
    for item in items:
        if out and normalize_text(item) in BARE_FRAGMENTS:
            joined = out[-1] + item
            repairs.append(FragmentRepair(f"{out[-1]}、{item}", joined))
            out[-1] = joined
        else:
            out.append(item)
    return out, repairs


# --- rule: role split --------------------------------------------------------------

_ROLE_BASE = (
    "副会頭|会頭|副会長|会長|副社長|社長|頭取|副頭取|副理事長|理事長|副学長|学長|総長|"
    "副知事|知事|市長|町長|村長|区長|所長|センター長|機構長|局長|部長|専務|常務"
)
_ROLE = re.compile(
    rf"(?P<role>(?:代表取締役|取締役|代表理事|専務理事|常務理事)?(?:{_ROLE_BASE})|代表取締役|代表理事)$"
)
ORG_SUFFIXES = (
    "株式会社",
    "有限会社",
    "合同会社",
    "銀行",
    "信用金庫",
    "公庫",
    "大学",
    "学校",
    "機構",
    "法人",
    "協会",
    "組合",
    "会議所",
    "会",
    "センター",
    "研究所",
    "県",
    "都",
    "道",
    "府",
    "市",
    "町",
    "村",
    "区",
    "庁",
    "省",
    "局",
)


def split_role(name: str) -> tuple[str, str | None]:
    """Split a person's title off an organization: the member is the organization.

    ``マツダ株式会社代表取締役会長`` → (``マツダ株式会社``, ``代表取締役会長``);
    ``株式会社広島銀行代表取締役頭取`` → (``株式会社広島銀行``, ``代表取締役頭取``);
    ``広島県商工会議所連合会会頭`` → (``広島県商工会議所連合会``, ``会頭``). The part
    left must end like an organization, so ``徳島県市長会`` is not split.
    """
    m = _ROLE.search(name)
    if not m or m.start() == 0:
        return name, None
    org = name[: m.start()].rstrip()
    if org.endswith(ORG_SUFFIXES) or org.startswith(("株式会社", "有限会社", "(株)")):
        return org, m.group("role")
    return name, None


# --- rule: plan name ---------------------------------------------------------------

_PLAN = re.compile(r"[(（]\s*計画名\s*[:：]\s*")


def split_plan_name(name: str) -> tuple[str, str | None]:
    """Take ``(計画名：…)`` off a council's name as its plan name.

    ``広島県地方大学・地域産業創生事業推進特別委員会(計画名:ひろしまものづくり…プログラム)``
    → (``広島県地方大学・…特別委員会``, ``ひろしまものづくり…プログラム``). Brackets
    inside the plan name survive: ``“IoP (Internet of Plants)”が導く…への進化``.
    """
    m = _PLAN.search(name)
    if not m:
        return name, None
    plan = name[m.end() :].strip()
    if plan.endswith((")", "）")) and _balance(plan) < 0:
        plan = plan[:-1].rstrip()
    return name[: m.start()].strip(), plan or None


def _balance(text: str) -> int:
    return sum(text.count(c) for c in "(（") - sum(text.count(c) for c in ")）")


# --- rules: adoption entries ---------------------------------------------------------


def split_region_lead(label: str) -> tuple[str, str | None]:
    """Split a map entry ``region×lead institution``; the lead is kept as printed.

    ``京都府×京都大学等`` → (``京都府``, ``京都大学等``); ``広島県`` → (``広島県``, None).
    Only a multiplication sign (×, ✕, ╳) separates them: Latin x is part of names.
    """
    parts = re.split(r"\s*[×✕╳]\s*", label.strip(), maxsplit=1)
    if len(parts) == 2 and parts[0] and parts[1]:
        return parts[0], parts[1]
    return label.strip(), None


_BULLET = re.compile(r"^\s*[・･•‧∙◦\-－‐]\s*")


def strip_bullet(text: str) -> tuple[str, bool]:
    """Remove a leading list bullet (``・``, ``•``, ``-``); say whether there was one.

    ``・ゼロカーボンバイオ産業創出による資源循環共創拠点`` → (``ゼロカーボン…``, True).
    """
    m = _BULLET.match(text)
    if not m:
        return text, False
    return text[m.end() :], True


_ERAS = {"令和": 2018, "平成": 1988}


def fiscal_year(text: str | None) -> int | None:
    """A fiscal year (年度) as a Western year: ``2022``, ``2022年度``, ``令和4年度`` → 2022.

    ``令和元年度`` → 2019. Anything else → None.
    """
    if not text:
        return None
    value = collapse_whitespace(nfkc(text))
    m = re.search(r"(令和|平成)\s*(元|\d{1,2})\s*年", value)
    if m:
        n = 1 if m.group(2) == "元" else int(m.group(2))
        return _ERAS[m.group(1)] + n
    m = re.search(r"(19|20)\d{2}", value)
    return int(m.group()) if m else None


# --- rule: dates (和暦 and 西暦) -------------------------------------------------------------

_DATE_FORMATS = (
    "%G年%m月%d日",  # 平成29年5月15日, 令和元年5月1日 (元年 and full-width digits: jpdatetime)
    "%e.%m.%d",  # H29.4.24: the era's initial (H 平成, R 令和, S 昭和)
    "%Y年%m月%d日",
    "%Y/%m/%d",
    "%Y-%m-%d",
    "%Y.%m.%d",
)


_DATE_SHAPE = re.compile(
    r"(?:明治|大正|昭和|平成|令和|[MTSHR])?(?:\d{1,4}|元)[年./-]\d{1,2}[月./-]\d{1,2}日?"
)
"""What a whole value must look like to be read as a date (``H29.4.24送検`` is a note, not a date)."""


def japanese_date(text: str | None) -> date | None:
    """A date as printed in a ministry list, 和暦 or 西暦, to a date (None if it is not one).

    ``平成29年５月15日`` → 2017-05-15, ``H30.1.16`` → 2018-01-16, ``令和元年5月1日`` →
    2019-05-01, ``2024/7/1`` → 2024-07-01. Eras and 元年 by jpdatetime (its era table),
    after NFKC and with spaces removed; the whole value must be the date."""
    if not text:
        return None
    from jpdatetime import jpdatetime

    value = _WS.sub("", nfkc(text))
    if not _DATE_SHAPE.fullmatch(value):
        return None
    for fmt in _DATE_FORMATS:
        try:
            parsed = jpdatetime.strptime(value, fmt)
        except (ValueError, TypeError, AttributeError, StopIteration):
            continue
        return date(parsed.year, parsed.month, parsed.day)
    return None


# --- rule: marks that say yes ----------------------------------------------------------------

YES_MARKS = frozenset("〇○◯●✓✔レ")


def yes_mark(text: str | None) -> bool | None:
    """A column of marks (連携体 ``〇``): a mark → True, empty or a dash → False, anything
    else → None (not a mark)."""
    if is_empty_marker(text):
        return False
    value = collapse_whitespace(nfkc(text or ""))
    return True if value in YES_MARKS else None


# --- the list of rules, for docs and reports ---------------------------------------------


RULES: tuple[tuple[str, Callable[..., object]], ...] = (
    ("line_wrap_join", join_wrapped_lines),
    ("nfkc", nfkc),
    ("collapse_whitespace", collapse_whitespace),
    ("letter_spacing_collapse", collapse_letter_spacing),
    ("drop_spaces_next_to_japanese", drop_spaces_next_to_japanese),
    ("empty_marker", is_empty_marker),
    ("placeholder", is_placeholder),
    ("japanese_date", japanese_date),
    ("yes_mark", yes_mark),
    ("sector_tags", split_sectors),
    ("member_split", split_members),
    ("printed_item_count", count_printed_items),
    ("fragment_repair", repair_fragments),
    ("role_split", split_role),
    ("plan_name", split_plan_name),
    ("region_lead_split", split_region_lead),
    ("bullet_strip", strip_bullet),
    ("fiscal_year", fiscal_year),
)


OCR_CONFUSIONS: tuple[frozenset[str], ...] = (
    frozenset("ー一―‐-"),
    frozenset("口ロ□"),
    frozenset("力カ"),
    frozenset("工エ"),
    frozenset("二ニ"),
    frozenset("八ハ"),
    frozenset("夕タ"),
    frozenset("卜ト"),
    frozenset("へヘ"),
    frozenset("富冨"),
)
"""Characters OCR takes for one another: the same strokes in a kanji, a katakana and a
dash (長音 ー vs 一 "one"; 口 "mouth" vs ロ; 力 "power" vs カ; 工 vs エ), or a kanji and its
variant (富 read 冨 on crisp scans: the deck's 富山県, mhlw_ec/10's 富岡市). A name read by
OCR that matches a known name once these are taken as equal is that name (see
:func:`ocr_key`); one that matches two is left as read."""

_OCR_CLASS = {ch: min(group) for group in OCR_CONFUSIONS for ch in group}


def ocr_key(text: str) -> str:
    """``text`` with every OCR-confusable character replaced by its class's first one, so
    that ``東京工業大学`` and OCR's ``東京エ業大学`` have the same key."""
    return "".join(_OCR_CLASS.get(ch, ch) for ch in normalize_text(text))


def edits(a: str, b: str) -> int:
    """Levenshtein distance: characters inserted, deleted or replaced to make ``a`` ``b``
    (how far an OCR'd label or name is from the printed one)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def contains_near(text: str, word: str, most: int) -> bool:
    """Whether ``text`` holds ``word`` with at most ``most`` characters changed, added or
    left out (``地方大学-地域産業創生交付金`` holds ``地方大学・地域産業``)."""
    for size in range(len(word) - most, len(word) + most + 1):
        if any(edits(text[i : i + size], word) <= most for i in range(len(text) - size + 1)):
            return True
    return False


# --- rules: characters OCR reads as another, put right by their neighbours --------------
# Each takes a line as read (one character per glyph) and returns it with some characters
# replaced, never added or removed, so each glyph keeps its box. Applied to OCR'd text
# only: a text layer's characters are what was printed.

TIMES_MISREAD = "Xx✕╳>＞Ｘｘ"
"""What OCR reads a × as (a map's ``京都府×京都大学等``)."""
_TIMES_SIGN = re.compile(f"(?<=[{_KANA_KANJI}])[{TIMES_MISREAD}](?=[{_KANA_KANJI}])")


def read_times_sign(line: str) -> str:
    """A × misread as a Latin X or ``>`` standing alone between two Japanese characters
    (none of these is a letter of a Japanese name): ``京都府X京都大学等`` → ``京都府×京都大学等``."""
    return _TIMES_SIGN.sub("×", line)


WAVE_MISREAD = "<>＜＞てンこ"
"""What Tesseract's Japanese model reads a wave dash ～ as (MHLW's
``月～木 9:30～13:00`` came out ``月て木9:30<13:00``, ``9:00ン11:30``) ..."""
RANGE_MISREAD = WAVE_MISREAD + "一ー"
"""... and, between two things a range joins, a dash (``月一金``)."""
WEEKDAYS = "月火水木金土日祝"
_TIME = r"\d{1,2}[:.]\d\d"
_TIME_RANGE = re.compile(f"(?<=\\d[:.]\\d\\d)[{RANGE_MISREAD}](?={_TIME})")
_WRAPPED_RANGE = re.compile(f"(?<=\\d[:.]\\d\\d)[{WAVE_MISREAD}]$|^[{WAVE_MISREAD}](?={_TIME})")
"""A range wrapped at its ～: a misread mark ending a line after a time, or starting one
before a time (not 一/ー: at a line's end a dash may be just that)."""
_HOURS_AFTER_DAY = r"(?:曜日?)?[)）]?[:：]?\s?\d{1,2}[:.]?\d\d"
"""What follows the last day of a range of days: maybe 曜(日), a closing bracket and a
colon, then a time (its colon maybe lost: ``月て金曜日900-1230``, mhlw_ec/03 scanned)."""
_WEEKDAY_RANGE = re.compile(f"(?<=[{WEEKDAYS}])[{RANGE_MISREAD}](?=[{WEEKDAYS}]{_HOURS_AFTER_DAY})")
_FIRST_OF_MONTH = "月一日"
"""``毎月一日 9:00`` (the first of each month) is no range from Monday to Sunday."""


def read_range_tilde(line: str) -> str:
    """A ～ misread between two times (``9:30<13:00`` → ``9:30～13:00``) or between two
    weekdays before a time (``月一金9:00`` → ``月～金9:00``), or where a range is wrapped
    (``14:00>`` ending a line, ``ン19:00`` starting one)."""
    line = _WRAPPED_RANGE.sub("～", _TIME_RANGE.sub("～", line))

    def tilde(match: re.Match[str]) -> str:
        around = line[match.start() - 1 : match.end() + 1]
        return match.group() if around == _FIRST_OF_MONTH else "～"

    return _WEEKDAY_RANGE.sub(tilde, line)


_DIGIT_HYPHEN = re.compile(r"(?<=\d)[一ー―‐−](?=\d)")


def read_digit_hyphen(line: str) -> str:
    """A hyphen between two Arabic digits misread as 一 (kanji one) or ー (long vowel),
    which Japanese never writes between Arabic digits: ``488一1`` → ``488-1``."""
    return _DIGIT_HYPHEN.sub("-", line)


_NEXT_TIME = r"(?:(?!\d)|(?=\d{1,2}[:.]\d\d))"
"""After a time: no digit, or the next time (mhlw_ec/07 prints ``8:30-11:30 15:00-18:30``,
read without the space)."""
_DOT_BEFORE_RANGE = re.compile(f"(?<!\\d)(\\d{{1,2}})\\.(\\d\\d)(?=[～-]\\d{{1,2}}:\\d\\d{_NEXT_TIME})")
_DOT_AFTER_RANGE = re.compile(f"(?<=\\d:\\d\\d[～-])(\\d{{1,2}})\\.(\\d\\d){_NEXT_TIME}")
_DOT_AFTER_WEEKDAY = re.compile(f"(?<=[{WEEKDAYS}曜)）])\\.(?=\\d{{1,2}}:\\d\\d)")


def read_time_colon(line: str) -> str:
    """A colon misread as a full stop: a time's, in a range (``～`` or ``-``) whose other
    time has its colon (``8.30～12:00`` → ``8:30～12:00``, ``9:00-12.30`` → ``9:00-12:30``;
    ``1.25～2.50``, two decimals, stays); or the one after a weekday before its hours
    (mhlw_ec/10 prints ``土:9:00-12:30``, read ``土.9:00-12:30``; so too after 曜 or a
    bracket, mhlw_ec/05's ``金曜:9:00`` and ``土曜(第四以外):8:30``)."""
    line = _DOT_BEFORE_RANGE.sub(r"\1:\2", line)
    line = _DOT_AFTER_RANGE.sub(r"\1:\2", line)
    return _DOT_AFTER_WEEKDAY.sub(":", line)


_DOTTED_RANGE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d\d)([～-])(\d{1,2})\.(\d\d)(?![\d.])")
_COLON_TIME = re.compile(r"(?<!\d)\d{1,2}:\d\d(?!\d)")
_DAY_WORD = re.compile(f"(?:[{WEEKDAYS}]|平日|休日)$")


_DOT_BEFORE_WRAP = re.compile(r"(?<![\d.])(\d{1,2})\.(\d\d)(?=～$)")


def read_dotted_range(line: str) -> str:
    """Both colons of a time range misread as full stops, in a line that holds a time
    with its colon or right after a weekday or 平日: mhlw_ec/02's ``木・土8:30～11:30``
    read ``木・土8.30～11.30``, and ``平日8:30～11:30(外来で対応)`` read
    ``平日8.30～11.30(…)``. So too a time ending a line at its range's ～ (the range
    wrapped: ``9:00～12:00、14.30～`` over ``18:00``). Two decimals with no time around
    (``1.25～2.50``) stay."""

    def timed(match: re.Match[str]) -> bool:
        return bool(_COLON_TIME.search(line) or _DAY_WORD.search(line[: match.start()]))

    def range_colons(match: re.Match[str]) -> str:
        h1, m1, mark, h2, m2 = match.groups()
        return f"{h1}:{m1}{mark}{h2}:{m2}" if timed(match) else match.group()

    line = _DOTTED_RANGE.sub(range_colons, line)
    return _DOT_BEFORE_WRAP.sub(lambda m: f"{m[1]}:{m[2]}" if timed(m) else m.group(), line)


_BETWEEN_WEEKDAYS = re.compile(f"(?<=[{WEEKDAYS}])[:;](?=[{WEEKDAYS}])")


def read_weekday_dot(line: str) -> str:
    """A ・ between two weekdays misread as a colon (a colon follows a weekday only
    before hours, ``土:9:00``): mhlw_ec/02's ``水・土9:00～12:00`` read ``水:土9:00～12:00``."""
    return _BETWEEN_WEEKDAYS.sub("・", line)


_LOST_TILDE = re.compile(r"(?<=\d:\d\d)(?=\d{1,2}:\d\d(?!\d))")


def lost_range_marks(line: str) -> list[int]:
    """Where a ～ between two times was lost (positions in ``line``): the wave is read
    into the next digit's box, and two times stand together, ``14:0017:30`` (mhlw_ec/02
    prints ``14:00～17:30``). Only where that digit's box shows it (two times may stand
    apart with a space, which a line's characters do not hold): the caller checks the box
    and puts ``～`` before the character; a rule of :data:`OCR_READINGS` cannot, as it
    keeps one character a glyph."""
    return [m.start() for m in _LOST_TILDE.finditer(line)]


_COLON_PLACE = re.compile(
    f"(?<=[{WEEKDAYS}])(?=\\d{{1,2}}[:.]?\\d\\d)|(?<=http)(?<![A-Za-z]http)(?=//)|(?<=https)(?<![A-Za-z]https)(?=//)"
)


def colon_places(line: str) -> list[int]:
    """Where a colon OCR did not read may stand (positions in ``line``): between a weekday
    and its hours (mhlw_ec/10 prints ``月・火・木・金:9:00``, read ``…金9:00``; mhlw_ec/02
    prints ``土9:00`` with none), between ``http`` or ``https`` and ``//``
    (mhlw_ec/07's ``http://www.ohara-hp.or.jp`` read ``http//…``), and between the hour
    and the minutes of a time in a range written without one (mhlw_ec/03
    scanned soft: ``9:00-12:30、14:30-18:30`` read ``900-1230、1430-1830``; 05 prints
    ``830-1800`` so). Only the page can say whether one is there: the caller looks for its
    two dots in the gap."""
    out = {m.start() for m in _COLON_PLACE.finditer(line)}
    out |= {m.end() for m in _BARE_BEFORE_RANGE.finditer(line)}
    out |= {m.end() for m in _BARE_AFTER_RANGE.finditer(line)}
    return sorted(out)


_BARE_TIME = r"(?<!\d)(?<!\d[:.])(?:[01]?\d|2[0-4])(?=[0-5]\d(?![\d:年]))"
_RANGE_DASH = "\\-～~"
_BARE_BEFORE_RANGE = re.compile(
    f"{_BARE_TIME}(?=\\d\\d[{_RANGE_DASH}](?:\\d{{1,2}}:\\d\\d|\\d{{3,4}}(?![\\d年])))"
)
_BARE_AFTER_RANGE = re.compile(f"(?<=[{_RANGE_DASH}]){_BARE_TIME}")
_TIME_BEFORE_DASH = re.compile(f"(?<!\\d)(?:[01]?\\d|2[0-4])[:.]?[0-5]\\d[{_RANGE_DASH}]$")
_TIME_WITH_COLON = re.compile(r"\d:\d\d")


def lost_time_colons(line: str) -> list[int]:
    """Where a time of a range lost its colon (positions of its minutes): the hour and
    minutes of ``830-12:00``, in a line whose other times have theirs (mhlw_ec/05's
    ``8:30-12:00、13:30-16:00`` came out ``830-12:00、13:30-16:00``). A line with no
    colon at all is left: 05 prints ``830-1800`` so. A time is an hour to 24 and minutes
    to 59: a postcode's ``371-0025`` is none."""
    if not _TIME_WITH_COLON.search(line):
        return []
    out = {m.end() for m in _BARE_BEFORE_RANGE.finditer(line)}
    for m in _BARE_AFTER_RANGE.finditer(line):
        if _TIME_BEFORE_DASH.search(line[: m.start()]):
            out.add(m.end())
    return sorted(out)


_SCHEME_WITHOUT_COLON = re.compile(r"(?<![A-Za-z])https?(?=//)")


def lost_scheme_colons(line: str) -> list[int]:
    """Where a web address's scheme lost its colon (positions of the ``//`` after it):
    ``http//`` is no address, ``http://`` is (mhlw_ec/07 scanned soft read 13 of its 26
    links ``http//www.…`` with the Japanese model, one with the Latin model)."""
    return [m.end() for m in _SCHEME_WITHOUT_COLON.finditer(line)]


_ADDRESS_RUN = re.compile(r"[A-Za-z0-9./:~_@%?=&#\-]+")


def dot_places(line: str) -> list[int]:
    """Where a full stop OCR did not read may stand (positions in ``line``): between two
    Latin letters or digits of a web or mail address (mhlw_ec/10 rendered crisp:
    ``https://www.sato-hospital.gr.jp/`` read ``…hospitalgr.jp/``, ``utsugi.htm`` read
    ``utsugihtm``); and between two days of the week in a line that separates them by a
    full stop elsewhere (mhlw_ec/07 scanned soft: ``月.火.水.金`` read ``月火.水.金``, 10
    rows). Only the page can say whether one is there: the caller looks for its dot in
    the gap."""
    out: list[int] = []
    for run in _ADDRESS_RUN.finditer(line):
        if _ADDRESS.search(run.group()):
            out += [k for k in range(run.start() + 1, run.end()) if _alnum(line[k - 1]) and _alnum(line[k])]
    if _DOTTED_WEEKDAYS.search(line):
        out += [k for k in range(1, len(line)) if line[k - 1] in DAYS and line[k] in DAYS]
    return sorted(out)


DAYS = WEEKDAYS.replace("祝", "")
"""The seven days, one kanji each (not 祝: ``祝日`` is a word, not two days)."""
_DOTTED_WEEKDAYS = re.compile(f"[{DAYS}][.．][{DAYS}]")


_STRAY_STOP = re.compile(
    r"(?<=[、,.。:])\.(?!/)|(?<=[0-9\u3040-\u30ff\u3400-\u9fff])[.・|]$"
    r"|(?:(?<=/)|^)\.(?=[\u3040-\u30ff\u3400-\u9fff])"
)


def stray_stops(line: str) -> list[int]:
    """Where OCR read dust as a full stop or a middle dot (positions in ``line``): one
    right after another mark (``9:00-12:30,.14:00``, ``saito-ledies..jp``), or ending a
    line after a kana, kanji or digit (``有.``, ``0276-72-3140.``, ``クリニック・``;
    mhlw_ec scanned with dust, 14 rows; and a rule's sliver read ``|``, ``018-866-8352|``).
    None of the 17,795 cells of the MHLW lists
    (tabula's and the hand-made tables) has either: the three ending in ``.`` are
    addresses cut by a wrap, after a letter, and ``../`` in an address is a path, kept.
    So too a lone square bracket against a digit (a ``1``'s flag read apart: mhlw_ec/07
    scanned ``正法寺町186-]1``, ``9:00-12:00]``; 03 ``沢21[``): no Japanese list writes
    ``[``/``]`` by a number, and a citation's ``[9]`` has both. One ending a line after a
    hyphen is the ``1`` itself (:func:`read_bracket_one`). A hyphen read twice between
    digits (:data:`_DOUBLE_DASH`). And a full stop between an
    address's last ``/`` and Japanese text (03: ``yoshidaiin.com/.ホームページ変更予定``),
    or starting a line of Japanese text (the same cell when the address is a line of its
    own: Japanese sets no stop at a line's head, 行頭禁則)."""
    out = [m.start() for m in _STRAY_STOP.finditer(line)]
    out += [m.start() for m in _DOUBLE_DASH.finditer(line)]
    if line.count("[") + line.count("]") == 1:
        out += [
            m.start() for m in _LONE_BRACKET.finditer(line) if not _BRACKET_ONE.match(line, m.start() - 1)
        ]
    return sorted(out)


_DOUBLE_DASH = re.compile(r"(?<=\d[-ー－‐―一−])[-ー－‐―一−](?=\d)")
"""A hyphen between two digits read twice: the second of two dashes (mhlw_ec/10 scanned
soft: ``紅雲町1-7-13`` read ``1-ー7-13``; no text layer in ../shared has two dashes
between digits)."""
_LONE_BRACKET = re.compile(r"(?<=\d)[\[\]]|[\[\]](?=\d)|(?<=-)[\[\]]")
_BRACKET_ONE = re.compile(r"-[\[\]]$")


_DAGGER_ONE = re.compile(r"(?<=[\d:\-～~])†(?=\d)|(?<=\d)†(?=[\d:])")


def read_dagger_one(line: str) -> str:
    """A ``1`` read as a dagger ``†`` (its foot lost) against digits, a time's colon or a
    range's dash (mhlw_ec/03 scanned: ``9:00-18:00`` read ``9:00-†8:00``): no list sets a
    dagger in a number."""
    return _DAGGER_ONE.sub("1", line)


def read_bracket_one(line: str) -> str:
    """A ``1`` read as a square bracket at the end of an address's number (mhlw_ec/02
    scanned: ``桐生市相生町一丁目141-1`` read ``141-]``)."""
    if line.count("[") + line.count("]") != 1:
        return line
    return _BRACKET_ONE.sub("-1", line)


def _alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


_DOT_BETWEEN_TIMES = re.compile(r"(?<=\d:\d\d)\.(?=\d{1,2}:\d\d)")


def read_time_comma(line: str) -> str:
    """A comma between two times misread as a full stop (no number is written
    ``12:30.15``): mhlw_ec/10 prints ``9:00-12:30,15:00-18:00``, read
    ``9:00-12:30.15:00-18:00``."""
    return _DOT_BETWEEN_TIMES.sub(",", line)


_URL_SCHEME = re.compile(r"(?<![A-Za-z])(https?)[.;,\-](?=//)")


def read_url_colon(line: str) -> str:
    """A web address's colon misread as a full stop or a hyphen: ``https.//efclinic.com``
    → ``https://efclinic.com``, ``https-//www.kensei-hp.jp`` → ``https://www.kensei-hp.jp``."""
    return _URL_SCHEME.sub(r"\1:", line)


_NOT_IN_ADDRESS = re.compile(r"(?<=[A-Za-z0-9./@_\-])[|」](?=[A-Za-z0-9./@_\-])|(?<=[A-Za-z.])\|$")
_DASH_IN_ADDRESS = re.compile(r"(?<=[A-Za-z])[—―‐－ー一](?=[A-Za-z])")
"""A hyphen between two letters of an address read as a long dash (07 scanned:
``keiai—kai``; 02 ``soujinkai—kousei``): an address holds only ``-``."""
_ADDRESS = re.compile(r"https?[:.;,\-]//|www\.|@|^[A-Za-z0-9./:~_|」\-]*[A-Za-z]{2}\.[A-Za-z0-9./:~_|」\-]+$")
"""A line holding a web or mail address, or one that is a piece of an address alone
(a cell's address wrapped: ``index.htm|`` under ``http://…/pc/``)."""
_ADDRESS_LETTER = {"|": "l", "」": "j"}


def read_address_letters(line: str) -> str:
    """Two characters no web or mail address holds, read for its letters, in a line
    holding an address (:data:`_ADDRESS`): ``|`` for ``l``
    (``katoh-|c@muse.ocn.ne.jp``, ``index.htm|``) and ``」`` for ``j``
    (``elm-」-clinic.com``; the Japanese model's reading of a ``j``). A ``|`` may also
    have been an ``i`` (``www.|sshoudou…``): ``l`` is the likelier and no worse. And
    ``Www.`` is ``www.`` (:data:`_CAPITAL_WWW`), a long dash between its letters is
    ``-`` (:data:`_DASH_IN_ADDRESS`), and a host is written small, its ``I`` an ``l``
    (:data:`_HOST`). ``|`` after ``_`` too (10: ``matsui_|ady``)."""
    if not _ADDRESS.search(line):
        return line
    line = _CAPITAL_WWW.sub("www.", _NOT_IN_ADDRESS.sub(lambda m: _ADDRESS_LETTER[m.group()], line))
    line = _DASH_IN_ADDRESS.sub("-", line)
    return _HOST.sub(lambda m: m.group(1) + m.group(2).replace("I", "l").lower(), line)


_HOST = re.compile(r"((?:https?://|www\.|@))([A-Za-z0-9.\-]+)")
"""A web or mail address's host: case means nothing in it, and no list prints one with a
capital (none of ../shared's text layers). OCR reads a small ``k`` as ``K`` and an ``l``
as ``I`` (mhlw_ec/05 scanned: ``kaori-Ic.com``; 02 ``www.K-medical.jp``)."""


_CAPITAL_WWW = re.compile(r"(?<![A-Za-z])Www\.")
"""``www.`` whose first ``w`` OCR read as a capital (mhlw_ec/03 scanned crisp:
``http://Www.yu-ai.net/``): no list prints a host so."""


_SCHEME_H = re.compile(r"(?<![A-Za-z])n(?=ttps?[:.;,\-]//)")
_SCHEME_P = re.compile(r"(?<![A-Za-z])(?:[hn]tt)o(?=s?[:.;,\-]//)")


def read_url_scheme(line: str) -> str:
    """The ``h`` of ``http`` read as ``n`` (its ascender lost): ``nttps.//www.k-medical.jp``
    → ``https.//…`` (then :func:`read_url_colon`); its ``p`` read as ``o`` (its tail
    lost with a link's underline, :func:`ckextract.extract.scan.without_underlines`:
    ``htto://www.mominoki-cl.jp``). No scheme is spelt ``htto``."""
    return _SCHEME_H.sub("h", _SCHEME_P.sub(lambda m: m.group(0)[:-1] + "p", line))


_HOST_END_JP = re.compile(r"(?:^|//|www\.|@)[A-Za-z0-9.\-]*[A-Za-z0-9]((?<!\.)[jJ])p(?=/|$)")


def lost_domain_dots(line: str) -> list[int]:
    """Where the dot before an address's ``jp`` was lost (positions of its ``j``): the
    Japanese model drops it, ``https://www.kitaakita-hp.jp/`` read ``…kitaakita-hpjp/``
    (mhlw_ec/05, 14 cells). No host's last label ends in ``jp`` (the label would be the
    top-level domain). The caller puts ``.`` before the ``j``; a rule of
    :data:`OCR_READINGS` cannot, as it keeps one character a glyph."""
    if not _ADDRESS.search(line):
        return []
    return [m.start(1) for m in _HOST_END_JP.finditer(line)]


_JP_CAPITAL = re.compile(r"(?<=[A-Za-z0-9.\-])J(?=p(?:/|$))")


def read_jp_small(line: str) -> str:
    """The ``j`` of an address's ending ``jp`` read as a capital (``www.shimizu-acJp/``,
    mhlw_ec/05), in a line holding an address: addresses are written small."""
    return _JP_CAPITAL.sub("j", line) if _ADDRESS.search(line) else line


JP_MISREAD = "|lI1i」"
"""What OCR reads the ``j`` of a ``.jp`` address as (no top-level domain is spelt
``.lp``, ``.ip`` or ``.1p``: the only one these could be is ``.jp``)."""
_JP_DOMAIN = re.compile(f"(?<=[A-Za-z0-9]\\.)[{re.escape(JP_MISREAD)}](?=p(?:/|$))")


def read_jp_domain(line: str) -> str:
    """The ``j`` of a Japanese address's ``.jp`` misread, where the address ends or its
    path begins: ``www.tomabechi-ladys.|p/`` → ``www.tomabechi-ladys.jp/``."""
    return _JP_DOMAIN.sub("j", line)


DOMAIN_LABELS = ("jp", "com", "net", "org", "or", "ne", "go", "ac", "co", "lg", "ed")
"""The last labels of Japanese web and mail addresses (``.or.jp``, ``.go.jp``, ``.com``)."""
_COMMA_IN_DOMAIN = re.compile(f"(?<=[A-Za-z0-9]),(?=(?:{'|'.join(DOMAIN_LABELS)})(?:[./]|$))")


def read_domain_dot(line: str) -> str:
    """A web address's full stop read as a comma before its last labels (the ``j`` of
    ``.jp`` curls under the dot: mhlw_ec/05's ``https://www.okmc.jp/`` read
    ``https://www.okmc,jp/``); no address holds a comma there."""
    return _COMMA_IN_DOMAIN.sub(".", line)


_DAY_BEFORE = re.compile(f"(?:[{DAYS}]{{2}}|[{DAYS}]曜日?|祝日|平日|休日)$")
"""Days of the week or a day's word before a full stop: ``月火.水`` (a dot lost),
``木曜.土曜``, ``祝日.水曜`` (mhlw_ec/03 and 07 print a full stop between them)."""
_LOW_DOT = re.compile(f"(?<=[{_KANA_KANJI}]([{_KANA_KANJI}]))[.．](?=([{_KANA_KANJI}A-Za-z]))")
_KATAKANA = re.compile(f"[{_KATAKANA_RANGE}]")


def read_ideographic_comma(line: str) -> str:
    """A 、 read as a full stop after a word of two or more Japanese characters: a Mincho
    、 is a dot low in its box (``広島大学.県立広島大学`` → ``広島大学、県立広島大学``). A
    full stop is printed between single characters (MHLW's weekdays ``月.火.水.金``),
    after two days of the week whose own full stop OCR lost (``月火.水``: it is put back
    from the page, :func:`dot_places`) and inside a katakana name (``エフ.クリニック``):
    all kept. A 。 in mid-line read so becomes 、 too, the lesser harm: a list of names
    would otherwise not split."""

    def comma(match: re.Match[str]) -> str:
        in_a_name = _KATAKANA.match(match.group(1)) and _KATAKANA.match(match.group(2))
        before = line[max(0, match.start() - 3) : match.start()]
        days = _DAY_BEFORE.search(before) is not None and match.group(2) in DAYS + "祝平休"
        return match.group() if in_a_name or days else "、"

    return _LOW_DOT.sub(comma, line)


_POSTCODE_MARK = re.compile(r"(?<![A-Za-z0-9])[T丁干](?=\s?\d{3}-\d{4}(?!\d))")


def read_postcode_mark(line: str) -> str:
    """The postal mark 〒 read as ``T``, ``丁`` or ``干`` before a postcode: mhlw_ec/05
    prints ``〒013-8602``, read ``T013-8602``."""
    return _POSTCODE_MARK.sub("〒", line)


_ERA_DATE = re.compile(r"(?<![A-Za-z])[MTSHR]\d{1,2}([.:;,])\d{1,2}([.:;,])\d{1,2}(?!\d)")
"""A date after an era's initial (明治 M, 大正 T, 昭和 S, 平成 H, 令和 R): ``H29.9.13``."""


def read_era_date_dot(line: str) -> str:
    """A date's full stop read as a colon, semicolon or comma in a date after an era's
    initial, which no time follows: mhlw_labor prints ``H29.12.12送検``, scanned and read
    ``H29.12:12送検``. Only where the date's other stop is read as one."""

    def dots(match: re.Match[str]) -> str:
        if "." not in match.group(1, 2):
            return match.group()
        return match.group().replace(":", ".").replace(";", ".").replace(",", ".")

    return _ERA_DATE.sub(dots, line)


DAY_MISREAD = "曰目白晶昌旦田"
"""What OCR reads the 日 of a date as: kanji of its strokes, or of two or three of it (昌, 晶)."""
_DATE_DAY = re.compile(f"(?<=\\d月)(\\d{{1,2}})[{DAY_MISREAD}]")


def read_date_day(line: str) -> str:
    """A date's 日 read as a kanji of the same strokes after its month and day: mhlw_labor
    prints ``最終更新日：平成29年5月15日``, scanned and read ``5月15晶`` on every heading of
    a page. Every ``<month>月<day>`` in the text layers of ../shared is followed by 日."""
    return _DATE_DAY.sub(lambda m: m.group(1) + "日", line)


_LONE_MAI = re.compile(r"^舞(?=$|[(（])")


def read_lone_nothing(line: str) -> str:
    """``無`` ("none", a list's answer) read as ``舞``, the same shape with a stroke more,
    where it stands alone or before its bracketed note: no list answers 舞 (mhlw_ec/02
    scanned: two of its 在庫の有無 cells; 05 prints ``無(院外薬局対応)``)."""
    return _LONE_MAI.sub("無", line)


_DOT_IN_A_CHAIN = re.compile(
    f"(?<=[{DAYS}]・[{DAYS}])[.\\-一ー](?=[{DAYS}]・)|(?<=第\\d)[.\\-](?=\\d・)|(?<=第\\d・\\d)[.\\-](?=\\d)"
)


def read_chain_dot(line: str) -> str:
    """A middle dot read as a full stop or a dash inside a chain the line joins by middle
    dots: days (mhlw_ec/10 scanned: ``月・火・水・金`` read ``月・火-水・金``) or the
    numbers after 第 (03: ``土曜(第1・3・5)`` read ``第1.3・5``). The dot's neighbours
    are joined by ・ on the other side, so it is a list, not a range or a decimal."""
    return _DOT_IN_A_CHAIN.sub("・", line)


PLACE_KANA = "ツケヶノ"
"""Kana a place's name holds between kanji (八ツ口, 関ケ原, 霞ヶ関, 堂ノ沢)."""
_KANJI_MOUTH = re.compile(f"(?:(?<=[{_KANJI}])|(?<=[{_KANJI}][{PLACE_KANA}]))ロ(?![{_KATAKANA_RANGE}])")


def read_kanji_mouth(line: str) -> str:
    """The kanji 口 read as the katakana ロ (the same square) where no katakana word is:
    after a kanji (or a kanji and a place-name kana) and before no katakana. A lone ロ is
    no word; 山口, 川口, 八ツ口 are (mhlw_ec/05 scanned: 前郷字八ツ口 read 八ツロ). Before
    katakana it is left: ``新ロゴ`` is a word, and ``関口レディース`` read ``関ロレディース``
    cannot be told from one."""
    return _KANJI_MOUTH.sub("口", line)


OCR_READINGS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("range_tilde", read_range_tilde),
    ("times_sign", read_times_sign),
    ("digit_hyphen", read_digit_hyphen),
    ("dotted_range", read_dotted_range),
    ("time_colon", read_time_colon),
    ("weekday_dot", read_weekday_dot),
    ("time_comma", read_time_comma),
    ("url_scheme", read_url_scheme),
    ("url_colon", read_url_colon),
    ("jp_domain", read_jp_domain),
    ("domain_dot", read_domain_dot),
    ("address_letters", read_address_letters),
    ("jp_small", read_jp_small),
    ("ideographic_comma", read_ideographic_comma),
    ("lone_nothing", read_lone_nothing),
    ("kanji_mouth", read_kanji_mouth),
    ("chain_dot", read_chain_dot),
    ("bracket_one", read_bracket_one),
    ("dagger_one", read_dagger_one),
    ("postcode_mark", read_postcode_mark),
    ("era_date_dot", read_era_date_dot),
    ("date_day", read_date_day),
)
"""In this order: a ``>`` between two weekdays is a range before it is a ×."""


def ocr_reread(line: str) -> str:
    """``line`` as OCR read it, with every rule of :data:`OCR_READINGS` applied."""
    for _name, rule in OCR_READINGS:
        line = rule(line)
    return line
