"""Rerun every notebook on a folder of articles (``python -m kit run``).

:func:`run_notebooks` executes each numbered notebook (``notebooks/[0-9]*.ipynb``)
headless with papermill, passing the parameters ``DATA``, ``EXPORTS`` and
``FORMATS``, and leaves in the output folder::

    OUT/index.html                  the charts per notebook, links to every table and notebook
    OUT/explorer.html               terms, their lines in context and the articles (kit.explorer)
    OUT/run.json                    the record of the run for a methods section (kit.record)
    OUT/kit-run.json                every file the kit wrote into OUT (kit.files)
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
import os
import sys
import time
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from kit.config import data_dir, exports_dir, notebooks_dir
from kit.export import _parse_formats, safe_name
from kit.files import DiskFullError, FolderLock, RunRecord, disk_full, is_disk_full
from kit.record import RECORD as RUN_RECORD

#: The explorer page's file name in ``out`` (as :data:`kit.explorer.EXPLORER`, which imports pandas).
EXPLORER = "explorer.html"

__all__ = ["NotebookRun", "RunResult", "check_out", "find_notebooks", "run_notebooks"]


@dataclass
class NotebookRun:
    """How one notebook's run went.

    ``cell`` is the failing cell's position in the notebook as committed (1 = the
    first cell, markdown cells counted), ``source`` the first line of its code.
    ``interrupted`` is true for the notebook running when the run was stopped
    (Ctrl-C, SIGTERM). A notebook that did not succeed keeps its previous exports:
    ``previous`` is when they were made (ISO time, None when there are none), and
    ``failed_notebook`` the executed notebook of this failed run, with its traceback.
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
    interrupted: bool = False
    previous: str | None = None
    failed_notebook: Path | None = None
    failed_html: Path | None = None
    folders: list[str] = field(default_factory=list)

    def message(self) -> str:
        """One line for the console: ``ok`` or where and why the notebook failed."""
        if self.ok:
            return f"ok      {self.path.name} ({self.seconds:.1f} s)"
        if self.interrupted:
            return f"STOPPED {self.path.name}: {self.error}"
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
    #: every notebook the run was asked to run, in order (some may not have run yet)
    planned: list[Path] = field(default_factory=list)
    #: ``running``, ``finished`` or ``interrupted``
    state: str = "finished"
    #: per notebook folder, when its exports now in ``out`` were made (before this run)
    previous: dict[str, str | None] = field(default_factory=dict)
    #: ``explorer.html`` (None when the run made none) and ``run.json``
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
    try:
        path.write_text(body, encoding="utf-8")
    except OSError as e:
        if is_disk_full(e):
            raise disk_full(executed.parent, path) from e
        raise
    return path


def _load_summary(data: str, result: RunResult) -> "pd.DataFrame":
    from kit.load import load_articles

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = load_articles(data)
    result.articles = len(articles)
    result.files = int(articles.attrs.get("files", 0))
    result.skipped = [dict(s) for s in articles.attrs.get("skipped", [])]
    return articles


