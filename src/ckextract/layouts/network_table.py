"""The network table (地域の産学官ネットワークの可視化): regions × programs × 名称/構成員/取組概要.

Recognized from its header, wherever it sits: group headers that name a
program (merged over their columns, or in a table without column lines reaching
over some of them) above sub-headers that name the fields.
The region column is the one no program group covers. Column order, widths,
the number of programs and of regions are all read from the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ckextract import regions, textrules
from ckextract.layouts import LayoutOutput, field_of, read_by_ocr, stable_id
from ckextract.programs import match_program
from ckextract.records import SECTORS, Extraction, Membership, Network, Repair, Sector, SourceCount, Table

FIELD_LABELS: dict[str, frozenset[str]] = {
    "name": frozenset({"名称", "名前", "拠点名", "協議会名", "協議会等名称", "ネットワーク名", "事業名"}),
    "members": frozenset({"構成員", "構成機関", "参画機関", "参画機関等", "メンバー", "構成団体"}),
    "overview": frozenset({"取組概要", "概要", "取組内容", "事業概要", "取組の概要"}),
}
MAX_HEADER_ROWS = 4


@dataclass(frozen=True, slots=True)
class ColumnGroup:
    program_id: str
    columns: dict[str, int]
    """Field name (name, members, overview) → column index."""


@dataclass(frozen=True, slots=True)
class Header:
    rows: int
    """Number of header rows; data starts below."""
    region_col: int
    groups: tuple[ColumnGroup, ...]


def read_header(table: Table) -> Header | None:
    """Find the header: the lowest row of field labels and the program above each column."""
    label_row = -1
    fields_by_col: dict[int, str] = {}
    ocr = read_by_ocr(table)
    for r in range(min(MAX_HEADER_ROWS, table.n_rows)):
        found = {c: f for c in range(table.n_cols) if (f := field_of(_text(table, r, c), FIELD_LABELS, ocr))}
        if len(found) >= 2:
            label_row, fields_by_col = r, found
    if label_row < 0:
        return None
    if ocr:
        fields_by_col = _with_repeated_labels(table, label_row, fields_by_col)
    groups: dict[str, dict[str, int]] = {}
    current: str | None = None  # the program of the field column to the left
    for col, field_name in sorted(fields_by_col.items()):
        program = None
        for r in range(label_row - 1, -1, -1):
            program = match_program(_text(table, r, col), ocr)
            if program:
                break
        if program is not None:
            current = program.program_id
        elif current is None or field_name in groups[current] or col - 1 not in fields_by_col:
            current = None
            continue
        # else: a group header without column lines reaches only as far as its text; the
        # field columns right of it, up to the next program, are still its own
        groups.setdefault(current, {}).setdefault(field_name, col)
    usable = tuple(ColumnGroup(p, cols) for p, cols in groups.items() if "name" in cols)
    if not usable:
        return None
    covered = {c for g in usable for c in g.columns.values()}
    free = [c for c in range(table.n_cols) if c not in covered]
    if not free:
        return None
    return Header(label_row + 1, free[0], usable)


def label_period(fields_by_col: dict[int, str]) -> int | None:
    """How many columns apart the field labels repeat, one program group after another
    (名称/構成員/取組概要 under each program: 3): the least step at which every pair of
    labelled columns that far apart holds one field, with at least one such pair."""
    for step in range(2, len(fields_by_col)):
        pairs = [(f, fields_by_col[c + step]) for c, f in fields_by_col.items() if c + step in fields_by_col]
        if pairs and all(a == b for a, b in pairs):
            return step
    return None


def _with_repeated_labels(table: Table, label_row: int, fields_by_col: dict[int, str]) -> dict[int, str]:
    """The field labels of a header read by OCR, with a label it misread past matching
    (名称 read 名符, 取組概要 read 取組機村) taken from the same place in the groups
    beside it (:func:`label_period`): for a printed cell of the label row under a program
    header, or right of a labelled column, whose neighbours one period away agree."""
    step = label_period(fields_by_col)
    if step is None:
        return fields_by_col
    out = dict(fields_by_col)
    for col in range(table.n_cols):
        if col in out or textrules.is_empty_marker(_text(table, label_row, col)):
            continue
        beside = {fields_by_col[c] for c in (col - step, col + step) if c in fields_by_col}
        under_program = any(match_program(_text(table, r, col), ocr=True) for r in range(label_row))
        if len(beside) == 1 and (under_program or col - 1 in out):
            out[col] = beside.pop()
    return out


def _text(table: Table, row: int, col: int) -> str | None:
    cell = table.cell_at(row, col)
    return cell.text if cell else None


class NetworkTableLayout:
    name = "network_table"

    def matches(self, table: Table) -> bool:
        return read_header(table) is not None

    def parse(self, extraction: Extraction, table: Table) -> LayoutOutput:
        header = read_header(table)
        out = LayoutOutput()
        if header is None:
            return out
        doc_id = extraction.document.document_id
        fname = extraction.document.file_name
        ocr = read_by_ocr(table)
        for row in range(header.rows, table.n_rows):
            region_text = _text(table, row, header.region_col)
            if textrules.is_empty_marker(region_text):
                continue
            assert region_text is not None
            region_name = textrules.normalize_text(region_text)
            if field_of(region_text, FIELD_LABELS, ocr) is not None:
                continue  # a header row that stitching did not recognize
            region = regions.lookup(region_name)
            if region is None:
                out.warnings.append(f"{fname}: row {row}: unknown region {region_name!r} (no code)")
            printed = sum(
                1
                for group in header.groups
                if not all(textrules.is_empty_marker(_text(table, row, c)) for c in group.columns.values())
            )
            out.source_counts.append(
                SourceCount(doc_id, "networks_per_row", f"{table.table_id}/{row}", printed)
            )
            for group in header.groups:
                self._network(extraction, table, row, region_name, region, group, out, doc_id, fname)
        return out

    def _network(
        self,
        extraction: Extraction,
        table: Table,
        row: int,
        region_name: str,
        region: regions.Region | None,
        group: ColumnGroup,
        out: LayoutOutput,
        doc_id: str,
        fname: str,
    ) -> None:
        cells = {f: table.cell_at(row, c) for f, c in group.columns.items()}
        texts = {f: (c.text if c else None) for f, c in cells.items()}
        if all(textrules.is_empty_marker(t) for t in texts.values()):
            return
        name_raw = texts.get("name") or ""
        name, plan = textrules.split_plan_name(textrules.normalize_text(name_raw))
        if not name and plan:
            name = plan
        if textrules.is_placeholder(name):  # "-", "・", "N/A": a cell that names no network
            out.warnings.append(
                f"{fname}: {region_name}/{group.program_id}: members or overview printed without a name; not loaded"
            )
            return
        nid = stable_id(doc_id, group.program_id, region_name, name)
        overview_raw = texts.get("overview")
        name_cell = cells["name"]
        assert name_cell is not None
        out.networks.append(
            Network(
                network_id=nid,
                document_id=doc_id,
                program_id=group.program_id,
                region_name=region_name,
                region_code=region.code if region else None,
                name=name,
                name_raw=name_raw,
                plan_name=plan,
                overview=None
                if textrules.is_empty_marker(overview_raw)
                else textrules.normalize_text(overview_raw or ""),
                page_number=name_cell.page_number,
                table_id=table.table_id,
                row_index=row,
                layout=self.name,
                overview_raw=None if textrules.is_empty_marker(overview_raw) else overview_raw,
                ocr_confidence=name_cell.ocr_confidence,
            )
        )
        members_raw = texts.get("members")
        if not textrules.is_empty_marker(members_raw):
            members_cell = cells.get("members")
            sure = members_cell.ocr_confidence if members_cell else None
            where = f"{fname}: {region_name}/{group.program_id}"
            self._members(members_raw or "", nid, doc_id, where, out, sure)

    def _members(
        self, text: str, nid: str, doc_id: str, where: str, out: LayoutOutput, sure: float | None = None
    ) -> None:
        repairs_before = len(out.repairs)
        placeholders = self._split_members(text, nid, doc_id, where, out, sure)
        repaired = len(out.repairs) - repairs_before
        expected = textrules.count_printed_items(text) - repaired - placeholders
        out.source_counts.append(SourceCount(doc_id, "members_per_cell", nid, expected))

    def _split_members(
        self, text: str, nid: str, doc_id: str, where: str, out: LayoutOutput, sure: float | None = None
    ) -> int:
        """Members of a 構成員 cell (``sure``: its OCR confidence); returns how many printed
        items named no organization."""
        placeholders = 0
        lead, chunks = textrules.split_sectors(text)
        if lead:
            out.warnings.append(f"{where}: text before the first sector tag: {lead!r}")
        position = 0
        for chunk in chunks:
            if chunk.tag not in SECTORS:
                out.warnings.append(
                    f"{where}: unknown sector tag 【{chunk.tag}】; its members are not loaded"
                )
                continue
            sector: Sector = chunk.tag
            items, fragment_repairs = textrules.repair_fragments(textrules.split_members(chunk.text))
            for fr in fragment_repairs:
                out.repairs.append(Repair(doc_id, nid, "fragment_repair", fr.before, fr.after))
            seen: set[str] = set()
            for item in items:
                org, role = textrules.split_role(textrules.normalize_text(item))
                if textrules.is_placeholder(org):
                    out.warnings.append(
                        f"{where}: 【{sector}】 item {item!r} names no organization; not loaded"
                    )
                    placeholders += 1
                    continue
                if org in seen:
                    out.repairs.append(Repair(doc_id, nid, "duplicate_member", f"{item}、{item}", item))
                    continue
                seen.add(org)
                position += 1
                out.memberships.append(Membership(nid, doc_id, position, sector, org, item, role, sure))
        return placeholders
