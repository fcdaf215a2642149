"""Run every analysis over a corpus, on one machine or on a Dask cluster: ``kit.analyze``.

A notebook kernel holds a corpus of tens of thousands of articles comfortably; a
corpus of millions does not fit one process. :func:`analyze` runs the same analyses
two ways and writes the same results:

- ``engine="pandas"`` loads the corpus with :func:`kit.load_articles` and runs each
  analysis on the whole articles frame, on this machine (from 1,000 articles on,
  the per-article analyses run on chunks of articles in worker processes, one per
  core: :data:`PARALLEL_ARTICLES`, :data:`PANDAS_WORKERS`);
- ``engine="dask"`` spreads the list of files over partitions, loads each batch of
  files on a Dask worker (the loader's own parsing, file by file), and runs the
  per-article analyses partition by partition. The topic model is fitted on a
  sample of articles and applied to every partition with its ``transform``. The
  corpus never has to sit in one process.

Either way the results are written as Parquet datasets, one folder per analysis
(``out/articles.parquet/``, ``out/readability.parquet/``, ...), and read back with
:func:`read_results`. The analyses come from a registry of stages (:data:`STAGES`):
a stage whose module is not installed is left out and listed in the manifest.
"""
from __future__ import annotations

import importlib
import json
import math
import os
import shutil
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kit import load as _load
from kit.config import exports_dir
from kit.files import write_atomic, write_json_atomic

__all__ = ["STAGES", "IncompleteResultsError", "Stage", "analyze", "available_stages", "read_results"]

#: The file, in a results folder, that says what :func:`analyze` wrote and whether it finished.
MANIFEST = "manifest.json"

ENGINES = ("pandas", "dask")
#: Articles per partition when ``npartitions`` is not given (the dask engine).
PARTITION_ARTICLES = 500
#: Articles the topic model is fitted on (all of them when the corpus is smaller).
TOPIC_SAMPLE = 2000
_PRIVATE = ["_file", "_record", "_key", "_skip"]


@dataclass(frozen=True)
class Stage:
    """One analysis that :func:`analyze` can run.

    Attributes
    ----------
    name : str
        The dataset it writes (``out/<name>.parquet/``).
    module, function : str
        Where the analysis lives, e.g. ``kit.readability`` and ``readability``.
    kind : {"per_article", "fitted"}
        ``per_article``: a verb ``function(articles, **options)`` whose rows for an
        article depend on that article alone, so it runs partition by partition.
        ``fitted``: ``function(sample, **options)`` returns a fitted model whose
        ``transform(articles)`` is applied partition by partition.
    """

    name: str
    module: str
    function: str
    kind: str = "per_article"

    def available(self) -> bool:
        """True when the stage's module is installed."""
        try:
            self.load()
        except ModuleNotFoundError as e:
            if e.name == self.module:
                return False
            raise
        except AttributeError:
            return False
        return True

    def load(self) -> Callable:
        """The stage's function."""
        return getattr(importlib.import_module(self.module), self.function)


#: The analyses, in the order they run.
STAGES: dict[str, Stage] = {
    s.name: s for s in [
        Stage("readability", "kit.readability", "readability"),
        Stage("sourcing_summary", "kit.sourcing", "sourcing_summary"),
        Stage("word_counts", "kit.words", "word_counts"),
        Stage("topic_mix", "kit.topics", "topic_model", kind="fitted"),
    ]
}


def available_stages() -> list[str]:
    """Names of the stages whose analysis module is installed, in run order."""
    return [name for name, stage in STAGES.items() if stage.available()]


# --------------------------------------------------------------------------- parquet

def _arrow_type(values: pd.Series) -> pa.DataType:
    if pd.api.types.is_bool_dtype(values.dtype):
        return pa.bool_()
    if pd.api.types.is_integer_dtype(values.dtype):
        return pa.int64()
    if pd.api.types.is_float_dtype(values.dtype):
        return pa.float64()
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        return pa.timestamp("ns")
    present = values.dropna()
    if present.empty or all(isinstance(v, str) for v in present):
        return pa.string()
    kind = pa.array(present.tolist()).type
    return pa.string() if kind in (pa.large_string(), pa.null()) else kind


def _schema(frame: pd.DataFrame) -> pa.Schema:
    """An explicit schema, so that every partition of a dataset writes the same types.

    Columns of text (``object`` or ``str``, even when empty or all missing) are
    strings; numbers and datetimes keep their type.
    """
    return pa.schema([pa.field(str(c), _arrow_type(frame[c])) for c in frame.columns])


def _part_name(i: int) -> str:
    return f"part.{i:05d}.parquet"


#: The empty file that marks a dataset folder as kit.analyze's (readers of Parquet
#: datasets skip names that start with "_").
_MARKER = "_written_by_kit_analyze"


def _write_frame(frame: pd.DataFrame, folder: Path, schema: pa.Schema, i: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / _MARKER).touch()  # idempotent: many workers may write parts of one dataset
    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    # atomic: a worker killed while writing leaves a hidden temporary file, never a
    # truncated part that the rerun of its task might not replace
    write_atomic(folder / _part_name(i), lambda tmp: pq.write_table(table, tmp))


