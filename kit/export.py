"""Export charts and the tables behind them, with stable names, into one folder.

Every notebook writes through :class:`Exporter`, so that each chart lands as
``<out>/<notebook>/<name>.<png|svg|pdf>`` beside ``<name>.csv`` (the table behind
it), file names stay the same across reruns (a paper's figure paths do not break),
and nothing is ever written outside the chosen output folder, whatever the names
contain.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterable

import pandas as pd

from kit.config import STYLE_SHEET, exports_dir

__all__ = ["Exporter", "DEFAULT_FORMATS", "safe_name", "use_style"]

DEFAULT_FORMATS = ("png", "svg")
FIGURE_FORMATS = ("png", "svg", "pdf")


def use_style() -> None:
    """Apply the kit's matplotlib house style (``kit/style/kit.mplstyle``)."""
    import matplotlib.pyplot as plt

    plt.style.use(str(STYLE_SHEET))


def safe_name(name: str, *, max_length: int = 80) -> str:
    """A file-name-safe slug of ``name``: ASCII letters, digits, ``_``, ``-`` and ``.``.

    Path separators, ``..`` and other characters are replaced, so the result never
    leaves the folder it is joined to.

    Examples
    --------
    >>> safe_name("../../etc/passwd")
    'etc_passwd'
    >>> safe_name("Top terms: 2022/08")
    'top_terms_2022_08'
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9_.-]+", "_", text.lower())
    text = re.sub(r"\.{2,}", ".", text).strip("._-")
    text = re.sub(r"_+", "_", text)[:max_length].strip("._-")
    return text or "unnamed"


def _parse_formats(formats: str | Iterable[str] | None) -> tuple[str, ...]:
    if formats is None:
        return DEFAULT_FORMATS
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    out = tuple(f.strip().lower().lstrip(".") for f in items if f.strip())
    bad = [f for f in out if f not in FIGURE_FORMATS]
    if bad:
        raise ValueError(f"unknown chart format(s) {bad}; choose from {list(FIGURE_FORMATS)}")
    return out or DEFAULT_FORMATS


class Exporter:
    """Writes a notebook's charts and tables into ``<out>/<notebook>/``.

    Parameters
    ----------
    out : path, optional
        The output folder; defaults to ``exports/`` (or ``$KIT_EXPORTS``).
    notebook : str
        A short name for the sub-folder, e.g. ``"01_corpus_overview"``.
    formats : str or list of str, default ``("png", "svg")``
        Chart formats, e.g. ``"png,svg,pdf"``. PNG is written at 300 dpi.
    """

    def __init__(self, out: str | Path | None = None, *, notebook: str,
                 formats: str | Iterable[str] | None = None) -> None:
        self.root = Path(out if out is not None else exports_dir()).resolve()
        self.folder = self.root / safe_name(notebook)
        self.formats = _parse_formats(formats)

    def _path(self, name: str, suffix: str) -> Path:
        path = (self.folder / f"{safe_name(name)}.{suffix}").resolve()
        if not path.is_relative_to(self.root):  # safe_name makes this impossible; belt and braces
            raise ValueError(f"refusing to write outside {self.root}: {path}")
        self.folder.mkdir(parents=True, exist_ok=True)
        return path

    def figure(self, fig, name: str, *, data: pd.DataFrame | None = None) -> list[Path]:
        """Save ``fig`` in every format, and ``data`` (the table behind it) as CSV.

        Returns
        -------
        list of Path
            The files written.
        """
        written = []
        for fmt in self.formats:
            path = self._path(name, fmt)
            metadata = {"Date": None} if fmt == "svg" else ({"CreationDate": None} if fmt == "pdf" else None)
            fig.savefig(path, format=fmt, dpi=300 if fmt == "png" else None, metadata=metadata,
                        bbox_inches="tight")
            written.append(path)
        if data is not None:
            written.append(self.table(data, name))
        return written

    def table(self, frame: pd.DataFrame, name: str, *, index: bool = False) -> Path:
        """Save ``frame`` as ``<name>.csv`` (UTF-8, stable row order as given)."""
        path = self._path(name, "csv")
        frame.to_csv(path, index=index, lineterminator="\n")
        return path

    def html(self, markup: str, name: str) -> Path:
        """Save an HTML fragment or page as ``<name>.html``."""
        path = self._path(name, "html")
        if "<html" not in markup[:200].lower():
            markup = ("<!doctype html>\n<html><head><meta charset='utf-8'>"
                      f"<title>{safe_name(name)}</title></head><body>\n{markup}\n</body></html>\n")
        path.write_text(markup, encoding="utf-8")
        return path
