"""Export charts and the tables behind them, with stable names, into one folder.

Every notebook writes through :class:`Exporter`, so that each chart lands as
``<out>/<notebook>/<name>.<png|svg|pdf>`` beside ``<name>.csv`` (the table behind
it), file names stay the same across reruns (a paper's figure paths do not break),
the files are byte-for-byte the same when the input is, and nothing is ever written
outside the chosen output folder, whatever the names contain.

Each export is also listed, in the order it was made, in
``<out>/<notebook>/manifest.json`` (name, chart title, files, the table behind it,
and any problem with the chart's labelling); ``python -m kit run`` builds its
``index.html`` from these lists.
"""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from kit.config import STYLE_SHEET, exports_dir

__all__ = ["ChartWarning", "Exporter", "DEFAULT_FORMATS", "MANIFEST", "chart_problems",
           "chart_title", "read_manifest", "safe_name", "use_style"]

DEFAULT_FORMATS = ("png", "svg")
FIGURE_FORMATS = ("png", "svg", "pdf")
#: The file, in each notebook's export folder, that lists what was exported.
MANIFEST = "manifest.json"
#: Fixed salt for the ids matplotlib writes into SVG files, so reruns give equal bytes.
SVG_HASH_SALT = "newsroom-kit"
# Names Windows refuses as file names, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


class ChartWarning(UserWarning):
    """An exported chart lacks a title or an axis label."""


def use_style() -> None:
    """Apply the kit's matplotlib house style (``kit/style/kit.mplstyle``)."""
    import matplotlib.pyplot as plt

    plt.style.use(str(STYLE_SHEET))


def safe_name(name: str, *, max_length: int = 80) -> str:
    """A file-name-safe slug of ``name``: ASCII letters, digits, ``_``, ``-`` and ``.``.

    Path separators, ``..`` and other characters are replaced, so the result never
    leaves the folder it is joined to. Accents are dropped (``é`` -> ``e``). When
    letters cannot be spelled in ASCII (``"Новости"``) or the name is longer than
    ``max_length``, a short hash of the full name is appended, so that distinct
    names keep distinct, stable file names.

    Examples
    --------
    >>> safe_name("../../etc/passwd")
    'etc_passwd'
    >>> safe_name("Top terms: 2022/08")
    'top_terms_2022_08'
    >>> safe_name("Beiträge über Öl")
    'beitrage_uber_ol'
    """
    original = str(name)
    decomposed = unicodedata.normalize("NFKD", original)
    lossy = any(ord(c) > 127 and not unicodedata.combining(c) for c in decomposed)
    text = decomposed.encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9_.-]+", "_", text.lower())
    text = re.sub(r"\.{2,}", ".", text).strip("._-")
    text = re.sub(r"_+", "_", text)
    digest = hashlib.sha1(original.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if lossy or len(text) > max_length:
        text = f"{text[: max(max_length - 9, 0)].strip('._-')}_{digest}".strip("._-")
    if not text:
        text = "unnamed"
    head, dot, tail = text.partition(".")
    if head in _RESERVED:  # "con.csv" cannot be created on Windows
        text = f"{head}_{dot}{tail}"
    return text


def _parse_formats(formats: str | Iterable[str] | None) -> tuple[str, ...]:
    if formats is None:
        return DEFAULT_FORMATS
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    out = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in items if f.strip()))
    bad = [f for f in out if f not in FIGURE_FORMATS]
    if bad:
        raise ValueError(f"unknown chart format(s) {bad}; choose from {list(FIGURE_FORMATS)}")
    return out or DEFAULT_FORMATS


def chart_title(fig) -> str:
    """The title of a matplotlib figure: its suptitle, else the first axes title."""
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        return sup.get_text().strip()
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            if ax.get_title(loc=loc).strip():
                return ax.get_title(loc=loc).strip()
    return ""


def _is_number(label: str) -> bool:
    text = label.replace("\u2212", "-").replace(",", "").replace("%", "").replace("$", "").strip()
    try:
        float(text)
    except ValueError:
        return False
    return True


