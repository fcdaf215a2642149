"""Readers for research-database exports, news feeds and web archives.

Each module reads one family of files, many articles a file, and registers its
reader with the loader's registry (:func:`kit.readers.register_reader`; the modules
are listed in :data:`kit.readers.EXTRA_READERS`):

- :mod:`kit.formats.nexis`: Nexis Uni / LexisNexis exports (``.docx``, ``.rtf``, ``.txt``);
- :mod:`kit.formats.factiva`: Factiva exports (``.rtf``, ``.html``, ``.txt``, with or
  without the indexing codes);
- :mod:`kit.formats.mediacloud`: Media Cloud story lists (``.csv``);
- :mod:`kit.formats.feeds`: RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``), read by
  feedparser;
- :mod:`kit.formats.warc`: WARC web archives (``.warc``, ``.warc.gz``), read by warcio;
  each archived page goes through the same extractor as a saved page
  (:func:`kit.readers.parse_html`).

A reader takes a :class:`kit.readers.Source` and yields, in the file's order, one item
per article: a record (:func:`export_record`: the body cleaned by :mod:`kit.clean`
as every other format's is, with ``external_id``, the database's own id, and
``stated_words``, the length the database states) or a :class:`kit.readers.Problem`
for an article it recognises but cannot read fully; :func:`numbered` gives both their
number in the file. A caveat about the whole file goes to ``source.note``. Each
module's sniffer ``sniff(head, name) -> bool`` recognises its format from the file's
first bytes and name, so that an export saved as ``.txt``, ``.html`` or ``.csv`` is
told from a single article or a plain table; a file with a suffix only exports use
(``.docx``, ``.rtf``, ``.xml``, ...) that no sniffer claims is reported as
unrecognised (:func:`unrecognised`).

This package imports its parsing libraries (python-docx, striprtf, feedparser,
warcio) only when a file of theirs is read.
"""
from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

from kit.clean import join_blocks
from kit.readers import SNIFF_BYTES, Problem, Reader, Source, build_record, find_reader

__all__ = [
    "EXPORT_FORMATS",
    "EXPORT_SUFFIXES",
    "clean_line",
    "export_lines",
    "export_record",
    "find_date",
    "head_text",
    "numbered",
    "paragraphs",
    "rtf_to_text",
    "sniff",
    "sniff_text",
    "stated_words",
    "unrecognised",
]

#: The formats this package registers (the ``format`` column).
EXPORT_FORMATS = ("nexis", "factiva", "mediacloud", "feed", "warc")

#: File suffixes that only exports, feeds and archives use (``.gz``: ``.warc.gz``).
#: Exports also come as ``.txt``, ``.html`` and ``.csv``; those are told apart from
#: single articles and plain record files by their first bytes.
EXPORT_SUFFIXES = (".docx", ".rtf", ".xml", ".rss", ".atom", ".warc", ".gz")


def sniff(path: str | Path, head: bytes | None = None) -> Reader | None:
    """The export format of a file, from its name and first bytes, or None.

    Parameters
    ----------
    path : path
        The file.
    head : bytes, optional
        Its first bytes (read from the file when not given).

    Returns
    -------
    Reader or None
        The registered reader (its ``name`` is the format), when the file is an
        export, feed or archive.
    """
    path = Path(path)
    if head is None:
        with open(path, "rb") as f:
            head = f.read(SNIFF_BYTES)
    reader = find_reader(path.name, head)
    return reader if reader is not None and reader.name in EXPORT_FORMATS and reader.sniff is not None \
        and reader.sniff(head, path.name) else None


def unrecognised(source: Source) -> ValueError:
    """The error for a file with an export's suffix that is no export the kit knows."""
    name = source.path.name.lower() if source.path is not None else ""
    suffix = ".warc.gz" if name.endswith(".warc.gz") else (source.path.suffix.lower() if source.path else "")
    return ValueError(
        f"a {suffix} file the kit does not recognise: it reads Nexis Uni / LexisNexis "
        "exports (.docx, .rtf, .txt), Factiva exports (.rtf, .html, .txt), RSS and Atom feeds "
        "(.xml, .rss, .atom) and WARC web archives (.warc, .warc.gz)")


def numbered(items: Iterable[dict | Problem], what: str) -> Iterator[dict | Problem]:
    """Number the articles of an export from 1, records and problems alike.

    Raises ``ValueError`` (``"{what} that holds no articles"``) when there are none.
    """
    n = 0
    for item in items:
        n += 1
        if isinstance(item, Problem):
            yield Problem(item.reason, n)
        else:
            item["record"] = n
            yield item
    if n == 0:
        raise ValueError(f"{what} that holds no articles")


def export_record(body: str, *, captions: str | None = None, dateline: str | None = None,
                  **fields: Any) -> dict[str, Any]:
    """A record from an export's article: the body cleaned as every format's is
    (:func:`kit.readers.build_record`), metadata stripped (empty values None).

    Parameters
    ----------
    body : str
        The article's text, paragraphs separated by blank lines (or one a line).
    captions : str, optional
        Captions the export keeps apart (a feed's ``<figcaption>``), put before
        those found in the body.
    dateline : str, optional
        The export's own dateline field, used when the body opens with none.
    **fields
        ``title``, ``date``, ``outlet``, ``url``, ``byline``, ``section``,
        ``external_id``, ``stated_words``.

    Returns
    -------
    dict
        Keys :data:`kit.readers.RECORD_KEYS`.
    """
    meta = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in fields.items()}
    rec = build_record(body, **meta)
    if captions:
        rec["captions"] = "\n\n".join(filter(None, [captions, rec["captions"]]))
    if rec["dateline"] is None and dateline and dateline.strip():
        rec["dateline"] = dateline.strip()
    return rec


