"""Declared lists in the warehouse: a typed view per spec, and each series' row-level change log.

``v_list_<id>_history`` reads ``list_rows`` with the spec's columns typed (DATE, BIGINT,
BOOLEAN, VARCHAR[], VARCHAR); ``v_list_<id>`` is its latest editions. The views are made
(or remade) when the specs are loaded, so a new or changed spec needs no migration.
(SQL only: the caller's ``atomic()`` holds the transaction.)
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb

from ckextract.clock import utc_now
from ckextract.lists.spec import ListSpec

SQL_TYPE = {
    "text": "VARCHAR",
    "corporate_number": "VARCHAR",
    "prefecture": "VARCHAR",
    "date": "DATE",
    "integer": "BIGINT",
    "flag": "BOOLEAN",
    "lines": "VARCHAR[]",
}
DESCRIBE = {
    "text": "as printed, normalized (NFKC, spaces)",
    "corporate_number": "法人番号, 13 digits, check digit verified",
    "prefecture": "prefecture or municipality, normalized",
    "date": "和暦 or 西暦 read as a date",
    "integer": "a whole number",
    "flag": "true where a mark (〇) is printed",
    "lines": "one item per printed line",
}


def _expr(name: str, kind: str) -> str:
    path = f"'$.{name}'"
    if kind == "lines":
        return f"CAST(json_extract(data, {path}) AS VARCHAR[])"
    if kind in ("integer", "flag"):
        return f"TRY_CAST(json_extract(data, {path}) AS {SQL_TYPE[kind]})"
    if kind == "date":
        return f"TRY_CAST(json_extract_string(data, {path}) AS DATE)"
    return f"json_extract_string(data, {path})"


def view_columns(spec: ListSpec) -> list[tuple[str, str, str]]:
    """(column, SQL expression, description) of a spec's view, in order."""
    out = [
        ("document_id", "document_id", "Document (documents.document_id)."),
        ("page_number", "page_number", "Page the row is printed on."),
        ("row_index", "row_index", "Row in the stitched table (raw_cells.row_index)."),
    ]
    for name, kind in spec.all_columns:
        out.append((name, _expr(name, kind), f"{name}: {DESCRIBE[kind]}."))
        if kind == "prefecture":
            out.append(
                (f"{name}_code", _expr(f"{name}_code", "text"), f"JIS X 0401 / 総務省 code of {name}.")
            )
    out += [
        ("row_key", "row_key", "The key columns' values joined by |."),
        ("raw", "raw", "JSON: every column as printed."),
        (
            "type_errors",
            "type_errors",
            "JSON: column → why its printed value is not of its type; NULL if none.",
        ),
        (
            "ocr_confidence",
            "ocr_confidence",
            "Lowest OCR confidence (0-100) of the row's table values as read; NULL from a text layer.",
        ),
        (
            "ocr_confidences",
            "ocr_confidences",
            "JSON: table column → lowest OCR confidence (0-100) of its value as read; NULL from a text layer.",
        ),
        ("load_id", "load_id", "Ingest run that wrote the row."),
    ]
    return out


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sync(con: duckdb.DuckDBPyConnection, specs: Sequence[ListSpec]) -> None:
    """Record the specs, their programs, and (re)make their views."""
    for spec in specs:
        con.execute(
            "INSERT OR REPLACE INTO list_specs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                spec.list_id,
                spec.title,
                spec.source,
                json.dumps(spec.all_columns, ensure_ascii=False),
                list(spec.key),
                list(spec.ignore_in_changes),
                spec.adoptions.program if spec.adoptions else None,
                utc_now(),
            ],
        )
        if spec.program is not None:
            p = spec.program
            con.execute(
                "INSERT OR REPLACE INTO programs VALUES (?, ?, ?)", [p.program_id, p.name_ja, p.ministry_ja]
            )
        columns = view_columns(spec)
        select = ",\n  ".join(f'{expr} AS "{name}"' for name, expr, _ in columns)
        history, current = f"v_list_{spec.list_id}_history", f"v_list_{spec.list_id}"
        con.execute(
            f"CREATE OR REPLACE VIEW {history} AS SELECT\n  {select}\n"
            f"FROM list_rows WHERE list_id = {_quote(spec.list_id)}"
        )
        con.execute(
            f"CREATE OR REPLACE VIEW {current} AS SELECT * FROM {history} h WHERE EXISTS (SELECT 1 FROM "
            f"current_content c WHERE c.document_id = h.document_id AND c.kind = {_quote(spec.layout_name)})"
        )
        title = spec.title or spec.list_id
        con.execute(f"COMMENT ON VIEW {history} IS {_quote(f'{title}: every edition (spec {spec.source}).')}")
        con.execute(f"COMMENT ON VIEW {current} IS {_quote(f'{title}: the latest edition of each series.')}")
        for view in (history, current):
            for name, _, description in columns:
                con.execute(f'COMMENT ON COLUMN {view}."{name}" IS {_quote(description)}')


