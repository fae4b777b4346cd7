"""The stage functions on their own: plan and batches."""

from __future__ import annotations

from ckextract.discover import discover
from ckextract.stages import plan, plan_batches
from ckextract.warehouse.known import KnownDocument
from tests.conftest import DECK, FIXTURES

SPLIT = FIXTURES / "network_table" / "ruled_split_pages.pdf"  # 3 pages
MAP = FIXTURES / "map_slide" / "map_variant.pdf"


def test_batches_hold_at_most_so_many_documents() -> None:
    docs = discover([DECK, SPLIT, MAP])
    assert [len(b.docs) for b in plan_batches(docs, max_docs=2, max_pages=500)] == [2, 1]


def test_batches_hold_at_most_so_many_pages_and_a_long_document_stands_alone() -> None:
    docs = discover([DECK, SPLIT, MAP])  # 4, 3 and 1 pages
    batches = plan_batches(docs, max_docs=16, max_pages=3)
    assert [b.pages for b in batches] == [(4,), (3,), (1,)]


def test_the_plan_skips_handled_bytes_and_parses_duplicates_once() -> None:
    deck, split = discover([DECK, SPLIT])
    twin = discover([DECK])[0]
    known = {split.document_id: KnownDocument("0", "loaded")}  # an older parser version
    run = plan("run", [deck, twin, split], known, reprocess=False)
    assert run.todo == [deck, split] and run.duplicates == [(twin, deck)]
