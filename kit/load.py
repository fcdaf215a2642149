"""Load news articles from files into one pandas DataFrame, one row per article.

Formats: ``.txt``/``.md`` (a page scrape or a plain article, with optional header
lines), ``.html``/``.htm`` (through trafilatura), ``.json`` (one object, a list, or an
object holding a list), ``.jsonl`` and ``.csv`` (one record per article, fields
matched by their usual names).

Bad input never stops a load: every problem becomes a :class:`LoadWarning` naming
the file and the reason, and ``articles.attrs["skipped"]`` lists what was left out,
so that every input file is accounted for (see :func:`load_report`). With
``strict=True`` the first problem raises :class:`LoadError` instead.
"""
from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import os
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import pandas as pd

from kit.config import data_dir
from kit.text import count_words, read_word_list, split_paragraphs

__all__ = [
    "ARTICLE_COLUMNS",
    "LoadError",
    "LoadWarning",
    "SUPPORTED_SUFFIXES",
    "download_pages",
    "fetch_page",
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
]
SINGLE_ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
RECORD_SUFFIXES = (".json", ".jsonl", ".csv")
SUPPORTED_SUFFIXES = SINGLE_ARTICLE_SUFFIXES + RECORD_SUFFIXES

#: Default size limits. A single news article is tens of kilobytes; a file of one
#: article over 10 MiB is not an article. Record files hold whole corpora.
MAX_ARTICLE_BYTES = 10 * 2**20
MAX_RECORDS_BYTES = 1 * 2**30

# Field names, matched after lower-casing and turning spaces and hyphens into "_".
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext",
             "maintext", "main_text", "story", "body_text"),
    "title": ("title", "headline", "head", "heading"),
    "date": ("date", "published", "publish_date", "published_at", "pub_date", "date_published",
             "publication_date", "published_date", "datetime", "timestamp", "created_at", "time"),
    "url": ("url", "link", "href", "uri", "source_url", "permalink", "canonical_url"),
    "outlet": ("outlet", "source", "site", "site_name", "sitename", "publisher", "publication",
               "media", "newspaper", "domain", "source_name"),
    "byline": ("byline", "author", "authors", "by", "writer", "creator"),
}


class LoadError(ValueError):
    """An input that cannot be loaded (raised with ``strict=True``)."""


class LoadWarning(UserWarning):
    """An input that was skipped, or loaded with a caveat; the message names the file."""


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


# --------------------------------------------------------------------------- files

def _is_url(item: Any) -> bool:
    return isinstance(item, str) and re.match(r"https?://", item, re.IGNORECASE) is not None


def _expand(source: Any) -> list[Path | str]:
    """Turn a folder, file, glob or list of them into a sorted list of files."""
    if source is None:
        source = data_dir()
    items = source if isinstance(source, (list, tuple, set)) else [source]
    files: list[Path] = []
    for item in items:
        if _is_url(item):
            files.append(item)
            continue
        p = Path(os.fspath(item)).expanduser()
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.is_file()))
        elif p.is_file():
            files.append(p)
        elif glob.has_magic(str(item)):
            matches = sorted(Path(m) for m in glob.glob(str(p), recursive=True))
            for m in matches:
                files.extend(sorted(q for q in m.rglob("*") if q.is_file()) if m.is_dir() else [m])
            if not matches:
                raise FileNotFoundError(f"no files match the pattern {item!s}")
        else:
            raise FileNotFoundError(f"no such file or folder: {item!s}")
    seen: set[Path | str] = set()
    unique = []
    for f in files:
        key = f if isinstance(f, str) else f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
]


def _decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1.

    Returns the text and the encoding used. Raises ``ValueError`` for binary data.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ValueError(f"binary file: looks like {what}, not text")
    if b"\x00" in raw[:8192]:
        raise ValueError("binary file: contains NUL bytes, not text")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text, enc = raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, enc = raw.decode("latin-1"), "latin-1"
    # Text that is mostly control characters is binary, whatever decodes it.
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if sample and controls / len(sample) > 0.05:
        raise ValueError("binary file: mostly control characters, not text")
    return text, enc


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


# --------------------------------------------------------------------------- cleaning

@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    def whole(name: str) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in read_word_list(name)), re.IGNORECASE)

    boiler = re.compile(r"^(?:" + whole("boilerplate.txt").pattern + r")$", re.IGNORECASE)
    credit = re.compile(r"^(?:" + whole("photo_credits.txt").pattern + r")$")
    caption = re.compile("|".join(f"(?:{p})" for p in read_word_list("caption_starts.txt")))
    return boiler, credit, caption


