"""Load news articles into one pandas DataFrame, one row per article.

Inputs: a folder (searched recursively), files, glob patterns, web addresses, or a
DataFrame of your own (:func:`from_frame`). Formats (see :mod:`kit.readers`, where
each format is one registered reader): ``.txt``/``.md`` (a page scrape or a plain
article, with optional header lines), ``.html``/``.htm`` (through trafilatura),
``.json`` (one object, a list, or an object holding a list), ``.jsonl`` and
``.csv``/``.tsv`` (one record per article, fields matched by their usual names),
and the exports of research databases, feeds and web archives (:mod:`kit.formats`:
Nexis Uni / LexisNexis, Factiva, Media Cloud, RSS and Atom, WARC).
Article bodies are cleaned by :mod:`kit.clean` (credits, captions, datelines,
bylines and page furniture kept out of ``text``).

Bad input never stops a load: every problem becomes a :class:`LoadWarning` naming
the input (and the record) and the reason, and ``articles.attrs["skipped"]`` lists
what was left out, so that every input is accounted for (see :func:`load_report`):
unreadable or special files, broken or looping links, linked folders, unreadable
folders, bad records. A bad record costs that record, not its file. With
``strict=True`` the first problem raises :class:`LoadError` instead.
"""
from __future__ import annotations

import glob
import hashlib
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from kit.config import data_dir, outlet_from_default
from kit.text import _count_words
from kit.readers import (
    FIELD_NAMES, MAX_ARTICLE_BYTES, MAX_RECORDS_BYTES, SNIFF_BYTES, Problem, Source, _norm_key, find_reader,
    parse_html, parse_plain_text, supported_suffixes, table_records,
)
from kit.web import download_pages, fetch_page, registered_domain, url_slug

__all__ = [
    "ARTICLE_COLUMNS",
    "LoadError",
    "LoadWarning",
    "SUPPORTED_SUFFIXES",
    "download_pages",
    "fetch_page",
    "from_frame",
    "load_articles",
    "load_corpus",
    "load_report",
    "parse_html",
    "parse_plain_text",
]

#: Columns of the articles frame, in order.
ARTICLE_COLUMNS = [
    "article_id", "title", "date", "outlet", "url", "byline", "text",
    "n_words", "n_paragraphs", "path", "format", "section", "captions", "encoding",
    "dateline", "record", "external_id", "stated_words",
]
#: Suffixes the built-in readers claim (more readers may register more).
SUPPORTED_SUFFIXES = supported_suffixes()
SINGLE_ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
RECORD_SUFFIXES = (".json", ".jsonl", ".csv", ".tsv")
OUTLET_FROM = (None, "folder", "file")

_FRAME_ID_NAMES = ("article_id", "id", "doc_id", "document_id", "story_id", "stories_id", "uuid")


class LoadError(ValueError):
    """An input that cannot be loaded (raised with ``strict=True``)."""


class LoadWarning(UserWarning):
    """An input that was skipped, or loaded with a caveat; the message names the input."""


@dataclass
class _Problem:
    path: str
    reason: str
    record: int | None = None

    def message(self) -> str:
        where = self.path if self.record is None else f"{self.path} (record {self.record})"
        return f"{where}: {self.reason}"


@dataclass
class _Collector:
    strict: bool
    skipped: list[_Problem] = field(default_factory=list)
    notes: list[_Problem] = field(default_factory=list)

    def skip(self, path: str, reason: str, record: int | None = None) -> None:
        problem = _Problem(path, reason, record)
        if self.strict:
            raise LoadError(problem.message())
        warnings.warn(problem.message(), LoadWarning, stacklevel=4)
        self.skipped.append(problem)

    def note(self, path: str, reason: str) -> None:
        problem = _Problem(path, reason)
        warnings.warn(problem.message(), LoadWarning, stacklevel=4)
        self.notes.append(problem)


# --------------------------------------------------------------------------- finding files

def _is_url(item: Any) -> bool:
    return isinstance(item, str) and re.match(r"https?://", item, re.IGNORECASE) is not None


