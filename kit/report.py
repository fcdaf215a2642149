"""The ``index.html`` of a run: every chart, grouped per notebook, and links to every table.

:func:`write_index` is called by :func:`kit.run.run_notebooks`. The page is one
self-contained HTML file with relative links only, so the output folder can be zipped
and shared, or opened straight from disk in a browser.
"""
from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kit.export import FIGURE_FORMATS, MANIFEST, read_manifest, safe_name
from kit.record import record_html

if TYPE_CHECKING:  # pragma: no cover
    from kit.run import NotebookRun, RunResult

__all__ = ["collect_exports", "notebook_title", "write_index"]

INDEX = "index.html"
_IMAGE_ORDER = ("png", "svg")  # what the page shows: PNG when there is one, else SVG

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:1.5rem 2rem 4rem}
h1{font-size:1.6rem;margin:.2rem 0 .8rem} h2{font-size:1.3rem;margin:2.4rem 0 .4rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
h3{font-size:1rem;margin:.2rem 0 .4rem}
a{color:#1b6ca8} .muted{color:#666;font-size:.9rem} code{background:#eee;padding:0 .25rem;border-radius:3px}
.summary td,.summary th{text-align:left;padding:.15rem 1rem .15rem 0;vertical-align:top}
.failed{background:#fdecee;border-left:4px solid #d1495b;padding:.6rem 1rem;margin:1rem 0}
.failed pre{white-space:pre-wrap;margin:.3rem 0 0}
.ok{color:#2d7a46;font-weight:600} .bad{color:#b3263b;font-weight:600}
.charts{display:grid;align-items:start;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:1.2rem}
figure{margin:0;background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.8rem}
figure img{width:100%;height:auto;display:block}
figcaption{margin-top:.5rem;font-size:.9rem} .nochart{color:#555;font-style:italic} .problem{color:#9a6b00;font-size:.85rem}
ul.tables{columns:2;padding-left:1.2rem} nav ol{columns:2}
.inwords{background:#fff;border-left:4px solid #1b6ca8;padding:.4rem 1rem;margin:1rem 0}
"""


def _href(*parts: str) -> str:
    return "/".join(quote(p) for p in parts)


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def notebook_title(path: str | Path) -> str:
    """The first markdown heading of a notebook (``# 01 · Corpus overview``), else its name."""
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "markdown":
                continue
            source = "".join(cell.get("source", []))
            for line in source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    except (OSError, ValueError, AttributeError):
        pass
    return Path(path).stem


def collect_exports(folder: str | Path) -> list[dict[str, Any]]:
    """What a notebook exported into ``folder``, in the order it was exported.

    The folder's ``manifest.json`` (written by :class:`kit.Exporter`) gives the order,
    the chart titles and the tables behind the charts; files it does not list (saved
    by other means) are added after it, charts before tables, by name. Entries whose
    files are gone are dropped.

    Returns
    -------
    list of dict
        Keys ``kind`` (``chart``, ``table`` or ``html``), ``name``, ``title``,
        ``files`` (file names in the folder), ``table`` (for charts: the CSV behind
        it, or None), ``problems`` (for charts: what its labelling lacks).
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    present = {p.name for p in folder.iterdir() if p.is_file() and p.name != MANIFEST}
    entries, listed = [], set()
    for item in read_manifest(folder)["exports"]:
        if not isinstance(item, dict):
            continue
        files = [f for f in item.get("files", []) if isinstance(f, str) and f in present]
        table = item.get("table") if item.get("table") in present else None
        if not files and not table and not item.get("reason"):
            continue
        entries.append({"kind": item.get("kind", "table"), "name": str(item.get("name", "")),
                        "title": str(item.get("title") or item.get("name", "")), "files": files,
                        "table": table, "problems": list(item.get("problems", []) or []),
                        "rows": item.get("rows"), "columns": item.get("columns"),
                        "reason": item.get("reason")})
        listed.update(files, [table] if table else [])
    stems: dict[str, list[str]] = {}
    for name in sorted(present - listed):
        stem, _, suffix = name.rpartition(".")
        if suffix.lower() in (*FIGURE_FORMATS, "csv", "html"):
            stems.setdefault(stem, []).append(name)
    charts, others = [], []
    for stem, files in stems.items():
        images = [f for f in files if f.rpartition(".")[2].lower() in FIGURE_FORMATS]
        csv = f"{stem}.csv" if f"{stem}.csv" in files else None
        if images:
            charts.append({"kind": "chart", "name": stem, "title": stem, "files": images, "table": csv,
                           "problems": [], "rows": None, "columns": None})
        for f in files:
            if f not in images and not (images and f == csv):
                kind = "html" if f.endswith(".html") else "table"
                others.append({"kind": kind, "name": stem, "title": stem, "files": [f], "table": None,
                               "problems": [], "rows": None, "columns": None})
    return entries + charts + others


def _display_path(path: str | Path, base: str | Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(base).resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def _chart_html(folder: str, entry: dict[str, Any]) -> str:
    files = entry["files"]
    by_format = {f.rpartition(".")[2].lower(): f for f in files}
    shown = next((by_format[f] for f in _IMAGE_ORDER if f in by_format), None)
    title = entry["title"] or entry["name"]
    links = [f'<a href="{_href(folder, f)}">{_e(f.rpartition(".")[2].upper())}</a>'
             for f in sorted(files, key=lambda f: FIGURE_FORMATS.index(f.rpartition(".")[2].lower())
                             if f.rpartition(".")[2].lower() in FIGURE_FORMATS else 9)]
    if entry.get("table"):
        links.append(f'<a href="{_href(folder, entry["table"])}">table (CSV)</a>')
    image = (f'<img src="{_href(folder, shown)}" alt="{_e(title)}" loading="lazy">' if shown
             else '<p class="muted">(no PNG or SVG exported; see the links)</p>')
    if entry.get("reason"):  # a chart with nothing to show: why, instead of a placeholder image
        image = f'<p class="nochart">No chart: {_e(entry["reason"])}.</p>'
        links = [link for link in links if "table" in link]
    problems = "".join(f'<div class="problem">check: {_e(p)}</div>' for p in entry.get("problems", []))
    return (f'<figure id="{_e(folder)}-{_e(entry["name"])}">{image}<figcaption><strong>{_e(title)}</strong>'
            f'<br><code>{_e(entry["name"])}</code> · {" · ".join(links)}{problems}</figcaption></figure>')


def _table_html(folder: str, entry: dict[str, Any]) -> str:
    f = entry["files"][0]
    size = ""
    if entry.get("rows") is not None:
        rows = entry["rows"]
        size = f' <span class="muted">({rows} row{"s" if rows != 1 else ""} × {entry.get("columns")} columns)</span>'
    text = f
    if entry.get("kind") == "html" and entry.get("title") not in (None, "", entry.get("name")):
        text = entry["title"]  # a highlighted article: listed by its title, not its id
    return f'<li><a href="{_href(folder, f)}">{_e(text)}</a>{size}</li>'


def _where(run: NotebookRun) -> str:
    return f"cell {run.cell} of {run.n_cells}" if run.cell else "at an unknown cell"


def _status(run: NotebookRun | None, state: str) -> str:
    if run is None:
        return ('<span class="muted">waiting to run</span>' if state == "running"
                else '<span class="bad">not run</span> (the run was interrupted before it)')
    if run.ok:
        return f'<span class="ok">ran</span> in {run.seconds:.1f} s'
    if run.interrupted:
        return '<span class="bad">INTERRUPTED</span>'
    return '<span class="bad">FAILED</span>'


def _kept(run: NotebookRun | None, previous: str | None) -> str:
    """What the charts below are, for a notebook that did not (yet) succeed in this run."""
    if previous:
        return f"The charts and tables below are from its last successful run ({_e(previous)} UTC), kept as they were."
    return "It has no exports from an earlier successful run."


def _notebook_html(run: NotebookRun | None, out: Path, *, path: Path | None = None,
                   state: str = "finished", previous: str | None = None) -> str:
    path = run.path if run is not None else path
    name = run.name if run is not None else path.stem
    folder = safe_name(name)
    title = notebook_title(path)
    links = []
    executed = out / "notebooks" / f"{folder}.ipynb"
    if executed.exists():
        label = "executed notebook (.ipynb)" if run is not None and run.ok else "last good run (.ipynb)"
        links.append(f'<a href="{_href("notebooks", executed.name)}">{label}</a>')
    if executed.with_suffix(".html").exists():
        links.append(f'<a href="{_href("notebooks", executed.with_suffix(".html").name)}">as a web page</a>')
    if run is not None and not run.ok:
        for page, label in ((run.failed_notebook, "the failed run (.ipynb)"), (run.failed_html, "as a web page")):
            if page is not None and Path(page).exists():
                links.append(f'<a href="{_href("notebooks", Path(page).name)}">{label}</a>')
    parts = [f'<section id="{_e(folder)}"><h2>{_e(title)}</h2>',
             f'<p class="muted"><code>{_e(path.name)}</code> · {_status(run, state)} · {" · ".join(links)}</p>']
    if run is not None and run.interrupted:
        parts.append(f'<div class="failed"><strong>This notebook was interrupted</strong> '
                     f'<pre>{_e(run.error)}</pre>{_kept(run, previous)}</div>')
    elif run is not None and not run.ok:
        where = _where(run)
        code = f": <code>{_e(run.source)}</code>" if run.source else ""
        parts.append(f'<div class="failed"><strong>This notebook failed at {_e(where)}</strong>{code}'
                     f'<pre>{_e(run.error)}</pre>{_kept(run, previous)} The failed run\'s notebook '
                     f'shows the full traceback.</div>')
    elif run is None:
        parts.append(f'<p class="muted">{_kept(run, previous)}</p>')
    entries = collect_exports(out / folder)
    charts = [e for e in entries if e["kind"] == "chart"]
    tables = [e for e in entries if e["kind"] == "table"]
    pages = [e for e in entries if e["kind"] == "html"]
    if charts:
        parts.append('<div class="charts">' + "".join(_chart_html(folder, c) for c in charts) + "</div>")
    elif run is not None and run.ok:
        parts.append('<p class="muted">This notebook exported no charts.</p>')
    listed = tables + pages
    chart_tables = [c for c in charts if c.get("table")]
    if listed or chart_tables:
        parts.append("<h3>Tables (CSV)</h3><ul class=\"tables\">")
        parts.extend(_table_html(folder, t) for t in tables)
        parts.extend(_table_html(folder, {"files": [c["table"]], "rows": c.get("rows"), "columns": c.get("columns")})
                     for c in chart_tables)
        parts.extend(_table_html(folder, p) for p in pages)
        parts.append("</ul>")
    parts.append(_in_words(out / folder))
    parts.append("</section>")
    return "\n".join(parts)


def _in_words(folder: Path, heading: str = "In words") -> str:
    """The notebook's generated summary (``summary.json``), escaped, *emphasis* kept."""
    import re

    from kit.summary import read_summary

    said = read_summary(folder)
    if not said:
        return ""
    text = re.sub(r"[*]([^*]+)[*]", r"<em>\1</em>", _e(said))
    return f'<div class="inwords"><h3>{_e(heading)}</h3><p>{text}</p></div>'


def _all_in_words(rows_for, out: Path) -> str:
    """Every notebook's summary, together, at the end of the page.

    ``rows_for`` pairs each notebook's path with its run (None when it did not run);
    the summary of a notebook that did not succeed in this run is from its last
    successful run, and says so.
    """
    parts = [_in_words(out / safe_name(Path(p).stem), notebook_title(p)
                       + ("" if r is not None and r.ok else " (from its last successful run)"))
             for p, r in rows_for]
    parts = [p for p in parts if p]
    return f'<section id="in-words"><h2>In words</h2>{"".join(parts)}</section>' if parts else ""


def write_index(result: RunResult) -> Path:
    """Write ``<out>/index.html`` for a run (atomically) and return its path.

    The page says what happened: which notebooks ran, failed, were interrupted or
    have not run (yet), and, for those that did not succeed, that the exports shown
    are from their last successful run. Every piece of text from the articles, the
    notebooks or the file names is HTML-escaped.
    """
    from kit.files import write_atomic

    out = Path(result.out)
    runs = result.notebooks
    state = getattr(result, "state", "finished")
    planned = list(getattr(result, "planned", None) or [r.path for r in runs])
    previous = getattr(result, "previous", {}) or {}
    by_path = {Path(r.path): r for r in runs}
    rows_for = [(p, by_path.get(Path(p))) for p in planned] + [(r.path, r) for r in runs
                                                               if Path(r.path) not in {Path(p) for p in planned}]
    n_ok = sum(1 for r in runs if r.ok)
    n_failed = sum(1 for r in runs if not r.ok and not r.interrupted)
    n_stopped = sum(1 for r in runs if r.interrupted)
    n_left = len(rows_for) - len(runs)
    skipped_rows = "".join(
        f"<li><code>{_e(_display_path(s.get('path', ''), result.data))}</code>"
        f"{' record ' + _e(s['record']) if s.get('record') not in (None, '') else ''}: {_e(s.get('reason', ''))}</li>"
        for s in result.skipped)
    articles = (f"{result.articles} loaded from {result.files} file{'s' if result.files != 1 else ''}; "
                f"{len(result.skipped)} input{'s' if len(result.skipped) != 1 else ''} skipped")
    if getattr(result, "load_error", None):
        articles = f'<span class="bad">the articles could not be loaded</span>: {_e(result.load_error)}'
    told = [f"{n_ok} of {len(rows_for)} ran"]
    if n_failed:
        told.append(f'<span class="bad">{n_failed} failed</span>')
    if n_stopped:
        told.append(f'<span class="bad">{n_stopped} interrupted</span>')
    if n_left:
        told.append(f"{n_left} waiting to run" if state == "running" else f'<span class="bad">{n_left} not run</span>')
    status = {"running": '<span class="bad">RUN IN PROGRESS</span> (or stopped without a word: if no run is '
                         'going on, the run was killed); notebooks not marked as ran show their earlier exports',
              "interrupted": '<span class="bad">INTERRUPTED</span> (Ctrl-C or SIGTERM); notebooks that did not '
                             'finish keep their earlier exports',
              "finished": "finished"}.get(state, _e(state))
    summary = [
        ("Run", status),
        ("Articles", articles),
        ("Data", f"<code>{_e(result.data)}</code>"),
        ("Notebooks", ", ".join(told)),
        ("Chart formats", ", ".join(_e(f.upper()) for f in result.formats)),
        ("Time", f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {result.seconds:.0f} s"
                 + (' · <a href="#record">for the methods section</a> (<a href="run.json">run.json</a>)'
                    if getattr(result, "record", None) else "")),
    ]
    if getattr(result, "explorer", None):
        summary.append(("Explorer", '<a href="explorer.html">explorer.html</a>: click a term for its lines in '
                                    "context, an article for its sources"))
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in summary)
    failures = ""
    bad = [r for r in runs if not r.ok]
    if bad:
        items = "".join(f'<li><a href="#{_e(safe_name(r.name))}">{_e(r.path.name)}</a>, '
                        + (_e(r.error) if r.interrupted else
                           f'{_e(_where(r))}{": <code>" + _e(r.source) + "</code>" if r.source else ""}: {_e(r.error)}')
                        + "</li>" for r in bad)
        failures = (f'<div class="failed"><strong>{len(bad)} notebook{"s" if len(bad) > 1 else ""} did not '
                    f'finish</strong><ul>{items}</ul></div>')
    nav = "".join(f'<li><a href="#{_e(safe_name(Path(p).stem))}">{_e(notebook_title(p))}</a>'
                  f'{"" if r is not None and r.ok else " <span class=bad>(" + _plain_status(r, state) + ")</span>"}</li>'
                  for p, r in rows_for)
    sections = "".join(_notebook_html(r, out, path=Path(p), state=state,
                                      previous=previous.get(safe_name(Path(p).stem)))
                       for p, r in rows_for)
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsroom-kit">
<title>newsroom-kit run</title><style>{_CSS}</style></head>
<body><main>
<h1>newsroom-kit: charts and tables</h1>
<table class="summary">{rows}</table>
{f'<details><summary>Skipped inputs</summary><ul>{skipped_rows}</ul></details>' if skipped_rows else ''}
{failures}
<nav><ol>{nav}</ol></nav>
{sections}
{_all_in_words(rows_for, out)}
{record_html(out) if getattr(result, "record", None) else ""}
<p class="muted">Made by <code>python -m kit run</code>. Chart and table file names stay the same across
reruns; every link is relative, so this folder can be zipped and shared.</p>
</main></body></html>
"""
    return write_atomic(out / INDEX, page)


def _plain_status(run: NotebookRun | None, state: str) -> str:
    if run is None:
        return "waiting" if state == "running" else "not run"
    return "interrupted" if run.interrupted else "failed"