def _share_corpus(articles, data: str, out: Path, record: "RunRecord") -> str:
    """Pickle the loaded articles into a staging folder of ``out`` for the notebooks'
    kernels (see ``kit.load.RUN_CACHE_ENV``); returns the folder's name.

    The folder is listed in the run record first, so a run that is killed has it
    removed by the next one, like any staging folder.
    """
    import pickle
    import tempfile

    from kit.load import RUN_CACHE_ENV, RUN_CACHE_KEY_ENV, run_cache_key

    folder = Path(tempfile.mkdtemp(prefix=".kit-staging-", dir=out))
    record.staging.append(folder.name)
    record.save()
    path = folder / "articles.pickle"
    with open(path, "wb") as f:
        pickle.dump(articles, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.environ[RUN_CACHE_ENV], os.environ[RUN_CACHE_KEY_ENV] = str(path), run_cache_key(data)
    return folder.name


def _unshare_corpus(name: str | None, saved: dict, out: Path, record: "RunRecord") -> None:
    """Undo :func:`_share_corpus`: the variables as they were, the staging folder removed."""
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    if name and record is not None:
        _remove_staging(out, name)
        record.staging = [s for s in record.staging if s != name]
        record.save()


def _resolve_data(data: str | Path | None) -> str:
    text = str(data if data is not None else data_dir())
    if glob.has_magic(text):
        return str(Path(text).expanduser().absolute())
    path = Path(text).expanduser()
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder of articles: {text}")
    return str(path.resolve())



# --------------------------------------------------------------------------- a safe output folder

def _data_root(data: str) -> Path:
    """The folder (or file) the articles are read from; for a glob, its fixed leading folder."""
    if glob.has_magic(data):
        parts = []
        for part in Path(data).parts:
            if glob.has_magic(part):
                break
            parts.append(part)
        return Path(*parts) if parts else Path.cwd()
    return Path(data)


def check_out(out: str | Path, *, data: str | Path | None = None,
              notebooks: Iterable[str | Path] = ()) -> Path:
    """The output folder, resolved, or a clear error when writing there could harm the user's files.

    ``out`` is refused when it is (or contains) the project folder, a folder of
    notebooks being run, or the articles (``data``), and when it lies inside the
    articles folder (the next run would load the exports as articles).

    Raises
    ------
    ValueError
        Saying which folder ``out`` would reach and what to do instead.
    """
    from kit.config import PROJECT_ROOT

    out = Path(out).expanduser().resolve()
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out} is a file, not a folder")
    guarded = [("the project folder", PROJECT_ROOT.resolve())]
    guarded += [("the notebooks folder", Path(p).resolve().parent) for p in notebooks]
    if data is not None:
        guarded.append(("the articles", _data_root(str(data)).expanduser().resolve()))
    for what, folder in guarded:
        if folder == out or folder.is_relative_to(out):
            detail = "is" if folder == out else "contains"
            raise ValueError(f"refusing --out {out}: it {detail} {what} ({folder}); the run writes and "
                             "replaces files there. Choose an empty or new folder, e.g. exports/")
    if data is not None:
        root = _data_root(str(data)).expanduser().resolve()
        if out.is_relative_to(root):
            raise ValueError(f"refusing --out {out}: it is inside the articles folder {root}, so the next "
                             "run would load the exports as articles. Choose a folder outside it")
    return out


def _rel(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _notebook_files(record: "RunRecord", stem: str, out: Path) -> set[str]:
    """The files this notebook's last successful run left in ``out`` (as recorded)."""
    from kit.export import MANIFEST, read_manifest

    entry = record.notebooks.get(stem)
    if entry is not None:
        return {f for f in entry.get("files", []) if isinstance(f, str)}
    # an output folder from a kit without a record: the notebook's own folder and pages
    folder = safe_name(stem)
    files = {f for f in record.files if f.startswith(f"{folder}/")}
    if read_manifest(out / folder)["exports"]:
        files.add(f"{folder}/{MANIFEST}")
    return files | {f for f in (f"notebooks/{folder}.ipynb", f"notebooks/{folder}.html") if f in record.files}


def _prune(out: Path, rels: Iterable[str], record: "RunRecord") -> None:
    """Delete the recorded files ``rels`` and then the folders they leave empty (never others)."""
    parents = set()
    for rel in sorted(set(rels)):
        if rel in record.files and record.through_link(rel):
            record.files.discard(rel)  # behind a linked folder: not the kit's to delete
            continue
        if rel in record.files:
            path = out / rel
            if path.is_file() or path.is_symlink():
                path.unlink()
            record.files.discard(rel)
            parents.add(path.parent)
    for folder in sorted(parents, key=lambda p: len(p.parts), reverse=True):
        if folder != out and folder.is_relative_to(out):
            try:
                folder.rmdir()  # only when empty: anything of the user's keeps its folder
            except OSError:
                pass


def _remove_staging(out: Path, name: str) -> None:
    import shutil

    path = out / name
    if name.startswith(".kit-staging-") and "/" not in name and path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)


def _commit(out: Path, moves: dict[str, Path], drop: set[str], record: "RunRecord") -> None:
    """Move the staged files into ``out`` (each rename atomic) and delete ``drop``.

    The record lists the new files before they are moved, so a run killed in the
    middle still knows every file it wrote.
    """
    import signal

    record.files.update(moves)
    record.save()
    # Ctrl-C or SIGTERM waits until every file is in: never half this run, half the last
    with _deferred(signal.SIGTERM), _deferred(signal.SIGINT):
        for rel, src in moves.items():
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, target)
        _prune(out, drop - set(moves), record)