def _printable(path: Path | str) -> str:
    """A path as text that can be printed and written anywhere: bytes of a file name
    that are not UTF-8 are shown as ``\\xNN``."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_KINDS = [(stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")]


def _special(mode: int) -> str:
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _link_problem(path: Path) -> str | None:
    """Why a symbolic link cannot be read as a file (None when it leads to one)."""
    try:
        st = os.stat(path)
    except OSError as e:
        if e.errno == 40 or "loop" in str(e).lower():  # ELOOP
            return "symbolic link loop: the link leads back to itself, not read"
        return f"broken symbolic link: its target {_printable(os.readlink(path))} does not exist"
    if stat.S_ISDIR(st.st_mode):
        return ("symbolic link to a folder, not followed (links can loop); "
                "pass the folder itself to load it")
    if not stat.S_ISREG(st.st_mode):
        return f"symbolic link to {_special(st.st_mode)}, not read"
    return None


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _walk(folder: Path, col: _Collector, found: list[Path], counted: list[int],
          real: dict[Path, Path], real_folder: Path | None = None) -> None:
    """Append the files under ``folder`` to ``found`` in sorted order, and their real
    paths to ``real``; report what is not read (links that fail, links to folders,
    special files, unreadable folders)."""
    if real_folder is None:
        real_folder = _real(folder)
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as e:
        counted[0] += 1
        col.skip(_printable(folder), f"folder cannot be read ({e.strerror or e}); its files are not loaded")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_symlink():
                why = _link_problem(path)
                if why:
                    counted[0] += 1
                    col.skip(_printable(path), why)
                else:
                    found.append(path)
                    real[path] = _real(path)
            elif entry.is_dir(follow_symlinks=False):
                if entry.name.startswith("."):
                    counted[0] += 1
                    col.skip(_printable(path), "hidden folder, not read")
                else:
                    _walk(path, col, found, counted, real, real_folder / entry.name)
            elif entry.is_file(follow_symlinks=False):
                found.append(path)
                real[path] = real_folder / entry.name
            else:
                counted[0] += 1
                col.skip(_printable(path), f"{_special(entry.stat(follow_symlinks=False).st_mode)}, not read")
        except OSError as e:
            counted[0] += 1
            col.skip(_printable(path), f"cannot be read ({e.strerror or e})")


def _find_inputs(source: Any, col: _Collector, real: dict[Path, Path]) -> tuple[list[Path | str], int]:
    """Turn a folder, file, glob or list of them into a list of files (and addresses),
    and the number of inputs reported instead (unreadable folders, links, ...);
    ``real`` receives each file's real path."""
    if source is None:
        source = data_dir()
    items = source if isinstance(source, (list, tuple, set)) else [source]
    files: list[Path | str] = []
    counted = [0]
    several = len(items) > 1
    missing: list[str] = []
    for item in items:
        if _is_url(item):
            files.append(item)
            continue
        p = Path(os.fspath(item)).expanduser()
        if p.is_dir():
            _walk(p, col, files, counted, real)
        elif p.is_file():
            files.append(p)
        elif glob.has_magic(str(item)):
            matches = sorted(Path(m) for m in glob.glob(str(p), recursive=True))
            for m in matches:
                if m.is_symlink() and m.is_dir():
                    # as in a folder: a link to a folder is not followed (links can loop)
                    counted[0] += 1
                    col.skip(_printable(m), _link_problem(m) or "symbolic link to a folder, not followed")
                elif m.is_dir():
                    _walk(m, col, files, counted, real)
                else:
                    files.append(m)
            if not matches:
                missing.append(f"no files match the pattern {_printable(str(item))}")
                if several:
                    counted[0] += 1
                    col.skip(_printable(str(item)), "no files match the pattern")
        elif p.is_symlink() or p.exists():  # a broken link, a FIFO, ...
            why = _link_problem(p) if p.is_symlink() else f"{_special(p.stat().st_mode)}, not read"
            counted[0] += 1
            col.skip(_printable(p), why or "not a regular file")
        else:
            missing.append(f"no such file or folder: {_printable(str(item))}")
            if several:
                # one missing entry of a list is reported, and the others still load
                counted[0] += 1
                col.skip(_printable(str(item)), "no such file or folder")
    if missing and (not several or len(missing) == len(items)):
        raise FileNotFoundError(missing[0] if len(missing) == 1 else "; ".join(missing))
    seen: dict[Path | str, Path | str] = {}
    unique = []
    for f in files:
        if isinstance(f, str):
            key: Path | str = f
        else:
            key = real.get(f) or real.setdefault(f, _real(f))
        if key not in seen:
            seen[key] = f
            unique.append(f)
        elif f != seen[key]:  # a link to a file loaded already, or a file named twice
            counted[0] += 1
            col.skip(_printable(f), f"the same file as {_printable(seen[key])}, loaded once")
    return unique, counted[0]


# --------------------------------------------------------------------------- ids

