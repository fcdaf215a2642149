"""Readers: one function per input format, found through a small registry.

A reader turns one input file into articles. It receives a :class:`Source` (the
file's bytes, its decoded text on demand, the load's options) and yields, for each
article it finds, either a record (a dict with the keys of :data:`RECORD_KEYS`) or a
:class:`Problem` (why that one article could not be read). Raising ``ValueError``
means the whole file could not be read; the records yielded before it are kept.
:func:`kit.load.load_articles` gives each record its id, cleans nothing further,
and reports every problem, so a reader never needs to warn or count.

Adding a format is one module and one registration (the exports, feeds and web
archives of :mod:`kit.formats` are added so)::

    # kit/read_feeds.py
    from kit.readers import Source, register_reader, build_record

    def _looks_like_rss(head: bytes, name: str) -> bool:
        return b"<rss" in head or b"<feed" in head

    @register_reader("rss", suffixes=(".xml", ".rss", ".atom"), sniff=_looks_like_rss, many=True)
    def read_feed(source: Source):
        for n, entry in enumerate(parse(source.text()), 1):
            yield build_record(entry.summary, title=entry.title, url=entry.link, record=n)

and the module's name added to :data:`EXTRA_READERS`. When several readers claim a
suffix, those with a ``sniff`` function are asked first (the last registered
first), and the one without is the fallback; a file whose suffix no reader claims is
reported as unsupported.
"""
from __future__ import annotations

import codecs
import csv
import importlib
import io
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pandas as pd

from kit.clean import clean_blocks, normalise_blocks

__all__ = [
    "EXTRA_READERS",
    "FIELD_NAMES",
    "Problem",
    "Reader",
    "RECORD_KEYS",
    "SNIFF_BYTES",
    "Source",
    "build_record",
    "decode",
    "find_reader",
    "looks_like_html",
    "parse_html",
    "parse_plain_text",
    "register_reader",
    "supported_suffixes",
]

#: Keys of a record, as a reader yields it (any may be missing but ``text``).
#: ``external_id`` is the item's id in the database, feed or archive it came from;
#: ``stated_words`` the length the source states ("523 words").
RECORD_KEYS = ("title", "date", "outlet", "url", "byline", "text", "section", "captions",
               "dateline", "record", "external_id", "stated_words")

#: Modules holding more readers, imported on the first load (one line per format).
#: Among readers that sniff the same suffix, the last registered is asked first:
#: Nexis before Factiva for ``.txt`` and ``.rtf`` files.
EXTRA_READERS: tuple[str, ...] = (
    "kit.formats.warc",
    "kit.formats.feeds",
    "kit.formats.mediacloud",
    "kit.formats.factiva",
    "kit.formats.nexis",
)

#: How many of a file's first bytes a sniffer sees (enough to reach the first article
#: of an export behind its cover page, or the text of an RTF file behind its header).
SNIFF_BYTES = 64 * 2**10

#: Default size limits. A single news article is tens of kilobytes; a file of one
#: article over 10 MiB is not an article. Record files hold whole corpora.
MAX_ARTICLE_BYTES = 10 * 2**20
MAX_RECORDS_BYTES = 1 * 2**30

# Field names, matched after lower-casing and turning spaces and hyphens into "_".
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext",
             "maintext", "main_text", "story", "body_text", "bodytext", "article_body",
             "articlebody", "story_text", "content_text", "text_body", "document", "doc"),
    "title": ("title", "headline", "head", "heading", "webtitle"),
    "date": ("date", "published", "publish_date", "published_at", "pub_date", "date_published",
             "publication_date", "published_date", "datetime", "timestamp", "created_at", "time",
             "webpublicationdate"),
    "url": ("url", "link", "href", "uri", "source_url", "permalink", "canonical_url", "weburl", "web_url"),
    "outlet": ("outlet", "source", "site", "site_name", "sitename", "publisher", "publication",
               "media", "newspaper", "domain", "source_name", "media_name"),
    "byline": ("byline", "author", "authors", "by", "writer", "creator"),
    "section": ("section", "category", "categories", "desk", "rubric", "sectionname", "section_name"),
    "external_id": ("external_id", "id", "article_id", "story_id", "stories_id", "doc_id", "document_id", "uuid"),
    "stated_words": ("stated_words",),
}

