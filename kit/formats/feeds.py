"""RSS and Atom feeds, read by feedparser.

Each entry is an article: its title, link, publication (else update) date, author,
categories (``section``) and id (``external_id``, the ``guid`` or Atom ``id``); the
outlet is the entry's source, else the feed's title. The text is the entry's full
content (``content:encoded`` in RSS, ``content`` in Atom), its HTML turned into
paragraphs. Many feeds carry only a summary: an entry whose summary is all it has is
loaded when the summary is an article's length (100 words or more, as feeds that put
the whole story in ``<description>`` do), and otherwise reported as not loaded, with
its address, so that its page can be saved (:func:`kit.download_pages`). The
paragraphs are cleaned as every format's are (:mod:`kit.clean`: a "Read more" or
"Share" line, a photo credit, a byline or dateline is kept out of the text).
"""
from __future__ import annotations

import re
import time
from typing import Any, Iterator

from kit.formats import clean_line, export_record, head_text, numbered, unrecognised
from kit.readers import SNIFF_BYTES, Problem, Source, register_reader

__all__ = ["MIN_SUMMARY_WORDS", "html_paragraphs", "read", "sniff"]

#: A summary with fewer words is a teaser, not the article.
MIN_SUMMARY_WORDS = 100

_BLOCKS = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
           "pre", "table", "tbody", "thead", "tr", "td", "th", "section", "article", "header", "footer", "main",
           "aside", "hr"}


def sniff(head: bytes, name: str) -> bool:
    """An ``.xml``, ``.rss`` or ``.atom`` file that opens with an ``<rss>``,
    ``<feed>`` or RSS 1.0 ``<rdf:RDF>`` element."""
    if not name.lower().endswith((".xml", ".rss", ".atom")):
        return False
    h = head_text(head)[:4000]
    h = re.sub(r"<\?xml[^>]*\?>|<!--.*?-->|<\?xml-stylesheet[^>]*\?>", "", h, flags=re.DOTALL).lstrip()
    return bool(re.match(r"<(?:rss|feed|rdf:RDF)\b", h))


def html_paragraphs(html: str) -> tuple[str, str | None]:
    """The paragraphs of an HTML fragment (a feed entry's content), joined by blank
    lines, and its figure captions (or None)."""
    import lxml.html

    if not re.search(r"<[a-zA-Z][^>]*>", html):
        blocks = [clean_line(b) for b in re.split(r"\n\s*\n", html)]
        return "\n\n".join(b for b in blocks if b), None
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    captions = [clean_line(c.text_content()) for c in root.iter("figcaption")]
    for bad in root.xpath(".//script | .//style | .//figure | .//figcaption"):
        bad.drop_tree()
    paras: list[str] = []

    def walk(el) -> list[str]:
        # Text outside block elements is one paragraph per run.
        runs, current = [], [el.text or ""]
        for child in el:
            if isinstance(child.tag, str) and child.tag.lower() in _BLOCKS:
                runs.append("".join(current))
                current = []
                runs.extend(walk(child))
                current.append(child.tail or "")
            elif isinstance(child.tag, str) and child.tag.lower() == "br":
                current.append("\n")
                current.append(child.tail or "")
            else:
                current.append(child.text_content() if isinstance(child.tag, str) else "")
                current.append(child.tail or "")
        runs.append("".join(current))
        return [clean_line(p) for r in runs for p in r.split("\n\n")]

    paras = [p for p in walk(root) if p]
    return "\n\n".join(paras), "\n\n".join(c for c in captions if c) or None


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    return entry.get("published") or entry.get("updated")


@register_reader("feed", suffixes=(".xml", ".rss", ".atom"), sniff=sniff, many=True)
def read(source: Source) -> Iterator[dict[str, Any] | Problem]:
    """The entries of an RSS or Atom feed.

    Yields
    ------
    dict or Problem
        A record per entry (``title``, ``date``, ``outlet``, ``url``, ``byline``,
        ``section``, ``external_id``, ``text``, ``captions``), or a problem for an
        entry with no text or only a short summary.

    Raises
    ------
    ValueError
        When the file is no feed, or a feed without entries.
    """
    if not sniff(source.raw[:SNIFF_BYTES], source.path.name if source.path is not None else ".xml"):
        raise unrecognised(source)
    import feedparser

    feed = feedparser.parse(source.raw, sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries and feed.get("bozo"):
        raise ValueError(f"malformed feed: {feed.get('bozo_exception')}")
    if feed.get("bozo"):
        source.note(f"the feed is not well-formed XML ({feed.get('bozo_exception')}); "
                    "feedparser read what it could")
    source.encoding = feed.get("encoding") or "utf-8"
    yield from numbered(_entries(feed), "an RSS or Atom feed")


def _entries(feed: Any) -> Iterator[dict[str, Any] | Problem]:
    outlet = clean_line(feed.feed.get("title", "")) or None
    for entry in feed.entries:
        title = clean_line(entry.get("title", "")) or None
        url = entry.get("link")
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        captions = None
        if contents:
            text, captions = html_paragraphs(max(contents, key=len))
        else:
            summary = entry.get("summary", "")
            text, captions = html_paragraphs(summary) if summary else ("", None)
            n = len(text.split())
            if n == 0:
                yield Problem(f"entry '{title or url or '?'}' has no text in the feed")
                continue
            if n < MIN_SUMMARY_WORDS:
                yield Problem(
                    f"entry '{title or url or '?'}' has only a summary in the feed ({n} words), not "
                    f"the article; save its page{f' ({url})' if url else ''} with kit.download_pages")
                continue
        if not text:
            yield Problem(f"entry '{title or url or '?'}' has no text in the feed")
            continue
        origin = entry.get("source", {})
        tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
        authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
        yield export_record(text, title=title, date=_date(entry), url=url, captions=captions,
                            outlet=clean_line(origin.get("title", "")) or outlet,
                            byline=", ".join(authors) or entry.get("author"),
                            section=", ".join(tags) or None, external_id=entry.get("id"))
