"""The programs (funding schemes, surveys) a network belongs to, and how headers name them."""

from __future__ import annotations

from dataclasses import dataclass

from ckextract.textrules import contains_near, normalize_text


@dataclass(frozen=True, slots=True)
class Program:
    program_id: str
    name_ja: str
    ministry_ja: str
    keywords: tuple[str, ...]
    """Any of these in a (normalized) header or legend label names this program."""
    short_ja: str | None = None
    """A shorter name for pictures (the region graph); ``name_ja`` when None."""

    @property
    def label(self) -> str:
        """Display label, e.g. ``COI（文部科学省）``."""
        return f"{self.short_ja or self.name_ja}（{self.ministry_ja}）"


PROGRAMS: tuple[Program, ...] = (
    Program(
        "chihou_daigaku",
        "地方大学・地域産業創生交付金",
        "内閣府",
        ("地方大学・地域産業創生交付金", "地方大学・地域産業創生", "地方大学・地域産業"),
    ),
    Program(
        "kyoso_no_ba",
        "共創の場形成支援プログラム",
        "文部科学省",
        ("共創の場形成支援", "共創の場", "COI-NEXT"),
    ),
    Program(
        "coi",
        "センター・オブ・イノベーション",
        "文部科学省",
        ("センター・オブ・イノベーション", "COI"),
        short_ja="COI",
    ),
    Program(
        "mic_survey",
        "産学官連携の推進体制等に係る調査",
        "総務省",
        ("推進体制等に係る調査", "産学官連携」の推進体制", "産学官連携の推進体制"),
        short_ja="産学官連携推進体制調査",
    ),
)
PROGRAM_IDS = frozenset(p.program_id for p in PROGRAMS)


def program_label(program_id: str) -> str:
    """A program's display label, or the id itself for one ckextract does not know."""
    return next((p.label for p in PROGRAMS if p.program_id == program_id), program_id)


OCR_KEYWORD_EDITS = 1
"""A program's keyword read by OCR may have this many characters wrong
(``地方大学-地域産業``: the ・ read as a dash)..."""
MIN_OCR_KEYWORD = 5
"""...when it is at least this long (``COI`` with one glyph wrong is anything)."""


def match_program(text: str | None, ocr: bool = False) -> Program | None:
    """The program a header names, e.g. ``共創の場形成支援プログラム（文部科学省）`` → kyoso_no_ba;
    with ``ocr`` (text read by OCR) also one whose keyword it holds with a character
    wrong (:data:`OCR_KEYWORD_EDITS`).

    Checked in order, so ``COI-NEXT`` is 共創の場 before plain ``COI`` is COI.
    """
    if not text:
        return None
    value = normalize_text(text)
    for program in PROGRAMS:
        if any(k in value for k in program.keywords):
            return program
    if not ocr:
        return None
    for program in PROGRAMS:
        if any(
            len(k) >= MIN_OCR_KEYWORD and contains_near(value, k, OCR_KEYWORD_EDITS) for k in program.keywords
        ):
            return program
    return None