#: The fields besides the text that records and tables are searched for.
_META_FIELDS = ("title", "date", "outlet", "url", "byline", "section", "external_id", "stated_words")


# --------------------------------------------------------------------------- registry

@dataclass(frozen=True)
class Problem:
    """Why one article (``record``, 1-based, or the whole file when None) was not read."""

    reason: str
    record: int | None = None


@dataclass
class Source:
    """One input file as a reader sees it.

    Attributes
    ----------
    path : Path or None
        The file (None for a frame or a downloaded page).
    shown : str
        How reports name the input (printable even when the file name is not UTF-8).
    raw : bytes
        The file's content.
    options : dict
        The load's options a reader may use: ``text`` (the text column to use).
    notes : list of str
        Caveats of the input (an encoding, a column choice); add with :meth:`note`.
    """

    path: Path | None
    shown: str
    raw: bytes = b""
    options: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    encoding: str | None = None
    columns_used: list[int] = field(default_factory=list)
    _text: str | None = None

    def text(self) -> str:
        """The content decoded (see :func:`decode`); ``ValueError`` for binary data."""
        if self._text is None:
            self._text, self.encoding, dropped, stray = _decode(self.raw)
            if (self.encoding in ("cp1252", "latin-1") and not dropped) or stray:
                declared = _declared_charset(self.raw)
                if declared is not None:
                    try:
                        self._text, self.encoding = self.raw.decode(declared), declared
                        dropped, stray = False, 0
                    except UnicodeDecodeError:
                        pass
            if dropped:
                self.note("held NUL bytes (not text), which were dropped")
            if stray:
                self.note(f"UTF-8 but for {stray} stray byte{'s' if stray != 1 else ''}, read as cp1252; "
                          "the rest is decoded as UTF-8")
            elif self.encoding not in ("utf-8", "utf-16"):
                self.note(f"not valid UTF-8; decoded as {self.encoding}")
            if not self._text.strip():
                raise ValueError("the file holds only whitespace")
        return self._text

    def note(self, reason: str) -> None:
        """Record a caveat once (it reaches ``load_report``)."""
        if reason not in self.notes:
            self.notes.append(reason)

    @property
    def stem(self) -> str:
        return self.path.stem if self.path is not None else ""


ReadFunction = Callable[[Source], Iterable["dict | Problem"]]


@dataclass(frozen=True)
class Reader:
    """A registered format: its name (the ``format`` column), the suffixes it reads,
    an optional sniffer ``(first bytes, file name) -> bool`` (:data:`SNIFF_BYTES`), whether a file holds
    many articles, and its size limit."""

    name: str
    suffixes: tuple[str, ...]
    read: ReadFunction
    sniff: Callable[[bytes, str], bool] | None = None
    many: bool = False
    max_bytes: int = MAX_ARTICLE_BYTES


_READERS: list[Reader] = []


def register_reader(name: str, *, suffixes: Iterable[str], sniff: Callable[[bytes, str], bool] | None = None,
                    many: bool = False, max_bytes: int | None = None) -> Callable[[ReadFunction], ReadFunction]:
    """Register a reader function for files ending in ``suffixes`` (a decorator).

    Parameters
    ----------
    name : str
        The format's name, shown in the ``format`` column.
    suffixes : iterable of str
        File suffixes, lower case with the dot (``".txt"``).
    sniff : callable, optional
        ``sniff(head, file_name) -> bool`` on the file's first :data:`SNIFF_BYTES`
        bytes (64 KiB; the whole file when smaller): claim a file
        among others with the same suffix (a Nexis export among ``.txt`` files).
    many : bool, default False
        The file holds many articles (records numbered from 1).
    max_bytes : int, optional
        Files above this are reported as too large (default 10 MiB for one article,
        1 GiB for many).
    """
    def decorate(func: ReadFunction) -> ReadFunction:
        limit = max_bytes if max_bytes is not None else (MAX_RECORDS_BYTES if many else MAX_ARTICLE_BYTES)
        _READERS.append(Reader(name, tuple(s.lower() for s in suffixes), func, sniff, many, limit))
        _claimants.cache_clear()
        return func
    return decorate


@lru_cache(maxsize=1)
def _load_extra_readers() -> None:
    for module in EXTRA_READERS:
        importlib.import_module(module)


def supported_suffixes() -> tuple[str, ...]:
    """Every suffix some reader claims, in registration order."""
    _load_extra_readers()
    return tuple(dict.fromkeys(s for r in _READERS for s in r.suffixes))