def _claim_id(candidates: Iterable[str], owner: str, ids: dict[str, str]) -> str:
    """The first candidate id that no other input (``ids`` maps id -> owner) holds;
    when all are held, the last with ``~2``, ``~3``, ... (ids are unique by construction)."""
    last = ""
    for candidate in candidates:
        last = candidate
        if ids.get(candidate, owner) == owner:
            ids[candidate] = owner
            return candidate
    k = 2
    while f"{last}~{k}" in ids:
        k += 1
    ids[f"{last}~{k}"] = owner
    return f"{last}~{k}"


def _id_text(text: str) -> str:
    """An id made from a file name: printable, and without ``#`` (which marks a record)."""
    return _printable(text).replace("#", "-")


def _unique_stem(path: Path, common: Path, ids: dict[str, str], resolved: Path | None = None) -> str:
    """The file name without suffix; when another file already has it, the path
    (``resolved``) relative to the inputs' common folder (without, then with, the suffix)."""
    if resolved is None:
        resolved = _real(path)

    def candidates() -> Iterator[str]:  # the paths are worked out only when the name is taken
        yield _id_text(path.stem)
        rel = resolved.relative_to(common) if resolved.is_relative_to(common) else resolved
        yield _id_text(rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix())
        yield _id_text(rel.as_posix())

    return _claim_id(candidates(), _printable(resolved), ids)