_SKIP_LINKS = re.compile(r"skip to (?:main )?content|skip to navigation", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+([A-Z][\w.'’-]+(?:[ ,]+(?:and\s+)?[A-Z][\w.'’-]+)*)\s*$", re.IGNORECASE)


def _classify(block: str) -> str:
    """One of ``boilerplate``, ``credit``, ``caption``, ``byline`` or ``text``."""
    boiler, credit, caption = _patterns()
    s = block.strip()
    if not s or boiler.match(s):
        return "boilerplate"
    if len(s) <= 80 and credit.match(s):
        return "credit"
    if caption.match(s):
        return "caption"
    if len(s) <= 120 and _BYLINE.match(s):
        return "byline"
    return "text"


def _is_body(block: str) -> bool:
    """A body paragraph ends like a sentence or is long; labels and headings do not."""
    s = block.rstrip()
    return s.endswith((".", "!", "?", '"', "”", "’", ":", ")")) or count_words(s) >= 15


def _normalise_blocks(text: str) -> list[str]:
    """Paragraphs of ``text`` with inner whitespace collapsed.

    Blank lines separate paragraphs; text with no blank line at all but several lines
    is taken as one paragraph a line (as many CSV and JSON corpora store it).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks = split_paragraphs(text)
    if len(blocks) == 1 and "\n" in blocks[0].strip():
        blocks = [b for b in blocks[0].split("\n") if b.strip()]
    return [" ".join(b.split()) for b in blocks]  # same as re.sub(r"\s+", " ", b).strip(), 3x faster


def _clean_body(blocks: list[str]) -> tuple[list[str], list[str], str | None]:
    """Split blocks into body paragraphs, captions and a byline; drop boilerplate."""
    body, captions, byline = [], [], None
    for b in blocks:
        kind = _classify(b)
        if kind == "text":
            body.append(b)
        elif kind == "caption":
            captions.append(b)
        elif kind == "byline" and byline is None:
            byline = _BYLINE.match(b.strip()).group(1)
    return body, captions, byline


# --------------------------------------------------------------------------- parsers

_HEADER = re.compile(
    r"^\s*(?P<key>title|headline|date|published|url|link|outlet|source|site|byline|author)"
    r"\s*(?::|\s)\s*(?P<value>.+?)\s*$",
    re.IGNORECASE,
)
_DATE_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.+-Z]*)?")
_STEM_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[_\s-]|$)")
_HEADER_KEYS = {"headline": "title", "published": "date", "link": "url", "source": "outlet",
                "site": "outlet", "author": "byline"}


def parse_plain_text(text: str, *, stem: str = "", markdown: bool = False) -> dict[str, Any]:
    """Parse one article stored as plain text or Markdown.

    The shape is that of a saved page: optional header lines (``date 2022-08-11``,
    ``title: ...``, ``url: ...``, ``outlet: ...``, ``byline: ...``, or a ``---`` front
    matter block), site boilerplate ("Skip to main content"), the title, section
    labels, photo captions and credits, then the body. Boilerplate and credits are
    dropped, captions kept apart, and the body paragraphs joined by blank lines.

    Parameters
    ----------
    text : str
        The file's text.
    stem : str, optional
        The file name without suffix; a leading ``YYYY-MM-DD`` gives the date when
        no header does.
    markdown : bool, optional
        Read ``# Title`` as the title and strip Markdown heading marks.

    Returns
    -------
    dict
        Keys ``title``, ``date``, ``outlet``, ``url``, ``byline``, ``text``,
        ``section``, ``captions``.
    """
    meta: dict[str, Any] = {}
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # YAML-like front matter between --- lines.
    if lines and lines[0].strip() == "---" and "---" in (s.strip() for s in lines[1:40]):
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        for line in lines[1:end]:
            if ":" in line:
                k, v = line.split(":", 1)
                k = _HEADER_KEYS.get(k.strip().lower(), k.strip().lower())
                if k in ("title", "date", "url", "outlet", "byline") and v.strip():
                    meta[k] = v.strip().strip("'\"")
        lines = lines[end + 1:]
    # Header lines at the top, possibly glued to boilerplate ("date 2022-08-11  Skip to...").
    i = 0
    while i < len(lines):
        line = _SKIP_LINKS.sub(" ", lines[i]).strip()
        if not line:
            i += 1
            continue
        m = _HEADER.match(line)
        if not m:
            break
        key = _HEADER_KEYS.get(m["key"].lower(), m["key"].lower())
        value = m["value"]
        if key == "date":
            d = _DATE_VALUE.match(value)
            if not d:
                break
            value = d.group(0)
        elif key == "url" and not re.match(r"https?://", value):
            break
        elif not lines[i].strip().lower().startswith(m["key"].lower() + ":") and key != "date":
            break  # "Source said..." is body, "source: X" is a header
        meta.setdefault(key, value.strip())
        i += 1
    rest = "\n".join(_SKIP_LINKS.sub(" ", ln) for ln in lines[i:])
    blocks = _normalise_blocks(rest)
    if markdown:
        cleaned = []
        for b in blocks:
            h = re.match(r"^(#{1,6})\s+(.*)$", b)
            if h and len(h.group(1)) == 1 and "title" not in meta:
                meta["title"] = h.group(2).strip()
                continue
            cleaned.append(h.group(2).strip() if h else b)
        blocks = cleaned
    # The title is the first block that is not boilerplate, unless a header gave one.
    kinds = [_classify(b) for b in blocks]
    start = 0
    if "title" not in meta:
        for j, (b, k) in enumerate(zip(blocks, kinds)):
            if k == "text":
                meta["title"] = b
                start = j + 1
                break
    # Short labels between the title and the first body paragraph are section labels.
    section = []
    j = start
    while j < len(blocks):
        if kinds[j] == "text":
            if _is_body(blocks[j]):
                break
            section.append(blocks[j])
            blocks[j] = ""
        j += 1
    body, captions, byline = _clean_body([b for b in blocks[start:] if b])
    if "date" not in meta:
        m = _STEM_DATE.match(stem)
        if m:
            meta["date"] = m.group(1)
    return {
        "title": meta.get("title"),
        "date": meta.get("date"),
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
        "byline": meta.get("byline") or byline,
        "text": "\n\n".join(body),
        "section": " / ".join(section) or None,
        "captions": "\n\n".join(captions) or None,
    }


def parse_html(html: str, *, url: str | None = None) -> dict[str, Any]:
    """Extract one article from a saved web page with trafilatura.

    Parameters
    ----------
    html : str
        The page's HTML.
    url : str, optional
        The page's address, when known (trafilatura also reads it from the page).

    Returns
    -------
    dict
        Keys ``title``, ``date``, ``outlet``, ``url``, ``byline``, ``text``,
        ``section``, ``captions``.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )
    if doc is None:
        return {"text": ""}
    get = doc.get if isinstance(doc, dict) else (lambda k, d=None: getattr(doc, k, d))
    raw = get("text") or ""
    # trafilatura separates paragraphs by single newlines; the kit uses blank lines.
    body, captions, byline = _clean_body(_normalise_blocks(raw.replace("\n", "\n\n")))
    title = get("title")
    if body and title and body[0].strip().lower() == title.strip().lower():
        body = body[1:]  # the page's <h1> repeats the title
    categories = get("categories")
    return {
        "title": title,
        "date": get("date"),
        "outlet": get("sitename") or get("hostname"),
        "url": get("url") or url,
        "byline": get("author") or byline,
        "text": "\n\n".join(body),
        "section": ", ".join(categories) if isinstance(categories, list) and categories else None,
        "captions": "\n\n".join(captions) or None,
    }


