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
           "chart_title", "csv_safe", "read_manifest", "safe_name", "use_style"]

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
    leaves the folder it is joined to. Accents are dropped (``é`` -> ``e``); letter
    case is kept, so ``Story`` and ``story`` (two articles) keep two files. When
    letters cannot be spelled in ASCII (``"Новости"``) or the name is longer than
    ``max_length``, a short hash of the full name is appended, so that distinct
    names keep distinct, stable file names.

    Examples
    --------
    >>> safe_name("../../etc/passwd")
    'etc_passwd'
    >>> safe_name("Top terms: 2022/08")
    'Top_terms_2022_08'
    >>> safe_name("Beiträge über Öl")
    'Beitrage_uber_Ol'
    """
    original = str(name)
    decomposed = unicodedata.normalize("NFKD", original)
    lossy = any(ord(c) > 127 and not unicodedata.combining(c) for c in decomposed)
    text = decomposed.encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9_.-]+", "_", text)
    text = re.sub(r"\.{2,}", ".", text).strip("._-")
    text = re.sub(r"_+", "_", text)
    digest = hashlib.sha1(original.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if lossy or len(text) > max_length:
        text = f"{text[: max(max_length - 9, 0)].strip('._-')}_{digest}".strip("._-")
    if not text:
        text = "unnamed"
    head, dot, tail = text.partition(".")
    if head.lower() in _RESERVED:  # "con.csv" cannot be created on Windows
        text = f"{head}_{dot}{tail}"
    return text


#: What a text cell may start with to be read as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _is_plain_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return text.strip() == text and text[:1] not in ("\t", "\r")


def _defuse(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'``; others as given."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _is_plain_number(value):
        return "'" + value
    return value


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` made safe to open in a spreadsheet: text that would run as a formula is quoted.

    A text cell (or column name, or index label) that begins with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return (or their full-width forms) is written
    with a leading apostrophe, ``'=HYPERLINK(...)``, so Excel, LibreOffice and Google
    Sheets show it as text instead of running it. Numbers are never touched: numeric
    columns keep their values, and a text cell that is a plain number (``-3.5``) is
    left as it is, since a spreadsheet reads it as that number anyway. The input is
    not modified.

    Examples
    --------
    >>> csv_safe(pd.DataFrame({"term": ["=1+2", "-rate", "ok"], "n": [-1, 2, 3]}))
         term  n
    0   '=1+2 -1
    1  '-rate  2
    2      ok  3
    """
    out = frame.copy()
    for i, column in enumerate(out.columns):
        values = out.iloc[:, i]
        if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_datetime64_any_dtype(values.dtype):
            continue
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS)).any():
            out.isetitem(i, values.map(_defuse))
    out.columns = _defuse_index(out.columns)
    out.index = _defuse_index(out.index)
    return out


