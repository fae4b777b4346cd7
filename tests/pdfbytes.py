"""Hand-made PDF bytes for the bad-input corpus: small, exact, no generator needed."""

from __future__ import annotations

import zlib
from collections.abc import Sequence


def build(objects: Sequence[bytes], root: int = 1) -> bytes:
    """A PDF whose objects are ``objects`` (numbered from 1), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def table_pdf(cells: Sequence[Sequence[str]] = (("Region", "Members"), ("Hiroshima", "Mazda"))) -> bytes:
    """One page, a ruled table drawn with lines, ASCII text in Helvetica."""
    ops = [b"0.5 w"]
    rows, cols = len(cells), len(cells[0])
    x0, y0, w, h = 72, 700, 150, 24
    for r in range(rows + 1):
        ops.append(b"%d %d m %d %d l S" % (x0, y0 - r * h, x0 + cols * w, y0 - r * h))
    for c in range(cols + 1):
        ops.append(b"%d %d m %d %d l S" % (x0 + c * w, y0, x0 + c * w, y0 - rows * h))
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            ops.append(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (x0 + c * w + 4, y0 - r * h - 16, text.encode()))
    content = b"\n".join(ops)
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content),
            HELVETICA,
        ]
    )


def image_only_pdf() -> bytes:
    """One page showing a small grey image and no text at all (a scan, as far as text goes)."""
    pixels = bytes(range(0, 256, 4)) * 64  # 64x64 8-bit grey
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> >> >>",
            stream(b"q 400 0 0 400 100 200 cm /Im1 Do Q"),
            stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8",
            ),
        ]
    )


def cid_only_pdf() -> bytes:
    """Text in a Type0 font with Identity-H encoding and no ToUnicode map: only (cid:NN) comes out."""
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(b"BT /F1 12 Tf 72 700 Td <0011001200130014> Tj ET"),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        ]
    )


def many_pages_pdf(pages: int) -> bytes:
    """``pages`` pages sharing one small content stream."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        stream(b"BT /F1 10 Tf 72 700 Td (page) Tj ET"),
        HELVETICA,
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    objects += [page] * pages
    return build(objects)


def bomb_pdf(inflated_mib: int) -> bytes:
    """A page whose content stream inflates to ``inflated_mib`` MiB of spaces."""
    comp = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    data = b"".join(comp.compress(chunk) for _ in range(inflated_mib)) + comp.flush()
    return build(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            stream(data, b"/Filter /FlateDecode"),
        ]
    )


def bad_xref_pdf(recoverable: bool = True) -> bytes:
    """A table PDF whose xref offsets and startxref point into nowhere. pdfminer then scans
    the file for objects; unless ``recoverable``, the objects' headers are mangled too,
    so there is nothing to recover."""
    data = table_pdf()
    head, _, _ = data.partition(b"xref\n")
    if not recoverable:
        head = head.replace(b" 0 obj", b" 0 ob_")
    return (
        head
        + b"xref\n0 6\n0000000000 65535 f \n"
        + b"9999999999 00000 n \n" * 5
        + (b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n99999999\n%%EOF\n")
    )
