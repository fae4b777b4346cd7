"""``duckdb``: a SQL prompt over the warehouse, installed with ckextract.

The README's first query step is ``.venv/bin/duckdb warehouse/ckextract.duckdb``. The
DuckDB CLI wheel on PyPI (``duckdb-cli``) stops at 1.5.x, and files written by DuckDB 2.0
(ours) cannot be read by 1.x; so the install provides this small shell over the DuckDB
Python package the warehouse is written with. It takes the CLI's common options::

    duckdb FILE                     # a prompt: statements end with ';', .quit or Ctrl-D ends
    duckdb FILE -c "select ..."     # run and exit (repeatable)
    duckdb -readonly FILE -c ...    # never takes the writer's lock for longer than a query
    duckdb FILE -csv|-json -c ...   # machine-readable output

Opened read-only by default when ``-c`` is given: an analyst's query must not block the
next scheduled ingest (DuckDB allows one process per file; a reader holds the file only
while the command runs).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

PROMPT, MORE = "D ", "· "


@dataclass
class Options:
    database: str = ":memory:"
    commands: list[str] = field(default_factory=list)
    readonly: bool = False
    output: str = "box"


USAGE = "usage: duckdb [FILE] [-readonly] [-csv|-json] [-c SQL ...]"


def parse(argv: Sequence[str]) -> Options:
    """The CLI's options (``-c``, ``-readonly``, ``-csv``, ``-json``; a file name)."""
    opts = Options()
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in ("-c", "-cmd", "--command"):
            if not args:
                raise SystemExit(f"duckdb: {arg} needs a SQL statement\n{USAGE}")
            opts.commands.append(args.pop(0))
        elif arg in ("-readonly", "--readonly"):
            opts.readonly = True
        elif arg in ("-csv", "--csv"):
            opts.output = "csv"
        elif arg in ("-json", "--json"):
            opts.output = "json"
        elif arg in ("-h", "-help", "--help"):
            raise SystemExit(USAGE)
        elif arg.startswith("-"):
            raise SystemExit(f"duckdb: unknown option {arg}\n{USAGE}")
        else:
            opts.database = arg
    return opts


def show(con: duckdb.DuckDBPyConnection, sql: str, output: str) -> None:
    """Run one statement and print its rows (nothing for a statement without rows)."""
    rel = con.sql(sql)
    if rel is None:
        return
    if output == "box":
        rel.show(max_width=10_000, max_rows=10_000)
        return
    columns = rel.columns
    rows = rel.fetchall()
    if output == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        print(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, default=str))


def prompt(con: duckdb.DuckDBPyConnection, output: str) -> None:
    """Read statements from the terminal (or a pipe) until ``.quit`` or end of input."""
    buffer: list[str] = []
    interactive = sys.stdin.isatty()
    while True:
        try:
            line = input(MORE if buffer else PROMPT) if interactive else sys.stdin.readline()
        except EOFError:
            break
        if not interactive and line == "":
            break
        if not buffer and line.strip() in (".quit", ".exit"):
            break
        buffer.append(line)
        text = "\n".join(buffer).strip()
        if text.endswith(";"):
            buffer = []
            try:
                show(con, text, output)
            except duckdb.Error as exc:
                print(f"Error: {exc}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    opts = parse(sys.argv[1:] if argv is None else argv)
    read_only = opts.readonly or (bool(opts.commands) and opts.database != ":memory:")
    try:
        con = duckdb.connect(opts.database, read_only=read_only)
    except duckdb.Error as exc:
        print(f"Error: {opts.database}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    try:
        for sql in opts.commands:
            try:
                show(con, sql, opts.output)
            except duckdb.Error as exc:
                print(f"Error: {str(exc).splitlines()[0]}", file=sys.stderr)
                return 1
        if not opts.commands:
            prompt(con, opts.output)
    except KeyboardInterrupt:
        return 130
    finally:
        con.close()
    return 0


def run() -> None:
    raise SystemExit(main())