# -- change log ---------------------------------------------------------------------------------


def _rows(con: duckdb.DuckDBPyConnection, document_id: str) -> dict[str, dict[str, dict[str, Any]]]:
    """list_id → row key (a repeated key numbered: ``key#2``) → the row's typed values."""
    rows = con.execute(
        "SELECT list_id, row_key, data FROM list_rows WHERE document_id = ? ORDER BY table_id, row_index",
        [document_id],
    ).fetchall()
    out: dict[str, dict[str, dict[str, Any]]] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for list_id, key, data in rows:
        key = key or ""
        seen[(list_id, key)] += 1
        n = seen[(list_id, key)]
        out.setdefault(list_id, {})[key if n == 1 else f"{key}#{n}"] = json.loads(data)
    return out


def diff_rows(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]], ignore: Iterable[str]
) -> list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None]]:
    """(change, key, before, after) between two editions' rows of one list."""
    skip = set(ignore)
    out: list[tuple[str, str, dict[str, Any] | None, dict[str, Any] | None]] = []
    for key in sorted(before.keys() - after.keys()):
        out.append(("removed", key, before[key], None))
    for key in sorted(after.keys() - before.keys()):
        out.append(("added", key, None, after[key]))
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        if {k: v for k, v in a.items() if k not in skip} != {k: v for k, v in b.items() if k not in skip}:
            out.append(("changed", key, a, b))
    return out


def list_change_log(con: duckdb.DuckDBPyConnection, series: str) -> list[dict[str, Any]]:
    """The list change log of a series, oldest edition pair first (before/after as objects)."""
    rows = con.execute(
        "SELECT list_id, from_edition, to_edition, change, row_key, before, after, "
        "(SELECT ignore_in_changes FROM list_specs s WHERE s.list_id = c.list_id) FROM list_changes c "
        "WHERE series = ? ORDER BY (SELECT edition_rank FROM editions e WHERE e.document_id = to_document_id), "
        "list_id, change, row_key",
        [series],
    ).fetchall()
    out = []
    for list_id, from_ed, to_ed, change, key, before, after, ignore in rows:
        out.append(
            {
                "entity": "list_row",
                "list_id": list_id,
                "from_edition": from_ed,
                "to_edition": to_ed,
                "change": change,
                "row_key": key,
                "before": json.loads(before) if before else None,
                "after": json.loads(after) if after else None,
                "ignore_in_changes": list(ignore or []),
            }
        )
    return out


def _json(values: dict[str, Any] | None) -> str | None:
    return json.dumps(values, ensure_ascii=False, sort_keys=True) if values is not None else None


def recompute_changes(con: duckdb.DuckDBPyConnection, series_ids: Iterable[str]) -> int:
    """Rebuild the list change log of the given series; returns the number of rows."""
    ignore = {
        list_id: cols
        for list_id, cols in con.execute("SELECT list_id, ignore_in_changes FROM list_specs").fetchall()
    }
    total = 0
    for series in sorted(set(series_ids)):
        con.execute("DELETE FROM list_changes WHERE series = ?", [series])
        editions = con.execute(
            "SELECT document_id, edition FROM editions WHERE series_id = ? ORDER BY edition_rank", [series]
        ).fetchall()
        for (old, old_ed), (new, new_ed) in itertools.pairwise(editions):
            rows_old, rows_new = _rows(con, old), _rows(con, new)
            for list_id in sorted(rows_old.keys() | rows_new.keys()):
                changes = diff_rows(
                    rows_old.get(list_id, {}), rows_new.get(list_id, {}), ignore.get(list_id, [])
                )
                if changes:
                    con.executemany(
                        "INSERT INTO list_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            [series, list_id, old, new, old_ed, new_ed, change, key, _json(a), _json(b)]
                            for change, key, a, b in changes
                        ],
                    )
                total += len(changes)
    return total