@lru_cache(maxsize=256)
def _claimants(suffix: str) -> tuple[Reader, ...]:
    return tuple(r for r in _READERS if suffix in r.suffixes)


def find_reader(name: str, head: bytes | None = None) -> Reader | None:
    """The reader for a file called ``name`` whose content starts with ``head``.

    With ``head=None`` only the suffix is looked at (is the file readable at all?).
    """
    _load_extra_readers()
    claim = _claimants(os.path.splitext(name)[1].lower())
    if head is not None:
        for r in reversed(claim):
            if r.sniff is not None and r.sniff(head, name):
                return r
    plain = [r for r in claim if r.sniff is None]
    return plain[-1] if plain else (claim[-1] if claim and head is None else None)


# --------------------------------------------------------------------------- decoding

_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
]


def _utf16_without_bom(raw: bytes) -> str | None:
    """The text when ``raw`` looks like UTF-16 without a byte-order mark (mostly ASCII
    text: every other byte NUL), else None."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            try:
                return raw[: len(raw) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                return None
    return None


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)


def _declared_charset(raw: bytes) -> str | None:
    """The charset a web page declares in a ``<meta>`` tag near its top
    (``windows-1251``, ``shift_jis``), when Python knows it and it is not UTF-8."""
    m = _META_CHARSET.search(raw[:4096])
    if m is None:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return None if name in ("utf-8", "utf-8-sig") else name


def _cp1252_bytes(error: UnicodeDecodeError) -> tuple[str, int]:
    """A decoding error handler: the bytes that are not UTF-8, read as cp1252 (latin-1
    for the five bytes cp1252 leaves undefined)."""
    bad = error.object[error.start:error.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), error.end


codecs.register_error("kit-cp1252", _cp1252_bytes)


def _mostly_utf8(raw: bytes) -> tuple[str, int] | None:
    """UTF-8 text with a few stray cp1252 bytes (a database dump joined from two
    sources, one record pasted from Word): each stray byte read as cp1252, every valid
    UTF-8 character kept. None when the file is not mostly UTF-8: it is then read as
    cp1252 as a whole. The counts are made at C speed; the byte-by-byte handler runs
    only when the stray bytes are few."""
    # the stray sequences: where decoding with replacement puts U+FFFD that the bytes lack
    stray = raw.decode("utf-8-sig", errors="replace").count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    high = len(raw.translate(None, bytes(range(128))))  # the bytes beyond ASCII (ASCII deleted)
    # a character beyond ASCII takes two to four bytes in UTF-8, one in cp1252
    if stray <= 0 or (high - stray) // 2 <= stray:
        return None
    return raw.decode("utf-8-sig", errors="kit-cp1252"), stray


def decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (with a BOM, or without one
    when every other byte is NUL), else cp1252/latin-1.

    Returns the text and the encoding used. Raises ``ValueError`` for binary data.
    """
    text, encoding, dropped, _ = _decode(raw)
    return text, f"{encoding}, NUL bytes dropped" if dropped else encoding


