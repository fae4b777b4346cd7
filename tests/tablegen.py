"""Tables that draw nothing, and pages that hold no table, in any arrangement (reportlab).

:func:`table_pdf` draws a random :class:`Spec`: a table whose columns are white space only
(``whitespace``), typewriter style with rules typed as ``-----``/``=====`` and dot leaders
(``typewriter``), with group headers centred over column groups (``spanning``), or with
labels wrapped onto a second line (``multiline``); Latin or Japanese; turned by 90° or 270°
(text drawn turned) or by the page's ``/Rotate``; with prose above and below. It returns
the PDF and the rows the page shows. :func:`negative_pdf` draws pages that must yield no
table: two columns of prose, a numbered list, a table of contents, a chart's axis labels.
``tests/test_aligned_tables.py`` draws many and expects the rows back (or nothing).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

Kind = Literal["whitespace", "typewriter", "spanning", "multiline"]
Turn = Literal[0, 90, 270, "rotate"]
JA_FONT = "HeiseiKakuGo-W5"
LATIN_LABELS = [
    "Agriculture", "Mining", "Manufacturing", "Construction", "Utilities", "Retail trade",
    "Transport", "Information", "Finance", "Real estate", "Education", "Health care",
    "Arts", "Hotels", "Public administration", "Other services", "Wholesale", "Fishing",
]  # fmt: skip
JA_LABELS = [
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
    "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
]  # fmt: skip
LATIN_WRAPS = ["services and support", "and related activities", "excluding households"]
JA_WRAPS = ["（広域連携を含む）", "及び関連事業", "（速報値）"]
PROSE = (
    "The figures below are provisional and may be revised when the final survey results "
    "are published next year; totals may not add up because of rounding in the source."
)
JA_PROSE = "以下の数値は速報値であり、確定値の公表時に改定されることがあります。合計は四捨五入のため一致しない場合があります。"


@dataclass(frozen=True)
class Spec:
    kind: Kind
    japanese: bool
    turn: Turn
    n_cols: int
    n_rows: int
    size: float
    seed: int


def random_spec(rng: random.Random, seed: int) -> Spec:
    return Spec(
        kind=rng.choice(["whitespace", "typewriter", "spanning", "multiline"]),
        japanese=rng.random() < 0.4,
        turn=rng.choice([0, 0, 0, 90, 270, "rotate"]),
        n_cols=rng.randint(3, 6),
        n_rows=rng.randint(4, 12),
        size=rng.choice([8.0, 9.0, 10.0]),
        seed=seed,
    )


def _figure(rng: random.Random) -> str:
    value = rng.uniform(0, 9999)
    style = rng.choice(["int", "dec", "pct"])
    if style == "int":
        return f"{int(value):,}"
    if style == "dec":
        return f"{value:,.1f}"
    return f"{value / 100:.2f}%"


def _font(spec: Spec) -> str:
    if spec.japanese:
        pdfmetrics.registerFont(UnicodeCIDFont(JA_FONT))
        return JA_FONT
    return "Courier" if spec.kind == "typewriter" else "Helvetica"


def table_rows(spec: Spec) -> tuple[list[str], list[list[str]], list[tuple[str, int, int]]]:
    """Header, body rows (label + figures) and group headers (text, first col, last col)."""
    rng = random.Random(spec.seed)
    labels = JA_LABELS if spec.japanese else LATIN_LABELS
    years = rng.sample(range(2001, 2030), spec.n_cols - 1)
    header = ["区分" if spec.japanese else "Item", *(f"{y}" for y in sorted(years))]
    body = [
        [label, *(_figure(rng) for _ in range(spec.n_cols - 1))] for label in rng.sample(labels, spec.n_rows)
    ]
    groups: list[tuple[str, int, int]] = []
    names = ("実績", "見込み") if spec.japanese else ("Actual", "Projected")
    if spec.kind == "spanning" and spec.n_cols >= 5:  # two groups of two columns or more
        half = 1 + (spec.n_cols - 1) // 2
        groups = [(names[0], 1, half - 1), (names[1], half, spec.n_cols - 1)]
    elif spec.kind == "spanning":
        groups = [(names[1], 1, spec.n_cols - 1)]
    return header, body, groups


def table_pdf(spec: Spec) -> tuple[bytes, list[list[str]]]:
    """The PDF of ``spec`` and the rows it shows (header first; wrapped labels joined)."""
    rng = random.Random(spec.seed * 7 + 1)
    header, body, groups = table_rows(spec)
    font = _font(spec)
    size = spec.size
    width = pdfmetrics.stringWidth
    wraps = JA_WRAPS if spec.japanese else LATIN_WRAPS
    label_w = max(width(t, font, size) for t in [header[0], *(r[0] for r in body), *wraps]) + 2 * size
    col_w = max(width(v, font, size) for r in [header, *body] for v in r[1:]) + rng.uniform(1.5, 3.0) * size
    table_w = label_w + col_w * (spec.n_cols - 1)
    pitch = size * rng.uniform(1.3, 1.6)
    wrapped = {
        i: rng.choice(wraps) for i in range(len(body)) if spec.kind == "multiline" and rng.random() < 0.4
    }
    page_w, page_h = A4
    turned = spec.turn in (90, 270, "rotate")
    frame_w, frame_h = (page_h, page_w) if turned else (page_w, page_h)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    if spec.turn == "rotate":  # a landscape page stored portrait, turned upright by /Rotate 90
        canvas.setPageRotation(90)
    canvas.saveState()
    if spec.turn in (90, "rotate"):
        canvas.translate(page_w, 0)
        canvas.rotate(90)
    elif spec.turn == 270:
        canvas.translate(0, page_h)
        canvas.rotate(-90)
    x0 = rng.uniform(40, max(41, frame_w - table_w - 40))
    y = frame_h - rng.uniform(60, 120)
    canvas.setFont(font, size)
    prose = JA_PROSE if spec.japanese else PROSE
    canvas.drawString(40, y, prose[: int((frame_w - 80) / (size * (1.0 if spec.japanese else 0.5)))])
    y -= 3 * pitch

    def right(text: str, col: int, at: float) -> None:
        canvas.drawRightString(x0 + label_w + col_w * col, at, text)

    rows_out: list[list[str]] = []
    if groups:
        for text, first, last in groups:
            middle = x0 + label_w + col_w * (first - 1) + col_w * (last - first + 1) / 2 - size / 2
            canvas.drawCentredString(middle, y, text)
        rows_out.append(["", *[g for g, first, last in groups for g in [g] + [""] * (last - first)]])
        y -= pitch
    if spec.kind == "typewriter":
        canvas.drawString(x0, y, "=" * int(table_w / width("=", font, size)))
        y -= pitch
    canvas.drawString(x0, y, header[0])
    for k, text in enumerate(header[1:], start=1):
        right(text, k, y)
    rows_out.append(header)
    y -= pitch
    if spec.kind == "typewriter":
        canvas.drawString(x0, y, "-" * int(table_w / width("-", font, size)))
        y -= pitch
    for i, row in enumerate(body):
        label = row[0]
        if spec.kind == "typewriter":
            dots = int((label_w - width(label, font, size) - size) / width(".", font, size))
            label_shown = label + " " + "." * max(dots, 4) if dots >= 4 else label
            canvas.drawString(x0, y, label_shown)
        else:
            canvas.drawString(x0, y, label)
        for k, text in enumerate(row[1:], start=1):
            right(text, k, y)
        if i in wrapped:
            y -= size * 1.15
            canvas.drawString(x0 + size, y, wrapped[i])
            label = label + (" " if not spec.japanese else "") + wrapped[i]
        rows_out.append([label, *row[1:]])
        y -= pitch * (1.5 if spec.kind == "multiline" else 1.0)
    if spec.kind == "typewriter":
        canvas.drawString(x0, y, "=" * int(table_w / width("=", font, size)))
        y -= pitch
    y -= 2 * pitch
    canvas.drawString(40, y, prose[: int((frame_w - 80) / (size * (1.0 if spec.japanese else 0.5)))])
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return buf.getvalue(), rows_out


Negative = Literal["prose_columns", "numbered_list", "contents", "chart_axis"]
NEGATIVES: tuple[Negative, ...] = ("prose_columns", "numbered_list", "contents", "chart_axis")
WORDS = [
    "the",
    "survey",
    "covers",
    "every",
    "prefecture",
    "and",
    "reports",
    "results",
    "by",
    "sector",
    "and",
    "by",
    "size",
    "of",
    "firm",
    "where",
    "the",
    "sample",
    "allows",
    "while",
    "estimates",
    "for",
    "small",
    "areas",
    "are",
    "withheld",
    "when",
    "they",
    "would",
    "identify",
    "a",
    "respondent",
    "or",
    "when",
    "the",
    "standard",
    "error",
    "exceeds",
    "the",
    "published",
    "threshold",
]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def negative_pdf(kind: Negative, seed: int, japanese: bool = False) -> bytes:
    """A page that holds no table (``kind``), drawn at random from ``seed``."""
    rng = random.Random(seed)
    font = JA_FONT if japanese else "Helvetica"
    if japanese:
        pdfmetrics.registerFont(UnicodeCIDFont(JA_FONT))
    size = rng.choice([9.0, 10.0, 11.0])
    pitch = size * 1.4
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    page_w, page_h = A4
    canvas.setFont(font, size)
    y = page_h - 72
    if kind == "prose_columns":
        gutter = rng.uniform(14, 30)
        col_w = (page_w - 144 - gutter) / 2
        for col in range(2):
            yy = y
            for _ in range(rng.randint(25, 40)):
                words: list[str] = []
                while pdfmetrics.stringWidth(" ".join([*words, "survey"]), font, size) < col_w:
                    words.append(rng.choice(WORDS))
                canvas.drawString(72 + col * (col_w + gutter), yy, " ".join(words))
                yy -= pitch
    elif kind == "numbered_list":
        for i in range(1, rng.randint(6, 14)):
            canvas.drawString(72, y, f"{i}.")
            canvas.drawString(72 + 3 * size, y, _sentence(rng, rng.randint(6, 11)))
            y -= pitch * rng.choice([1.0, 1.0, 1.6])
    elif kind == "contents":
        page = rng.randint(1, 5)
        for i in range(1, rng.randint(8, 16)):
            title = f"{i} " + _sentence(rng, rng.randint(2, 5)).capitalize()
            canvas.drawString(72, y, title)
            dots_from = 72 + pdfmetrics.stringWidth(title, font, size) + size
            n = int((page_w - 110 - dots_from) / pdfmetrics.stringWidth(". ", font, size))
            canvas.drawString(dots_from, y, ". " * n)
            canvas.drawRightString(page_w - 72, y, str(page))
            page += rng.randint(1, 12)
            y -= pitch
    else:  # chart_axis: a bar chart with its y-axis labels, x-axis labels and a legend
        left, bottom, height = 110.0, 300.0, 300.0
        n = rng.randint(4, 8)
        for k in range(6):
            canvas.drawRightString(left - 6, bottom + k * height / 5 - size / 3, f"{k * 20}")
            canvas.line(left, bottom + k * height / 5, left + n * 50, bottom + k * height / 5)
        for i in range(n):
            bar = rng.uniform(0.1, 1.0) * height
            canvas.rect(left + i * 50 + 10, bottom, 25, bar, fill=1)
            canvas.drawCentredString(left + i * 50 + 22, bottom - 2 * size, f"{2015 + i}")
        for j, name in enumerate(("Exports", "Imports", "Balance")[: rng.randint(2, 3)]):
            canvas.rect(left + j * 100, bottom - 5 * size, size, size, fill=1)
            canvas.drawString(left + j * 100 + 1.5 * size, bottom - 5 * size, name)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()
