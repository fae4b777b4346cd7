"""The ``ckextract`` command: a thin shell over the library.

Prefect and Great Expectations are imported only inside the commands that
need them, so ``ckextract tables`` starts fast.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import click

from ckextract.errors import CkExtractError
from ckextract.settings import DEFAULT_DB, DEFAULT_SOURCES, ExtractSettings, default_db, prefect_home

EXIT_INTERRUPTED = 130
"""128 + SIGINT, as shells report a program stopped by Ctrl-C."""


def _say(line: str, err: bool = False) -> None:
    """Print one line of text for people (control characters escaped: :mod:`ckextract.console`)."""
    from ckextract.console import printable

    click.echo(printable(line), err=err)


def _say_lines(lines: Iterable[str]) -> None:
    """Print report lines (a line may hold several, joined by newlines; each is escaped)."""
    for line in lines:
        for part in line.split("\n"):
            _say(part)


def _fail(message: str, code: int = 1) -> NoReturn:
    _say(f"Error: {message}", err=True)
    sys.exit(code)


def run() -> None:
    """The ``ckextract`` console script: :func:`main`; after a second Ctrl-C, once its line
    is printed and the current transaction rolled back, the process ends without waiting
    for threads still reading a document (their work is discarded; the run is marked
    interrupted by the next one)."""
    try:
        main()
    except SystemExit as exc:
        from ckextract import interrupts

        if exc.code == EXIT_INTERRUPTED and interrupts.forced():
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(EXIT_INTERRUPTED)
        raise


class CkExtractGroup(click.Group):
    """The command group; whatever escapes a command ends as one ``Error:`` line (exit 1),
    a Ctrl-C as one line and exit 130; ``CKEXTRACT_DEBUG=1`` shows the traceback instead."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            _fail("interrupted", EXIT_INTERRUPTED)
        except Exception as exc:
            from ckextract.console import DEBUG_VARIABLE, describe

            if os.environ.get(DEBUG_VARIABLE):
                raise
            _fail(describe(exc))


def _read_warehouse(db_path: Path | None) -> Any:
    """The warehouse's connection, read-only (a one-line error if it cannot be opened)."""
    from ckextract.warehouse.db import Warehouse

    path = default_db(db_path)
    if not path.exists():
        _fail(f"{path}: no warehouse here yet (run ckextract ingest first)")
    try:
        return Warehouse(path, read_only=True).con
    except CkExtractError as exc:
        _fail(str(exc))


db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help=f"DuckDB file [default: $CKEXTRACT_DB or {DEFAULT_DB}]",
)


@click.group(cls=CkExtractGroup)
@click.version_option(package_name="ckextract")
def main() -> None:
    """Japanese ministry network-table PDFs → a DuckDB warehouse."""
    # pdfminer warns on every odd font; the CLI reports one line per document instead
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)


ocr_option = click.option(
    "--ocr",
    type=click.Choice(["auto", "off"]),
    default="auto",
    show_default=True,
    help="Pages without usable text: read them by OCR when Tesseract is installed (auto), or not (off).",
)