def _run_one(nb: Path, *, data: str, out: Path, formats: str, progress: bool,
             timeout: float | None, kernel_name: str, record: "RunRecord") -> NotebookRun:
    """Run one notebook into a staging folder; swap its exports in only when it succeeds."""
    import tempfile

    import papermill as pm

    stem = safe_name(nb.stem)
    executed = out / "notebooks" / f"{stem}.ipynb"
    run = NotebookRun(name=nb.stem, path=nb, executed=executed)
    staging = Path(tempfile.mkdtemp(prefix=".kit-staging-", dir=out))
    record.staging.append(staging.name)
    record.save()
    staged_exports = staging / "exports"
    staged_exports.mkdir()
    staged_nb = staging / "notebooks" / f"{stem}.ipynb"
    staged_nb.parent.mkdir()
    try:
        import nbformat

        run.n_cells = len(nbformat.read(str(nb), as_version=4).cells)
    except Exception:  # noqa: BLE001 - papermill reports an unreadable notebook below
        pass
    start = time.perf_counter()
    bar = {"desc": f"  {nb.stem}", "unit": "cell", "leave": False, "position": 1} if progress else False
    try:
        try:
            pm.execute_notebook(str(nb), str(staged_nb),
                                parameters={"DATA": data, "EXPORTS": str(staged_exports), "FORMATS": formats},
                                cwd=str(nb.parent), kernel_name=kernel_name, progress_bar=bar,
                                execution_timeout=timeout,
                                # the kernel's own log (its TCP notice; a reply it cannot send after a
                                # timeout) is noise on the console: cell errors are reported below
                                extra_arguments=["--IPKernelApp.log_level=CRITICAL"] if kernel_name == "python3" else [],
                                **({"kernel_manager_class": _this_python_kernel_manager()} if kernel_name == "python3" else {}))
            run.ok = True
        except pm.PapermillExecutionError as e:
            run.cell, run.source = _locate_failure(nb, staged_nb, source=e.source, cell_index=e.cell_index)
            run.error = f"{e.ename}: {e.evalue}".strip().rstrip(":")
        except (KeyboardInterrupt, DiskFullError):
            raise
        except Exception as e:  # noqa: BLE001 - a timeout, a dead kernel, an unreadable notebook
            if is_disk_full(e):
                raise disk_full(out) from e
            run.cell, run.source = _locate_failure(nb, staged_nb)
            run.error = f"{type(e).__name__}: {e}".strip().rstrip(":").splitlines()[0]
        run.seconds = time.perf_counter() - start
        if not run.ok and run.error and is_disk_full(OSError(run.error)):
            raise disk_full(out)
        if staged_nb.exists():
            _unstage_paths(staged_nb, staged_exports, out)
        html = _to_html(staged_nb) if staged_nb.exists() else None
        _finish(run, out=out, staging=staging, staged_exports=staged_exports, staged_nb=staged_nb,
                html=html, record=record)
    except KeyboardInterrupt:
        run.ok, run.interrupted = False, True
        run.seconds = time.perf_counter() - start
        run.error = "interrupted (Ctrl-C or SIGTERM) while this notebook ran"
        raise
    finally:
        _remove_staging(out, staging.name)
        record.staging = [s for s in record.staging if s != staging.name]
        run.previous = record.notebooks.get(stem, {}).get("ran") if not run.ok else None
    return run


def _unstage_paths(notebook: Path, staged: Path, out: Path) -> None:
    """Show ``out``, not the staging folder, in the executed notebook (its parameters and outputs)."""
    import json

    text = notebook.read_text(encoding="utf-8")
    fixed = text
    for ascii_only in (True, False):  # nbformat writes raw UTF-8; a path may be written either way
        fixed = fixed.replace(json.dumps(str(staged), ensure_ascii=ascii_only)[1:-1],
                              json.dumps(str(out), ensure_ascii=ascii_only)[1:-1])
    if fixed != text:
        notebook.write_text(fixed, encoding="utf-8")


