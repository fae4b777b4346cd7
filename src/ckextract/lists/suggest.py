"""``ckextract spec suggest PDF``: a draft list spec from a PDF's largest table, for a person to edit.

The header row gives the columns (a known header word gets its usual name, e.g. 法人番号 →
``corporate_number``; others ``column_N``, to be renamed); each column's type is guessed
from its values (most of them dates → ``date``, 13-digit numbers with a valid check digit
→ ``corporate_number``, prefecture names → ``prefecture``, marks → ``flag``, cells of
several hard-broken lines → ``lines``); a column printed in nearly every row is
``required``. Heading rows inside the table and lines above it are shown as examples for
a ``[[context]]`` pattern. The draft is checked by the same reader as any spec.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ckextract import regions, textrules
from ckextract.lists.layout import header_text
from ckextract.lists.values import typed
from ckextract.records import Extraction, Table

KNOWN_NAMES = {
    "都道府県": "prefecture",
    "市区町村": "municipality",
    "所在地": "location",
    "住所": "address",
    "事業者名": "company_name",
    "企業名": "company_name",
    "企業・事業場名称": "company_name",
    "法人番号": "corporate_number",
    "事業計画名": "plan_name",
    "公表日": "published_on",
    "採択日": "adopted_on",
    "交付決定日": "decided_on",
    "違反法条": "laws",
    "事案概要": "summary",
    "その他参考事項": "notes",
    "備考": "notes",
    "エリア": "area",
    "連携体": "consortium",
    "認定支援機関名": "support_agency",
    "代表機関": "lead_institution",
    "拠点名": "project_name",
    "年度": "fiscal_year",
    "電話番号": "phone",
    "郵便番号": "postal_code",
}
TYPE_SHARE = 0.8
"""A column gets a type when this share of its non-empty values reads as it."""
REQUIRED_SHARE = 0.98
"""A column is suggested ``required`` when it is printed in this share of rows."""
SAMPLE_ROWS = 200
HEADING_EXAMPLES = 3


def _header_row(table: Table) -> int:
    grid = table.grid()
    for r, row in enumerate(grid[:4]):
        cells = [t for t in row if t and t.strip()]
        if len(cells) >= 2 and all(len(t) <= 30 and not re.search(r"\d{3,}", t) for t in cells):
            return r
    return 0


def _guess_type(values: Sequence[str], breaks: int) -> str:
    filled = [v for v in values if not textrules.is_empty_marker(v)]
    if not filled:
        return "flag" if all(textrules.yes_mark(v) is not None for v in values) else "text"
    share = {
        kind: sum(1 for v in filled if typed(kind, v).error is None and typed(kind, v).value is not None)
        / len(filled)
        for kind in ("date", "corporate_number", "integer")
    }
    if all(textrules.yes_mark(v) is not None for v in values):
        return "flag"
    for kind in ("date", "corporate_number", "integer"):
        if share[kind] >= TYPE_SHARE:
            return kind
    if sum(1 for v in filled if regions.lookup(textrules.normalize_text(v))) / len(filled) >= TYPE_SHARE:
        return "prefecture"
    if breaks / len(filled) >= 0.3:
        return "lines"
    return "text"


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def suggest(extraction: Extraction, list_id: str) -> str:
    """A draft spec (TOML) for the document's largest table."""
    if not extraction.tables:
        raise ValueError(f"{extraction.document.file_name}: no table found to draft a spec from")
    table = max(extraction.tables, key=lambda t: t.n_rows * t.n_cols)
    grid = table.grid()
    header = _header_row(table)
    cells = {(c.row, c.col): c for c in table.cells}
    data_rows = [
        r for r in range(header + 1, table.n_rows) if sum(1 for t in grid[r] if t and t.strip()) >= 2
    ]
    sample = data_rows[:SAMPLE_ROWS]
    names: Counter[str] = Counter()
    out = [
        f"# Draft spec for {extraction.document.file_name}: table {table.table_id} "
        f"({len(data_rows)} rows, pages {table.pages[0]}–{table.pages[-1]}).",
        "# Edit it: rename the columns (lower snake case), check the types, write the key,",
        "# then put it in a folder given to `ckextract ingest --specs DIR`. See docs/adding-a-list.md.",
        f"id = {_toml_string(list_id)}",
        f"title = {_toml_string(extraction.document.title or extraction.document.file_name)}",
        "",
        "[recognize]",
    ]
    columns: list[tuple[int, str, str, str, bool]] = []
    for c, text in enumerate(grid[header]):
        if not text or not text.strip():
            continue
        label = textrules.normalize_text(text)
        name = KNOWN_NAMES.get(header_text(text)) or f"column_{c + 1}"
        names[name] += 1
        if names[name] > 1:
            name = f"{name}_{names[name]}"
        values = [grid[r][c] or "" for r in sample]
        breaks = sum(1 for r in sample if (cell := cells.get((r, c))) and cell.breaks)
        kind = _guess_type(values, breaks)
        printed = sum(1 for r in data_rows if not textrules.is_empty_marker(grid[r][c])) / max(
            len(data_rows), 1
        )
        columns.append((c, name, label, kind, printed >= REQUIRED_SHARE))
    out.append("header = [" + ", ".join(_toml_string(label) for _, _, label, _, _ in columns[:4]) + "]")
    for _, name, label, kind, required in columns:
        out += ["", "[[columns]]", f"name = {_toml_string(name)}", f"header = [{_toml_string(label)}]"]
        if kind != "text":
            out.append(f"type = {_toml_string(kind)}")
        if required:
            out.append("required = true")
    examples = _heading_examples(extraction, table, grid, header)
    if examples:
        out += ["", "# Headings seen above rows: a [[context]] pattern can read values from them:"]
        out += [f"#   {e}" for e in examples]
        out += [
            "# [[context]]",
            "# pattern = '(?P<section>\\S+)'   # a named group per value; matched after NFKC",
        ]
    keys = _key_columns(columns, grid, sample)
    out += ["", "[key]", "columns = [" + ", ".join(_toml_string(k) for k in keys) + "]", ""]
    return "\n".join(out)


KEY_COLUMNS = 2


def _key_columns(
    columns: Sequence[tuple[int, str, str, str, bool]], grid: list[list[str | None]], sample: Sequence[int]
) -> list[str]:
    """The required columns whose values differ most from row to row (names, plan titles)."""
    distinct = [
        (len({grid[r][c] for r in sample}), name)
        for c, name, _, kind, required in columns
        if required and kind != "flag"
    ]
    return [name for _, name in sorted(distinct, reverse=True)[:KEY_COLUMNS]]


def _heading_examples(
    extraction: Extraction, table: Table, grid: list[list[str | None]], header: int
) -> list[str]:
    found: list[str] = []
    for r in range(table.n_rows):
        filled = [t for t in grid[r] if t and t.strip()]
        if r != header and len(filled) == 1:
            found.append(textrules.normalize_text(filled[0]))
    first = table.pages[0]
    found += [
        textrules.normalize_text(line.text)
        for line in extraction.lines
        if line.page_number == first and line.bbox[3] <= table.bbox[1]
    ]
    return list(dict.fromkeys(found))[:HEADING_EXAMPLES]