def _decode(raw: bytes) -> tuple[str, str, bool, int]:
    """:func:`decode`'s work: the text, the encoding, whether stray NUL bytes were
    dropped, and how many stray bytes of mostly-UTF-8 text were read as cp1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16", False, 0
        except UnicodeDecodeError:
            raise ValueError("binary file: starts like UTF-16 but does not decode") from None
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ValueError(f"binary file: looks like {what}, not text")
    if b"\x00" in raw[:8192]:
        text = _utf16_without_bom(raw)
        if text is not None:
            return text, "utf-16 (no byte-order mark)", False, 0
        head = raw[:8192]
        if head.count(0) * 200 > len(head):
            raise ValueError("binary file: contains NUL bytes, not text")
        # a stray NUL or two in text (a database field, a bad copy): dropped, wherever it
        # falls, as one later in the file always was
        text, enc, _, stray = _decode(raw.replace(b"\x00", b""))
        return text, enc, True, stray
    try:
        return raw.decode("utf-8-sig"), "utf-8", False, 0
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(raw)
    if mixed is not None:
        text, stray = mixed
        return text, f"utf-8 ({stray} byte{'s' if stray != 1 else ''} cp1252)", False, stray
    try:
        text, enc = raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, enc = raw.decode("latin-1"), "latin-1"
    # Text that is mostly control characters is binary, whatever decodes it.
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if sample and controls / len(sample) > 0.05:
        raise ValueError("binary file: mostly control characters, not text")
    return text, enc, False, 0


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


# --------------------------------------------------------------------------- one record

def build_record(raw_text: str, *, title: Any = None, date: Any = None, outlet: Any = None,
                 url: Any = None, byline: Any = None, section: Any = None,
                 record: int | None = None, external_id: Any = None,
                 stated_words: Any = None) -> dict[str, Any]:
    """A record from an article's raw body and metadata: the body cleaned (see
    :mod:`kit.clean`), or read as a web page when it holds HTML.

    A byline or dateline found in the body is kept out of the text; the byline found
    is used when ``byline`` is not given.

    Returns
    -------
    dict
        Keys :data:`RECORD_KEYS`.
    """
    if raw_text and raw_text.lstrip()[:1] == "<" and looks_like_html(raw_text):
        parsed = parse_html(raw_text)
        body, captions, found_byline, dateline = (parsed["text"], parsed["captions"], parsed["byline"],
                                                  parsed["dateline"])
    else:
        cleaned = clean_blocks(normalise_blocks(raw_text or ""))
        body, captions, found_byline, dateline = (cleaned.text, cleaned.caption_text, cleaned.byline,
                                                  cleaned.dateline)
    return {"title": title, "date": date, "outlet": outlet, "url": url, "byline": byline or found_byline,
            "text": body, "section": section, "captions": captions, "dateline": dateline, "record": record,
            "external_id": external_id, "stated_words": stated_words}


# --------------------------------------------------------------------------- txt, md, html

_SKIP_LINKS = re.compile(r"skip to (?:main )?content|skip to navigation", re.IGNORECASE)
_HEADER = re.compile(
    r"^\s*(?P<key>title|headline|date|published|url|link|outlet|source|site|byline|author)"
    r"\s*(?::|\s)\s*(?P<value>.+?)\s*$",
    re.IGNORECASE,
)
_DATE_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.+-Z]*)?")
_STEM_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[_\s-]|$)")
_HEADER_KEYS = {"headline": "title", "published": "date", "link": "url", "source": "outlet",
                "site": "outlet", "author": "byline"}


def _is_body(block: str) -> bool:
    """A body paragraph ends like a sentence or is long; labels and headings do not."""
    s = block.rstrip()
    return s.endswith((".", "!", "?", '"', "”", "’", ":", ")")) or len(s.split()) >= 15


def parse_plain_text(text: str, *, stem: str = "", markdown: bool = False) -> dict[str, Any]:
    """Parse one article stored as plain text or Markdown.

    The shape is that of a saved page: optional header lines (``date 2022-08-11``,
    ``title: ...``, ``url: ...``, ``outlet: ...``, ``byline: ...``, or a ``---`` front
    matter block), site boilerplate ("Skip to main content"), the title, section
    labels, photo captions and credits, then the body. Boilerplate and credits are
    dropped, captions and a dateline kept apart, and the body paragraphs joined by
    blank lines.

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
        ``section``, ``captions``, ``dateline``.
    """
    from kit.clean import classify_block

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
    rest = "\n".join(_SKIP_LINKS.sub(" ", ln) for ln in lines[i:]) if "kip to" in text else "\n".join(lines[i:])
    blocks = normalise_blocks(rest)
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
    start = 0
    if "title" not in meta:
        for j, b in enumerate(blocks):
            if classify_block(b) == "text":
                meta["title"] = b
                start = j + 1
                break
    # Short labels between the title and the first body paragraph are section labels.
    section = []
    j = start
    while j < len(blocks):
        if classify_block(blocks[j]) == "text":
            if _is_body(blocks[j]):
                break
            section.append(blocks[j])
            blocks[j] = ""
        j += 1
    cleaned_body = clean_blocks([b for b in blocks[start:] if b])
    if "date" not in meta:
        m = _STEM_DATE.match(stem)
        if m:
            meta["date"] = m.group(1)
    return {
        "title": meta.get("title"),
        "date": meta.get("date"),
        "outlet": meta.get("outlet"),
        "url": meta.get("url"),
        "byline": meta.get("byline") or cleaned_body.byline,
        "text": cleaned_body.text,
        "section": " / ".join(section) or None,
        "captions": cleaned_body.caption_text,
        "dateline": cleaned_body.dateline,
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
        ``section``, ``captions``, ``dateline``.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
    )
    if doc is None:
        return {"text": "", "captions": None, "byline": None, "dateline": None}
    get = doc.get if isinstance(doc, dict) else (lambda k, d=None: getattr(doc, k, d))
    raw = get("text") or ""
    # trafilatura separates paragraphs by single newlines; the kit uses blank lines.
    cleaned = clean_blocks(normalise_blocks(raw.replace("\n", "\n\n")))
    body = cleaned.body
    title = get("title")
    if body and title and body[0].strip().lower() == title.strip().lower():
        body = body[1:]  # the page's <h1> repeats the title
    categories = get("categories")
    return {
        "title": title,
        "date": get("date"),
        "outlet": get("sitename") or get("hostname"),
        "url": get("url") or url,
        "byline": get("author") or cleaned.byline,
        "text": "\n\n".join(body),
        "section": ", ".join(categories) if isinstance(categories, list) and categories else None,
        "captions": cleaned.caption_text,
        "dateline": cleaned.dateline,
    }


@register_reader("txt", suffixes=(".txt", ".md"))
def read_text(source: Source) -> Iterator[dict]:
    """One article in a plain-text or Markdown file (or HTML saved under that name)."""
    text = source.text()
    if looks_like_html(text):
        source.note(f"a {source.path.suffix if source.path else ''} file that holds HTML; read as a web page")
        yield parse_html(text)
    else:
        yield parse_plain_text(text, stem=source.stem, markdown=source.path is not None
                               and source.path.suffix.lower() == ".md")


@register_reader("html", suffixes=(".html", ".htm"))
def read_html(source: Source) -> Iterator[dict]:
    """One article in a saved web page."""
    yield parse_html(source.text())


# --------------------------------------------------------------------------- records

@lru_cache(maxsize=4096)
def _norm_key(key: str) -> str:
    return re.sub(r"[\s-]+", "_", key.strip().lower())


def _value(value: Any, *, paragraphs: bool = False) -> str | None:
    """A field's value as text: a list of paragraphs is joined by blank lines (for
    the body) or by ", " (names); ``{"name": ...}`` gives its name."""
    if isinstance(value, dict):  # {"source": {"id": ..., "name": "BBC"}}, {"headline": {"main": ...}}
        value = value.get("name") or value.get("title") or value.get("main") or value.get("id")
    if isinstance(value, (list, tuple)):
        parts = [str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value if v is not None]
        value = ("\n\n" if paragraphs else ", ").join(p for p in parts if p.strip())
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT:
        return None  # pd.NA and pd.NaT come from nullable and Arrow-backed columns
    if isinstance(value, (bytes, bytearray)):
        # bytes from a database driver: UTF-8, else cp1252 (never the b'...' repr)
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            value = bytes(value).decode("cp1252", errors="replace")
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an id or a year from a float column (101.0): "101"
    value = str(value).strip()
    return value or None


def _field(record: dict, keys: dict[str, Any], name: str) -> str | None:
    for candidate in FIELD_NAMES[name]:
        if candidate in keys:
            value = _value(record[keys[candidate]])
            if value:
                return value
    return None


def _record_text(record: dict, keys: dict[str, Any], source: Source, n: int | None) -> str | Problem:
    """The body of one JSON record: the ``text=`` field, else the longest field with a
    body's name (saying so when there are several)."""
    chosen = source.options.get("text")
    if chosen is not None:
        key = keys.get(_norm_key(chosen))
        if key is None:
            return Problem(f"no field {chosen!r} (the text= option)", n)
        return _value(record[key], paragraphs=True) or ""
    found = [(k, _value(record[keys[k]], paragraphs=True)) for k in FIELD_NAMES["text"] if k in keys]
    found = [(k, v) for k, v in found if v]
    if not found:
        return ""
    if len(found) > 1:
        k, v = max(found, key=lambda kv: len(kv[1]))
        source.note(f"several fields look like the article text ({', '.join(repr(f) for f, _ in found)}); "
                    f"used the longest in each record (pass text= to choose one)")
        return v
    return found[0][1]


