"""WARC web archives (``.warc``, ``.warc.gz``), read by warcio.

Each archived web page (a ``response`` or ``resource`` record of type HTML) is an
article, extracted by the same function as a saved page (:func:`kit.readers.parse_html`:
title, date, site name, author, text, cleaned as every format's is). The record's ``WARC-Target-URI`` is the
``url`` and its ``WARC-Record-ID`` the ``external_id``. A page that failed (an HTTP
error status) or holds no article text is reported on its own. Records that are not
pages (requests, metadata, images, scripts, style sheets, revisits) are passed over,
with one note counting them. The ``encoding`` column is each page's character set.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any, Iterator

from kit.formats import numbered, unrecognised
from kit.readers import RECORD_KEYS, Problem, Source, decode, parse_html, register_reader

__all__ = ["read", "sniff"]

_PAGE_TYPES = ("text/html", "application/xhtml+xml")


def sniff(head: bytes, name: str) -> bool:
    """A file that opens with a ``WARC/1.x`` header, or a gzip file named
    ``.warc.gz``."""
    name = name.lower()
    if head.startswith(b"WARC/"):
        return True
    return name.endswith((".warc.gz", ".warc")) and head.startswith(b"\x1f\x8b")


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    return m.group(1) if m else None


@register_reader("warc", suffixes=(".warc", ".gz"), sniff=sniff, many=True)
def read(source: Source) -> Iterator[dict[str, Any] | Problem]:
    """The web pages of a WARC file.

    Yields
    ------
    dict or Problem
        A record per archived HTML page, or a problem for a page without article
        text or with an HTTP error. Records that are not pages are counted in a
        note.

    Raises
    ------
    ValueError
        When the file is no WARC archive, or breaks before its first page.
    """
    if not sniff(source.raw[:8], source.path.name if source.path is not None else ".warc"):
        raise unrecognised(source)
    yield from numbered(_pages(source), "a WARC web archive")


def _pages(source: Source) -> Iterator[dict[str, Any] | Problem]:
    from warcio.archiveiterator import ArchiveIterator

    passed: Counter[str] = Counter()
    pages = 0
    with io.BytesIO(source.raw) as stream:
        try:
            for rec in ArchiveIterator(stream):
                kind = rec.rec_type
                if kind not in ("response", "resource"):
                    passed[kind] += 1
                    continue
                uri = rec.rec_headers.get_header("WARC-Target-URI")
                rid = rec.rec_headers.get_header("WARC-Record-ID")
                if kind == "response" and rec.http_headers is not None:
                    content_type = rec.http_headers.get_header("Content-Type") or ""
                    status = rec.http_headers.get_statuscode()
                else:
                    content_type = rec.rec_headers.get_header("Content-Type") or ""
                    status = "200"
                if not content_type.split(";")[0].strip().lower() in _PAGE_TYPES:
                    passed[content_type.split(";")[0].strip().lower() or "untyped"] += 1
                    continue
                if status and not str(status).startswith("2"):
                    yield Problem(f"page {uri}: HTTP status {status}, not an archived article")
                    continue
                raw = rec.content_stream().read()
                html = None
                charset = _charset(content_type)
                if charset:
                    try:
                        html, encoding = raw.decode(charset), charset.lower()
                    except (LookupError, UnicodeDecodeError):
                        html = None
                if html is None:
                    try:
                        html, encoding = decode(raw)
                    except ValueError as e:
                        yield Problem(f"page {uri}: {e}")
                        continue
                pages += 1
                parsed = parse_html(html, url=uri)
                if not (parsed.get("text") or "").strip():
                    yield Problem(f"page {uri}: no article text found")
                    continue
                rec = {k: parsed.get(k) for k in RECORD_KEYS}
                rec.update(url=parsed.get("url") or uri, external_id=rid)
                source.encoding = encoding  # the loader takes the encoding as each record arrives
                yield rec
        except Exception as e:  # noqa: BLE001 - warcio, gzip and zlib raise many kinds on a damaged file
            # The pages before the break are kept.
            if not pages:
                raise ValueError(f"malformed WARC file: {e}") from None
            source.note(f"the archive breaks off after {pages} pages ({e}); the rest is not read")
    if passed:
        what = ", ".join(f"{n} {k}" for k, n in sorted(passed.items()))
        source.note(f"{sum(passed.values())} archive records that are not web pages passed over ({what})")
