"""The data-quality checks a list spec implies, run by the gate on the list's rows.

For each list: every required column is printed (critical: a record without it is not
the record it claims to be); a required column read by OCR was read with some confidence
(warning: a value to look at on the page); every value parses as its column's type (warning: the value
is kept as printed and named); the key is unique within an edition (warning: a repeated
key cannot be followed across editions, and the change log numbers it ``#2``). The count
of rows is reconciled with the rows printed in the PDF by the gate's reconciliation
table (``reconciliation.list_rows_per_table``, critical).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import great_expectations.expectations as gxe
import pandas as pd

from ckextract.lists.spec import ListSpec
from ckextract.records import ListRow
from ckextract.validate.checks import Check, Context, ocr_confident

ERROR_PREFIX = "_error_"
RAW_PREFIX = "_raw_"
CONFIDENCE_PREFIX = "_ocr_"


def table_name(spec: ListSpec) -> str:
    return f"list:{spec.list_id}"


def _not_null(column: str) -> Callable[[Context], Any]:
    return lambda _: gxe.ExpectColumnValuesToNotBeNull(column=column)


def _null(column: str) -> Callable[[Context], Any]:
    return lambda _: gxe.ExpectColumnValuesToBeNull(column=column)


def list_checks(spec: ListSpec) -> list[Check]:
    table = table_name(spec)
    out = [
        Check(
            f"list.{spec.list_id}.{c.name}_printed",
            table,
            "critical",
            f"every row prints a {c.name} ({', '.join(c.headers)})",
            _not_null(f"{RAW_PREFIX}{c.name}"),
        )
        for c in spec.columns
        if c.required
    ]
    out += [
        ocr_confident(
            f"list.{spec.list_id}.{c.name}_ocr_confident", table, c.name, f"{CONFIDENCE_PREFIX}{c.name}"
        )
        for c in spec.columns
        if c.required
    ]
    out += [
        Check(
            f"list.{spec.list_id}.{name}_is_{kind}",
            table,
            "warning",
            f"every printed {name} reads as {kind} (else kept as printed, named in type_errors)",
            _null(f"{ERROR_PREFIX}{name}"),
        )
        for name, kind in spec.all_columns
        if kind != "text"
    ]
    if spec.key:
        out.append(
            Check(
                f"list.{spec.list_id}.key_unique",
                table,
                "warning",
                f"({', '.join(spec.key)}) is unique within an edition",
                lambda _: gxe.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "row_key"]),
            )
        )
    return out


ID_COLUMNS = ["document_id", "row_index", "row_key"]


def list_frame(spec: ListSpec, rows: Sequence[ListRow]) -> pd.DataFrame:
    """The rows of one list as the gate sees them: ids, each column as printed, each
    column's type error, each table column's OCR confidence."""
    records: list[dict[str, Any]] = []
    for row in rows:
        raw = json.loads(row.raw)
        errors = json.loads(row.type_errors) if row.type_errors else {}
        sure = json.loads(row.ocr_confidences) if row.ocr_confidences else {}
        record: dict[str, Any] = {
            "document_id": row.document_id,
            "row_index": row.row_index,
            "row_key": row.row_key,
        }
        for name, _ in spec.all_columns:
            record[f"{RAW_PREFIX}{name}"] = raw.get(name)
            record[f"{ERROR_PREFIX}{name}"] = errors.get(name)
        for c in spec.columns:
            record[f"{CONFIDENCE_PREFIX}{c.name}"] = sure.get(c.name)
        records.append(record)
    columns = [*ID_COLUMNS] + [f"{p}{n}" for n, _ in spec.all_columns for p in (RAW_PREFIX, ERROR_PREFIX)]
    columns += [f"{CONFIDENCE_PREFIX}{c.name}" for c in spec.columns]
    if not records:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.DataFrame(records, columns=columns).astype("object")