def record_from_mapping(record: dict, source: Source, n: int | None) -> dict | Problem:
    """A record from one JSON object (fields matched by :data:`FIELD_NAMES`)."""
    if isinstance(record.get("fields"), dict):
        # the Guardian's API: the body and byline under "fields" ({"fields": {"bodyText": ...}})
        record = {**{k: v for k, v in record.items() if k != "fields"}, **record["fields"]}
    keys = {_norm_key(str(k)): k for k in reversed(list(record))}  # the first of equal names wins
    raw = _record_text(record, keys, source, n)
    if isinstance(raw, Problem):
        return raw
    return build_record(raw, record=n, **{f: _field(record, keys, f) for f in _META_FIELDS})


def _json_loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"malformed JSON: {e.msg} at line {e.lineno}, column {e.colno}") from None
    except RecursionError:
        raise ValueError("malformed JSON: nested too deeply to read (thousands of levels)") from None


@register_reader("json", suffixes=(".json",), many=True)
def read_json(source: Source) -> Iterator[dict | Problem]:
    """One object, a list of objects, or an object holding a list under a usual key."""
    data = _json_loads(source.text())
    if isinstance(data, dict) and isinstance(data.get("response"), dict):
        data = data["response"]  # the Guardian's and the New York Times's APIs: {"response": {"results": [...]}}
    if isinstance(data, dict):
        for key in ("articles", "data", "items", "records", "results", "docs", "stories"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, dict):
        yield record_from_mapping(data, source, None)
    elif isinstance(data, list):
        if not data:
            raise ValueError("the JSON list holds no records")
        for n, rec in enumerate(data, 1):
            yield (record_from_mapping(rec, source, n) if isinstance(rec, dict)
                   else Problem(f"record is a {type(rec).__name__}, not an object", n))
    else:
        raise ValueError(f"JSON holds a {type(data).__name__}, not an object or a list of objects")