def _dataset(out: Path, name: str) -> Path:
    return out / f"{name}.parquet"


def _clearable(folder: Path, listed: bool) -> bool:
    """May :func:`_clear` remove ``folder``? Only a folder of Parquet parts that
    kit.analyze wrote: marked by it, or listed by the earlier run's manifest."""
    if not folder.exists() and not folder.is_symlink():
        return True
    return folder.is_dir() and not folder.is_symlink() and ((folder / _MARKER).exists() or listed) and all(
        p.suffix == ".parquet" or p.name.startswith(("_", ".")) for p in folder.iterdir())


def _check_clearable(folder: Path, listed: bool) -> None:
    """Raise ``FileExistsError`` unless :func:`_clearable`."""
    if not _clearable(folder, listed):
        raise FileExistsError(f"{folder} exists and is not a Parquet dataset written by kit.analyze; "
                              "nothing was changed: move it, or choose another out folder")


def _clear(folder: Path, listed: bool = False) -> None:
    """Remove a dataset folder written by an earlier run (see :func:`_clearable`)."""
    if not folder.exists() and not folder.is_symlink():
        return
    _check_clearable(folder, listed)
    shutil.rmtree(folder)


def _listed_datasets(manifest: dict | None) -> set[str]:
    """The datasets an earlier run's manifest says it wrote."""
    if not manifest:
        return set()
    names = set(manifest.get("files") or {}) | set(manifest.get("complete_datasets") or [])
    names |= {d.get("dataset") for d in manifest.get("datasets") or [] if isinstance(d, dict)}
    return {n for n in names if isinstance(n, str)}


def _part_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.parquet"))


class IncompleteResultsError(RuntimeError):
    """The results folder holds what an unfinished, failed or damaged :func:`analyze` left."""


def _read_manifest(out: Path) -> dict | None:
    path = out / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raise IncompleteResultsError(f"{path} is not readable JSON: the results in {out} cannot be "
                                     "trusted; run kit.analyze again") from None
    if not isinstance(manifest, dict) or "engine" not in manifest:
        raise FileExistsError(f"{path} was not written by kit.analyze; choose another out folder")
    return manifest


def _check_complete(out: Path, wanted: list[str], manifest: dict | None) -> None:
    """Refuse datasets that :func:`analyze` did not finish writing, naming the reason."""
    if manifest is None:
        raise IncompleteResultsError(f"{out} has no {MANIFEST}: kit.analyze did not finish there (it writes "
                                     "the manifest last), or this is not its folder; run kit.analyze again")
    state = manifest.get("state", "complete")  # a manifest without a state: an earlier kit, written last
    complete = manifest.get("complete_datasets")
    inventory = manifest.get("files")
    for name in wanted:
        ok = state == "complete" or (isinstance(complete, list) and name in complete)
        if not ok:
            why = {"running": "was interrupted or killed before it finished (or is still running)",
                   "failed": f"failed: {manifest.get('error', 'unknown error')}"}.get(state, f"ended as {state!r}")
            raise IncompleteResultsError(f"dataset {name!r} in {out} is incomplete: kit.analyze {why}; "
                                         "run kit.analyze again")
        if isinstance(inventory, dict) and name in inventory:
            parts, rows = inventory[name].get("parts", []), inventory[name].get("rows")
            folder = _dataset(out, name)
            missing = [p for p in parts if not (folder / p).is_file()]
            extra = sorted({p.name for p in _part_files(folder)} - set(parts)) if folder.is_dir() else []
            if missing or extra:
                raise IncompleteResultsError(
                    f"dataset {name!r} in {out} does not match its manifest: "
                    + (f"missing {missing[:3]}" if missing else f"unexpected {extra[:3]}")
                    + "; it was changed after kit.analyze wrote it; run kit.analyze again")
            try:
                found = sum(pq.read_metadata(folder / p).num_rows for p in parts)
            except Exception as e:  # noqa: BLE001 - a truncated Parquet file
                raise IncompleteResultsError(f"dataset {name!r} in {out} is damaged ({type(e).__name__}: {e}); "
                                             "run kit.analyze again") from None
            if rows is not None and found != rows:
                raise IncompleteResultsError(f"dataset {name!r} in {out} has {found} rows, its manifest says "
                                             f"{rows}; run kit.analyze again")


