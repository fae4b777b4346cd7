"""ICDAR 2013 table competition (EU half): where its documents are (the scoring is ckextract.accuracy)."""

from __future__ import annotations

from pathlib import Path

ICDAR = Path(__file__).resolve().parents[2] / "shared" / "icdar2013" / "eu"


def documents() -> list[tuple[Path, Path]]:
    """(pdf, structure xml) pairs of the EU set."""
    out = []
    for xml in sorted(ICDAR.glob("*-str.xml")):
        pdf = xml.with_name(xml.name.removesuffix("-str.xml") + ".pdf")
        if pdf.exists():
            out.append((pdf, xml))
    return out