@register_reader("jsonl", suffixes=(".jsonl",), many=True)
def read_jsonl(source: Source) -> Iterator[dict | Problem]:
    """One JSON object a line."""
    n = 0
    # split on "\n" (and "\r\n") only: str.splitlines also breaks at U+2028, U+2029,
    # U+0085 and a few control characters, which JSON allows unescaped inside strings
    for lineno, line in enumerate(source.text().replace("\r\n", "\n").split("\n"), 1):
        if not line.strip():
            continue
        n += 1
        try:
            rec = _json_loads(line)
        except ValueError as e:
            yield Problem(f"line {lineno} is {e}", n)
            continue
        yield (record_from_mapping(rec, source, n) if isinstance(rec, dict)
               else Problem(f"record is a {type(rec).__name__}, not an object", n))


# --------------------------------------------------------------------------- tables (CSV, DataFrame)

def table_records(header: list[str], rows: Iterable[tuple[int, int | None, list[Any]]],
                  source: Source) -> Iterator[dict | Problem]:
    """Records from rows of a table whose columns are named by ``header``.

    ``rows`` yields ``(record number, line number or None, cells)``. The text
    column is the ``text=`` option, else the one column with a body's name, else,
    among several, the one holding the most text (said in a note); the other fields
    take the first non-empty column with one of their names.
    """
    names = [_norm_key(str(h)) for h in header]
    rows = list(rows)
    chosen = source.options.get("text")
    if chosen is not None:
        matches = [i for i, h in enumerate(header) if str(h) == chosen] or \
                  [i for i, h in enumerate(names) if h == _norm_key(chosen)]
        if not matches:
            raise ValueError(f"no column {chosen!r} (the text= option); columns: {', '.join(map(str, header[:12]))}")
        text_col = matches[0]
    else:
        candidates = [i for i, h in enumerate(names) if h in FIELD_NAMES["text"]]
        if not candidates:
            raise ValueError(
                f"no text column (looked for {', '.join(FIELD_NAMES['text'][:6])}, ...; "
                f"found {', '.join(map(str, header[:10])) or 'none'}); pass text= to name it"
            )
        if len(candidates) > 1:
            total = {i: sum(len(str(r[i])) for _, _, r in rows if i < len(r) and isinstance(r[i], str))
                     for i in candidates}
            text_col = max(candidates, key=lambda i: (total[i], -i))
            shown = [f"{header[i]!r} (column {i + 1})" for i in candidates]
            source.note(f"several columns look like the article text: {', '.join(shown)}; used "
                        f"{header[text_col]!r} (column {text_col + 1}), which holds the most text "
                        f"(pass text= to choose)")
        else:
            text_col = candidates[0]
    columns = {f: [i for name in FIELD_NAMES[f] for i, h in enumerate(names) if h == name and i != text_col]
               for f in _META_FIELDS}
    source.columns_used = [text_col, *sorted({i for idx in columns.values() for i in idx})]
    return _table_rows(rows, len(header), text_col, columns)