def _finish(run: NotebookRun, *, out: Path, staging: Path, staged_exports: Path, staged_nb: Path,
            html: Path | None, record: "RunRecord") -> None:
    """Swap a notebook's staged output into ``out``: all of it on success, its log on failure."""
    stem = safe_name(run.name)
    failed_nb = f"notebooks/{stem}.failed.ipynb"
    pages = [p for p in (staged_nb, html) if p is not None and p.exists()]
    if run.ok:
        moves = {_rel(p, staged_exports): p for p in _files_under(staged_exports)}
        moves.update({f"notebooks/{p.name}": p for p in pages})
    else:  # the failed run's notebook (with the traceback) beside the last good one, which is kept
        moves = {f"notebooks/{stem}.failed{p.suffix}": p for p in pages}
    linked = sorted({str(Path(r).parent) for r in moves if record.through_link(r)})
    if linked:
        run.ok = False
        run.error = (f"refusing to write into {', '.join(linked[:3])} in {out}: a symbolic link to a folder "
                     "that may lie outside it (among your articles, say); remove the link and run again")
        run.cell = run.source = None
        return
    strangers = record.strangers(list(moves))
    if strangers:
        shown = ", ".join(strangers[:3]) + (f" and {len(strangers) - 3} more" if len(strangers) > 3 else "")
        run.ok = False
        run.error = (f"refusing to overwrite {len(strangers)} file(s) in {out} that the kit did not write: "
                     f"{shown}; move them away and run again")
        run.cell = run.source = None
        return
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    if run.ok:
        old = _notebook_files(record, run.name, out) | {f"notebooks/{stem}.failed.ipynb",
                                                        f"notebooks/{stem}.failed.html"}
        _commit(out, moves, old, record)
        record.notebooks[stem] = {"status": "ok", "ran": now, "files": sorted(moves),
                                  "folders": sorted({r.split("/")[0] for r in moves if not r.startswith("notebooks/")})}
        run.folders = record.notebooks[stem]["folders"]
        run.html = out / "notebooks" / f"{stem}.html" if html is not None else None
    else:
        old = {failed_nb, f"notebooks/{stem}.failed.html"}
        _commit(out, moves, old, record)
        entry = record.notebooks.setdefault(stem, {"files": sorted(_notebook_files(record, run.name, out))})
        entry["last_failure"] = now
        run.failed_notebook = out / failed_nb if failed_nb in moves else None
        run.failed_html = out / f"notebooks/{stem}.failed.html" if f"notebooks/{stem}.failed.html" in moves else None
    record.save()