def _field(record: dict, name: str) -> Any:
    keys = {re.sub(r"[\s-]+", "_", str(k).strip().lower()): k for k in record}
    for candidate in FIELD_NAMES[name]:
        if candidate in keys:
            value = record[keys[candidate]]
            if isinstance(value, dict):  # {"source": {"id": ..., "name": "BBC"}}
                value = value.get("name") or value.get("title") or value.get("id")
            if isinstance(value, (list, tuple)):
                value = ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)
            if value is None or (isinstance(value, float) and value != value):
                continue
            value = str(value).strip()
            if value:
                return value
    return None


def _from_record(record: dict) -> dict[str, Any]:
    raw = _field(record, "text") or ""
    if _looks_like_html(raw):
        parsed = parse_html(raw)
        body = parsed["text"]
        captions = parsed["captions"]
        byline = parsed["byline"]
    else:
        body_blocks, caption_blocks, byline = _clean_body(_normalise_blocks(raw))
        body, captions = "\n\n".join(body_blocks), "\n\n".join(caption_blocks) or None
    return {
        "title": _field(record, "title"),
        "date": _field(record, "date"),
        "outlet": _field(record, "outlet"),
        "url": _field(record, "url"),
        "byline": _field(record, "byline") or byline,
        "text": body,
        "section": None,
        "captions": captions,
    }


