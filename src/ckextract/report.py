"""Stage 6, report: progress while a run works, and the summary it ends with."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ckextract.records import IngestSummary

Advance = Callable[..., None]


@contextmanager
def progress_bar(total: int, *, enabled: bool = True) -> Iterator[Advance]:
    """A progress bar over ``total`` documents on stderr (only on a terminal); ``advance(n, label)`` moves it."""
    import sys

    if not enabled or total == 0 or not sys.stderr.isatty():
        yield lambda n=1, label="": None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task_id = progress.add_task("starting…", total=total)

        def advance(n: int = 1, label: str = "") -> None:
            progress.update(task_id, advance=n, description=label)

        yield advance


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def summary_lines(s: IngestSummary) -> list[str]:
    """The readable end-of-run summary."""
    earlier = f", {len(s.rejected_earlier)} rejected earlier" if s.rejected_earlier else ""
    lines = [
        f"{_plural(s.documents, 'document')}: {len(s.loaded)} loaded, {len(s.no_layout)} with no known layout, "
        f"{len(s.skipped)} unchanged, {len(s.rejected)} rejected{earlier}, {len(s.quarantined)} quarantined",
        f"{_plural(s.tables, 'table')}, {_plural(s.networks, 'network')}, "
        f"{_plural(s.memberships, 'member')}, {_plural(s.adoptions, 'adoption sighting')}, "
        + (f"{_plural(s.list_rows, 'list row')}, " if s.list_rows else "")
        + f"{_plural(s.repairs, 'repair')}",
        f"warehouse: {s.db_path}",
    ]
    if s.ocr_pages:
        each = s.ocr_seconds / s.ocr_pages
        lines.insert(
            2, f"{_plural(s.ocr_pages, 'page')} read by OCR in {s.ocr_seconds:.0f} s ({each:.1f} s a page)"
        )
    if s.empty:
        lines.append("warning: no PDF found in the sources given: nothing was ingested")
    lines += [f"warning: {w}" for w in s.warnings]
    lines += [f"fetch failed: {f}" for f in s.fetch_failures]
    lines += [f"warning: {dup}: same bytes as {first}, read once as that" for dup, first in s.duplicates]
    lines += [f"rejected earlier, unchanged since: {name}: {reason}" for name, reason in s.rejected_earlier]
    lines += [f"note: {note}" for note in s.notes]
    lines += [f"no known layout (tables kept in raw_cells): {name}" for name in s.no_layout]
    if s.dq_run_id:
        lines.append(
            f"data quality: run {s.dq_run_id}, {len(s.quarantined)} quarantined, "
            f"{len(s.dq_warnings)} warning{'s' if len(s.dq_warnings) != 1 else ''}"
        )
        lines += [f"dq warning: {w}" for w in s.dq_warnings]
        if s.data_docs:
            lines.append(f"data docs: {s.data_docs}")
    return lines


def change_lines(series: str, editions: list[tuple[str, str | None]], log: Any) -> list[str]:
    """``ckextract diff``: the change log of a series, edition pair by edition pair."""
    lines = [f"series {series}: {_plural(len(editions), 'edition')}"]
    if log.empty:
        lines.append("no changes recorded" if len(editions) > 1 else "only one edition: nothing to compare")
        return lines
    for (_to_doc, to_edition), group in log.groupby(
        ["to_document_id", "to_edition"], sort=False, dropna=False
    ):
        from_edition = group.iloc[0]["from_edition"]
        lines.append(f"\n{from_edition} -> {to_edition}: {_plural(len(group), 'change')}")
        for row in group.itertuples(index=False):
            where = f"{row.region_name} {row.program_id}"
            if row.change == "renamed":
                lines.append(f"  ~ {row.entity:<10} {where}: {row.before} -> {row.after}")
            elif row.change == "role_changed":
                lines.append(f"  ~ {row.entity:<10} {where}: {row.subject}: role {row.before} -> {row.after}")
            else:
                mark = "+" if row.change == "added" else "-"
                lines.append(f"  {mark} {row.entity:<10} {where}: {row.subject}")
    return lines


def list_change_lines(log: list[dict[str, Any]]) -> list[str]:
    """``ckextract diff``: a list series' row changes, edition pair by edition pair; a changed
    row shows each column whose value changed (not the spec's ignore_in_changes ones)."""
    lines: list[str] = []
    pair: tuple[object, object, object] | None = None
    for row in log:
        here = (row["list_id"], row["from_edition"], row["to_edition"])
        if here != pair:
            pair = here
            count = sum(1 for r in log if (r["list_id"], r["from_edition"], r["to_edition"]) == here)
            lines.append(
                f"\n{row['list_id']} {row['from_edition']} -> {row['to_edition']}: {_plural(count, 'row change')}"
            )
        if row["change"] == "changed":
            before, after = row["before"] or {}, row["after"] or {}
            skip = set(row["ignore_in_changes"])
            diffs = [
                f"{k}: {before.get(k)} -> {after.get(k)}"
                for k in sorted(before.keys() | after.keys())
                if k not in skip and before.get(k) != after.get(k)
            ]
            lines.append(f"  ~ {row['row_key']}: {'; '.join(diffs)}")
        else:
            lines.append(f"  {'+' if row['change'] == 'added' else '-'} {row['row_key']}")
    return lines


SHOWN_ROWS = 3
"""Failing rows shown per failed check in the text report (``--json`` has the stored sample)."""
READABLE_KEYS = (
    "region_name",
    "network_name",
    "name",
    "org_name",
    "sector",
    "project_name",
    "program_id",
    "check",
    "subject",
)
"""What an analyst reads a failing row by, in this order (the text report and the Data
Docs' run page); hashes and positions only when a row has none of them."""
ID_KEYS = ("document_id", "network_id", "adoption_id", "position")


def readable_row(row: Any) -> str:
    """A failing row as ``広島県 · ネットワーク名 · org_name 'x'``: its names, not its hashes."""
    if not isinstance(row, dict):
        return str(row)
    keys = [k for k in READABLE_KEYS if row.get(k) not in (None, "")]
    if "network_name" in keys and "subject" in keys:  # the subject is that network's id
        keys.remove("subject")
    shown = [f"member {row[k]!r}" if k == "org_name" else str(row[k]) for k in keys]
    if "expected" in row:
        shown.append(f"printed {row['expected']}, read {row.get('actual')}")
    if not shown:
        shown = [f"{k} {v}" for k, v in row.items() if k != "document_id" and v not in (None, "")]
    return " · ".join(shown) or "(no values)"


def quality_lines(run: dict[str, Any]) -> list[str]:
    """``ckextract report``: a data-quality run, document by document."""
    lines = [
        f"run {run['run_id']} ({run['started_at']}): {_plural(run['documents'], 'document')}, "
        f"{run['checks']} checks each",
        f"  {run['passed']} passed, {run['with_warnings']} with warnings, {run['quarantined']} quarantined",
    ]
    for doc in run["per_document"]:
        lines.append(f"{doc['status']:<12} {doc['file']}")
        for severity, failures in (("critical", doc["critical"]), ("warning ", doc["warnings"])):
            for failure in failures:
                lines.append(f"  {severity} {failure['expectation']} ({failure['unexpected']} unexpected)")
                lines += [f"      {readable_row(row)}" for row in failure.get("sample", [])[:SHOWN_ROWS]]
    if run.get("data_docs"):
        lines.append(f"data docs: {run['data_docs']}")
    return lines