def _needs_label(axis) -> bool:
    """Whether an axis shows quantities (so needs a label saying what and in which unit).

    Category axes (bar labels, article titles) explain themselves; numeric and date
    axes do not.
    """
    from matplotlib.category import StrCategoryConverter

    converter = axis.get_converter() if hasattr(axis, "get_converter") else axis.converter
    if isinstance(converter, StrCategoryConverter):
        return False
    if not axis.get_visible():
        return False
    labels = [t.get_text() for t in axis.get_ticklabels() if t.get_text().strip()]
    if not labels:
        return False
    if converter is None and not any(_is_number(t) for t in labels):
        return False  # fixed text tick labels: categories
    return True


def chart_problems(fig) -> list[str]:
    """What a chart for a paper lacks: a title, or labels on its quantity axes.

    The figure should have been drawn (saved) first, so that its tick labels exist.

    Returns
    -------
    list of str
        One message per problem, e.g. ``"no title"``, ``"panel 1: y axis has no label"``;
        empty when the chart is fine.
    """
    problems = [] if chart_title(fig) else ["no title"]
    panels = [ax for ax in fig.axes if ax.axison]
    for i, ax in enumerate(panels, start=1):
        where = f"panel {i}: " if len(panels) > 1 else ""
        colorbar = getattr(ax, "_colorbar", None)
        if colorbar is not None:
            axis = ax.yaxis if colorbar.orientation == "vertical" else ax.xaxis
            if not axis.get_label_text().strip():
                problems.append(f"{where}colour bar has no label")
            continue
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if _needs_label(axis) and not axis.get_label_text().strip():
                problems.append(f"{where}{name} axis has no label")
    return problems


def read_manifest(folder: str | Path) -> dict[str, Any]:
    """The export list of one notebook's folder (empty when there is none or it is unreadable)."""
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"notebook": Path(folder).name, "exports": []}
    if not isinstance(manifest, dict) or not isinstance(manifest.get("exports"), list):
        return {"notebook": Path(folder).name, "exports": []}
    return manifest