def read_results(out: str | Path | None = None, *, names: list[str] | None = None,
                 lazy: bool = False) -> dict[str, Any]:
    """Read back the datasets written by :func:`analyze`.

    Parameters
    ----------
    out : path, optional
        The folder given to :func:`analyze` (default ``exports/results``).
    names : list of str, optional
        The datasets to read (``articles``, ``skipped``, ``readability``,
        ``sourcing_summary``, ``word_counts``, ``topic_mix``, ``topic_terms``); all
        that the manifest lists by default.
    lazy : bool, default False
        Return Dask DataFrames (read partition by partition when computed) instead
        of pandas DataFrames: for results larger than memory.

    Returns
    -------
    dict of str to DataFrame
        One frame per dataset, rows in the order they were written (the articles'
        order, as :func:`kit.load_articles` gives it).

    Raises
    ------
    IncompleteResultsError
        When :func:`analyze` did not finish (interrupted, killed, failed: its
        ``manifest.json`` is missing or says so), or a dataset's files do not match
        the manifest (a part missing, truncated, or rows lost). A failed run's
        datasets that were finished (e.g. ``skipped`` when nothing could be loaded)
        can still be read.
    """
    out = Path(out) if out is not None else exports_dir() / "results"
    if not out.is_dir():
        raise FileNotFoundError(f"no results folder {out}; run kit.analyze(..., out={str(out)!r}) first")
    manifest = _read_manifest(out)
    if names is None and manifest is not None and isinstance(manifest.get("files"), dict):
        names = list(manifest["files"]) if manifest.get("state", "complete") == "complete" else \
            [n for n in manifest.get("complete_datasets", []) if n in manifest["files"]]
    found = {p.name[: -len(".parquet")] for p in out.glob("*.parquet") if p.is_dir()}
    wanted = names if names is not None else sorted(found)
    missing = [n for n in wanted if n not in found]
    if missing:
        raise FileNotFoundError(f"no dataset {missing} in {out}; it holds {sorted(found - {'_staging'})}")
    _check_complete(out, wanted, manifest)
    return _read_datasets(out, wanted, lazy=lazy)


def _read_datasets(out: Path, names: list[str], *, lazy: bool = False) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name in names:
        files = _part_files(_dataset(out, name))
        if lazy:
            import dask.dataframe as dd

            results[name] = dd.read_parquet([str(f) for f in files])
        elif not files:
            results[name] = pd.DataFrame()
        else:
            frames = [pq.read_table(f).to_pandas() for f in files]
            results[name] = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return results


# --------------------------------------------------------------------------- loading in batches

def _real_parent(path: Path) -> Path:
    """The real folder of ``path``; for a link that loops, the folder the link is in."""
    try:
        return path.resolve().parent
    except (RuntimeError, OSError):  # "Symlink loop" (reported as skipped when read)
        return path.parent.resolve()


def _plan_files(source: Any) -> tuple[list[tuple[int, str, str]], list[dict]]:
    """The files to read, each with its article id stem, and the files skipped by name.

    The stems are those :func:`kit.load_articles` gives: the file name without
    suffix, or, for a second file of the same name, its path relative to the
    inputs' common folder.
    """
    files = _load._expand(source)
    urls = [f for f in files if isinstance(f, str)]
    if urls:
        raise ValueError(f"the dask engine reads files, not web addresses ({urls[0]}, ...): "
                         "save the pages first with kit.download_pages() and analyze the folder")
    common = Path(os.path.commonpath([str(_real_parent(f)) for f in files])) if files else Path(".")
    plan: list[tuple[int, str, str]] = []
    skipped: list[dict] = []
    ids: dict[str, str] = {}
    for i, path in enumerate(files):
        shown = str(path)
        suffix = path.suffix.lower()
        link_problem = _load._link_problem(path) if path.is_symlink() else None
        if link_problem:
            skipped.append({"path": shown, "record": None, "reason": link_problem})  # as load_articles says
        elif path.name.startswith("."):
            skipped.append({"path": shown, "record": None, "reason": "hidden file"})
        elif suffix not in _load.SUPPORTED_SUFFIXES:
            skipped.append({"path": shown, "record": None,
                            "reason": f"unsupported file type '{_load._printable(suffix) or '(none)'}' "
                                      f"(the kit reads {', '.join(_load.SUPPORTED_SUFFIXES)})"})
        else:
            plan.append((i, shown, _load._unique_stem(path, common, ids)))
    return plan, skipped


_STAGING_EXTRA = {"_file": "int64", "_record": "int64", "_key": "str", "_skip": "str"}


def _staging_meta() -> pd.DataFrame:
    frame = _load._to_frame([])
    for c, dtype in _STAGING_EXTRA.items():
        frame[c] = pd.Series([], dtype="int64" if dtype == "int64" else object)
    return frame