@main.command()
@click.argument("pdf", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@ocr_option
def tables(pdf: Path, fmt: str, ocr: str) -> None:
    """Print the tables of any PDF (a table spanning pages is listed once)."""
    from ckextract.discover import discover
    from ckextract.extract import extract_document

    try:
        (doc,) = discover([pdf])
        extraction = extract_document(doc, ExtractSettings(ocr=ocr == "auto"))
    except CkExtractError as exc:
        _fail(str(exc))
    for page, _, reason in extraction.skipped_pages:
        _say(f"warning: {pdf.name}: page {page} skipped: {reason}", err=True)
    if fmt == "json":
        out = [
            {
                "pages": list(t.pages),
                "bbox": [round(v, 2) for v in t.bbox],
                "found_by": t.found_by,
                "confidence": t.confidence,
                "rows": t.grid(),
            }
            for t in extraction.tables
        ]
        click.echo(json.dumps(out, ensure_ascii=False, indent=1))
        return
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for i, t in enumerate(extraction.tables):
        if i:
            buf.write("\n")
        writer.writerows([["" if v is None else v for v in row] for row in t.grid()])
    click.echo(buf.getvalue(), nl=False)


def _prepare_prefect(db_path: Path, verbose: bool) -> None:
    """Embedded defaults: a Prefect home beside the warehouse, quiet logs, temporary server."""
    os.environ.setdefault("PREFECT_HOME", str(prefect_home(db_path)))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no network here; no noise
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")
        os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")


def _extract_settings(pairs: tuple[str, ...]) -> ExtractSettings:
    """``--setting NAME=VALUE`` pairs as :class:`ExtractSettings` (validated there)."""
    from dataclasses import fields

    types = {f.name: f.type for f in fields(ExtractSettings)}
    values: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in types:
            raise click.BadParameter(
                f"{pair!r}: expected NAME=VALUE with NAME one of {', '.join(sorted(types))}",
                param_hint="--setting",
            )
        kind = str(types[name])
        try:
            if "bool" in kind:
                if raw.lower() not in {"true", "false", "1", "0", "yes", "no"}:
                    raise ValueError(raw)
                values[name] = raw.lower() in {"true", "1", "yes"}
            else:
                values[name] = int(raw) if "int" in kind else float(raw)
        except ValueError:
            raise click.BadParameter(
                f"{pair!r}: {raw!r} is not a valid {kind}", param_hint="--setting"
            ) from None
    try:
        return ExtractSettings(**values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--setting") from None


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--engine",
    type=click.Choice(["prefect", "local"]),
    default="prefect",
    show_default=True,
    help="prefect: the stages as Prefect tasks (temporary server unless PREFECT_API_URL is set; "
    "not started when nothing needs parsing); local: the same stages without Prefect",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="Show Prefect's and Dask's logs.")
@click.option("--no-validate", is_flag=True, help="Skip the data-quality gate (load unchecked).")
@click.option("--reprocess", is_flag=True, help="Parse every document again, even unchanged ones.")
@click.option("--no-fetch", is_flag=True, help="Do not download the manifests' URL sources first.")
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    help="Seconds to wait for the warehouse while another process holds it (each time it is opened).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Extract in this many worker processes (or Dask workers with --dask local).",
)
@click.option(
    "--dask",
    "dask_address",
    default=None,
    help="Extract on a Dask cluster: its scheduler address, or 'local' to start one.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=16,
    show_default=True,
    help="Documents validated and loaded together (memory holds one batch).",
)
@click.option(
    "--batch-pages",
    type=click.IntRange(1, 10_000_000),
    default=500,
    show_default=True,
    help="...and at most this many pages (a longer document is a batch of its own).",
)
@click.option(
    "--specs",
    "spec_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="A folder of more list specs (*.toml); also $CKEXTRACT_SPECS. See docs/adding-a-list.md.",
)
@click.option(
    "--setting",
    "settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Tune the table finder (ckextract.settings.ExtractSettings), e.g. --setting snap_tolerance=2.",
)
@ocr_option
def ingest(
    paths: tuple[Path, ...],
    db_path: Path | None,
    engine: str,
    quiet: bool,
    as_json: bool,
    verbose: bool,
    no_validate: bool,
    reprocess: bool,
    no_fetch: bool,
    wait: float,
    workers: int,
    dask_address: str | None,
    batch_size: int,
    batch_pages: int,
    spec_dirs: tuple[Path, ...],
    settings: tuple[str, ...],
    ocr: str,
) -> None:
    """Ingest PDFs (files or folders; default raw_pdfs/) into the warehouse.

    Records pass the data-quality gate first; a document failing a critical
    check is quarantined (exit status 1, one line per document)."""
    from ckextract.settings import IngestOptions

    options = IngestOptions(
        sources=tuple(paths) or (DEFAULT_SOURCES,),
        db_path=default_db(db_path),
        extract=_extract_settings((*settings, "ocr=false") if ocr == "off" else settings),
        validate=not no_validate,
        reprocess=reprocess,
        fetch=not no_fetch,
        wait=wait,
        workers=workers,
        dask=dask_address,
        batch_size=batch_size,
        batch_pages=batch_pages,
        spec_dirs=spec_dirs,
    )
    from ckextract.interrupts import stop_on_signals
    from ckextract.report import progress_bar, summary_lines

    show = not (quiet or as_json)
    if show and sys.stderr.isatty():
        from ckextract import progress

        progress.enable()
    try:
        with stop_on_signals(quiet=quiet or as_json) as stop:
            summary = _run_ingest(options, engine, verbose, show, stop, progress_bar)
    except CkExtractError as exc:
        from ckextract.errors import InterruptedRun

        if isinstance(exc, InterruptedRun):
            marked = f"run {exc.load_id} is marked interrupted; " if exc.load_id else "no run had begun; "
            _fail(f"{exc}: {marked}documents loaded before it stay", EXIT_INTERRUPTED)
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1))
    elif not quiet:
        _say_lines(summary_lines(summary))
    for rejection in summary.rejected:
        _say(f"Error: {rejection.message}", err=True)
    for quarantine in summary.quarantined:
        _say(f"Error: {quarantine.message}", err=True)
    for failure in summary.fetch_failures:
        _say(f"Error: fetch {failure}", err=True)
    for file_name, reason in summary.rejected_earlier:
        _say(f"Error: {file_name}: rejected earlier: {reason}", err=True)
    if summary.empty:
        given = ", ".join(str(s) for s in options.sources)
        _say(f"Error: no PDF found in {given}: nothing to ingest", err=True)
    sys.exit(0 if summary.ok else 1)