class Exporter:
    """Writes a notebook's charts and tables into ``<out>/<notebook>/``.

    Parameters
    ----------
    out : path, optional
        The output folder; defaults to ``exports/`` (or ``$KIT_EXPORTS``).
    notebook : str
        A short name for the sub-folder, e.g. ``"01_corpus_overview"``.
    formats : str or list of str, default ``("png", "svg")``
        Chart formats, e.g. ``"png,svg,pdf"``. PNG is written at 300 dpi; SVG and PDF
        are vector files that keep text as text.

    Notes
    -----
    Names pass through :func:`safe_name`, so files never land outside
    ``<out>/<notebook>/``. A chart without a title, or with a quantity axis without a
    label, is still saved, with a :class:`ChartWarning` saying what is missing.
    """

    def __init__(self, out: str | Path | None = None, *, notebook: str,
                 formats: str | Iterable[str] | None = None) -> None:
        self.root = Path(out if out is not None else exports_dir()).resolve()
        self.notebook = str(notebook)
        self.folder = self.root / safe_name(notebook)
        self.formats = _parse_formats(formats)

    def _path(self, name: str, suffix: str) -> Path:
        path = (self.folder / f"{safe_name(name)}.{suffix}").resolve()
        if not path.is_relative_to(self.root):  # safe_name makes this impossible; belt and braces
            raise ValueError(f"refusing to write outside {self.root}: {path}")
        self.folder.mkdir(parents=True, exist_ok=True)
        return path

    def _record(self, entry: dict[str, Any]) -> None:
        """Add or replace ``entry`` (by kind and name) in the folder's manifest."""
        manifest = read_manifest(self.folder)
        manifest["notebook"] = safe_name(self.notebook)
        items = manifest["exports"]
        key = (entry["kind"], entry["name"])
        for i, item in enumerate(items):
            if isinstance(item, dict) and (item.get("kind"), item.get("name")) == key:
                items[i] = entry
                break
        else:
            items.append(entry)
        path = self._path(Path(MANIFEST).stem, "json")
        path.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    def figure(self, fig, name: str, *, data: pd.DataFrame | None = None) -> list[Path]:
        """Save ``fig`` in every format, and ``data`` (the table behind it) as CSV.

        Returns
        -------
        list of Path
            The files written.
        """
        import matplotlib.pyplot as plt

        if getattr(fig, "reason", None) is not None and not hasattr(fig, "savefig"):
            return self._no_chart(fig, name, data=data)
        written = []
        for fmt in self.formats:
            path = self._path(name, fmt)
            metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}.get(fmt)
            with plt.rc_context({"svg.hashsalt": SVG_HASH_SALT}):
                fig.savefig(path, format=fmt, dpi=300 if fmt == "png" else None, metadata=metadata,
                            bbox_inches="tight")
            written.append(path)
        problems = chart_problems(fig)
        if problems:
            warnings.warn(f"chart {safe_name(name)!r} in {safe_name(self.notebook)}: {'; '.join(problems)}",
                          ChartWarning, stacklevel=2)
        table = None
        if data is not None:
            table = self._table(data, name)
            written.append(table)
        self._record({"kind": "chart", "name": safe_name(name), "title": chart_title(fig),
                      "files": [p.name for p in written if p != table],
                      "table": table.name if table is not None else None,
                      "rows": int(len(data)) if data is not None else None,
                      "columns": int(data.shape[1]) if data is not None else None,
                      "problems": problems})
        return written

    def _no_chart(self, fig, name: str, *, data: pd.DataFrame | None = None) -> list[Path]:
        """A :class:`kit.plots.NoChart`: no figure file, the table, and why in the manifest."""
        for fmt in FIGURE_FORMATS:  # a figure file from an earlier run would contradict the reason
            stale = self.folder / f"{safe_name(name)}.{fmt}"
            if stale.is_file() and safe_name(name) in self._charts_written():
                stale.unlink()
        table = self._table(data, name) if data is not None else None
        self._record({"kind": "chart", "name": safe_name(name), "title": str(fig.title), "files": [],
                      "table": table.name if table is not None else None, "reason": str(fig.reason),
                      "rows": int(len(data)) if data is not None else None,
                      "columns": int(data.shape[1]) if data is not None else None, "problems": []})
        return [table] if table is not None else []

    def _charts_written(self) -> set[str]:
        """Names of the charts this folder's manifest says the kit wrote."""
        return {str(e.get("name")) for e in read_manifest(self.folder)["exports"]
                if isinstance(e, dict) and e.get("kind") == "chart"}

    def _table(self, frame: pd.DataFrame, name: str, *, index: bool = False) -> Path:
        path = self._path(name, "csv")
        frame.to_csv(path, index=index, lineterminator="\n")
        return path

    def table(self, frame: pd.DataFrame, name: str, *, index: bool = False) -> Path:
        """Save ``frame`` as ``<name>.csv`` (UTF-8, stable row order as given)."""
        path = self._table(frame, name, index=index)
        self._record({"kind": "table", "name": safe_name(name), "title": str(name),
                      "files": [path.name], "rows": int(len(frame)), "columns": int(frame.shape[1])})
        return path

    def html(self, markup: str, name: str, *, title: str | None = None) -> Path:
        """Save an HTML fragment or page as ``<name>.html`` (``title``: how ``index.html`` lists it)."""
        path = self._path(name, "html")
        if "<html" not in markup[:200].lower():
            markup = ("<!doctype html>\n<html><head><meta charset='utf-8'>"
                      f"<title>{safe_name(name)}</title></head><body>\n{markup}\n</body></html>\n")
        path.write_text(markup, encoding="utf-8")
        self._record({"kind": "html", "name": safe_name(name), "title": str(title or name), "files": [path.name]})
        return path
