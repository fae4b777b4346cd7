"""Hostile inputs for the limit and escaping tests (committed under tests/fixtures/hostile/).

Each file reproduces one attack from issue 15; all are tiny on disk:

- ``grid_300.pdf``: one page, a 300×300 ruled grid (about 90,000 crossings; pdfplumber's
  own cell search takes minutes on it).
- ``grid_1000_after_table.pdf``: page 1 a small ruled table, page 2 a 1000×1000 grid
  (a million crossings: over the limit; page 2 is skipped by name, page 1 is read).
- ``comb_120.pdf``: one page of rules and stubs on which the cell search would examine
  860,000 point pairs and find no cell (over the work budget: skipped by name).
- ``many_shapes.pdf``: 400,000 line segments in a 30 KB file (skipped before parsing).
- ``content_flood.pdf``: 10 MB of numbers in a 10 KB file (skipped before parsing).
- ``form_drawn_1000_times.pdf``: a form of 100 segments drawn 1,000 times: 100,000 shapes
  from 10 KB of content (counted as drawn: skipped before parsing).
- ``million_glyphs.pdf``: one page declaring a million glyphs in a few KB (2 GB to parse).
- ``script_names.pdf``: a network table whose member names are HTML/script payloads.

    python tools/make_hostile.py
"""

from __future__ import annotations

import sys
import zlib
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "hostile"
sys.path.insert(0, str(ROOT))

from deck_content import HIROSHIMA, KOCHI, TOKUSHIMA, SourceCell  # noqa: E402
from make_variants import Style, render  # noqa: E402

from tests.pdfbytes import HELVETICA, build, stream  # noqa: E402

PAYLOADS = ("<img src=x onerror=alert(1)>", "<svg/onload=alert(2)>", "'\"><body onload=alert(3)>")
"""Names a PDF may print: each must reach every HTML page as text, never as markup."""


def _pdf(contents: list[bytes]) -> bytes:
    """Pages with the given content streams (compressed), Helvetica as /F1."""
    n = len(contents)
    font = 3 + 2 * n
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n)]
    for i, content in enumerate(contents):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (PAGE, PAGE, 4 + 2 * i, font)
        )
        objects.append(stream(zlib.compress(content, 9), b"/Filter /FlateDecode"))
    objects.append(HELVETICA)
    return build(objects)


PAGE = 14_400
"""The largest page the PDF format allows (200 inches): room for 1000 cells of 12 pt."""
STEP = 12.0
"""A grid cell's side: wider than every snapping tolerance, so no line merges with the next."""


def grid(n: int, x0: float = 20, y0: float = PAGE - 20) -> bytes:
    """An n×n ruled grid as n+1 horizontal and n+1 vertical lines, a digit in every tenth
    row's first cell (a page with text: its tables are searched)."""
    step, size = STEP, STEP * n
    ops = [b"0.1 w"]
    for i in range(0, n, 10):
        ops.append(b"BT /F1 8 Tf %.2f %.2f Td (%d) Tj ET" % (x0 + 2, y0 - i * step - 9, i % 10))
    for i in range(n + 1):
        y = y0 - i * step
        ops.append(b"%.2f %.2f m %.2f %.2f l S" % (x0, y, x0 + size, y))
        x = x0 + i * step
        ops.append(b"%.2f %.2f m %.2f %.2f l S" % (x, y0, x, y0 - size))
    return b"\n".join(ops)


def comb(n: int, x0: float = 20, y0: float = PAGE - 20) -> bytes:
    """The worst case of the cell search: n full-width rules crossing one long vertical,
    each with n short stubs crossing it alone. From every crossing on the vertical, each
    point below × each stub to the right is a candidate corner and none closes a cell
    (about n³/2 pairs: pdfplumber never finishes n = 300)."""
    step, size = STEP, STEP * (n + 1)
    ops = [b"0.1 w", b"BT /F1 8 Tf %.2f %.2f Td (comb) Tj ET" % (x0 + 2, y0 + 4)]
    ops.append(b"%.2f %.2f m %.2f %.2f l S" % (x0, y0, x0, y0 - size))
    for i in range(n):
        y = y0 - (i + 1) * step
        ops.append(b"%.2f %.2f m %.2f %.2f l S" % (x0, y, x0 + size, y))
        for j in range(n):
            x = x0 + (j + 1) * step
            ops.append(b"%.2f %.2f m %.2f %.2f l S" % (x, y + step / 4, x, y - step / 4))
    return b"\n".join(ops)


def small_table() -> bytes:
    cells = (("Region", "Members"), ("Hiroshima", "Mazda"))
    ops = [b"0.5 w"]
    x0, y0, w, h = 72, PAGE - 100, 150, 24
    for r in range(3):
        ops.append(b"%d %d m %d %d l S" % (x0, y0 - r * h, x0 + 2 * w, y0 - r * h))
    for c in range(3):
        ops.append(b"%d %d m %d %d l S" % (x0 + c * w, y0, x0 + c * w, y0 - 2 * h))
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            ops.append(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (x0 + c * w + 4, y0 - r * h - 16, text.encode()))
    return b"\n".join(ops)


def many_shapes() -> bytes:
    return b"0.1 w\n" + b"0 0 m 9 9 l S\n" * 400_000


def form_drawn(times: int) -> bytes:
    """One page drawing one form ``times`` times; the form draws 100 segments."""
    form = b"".join(b"%d 0 m %d 9 l S\n" % (i, i) for i in range(100))
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R "
            b"/Resources << /XObject << /Fm1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
            stream(
                zlib.compress(b"BT /F1 9 Tf 10 10 Td (form) Tj ET\n" + b"/Fm1 Do\n" * times, 9),
                b"/Filter /FlateDecode",
            ),
            stream(
                zlib.compress(form, 9),
                b"/Filter /FlateDecode /Type /XObject /Subtype /Form /BBox [0 0 600 800]",
            ),
            HELVETICA,
        ]
    )


def million_glyphs() -> bytes:
    return b"BT /F1 1 Tf 10 10 Td (" + b"x" * 1_000_000 + b") Tj ET"


def script_names(path: Path) -> None:
    """The seed's Hiroshima row with the payloads among its 産 members (each also has
    brackets, so a warning check fails on it and the Data Docs print it)."""
    council = HIROSHIMA.sources[0]
    members = (*council.members[:2], council.members[2] + "、" + "、".join(PAYLOADS))
    row = replace(HIROSHIMA, sources=(replace(council, members=members), *HIROSHIMA.sources[1:]))
    assert isinstance(row.sources[0], SourceCell)
    render(path, (row, TOKUSHIMA, KOCHI), Style(font="HeiseiKakuGo-W5", header_font="HeiseiKakuGo-W5"))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "grid_300.pdf").write_bytes(_pdf([grid(300)]))
    (OUT / "grid_1000_after_table.pdf").write_bytes(_pdf([small_table(), grid(1000)]))
    (OUT / "comb_120.pdf").write_bytes(_pdf([comb(120)]))
    (OUT / "many_shapes.pdf").write_bytes(_pdf([many_shapes()]))
    (OUT / "content_flood.pdf").write_bytes(_pdf([b"1 " * 5_000_000]))
    (OUT / "form_drawn_1000_times.pdf").write_bytes(form_drawn(1000))
    (OUT / "million_glyphs.pdf").write_bytes(_pdf([million_glyphs()]))
    script_names(OUT / "script_names.pdf")
    for p in sorted(OUT.iterdir()):
        print(f"wrote {p} ({p.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
