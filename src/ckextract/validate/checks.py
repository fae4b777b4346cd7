"""Every data-quality check, its table, its severity and what it means: in one place.

*critical*: a failure quarantines the document (its records do not reach the
curated tables). *warning*: the document loads and the failure is reported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from ckextract.programs import PROGRAM_IDS
from ckextract.records import SECTORS
from ckextract.textrules import BARE_FRAGMENTS, MEMBER_SEPARATOR

Severity = Literal["critical", "warning"]

CID = r"\(cid:\d+\)"
REPLACEMENT = "\ufffd"
LETTER_SPACED = r"(?<![A-Za-z0-9])[A-Za-z0-9] [A-Za-z0-9](?![A-Za-z0-9])"
BRACKETS = r"[()（）\[\]［］【】「」]"
LOW_OCR_CONFIDENCE = 80.0
"""A name read by OCR with a glyph Tesseract was less sure of than this (0-100) is
reported: on the scans tested, misread glyphs mostly score under it and right ones over."""


@dataclass(frozen=True)
class Context:
    """Values a check needs from outside its own table (foreign-key targets)."""

    document_ids: frozenset[str]
    network_ids: frozenset[str]
    program_ids: frozenset[str] = PROGRAM_IDS
    """Known programs: ckextract's, and those the list specs declare."""


@dataclass(frozen=True)
class Check:
    name: str
    table: str
    severity: Severity
    description: str
    build: Callable[[Context], Any]


def _c(name: str, table: str, severity: Severity, description: str, build: Callable[[Context], Any]) -> Check:
    return Check(f"{table}.{name}", table, severity, description, build)


def _no_text_faults(table: str, column: str) -> list[Check]:
    return [
        _c(
            f"{column}_no_cid",
            table,
            "critical",
            f"{column} has no (cid:NN) left by a font without a Unicode map",
            lambda _: gxe.ExpectColumnValuesToNotMatchRegex(column=column, regex=CID),
        ),
        _c(
            f"{column}_no_replacement_char",
            table,
            "critical",
            f"{column} has no U+FFFD replacement characters",
            lambda _: gxe.ExpectColumnValuesToNotMatchRegex(column=column, regex=REPLACEMENT),
        ),
    ]


def ocr_confident(name: str, table: str, column: str, confidence_column: str) -> Check:
    """Warn on a value of ``column`` read by OCR with a glyph under
    :data:`LOW_OCR_CONFIDENCE` (its confidence in ``confidence_column``; NULL, from a text
    layer, passes)."""
    return Check(
        name,
        table,
        "warning",
        f"{column}, when read by OCR, has no glyph under {LOW_OCR_CONFIDENCE:.0f} % confidence "
        "(a value to look at on the page; text-layer values are not OCR'd)",
        lambda _: gxe.ExpectColumnValuesToBeBetween(column=confidence_column, min_value=LOW_OCR_CONFIDENCE),
    )


def _ocr_confident(table: str, column: str) -> Check:
    return ocr_confident(f"{table}.{column}_ocr_confident", table, column, "ocr_confidence")


def _region_check(table: str) -> Check:
    return _c(
        "region_code_matches_name",
        table,
        "critical",
        "region_code is the JIS/総務省 code of region_name",
        lambda _: gxe.ExpectColumnPairValuesToBeEqual(
            column_A="region_code", column_B="region_code_expected", ignore_row_if="either_value_is_missing"
        ),
    )


def _reconcile(check: str, description: str) -> Check:
    return _c(
        check,
        "reconciliation",
        "critical",
        description,
        lambda _: gxe.ExpectColumnPairValuesToBeEqual(
            column_A="expected", column_B="actual", row_condition=Column("check") == check
        ),
    )


