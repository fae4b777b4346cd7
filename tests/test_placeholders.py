"""No placeholder becomes a record: text that ran out of its cell goes back to it, a cell
printed ``-`` yields nothing, and the gate quarantines what gets through anyway."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from ckextract.extract.overflow import overflow_of
from ckextract.records import DocumentRecords
from ckextract.validate.gate import GateReport, run_gate
from tests.conftest import DECK, FIXTURES, records_of

OVERFLOW = FIXTURES / "network_table" / "overflow_into_placeholder_row.pdf"


def networks(records: DocumentRecords) -> list[tuple[Any, ...]]:
    members = {
        n.network_id: [
            (m.sector, m.org_name, m.role) for m in records.memberships if m.network_id == n.network_id
        ]
        for n in records.networks
    }
    return sorted(
        (n.region_name, n.program_id, n.name, n.plan_name, n.overview, tuple(members[n.network_id]))
        for n in records.networks
    )


def test_text_that_ran_into_the_row_below_is_given_back() -> None:
    """徳島県's row is three lines too short; its cells' last lines are printed in the next row."""
    assert networks(records_of(OVERFLOW)) == networks(records_of(DECK))


def test_a_row_printed_with_dashes_yields_no_network() -> None:
    records = records_of(OVERFLOW)
    assert "愛媛県" not in {n.region_name for n in records.networks} and records.warnings == ()


def _line(top: float, text: str, left: float = 2.0, size: float = 6.0) -> list[dict[str, Any]]:
    return [
        {
            "text": ch,
            "x0": left + i * size,
            "x1": left + (i + 1) * size,
            "top": top,
            "bottom": top + size,
            "size": size,
        }
        for i, ch in enumerate(text)
    ]


def test_lines_at_the_pitch_of_the_cell_above_over_a_dash_are_its_overflow() -> None:
    above = _line(10, "あいうえおかき") + _line(18, "くけこさしすせ")
    below = [*_line(26, "そたち"), *_line(27, "-", left=2.0)]  # its own "-" printed under the overflow
    moved = overflow_of(above, below)
    assert moved is not None and "".join(c["text"] for c in moved) == "そたち"


def test_a_cell_below_with_a_gap_keeps_its_text() -> None:
    above = _line(10, "あいうえおかき") + _line(18, "くけこさしすせ")
    assert overflow_of(above, [*_line(30, "そたち"), *_line(31, "-")]) is None  # 4 pt further than the pitch


def _gate(records: DocumentRecords, tmp_path: Path) -> GateReport:
    return run_gate([records], tmp_path, build_docs=False)


@pytest.mark.parametrize("name", ["-", "・", "3", "???", "N/A"])
def test_the_gate_quarantines_a_placeholder_network(name: str, tmp_path: Path) -> None:
    records = records_of(DECK)
    first = dataclasses.replace(records.networks[0], name=name)
    planted = dataclasses.replace(records, networks=(first, *records.networks[1:]))
    report = _gate(planted, tmp_path)
    assert report.failed(records.document.document_id, "critical") == ["networks.name_not_placeholder"]


def test_the_gate_quarantines_a_placeholder_member(tmp_path: Path) -> None:
    records = records_of(DECK)
    member = dataclasses.replace(records.memberships[0], org_name="-")
    planted = dataclasses.replace(records, memberships=(member, *records.memberships[1:]))
    assert "memberships.org_name_not_placeholder" in _gate(planted, tmp_path).failed(
        records.document.document_id, "critical"
    )


@pytest.mark.parametrize(
    ("name", "stray"),
    [("徳島県商工会議所連合会,徳島県中小企業団体中央会", True), ("Panasonic Co., Ltd.", False)],
)
def test_the_gate_flags_a_comma_between_japanese_words_only(name: str, stray: bool, tmp_path: Path) -> None:
    records = records_of(DECK)
    member = dataclasses.replace(records.memberships[0], org_name=name)
    planted = dataclasses.replace(records, memberships=(member, *records.memberships[1:]))
    failed = _gate(planted, tmp_path).failed(records.document.document_id, "critical")
    assert ("memberships.org_name_no_separator" in failed) is stray


def test_a_network_without_members_among_peers_with_members_is_quarantined(tmp_path: Path) -> None:
    records = records_of(DECK)
    lost = records.networks[0].network_id
    planted = dataclasses.replace(
        records,
        memberships=tuple(m for m in records.memberships if m.network_id != lost),
        source_counts=tuple(s for s in records.source_counts if s.subject != lost),
    )
    assert _gate(planted, tmp_path).failed(records.document.document_id, "critical") == [
        "networks.members_as_peers"
    ]


def test_an_overview_cut_short_warns(tmp_path: Path) -> None:
    records = records_of(DECK)
    net = records.networks[0]
    assert net.overview is not None
    cut = dataclasses.replace(net, overview=net.overview[:20], overview_raw=net.overview[:20])
    planted = dataclasses.replace(records, networks=(cut, *records.networks[1:]))
    failed = _gate(planted, tmp_path).failed(records.document.document_id, "warning")
    assert failed == ["networks.overview_complete", "networks.overview_not_short"]


def test_text_in_a_cell_of_a_filled_row_is_its_own() -> None:
    """An Excel list's next record may start at the very pitch of the line above it."""
    above = _line(10, "あいうえおかき") + _line(18, "くけこさしすせ")
    assert overflow_of(above, _line(26, "そたち")) is None