def _run_ingest(options: Any, engine: str, verbose: bool, show: bool, stop: Any, progress_bar: Any) -> Any:
    """Prepare (fetch, discover), preview the plan, then run the stages on the engine asked
    for; Prefect is started only when there is something to parse."""
    from ckextract.executors import SerialExecutor, local_executor
    from ckextract.pipeline import prepare, preview, run

    prepared = prepare(options)
    todo = len(preview(options, prepared).todo)
    with progress_bar(todo, enabled=show) as advance:

        def progress(doc: Any, result: Any) -> None:
            advance(1, doc.file_name)

        if engine == "local":
            return run(
                options, local_executor(options, verbose), progress=progress, prepared=prepared, stop=stop
            )
        if todo == 0:
            note = "nothing to parse: Prefect not started"
            return run(options, SerialExecutor("prefect"), prepared=prepared, stop=stop, note=note)
        _prepare_prefect(options.db_path, verbose)
        from flows.ingest import run_ingest

        if not verbose:  # errors come back as values or one line from the CLI, not as Prefect's tracebacks
            for name in ("prefect.flow_runs", "prefect.task_runs", "EventsWorker", "APILogWorker"):
                logging.getLogger(name).setLevel(logging.CRITICAL)

        return run_ingest(options, progress, prepared, stop)


@main.command()
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Seconds per connection/read.")
@click.option("--retries", type=int, default=3, show_default=True)
def fetch(folders: tuple[Path, ...], timeout: float, retries: int) -> None:
    """Download the URL sources of each folder's sources.toml (default raw_pdfs/) into fetched/."""
    from ckextract.fetch import FetchSettings, fetch_sources

    settings = FetchSettings(timeout=timeout, retries=retries)
    failed = 0
    for folder in folders or (DEFAULT_SOURCES,):
        if not folder.is_dir():
            _fail(f"{folder}: no such folder")
        try:
            result = fetch_sources(folder, settings)
        except CkExtractError as exc:
            _fail(str(exc))
        for got in result.fetched:
            _say(f"{'new' if got.new else 'unchanged'}  {got.url} -> {got.path}")
        for failure in result.failed:
            _say(f"Error: fetch {failure.message}", err=True)
        failed += len(result.failed)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("series")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
def diff(series: str, db_path: Path | None, as_json: bool) -> None:
    """Print what changed between consecutive editions of SERIES (networks, members,
    adoptions, and the rows of declared lists)."""
    from ckextract.report import change_lines, list_change_lines
    from ckextract.warehouse.history import change_log, editions
    from ckextract.warehouse.lists import list_change_log

    con = _read_warehouse(db_path)
    eds = editions(con, series)
    if not eds:
        known = [r[0] for r in con.execute("SELECT DISTINCT series_id FROM documents ORDER BY 1").fetchall()]
        _fail(f"no series {series!r} (known: {', '.join(known) or 'none'})")
    log = change_log(con, series)
    rows = list_change_log(con, series)
    if as_json:
        records = json.loads(log.to_json(orient="records", force_ascii=False)) + rows
        click.echo(json.dumps(records, ensure_ascii=False, indent=1, default=str))
        return
    lines = change_lines(series, eds, log)
    if rows and lines[-1] in ("no changes recorded",):
        lines.pop()
    _say_lines(lines + list_change_lines(rows))


@main.command()
@click.option("--region", required=True, help="Region name (徳島県) or code (36).")
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="FILE.html, FILE.svg, or FILE.png (drawn by headless Chromium): the format is the extension's.",
)
@click.option(
    "--force", is_flag=True, help="Overwrite a graph an earlier run wrote to --out (never another file)."
)
@db_option
def graph(region: str, out: Path, force: bool, db_path: Path | None) -> None:
    """Draw a region's networks and organizations; bridging organizations stand out."""
    from ckextract.graph import region_graph
    from ckextract.outputs import GRAPH_FORMATS, prepare_output, write_atomically

    fmt = prepare_output(out, GRAPH_FORMATS, force=force, protected=[default_db(db_path)])
    con = _read_warehouse(db_path)
    try:
        page = region_graph(con, region)
    except LookupError:
        _fail(f"no networks for region {region!r}")
    if fmt.suffix == ".png":
        from ckextract.screenshot import html_to_png

        data = html_to_png(page.html())
    else:
        data = (page.svg_file() if fmt.suffix == ".svg" else page.html()).encode("utf-8")
    write_atomically(out, data)
    _say(f"wrote {out}")