def _text_key(text: str) -> str:
    # Bodies are normalised by the readers (one space inside a paragraph, a blank line
    # between paragraphs), so letter case is all that is left to even out.
    return hashlib.sha1(text.lower().encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------- fixing records

_SURROGATE = re.compile("[\ud800-\udfff]")


def _fix_surrogates(rec: dict) -> bool:
    """Replace lone surrogates (from JSON escapes like ``\\ud83d``) by U+FFFD in every
    text field; True when there were any."""
    fixed = False
    for k, v in rec.items():
        if isinstance(v, str) and not v.isascii():
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                rec[k] = _SURROGATE.sub("\ufffd", v)
                fixed = True
    return fixed


def _outlet(rec: dict, path: Path | None, outlet_from: str | None) -> str | None:
    """The outlet: the record's own, else the address's registered domain, else the
    folder's or the file's name (``outlet_from``)."""
    if rec.get("outlet"):
        return rec["outlet"]
    domain = registered_domain(rec["url"]) if rec.get("url") else None
    if domain:
        return domain
    if path is not None and outlet_from == "folder":
        return _printable(path.parent.name) or None
    if path is not None and outlet_from == "file":
        return _printable(path.stem) or None
    return None


def _check_outlet_from(outlet_from: str | None) -> str | None:
    if outlet_from is None:
        outlet_from = outlet_from_default()
    if outlet_from not in OUTLET_FROM:
        raise ValueError(f"outlet_from must be 'folder', 'file' or None; got {outlet_from!r}")
    return outlet_from


# --------------------------------------------------------------------------- main entry

def _read(path: Path, shown: str, options: dict, max_bytes: int | None) -> tuple[Source, str, Iterator]:
    """Open ``path`` with its reader: the source, the format's name and the records."""
    reader = find_reader(path.name)
    if reader is None:
        raise ValueError(f"unsupported file type '{_printable(path.suffix.lower()) or '(none)'}' "
                         f"(the kit reads {', '.join(supported_suffixes())})")
    st = path.stat()
    if not stat.S_ISREG(st.st_mode):
        raise ValueError(f"{_special(st.st_mode)}, not read")
    if st.st_size == 0:
        raise ValueError("empty file (0 bytes)")
    limit = max_bytes if max_bytes is not None else reader.max_bytes
    if st.st_size > limit:
        raise ValueError(
            f"file too large: {st.st_size / 2**20:.1f} MiB, over the limit of {limit / 2**20:.1f} MiB "
            "(pass max_bytes= to raise it, or split the file)"
        )
    with open(path, "rb") as f:
        raw = f.read(st.st_size + 1)  # not read(limit): that would reserve the limit each time
    if len(raw) > limit:
        raise ValueError(f"file too large: over the limit of {limit / 2**20:.1f} MiB (it grew while read)")
    source = Source(path, shown, raw, options)
    reader = find_reader(path.name, raw[:SNIFF_BYTES]) or reader
    return source, reader.name, iter(reader.read(source))


@dataclass
class _Load:
    """The state of one load: problems, ids, texts seen, rows."""

    col: _Collector
    dedupe: bool
    outlet_from: str | None
    rows: list[dict] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    seen_text: dict[str, str] = field(default_factory=dict)

    def add(self, source: Source, fmt: str, records: Iterator, stem_of: Any) -> None:
        """Give each record of ``source`` its id and keep it, or report why not.

        ``stem_of`` is called once, when the first record arrives, for the file's id.
        """
        stem = None
        shown = source.shown
        try:
            for rec in records:
                if isinstance(rec, Problem):
                    self.col.skip(shown, rec.reason, record=rec.record)
                    continue
                n = rec.get("record")
                text = rec.get("text") or ""
                if not text.strip():
                    self.col.skip(shown, "no article text found" if n is None else "record has no text", record=n)
                    continue
                if stem is None:
                    stem = stem_of()
                article_id = rec.pop("id", None) or (stem if n is None else f"{stem}#{n}")
                if _fix_surrogates(rec):
                    source.note("lone surrogate escapes (half an emoji) replaced by \ufffd")
                if self.dedupe:
                    key = _text_key(rec["text"])
                    if key in self.seen_text:
                        self.col.skip(shown, f"duplicate: same text as article {self.seen_text[key]!r}", record=n)
                        continue
                    self.seen_text[key] = article_id
                rec.update(article_id=article_id, path=shown, format=fmt, encoding=source.encoding,
                           record=n, outlet=_outlet(rec, source.path, self.outlet_from))
                self.rows.append(rec)
        except LoadError:
            raise
        except RecursionError:
            self.col.skip(shown, "nested too deeply to read")
        except (ValueError, OSError) as e:
            self.col.skip(shown, str(e) or type(e).__name__)
        except Exception as e:  # one bad file never stops a load
            self.col.skip(shown, f"could not be read: {type(e).__name__}: {e}")
        finally:
            for reason in source.notes:
                self.col.note(shown, reason)


def load_articles(
    source: Any = None,
    *,
    strict: bool = False,
    max_bytes: int | None = None,
    dedupe: bool = True,
    progress: bool = False,
    text: str | None = None,
    outlet_from: str | None = None,
) -> pd.DataFrame:
    """Load news articles into a DataFrame, one row per article.

    Parameters
    ----------
    source : path, glob, URL, list of them, or DataFrame, optional
        A folder (searched recursively), a file, a glob pattern, a web page's
        address (``https://...``, fetched and read like a saved ``.html`` file), or a
        list of any of these; or a DataFrame of articles (see :func:`from_frame`).
        Defaults to the shipped ``data/articles`` (or ``$KIT_DATA``). To keep pages
        as they were, save them first with :func:`download_pages` and load the folder.
    strict : bool, default False
        Raise :class:`LoadError` on the first problem (a skipped file, record,
        link or folder) instead of warning.
    max_bytes : int, optional
        Skip files larger than this. By default 10 MiB for single-article files
        (``.txt``, ``.md``, ``.html``) and 1 GiB for record files.
    dedupe : bool, default True
        Skip an article whose text repeats an earlier one (reported as a duplicate).
    progress : bool, default False
        Show a progress bar over files.
    text : str, optional
        The field or column holding the article text in CSV, JSON and DataFrame
        input. By default the one with a usual name (``text``, ``body``,
        ``content``, ``article_text``, ``full_text``, ``story``, ...); when several
        are there, the one holding the most text, said in a note.
    outlet_from : {None, "folder", "file"}, optional
        Where the outlet comes from when neither the article's metadata nor its
        address (the registered domain of ``url``, e.g. ``wikinews.org``) gives it:
        the name of the article's folder, or of its file. Defaults to
        ``$KIT_OUTLET_FROM`` (set by ``python -m kit run --outlet-from``), else None.

    Returns
    -------
    DataFrame
        One row per article with columns ``article_id`` (the file name without
        suffix, plus ``#n`` for record ``n`` of a file holding many; file ids never
        hold ``#``, so ids are unique), ``title``, ``date`` (datetime64, NaT when
        unknown), ``outlet``, ``url``, ``byline``, ``text`` (the clean body,
        paragraphs separated by blank lines), ``n_words``, ``n_paragraphs``,
        ``path``, ``format``, ``section``, ``captions``, ``encoding``, ``dateline``
        (a date line or a "WASHINGTON (AP)" opening taken out of the text) and
        ``record`` (the record's number in its file, <NA> for one-article files),
        ``external_id`` (the item's own id in a database export, feed or web
        archive) and ``stated_words`` (Int64: the length an export states, beside
        the counted ``n_words``).
        ``attrs["skipped"]`` lists the inputs left out (``path``, ``record``,
        ``reason``), ``attrs["notes"]`` the caveats of loaded inputs, and
        ``attrs["files"]`` the number of inputs; see :func:`load_report`.

    Raises
    ------
    FileNotFoundError
        When ``source`` names nothing that exists.
    LoadError
        With ``strict=True``, on the first problem.
    """
    if isinstance(source, pd.DataFrame):
        return from_frame(source, text=text, strict=strict, dedupe=dedupe, outlet_from=outlet_from)
    if not strict and max_bytes is None and dedupe and text is None and outlet_from is None:
        cached = _from_run_cache(source)
        if cached is not None:
            return cached
    outlet_from = _check_outlet_from(outlet_from)
    col = _Collector(strict=strict)
    real: dict[Path, Path] = {}
    files, reported = _find_inputs(source, col, real)
    state = _Load(col, dedupe, outlet_from)
    options = {"text": text}
    iterator: Iterable[Path | str] = files
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(files, desc="loading", unit="file")
    local = [f for f in files if not isinstance(f, str)]
    try:
        common = Path(os.path.commonpath([str(real[f].parent) for f in local])) if local else Path(".")
    except (ValueError, OSError, RuntimeError):
        common = Path("/")
    for path in iterator:
        if isinstance(path, str):  # a web page's address
            _load_url(path, state)
            continue
        shown = _printable(path)
        if shown != str(path):
            col.note(shown, "the file name is not valid UTF-8; shown with \\x escapes")
        if path.name.startswith("."):
            col.skip(shown, "hidden file")
            continue
        try:
            src, fmt, records = _read(path, shown, options, max_bytes)
        except LoadError:
            raise
        except (ValueError, OSError) as e:
            col.skip(shown, str(e) or type(e).__name__)
            continue
        except Exception as e:  # one bad file never stops a load
            col.skip(shown, f"could not be read: {type(e).__name__}: {e}")
            continue
        state.add(src, fmt, records, lambda p=path: _unique_stem(p, common, state.ids, real[p]))
    frame = _to_frame(state.rows)
    return _with_attrs(frame, col, len(files) + reported)


def _load_url(url: str, state: _Load) -> None:
    source = Source(None, url, options={})
    try:
        parsed = parse_html(fetch_page(url), url=url)
    except LoadError:
        raise
    except ValueError as e:
        state.col.skip(url, str(e))
        return
    except Exception as e:
        state.col.skip(url, f"could not be read: {type(e).__name__}: {e}")
        return
    source.encoding = "utf-8"
    parsed.update(url=parsed.get("url") or url)

    def stem() -> str:
        slug = url_slug(url)
        return _claim_id((slug, f"{slug}-{hashlib.sha1(url.encode()).hexdigest()[:8]}"), url, state.ids)

    state.add(source, "url", iter([parsed]), stem)


def from_frame(
    frame: pd.DataFrame,
    *,
    text: str | None = None,
    strict: bool = False,
    dedupe: bool = True,
    outlet_from: str | None = None,
) -> pd.DataFrame:
    """The articles frame from a DataFrame of your own.

    ``kit.load_articles(df)`` calls this. The text column is ``text=``, else the one
    with a usual name (``text``, ``body``, ``content``, ``article_text``,
    ``full_text``, ``story``, ...; among several, the one holding the most text);
    the other columns are matched by their usual names (``title``/``headline``,
    ``date``/``published``, ``url``/``link``, ``outlet``/``source``,
    ``byline``/``author``, ``section``). Bodies are cleaned as for files. Your other
    columns are kept, after the kit's.

    Parameters
    ----------
    frame : DataFrame
        One row per article.
    text : str, optional
        The text column.
    strict, dedupe : bool
        As for :func:`load_articles`.
    outlet_from : {None, "file"}, optional
        Without outlet metadata or addresses: ``"file"`` leaves the outlet empty
        too (a frame has no file); kept for symmetry with :func:`load_articles`.

    Returns
    -------
    DataFrame
        The articles frame (:data:`ARTICLE_COLUMNS`, then the frame's other
        columns). ``article_id`` is the frame's own (a unique ``article_id`` or
        ``id`` column), else ``row1``, ``row2``, ... by position; ``path`` is
        ``"(DataFrame)"``.

    Raises
    ------
    ValueError
        When no column holds the text, naming the columns there are.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"from_frame needs a pandas DataFrame; got {type(frame).__name__}")
    outlet_from = _check_outlet_from(outlet_from)
    col = _Collector(strict=strict)
    shown = "(DataFrame)"
    source = Source(None, shown, options={"text": text}, encoding=None)
    frame = _unique_columns(frame, source)
    header = [str(c) for c in frame.columns]
    cells = [frame.iloc[:, i].tolist() for i in range(frame.shape[1])]
    rows = [(n, None, [c[n - 1] for c in cells]) for n in range(1, len(frame) + 1)]
    records = table_records(header, rows, source)  # ValueError without a text column
    ids = _frame_ids(frame, source)
    state = _Load(col, dedupe, outlet_from)

    def with_ids(items: Iterator) -> Iterator:
        for item in items:
            if isinstance(item, dict):
                item["id"] = ids[item["record"] - 1] if ids is not None else f"row{item['record']}"
            yield item

    state.add(source, "frame", with_ids(records), lambda: "row")
    out = _to_frame(state.rows)
    used = {header[i] for i in source.columns_used}
    # an id column ("id", "story_id") gives external_id and is kept as it is, too
    used -= {h for h in header if h != "external_id" and _norm_key(h) in FIELD_NAMES["external_id"]}
    picked = [int(r["record"]) - 1 for r in state.rows]
    renamed = []
    for c in frame.columns:
        name = str(c)
        if name in used:
            continue
        if name in out.columns:
            # "format", "path", "record": your column keeps its values under a new name
            new_name = _free_name(f"{name}_yours", out.columns)
            renamed.append(f"{name!r} as {new_name!r}")
            name = new_name
        # .array keeps the column's dtype (Int64, boolean, category, Arrow strings)
        out[name] = frame[c].iloc[picked].array if picked else pd.Series([], dtype=frame[c].dtype).array
    if renamed:
        col.note(shown, f"your columns named like the kit's are kept as {', '.join(renamed)}")
    return _with_attrs(out, col, len(frame))


def _free_name(name: str, taken) -> str:
    out, k = name, 2
    while out in taken:
        out, k = f"{name}{k}", k + 1
    return out


def _unique_columns(frame: pd.DataFrame, source: Source) -> pd.DataFrame:
    """``frame`` with every column name unique: a name used twice (after a merge, or
    in a spreadsheet) gets ``.1``, ``.2``, ... on its later columns, as pandas's
    ``read_csv`` names them, and a note says so."""
    names = [str(c) for c in frame.columns]
    if len(set(names)) == len(names):
        return frame
    seen: dict[str, int] = {}
    unique = []
    for n in names:
        if n in seen:
            seen[n] += 1
            new = f"{n}.{seen[n]}"
            while new in names or new in unique:
                seen[n] += 1
                new = f"{n}.{seen[n]}"
            unique.append(new)
        else:
            seen[n] = 0
            unique.append(n)
    twice = sorted({n for n in names if names.count(n) > 1})
    source.note(f"columns named more than once ({', '.join(map(repr, twice))}); the later ones are read as "
                f"{', '.join(repr(u) for u, n in zip(unique, names) if u != n)}")
    out = frame.copy(deep=False)
    out.columns = unique
    return out


def _frame_ids(frame: pd.DataFrame, source: Source) -> list[str] | None:
    """The frame's own ids: the first unique, complete column with an id's name (a
    note says why one with such a name was not used)."""
    names = {re.sub(r"[\s-]+", "_", str(c).strip().lower()): c for c in reversed(list(frame.columns))}
    for name in _FRAME_ID_NAMES:
        if name in names:
            values = frame[names[name]]
            if pd.api.types.is_float_dtype(values) and values.notna().all() and (values == values.round()).all():
                values = values.astype("int64")  # ids 101.0, 102.0 (a float column) are 101, 102
            text = values.astype(str).str.strip()
            if values.notna().all() and text.ne("").all() and text.is_unique:
                return text.tolist()
            source.note(f"column {names[name]!r} has blank or repeated values, so the ids are "
                        "row1, row2, ... by position")
    return None


def _with_attrs(frame: pd.DataFrame, col: _Collector, inputs: int) -> pd.DataFrame:
    frame.attrs["skipped"] = [
        {"path": p.path, "record": p.record, "reason": p.reason} for p in col.skipped
    ]
    frame.attrs["notes"] = [{"path": p.path, "reason": p.reason} for p in col.notes]
    frame.attrs["files"] = inputs
    return frame


_OBJECT_COLUMNS = ("title", "outlet", "url", "byline", "section", "captions", "encoding", "dateline",
                   "external_id")


def _to_frame(rows: list[dict]) -> pd.DataFrame:
    """The articles frame from the kept records, built column by column."""
    data: dict[str, Any] = {}
    texts = [r["text"] for r in rows]
    for c in ARTICLE_COLUMNS:
        if c == "n_words":
            data[c] = pd.array([_count_words(t) for t in texts], dtype="int64")
        elif c == "n_paragraphs":
            data[c] = pd.array([t.count("\n\n") + 1 if t else 0 for t in texts], dtype="int64")
        elif c == "record":
            data[c] = pd.array([r.get(c) for r in rows], dtype="Int64")
        elif c == "stated_words":
            data[c] = _whole_numbers([r.get(c) for r in rows])
        elif c == "date":
            data[c] = _parse_dates(pd.Series([r.get(c) for r in rows], dtype=object))
        elif c in _OBJECT_COLUMNS:
            data[c] = pd.Series([r.get(c) or None for r in rows], dtype=object)
        else:
            # Inferred (the str dtype of pandas 3) is twice as fast as asking for it.
            data[c] = pd.Series([r.get(c) for r in rows]) if rows else pd.Series([], dtype="str")
    return pd.DataFrame(data, columns=ARTICLE_COLUMNS)


def _whole_numbers(values: list[Any]) -> pd.arrays.IntegerArray:
    """Whole numbers (Int64) from ints or text ("523", "523.0"); <NA> for anything else."""
    if all(v is None or type(v) is int for v in values):
        return pd.array(values, dtype="Int64")
    numbers = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce")
    return numbers.where(numbers.round() == numbers).astype("Int64").array


_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")


def _epoch(value: Any) -> Any:
    """A Unix time in seconds (9 or 10 digits: 1973 to 2286) or milliseconds (12 or 13)
    as a UTC timestamp; anything else as it is. 8-digit numbers are left alone: they
    are dates written 20230105."""
    text = str(value).strip() if value is not None else ""
    if not _EPOCH.fullmatch(text):
        return value
    number = float(text)
    digits = len(text.split(".")[0])
    if digits in (9, 10):
        return pd.Timestamp(number, unit="s", tz="UTC")
    if digits in (12, 13):
        return pd.Timestamp(number, unit="ms", tz="UTC")
    return value


def _parse_dates(values: pd.Series) -> pd.Series:
    """Parse mixed date strings to timezone-naive UTC datetimes (NaT when unknown)."""
    if values.empty:
        return pd.Series(pd.to_datetime([]), index=values.index, dtype="datetime64[ns]")
    values = values.map(_epoch)  # 1672531200 (a Unix time, as databases store it): a date
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pd.to_datetime(values, errors="coerce", utc=True, format="mixed")
    parsed = parsed.dt.tz_localize(None)
    # Dates outside what nanoseconds can hold (year -1, year 9999) are unknown, not a crash.
    inside = parsed.between(pd.Timestamp.min, pd.Timestamp.max) if len(parsed) else parsed.notna()
    return parsed.where(inside).astype("datetime64[ns]")


# --------------------------------------------------------------------------- for kit.scale
# kit.scale loads files in batches with the loader's own steps; these keep the
# interface it was written against.

def _expand(source: Any) -> list[Path | str]:
    """The inputs of ``source`` in load order. Inputs that the loader reports rather
    than reads (broken links, pipes, linked or unreadable folders) are listed too:
    reading them fails with the reason, so a batch reports them as well."""
    col = _Collector(strict=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        files, _ = _find_inputs(source, col, {})
    reported = [Path(p.path) for p in col.skipped if not p.reason.startswith("the same file as")]
    return sorted(files + reported, key=lambda f: (isinstance(f, str), str(f)))


def _read_file(path: Path, shown: str, col: _Collector, max_bytes: int | None) -> list[tuple[int | None, dict]]:
    """The records of one file as ``(record number, record)``; per-record problems
    and the file's caveats go to ``col``."""
    if path.is_symlink() and _link_problem(path):
        raise ValueError(_link_problem(path))
    if path.is_dir():
        raise ValueError("a folder reached through a link, or one that cannot be read; not followed")
    source, fmt, records = _read(path, shown, {"text": None}, max_bytes)
    out = []
    try:
        for rec in records:
            if isinstance(rec, Problem):
                col.skip(shown, rec.reason, record=rec.record)
            else:
                rec["_format"] = fmt
                rec["encoding"] = source.encoding
                out.append((rec.get("record"), rec))
    except RecursionError:
        raise ValueError("nested too deeply to read") from None
    finally:
        for reason in source.notes:
            col.note(shown, reason)
    return out


def _add_records(records: list[tuple[int | None, dict]], stem: str, shown: str, fmt: str,
                 col: _Collector, rows: list[dict], seen_text: dict[str, str], dedupe: bool) -> None:
    """Give each record of :func:`_read_file` its id and append it to ``rows``, or report why not."""
    outlet_from = _check_outlet_from(None)
    path = Path(shown)
    for n, rec in records:
        text = rec.get("text") or ""
        if not text.strip():
            col.skip(shown, "no article text found" if n is None else "record has no text", record=n)
            continue
        article_id = stem if n is None else f"{stem}#{n}"
        _fix_surrogates(rec)
        if dedupe:
            key = _text_key(rec["text"])
            if key in seen_text:
                col.skip(shown, f"duplicate: same text as article {seen_text[key]!r}", record=n)
                continue
            seen_text[key] = article_id
        rec.update(article_id=article_id, path=shown, format=rec.pop("_format", fmt), record=n,
                   outlet=_outlet(rec, path, outlet_from))
        rows.append(rec)


# ``python -m kit run`` loads the corpus once and hands it to the notebooks' kernels:
# it pickles the frame into a staging folder of its output (removed when the run
# ends) and names it in these variables. Six loads of 10,000 articles (the runner,
# five notebooks and the explorer page) cost about 40 s; reading the pickle, 0.3 s.
# Every notebook of a run then sees the same articles, even if files change meanwhile.
RUN_CACHE_ENV, RUN_CACHE_KEY_ENV = "KIT_CORPUS_CACHE", "KIT_CORPUS_CACHE_KEY"


def run_cache_key(source: Any) -> str:
    """What a run's corpus cache was loaded from: the source as given and the outlet rule in force."""
    import json

    return json.dumps([str(source), outlet_from_default()])


def _from_run_cache(source: Any) -> pd.DataFrame | None:
    """The articles ``python -m kit run`` loaded from ``source`` (default options), else None."""
    import pickle

    path = os.environ.get(RUN_CACHE_ENV)
    if not path or not isinstance(source, (str, Path)) or os.environ.get(RUN_CACHE_KEY_ENV) != run_cache_key(source):
        return None
    try:
        with open(path, "rb") as f:
            articles = pickle.load(f)  # noqa: S301 - written by this kit's own runner, in its own output folder
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # gone or unreadable: load the files as usual
    return articles if isinstance(articles, pd.DataFrame) else None


def load_corpus(source: Any = None, **options: Any) -> pd.DataFrame:
    """Load articles for an analysis: :func:`load_articles` without a warning per bad
    input, and a clear error when nothing at all loads.

    The notebooks call this: notebook 01 (and :func:`load_report`) lists what was
    skipped, and an analysis of an empty corpus would only fail later, less clearly.

    Parameters
    ----------
    source : path, glob, URL or list of them, optional
        As for :func:`load_articles`.
    **options
        Passed to :func:`load_articles` (``strict``, ``max_bytes``, ``dedupe``, ...).

    Returns
    -------
    DataFrame
        The articles frame of :func:`load_articles` (at least one row).

    Raises
    ------
    LoadError
        When no article loads, with the number of inputs and the first reasons.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LoadWarning)
        articles = load_articles(source, **options)
    if articles.empty:
        skipped = articles.attrs.get("skipped", [])
        shown = source if source is not None else data_dir()
        if not skipped:
            raise LoadError(f"no articles loaded from {shown}: no files found there")
        reasons = "; ".join(f"{Path(s['path']).name}: {s['reason']}" for s in skipped[:3])
        more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
        raise LoadError(f"no articles loaded from {shown}: {len(skipped)} inputs skipped: {reasons}{more}")
    return articles


def load_report(articles: pd.DataFrame) -> pd.DataFrame:
    """Every input of a load, loaded or not: one row per article or skipped input.

    Parameters
    ----------
    articles : DataFrame
        A frame returned by :func:`load_articles`.

    Returns
    -------
    DataFrame
        Columns ``path``, ``record``, ``status`` (``loaded`` or ``skipped``),
        ``article_id`` (for loaded rows) and ``reason`` (for skipped rows, and the
        caveats of loaded files such as a non-UTF-8 encoding).
    """
    notes: dict[str, str] = {}
    for n in articles.attrs.get("notes", []):
        notes[n["path"]] = "; ".join(filter(None, [notes.get(n["path"]), n["reason"]]))
    loaded = pd.DataFrame({
        "path": articles["path"],
        "record": (articles["record"] if "record" in articles
                   else [int(a.rsplit("#", 1)[1]) if re.fullmatch(r".+#\d+", str(a)) else None
                         for a in articles["article_id"]]),
        "status": "loaded",
        "article_id": articles["article_id"],
        "reason": [notes.get(p) for p in articles["path"]],
    })
    skipped = pd.DataFrame(articles.attrs.get("skipped", []), columns=["path", "record", "reason"])
    skipped.insert(2, "status", "skipped")
    skipped.insert(3, "article_id", None)
    report = pd.concat([loaded, skipped], ignore_index=True) if len(skipped) else loaded
    report["record"] = report["record"].astype("Int64")
    return report.sort_values(["path", "record"], kind="stable", na_position="first").reset_index(drop=True)
