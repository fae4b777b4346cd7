"""docs/data-dictionary.md is generated from the live schema and must not drift."""

from __future__ import annotations

from ckextract.warehouse.dictionary import fresh_schema, render
from tests.conftest import ROOT


def test_every_table_and_column_is_documented() -> None:
    text = render(fresh_schema())
    tables = [block for block in text.split("\n## ")[1:] if "(table)" in block.splitlines()[0]]
    assert len(tables) >= 15
    for block in tables:
        title, _, description = block.partition("\n\n")
        assert description.split("\n")[0].strip(), f"{title}: no description"
        rows = [line for line in block.splitlines() if line.startswith("| `")]
        assert rows and all(not line.rstrip().endswith("|  |") for line in rows), (
            f"{title}: undocumented column"
        )


def test_every_view_column_is_documented() -> None:
    """A view's columns: by a comment on the view (what it computes) or by the comment of
    the table column it takes unchanged."""
    text = render(fresh_schema())
    views = [block for block in text.split("\n## ")[1:] if "(view)" in block.splitlines()[0]]
    assert len(views) >= 10
    undocumented = [
        f"{block.splitlines()[0]} {line.split('|')[1].strip()}"
        for block in views
        for line in block.splitlines()
        if line.startswith("| `") and line.rstrip().endswith("|  |")
    ]
    assert undocumented == []


def test_committed_dictionary_matches_the_schema() -> None:
    committed = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert committed == render(fresh_schema()), (
        "docs/data-dictionary.md is stale: python -m ckextract.warehouse.dictionary > docs/data-dictionary.md"
    )
