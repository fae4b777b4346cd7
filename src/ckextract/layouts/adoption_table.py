"""A tabular adoption list (採択拠点一覧): one adopted project per row.

Recognized from its header labels (拠点名 with 代表機関 and/or 参画自治体, …),
wherever the columns sit. The program comes from a program column when there
is one, otherwise from the title printed above the table on its first page.
Pages continued with a repeated header arrive stitched by extraction; a header
row that is still repeated inside the data is skipped.
"""

from __future__ import annotations

from ckextract import regions, textrules
from ckextract.layouts import LayoutOutput, field_of, read_by_ocr, stable_id
from ckextract.programs import match_program
from ckextract.records import Adoption, Extraction, Table

FIELD_LABELS: dict[str, frozenset[str]] = {
    "project_name": frozenset(
        {"拠点名", "プロジェクト名", "拠点・プロジェクト名", "研究開発課題名", "拠点名称", "課題名"}
    ),
    "lead_institution": frozenset(
        {"代表機関", "代表機関名", "中核機関", "代表大学", "主たる機関", "幹事機関"}
    ),
    "region": frozenset(
        {"参画自治体", "参画自治体名", "自治体", "地域", "都道府県", "地方公共団体", "所在地"}
    ),
    "fiscal_year": frozenset({"年度", "採択年度"}),
    "field": frozenset({"分野", "領域", "重点分野", "分野・領域"}),
    "proposal_type": frozenset({"提案タイプ", "タイプ", "種別", "型"}),
    "program": frozenset({"プログラム", "事業", "事業名", "制度"}),
}
MAX_HEADER_ROWS = 3


def read_header(table: Table) -> tuple[int, dict[str, int]] | None:
    """(header row count, field → column) when the table is an adoption list."""
    grid = table.grid()
    ocr = read_by_ocr(table)
    for r in range(min(MAX_HEADER_ROWS, table.n_rows)):
        cols: dict[str, int] = {}
        for c, text in enumerate(grid[r]):
            name = field_of(text, FIELD_LABELS, ocr)
            if name and name not in cols:
                cols[name] = c
        if "project_name" in cols and ({"lead_institution", "region"} & cols.keys()):
            return r + 1, cols
    return None


class AdoptionTableLayout:
    name = "adoption_table"

    def matches(self, table: Table) -> bool:
        return read_header(table) is not None

    def parse(self, extraction: Extraction, table: Table) -> LayoutOutput:
        out = LayoutOutput()
        header = read_header(table)
        if header is None:
            return out
        start, cols = header
        title_program = None
        for line in extraction.page_lines(table.pages[0]):
            if line.bbox[3] <= table.bbox[1] and (
                p := match_program(line.text, line.ocr_confidence is not None)
            ):
                title_program = p.program_id
        doc_id = extraction.document.document_id
        fname = extraction.document.file_name
        grid = table.grid()
        ocr = read_by_ocr(table)
        for row in range(start, table.n_rows):
            values = {f: grid[row][c] for f, c in cols.items()}
            if all(textrules.is_empty_marker(v) for v in values.values()):
                continue
            if sum(1 for v in values.values() if field_of(v, FIELD_LABELS, ocr)) >= 2:
                continue  # a repeated header row
            raw = values.get("project_name") or ""
            if textrules.is_placeholder(raw):
                out.warnings.append(f"{fname}: table {table.table_id} row {row}: no project name; skipped")
                continue
            program_id = title_program
            if values.get("program") and (p := match_program(values["program"], ocr)):
                program_id = p.program_id
            if program_id is None:
                out.warnings.append(f"{fname}: table {table.table_id} row {row}: program unknown")
            region_raw = values.get("region")
            region_name = ""
            if not textrules.is_empty_marker(region_raw):
                region_name = textrules.split_members(textrules.normalize_text(region_raw or ""))[0]
            region = regions.lookup(region_name)
            lead_raw = values.get("lead_institution")
            name = textrules.normalize_text(raw)
            cell = table.cell_at(row, cols["project_name"])
            out.adoptions.append(
                Adoption(
                    adoption_id=stable_id(doc_id, self.name, table.table_id, row, name),
                    document_id=doc_id,
                    program_id=program_id,
                    region_name=region_name,
                    region_code=region.code if region else None,
                    lead_institution=None
                    if textrules.is_empty_marker(lead_raw)
                    else textrules.normalize_text(lead_raw or ""),
                    project_name=name,
                    project_name_raw=raw,
                    fiscal_year=textrules.fiscal_year(values.get("fiscal_year")),
                    field=_optional(values.get("field")),
                    proposal_type=_optional(values.get("proposal_type")),
                    page_number=cell.page_number if cell else table.pages[0],
                    entry_index=row - start + 1,
                    layout=self.name,
                    table_id=table.table_id,
                    row_index=row,
                    ocr_confidence=cell.ocr_confidence if cell else None,
                )
            )
        return out


def _optional(text: str | None) -> str | None:
    return None if textrules.is_empty_marker(text) else textrules.normalize_text(text or "")
