"""HTML → PNG with headless Chromium (Debian: apt-get install chromium), when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ckextract.errors import CkExtractError

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


CHROMIUM_SECONDS = 120
"""A page is drawn in about two seconds; a browser still running after this is stuck."""


class ScreenshotError(CkExtractError):
    """No PNG: Chromium is missing, failed or stuck."""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


JAPANESE_FONT_PACKAGE = "fonts-ipafont-gothic"
"""The Debian package that gives Chromium a Japanese font (IPA Gothic)."""


def japanese_font_available() -> bool:
    """Whether fontconfig knows a font covering Japanese (what Chromium draws names with):
    without one, every name would be drawn as boxes."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        found = subprocess.run([fc_list, ":lang=ja", "family"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return found.returncode == 0 and bool(found.stdout.strip())


def html_to_png(page: str, width: int = 1400, height: int = 1600) -> bytes:
    """The page as Chromium draws it, as PNG bytes (drawn in a private folder: the caller
    decides where they go). Refused without a Japanese font: the PNG would show boxes."""
    browser = chromium()
    if browser is None:
        raise ScreenshotError("a PNG needs headless Chromium (apt-get install chromium); write .html instead")
    if not japanese_font_available():
        raise ScreenshotError(
            f"a PNG of Japanese names needs a Japanese font (apt-get install {JAPANESE_FONT_PACKAGE}); "
            "write .html or .svg instead (the browser uses the reader's fonts)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(page, encoding="utf-8")
        out = Path(tmp) / "page.png"
        try:
            result = subprocess.run(
                [
                    browser,
                    *FLAGS,
                    f"--user-data-dir={tmp}/profile",
                    f"--window-size={width},{height}",
                    f"--screenshot={out.resolve()}",
                    src.as_uri(),
                ],
                capture_output=True,
                text=True,
                timeout=CHROMIUM_SECONDS,
            )
        except subprocess.TimeoutExpired as exc:
            raise ScreenshotError(
                f"chromium did not finish drawing the page in {CHROMIUM_SECONDS} s"
            ) from exc
        if result.returncode != 0 or not out.exists():
            last = result.stderr.strip().splitlines()[-1:] or [f"exit status {result.returncode}"]
            raise ScreenshotError(f"chromium failed: {last[0]}")
        return out.read_bytes()
