"""ICDAR 2013 EU set: cell-adjacency precision/recall/F1 of ckextract next to plain
pdfplumber ``extract_tables`` and camelot (lattice, stream), measured in the same run.

    .venv/bin/python -m bench.bench_icdar          # camelot: pip install -e .[bench]

Relations: every non-empty cell with its nearest non-empty neighbour to the right and
below, compared by text (NFKC, no white space); precision, recall and F1 over all
relations of all documents (Göbel et al., ICDAR 2013). Every table a tool finds counts,
so tables found where the ground truth has none cost precision.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from bench.common import table
from bench.icdar import documents
from ckextract._typing import Grid
from ckextract.accuracy import Scores, icdar_grids, score
from ckextract.discover import discover
from ckextract.extract import extract_document

Tool = Callable[[Path], list[Grid]]


def ckextract_tables(pdf: Path) -> list[Grid]:
    (doc,) = discover([pdf])
    return [t.grid() for t in extract_document(doc).tables]


def pdfplumber_tables(pdf: Path) -> list[Grid]:
    with pdfplumber.open(pdf) as p:
        return [t for page in p.pages for t in page.extract_tables()]


def camelot_tables(flavor: str) -> Tool:
    def run(pdf: Path) -> list[Grid]:
        import camelot

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(pdf), pages="all", flavor=flavor)
        return [[[None if v == "" else str(v) for v in row] for row in t.df.values.tolist()] for t in tables]

    return run


def tools(camelot_flavors: tuple[str, ...] = ("lattice", "stream")) -> dict[str, Tool]:
    """ckextract, pdfplumber, and camelot in the flavours asked for (when installed)."""
    out: dict[str, Tool] = {"ckextract": ckextract_tables, "pdfplumber extract_tables": pdfplumber_tables}
    try:
        import camelot  # noqa: F401

        for flavor in camelot_flavors:
            out[f"camelot {flavor}"] = camelot_tables(flavor)
    except ImportError:
        print("camelot is not installed: pip install -e .[bench] (its rows are left out)\n")
    return out


def main() -> None:
    docs = documents()
    truth = {pdf: icdar_grids(xml) for pdf, xml in docs}
    rows = []
    per_doc: dict[str, list[str]] = {}
    for name, tool in tools().items():
        total = Scores(0, 0, 0)
        start = time.perf_counter()
        for pdf, _ in docs:
            try:
                predicted = tool(pdf)
            except Exception as exc:  # a baseline failing on a file scores zero there
                print(f"{name}: {pdf.name}: {type(exc).__name__}: {exc}")
                predicted = []
            s = score(predicted, truth[pdf])
            total = total + s
            per_doc.setdefault(pdf.name, []).append(f"{s.f1:.2f}")
        elapsed = time.perf_counter() - start
        rows.append(
            (name, total.precision, total.recall, total.f1, total.tp, total.predicted, total.truth, elapsed)
        )
    print(
        f"ICDAR 2013 EU: {len(docs)} documents, {sum(len(g) for g in truth.values())} ground-truth tables\n"
    )
    print(table(["tool", "precision", "recall", "F1", "tp", "predicted", "truth", "seconds"], rows))
    print("\nF1 per document (" + ", ".join(n for n, *_ in rows) + "):")
    for name, f1s in per_doc.items():
        print(f"  {name:<14} {'  '.join(f1s)}")


if __name__ == "__main__":
    main()