def _sigterm_as_interrupt():
    """Turn SIGTERM into KeyboardInterrupt while a run lasts (main thread only); the old handler."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise KeyboardInterrupt("SIGTERM")

    try:
        return signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):
        return None


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
        The output folder (default ``exports/``). Refused when it is or contains the
        project, the notebooks or the articles, or lies inside the articles folder.
        Nothing is written outside it, and nothing in it is overwritten or deleted
        unless an earlier run wrote it (``out/kit-run.json`` lists those files).
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
        When a chart format is unknown, or ``out`` is refused (see above).
    kit.files.FolderLockedError
        When another run is writing into ``out``.
    kit.files.DiskFullError
        When the disk fills up; the message names the folder.
    KeyboardInterrupt
        On Ctrl-C or SIGTERM, after ``index.html`` says which notebooks ran, which
        was interrupted and which did not run; every notebook keeps its previous
        exports unless it finished in this run.

    Notes
    -----
    Each notebook exports into a staging folder inside ``out``; only when it succeeds
    are its files moved into place (each move atomic) and its previous exports that
    it no longer makes deleted. A failed notebook keeps its previous exports; its
    executed notebook, with the traceback, is saved as
    ``notebooks/<nb>.failed.ipynb``. ``index.html`` is rewritten (atomically) before
    the first notebook and after each one, so it is true even after ``kill -9``.
    """
    import signal

    from tqdm.auto import tqdm

    from kit.record import write_record
    from kit.report import write_index

    fmt = ",".join(_parse_formats(formats))
    data_path = _resolve_data(data)
    paths = [p.resolve() for p in find_notebooks(notebooks)]
    if not paths:
        raise FileNotFoundError(f"no notebooks to run in {notebooks or notebooks_dir()}")
    out = check_out(out if out is not None else exports_dir(), data=data_path, notebooks=paths)
    result = RunResult(out=out, data=data_path, formats=tuple(fmt.split(",")), planned=list(paths),
                       state="running")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        if is_disk_full(e):
            raise disk_full(out) from e
        raise
    lock = FolderLock(out)
    lock.acquire()
    from kit.load import RUN_CACHE_ENV, RUN_CACHE_KEY_ENV

    shared, shared_env, record = None, {k: os.environ.get(k) for k in (RUN_CACHE_ENV, RUN_CACHE_KEY_ENV)}, None
    previous_handler = _sigterm_as_interrupt()
    try:
        record = RunRecord(out)
        strangers = record.strangers(["index.html", EXPLORER, RUN_RECORD])
        if strangers:
            raise ValueError(f"refusing --out {out}: its {' and '.join(strangers)} "
                             f"{'was' if len(strangers) == 1 else 'were'} not written by the kit; move "
                             f"{'it' if len(strangers) == 1 else 'them'} away or choose another folder")
        for name in record.staging:  # left by a run that was killed
            _remove_staging(out, name)
        record.staging = []
        result.previous = {k: v.get("ran") for k, v in record.notebooks.items()}
        record.state = "running"
        record.extra = {"started": datetime.now(timezone.utc).isoformat(timespec="seconds"), "pid": os.getpid()}
        record.files.add("index.html")
        record.save()
        started = time.perf_counter()
        try:
            articles = _load_summary(data_path, result)
            if len(articles):
                shared = _share_corpus(articles, data_path, out, record)
            del articles
        except (KeyboardInterrupt, DiskFullError):
            raise
        except Exception as e:  # noqa: BLE001 - the notebooks will report it where it happens
            if is_disk_full(e):
                raise disk_full(out) from e
            result.load_error = _printable(f"{type(e).__name__}: {e}")
        result.index = write_index(result)
        # progress bars on a terminal; in a log (stderr not a terminal), one plain line per notebook
        terminal = progress and sys.stderr.isatty()
        bar = tqdm(paths, desc="notebooks", unit="notebook", disable=not terminal, file=sys.stderr)
        try:
            for i, nb in enumerate(bar, 1):
                bar.set_postfix_str(nb.stem)
                if progress and not terminal:
                    print(f"[{i}/{len(paths)}] running {nb.name}", file=sys.stderr, flush=True)
                try:
                    run = _run_one(nb, data=data_path, out=out, formats=fmt, progress=terminal,
                                   timeout=timeout, kernel_name=kernel_name, record=record)
                except KeyboardInterrupt:
                    result.notebooks.append(NotebookRun(name=nb.stem, path=nb, executed=out / "notebooks" /
                                                        f"{safe_name(nb.stem)}.ipynb", interrupted=True,
                                                        error="interrupted (Ctrl-C or SIGTERM) while this notebook ran",
                                                        previous=result.previous.get(safe_name(nb.stem))))
                    raise
                result.notebooks.append(run)
                if progress:
                    bar.write(run.message(), file=sys.stderr)
                result.seconds = time.perf_counter() - started
                result.index = write_index(result)
            result.state = "finished"
        except KeyboardInterrupt:
            result.state = "interrupted"
            raise
        finally:
            bar.close()
            result.seconds = time.perf_counter() - started
            stopped = False
            if result.state == "finished":  # not after Ctrl-C: the explorer takes a while
                try:
                    result.explorer = _write_explorer(result, record)  # explorer.html: terms, KWIC lines, sources
                except KeyboardInterrupt:  # the notebooks finished, the explorer did not: say so, then stop
                    result.state, stopped = "interrupted", True
                result.seconds = time.perf_counter() - started
            record.state = result.state
            record.extra["finished"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
            # the index and the records must be true even when the run stops here
            with _deferred(signal.SIGTERM):
                if not record.strangers([RUN_RECORD]):
                    _claim(record, RUN_RECORD)
                    result.record = write_record(result)  # run.json: versions, parameters, input hashes
                result.index = write_index(result)
                record.save()
            if stopped:
                raise KeyboardInterrupt
    finally:
        _unshare_corpus(shared, shared_env, out, record)
        lock.release()
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
    return result


def _claim(record: "RunRecord", rel: str) -> None:
    """Note ``rel`` in the run record as the kit's before writing it (the caller checked it is not a stranger)."""
    if rel not in record.files:
        record.files.add(rel)
        record.save()


def _write_explorer(result: RunResult, record: "RunRecord") -> Path | None:
    """Write ``explorer.html`` for a finished run; remove the kit's older one when there is none to write.

    An explorer of earlier articles beside this run's exports would be untrue.
    """
    from kit.explorer import write_run_explorer

    if record.strangers([EXPLORER]):  # put there during the run: not the kit's to replace
        warnings.warn(f"the explorer page was not written: {result.out / EXPLORER} is not the kit's", stacklevel=2)
        return None
    _claim(record, EXPLORER)
    path = write_run_explorer(result)
    if path is None:
        stale = result.out / EXPLORER
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
        record.files.discard(EXPLORER)
        record.save()
    return path


class _deferred:
    """Hold a signal off (main thread) while a few final writes finish."""

    def __init__(self, signum: int) -> None:
        self.signum, self.old, self.got = signum, None, False

    def __enter__(self):
        import signal

        def hold(signum, frame):
            self.got = True

        try:
            self.old = signal.signal(self.signum, hold)
        except (ValueError, OSError):
            self.old = None
        return self

    def __exit__(self, *exc):
        import signal

        if self.old is not None:
            signal.signal(self.signum, self.old)
            if self.got and exc[0] is None:
                raise KeyboardInterrupt("SIGTERM")


def _printable(text: str) -> str:
    """``text`` with lone surrogates (from file names that are not UTF-8) shown as U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
