"""Shared helpers for the benchmarks: timing, the committed PDFs, table printing."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
COMMITTED_PDFS = sorted(
    [
        *(ROOT / "raw_pdfs").glob("*.pdf"),
        *(ROOT / "tests" / "fixtures" / "network_table").glob("*.pdf"),
        *(ROOT / "tests" / "fixtures" / "map_slide").glob("*.pdf"),
    ]
)


@contextmanager
def timer() -> Iterator[list[float]]:
    out: list[float] = []
    start = time.perf_counter()
    yield out
    out.append(time.perf_counter() - start)


def best_of(n: int, fn: Callable[[], Any]) -> float:
    """Best wall time of ``n`` runs (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers]] + [
        [f"{v:.3f}" if isinstance(v, float) else str(v) for v in r] for r in rows
    ]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def with_document_id(obj: Any, doc_id: str) -> Any:
    """A copy of a record (recursively) as if read from another document."""
    if isinstance(obj, tuple):
        return tuple(with_document_id(x, doc_id) for x in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if f.name == "document_id":
                changes[f.name] = doc_id
            elif isinstance(value, tuple) or dataclasses.is_dataclass(value):
                changes[f.name] = with_document_id(value, doc_id)
        return dataclasses.replace(obj, **changes)
    return obj