# --------------------------------------------------------------------------- shared helpers

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_DATE_MDY = re.compile(r"\b([A-Z][a-z]{2,8})\.? (\d{1,2}),? (\d{4})\b")
_DATE_DMY = re.compile(r"\b(\d{1,2})\.? ([A-Z][a-z]{2,8})\.? (\d{4})\b")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")


def find_date(line: str) -> str | None:
    """The first English date in a line ("January 5, 2020 Sunday", "5 January 2020",
    "2020-01-05"), as ``YYYY-MM-DD``, or None.

    >>> find_date("January 5, 2020 Sunday 12:00 AM EST")
    '2020-01-05'
    """
    for pattern, order in ((_DATE_MDY, "mdy"), (_DATE_DMY, "dmy"), (_DATE_ISO, "ymd")):
        for m in pattern.finditer(line):
            if order == "ymd":
                y, mo, d = int(m[1]), int(m[2]), int(m[3])
            else:
                month, day = (m[1], m[2]) if order == "mdy" else (m[2], m[1])
                mo = MONTHS.get(month.lower())
                if mo is None:
                    continue
                y, d = int(m[3]), int(day)
            try:
                return datetime(y, mo, d).strftime("%Y-%m-%d")
            except ValueError:
                continue
    return None


_WORDS = re.compile(r"^\s*(\d[\d,.]*)\s+words?\s*$", re.IGNORECASE)


def stated_words(value: str | None) -> int | None:
    """The number in a length field ("523 words", "1,204 words"), or None."""
    if not value:
        return None
    m = _WORDS.match(value)
    return int(re.sub(r"[,.]", "", m.group(1))) if m else None


def clean_line(line: str) -> str:
    """A line with non-breaking spaces made plain and inner whitespace collapsed."""
    return " ".join(line.replace("\u00a0", " ").replace("\u200b", "").split())


def paragraphs(lines: list[str]) -> str:
    """Body lines to the kit's text, paragraphs joined by blank lines.

    When the lines hold blank lines, these separate paragraphs (and the lines of a
    paragraph are joined); otherwise each line is a paragraph (as in a DOCX file).
    """
    cleaned = [clean_line(line) for line in lines]
    if "" not in cleaned:
        return "\n\n".join(cleaned)
    return "\n\n".join(join_blocks(cleaned))


def head_text(head: bytes) -> str:
    """The first bytes as text, for sniffing (UTF-16 and cp1252 allowed)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")


def rtf_codepage(raw: bytes) -> str:
    """The code page an RTF document declares (``\\ansicpg1251``), else cp1252."""
    m = _CODEPAGE.search(raw[:4096])
    return f"cp{int(m.group(1))}" if m else "cp1252"


def rtf_to_text(raw: bytes) -> str:
    """The text of an RTF document (striprtf), a paragraph a line."""
    from striprtf.striprtf import rtf_to_text as convert

    try:
        return convert(raw.decode("latin-1"), encoding=rtf_codepage(raw), errors="ignore").replace("\r\n", "\n")
    except LookupError:  # a code page Python does not know
        return convert(raw.decode("latin-1"), errors="ignore").replace("\r\n", "\n")


def _is_rtf(raw: bytes) -> bool:
    return raw.lstrip()[:5] == b"{\\rtf"


def export_lines(source: Source) -> list[str]:
    """The lines of a text, RTF or DOCX export; sets ``source.encoding``.

    Raises ``ValueError`` when the file cannot be opened as its kind.
    """
    suffix = source.path.suffix.lower() if source.path is not None else ""
    if suffix == ".docx":
        import docx  # python-docx

        try:
            document = docx.Document(io.BytesIO(source.raw))
        except Exception as e:  # python-docx raises several kinds for a broken file
            raise ValueError(f"cannot open the .docx file: {e}") from None
        source.encoding = "utf-8"  # the XML inside
        # A DOCX paragraph is a paragraph: empty ones are spacing, not separators.
        return [p.text for p in document.paragraphs if p.text.strip()]
    if _is_rtf(source.raw):
        source.encoding = rtf_codepage(source.raw)
        return rtf_to_text(source.raw).split("\n")
    return source.text().replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _docx_text(raw: bytes) -> str | None:
    """The paragraphs of a DOCX file's main part, a line each, tags dropped (enough to
    recognise a layout), or None when ``raw`` is not a whole DOCX file."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            xml = z.read("word/document.xml")[:2_000_000].decode("utf-8", errors="ignore")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", xml))


def sniff_text(head: bytes, name: str) -> str | None:
    """The start of a text-like export as text: ``.txt`` as is, RTF converted, a
    whole ``.docx`` file from its document part; None for other suffixes."""
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return _docx_text(head)
    if suffix == ".rtf" or _is_rtf(head):
        return rtf_to_text(head)
    if suffix == ".txt":
        return head_text(head)
    return None