def _load_batch(entries: list[tuple[int, str, str]], max_bytes: int | None, strict: bool) -> pd.DataFrame:
    """Load one batch of files: the loaded articles and, as rows with ``_skip`` set,
    the inputs that could not be loaded. Mirrors the loop of :func:`kit.load_articles`
    (without the deduplication, which needs the whole corpus: see :func:`analyze`)."""
    col = _load._Collector(strict=strict)
    rows: list[dict] = []
    extra: list[tuple[int, int, str]] = []
    skipped: list[tuple[int, int, str, str]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", _load.LoadWarning)
        for index, shown, stem in entries:
            path = Path(shown)
            before, first = len(col.skipped), len(rows)
            try:
                records = _load._read_file(path, shown, col, max_bytes)
            except _load.LoadError:
                raise
            except (ValueError, OSError) as e:
                col.skip(shown, str(e))
                records = []
            record_of = {id(rec): n for n, rec in records}
            _load._add_records(records, stem, shown, path.suffix.lower().lstrip("."), col, rows, {}, False)
            for rec in rows[first:]:
                extra.append((index, record_of[id(rec)] or 0, _load._text_key(rec["text"])))
            for p in col.skipped[before:]:
                skipped.append((index, p.record or 0, p.path, p.reason))
    frame = _load._to_frame(rows)
    frame["_file"] = pd.array([e[0] for e in extra], dtype="int64")
    frame["_record"] = pd.array([e[1] for e in extra], dtype="int64")
    frame["_key"] = [e[2] for e in extra]
    frame["_skip"] = None
    if skipped:
        gone = pd.DataFrame({"path": [s[2] for s in skipped], "_file": [s[0] for s in skipped],
                             "_record": [s[1] for s in skipped], "_skip": [s[3] for s in skipped]})
        gone = gone.reindex(columns=frame.columns)
        gone["n_words"] = 0
        gone["n_paragraphs"] = 0
        gone["date"] = pd.Series(pd.NaT, index=gone.index, dtype="datetime64[ns]")
        frame = pd.concat([frame, gone], ignore_index=True) if len(frame) else gone
    return frame.astype({"n_words": "int64", "n_paragraphs": "int64", "_file": "int64", "_record": "int64",
                         "record": "Int64", "stated_words": "Int64"})


def _skipped_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["path", "record", "reason"])
    frame["record"] = frame["record"].astype("Int64")
    return frame.sort_values(["path", "record"], kind="stable", na_position="first").reset_index(drop=True)


def _sample_positions(n: int, size: int, random_state: int) -> np.ndarray:
    """Positions of the articles the topic model is fitted on: all when ``n <= size``,
    else ``size`` drawn without replacement, in corpus order (the same for both engines)."""
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(random_state).choice(n, size=size, replace=False))


# --------------------------------------------------------------------------- stages

def _run_per_article(part: pd.DataFrame, fn: Callable, options: dict, meta: pd.DataFrame | None) -> pd.DataFrame:
    if meta is not None and part.empty:
        return meta
    result = fn(part, **options)
    if "article_id" not in result.columns and result.index.name == "article_id":
        result = result.reset_index()
    return result.reset_index(drop=True)


def _run_transform(part: pd.DataFrame, model: Any, meta: pd.DataFrame | None) -> pd.DataFrame:
    if meta is not None and part.empty:
        return meta
    result = model.transform(part)
    if "article_id" not in result.columns:
        result = result.rename_axis("article_id").reset_index()
    result.columns = [str(c) for c in result.columns]
    return result.reset_index(drop=True)


def _terms_frame(model: Any) -> pd.DataFrame | None:
    terms = getattr(model, "terms", None)
    return terms.reset_index(drop=True) if isinstance(terms, pd.DataFrame) else None


class _NoArticles(ValueError):
    """Nothing could be loaded: the ``skipped`` dataset (already written) says why."""


def _require_articles(n: int, out: Path) -> None:
    if n == 0:
        raise _NoArticles(f"no article could be loaded; {_dataset(out, 'skipped')} lists every input and why")


