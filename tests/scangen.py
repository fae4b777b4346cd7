"""Scans of born-digital PDFs, as a scanner would give them: every page rendered at
300 dpi, turned a little, blurred, with grain and dust, and written back as an
image-only PDF (no text layer). Deterministic for a seed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image


@dataclass(frozen=True)
class ScanStyle:
    dpi: int = 300
    turn_degrees: tuple[float, float] = (0.3, 0.5)
    """Each page is turned by an angle drawn from this range, either way."""
    blur_sigma: float = 0.8
    grain: float = 6.0
    """Standard deviation of the grey-level noise."""
    dust_per_megapixel: float = 40.0
    """Specks of 1-2 px radius."""
    jpeg_quality: int = 85


CRISP = ScanStyle(
    turn_degrees=(0.0, 0.0), blur_sigma=0.0, grain=0.0, dust_per_megapixel=0.0, jpeg_quality=100
)
"""A clean scan: pages straight and sharp, with no grain or dust (a document printed to
page images). Small marks come out fainter and thinner than on a soft scan: a 7 pt
colon's dot spreads over pixel edges, a hyphen is 3 px thick."""


def scan_page(
    pdf: pypdfium2.PdfDocument, index: int, style: ScanStyle, rng: np.random.Generator
) -> Image.Image:
    import cv2

    rgb = np.asarray(pdf[index].render(scale=style.dpi / 72).to_pil().convert("RGB"), dtype=np.float32)
    h, w = rgb.shape[:2]
    angle = float(rng.uniform(*style.turn_degrees)) * float(rng.choice([-1.0, 1.0]))
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rgb = np.asarray(
        cv2.warpAffine(rgb, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255)),
        dtype=np.float32,
    )
    if style.blur_sigma > 0:
        rgb = np.asarray(cv2.GaussianBlur(rgb, (0, 0), style.blur_sigma), dtype=np.float32)
    rgb += rng.normal(0.0, style.grain, rgb.shape).astype(np.float32)
    specks = int(style.dust_per_megapixel * w * h / 1e6)
    for y, x, r in zip(
        rng.integers(0, h, specks), rng.integers(0, w, specks), rng.integers(1, 3, specks), strict=True
    ):
        cv2.circle(rgb, (int(x), int(y)), int(r), (40, 40, 40), -1)
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8))


def scan_pdf(source: Path, target: Path, style: ScanStyle = ScanStyle(), seed: int = 0) -> Path:
    """``source`` as an image-only scan at ``target``."""
    rng = np.random.default_rng(seed)
    pdf = pypdfium2.PdfDocument(str(source))
    try:
        pages = [scan_page(pdf, i, style, rng) for i in range(len(pdf))]
    finally:
        pdf.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(
        target, save_all=True, append_images=pages[1:], resolution=style.dpi, quality=style.jpeg_quality
    )
    return target
