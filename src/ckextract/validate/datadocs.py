"""The Data Docs site, complete without a network, and ckextract's page of each run.

GX builds its pages with stylesheets, scripts and fonts loaded from CDNs; its index page
fills its lists with those scripts, so offline it lists nothing. :func:`make_offline`
copies the same files, pinned, from the project (``validate/assets/``: taken from the npm
registry, licences in ``assets/licenses/``) into the site and points every page at them;
GX's logo comes from the site's own images. :func:`write_run_page` adds a page per run
that names every document by file name and series and shows, per document, each check and
the rows that failed it, as an analyst reads them; :func:`link_runs` lists those pages at
the top of the index. All of it is plain HTML: it renders with scripts off as well.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ckextract.report import READABLE_KEYS

VENDOR = Path("static") / "vendor"
"""Where the assets go inside the site."""

CDN_FILES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), target)
    for pattern, target in (
        (r"https://code\.jquery\.com/jquery-3\.7\.1\.min\.js", "js/jquery.min.js"),
        (
            r"https://cdnjs\.cloudflare\.com/ajax/libs/popper\.js/1\.12\.9/umd/popper\.min\.js",
            "js/popper.min.js",
        ),
        (
            r"https://stackpath\.bootstrapcdn\.com/bootstrap/4\.3\.1/js/bootstrap\.min\.js",
            "js/bootstrap.min.js",
        ),
        (
            r"https://maxcdn\.bootstrapcdn\.com/bootstrap/4\.3\.1/css/bootstrap\.min\.css",
            "css/bootstrap.min.css",
        ),
        (
            r"https://unpkg\.com/bootstrap-table@1\.19\.\d/dist/bootstrap-table\.min\.js",
            "js/bootstrap-table.min.js",
        ),
        (
            r"https://unpkg\.com/bootstrap-table@1\.19\.\d/dist/bootstrap-table\.min\.css",
            "css/bootstrap-table.min.css",
        ),
        (
            r"https://unpkg\.com/bootstrap-table@1\.19\.\d/dist/extensions/filter-control/"
            r"bootstrap-table-filter-control(\.min)?\.js",
            "js/bootstrap-table-filter-control.min.js",
        ),
        (
            r"https://unpkg\.com/bootstrap-table@1\.19\.\d/dist/extensions/filter-control/"
            r"bootstrap-table-filter-control(\.min)?\.css",
            "css/bootstrap-table-filter-control.min.css",
        ),
        (
            r"https://cdnjs\.cloudflare\.com/ajax/libs/bootstrap-datepicker/1\.9\.0/js/bootstrap-datepicker\.min\.js",
            "js/bootstrap-datepicker.min.js",
        ),
        (
            r"https://cdnjs\.cloudflare\.com/ajax/libs/bootstrap-datepicker/1\.9\.0/css/bootstrap-datepicker\.min\.css",
            "css/bootstrap-datepicker.min.css",
        ),
        (
            r"https://cdnjs\.cloudflare\.com/ajax/libs/font-awesome/6\.6\.0/css/all\.min\.css",
            "css/fontawesome-all.min.css",
        ),
        (
            r"https://cdn\.jsdelivr\.net/npm/@forevolve/bootstrap-dark@1\.1\.0/dist/css/bootstrap-prefers-dark\.css",
            "css/bootstrap-prefers-dark.min.css",
        ),
    )
)
"""Each CDN address GX writes, and the vendored file that replaces it."""
GX_LOGO = re.compile(r"https://great-expectations-web-assets\.s3[^\"']*/logo-long\.png[^\"']*")
"""GX's logo, fetched with a tracking query; the site ships the same image."""
VEGA_SCRIPT = re.compile(
    r"<script[^>]*src=\"https://cdn\.jsdelivr\.net/npm/vega[^\"]*\"[^>]*>\s*</script>\s*"
)
"""Vega scripts, needed only by pages that draw a chart (``vegaEmbed``); ckextract's
checks draw none, so they are dropped rather than shipped (about 1 MB)."""
REMOTE = re.compile(r"""(?:src|href)=["'](https?://[^"']+)["']""")
RUNS_DIR = "ckextract"
RUNS_MARK = "<!-- ckextract runs -->"


def assets() -> Path:
    """The vendored assets in the installed package."""
    return Path(str(resources.files("ckextract.validate") / "assets"))


def offline_html(text: str, vendor_rel: str, images_rel: str) -> str:
    """A page's HTML with every CDN file pointed at the vendored copy (``vendor_rel``: the
    vendor folder relative to the page) and GX's logo at the site's own image."""
    for pattern, target in CDN_FILES:
        text = pattern.sub(f"{vendor_rel}/{target}", text)
    text = GX_LOGO.sub(f"{images_rel}/logo-long.png", text)
    if "vegaEmbed(" not in text:
        text = VEGA_SCRIPT.sub("", text)
    return text


