"""Rerun every notebook on a folder of articles (``python -m kit run``).

:func:`run_notebooks` executes each numbered notebook (``notebooks/[0-9]*.ipynb``)
headless with papermill, passing the parameters ``DATA``, ``EXPORTS`` and
``FORMATS``, and leaves in the output folder::

    OUT/index.html                  the charts per notebook, links to every table and notebook
    OUT/notebooks/<nb>.ipynb        each executed notebook, with its outputs
    OUT/notebooks/<nb>.html         the same, readable in a browser without Jupyter
    OUT/<nb>/<chart>.png|svg|pdf    every chart, in each requested format
    OUT/<nb>/<chart>.csv            the table behind each chart, and every other table

A notebook that fails does not stop the others: the run goes on, the failure is
reported with the notebook, the cell and the exception, ``index.html`` marks it, and
the exit code is 1.
"""
from __future__ import annotations

import glob
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from kit.config import data_dir, exports_dir, notebooks_dir
from kit.export import _parse_formats, safe_name

__all__ = ["NotebookRun", "RunResult", "find_notebooks", "run_notebooks"]

#: Files the runner clears from a notebook's export folder before rerunning it, so
#: that a chart a notebook no longer makes does not linger beside the new ones.
EXPORT_SUFFIXES = (".png", ".svg", ".pdf", ".csv", ".html", ".json")


@dataclass
class NotebookRun:
    """How one notebook's run went.

    ``cell`` is the failing cell's position in the notebook as committed (1 = the
    first cell, markdown cells counted), ``source`` the first line of its code.
    """

    name: str
    path: Path
    executed: Path
    ok: bool = False
    seconds: float = 0.0
    cell: int | None = None
    n_cells: int | None = None
    source: str | None = None
    error: str | None = None
    html: Path | None = None

    def message(self) -> str:
        """One line for the console: ``ok`` or where and why the notebook failed."""
        if self.ok:
            return f"ok      {self.path.name} ({self.seconds:.1f} s)"
        where = f"cell {self.cell} of {self.n_cells}" if self.cell else "at an unknown cell"
        code = f": `{self.source}`" if self.source else ""
        return f"FAILED  {self.path.name}, {where}{code}\n        {self.error}"


@dataclass
class RunResult:
    """The outcome of :func:`run_notebooks`."""

    out: Path
    data: str
    formats: tuple[str, ...]
    notebooks: list[NotebookRun] = field(default_factory=list)
    articles: int = 0
    files: int = 0
    skipped: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    index: Path | None = None
    load_error: str | None = None
    explorer: Path | None = None
    record: Path | None = None

    @property
    def failed(self) -> list[NotebookRun]:
        return [nb for nb in self.notebooks if not nb.ok]

    @property
    def exit_code(self) -> int:
        """0 when every notebook ran, 1 otherwise."""
        return 1 if self.failed else 0


def _this_python_kernel_manager():
    """A kernel manager whose ``python3`` kernel is the Python running the kit.

    A ``python3`` kernelspec registered elsewhere (a user's or a conda base's) may
    point at another interpreter, where ``kit`` is not installed; the run must not
    depend on it.
    """
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class ThisPythonKernelManager(AsyncKernelManager):
        @property
        def kernel_spec(self):
            if self._kernel_spec is None:
                self._kernel_spec = KernelSpec(
                    argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    display_name="Python 3 (ipykernel)", language="python", resource_dir="",
                    metadata={"debugger": True})
            return self._kernel_spec

    return ThisPythonKernelManager


def find_notebooks(notebooks: str | Path | Iterable[str | Path] | None = None) -> list[Path]:
    """The notebooks to run: the numbered ones in a folder, or the given files, in order."""
    if notebooks is None:
        notebooks = notebooks_dir()
    if isinstance(notebooks, (str, Path)):
        folder = Path(notebooks)
        if folder.is_dir():
            return sorted(folder.glob("[0-9]*.ipynb"))
        return [folder]
    return [Path(p) for p in notebooks]