def _table_rows(rows: list[tuple[int, int | None, list[Any]]], width: int, text_col: int,
                columns: dict[str, list[int]]) -> Iterator[dict | Problem]:
    for n, line, row in rows:
        if len(row) != width:
            where = f"at line {line} " if line is not None else ""
            yield Problem(f"CSV row {where}has {len(row)} fields, the header has {width}", n)
            continue
        meta = {}
        for f, idx in columns.items():
            value = None
            for i in idx:
                value = _value(row[i])
                if value:
                    break
            meta[f] = value
        body = row[text_col]
        if isinstance(body, (int, float)) and not isinstance(body, bool) and body == body:
            yield Problem(f"the text is a number ({body!r}), not an article's text", n)
            continue
        yield build_record(_value(body, paragraphs=True) or "", record=n, **meta)


_OTHER_LINE_BREAKS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_SEP_LINE = re.compile(r"sep=(.)[ \t]*\r?\n")


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]] | tuple[int, csv.Error]]:
    """``(first line, cells)`` for each row, or ``(first line, error)`` for a row that
    does not parse; reading resumes on the line after a bad row's first line, so a
    stray quote costs its own row, not the rest of the file."""
    offset = 0  # lines before the current reader's start
    lines: list[str] | None = None
    if not any(c in text for c in _OTHER_LINE_BREAKS):
        # str.splitlines breaks lines where the csv module does (\n, \r, \r\n) when the
        # text holds none of the other breaks it knows, and is faster than a StringIO.
        lines = text.splitlines(keepends=True)
    chunk: Any = lines if lines is not None else text
    while True:
        source = chunk if isinstance(chunk, list) else io.StringIO(chunk, newline="")
        reader = csv.reader(source, delimiter=delimiter, strict=True)
        while True:
            begin = offset + reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield begin, e
                if lines is None:
                    lines = io.StringIO(text, newline="").readlines()
                offset = begin
                chunk = lines[offset:]
                break
            yield begin, row


@register_reader("csv", suffixes=(".csv", ".tsv"), many=True)
def read_csv(source: Source) -> Iterator[dict | Problem]:
    """One article a row; the delimiter is sniffed (``,``, ``;``, tab or ``|``) or
    given by an Excel ``sep=`` first line; fields of any length."""
    text = source.text()
    m = _SEP_LINE.match(text)
    if m:
        delimiter, text = m.group(1), text[m.end():]
    elif source.path is not None and source.path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|").delimiter
        except (csv.Error, Exception):  # the sniffer can fail in many ways on odd text
            delimiter = ","
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        parsed = _csv_rows(text, delimiter)
        header: list[str] | None = None
        rows: list[tuple[int, int | None, list[str]]] = []
        problems: list[Problem] = []
        n = 0
        for line, row in parsed:
            if header is None:
                if isinstance(row, csv.Error):
                    raise ValueError(f"malformed CSV: the header row does not parse ({row})")
                if not any(c.strip() for c in row):
                    continue
                header = [h.strip() for h in row]
                continue
            if isinstance(row, csv.Error):
                n += 1
                problems.append(Problem(f"malformed CSV row at line {line}: {row}", n))
                continue
            if not row or not (row[0].strip() or any(cell.strip() for cell in row)):
                continue  # a blank row
            n += 1
            rows.append((n, line, row))
    finally:
        csv.field_size_limit(limit)
    if header is None:
        raise ValueError("the CSV file has no header row")
    if n == 0:
        raise ValueError("the CSV file has a header but no rows")
    if not rows:
        yield from problems
        return
    try:
        records = table_records(header, rows, source)
    except ValueError as e:
        raise ValueError(f"malformed CSV: {e}") from None
    # Interleave the problems with the records in record order.
    pending = sorted(problems, key=lambda p: p.record or 0)
    for item in records:
        number = item.record if isinstance(item, Problem) else item["record"]
        while pending and (pending[0].record or 0) < number:
            yield pending.pop(0)
        yield item
    yield from pending
