"""Factiva exports: many articles a file, as RTF, HTML or plain text.

Factiva's "Full Article/Report plus Indexing" display labels each field with a code
(as tm.plugin.factiva and the other open parsers read it): ``HD`` headline, ``BY``
byline, ``WC`` word count ("523 words"), ``PD`` publication date ("5 January
2020"), ``ET`` time, ``SN`` source name, ``SC`` source code, ``SE`` section, ``ED``
edition, ``PG`` page, ``LA`` language, ``CY`` copyright, ``LP`` lead paragraphs,
``TD`` the rest of the text, then indexing (``CO``, ``IN``, ``NS``, ``RE``, ``IPD``,
``PUB``) and ``AN`` the accession number ("Document NYTF000020200105eg150000m"), which
becomes ``external_id``. In HTML each article is a ``<div class="article ...">`` with
a table of code and value, the text in ``<p class="articleParagraph ...">``.

Without indexing ("Full Article/Report"), an article is its headline, an optional
byline, the word count line, the date, an optional time, the source name and code,
optional edition and page lines, the language, the copyright line, the text and the
``Document ...`` line; this layout is read too. The text is cleaned as every
format's is (:mod:`kit.clean`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from kit.formats import clean_line, export_lines, export_record, find_date, head_text, numbered, \
    paragraphs, sniff_text, stated_words, unrecognised
from kit.readers import Problem, Source, register_reader

__all__ = ["looks_like_factiva", "parse_html_export", "parse_lines", "read", "sniff"]

CODES = ("HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "SE", "ED", "PG", "VOL", "LA", "CY", "LP",
         "TD", "CT", "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN", "ART", "CLM")
# Codes that may begin a line of body text ("IN 2019 ...", "BY the end ..."): inside the
# text they count as codes only when set apart by a tab, a bar or two spaces.
_WORDLIKE = {"IN", "BY", "ED", "CO", "PG", "LA", "RE", "SE", "ET", "PUB", "ART"}
_CODE = re.compile(r"^(" + "|".join(CODES) + r")(?:[ \t]*[|\t][ \t|]*|[ \t]{2,}|[ \t]*$)(.*)$")
_CODE_SPACE = re.compile(r"^(" + "|".join(CODES) + r") (.+)$")
_DOCUMENT = re.compile(r"^\s*Document\s+([A-Za-z0-9]{16,})\s*$")
_WC_LINE = re.compile(r"^\s*\d[\d,.]*\s+words\s*$", re.IGNORECASE)
_TIME = re.compile(r"^\s*\d{1,2}:\d{2}(?:\s*(?:[AP]M|GMT|UTC|[A-Z]{2,4}))*\s*$", re.IGNORECASE)
_LANGUAGES = {"english", "german", "french", "spanish", "italian", "dutch", "portuguese", "russian",
              "chinese", "japanese", "arabic", "swedish", "danish", "norwegian", "finnish", "polish"}


def sniff(head: bytes, name: str) -> bool:
    """A Factiva export: HTML with ``articleParagraph`` / ``enArticle`` markup, or
    text with the ``HD`` / ``PD`` / ``SN`` codes, or ``Document`` accession lines, or a
    bare ``N words`` line followed by a date."""
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm"):
        return _looks_like_factiva_html(head_text(head))
    if suffix == ".txt" and not (b" words" in head or b"Document" in head or b"\nHD" in head
                                 or head.lstrip(b"\xef\xbb\xbf").startswith(b"HD")):
        return False  # the quick test that spares ordinary .txt articles the rest
    text = sniff_text(head, name)
    return text is not None and looks_like_factiva(text)


def _looks_like_factiva_html(html: str) -> bool:
    return "articleParagraph" in html or bool(re.search(r"class=\"article [a-z]{2}Article", html)) \
        or bool(re.search(r"<b>\s*HD\s*(?:&nbsp;|\s)*</b>", html))


def looks_like_factiva(text: str) -> bool:
    """The marks of a Factiva text export in (the start of) its text."""
    text = text.replace("\u00a0", " ")
    if _SNIFF_HD.search(text) and _SNIFF_PD.search(text):
        return True
    if _SNIFF_DOCUMENT.search(text):
        return True
    for m in _SNIFF_WORDS.finditer(text):
        following = [ln for ln in text[m.end():m.end() + 300].split("\n") if ln.strip()][:2]
        if any(find_date(ln) for ln in following):
            return True
    return False


_SNIFF_HD = re.compile(r"^HD(?:[ \t]*[|\t]|[ \t]{2,}|[ \t]*$)", re.MULTILINE)
_SNIFF_PD = re.compile(r"^(?:PD|SN|WC)(?:[ \t]*[|\t]|[ \t]{2,}|[ \t]*$| )", re.MULTILINE)
_SNIFF_DOCUMENT = re.compile(r"^\s*Document\s+[A-Za-z0-9]{16,}\s*$", re.MULTILINE)
_SNIFF_WORDS = re.compile(r"^\s*\d[\d,.]*\s+words\s*$", re.MULTILINE | re.IGNORECASE)


@register_reader("factiva", suffixes=(".rtf", ".html", ".htm", ".txt"), sniff=sniff, many=True)
def read(source: Source) -> Iterator[dict[str, Any] | Problem]:
    """The articles of a Factiva export (RTF, HTML or TXT).

    Yields
    ------
    dict or Problem
        A record per article (``title``, ``date``, ``outlet``, ``byline``,
        ``section``, ``stated_words``, ``external_id``, ``text``), or a problem for
        an article without text.

    Raises
    ------
    ValueError
        When the file is not a Factiva export.
    """
    if source.path is not None and source.path.suffix.lower() in (".html", ".htm"):
        html = source.text()
        if not _looks_like_factiva_html(html):
            raise unrecognised(source)
        items = parse_html_export(html)
    else:
        lines = export_lines(source)
        if not looks_like_factiva("\n".join(lines[:5000])):
            raise unrecognised(source)
        items = parse_lines(lines)
    yield from numbered(items, "a Factiva export")


def parse_lines(lines: list[str]) -> Iterator[dict[str, Any] | Problem]:
    """Parse the lines of a text or RTF export (with or without codes)."""
    lines = [ln.replace("\u00a0", " ").rstrip() for ln in lines]
    codes = {m.group(1) for ln in lines if (m := _CODE.match(ln.strip()))}
    if {"HD", "PD"} <= codes:
        yield from _parse_coded(lines)
    else:
        yield from _parse_plain(lines)


def _parse_coded(lines: list[str]) -> Iterator[dict[str, Any] | Problem]:
    fields: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = raw.strip()
        m = _CODE.match(line)
        if m is None and current not in ("LP", "TD"):
            m = _CODE_SPACE.match(line)
        elif m is None:
            m2 = _CODE_SPACE.match(line)
            m = m2 if m2 and m2.group(1) not in _WORDLIKE else None
        if m:
            code, value = m.group(1), m.group(2).strip().strip("|").strip()
            if code == "HD" and "HD" in fields:
                yield _coded_record(fields)  # the previous article had no AN line
                fields = {}
            current = code
            fields.setdefault(code, [])
            if value:
                fields[code].append(value)
            if code == "AN" and value:
                yield _coded_record(fields)
                fields, current = {}, None
            continue
        if current is None:
            continue
        fields[current].append(raw.strip().strip("|").strip() if current not in ("LP", "TD") else raw)
        if current == "AN" and line:
            yield _coded_record(fields)
            fields, current = {}, None
    if fields.get("HD"):
        yield _coded_record(fields)


def _one(fields: dict[str, list[str]], code: str) -> str | None:
    values = [clean_line(v) for v in fields.get(code, []) if clean_line(v)]
    return " ".join(values) or None


def _coded_record(fields: dict[str, list[str]]) -> dict[str, Any] | Problem:
    title = _one(fields, "HD")
    an = _one(fields, "AN")
    an = re.sub(r"^Document\s+", "", an) if an else None
    text = "\n\n".join(t for t in (paragraphs(fields.get("LP", [])), paragraphs(fields.get("TD", []))) if t)
    if not text:
        return Problem(f"'{title or an or 'an article'}' has no text (no LP or TD field)")
    return export_record(text, title=title, date=find_date(_one(fields, "PD") or ""), outlet=_one(fields, "SN"),
                         byline=_byline(_one(fields, "BY")), section=_one(fields, "SE"),
                         stated_words=stated_words(_one(fields, "WC")), external_id=an)


def _parse_plain(lines: list[str]) -> Iterator[dict[str, Any] | Problem]:
    chunk: list[str] = []
    for line in lines:
        m = _DOCUMENT.match(line)
        if m:
            yield _plain_record(chunk, m.group(1))
            chunk = []
        else:
            chunk.append(line)
    if any(s.strip() for s in chunk):
        yield _plain_record(chunk, None)


def _plain_record(chunk: list[str], an: str | None) -> dict[str, Any] | Problem:
    cleaned = [clean_line(s) for s in chunk]
    index = [i for i, s in enumerate(cleaned) if s]
    wc = next((k for k, i in enumerate(index[:12]) if _WC_LINE.match(cleaned[i])), None)
    if wc is None or wc == 0:
        return Problem(f"'{an or 'an article'}' has no word-count line ('523 words') after "
                             "its headline: not an article in Factiva's layout")
    title = cleaned[index[0]]
    byline = " ".join(cleaned[i] for i in index[1:wc]) or None
    k = wc + 1
    date = find_date(cleaned[index[k]]) if k < len(index) else None
    if date:
        k += 1
    if k < len(index) and _TIME.match(cleaned[index[k]]):
        k += 1
    outlet = cleaned[index[k]] if k < len(index) else None
    k += 1
    # Then the source code, edition and page lines, the language and the copyright.
    body_from = None
    for j in range(k, min(k + 8, len(index))):
        s = cleaned[index[j]]
        if s.lower() in _LANGUAGES:
            body_from = j + 1
            if body_from < len(index) and re.match(r"^(\(c\)|©|copyright)", cleaned[index[body_from]], re.I):
                body_from += 1
            break
        if re.match(r"^(\(c\)|©|copyright)", s, re.I):
            body_from = j + 1
            break
    if body_from is None:
        body_from = min(k + 1, len(index))
    text = paragraphs(chunk[index[body_from]:]) if body_from < len(index) else ""
    if not text:
        return Problem(f"'{title}' has no text")
    return export_record(text, title=title, date=date, outlet=outlet, byline=_byline(byline),
                         stated_words=stated_words(cleaned[index[wc]]), external_id=an)


def parse_html_export(html: str) -> Iterator[dict[str, Any] | Problem]:
    """Parse a Factiva HTML export: each ``<div class="article ...">``."""
    import lxml.html

    tree = lxml.html.document_fromstring(html)
    articles = tree.xpath("//div[starts-with(@class, 'article')]")
    for div in articles:
        fields: dict[str, list[str]] = {}
        for tr in div.xpath(".//tr"):
            cells = tr.xpath("./td")
            if len(cells) < 2:
                continue
            code = re.sub(r"[^A-Z]", "", cells[0].text_content())
            if code not in CODES:
                continue
            paras = cells[1].xpath(".//p")
            if paras and code in ("LP", "TD"):
                values = [p.text_content() for p in paras]
                fields[code] = [x for v in values for x in (v, "")]
            else:
                fields[code] = [cells[1].text_content()]
        if "HD" not in fields:  # the display without indexing: no table
            fields = _html_plain_fields(div)
        yield _coded_record(fields)


def _html_plain_fields(div) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    head = div.xpath(".//*[@id='hd'] | .//*[contains(@class, 'Headline')]")
    if head:
        fields["HD"] = [head[0].text_content()]
    paras = [p.text_content() for p in div.xpath(".//p[contains(@class, 'articleParagraph')]")]
    fields["TD"] = [x for v in paras for x in (v, "")]
    # The other lines are plain <div>s in a fixed order: byline, words, date, ...
    lines = [clean_line(d.text_content()) for d in div.xpath("./div") if not d.xpath(".//p")]
    lines = [s for s in lines if s]
    for i, s in enumerate(lines):
        if _WC_LINE.match(s):
            fields["WC"] = [s]
            rest = lines[i + 1:]
            if rest and find_date(rest[0]):
                fields["PD"] = [rest.pop(0)]
            if rest and _TIME.match(rest[0]):
                rest.pop(0)
            if rest:
                fields["SN"] = [rest[0]]
        m = _DOCUMENT.match(s)
        if m:
            fields["AN"] = [m.group(1)]
    by = div.xpath(".//*[@class='author']")
    if by:
        fields["BY"] = [by[0].text_content()]
    return fields


def _byline(value: str | None) -> str | None:
    if not value:
        return None
    value = re.sub(r"^by\s+", "", value.strip(), flags=re.IGNORECASE)
    return value or None