def remote_resources(text: str) -> list[str]:
    """Addresses a page still loads from the network (stylesheets, scripts, images; links
    a reader may follow are not loads and are left out)."""
    loads = []
    for match in REMOTE.finditer(text):
        start = text.rfind("<", 0, match.start())
        tag = text[start : match.start()].lower()
        if tag.startswith(("<script", "<img")) or (tag.startswith("<link") and "stylesheet" in tag):
            loads.append(match.group(1))
    return loads


def _relative(target: Path, page: Path) -> str:
    return Path(os.path.relpath(target, page.parent)).as_posix()


def make_offline(site: Path) -> None:
    """Copy the assets into ``site`` and point every page of it at them."""
    shutil.copytree(assets(), site / VENDOR, dirs_exist_ok=True)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = offline_html(
            text, _relative(site / VENDOR, page), _relative(site / "static" / "images", page)
        )
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


@dataclass(frozen=True, slots=True)
class DocumentName:
    """How a run page names a document."""

    file_name: str
    series: str


def _row_cells(row: Mapping[str, Any]) -> str:
    """A failing row's cells: what an analyst reads it by first, hashes and positions after."""
    keys = [k for k in READABLE_KEYS if k in row] + [
        k for k in row if k not in READABLE_KEYS and k != "document_id"
    ]
    return "".join(
        f"<td><span class='key'>{html.escape(k)}</span> {html.escape(str(row[k]))}</td>" for k in keys
    )


def run_page(run_id: str, results: Sequence[Any], documents: Mapping[str, DocumentName]) -> str:
    """The HTML of one run: per document (file name, series), each check and its failing rows."""
    by_doc: dict[str, list[Any]] = {}
    for r in results:
        by_doc.setdefault(r.document_id, []).append(r)
    parts = [
        "<!DOCTYPE html><html lang='ja'><head><meta charset='utf-8'>",
        f"<title>ckextract run {html.escape(run_id)}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
        ".fail{color:#b00020}.pass{color:#1b5e20}.key{color:#666;font-size:85%}</style></head><body>",
        f"<h1>Run {html.escape(run_id)}</h1><p><a href='../index.html'>Data Docs index</a></p>",
    ]
    for doc_id in sorted(by_doc, key=lambda d: (documents.get(d, DocumentName(d, "")).file_name, d)):
        name = documents.get(doc_id, DocumentName(doc_id, ""))
        failed = [r for r in by_doc[doc_id] if not r.success]
        parts.append(
            f"<section class='document'><h2>{html.escape(name.file_name)}</h2>"
            f"<p>series {html.escape(name.series)} · document {html.escape(doc_id[:12])} · "
            f"{len(failed)} of {len(by_doc[doc_id])} checks failed</p>"
            "<table><tr><th>check</th><th>table</th><th>severity</th><th>result</th><th>failing rows</th></tr>"
        )
        for r in sorted(by_doc[doc_id], key=lambda r: (r.success, r.check)):
            status = (
                "<span class='pass'>passed</span>"
                if r.success
                else f"<span class='fail'>failed ({r.unexpected_count})</span>"
            )
            rows = "".join(f"<tr>{_row_cells(row)}</tr>" for row in r.sample if isinstance(row, Mapping))
            sample = f"<table class='failing-rows'>{rows}</table>" if rows else ""
            parts.append(
                f"<tr class='{'pass' if r.success else 'fail'}'><td>{html.escape(r.check)}</td>"
                f"<td>{html.escape(r.table)}</td><td>{html.escape(r.severity)}</td><td>{status}</td><td>{sample}</td></tr>"
            )
        parts.append("</table></section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_run_page(
    site: Path, run_id: str, results: Sequence[Any], documents: Mapping[str, DocumentName]
) -> Path:
    """Write the run's page into the site; its path."""
    path = site / RUNS_DIR / f"run-{run_id}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(run_page(run_id, results, documents), encoding="utf-8")
    return path


def _run_links(pages: Iterable[Path]) -> str:
    items = "".join(
        f"<li><a href='{RUNS_DIR}/{html.escape(p.name)}'>{html.escape(p.stem.removeprefix('run-'))}</a></li>"
        for p in pages
    )
    return (
        f"{RUNS_MARK}<nav id='ckextract-runs' style='margin:1em'><h2>ckextract runs: results per document</h2>"
        f"<ul>{items}</ul></nav>{RUNS_MARK}"
    )


def link_runs(site: Path) -> None:
    """List the run pages (newest first) at the top of the index page."""
    index = site / "index.html"
    if not index.exists():
        return
    pages = sorted((site / RUNS_DIR).glob("run-*.html"), key=lambda p: p.stat().st_mtime, reverse=True)
    text = index.read_text(encoding="utf-8")
    text = re.sub(re.escape(RUNS_MARK) + ".*?" + re.escape(RUNS_MARK), "", text, flags=re.S)
    text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + _run_links(pages), text, count=1)
    index.write_text(text, encoding="utf-8")