CHECKS: tuple[Check, ...] = (
    # networks
    _c(
        "network_id_unique",
        "networks",
        "critical",
        "network_id is unique",
        lambda _: gxe.ExpectColumnValuesToBeUnique(column="network_id"),
    ),
    _c(
        "name_not_null",
        "networks",
        "critical",
        "every network has a name",
        lambda _: gxe.ExpectColumnValuesToNotBeNull(column="name"),
    ),
    _ocr_confident("networks", "name"),
    _c(
        "program_known",
        "networks",
        "critical",
        "program_id is a known program",
        lambda ctx: gxe.ExpectColumnValuesToBeInSet(column="program_id", value_set=sorted(ctx.program_ids)),
    ),
    _c(
        "document_exists",
        "networks",
        "critical",
        "document_id resolves to a document",
        lambda ctx: gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=sorted(ctx.document_ids)),
    ),
    _region_check("networks"),
    _c(
        "region_code_known",
        "networks",
        "warning",
        "the region has a code (unknown region names are reported)",
        lambda _: gxe.ExpectColumnValuesToNotBeNull(column="region_code"),
    ),
    *_no_text_faults("networks", "name"),
    *_no_text_faults("networks", "overview"),
    _c(
        "name_no_letter_spacing",
        "networks",
        "warning",
        "no letter-spaced run is left in the name",
        lambda _: gxe.ExpectColumnValuesToNotMatchRegex(column="name", regex=LETTER_SPACED),
    ),
    _c(
        "name_not_placeholder",
        "networks",
        "critical",
        "the name names something: not an empty mark, punctuation, a lone number or N/A",
        lambda _: gxe.ExpectColumnValuesToBeInSet(column="name_is_placeholder", value_set=[False]),
    ),
    _c(
        "members_as_peers",
        "networks",
        "critical",
        "a network has members where its program's other networks in the document have theirs",
        lambda _: gxe.ExpectColumnValuesToBeInSet(column="members_as_peers", value_set=[True]),
    ),
    _c(
        "overview_complete",
        "networks",
        "warning",
        "the overview does not end mid-sentence (where the document's overviews end with 。, so does each)",
        lambda _: gxe.ExpectColumnValuesToBeInSet(column="overview_complete", value_set=[True]),
    ),
    _c(
        "overview_not_short",
        "networks",
        "warning",
        "the overview is not much shorter than the document's others (at least 0.3 × their median)",
        lambda _: gxe.ExpectColumnValuesToBeInSet(column="overview_not_short", value_set=[True]),
    ),
    # memberships
    _c(
        "network_exists",
        "memberships",
        "critical",
        "network_id resolves to a network",
        lambda ctx: gxe.ExpectColumnValuesToBeInSet(column="network_id", value_set=sorted(ctx.network_ids)),
    ),
    _c(
        "position_unique",
        "memberships",
        "critical",
        "(network_id, position) is unique",
        lambda _: gxe.ExpectCompoundColumnsToBeUnique(column_list=["network_id", "position"]),
    ),
    _c(
        "sector_valid",
        "memberships",
        "critical",
        "sector is 学, 官 or 産",
        lambda _: gxe.ExpectColumnValuesToBeInSet(column="sector", value_set=list(SECTORS)),
    ),
    _c(
        "org_name_not_null",
        "memberships",
        "critical",
        "every member has an organization name",
        lambda _: gxe.ExpectColumnValuesToNotBeNull(column="org_name"),
    ),
    *_no_text_faults("memberships", "org_name"),
    _c(
        "org_name_not_placeholder",
        "memberships",
        "critical",
        "the member names an organization: not an empty mark, punctuation, a lone number or N/A",
        lambda _: gxe.ExpectColumnValuesToBeInSet(column="org_name_is_placeholder", value_set=[False]),
    ),
    _c(
        "org_name_no_separator",
        "memberships",
        "critical",
        "no stray separator (、, ， or a , between Japanese words; a Latin name's Co., Ltd. is none) inside an organization name",
        lambda _: gxe.ExpectColumnValuesToNotMatchRegex(column="org_name", regex=MEMBER_SEPARATOR),
    ),
    _c(
        "org_name_not_fragment",
        "memberships",
        "critical",
        "no bare suffix fragment (短期大学部, 支社, …) as a member",
        lambda _: gxe.ExpectColumnValuesToNotBeInSet(column="org_name", value_set=sorted(BARE_FRAGMENTS)),
    ),
    _c(
        "org_name_unique_in_sector",
        "memberships",
        "critical",
        "no member twice in one network and sector",
        lambda _: gxe.ExpectCompoundColumnsToBeUnique(column_list=["network_id", "sector", "org_name"]),
    ),
    _ocr_confident("memberships", "org_name"),
    _c(
        "org_name_no_letter_spacing",
        "memberships",
        "warning",
        "no letter-spaced run is left in the name",
        lambda _: gxe.ExpectColumnValuesToNotMatchRegex(column="org_name", regex=LETTER_SPACED),
    ),
    _c(
        "org_name_no_brackets",
        "memberships",
        "warning",
        "no brackets in an organization name",
        lambda _: gxe.ExpectColumnValuesToNotMatchRegex(column="org_name", regex=BRACKETS),
    ),
    # adoptions
    _c(
        "adoption_id_unique",
        "adoptions",
        "critical",
        "adoption_id is unique",
        lambda _: gxe.ExpectColumnValuesToBeUnique(column="adoption_id"),
    ),
    _c(
        "program_known",
        "adoptions",
        "critical",
        "every adoption has a known program (on a map: its marker colour is in the legend)",
        lambda ctx: gxe.ExpectColumnValuesToBeInSet(column="program_id", value_set=sorted(ctx.program_ids)),
    ),
    _c(
        "program_not_null",
        "adoptions",
        "critical",
        "every adoption's program was determined",
        lambda _: gxe.ExpectColumnValuesToNotBeNull(column="program_id"),
    ),
    _region_check("adoptions"),
    _c(
        "region_code_known",
        "adoptions",
        "warning",
        "the region has a code",
        lambda _: gxe.ExpectColumnValuesToNotBeNull(column="region_code"),
    ),
    *_no_text_faults("adoptions", "project_name"),
    _ocr_confident("adoptions", "project_name"),
    _c(
        "project_name_not_placeholder",
        "adoptions",
        "critical",
        "the project name names something: not an empty mark, punctuation, a lone number or N/A",
        lambda _: gxe.ExpectColumnValuesToBeInSet(column="project_name_is_placeholder", value_set=[False]),
    ),
    # reconciliation against the printed source
    _reconcile(
        "members_per_cell", "members loaded per 構成員 cell = items printed in it (after documented repairs)"
    ),
    _reconcile("networks_per_row", "networks loaded per region row = program cells printed non-empty"),
    _reconcile(
        "markers_per_colour", "map entries loaded per marker colour = markers of that colour on the page"
    ),
    _reconcile(
        "list_rows_per_table",
        "rows loaded per declared list table = record rows printed in it (counted apart from the parse)",
    ),
)
TABLES = ("networks", "memberships", "adoptions", "reconciliation")
ID_COLUMNS = {
    "networks": ["document_id", "network_id", "region_name", "name"],
    "memberships": ["document_id", "network_id", "position", "region_name", "network_name", "org_name"],
    "adoptions": ["document_id", "adoption_id", "program_id", "region_name", "project_name"],
    "reconciliation": [
        "document_id",
        "check",
        "subject",
        "region_name",
        "network_name",
        "expected",
        "actual",
    ],
}
"""The columns each failing row is reported with: its keys, and what an analyst reads it by
(region, network name, member) in ``ckextract report``, the Data Docs and dq_results."""


def describe() -> str:
    """The checks as a Markdown table (docs/data-quality.md embeds it; a test keeps it current).
    A list spec adds its own (``ckextract.lists.checks``), named ``list.<id>.…``."""
    rows = ["| check | severity | what it asserts |", "| --- | --- | --- |"]
    rows += [f"| `{c.name}` | {c.severity} | {c.description} |" for c in CHECKS]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(describe(), end="")