@main.command()
@click.option(
    "--parquet",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder for one <table>.parquet per table and view.",
)
@db_option
def export(folder: Path, db_path: Path | None) -> None:
    """Export every table and view of the warehouse as Parquet."""
    from ckextract.warehouse.export import export_parquet

    files = export_parquet(_read_warehouse(db_path), folder)
    _say(f"wrote {len(files)} Parquet files to {folder}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--cron", required=True, help='Cron schedule, e.g. "0 6 * * *" (every day at 06:00).')
@db_option
@click.option("--name", default="ckextract-reingest", show_default=True, help="Deployment name.")
def serve(paths: tuple[Path, ...], cron: str, db_path: Path | None, name: str) -> None:
    """Serve the ingest flow as a Prefect deployment that re-ingests on a cron schedule.

    Needs a running Prefect server (prefect server start) and PREFECT_API_URL pointing at it."""
    if not os.environ.get("PREFECT_API_URL"):
        _fail(
            "scheduling needs a Prefect server: run `prefect server start` and set "
            "PREFECT_API_URL=http://127.0.0.1:4200/api (the temporary server cannot schedule)"
        )
    sources = tuple(paths) or (DEFAULT_SOURCES,)
    db = default_db(db_path)
    from flows.deploy import serve as serve_deployment

    _say(f"serving deployment {name!r} on {cron!r}: {', '.join(map(str, sources))} -> {db}")
    serve_deployment(cron, [str(p.resolve()) for p in sources], str(db.resolve()), name)


@main.command()
@db_option
@click.option("--run", "run_id", default=None, help="A dq run id [default: the latest run].")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def report(db_path: Path | None, run_id: str | None, as_json: bool) -> None:
    """Summarize a data-quality run: what passed, failed and was quarantined."""
    from ckextract.report import quality_lines
    from ckextract.warehouse.quality import latest_run_id, run_summary

    con = _read_warehouse(db_path)
    run = run_id or latest_run_id(con)
    summary = run_summary(con, run) if run else None
    if summary is None:
        _fail(f"no data-quality run {run_id!r}" if run_id else "no data-quality run recorded yet")
    assert summary is not None
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=1, default=str))
    else:
        _say_lines(quality_lines(summary))


@main.group()
def spec() -> None:
    """List specs: a new kind of ministry list, declared in TOML (docs/adding-a-list.md)."""


@spec.command("suggest")
@click.argument("pdf", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--id", "list_id", default="my_list", show_default=True, help="The new list's id (lower snake case)."
)
def spec_suggest(pdf: Path, list_id: str) -> None:
    """Print a draft spec for PDF's largest table, for a person to edit."""
    from ckextract.discover import discover
    from ckextract.extract import extract_document
    from ckextract.lists.spec import read_spec
    from ckextract.lists.suggest import suggest

    try:
        (doc,) = discover([pdf])
        draft = suggest(extract_document(doc), list_id)
        read_spec(f"draft for {pdf.name}", draft)  # the draft itself reads as a spec
    except (CkExtractError, ValueError) as exc:
        _fail(str(exc))
    click.echo(draft, nl=False)


@spec.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
def spec_check(files: tuple[Path, ...]) -> None:
    """Check spec files: each is read as ingest would (errors name the file and line)."""
    from ckextract.lists.spec import read_spec

    failed = 0
    for path in files:
        try:
            found = read_spec(path)
        except CkExtractError as exc:
            _say(f"Error: {exc}", err=True)
            failed += 1
            continue
        _say(
            f"ok  {path}: {found.list_id}, {len(found.all_columns)} columns, key {', '.join(found.key) or '-'}"
        )
    sys.exit(1 if failed else 0)


@spec.command("list")
@click.option("--specs", "spec_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False))
def spec_list(spec_dirs: tuple[Path, ...]) -> None:
    """The specs ingest would use: shipped, --specs folders and $CKEXTRACT_SPECS."""
    from ckextract.lists.spec import load_specs

    try:
        specs = load_specs(spec_dirs)
    except CkExtractError as exc:
        _fail(str(exc))
    for s in specs:
        _say(f"{s.list_id:<32} {s.title or ''}  ({s.source}; view v_list_{s.list_id})")


if __name__ == "__main__":  # pragma: no cover
    run()