def _resolve_stages(stages: list[str] | None) -> tuple[list[Stage], list[str]]:
    if stages is None:
        ready = available_stages()
        return [STAGES[n] for n in ready], [n for n in STAGES if n not in ready]
    unknown = [n for n in stages if n not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; the stages are {list(STAGES)}")
    missing = [n for n in stages if not STAGES[n].available()]
    if missing:
        raise ValueError(f"stage(s) {missing} are not available: their module "
                         f"({', '.join(STAGES[n].module for n in missing)}) is not installed")
    return [STAGES[n] for n in stages], []


# --------------------------------------------------------------------------- engines

def _analyze_pandas(source: Any, out: Path, stages: list[Stage], options: dict, *, dedupe: bool,
                    strict: bool, max_bytes: int | None, topic_sample: int, random_state: int,
                    timings: dict) -> None:
    t = time.perf_counter()
    if isinstance(source, pd.DataFrame):
        articles, skipped = source, []
    else:
        articles = _load.load_articles(source, dedupe=dedupe, strict=strict, max_bytes=max_bytes)
        skipped = articles.attrs.get("skipped", [])
    _write_frame(articles, _dataset(out, "articles"), _schema(articles))
    frame = _skipped_frame(skipped)
    _write_frame(frame, _dataset(out, "skipped"), _schema(frame))
    timings["articles"] = (len(articles), time.perf_counter() - t)
    _require_articles(len(articles), out)
    # The analyses read the articles back, as the dask engine's workers do.
    articles = _read_datasets(out, ["articles"])["articles"]
    for stage in stages:
        t = time.perf_counter()
        opts = options.get(stage.name, {})
        if stage.kind == "fitted":
            sample = articles.iloc[_sample_positions(len(articles), topic_sample, random_state)]
            model = stage.load()(sample, **{"random_state": random_state, **opts})
            result = _run_transform(articles, model, None)
            terms = _terms_frame(model)
            if terms is not None:
                _write_frame(terms, _dataset(out, "topic_terms"), _schema(terms))
        else:
            result = _run_per_article_parallel(articles, stage, opts)
        _write_frame(result, _dataset(out, stage.name), _schema(result))
        timings[stage.name] = (len(result), time.perf_counter() - t)



# --------------------------------------------------------------------------- both cores, pandas engine

#: The pandas engine splits a per-article stage over worker processes from this many
#: articles on (below, starting the workers costs more than it saves).
PARALLEL_ARTICLES = 1000
#: Worker processes of the pandas engine (default: the number of cores; 1: one process).
PANDAS_WORKERS: int | None = None


def over_cores(fn: Callable, items: list, *args: Any, min_items: int | None = None) -> list:
    """``fn(part, *args)`` for contiguous parts of ``items``, in worker processes (one
    per core, :data:`PANDAS_WORKERS`) when there are at least ``min_items`` items
    (default :data:`PARALLEL_ARTICLES`); the parts' results in order (a single part,
    run here, otherwise).

    For work whose result for an item depends on that item alone (the sourcing verbs,
    readability, sentence splitting), so that joining the parts' results gives what
    one call gives. The workers are forked after a first call on two items here, so
    they share the word lists and dictionaries it loaded; a worker process never forks
    workers of its own (:func:`analyze` already runs stages in workers).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = PANDAS_WORKERS or os.cpu_count() or 1
    min_items = PARALLEL_ARTICLES if min_items is None else min_items
    if (workers < 2 or len(items) < max(min_items, 2) or multiprocessing.parent_process() is not None
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [fn(items, *args)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fn(items[:2], *args)  # loads what fn needs once, before the fork
    n = min(len(items), 4 * workers)
    bounds = [round(i * len(items) / n) for i in range(n + 1)]
    parts = [items[a:b] for a, b in zip(bounds, bounds[1:])]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(fn, parts, *[[a] * n for a in args]))


def _run_chunk(stage: Stage, part: pd.DataFrame, options: dict) -> tuple[pd.DataFrame, list]:
    """One chunk of articles through one per-article stage (in a worker process), and
    the warnings it gave (shown by the parent, not by the worker)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = _run_per_article(part, stage.load(), options, None)
    return result, [(str(w.message), w.category) for w in caught]


def _concat_chunks(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The chunks' results as one frame, with the dtypes one process gives.

    A categorical column gets the union of the chunks' categories: sorted when each
    chunk's are, else in order of first appearance (as one process would list them).
    """
    parts = [p for p in parts if len(p.columns)]
    if len(parts) == 1:
        return parts[0]
    cats = [c for c in parts[0].columns if isinstance(parts[0][c].dtype, pd.CategoricalDtype)]
    frame = pd.concat(parts, ignore_index=True)
    for c in cats:
        pieces = [p[c] for p in parts]
        ordered = all(pd.Index(p.cat.categories).is_monotonic_increasing for p in pieces)
        union = pd.api.types.union_categoricals(pieces, sort_categories=ordered, ignore_order=True)
        categories = pd.Index(union.categories, dtype=parts[0][c].cat.categories.dtype)  # object stays object
        frame[c] = pd.Categorical(union, dtype=pd.CategoricalDtype(categories, parts[0][c].cat.ordered))
    return frame


def _run_per_article_parallel(articles: pd.DataFrame, stage: Stage, options: dict, *,
                              workers: int | None = None, min_articles: int | None = None,
                              chunks: int | None = None) -> pd.DataFrame:
    """A per-article stage over ``articles``, split over worker processes when it pays.

    The articles are cut into contiguous chunks (four per worker), each run by a
    worker process, and the results concatenated in order: the same frame one
    process gives, since a per-article stage's rows for an article depend on that
    article alone. One process is used below ``min_articles`` articles (default
    :data:`PARALLEL_ARTICLES`), with one worker (default :data:`PANDAS_WORKERS`, else
    the number of cores), or with the ``by`` option (groups across articles). The
    workers are forked after a first call in this process, so they share the word
    lists and dictionaries it loaded instead of loading their own. The workers'
    warnings are shown here, one per chunk that gave it.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    fn = stage.load()
    workers = workers or PANDAS_WORKERS or os.cpu_count() or 1
    min_articles = PARALLEL_ARTICLES if min_articles is None else min_articles
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(articles) < max(min_articles, 2) or "by" in options or not forkable:
        return _run_per_article(articles, fn, options, None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fn(articles.head(2), **options)  # loads the stage's data once, before the fork
    n = min(len(articles), chunks or 4 * workers)
    bounds = [round(i * len(articles) / n) for i in range(n + 1)]
    parts = [articles.iloc[a:b] for a, b in zip(bounds, bounds[1:])]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        done = list(pool.map(_run_chunk, [stage] * n, parts, [options] * n))
    for _, caught in done:
        for message, category in caught:
            warnings.warn(message, category, stacklevel=2)
    return _concat_chunks([frame for frame, _ in done])


@contextmanager
def _dask_client(client: Any, scheduler: str | None, n_workers: int | None) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if isinstance(client, str):
        client, scheduler = None, client
    if client is not None:
        yield client
        return
    if scheduler is not None:
        with Client(scheduler) as c:
            yield c
        return
    try:
        current = Client.current()
    except ValueError:  # no client in this session
        current = None
    if current is not None:
        yield current
        return
    with LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1,
                      processes=True, dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def _read_part(path: str, columns: list[str] | None = None) -> pd.DataFrame:
    return pq.read_table(path, columns=columns).to_pandas()


def _write_part(frame: pd.DataFrame, folder: str, schema: pa.Schema | None, i: int) -> tuple[int, float]:
    """Write one partition (skipped when empty and without a schema); rows and seconds."""
    t = time.perf_counter()
    if schema is not None or len(frame):
        _write_frame(frame, Path(folder), schema if schema is not None else _schema(frame), i)
    return len(frame), time.perf_counter() - t


def _clean_part(frame: pd.DataFrame, losers: frozenset[str]) -> pd.DataFrame:
    """The articles of a staged partition: loaded, not a repeat, without private columns."""
    keep = frame["_skip"].isna() & ~frame["article_id"].isin(losers)
    return frame.loc[keep].drop(columns=_PRIVATE).reset_index(drop=True)


def _stage_part(frame: pd.DataFrame, stage: Stage, work: Any, options: dict, meta: pd.DataFrame | None,
                folder: str, schema: pa.Schema | None, i: int) -> tuple[int, float]:
    """Run one stage on one partition and write its result; rows and seconds."""
    t = time.perf_counter()
    if stage.kind == "fitted":
        model = work[0]
        result = _run_transform(frame, model, None) if len(frame) else frame.iloc[:0, :1]
    else:
        result = _run_per_article(frame, stage.load(), options, meta)
    rows, _ = _write_part(result, folder, schema, i)
    return rows, time.perf_counter() - t


def _gather_sample(files: list[str], ids: list[str]) -> pd.DataFrame:
    """The rows of ``ids`` (in corpus order) from the staged partitions."""
    wanted = set(ids)
    parts = []
    for f in files:
        part = _read_part(f)
        parts.append(part.loc[part["_skip"].isna() & part["article_id"].isin(wanted)].drop(columns=_PRIVATE))
    sample = pd.concat(parts, ignore_index=True)
    return sample.drop_duplicates("article_id").reset_index(drop=True)


def _fit(stage: Stage, sample: pd.DataFrame, options: dict) -> tuple[Any, float]:
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = stage.load()(sample, **options)
    return model, time.perf_counter() - t


def _analyze_dask(source: Any, out: Path, stages: list[Stage], options: dict, *, client: Any,
                  scheduler: str | None, npartitions: int | None, n_workers: int | None,
                  dedupe: bool, strict: bool, max_bytes: int | None, topic_sample: int,
                  random_state: int, timings: dict) -> None:
    """Three passes: load the file batches into staged partitions (on the workers);
    find the repeated texts and the topic sample from small columns; then one graph
    that writes each article partition and runs every stage on it, while one
    worker fits the topic model on the sample."""
    import dask

    staging = out / "_staging.parquet"
    _clear(staging, listed=True)  # the kit's own scratch folder (its name starts with "_")
    with _dask_client(client, scheduler, n_workers) as c:
        t = time.perf_counter()
        if isinstance(source, pd.DataFrame):
            parts = npartitions or max(1, math.ceil(len(source) / PARTITION_ARTICLES))
            size = max(1, math.ceil(len(source) / parts))
            frame = source.reset_index(drop=True).assign(_file=range(len(source)), _record=0, _key="", _skip=None)
            schema = _schema(frame)
            articles_schema = _schema(source)
            chunks = [frame.iloc[i:i + size] for i in range(0, len(frame), size)]
            writes = [dask.delayed(_write_part)(ch, str(staging), schema, i) for i, ch in enumerate(chunks)]
            skipped_rows: list[dict] = []
            dedupe = False
        else:
            plan, skipped_rows = _plan_files(source)
            parts = npartitions or max(1, math.ceil(len(plan) / PARTITION_ARTICLES))
            size = max(1, math.ceil(len(plan) / parts)) if plan else 1
            batches = [plan[i:i + size] for i in range(0, len(plan), size)]
            schema = _schema(_staging_meta())
            articles_schema = _schema(_load._to_frame([]))
            writes = [dask.delayed(_write_part)(dask.delayed(_load_batch)(b, max_bytes, strict), str(staging),
                                                schema, i) for i, b in enumerate(batches)]
        staging.mkdir(parents=True, exist_ok=True)
        c.compute(writes, sync=True)
        files = [str(f) for f in _part_files(staging)]
        if not files:  # nothing but hidden or unsupported files
            _write_frame(_skipped_frame(skipped_rows), _dataset(out, "skipped"), _schema(_skipped_frame(skipped_rows)))
            shutil.rmtree(staging)
            _require_articles(0, out)

        # Small columns only: what failed, which texts repeat, the ids in corpus order.
        present = set(pq.read_schema(files[0]).names)
        light = [col for col in ["article_id", "path", "_file", "_record", "_key", "_skip"] if col in present]
        index = pd.concat(c.compute([dask.delayed(_read_part)(f, light) for f in files], sync=True),
                          ignore_index=True).reindex(columns=light + ["path"] * ("path" not in present))
        failed = index[index["_skip"].notna()]
        skipped_rows += [{"path": p, "record": int(r) or None, "reason": s}
                         for p, r, s in zip(failed["path"], failed["_record"], failed["_skip"])]
        index = index[index["_skip"].isna()]
        losers: set[str] = set()
        if dedupe:
            repeated = index[index["_key"].duplicated(keep=False)].sort_values(["_file", "_record"], kind="stable")
            first: dict[str, str] = {}
            for key, aid, p, r in zip(repeated["_key"], repeated["article_id"], repeated["path"],
                                      repeated["_record"]):
                if key in first:
                    losers.add(aid)
                    skipped_rows.append({"path": p, "record": int(r) or None,
                                         "reason": f"duplicate: same text as article {first[key]!r}"})
                else:
                    first[key] = aid
        ids = index.loc[~index["article_id"].isin(losers), "article_id"]
        skipped = _skipped_frame(skipped_rows)
        _write_frame(skipped, _dataset(out, "skipped"), _schema(skipped))
        _require_articles(len(ids), out)
        timings["load"] = (len(ids), time.perf_counter() - t)

        # One graph: each partition is read and cleaned once, then written and analysed.
        t = time.perf_counter()
        head = _clean_part(_read_part(files[0]), frozenset(losers)).head(20)
        losers_frozen = frozenset(losers)
        clean = [dask.delayed(_clean_part)(dask.delayed(_read_part)(f), losers_frozen) for f in files]
        tasks: dict[str, list] = {"articles": [
            dask.delayed(_write_part)(part, str(_dataset(out, "articles")), articles_schema, i)
            for i, part in enumerate(clean)]}
        fits = {}
        for stage in stages:
            opts = options.get(stage.name, {})
            folder = str(_dataset(out, stage.name))
            if stage.kind == "fitted":
                chosen = list(ids.iloc[_sample_positions(len(ids), topic_sample, random_state)])
                sample = dask.delayed(_gather_sample)(files, chosen)
                work = fits[stage.name] = dask.delayed(_fit)(stage, sample, {"random_state": random_state, **opts})
                meta, schema = None, None
            else:
                example = _run_per_article(head, stage.load(), opts, None)
                work, meta, schema = None, example.iloc[:0], _schema(example)
            tasks[stage.name] = [dask.delayed(_stage_part)(part, stage, work, opts, meta, folder, schema, i)
                                 for i, part in enumerate(clean)]
        names = list(tasks)
        results, fitted = c.compute([[tasks[n] for n in names], fits], sync=True)
        wall = time.perf_counter() - t
        for name, done in zip(names, results):
            # Seconds summed over the partitions (worker time); the wall time is the pass's.
            timings[name] = (sum(r for r, _ in done), sum(s for _, s in done))
        for name, (model, seconds) in fitted.items():
            rows, secs = timings[name]
            timings[name] = (rows, secs + seconds)
            terms = _terms_frame(model)
            if terms is not None:
                _write_frame(terms, _dataset(out, "topic_terms"), _schema(terms))
        timings["articles"] = (timings["articles"][0], timings.pop("load")[1] + timings["articles"][1])
        timings["_wall"] = (0, wall)
        shutil.rmtree(staging)


def analyze(
    source: Any = None,
    *,
    engine: str = "pandas",
    out: str | Path | None = None,
    stages: list[str] | None = None,
    options: dict[str, dict] | None = None,
    client: Any = None,
    scheduler: str | None = None,
    npartitions: int | None = None,
    n_workers: int | None = None,
    dedupe: bool = True,
    strict: bool = False,
    max_bytes: int | None = None,
    topic_sample: int = TOPIC_SAMPLE,
    random_state: int = 0,
) -> pd.DataFrame:
    """Run the analyses over a corpus and write the results as Parquet datasets.

    Parameters
    ----------
    source : path, glob, list of them, or DataFrame, optional
        What :func:`kit.load_articles` reads (default ``data/articles``), or an
        articles frame already loaded (a Dask DataFrame too, with the dask engine).
        With the dask engine the files must be readable by every worker.
    engine : {"pandas", "dask"}
        ``pandas`` runs on this machine, in this process (the per-article
        analyses in worker processes, one per core, from :data:`PARALLEL_ARTICLES`
        articles on); ``dask`` runs partition by partition on a Dask cluster
        (see ``client``).
    out : path, optional
        The folder for the results (default ``exports/results``); it must be
        readable and writable by every worker. Each dataset is a folder
        ``out/<name>.parquet/`` of ``part.NNNNN.parquet`` files, replaced if present.
    stages : list of str, optional
        The analyses to run, among :data:`STAGES` (``readability``,
        ``sourcing_summary``, ``word_counts``, ``topic_mix``). By default every stage
        whose module is installed; the manifest lists those left out.
    options : dict, optional
        Keyword options per stage, e.g. ``{"word_counts": {"ngram": 2},
        "topic_mix": {"n_topics": 8}}``.
    client : distributed.Client or str, optional
        The Dask client to run on, or a scheduler address. Without it (and without
        ``scheduler``) the current client is used when there is one; otherwise a
        ``LocalCluster`` of ``n_workers`` processes is started for the call.
    scheduler : str, optional
        The address of a running Dask scheduler, e.g. ``"tcp://10.0.0.5:8786"``.
    npartitions : int, optional
        Partitions for the dask engine (default: one per 500 input files).
    n_workers : int, optional
        Workers of the ``LocalCluster`` started when no cluster is given (default:
        the number of cores).
    dedupe, strict, max_bytes
        As in :func:`kit.load_articles`.
    topic_sample : int, default 2000
        Articles the topic model is fitted on, drawn with ``random_state`` (all of
        them when the corpus is smaller); the fitted model is then applied to every
        article. Both engines draw the same sample.
    random_state : int, default 0
        Seed of the sample and of the topic model.

    Returns
    -------
    DataFrame
        One row per dataset written: ``dataset``, ``path``, ``rows``, ``seconds``
        (with the dask engine, worker seconds summed over the partitions; the
        articles row includes loading). The same is saved as
        ``out/manifest.json``, with the engine, the options, ``missing_stages``
        (stages whose module is not installed) and, for the dask engine,
        ``analyses_wall_seconds`` (the wall time of the pass running every stage).

    Notes
    -----
    The dask engine gives the same article ids as :func:`kit.load_articles`, with one
    difference: when two files share a name and the first cannot be read at all,
    ``load_articles`` gives the plain name to the second, the dask engine gives the
    second its path relative to the corpus folder. A record file (``.jsonl``,
    ``.csv``, ``.json``) is read by one task: split very large record files.
    Deduplication is global: the repeats are found from text hashes across all
    partitions, and the first article in file order is kept, as the loader does.
    The client holds only a small index of the corpus (id, path and text hash of
    each article, about 200 bytes an article), never the texts. In a script (not a
    notebook), call the dask engine under ``if __name__ == "__main__":``: the
    worker processes of the ``LocalCluster`` it starts import the script again.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    if engine == "pandas" and (client is not None or scheduler is not None):
        raise ValueError("client= and scheduler= need engine='dask'")
    out = Path(out) if out is not None else exports_dir() / "results"
    chosen, missing = _resolve_stages(stages)
    options = dict(options or {})
    unknown = [k for k in options if k not in STAGES]
    if unknown:
        raise ValueError(f"options for unknown stage(s) {unknown}; the stages are {list(STAGES)}")
    out.mkdir(parents=True, exist_ok=True)
    listed = _listed_datasets(_read_manifest(out))  # refuses a manifest.json that is not the kit's
    names = ["articles", "skipped", "topic_terms", *STAGES]
    # Every dataset folder is checked before anything is changed: a folder of yours
    # with a dataset's name (a Spark or pyarrow export) stops the call, untouched.
    for name in names:
        _check_clearable(_dataset(out, name), name in listed)
    about = {"engine": engine, "stages": [s.name for s in chosen], "missing_stages": missing,
             "options": options, "topic_sample": topic_sample, "random_state": random_state}
    # First of all: the folder says a run is under way, so that a run killed from here
    # on never leaves an earlier run's manifest describing datasets that are gone.
    write_json_atomic(out / MANIFEST, {**about, "state": "running", "complete_datasets": [], "pid": os.getpid(),
                                       "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")})
    for name in names:
        _clear(_dataset(out, name), name in listed)
    timings: dict[str, tuple[int, float]] = {}
    common = dict(dedupe=dedupe, strict=strict, max_bytes=max_bytes, topic_sample=topic_sample,
                  random_state=random_state, timings=timings)
    try:
        if engine == "pandas":
            _analyze_pandas(source, out, chosen, options, **common)
        else:
            _analyze_dask(source, out, chosen, options, client=client, scheduler=scheduler,
                          npartitions=npartitions, n_workers=n_workers, **common)
    except BaseException as e:
        done = ["skipped"] if isinstance(e, _NoArticles) and _dataset(out, "skipped").is_dir() else []
        write_json_atomic(out / MANIFEST, {**about, "state": "failed" if isinstance(e, Exception) else "interrupted",
                                           "error": f"{type(e).__name__}: {e}", "complete_datasets": done,
                                           "files": _inventory(out, done)})
        raise
    wall = timings.pop("_wall", (0, None))[1]
    manifest = pd.DataFrame(
        [{"dataset": k, "path": str(_dataset(out, k)), "rows": v[0], "seconds": round(v[1], 3)}
         for k, v in timings.items()],
        columns=["dataset", "path", "rows", "seconds"],
    )
    written = [n for n in ["articles", "skipped", *[s.name for s in chosen], "topic_terms"]
               if _dataset(out, n).is_dir()]
    # Last of all, atomically: the manifest that says the results are complete.
    write_json_atomic(out / MANIFEST, {
        **about,
        "state": "complete",
        "datasets": manifest.drop(columns="path").to_dict("records"),
        "analyses_wall_seconds": None if wall is None else round(wall, 3),
        "complete_datasets": written,
        "files": _inventory(out, written),
    })
    return manifest


def _inventory(out: Path, names: list[str]) -> dict[str, dict]:
    """Each dataset's part files and rows (read from the Parquet footers)."""
    inventory = {}
    for name in names:
        parts = _part_files(_dataset(out, name))
        inventory[name] = {"parts": [p.name for p in parts],
                           "rows": int(sum(pq.read_metadata(p).num_rows for p in parts))}
    return inventory