def _defuse_index(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_levels([_defuse_index(level) for level in index.levels])
    if pd.api.types.is_numeric_dtype(index.dtype) or not any(isinstance(v, str) and v.startswith(FORMULA_STARTS)
                                                              for v in index):
        return index
    return index.map(_defuse)


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


def _listed(manifest: dict[str, Any]) -> set[str]:
    """The file names a manifest lists: those its exports made, and those claimed for one."""
    names = {f for f in manifest.get("written", []) if isinstance(f, str)}
    for item in manifest.get("exports", []):
        if isinstance(item, dict):
            names.update(f for f in [*item.get("files", []), item.get("table")] if isinstance(f, str))
    return names | {MANIFEST}


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

    def _claim(self, paths: list[Path]) -> None:
        """Note ``paths`` in the manifest as the kit's before writing them; refuse a file of the user's.

        A file that exists and that the manifest does not list (a file the kit did not
        write) is never overwritten.
        """
        manifest = self._own_manifest()
        owned = _listed(manifest)
        strangers = [p.name for p in paths if p.exists() and p.name not in owned]
        if strangers:
            raise FileExistsError(f"refusing to overwrite {', '.join(strangers)} in {self.folder}: the kit did "
                                  "not write it; move it away or export under another name")
        new = [p.name for p in paths if p.name not in owned]
        if new:
            manifest["written"] = sorted({*manifest.get("written", []), *new})
            self._save(manifest)

    def _own_manifest(self) -> dict[str, Any]:
        """The folder's manifest, as :func:`read_manifest` reads it; ``FileExistsError``
        for a ``manifest.json`` there that the kit did not write (never overwritten).
        Every change to the manifest starts from this, so :meth:`_save` needs no check."""
        path = self.folder / MANIFEST
        if not path.exists() and not path.is_symlink():
            return read_manifest(self.folder)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if not (isinstance(data, dict) and isinstance(data.get("exports"), list) and "notebook" in data):
            raise FileExistsError(f"refusing to overwrite {MANIFEST} in {self.folder}: the kit did not write it "
                                  "(it lists the kit's exports there); move it away or export into another folder")
        return data

    def _save(self, manifest: dict[str, Any]) -> None:
        from kit.files import write_json_atomic

        manifest["notebook"] = safe_name(self.notebook)
        # names claimed before their file is written stay claimed (an export interrupted
        # midway leaves a file the kit may replace next time)
        written = [f for f in manifest.get("written", []) if isinstance(f, str)]
        listed = _listed({"exports": manifest["exports"]})
        manifest.pop("written", None)
        if [f for f in written if f not in listed]:  # files claimed by an export not yet recorded
            manifest["written"] = sorted(f for f in written if f not in listed)
        write_json_atomic(self._path(Path(MANIFEST).stem, "json"), manifest)

    def _record(self, entry: dict[str, Any]) -> None:
        """Add or replace ``entry`` (by kind and name) in the folder's manifest (written atomically)."""
        manifest = self._own_manifest()
        items = manifest["exports"]
        key = (entry["kind"], entry["name"])
        for i, item in enumerate(items):
            if isinstance(item, dict) and (item.get("kind"), item.get("name")) == key:
                items[i] = entry
                break
        else:
            items.append(entry)
        self._save(manifest)

    def figure(self, fig, name: str, *, data: pd.DataFrame | None = None) -> list[Path]:
        """Save ``fig`` in every format, and ``data`` (the table behind it) as CSV.

        Text on the chart is drawn literally (``text.parse_math`` off while saving):
        a ``$`` in an article title is a dollar sign, not the start of a formula.

        Returns
        -------
        list of Path
            The files written.
        """
        import matplotlib.pyplot as plt

        from kit.files import write_atomic

        if getattr(fig, "reason", None) is not None and not hasattr(fig, "savefig"):
            return self._no_chart(fig, name, data=data)
        paths = [self._path(name, fmt) for fmt in self.formats]
        self._claim(paths + ([self._path(name, "csv")] if data is not None else []))
        written = []
        for fmt, path in zip(self.formats, paths):
            metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}.get(fmt)
            with plt.rc_context({"svg.hashsalt": SVG_HASH_SALT, "text.parse_math": False}):
                write_atomic(path, lambda tmp, fmt=fmt, metadata=metadata: fig.savefig(
                    tmp, format=fmt, dpi=300 if fmt == "png" else None, metadata=metadata, bbox_inches="tight"))
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
        """A :class:`kit.plots.NoChart`: no figure file, the table, and why in the manifest.

        A figure file of this chart from an earlier run would contradict the reason, so
        it is deleted, but only when the manifest lists it (a file the kit wrote); once
        the entry says ``files: []`` nothing else would list it.
        """
        owned = _listed(read_manifest(self.folder))
        for fmt in FIGURE_FORMATS:
            stale = self._path(name, fmt)
            if stale.name in owned and stale.is_file() and not stale.is_symlink():
                stale.unlink()
        if data is not None:
            self._claim([self._path(name, "csv")])
        table = self._table(data, name) if data is not None else None  # claimed, written atomically
        self._record({"kind": "chart", "name": safe_name(name), "title": str(fig.title), "files": [],
                      "table": table.name if table is not None else None, "reason": str(fig.reason),
                      "rows": int(len(data)) if data is not None else None,
                      "columns": int(data.shape[1]) if data is not None else None, "problems": []})
        return [table] if table is not None else []

    def _table(self, frame: pd.DataFrame, name: str, *, index: bool = False) -> Path:
        from kit.files import write_atomic

        path = self._path(name, "csv")
        self._claim([path])
        safe = csv_safe(frame)
        write_atomic(path, lambda tmp: safe.to_csv(tmp, index=index, lineterminator="\n"))
        return path

    def table(self, frame: pd.DataFrame, name: str, *, index: bool = False) -> Path:
        """Save ``frame`` as ``<name>.csv`` (UTF-8, stable row order as given).

        Text that a spreadsheet would run as a formula is written with a leading
        apostrophe (see :func:`csv_safe`); numbers are written as numbers.
        """
        path = self._table(frame, name, index=index)
        self._record({"kind": "table", "name": safe_name(name), "title": str(name),
                      "files": [path.name], "rows": int(len(frame)), "columns": int(frame.shape[1])})
        return path

    def html(self, markup: str, name: str, *, title: str | None = None) -> Path:
        """Save an HTML fragment or page as ``<name>.html`` (``title``: how ``index.html`` lists it)."""
        from kit.files import write_atomic

        path = self._path(name, "html")
        self._claim([path])
        if "<html" not in markup[:200].lower():
            markup = ("<!doctype html>\n<html><head><meta charset='utf-8'>"
                      f"<title>{safe_name(name)}</title></head><body>\n{markup}\n</body></html>\n")
        write_atomic(path, markup)
        self._record({"kind": "html", "name": safe_name(name), "title": str(title or name), "files": [path.name]})
        return path
