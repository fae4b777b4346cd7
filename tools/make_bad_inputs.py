"""Broken input files for the bad-input tests (committed under tests/fixtures/bad/).

    python tools/make_bad_inputs.py

Each file is made from the committed deck or from scratch; none is downloaded.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[1]
DECK = ROOT / "raw_pdfs" / "chiiki_sangakukan_network.pdf"


def encrypted(path: Path, user_password: str) -> None:
    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner-secret", canPrint=0)
    c = Canvas(str(path), encrypt=enc, invariant=True)
    c.setFont("Helvetica", 12)
    c.drawString(72, 720, "encrypted test document")
    c.showPage()
    c.save()


def main() -> None:
    out = ROOT / "tests" / "fixtures" / "bad"
    out.mkdir(parents=True, exist_ok=True)
    (out / "empty.pdf").write_bytes(b"")
    (out / "not_a_pdf.pdf").write_text("<html><body>404 Not Found</body></html>\n", encoding="utf-8")
    data = DECK.read_bytes()
    (out / "truncated.pdf").write_bytes(data[: len(data) // 3])
    encrypted(out / "encrypted.pdf", "user-secret")
    encrypted(out / "encrypted_empty_password.pdf", "")
    for p in sorted(out.iterdir()):
        print(f"wrote {p} ({p.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
