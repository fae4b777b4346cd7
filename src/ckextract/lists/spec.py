"""List specs: one small TOML file per kind of list, declared, not coded.

A spec says how to recognize the list (words of its header row), its columns
(canonical name, the header words that name it, a type), context taken from
section headings (a regex with named groups), the key that follows a row from
one edition to the next, and — for adoption lists — the program it feeds.
Shipped specs live in ``ckextract/lists/specs/``; more come from folders given by
``--specs DIR`` or ``$CKEXTRACT_SPECS``. Every value is checked when the specs are
loaded, before any work: a mistake is reported with its file and line. See
``docs/adding-a-list.md``.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ckextract.errors import SpecError

SPECS_ENV = "CKEXTRACT_SPECS"
COLUMN_TYPES = ("text", "date", "integer", "corporate_number", "prefecture", "lines", "flag")
"""text: normalized text; date: 和暦 or 西暦 → DATE; integer; corporate_number: 法人番号 (13 digits,
check digit verified); prefecture: a prefecture, with its JIS code; lines: one item per
printed line (wrapped lines joined); flag: a mark column (〇 → true)."""
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]{0,62}")
"""List ids and column names become SQL names (views, columns): lower snake case."""
RESERVED_COLUMNS = frozenset(
    {
        "document_id",
        "list_id",
        "page_number",
        "row_index",
        "row_key",
        "row_id",
        "table_id",
        "raw",
        "type_errors",
        "load_id",
    }
)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    headers: tuple[str, ...]
    type: str = "text"
    required: bool = False


@dataclass(frozen=True, slots=True)
class ContextRule:
    """Values taken from a heading line above the rows (a free line on the page, or a row
    of the table spanning it): each named group of ``pattern`` is a column."""

    pattern: str
    types: tuple[tuple[str, str], ...]
    """(column, type) for each named group."""

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)


@dataclass(frozen=True, slots=True)
class ProgramDecl:
    program_id: str
    name_ja: str
    ministry_ja: str


@dataclass(frozen=True, slots=True)
class AdoptionFeed:
    """Which columns make an adoption of ``program`` from each row."""

    program: str
    region: str
    project_name: str
    lead_institution: str | None = None
    round: str | None = None


@dataclass(frozen=True, slots=True)
class ListSpec:
    list_id: str
    title: str | None
    recognize: tuple[str, ...]
    """Header words that must all be cells of one header row."""
    columns: tuple[Column, ...]
    context: tuple[ContextRule, ...]
    key: tuple[str, ...]
    """Columns whose values follow a row across editions."""
    ignore_in_changes: tuple[str, ...]
    """Columns whose change alone does not make a row ``changed`` (e.g. a section's 最終更新日)."""
    adoptions: AdoptionFeed | None
    program: ProgramDecl | None
    source: str
    """The spec file it came from."""

    @property
    def layout_name(self) -> str:
        return f"list:{self.list_id}"

    @property
    def all_columns(self) -> tuple[tuple[str, str], ...]:
        """(name, type) of every column: the context's first, then the table's."""
        return tuple(t for rule in self.context for t in rule.types) + tuple(
            (c.name, c.type) for c in self.columns
        )


# -- reading a file -------------------------------------------------------------------------------


def _line_of(text: str, needle: str, occurrence: int = 0, start: int = 0) -> int | None:
    """1-based line of the ``occurrence``-th line (from line ``start``) that starts with ``needle``."""
    seen = 0
    for i, line in enumerate(text.splitlines()[start:], start=start + 1):
        if line.strip().startswith(needle):
            if seen == occurrence:
                return i
            seen += 1
    return None


class _Reader:
    """Reads one spec file; every complaint names the file and the line."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    def fail(
        self, reason: str, key: str | None = None, table: str | None = None, index: int = 0
    ) -> SpecError:
        line = None
        if table is not None:
            line = _line_of(self.text, table, index)
        if key is not None:
            line = (
                _line_of(self.text, f"{key} ", 0, (line or 1) - 1)
                or _line_of(self.text, f"{key}=", 0, (line or 1) - 1)
                or line
            )
        return SpecError(self.path, line, reason)

    def string(
        self, data: dict[str, Any], key: str, where: tuple[str | None, int], *, required: bool = True
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(f"missing {key!r}", None, *where)
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key} must be a non-empty string, got {value!r}", key, *where)
        return value

    def strings(self, data: dict[str, Any], key: str, where: tuple[str | None, int]) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"{key} must be a list of strings, got {value!r}", key, *where)
        return tuple(value)

    def identifier(self, value: str, key: str, where: tuple[str | None, int]) -> str:
        if not IDENTIFIER.fullmatch(value):
            raise self.fail(
                f"{key} {value!r} must be lower snake case (a-z, 0-9, _), it names SQL columns", key, *where
            )
        if value in RESERVED_COLUMNS:
            raise self.fail(
                f"{key} {value!r} is reserved (the views have a column of that name)", key, *where
            )
        return value

    def column(self, data: Any, i: int) -> Column:
        where = ("[[columns]]", i)
        if not isinstance(data, dict):
            raise self.fail("each [[columns]] must be a table", None, *where)
        name = self.identifier(self.string(data, "name", where) or "", "name", where)
        kind = self.string(data, "type", where, required=False) or "text"
        if kind not in COLUMN_TYPES:
            raise self.fail(f"type {kind!r} is not one of {', '.join(COLUMN_TYPES)}", "type", *where)
        headers = self.strings(data, "header", where) or (name,)
        required = data.get("required", False)
        if not isinstance(required, bool):
            raise self.fail(f"required must be true or false, got {required!r}", "required", *where)
        self.unknown(data, {"name", "type", "header", "required"}, where)
        return Column(name, headers, kind, required)

    def context(self, data: Any, i: int) -> ContextRule:
        where = ("[[context]]", i)
        if not isinstance(data, dict):
            raise self.fail("each [[context]] must be a table", None, *where)
        pattern = self.string(data, "pattern", where) or ""
        try:
            regex = re.compile(pattern)
        except re.error as exc:
            raise self.fail(f"pattern is not a regular expression ({exc})", "pattern", *where) from exc
        if not regex.groupindex:
            raise self.fail(
                "pattern has no named group (?P<column>…): it would give no value", "pattern", *where
            )
        types = data.get("types", {})
        if not isinstance(types, dict):
            raise self.fail('types must be a table {column = "type"}', "types", *where)
        out = []
        for group in regex.groupindex:
            self.identifier(group, "group", where)
            kind = types.get(group, "text")
            if kind not in COLUMN_TYPES:
                raise self.fail(
                    f"type {kind!r} of {group} is not one of {', '.join(COLUMN_TYPES)}", "types", *where
                )
            out.append((group, kind))
        extra = set(types) - set(regex.groupindex)
        if extra:
            raise self.fail(
                f"types names no group of the pattern: {', '.join(sorted(extra))}", "types", *where
            )
        self.unknown(data, {"pattern", "types"}, where)
        return ContextRule(pattern, tuple(out))

    def unknown(self, data: dict[str, Any], known: set[str], where: tuple[str | None, int]) -> None:
        extra = set(data) - known
        if extra:
            first = sorted(extra)[0]
            raise self.fail(f"unknown key {first!r} (known: {', '.join(sorted(known))})", first, *where)


def read_spec(path: Path | str, text: str | None = None) -> ListSpec:
    """One spec file, checked; :class:`SpecError` names the file and line of a mistake."""
    name = str(path)
    try:
        text = text if text is not None else Path(path).read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise SpecError(name, None, f"not UTF-8 text ({exc.reason})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(
            name, getattr(exc, "lineno", None), f"invalid TOML ({str(exc).split(' (at')[0]})"
        ) from exc
    except OSError as exc:
        raise SpecError(name, None, f"cannot read ({exc.strerror})") from exc
    r = _Reader(name, text)
    top: tuple[str | None, int] = (None, 0)
    r.unknown(data, {"id", "title", "recognize", "columns", "context", "key", "adoptions", "program"}, top)
    list_id = r.identifier(r.string(data, "id", top) or "", "id", top)
    columns_data = data.get("columns")
    if not isinstance(columns_data, list) or not columns_data:
        raise r.fail("a spec needs [[columns]] (at least one)", "columns" if "columns" in data else None)
    columns = tuple(r.column(c, i) for i, c in enumerate(columns_data))
    context_data = data.get("context", [])
    if not isinstance(context_data, list):
        raise r.fail("context must be [[context]] tables", "context")
    context = tuple(r.context(c, i) for i, c in enumerate(context_data))
    names = [n for rule in context for n, _ in rule.types] + [c.name for c in columns]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise r.fail(f"column {duplicates[0]!r} is declared twice", None, "[[columns]]", 0)
    recognize = _section(r, data, "recognize")
    words = r.strings(recognize, "header", ("[recognize]", 0)) or tuple(
        c.headers[0] for c in columns if c.required
    )
    if not words:
        raise r.fail("[recognize] needs header words (or a column marked required)", None, "[recognize]")
    key = _section(r, data, "key")
    key_cols = r.strings(key, "columns", ("[key]", 0))
    ignore = r.strings(key, "ignore_in_changes", ("[key]", 0))
    for col in (*key_cols, *ignore):
        if col not in names:
            raise r.fail(f"[key] names {col!r}, which is no column", "columns", "[key]")
    return ListSpec(
        list_id=list_id,
        title=r.string(data, "title", top, required=False),
        recognize=words,
        columns=columns,
        context=context,
        key=key_cols,
        ignore_in_changes=ignore,
        adoptions=_adoptions(r, data, names),
        program=_program(r, data),
        source=name,
    )


def _section(r: _Reader, data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise r.fail(f"{key} must be a [{key}] table", key)
    return value


def _program(r: _Reader, data: dict[str, Any]) -> ProgramDecl | None:
    if "program" not in data:
        return None
    section = _section(r, data, "program")
    where = ("[program]", 0)
    r.unknown(section, {"id", "name_ja", "ministry_ja"}, where)
    return ProgramDecl(
        r.identifier(r.string(section, "id", where) or "", "id", where),
        r.string(section, "name_ja", where) or "",
        r.string(section, "ministry_ja", where) or "",
    )


def _adoptions(r: _Reader, data: dict[str, Any], names: Sequence[str]) -> AdoptionFeed | None:
    if "adoptions" not in data:
        return None
    section = _section(r, data, "adoptions")
    where = ("[adoptions]", 0)
    r.unknown(section, {"program", "region", "project_name", "lead_institution", "round"}, where)
    feed = AdoptionFeed(
        program=r.string(section, "program", where) or "",
        region=r.string(section, "region", where) or "",
        project_name=r.string(section, "project_name", where) or "",
        lead_institution=r.string(section, "lead_institution", where, required=False),
        round=r.string(section, "round", where, required=False),
    )
    for key in ("region", "project_name", "lead_institution", "round"):
        value = getattr(feed, key)
        if value is not None and value not in names:
            raise r.fail(f"[adoptions] {key} = {value!r} names no column", key, *where)
    return feed


# -- the registry ----------------------------------------------------------------------------------


def shipped_specs() -> list[tuple[str, str]]:
    """(name, text) of the specs shipped with ckextract."""
    folder = resources.files("ckextract.lists") / "specs"
    return sorted(
        (f"ckextract/lists/specs/{entry.name}", entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def spec_dirs_from_env() -> tuple[Path, ...]:
    value = os.environ.get(SPECS_ENV, "")
    return tuple(Path(p) for p in value.split(os.pathsep) if p)


def load_specs(dirs: Iterable[Path] = ()) -> tuple[ListSpec, ...]:
    """The shipped specs, then every ``*.toml`` of ``dirs`` (and ``$CKEXTRACT_SPECS``); a list
    id declared twice is an error naming both files."""
    specs = [read_spec(name, text) for name, text in shipped_specs()]
    for folder in (*dirs, *spec_dirs_from_env()):
        if not folder.is_dir():
            raise SpecError(str(folder), None, "no such folder of list specs")
        specs += [read_spec(p) for p in sorted(folder.glob("*.toml"))]
    seen: dict[str, ListSpec] = {}
    for spec in specs:
        if spec.list_id in seen:
            line = (
                _line_of(Path(spec.source).read_text(encoding="utf-8"), "id")
                if Path(spec.source).is_file()
                else None
            )
            raise SpecError(
                spec.source,
                line,
                f"list id {spec.list_id!r} is already declared by {seen[spec.list_id].source}",
            )
        seen[spec.list_id] = spec
    return tuple(seen.values())
