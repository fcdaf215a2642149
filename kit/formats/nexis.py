"""Nexis Uni and LexisNexis exports: many articles a file, as DOCX, RTF or plain text.

Two layouts are read, as the open parsers researchers use read them (the R packages
LexisNexisTools and tm.plugin.lexisnexis):

- **Nexis Uni** (DOCX, RTF and TXT downloads): an optional cover page (user name,
  job number, the list of documents), then per article its title, the publication,
  the date line ("January 5, 2020 Sunday"), optional edition lines, a copyright
  line, labelled fields (``Section:``, ``Length: 523 words``, ``Byline:``,
  ``Dateline:``, ``Highlight:``), a line ``Body``, the paragraphs, optional
  ``Graphic`` and ``Classification`` blocks (``Language:``, ``Subject:``,
  ``Load-Date:``, ...), and a line ``End of Document``.
- **LexisNexis Academic / nexis.com** (TXT): each article opens with
  ``1 of 100 DOCUMENTS``, then the publication, the date line, optional edition
  lines, the title, capitalised fields (``BYLINE:``, ``SECTION:``, ``LENGTH: 523
  words``, ``DATELINE:``), the body, and closing fields (``LOAD-DATE:``,
  ``LANGUAGE:``, ``PUBLICATION-TYPE:``, ``GRAPHIC:``, ``Copyright ...``).

An article with no body (a graphic, a listing) is reported on its own and the
others load. The body is cleaned as every format's is (:mod:`kit.clean`); the
``Dateline:`` field is the ``dateline`` when the body does not open with one. The
exports carry no document id, so ``external_id`` stays empty.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from kit.formats import clean_line, export_lines, export_record, find_date, numbered, paragraphs, \
    sniff_text, stated_words, unrecognised
from kit.readers import Problem, Source, register_reader

__all__ = ["looks_like_nexis", "parse_lines", "read", "sniff"]

_OLD_START = re.compile(r"^\s*\d+\s+of\s+\d+\s+DOCUMENTS?\s*$", re.IGNORECASE)
_UNI_END = re.compile(r"^\s*End of Document\s*$", re.IGNORECASE)
_FIELD = re.compile(r"^([A-Za-z][A-Za-z -]{1,30}?):\s*(.*)$")
_LENGTH = re.compile(r"^\s*length:\s*[\d,.]+\s+words?", re.IGNORECASE | re.MULTILINE)
# Labelled fields that close a Nexis Uni article (after the body).
_UNI_TAIL = {"classification", "language", "publication-type", "subject", "industry",
             "geographic", "load-date", "person", "organization", "company", "ticker",
             "document-type", "journal-code", "notes", "correction", "graphic"}
_OLD_TAIL = {"load-date", "language", "publication-type", "graphic", "url", "subject",
             "correction-date", "notes", "organization", "person", "geographic", "ticker",
             "industry", "document-type", "journal-code", "type", "distribution"}
_HEAD_FIELDS = {"section", "length", "byline", "author", "dateline", "highlight", "edition",
                "column", "series", "type", "correction-date", "pg", "page"}


_MARKS = (b"DOCUMENT", b"End of Document", b"Length", b"LENGTH")


def sniff(head: bytes, name: str) -> bool:
    """A Nexis Uni or LexisNexis export: ``N of M DOCUMENTS`` lines, or ``End of
    Document`` lines, or a ``Length: N words`` field with a ``Body`` line. A
    ``.docx`` file too large to open from its first bytes is claimed by its name
    (the reader checks its text)."""
    lower = name.lower()
    if lower.endswith(".txt") and not any(m in head for m in _MARKS):
        return False  # the quick test that spares ordinary .txt articles the rest
    text = sniff_text(head, name)
    if text is None:
        return lower.endswith(".docx") and head.startswith(b"PK\x03\x04")
    return looks_like_nexis(text)


def looks_like_nexis(text: str) -> bool:
    """The marks of a Nexis export in (the start of) its text."""
    text = text.replace("\u00a0", " ")
    if re.search(r"^\s*\d+\s+of\s+\d+\s+DOCUMENTS?\s*$", text, re.MULTILINE | re.IGNORECASE):
        return True
    if re.search(r"^\s*End of Document\s*$", text, re.MULTILINE):
        return True
    return bool(_LENGTH.search(text) and re.search(r"^\s*Body\s*$", text, re.MULTILINE))


@register_reader("nexis", suffixes=(".docx", ".rtf", ".txt"), sniff=sniff, many=True)
def read(source: Source) -> Iterator[dict[str, Any] | Problem]:
    """The articles of a Nexis Uni / LexisNexis export (DOCX, RTF or TXT).

    Yields
    ------
    dict or Problem
        A record per article (``title``, ``date``, ``outlet``, ``byline``,
        ``section``, ``stated_words``, ``dateline``, ``text``, ...), or a problem
        for an article without a body.

    Raises
    ------
    ValueError
        When the file is not a Nexis export (a ``.docx`` or ``.rtf`` file of
        another kind).
    """
    lines = export_lines(source)
    if not looks_like_nexis("\n".join(lines[:5000])):
        raise unrecognised(source)
    yield from numbered(parse_lines(lines), "a Nexis Uni / LexisNexis export")


def parse_lines(lines: list[str]) -> Iterator[dict[str, Any] | Problem]:
    """Parse the lines of an export (either layout) into records or problems."""
    lines = [line.replace("\u00a0", " ").rstrip() for line in lines]
    if any(_OLD_START.match(line) for line in lines):
        starts = [i for i, line in enumerate(lines) if _OLD_START.match(line)]
        for a, b in zip(starts, starts[1:] + [len(lines)]):
            yield _parse_old(lines[a + 1:b])
        return
    chunk: list[str] = []
    for line in lines:
        if _UNI_END.match(line):
            yield _parse_uni(chunk)
            chunk = []
        else:
            chunk.append(line)
    if any(s.strip() for s in chunk):
        # No closing "End of Document" (a truncated file, or an export without it).
        yield _parse_uni(chunk) if any(s.strip().lower() == "body" for s in chunk) else \
            Problem("text after the last 'End of Document' line is not an article")


def _field(line: str) -> tuple[str, str] | None:
    m = _FIELD.match(line.strip())
    if not m:
        return None
    return m.group(1).strip().lower().replace(" ", "-"), m.group(2).strip()


def _parse_uni(chunk: list[str]) -> dict[str, Any] | Problem:
    body_at = next((i for i, s in enumerate(chunk) if s.strip().lower() in ("body", "text")), None)
    fields: dict[str, str] = {}
    head = chunk if body_at is None else chunk[:body_at]
    first_field = None
    for i, line in enumerate(head):
        f = _field(line)
        if f and f[0] in _HEAD_FIELDS:
            fields.setdefault(f[0], f[1])
            if first_field is None:
                first_field = i
    # The title, publication, date and copyright lines come before the fields.
    top = [clean_line(s) for s in head[:first_field]] if first_field is not None else \
        [clean_line(s) for s in head]
    top = [s for s in top if s]
    # The last date line (a cover page above the first article has dates too).
    date_at = next((i for i in range(len(top) - 1, -1, -1) if find_date(top[i]) and len(top[i]) < 80), None)
    title = outlet = date = None
    if date_at is not None:
        date = find_date(top[date_at])
        if date_at >= 1:
            outlet = top[date_at - 1]
        if date_at >= 2:
            title = top[date_at - 2]
    elif top:
        title = top[0]
    if body_at is None:
        what = f"'{title}'" if title else "an article"
        return Problem(f"{what} has no 'Body' line: the export holds no text for it "
                             "(a graphic or listing)")
    body: list[str] = []
    for line in chunk[body_at + 1:]:
        s = line.strip()
        f = _field(s)
        if s.lower() in ("classification", "graphic") or (f and f[0] in _UNI_TAIL and len(s) < 400):
            break
        body.append(line)
    text = paragraphs(body)
    if not text:
        return Problem(f"'{title or 'an article'}' has an empty body")
    return export_record(text, title=title, date=date, outlet=outlet,
                         byline=_byline(fields.get("byline") or fields.get("author")),
                         section=fields.get("section"), stated_words=stated_words(fields.get("length")),
                         dateline=fields.get("dateline"))


def _parse_old(chunk: list[str]) -> dict[str, Any] | Problem:
    cleaned = [clean_line(s) for s in chunk]
    fields: dict[str, str] = {}
    length_at = None
    last_head = None
    for i, s in enumerate(cleaned):
        f = _field(s)
        if f and f[1] and s.split(":", 1)[0].isupper() and f[0] in _HEAD_FIELDS:
            fields.setdefault(f[0], f[1])
            last_head = i
            if f[0] == "length":
                length_at = i
        elif last_head is not None and s and length_at is not None:
            break
    nonempty = [(i, s) for i, s in enumerate(cleaned[:last_head] if last_head is not None else cleaned) if s]
    outlet = nonempty[0][1] if nonempty else None
    date_at = next((k for k, (i, s) in enumerate(nonempty) if find_date(s) and len(s) < 80), None)
    date = find_date(nonempty[date_at][1]) if date_at is not None else None
    # The title: the lines after the date (and edition) and before the fields.
    title = None
    if date_at is not None:
        first_field = next((i for i, s in enumerate(cleaned) if (f := _field(s)) and s.split(":", 1)[0].isupper()
                            and f[0] in _HEAD_FIELDS | _OLD_TAIL), len(cleaned))
        after = [(i, s) for i, s in nonempty[date_at + 1:] if i < first_field]
        # Edition lines sit right under the date, before a blank line.
        blocks: list[list[str]] = []
        prev = None
        for i, s in after:
            if prev is None or i != prev + 1:
                blocks.append([])
            blocks[-1].append(s)
            prev = i
        date_line = nonempty[date_at][0]
        if blocks and after and after[0][0] == date_line + 1 and len(blocks) > 1:
            blocks = blocks[1:]  # the edition
        title = " ".join(blocks[-1]) if blocks else None
    if length_at is None and last_head is None:
        what = f"'{title}'" if title else f"a document of {outlet or 'unknown source'}, {date or 'undated'},"
        return Problem(f"{what} has no LENGTH field: the export holds no text for it "
                             "(a graphic or listing)")
    body: list[str] = []
    for s in cleaned[(last_head or 0) + 1:]:
        f = _field(s)
        if f and s.split(":", 1)[0].isupper() and f[0] in _OLD_TAIL:
            break
        if re.match(r"^(Copyright|©)\s", s) and len(s) < 200:
            break
        body.append(s)
    text = paragraphs(body)
    if not text:
        return Problem(f"'{title or 'an article'}' has an empty body")
    return export_record(text, title=title, date=date, outlet=outlet, byline=_byline(fields.get("byline")),
                         section=fields.get("section"), stated_words=stated_words(fields.get("length")),
                         dateline=fields.get("dateline"))


def _byline(value: str | None) -> str | None:
    if not value:
        return None
    value = re.sub(r"^by\s+", "", value.strip(), flags=re.IGNORECASE)
    return value or None
