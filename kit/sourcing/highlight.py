"""One article as HTML, each citation shaded in the colour of its source's kind."""
from __future__ import annotations

import html
import re

import pandas as pd

from kit.sourcing.citations import analyse_text
from kit.sourcing.frames import _check
from kit.sourcing.kinds import KIND_COLOURS, KINDS
from kit.text import paragraph_spans, require_columns


def highlight_sources(articles: pd.DataFrame, article_id: str | None = None, *,
                      max_chars: int | None = None) -> str:
    """One article as HTML, each citation highlighted in the colour of its source's kind.

    Parameters
    ----------
    articles : DataFrame
        The articles frame (needs ``article_id`` and ``text``; ``title`` is shown).
    article_id : str, optional
        Which article; the first one by default.
    max_chars : int, optional
        Cut the rendered text after this many characters (for very long articles).

    Returns
    -------
    str
        An HTML fragment: a legend, the title, and the paragraphs, where each citing
        sentence is shaded by kind, its quoted words are bold, and hovering shows the
        source and verb. Show it with ``IPython.display.HTML``; save it with
        ``kit.Exporter.html``.
    """
    require_columns(articles, ["article_id", "text"], what="highlight_sources()")
    if len(articles) == 0:
        raise ValueError("highlight_sources() got an empty articles frame")
    chosen = articles.iloc[:1] if article_id is None else articles[articles["article_id"] == article_id]
    if chosen.empty:
        raise KeyError(f"no article with article_id {article_id!r}")
    # the language check reads only the article shown: checking the whole corpus at
    # every call made a notebook that highlights 200 articles quadratic (59 s of
    # `kit run` on 3,000 articles)
    _check(chosen.iloc[:1], "highlight_sources()")
    row = chosen.iloc[0]
    text = row["text"] if isinstance(row["text"], str) else ""
    outlet = row.get("outlet") if isinstance(row.get("outlet"), str) else None
    res = analyse_text(text, outlet=outlet)
    limit = len(text) if max_chars is None else min(len(text), max_chars)
    # mark events: citation spans (shaded) and quote spans (bold)
    marks: dict[int, list[str]] = {}
    for c in res.citations:
        if c.start >= limit:
            continue
        tip = html.escape(f"{c.source.speaker} ({c.source.kind})" + (f" — {c.verb}" if c.verb else " — continues"),
                          quote=True)
        colour = KIND_COLOURS[c.source.kind]
        marks.setdefault(c.start, []).append(
            f'<span class="src src-{c.source.kind}" title="{tip}" '
            f'style="background:{colour}33;border-bottom:2px solid {colour}">')
        marks.setdefault(min(c.end, limit), []).insert(0, "</span>")
    for a, b, _ in res.quotes:
        if a >= limit:
            continue
        marks.setdefault(a, []).append("<b>")
        marks.setdefault(min(b, limit), []).insert(0, "</b>")
    parts = []
    paras = paragraph_spans(text[:limit])
    for pa, pb in paras:
        pieces, last = [], pa
        for pos in sorted(k for k in marks if pa <= k <= pb):
            pieces.append(html.escape(text[last:pos]))
            pieces.append("".join(marks[pos]))
            last = pos
        pieces.append(html.escape(text[last:pb]))
        parts.append("<p>" + _balance("".join(pieces)) + "</p>")
    legend = " ".join(f'<span style="background:{KIND_COLOURS[k]}33;border-bottom:2px solid '
                      f'{KIND_COLOURS[k]};padding:0 4px">{k}</span>' for k in KINDS)
    title = html.escape(str(row.get("title") or row["article_id"]))
    counts = ", ".join(f"{sum(s.kind == k for s in res.sources)} {k}" for k in KINDS)
    return (f'<div class="kit-sourcing" style="max-width:46em;line-height:1.5;font-family:sans-serif">'
            f"<h3>{title}</h3><p style='color:#555'>{html.escape(str(row['article_id']))} · "
            f"{len(res.citations)} citations from {len(res.sources)} sources ({counts}) · "
            f"quoted words in <b>bold</b> · {legend}</p>{''.join(parts)}"
            + ("<p>[…]</p>" if limit < len(text) else "") + "</div>")


_TAG = re.compile(r"<(/?)(span|b)\b[^>]*>")


def _balance(markup: str) -> str:
    """Close tags left open at a paragraph's end and drop closers without openers."""
    out, stack, last = [], [], 0
    for m in _TAG.finditer(markup):
        out.append(markup[last:m.start()])
        last = m.end()
        if m.group(1):
            if m.group(2) in stack:
                while stack:
                    t = stack.pop()
                    out.append(f"</{t}>")
                    if t == m.group(2):
                        break
        else:
            stack.append(m.group(2))
            out.append(m.group())
    out.append(markup[last:])
    out.extend(f"</{t}>" for t in reversed(stack))
    return "".join(out)