def _records_from_json(text: str, path: str, col: _Collector) -> Iterator[tuple[int | None, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"malformed JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    if isinstance(data, dict):
        for key in ("articles", "data", "items", "records", "results", "docs"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, dict):
        yield None, data
    elif isinstance(data, list):
        if not data:
            raise ValueError("the JSON list holds no records")
        for n, rec in enumerate(data, 1):
            yield n, rec
    else:
        raise ValueError(f"JSON holds a {type(data).__name__}, not an object or a list of objects")


def _records_from_jsonl(text: str, path: str, col: _Collector) -> Iterator[tuple[int | None, Any]]:
    n = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        n += 1
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as e:
            col.skip(path, f"line {lineno} is malformed JSON: {e.msg}", record=n)


def _records_from_csv(text: str, path: str, col: _Collector) -> Iterator[tuple[int | None, Any]]:
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ValueError("the CSV file has no header row") from None
    except csv.Error as e:
        raise ValueError(f"malformed CSV: {e}") from None
    header = [h.strip() for h in header]
    names = {re.sub(r"[\s-]+", "_", h.lower()) for h in header}
    if not names & set(FIELD_NAMES["text"]):
        raise ValueError(
            f"malformed CSV: no text column (looked for {', '.join(FIELD_NAMES['text'][:4])}, ...; "
            f"found {', '.join(header[:10]) or 'none'})"
        )
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise ValueError(f"malformed CSV at line {reader.line_num}: {e}") from None
        if not any(cell.strip() for cell in row):
            continue
        n += 1
        if len(row) != len(header):
            col.skip(path, f"CSV row at line {reader.line_num} has {len(row)} fields, "
                           f"the header has {len(header)}", record=n)
            continue
        yield n, dict(zip(header, row))
    if n == 0:
        raise ValueError("the CSV file has a header but no rows")


_RECORD_READERS = {".json": _records_from_json, ".jsonl": _records_from_jsonl, ".csv": _records_from_csv}


# --------------------------------------------------------------------------- web pages

def fetch_page(url: str, *, timeout: float = 20.0, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Download one web page and return its HTML as text.

    Raises ``ValueError`` with a readable reason (HTTP status, timeout, not HTML,
    too large) when the page cannot be had.
    """
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "newsroom-kit/0.1 (research)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in ("text/html", "application/xhtml+xml", "text/plain"):
                raise ValueError(f"not a web page (content type {kind})")
            raw = response.read(max_bytes + 1)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as e:
        raise ValueError(f"HTTP {e.code} {e.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        raise ValueError(f"could not fetch the page: {getattr(e, 'reason', e)}") from None
    if len(raw) > max_bytes:
        raise ValueError(f"page larger than {max_bytes / 2**20:.0f} MiB")
    if not raw.strip():
        raise ValueError("the page is empty")
    if charset:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode(raw)[0]


def url_slug(url: str) -> str:
    """A file-name-safe id for a page: its last path segment, else host and path."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    base = re.sub(r"\.(s?html?|php|aspx?)$", "", segments[-1]) if segments else parts.netloc
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", base).strip("-").lower()[:80]
    return slug or hashlib.sha1(url.encode()).hexdigest()[:12]


def download_pages(urls: Iterable[str], folder: str | Path, *, timeout: float = 20.0) -> pd.DataFrame:
    """Save web pages as ``.html`` files in ``folder``, so a corpus can be reloaded
    (and cited) exactly as it was read, whatever the pages become later.

    Returns
    -------
    DataFrame
        Columns ``url``, ``path`` (None when it failed), ``reason`` (why it failed).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for url in urls:
        try:
            html = fetch_page(url, timeout=timeout)
        except ValueError as e:
            warnings.warn(f"{url}: {e}", LoadWarning, stacklevel=2)
            rows.append({"url": url, "path": None, "reason": str(e)})
            continue
        path = folder / f"{url_slug(url)}.html"
        if "<link rel=\"canonical\"" not in html and "rel='canonical'" not in html:
            html = f"<!-- saved from {url} -->\n<link rel=\"canonical\" href=\"{url}\">\n" + html
        path.write_text(html, encoding="utf-8")
        rows.append({"url": url, "path": str(path), "reason": None})
    return pd.DataFrame(rows, columns=["url", "path", "reason"])


# --------------------------------------------------------------------------- main entry

def _read_file(path: Path, shown: str, col: _Collector, max_bytes: int | None) -> list[tuple[int | None, dict]]:
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size == 0:
        raise ValueError("empty file (0 bytes)")
    limit = max_bytes if max_bytes is not None else (
        MAX_RECORDS_BYTES if suffix in RECORD_SUFFIXES else MAX_ARTICLE_BYTES)
    if size > limit:
        raise ValueError(
            f"file too large: {size / 2**20:.1f} MiB, over the limit of {limit / 2**20:.1f} MiB "
            "(pass max_bytes= to raise it, or split the file)"
        )
    text, encoding = _decode(path.read_bytes())
    if encoding not in ("utf-8", "utf-16"):
        col.note(shown, f"not valid UTF-8; decoded as {encoding}")
    if not text.strip():
        raise ValueError("the file holds only whitespace")
    out: list[tuple[int | None, dict]] = []
    if suffix in RECORD_SUFFIXES:
        for n, rec in _RECORD_READERS[suffix](text, shown, col):
            if not isinstance(rec, dict):
                col.skip(shown, f"record is a {type(rec).__name__}, not an object", record=n)
                continue
            parsed = _from_record(rec)
            parsed["encoding"] = encoding
            out.append((n, parsed))
        return out
    if suffix in (".html", ".htm") or _looks_like_html(text):
        if suffix not in (".html", ".htm"):
            col.note(shown, f"a {suffix} file that holds HTML; read as a web page")
        parsed = parse_html(text)
    else:
        parsed = parse_plain_text(text, stem=path.stem, markdown=suffix == ".md")
    parsed["encoding"] = encoding
    return [(None, parsed)]


def _claim_id(candidates: Iterable[str], owner: str, ids: dict[str, str]) -> str:
    """The first candidate id that no other input (``ids`` maps id -> owner) holds."""
    for candidate in candidates:
        if ids.get(candidate, owner) == owner:
            ids[candidate] = owner
            return candidate
    raise AssertionError("two inputs resolve to one path")  # _expand removes such duplicates


def _unique_stem(path: Path, common: Path, ids: dict[str, str]) -> str:
    """The file name without suffix; when another file already has it, the path
    relative to the inputs' common folder (without, then with, the suffix)."""
    resolved = path.resolve()
    rel = resolved.relative_to(common) if resolved.is_relative_to(common) else resolved
    return _claim_id((path.stem, rel.with_suffix("").as_posix(), rel.as_posix()), str(resolved), ids)


def _text_key(text: str) -> str:
    return hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


def load_articles(
    source: Any = None,
    *,
    strict: bool = False,
    max_bytes: int | None = None,
    dedupe: bool = True,
    progress: bool = False,
) -> pd.DataFrame:
    """Load news articles into a DataFrame, one row per article.

    Parameters
    ----------
    source : path, glob, URL or list of them, optional
        A folder (searched recursively), a file, a glob pattern, a web page's
        address (``https://...``, fetched and read like a saved ``.html`` file), or a
        list of any of these. Defaults to the shipped ``data/articles`` (or
        ``$KIT_DATA``). To keep pages as they were, save them first with
        :func:`download_pages` and load the folder.
    strict : bool, default False
        Raise :class:`LoadError` on the first bad input instead of warning.
    max_bytes : int, optional
        Skip files larger than this. By default 10 MiB for single-article files
        (``.txt``, ``.md``, ``.html``) and 1 GiB for record files.
    dedupe : bool, default True
        Skip an article whose text repeats an earlier one (reported as a duplicate).
    progress : bool, default False
        Show a progress bar over files.

    Returns
    -------
    DataFrame
        One row per article with columns ``article_id`` (the file name without
        suffix, plus ``#n`` for record ``n`` of a file holding many), ``title``,
        ``date`` (datetime64, NaT when unknown), ``outlet``, ``url``, ``byline``,
        ``text`` (the clean body, paragraphs separated by blank lines), ``n_words``,
        ``n_paragraphs``, ``path``, ``format``, ``section``, ``captions``,
        ``encoding``. ``attrs["skipped"]`` lists the inputs left out (``path``,
        ``record``, ``reason``), ``attrs["notes"]`` the caveats of loaded files, and
        ``attrs["files"]`` the number of input files; see :func:`load_report`.

    Raises
    ------
    FileNotFoundError
        When ``source`` names nothing that exists.
    LoadError
        With ``strict=True``, on the first bad input.
    """
    files = _expand(source)
    col = _Collector(strict=strict)
    rows: list[dict] = []
    ids: dict[str, str] = {}
    seen_text: dict[str, str] = {}
    iterator: Iterable[Path] = files
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(files, desc="loading", unit="file")
    local = [f for f in files if not isinstance(f, str)]
    common = Path(os.path.commonpath([str(f.resolve().parent) for f in local])) if local else Path(".")
    for path in iterator:
        if isinstance(path, str):  # a web page's address
            try:
                parsed = parse_html(fetch_page(path), url=path)
            except ValueError as e:
                col.skip(path, str(e))
                continue
            parsed.update(encoding="utf-8", url=parsed.get("url") or path)
            slug = url_slug(path)
            stem = _claim_id((slug, f"{slug}-{hashlib.sha1(path.encode()).hexdigest()[:8]}"), path, ids)
            _add_records([(None, parsed)], stem, path, "url", col, rows, seen_text, dedupe)
            continue
        shown = str(path)
        suffix = path.suffix.lower()
        if path.name.startswith("."):
            col.skip(shown, "hidden file")
            continue
        if suffix not in SUPPORTED_SUFFIXES:
            col.skip(shown, f"unsupported file type '{suffix or '(none)'}' "
                            f"(the kit reads {', '.join(SUPPORTED_SUFFIXES)})")
            continue
        try:
            records = _read_file(path, shown, col, max_bytes)
        except LoadError:
            raise
        except (ValueError, OSError) as e:
            col.skip(shown, str(e))
            continue
        stem = _unique_stem(path, common, ids)
        _add_records(records, stem, shown, suffix.lstrip("."), col, rows, seen_text, dedupe)
    frame = _to_frame(rows)
    frame.attrs["skipped"] = [
        {"path": p.path, "record": p.record, "reason": p.reason} for p in col.skipped
    ]
    frame.attrs["notes"] = [{"path": p.path, "reason": p.reason} for p in col.notes]
    frame.attrs["files"] = len(files)
    return frame


def _add_records(records: list[tuple[int | None, dict]], stem: str, shown: str, fmt: str,
                 col: _Collector, rows: list[dict], seen_text: dict[str, str], dedupe: bool) -> None:
    """Give each parsed record its id and append it to ``rows``, or report why not."""
    for n, rec in records:
        article_id = stem if n is None else f"{stem}#{n}"
        text = rec.get("text") or ""
        if not text.strip():
            col.skip(shown, "no article text found" if n is None else "record has no text", record=n)
            continue
        if dedupe:
            key = _text_key(text)
            if key in seen_text:
                col.skip(shown, f"duplicate: same text as article {seen_text[key]!r}", record=n)
                continue
            seen_text[key] = article_id
        rec.update(article_id=article_id, path=shown, format=fmt)
        rows.append(rec)


def _to_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[c for c in ARTICLE_COLUMNS if c not in ("n_words", "n_paragraphs")])
    frame["date"] = _parse_dates(frame["date"])
    text = frame["text"].astype(object)
    frame["n_words"] = pd.array([count_words(t) for t in text], dtype="int64")
    frame["n_paragraphs"] = pd.array([len(split_paragraphs(t)) for t in text], dtype="int64")
    for c in ("title", "outlet", "url", "byline", "section", "captions"):
        frame[c] = frame[c].where(frame[c].notna(), None)
    return frame[ARTICLE_COLUMNS].reset_index(drop=True)


def _parse_dates(values: pd.Series) -> pd.Series:
    """Parse mixed date strings to timezone-naive UTC datetimes (NaT when unknown)."""
    if values.empty:
        return pd.Series(pd.to_datetime([]), index=values.index, dtype="datetime64[ns]")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pd.to_datetime(values, errors="coerce", utc=True, format="mixed")
    return parsed.dt.tz_localize(None).astype("datetime64[ns]")


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
        "record": [int(a.rsplit("#", 1)[1]) if "#" in a else None for a in articles["article_id"]],
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