def _first_line(source: str) -> str:
    lines = [ln.strip() for ln in source.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    line = lines[0] if lines else source.strip().splitlines()[0] if source.strip() else ""
    return line if len(line) <= 100 else line[:99] + "…"


def _locate_failure(notebook: Path, executed: Path, *, source: str | None = None,
                    cell_index: int | None = None) -> tuple[int | None, str | None]:
    """The failing cell's 1-based position in the committed notebook, and its first line.

    Papermill reports the failing cell's source and its index in the executed
    notebook (which holds extra cells: the injected parameters, error banners), so the
    cell is found in the committed notebook by its source, the nearest to that index
    when the same source occurs twice. Without a source (a timeout, a dead kernel),
    the cell papermill marked as failed, else the last one it started, is used.
    """
    import nbformat

    if source is None:
        try:
            cells = nbformat.read(str(executed), as_version=4).cells
        except Exception:  # noqa: BLE001 - the notebook may not have been written at all
            return None, None
        started = [i for i, c in enumerate(cells) if c.get("metadata", {}).get("papermill", {}).get("start_time")]
        failed = [i for i in started if cells[i].metadata["papermill"].get("exception")]
        if not (failed or started):
            return None, None
        cell_index = (failed or started)[-1]  # a timed-out cell is the last one papermill started
        source = cells[cell_index].source
    try:
        original = nbformat.read(str(notebook), as_version=4).cells
    except Exception:  # noqa: BLE001
        return None, _first_line(source)
    matches = [i for i, c in enumerate(original) if c.source == source]
    if not matches:
        return None, _first_line(source)
    best = min(matches, key=lambda i: abs(i - (cell_index or 0)))
    return best + 1, _first_line(source)


def _clear_exports(folder: Path) -> None:
    """Remove a notebook's previous exports (only the file types the kit writes)."""
    if folder.is_dir() and not folder.is_symlink():
        for path in folder.iterdir():
            if path.is_file() and path.suffix.lower() in EXPORT_SUFFIXES:
                path.unlink()


def _to_html(executed: Path) -> Path | None:
    """Write the executed notebook as a standalone HTML page beside it (no network needed)."""
    import re

    try:
        from nbconvert import HTMLExporter
    except ImportError:  # nbconvert comes with jupyterlab; without it, only the .ipynb is linked
        return None
    try:
        body, _ = HTMLExporter().from_filename(str(executed))
    except Exception:  # noqa: BLE001 - a page for browsing is a convenience, not a result
        return None
    body = re.sub(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>', "", body)
    path = executed.with_suffix(".html")
    path.write_text(body, encoding="utf-8")
    return path


def _load_summary(data: str, result: RunResult) -> None:
    from kit.load import load_articles

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = load_articles(data)
    result.articles = len(articles)
    result.files = int(articles.attrs.get("files", 0))
    result.skipped = [dict(s) for s in articles.attrs.get("skipped", [])]


def _resolve_data(data: str | Path | None) -> str:
    text = str(data if data is not None else data_dir())
    if glob.has_magic(text):
        return str(Path(text).expanduser().absolute())
    path = Path(text).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder of articles: {text}")
    return str(path.resolve())


def _run_one(nb: Path, *, data: str, out: Path, formats: str, progress: bool,
             timeout: float | None, kernel_name: str) -> NotebookRun:
    import papermill as pm

    executed = out / "notebooks" / f"{safe_name(nb.stem)}.ipynb"
    run = NotebookRun(name=nb.stem, path=nb, executed=executed)
    _clear_exports(out / safe_name(nb.stem))
    for stale in (executed, executed.with_suffix(".html")):
        stale.unlink(missing_ok=True)
    try:
        import nbformat

        run.n_cells = len(nbformat.read(str(nb), as_version=4).cells)
    except Exception:  # noqa: BLE001 - papermill reports an unreadable notebook below
        pass
    start = time.perf_counter()
    bar = {"desc": f"  {nb.stem}", "unit": "cell", "leave": False, "position": 1} if progress else False
    try:
        pm.execute_notebook(str(nb), str(executed),
                            parameters={"DATA": data, "EXPORTS": str(out), "FORMATS": formats},
                            cwd=str(nb.parent), kernel_name=kernel_name, progress_bar=bar,
                            execution_timeout=timeout,
                            # the kernel's own log (its TCP notice; a reply it cannot send after a
                            # timeout) is noise on the console: cell errors are reported below
                            extra_arguments=["--IPKernelApp.log_level=CRITICAL"] if kernel_name == "python3" else [],
                            **({"kernel_manager_class": _this_python_kernel_manager()} if kernel_name == "python3" else {}))
        run.ok = True
    except pm.PapermillExecutionError as e:
        run.cell, run.source = _locate_failure(nb, executed, source=e.source, cell_index=e.cell_index)
        run.error = f"{e.ename}: {e.evalue}".strip().rstrip(":")
    except Exception as e:  # noqa: BLE001 - a timeout, a dead kernel, an unreadable notebook
        run.cell, run.source = _locate_failure(nb, executed)
        run.error = f"{type(e).__name__}: {e}".strip().rstrip(":").splitlines()[0]
    run.seconds = time.perf_counter() - start
    if executed.exists():
        run.html = _to_html(executed)
    return run


def run_notebooks(*, data: str | Path | None = None, out: str | Path | None = None,
                  formats: str | Iterable[str] = "png,svg",
                  notebooks: str | Path | Iterable[str | Path] | None = None,
                  progress: bool = True, timeout: float | None = None,
                  kernel_name: str = "python3") -> RunResult:
    """Execute every numbered notebook on ``data``, writing everything into ``out``.

    Parameters
    ----------
    data : path, optional
        The articles: a folder, a file or a glob (default ``data/articles``).
    out : path, optional
        The output folder (default ``exports/``). Each notebook's previous exports in
        ``out/<notebook>/`` are replaced; nothing is written outside ``out``.
    formats : str, default ``"png,svg"``
        Chart formats, any of ``png``, ``svg``, ``pdf``.
    notebooks : path or list of paths, optional
        A folder whose ``[0-9]*.ipynb`` notebooks are run in order, or the notebooks
        themselves (default: the kit's ``notebooks/``).
    progress : bool, default True
        Show progress bars (over notebooks, and over the cells of each) on stderr.
    timeout : float, optional
        Seconds one cell may run before the notebook is stopped as failed.
    kernel_name : str, default ``"python3"``
        The Jupyter kernel to run the notebooks in; ``"python3"`` is always the Python
        running this function (where the kit is installed), whatever kernelspecs exist.

    Returns
    -------
    RunResult
        ``notebooks`` (one :class:`NotebookRun` each), the load summary
        (``articles``, ``files``, ``skipped``), ``index`` (the ``index.html`` written)
        and ``exit_code`` (0 when every notebook ran, 1 otherwise).

    Raises
    ------
    FileNotFoundError
        When ``data`` does not exist or there are no notebooks to run.
    ValueError
        When a chart format is unknown.
    """
    from tqdm.auto import tqdm

    from kit.explorer import write_run_explorer
    from kit.record import write_record
    from kit.report import write_index

    fmt = ",".join(_parse_formats(formats))
    data_path = _resolve_data(data)
    out = Path(out if out is not None else exports_dir()).expanduser().resolve()
    paths = find_notebooks(notebooks)
    if not paths:
        raise FileNotFoundError(f"no notebooks to run in {notebooks or notebooks_dir()}")
    result = RunResult(out=out, data=data_path, formats=tuple(fmt.split(",")))
    started = time.perf_counter()
    try:
        _load_summary(data_path, result)
    except Exception as e:  # noqa: BLE001 - the notebooks will report it where it happens
        result.load_error = f"{type(e).__name__}: {e}"
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    # progress bars on a terminal; in a log (stderr not a terminal), one plain line per notebook
    terminal = progress and sys.stderr.isatty()
    bar = tqdm(paths, desc="notebooks", unit="notebook", disable=not terminal, file=sys.stderr)
    try:
        for i, nb in enumerate(bar, 1):
            bar.set_postfix_str(nb.stem)
            if progress and not terminal:
                print(f"[{i}/{len(paths)}] running {nb.name}", file=sys.stderr, flush=True)
            run = _run_one(nb.resolve(), data=data_path, out=out, formats=fmt, progress=terminal,
                           timeout=timeout, kernel_name=kernel_name)
            result.notebooks.append(run)
            if progress:
                bar.write(run.message(), file=sys.stderr)
    finally:
        bar.close()
        result.explorer = write_run_explorer(result)  # explorer.html: terms, KWIC lines, sources
        result.seconds = time.perf_counter() - started
        result.record = write_record(result)  # run.json: versions, parameters, input hashes
        result.index = write_index(result)
    return result

