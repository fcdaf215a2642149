"""An interactive explorer: one self-contained HTML page per corpus.

Click a distinctive term to see its keyword-in-context lines; click an article (in
the list, or beside a line) to read it with its citations highlighted by kind. The
page needs no server and no network: the data sit in the page as JSON, and a small
script builds every element with ``textContent``, so no article text, title or id is
ever read as HTML.

To stay small (under 5 MB for 10,000 articles), the page holds a limited number of
terms (``n_terms``), lines per term (``n_lines``) and article texts
(``max_texts`` of at most ``max_chars`` characters each; the articles behind the
lines come first). Every article is listed with its title, date and outlet.

``python -m kit run`` writes ``explorer.html`` into its output folder
(:func:`write_explorer`). Like :mod:`kit.run`, this module sits above the analyses
(it calls :mod:`kit.words` and :mod:`kit.sourcing`).
"""
from __future__ import annotations

import html
import json
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["EXPLORER", "explorer_data", "explorer_html", "write_explorer", "write_run_explorer"]

#: The explorer's file name in a run's output folder.
EXPLORER = "explorer.html"
#: Notebook 02's export folder and its table of every tested word (reused by a run's explorer).
NOTEBOOK_02 = "02_word_frequencies"
SCORES_TABLE = "distinctive_terms_all.csv"

_KINDS = {"named": "#4c72b0", "anonymous": "#dd8452", "institutional": "#55a868"}


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _terms(articles: pd.DataFrame, n_terms: int, *, scores: pd.DataFrame | None = None,
           permutations: int = 1000) -> tuple[pd.DataFrame, str]:
    """The terms that pass the permutation test between two groups (each side's strongest), else the top terms.

    ``scores``: a :func:`kit.distinctive_terms` result for ``two_groups(articles)``
    (notebook 02's), used instead of computing one when its groups are the same.
    """
    from kit.words import distinctive_terms, top_terms, two_groups

    description = ""
    try:
        groups = two_groups(articles)
        first, second = (str(g) for g in groups.attrs["groups"])
        description = str(groups.attrs.get("description", f"{first} and {second}"))
        if scores is None or set(scores["group"].astype(str)) - {first, second}:
            scores = distinctive_terms(groups, by="group", stopwords="news", permutations=permutations)
        scores = scores.assign(group=scores["group"].astype(str), z=pd.to_numeric(scores["z"]))
        passed = scores[scores["passes"].astype(str).str.lower() == "true"] if "passes" in scores else scores.iloc[:0]
        half = max(1, n_terms // 2)
        sides = [passed[passed["group"] == g].nlargest(half, "z").assign(side=g) for g in (first, second)]
        terms = pd.concat(sides)[["term", "side", "z", "count", "count_other"]]
        if len(terms):
            return terms.reset_index(drop=True), f"{description}: words that pass the permutation test over articles"
    except (ValueError, KeyError):
        pass
    top = top_terms(articles, n=n_terms, stopwords="news")
    why = f" (no word passes the permutation test between {description})" if description else ""
    return (top.assign(side="corpus", z=float("nan"), count_other=0)[["term", "side", "z", "count", "count_other"]],
            f"the corpus: its most frequent words{why}")


def _kwic_lines(articles: pd.DataFrame, term: str, *, n_lines: int, window: int,
                folded: pd.Series) -> pd.DataFrame:
    """The first ``n_lines`` hits of ``term``, searching only articles that hold its longest word."""
    from kit.words import kwic

    probe = max(term.replace("*", " ").split(), key=len, default="").casefold()
    candidates = articles[folded.str.contains(probe, regex=False)] if probe else articles.iloc[:0]
    found, start = [], 0
    step = max(n_lines, 8)
    while start < len(candidates) and sum(len(f) for f in found) < n_lines:
        part = kwic(candidates.iloc[start:start + step], term, window=window)
        found.append(part)
        start += step
    lines = pd.concat(found) if found else pd.DataFrame(columns=["article_id", "left", "match", "right"])
    return lines.head(n_lines)


def explorer_data(articles: pd.DataFrame, *, n_terms: int = 60, n_lines: int = 12, window: int = 8,
                  max_texts: int = 200, max_chars: int = 6000, title: str = "",
                  scores: pd.DataFrame | None = None, permutations: int = 1000) -> dict[str, Any]:
    """The data the explorer page embeds (plain JSON types).

    Parameters
    ----------
    articles : DataFrame
        The articles frame (``article_id``, ``title``, ``date``, ``outlet``, ``text``).
    n_terms : int, default 60
        Distinctive terms (half for each of the two groups compared): those that
        pass the permutation test of :func:`kit.distinctive_terms` (as notebook 02
        charts them); when none passes, the corpus's most frequent words.
    n_lines : int, default 12
        Keyword-in-context lines per term.
    window : int, default 8
        Words of context on each side.
    max_texts, max_chars : int
        Articles whose text (cut at ``max_chars`` characters) and citations are
        embedded; the articles behind the KWIC lines come first, then corpus order.
    scores : DataFrame, optional
        A :func:`kit.distinctive_terms` result for :func:`kit.words.two_groups` of
        ``articles`` (e.g. notebook 02's ``distinctive_terms_all`` table), reused
        instead of running the test again.
    permutations : int, default 1000
        Shuffles for the test when ``scores`` is not given.

    Returns
    -------
    dict
        ``title``, ``compared`` (what the terms compare), ``kinds`` (colour per
        source kind), ``articles`` (``[id, title, date, outlet]`` per article),
        ``terms`` (``term``, ``side``, ``z``, ``count``, ``lines``: ``[article index,
        left, match, right]``), ``texts`` (article index to ``text``, ``cut``,
        ``cites``: ``[start, end, kind, source, verb, quote_start, quote_end]``).
    """
    from kit.sourcing import attributions

    frame = articles.reset_index(drop=True)
    index = {aid: i for i, aid in enumerate(frame["article_id"])}
    dates = pd.to_datetime(frame["date"], errors="coerce") if "date" in frame else pd.Series(pd.NaT, index=frame.index)
    rows = [[_text(a), _text(t) or _text(a), d.strftime("%Y-%m-%d") if pd.notna(d) else "", _text(o)]
            for a, t, d, o in zip(frame["article_id"], frame.get("title", frame["article_id"]), dates,
                                  frame.get("outlet", pd.Series([None] * len(frame))))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        terms, compared = _terms(frame, n_terms, scores=scores, permutations=permutations)
    folded = frame["text"].fillna("").str.casefold()
    term_rows, wanted = [], []
    for t in terms.itertuples(index=False):
        lines = _kwic_lines(frame, t.term, n_lines=n_lines, window=window, folded=folded)
        hits = [[index[a], _text(l), _text(m), _text(r)] for a, l, m, r in
                zip(lines["article_id"], lines["left"], lines["match"], lines["right"]) if a in index]
        wanted.extend(h[0] for h in hits)
        term_rows.append({"term": _text(t.term), "side": _text(t.side),
                          "z": None if pd.isna(t.z) else round(float(t.z), 2), "count": int(t.count),
                          "lines": hits})
    chosen = list(dict.fromkeys([*wanted, *range(len(frame))]))[:max_texts]
    subset = frame.iloc[sorted(chosen)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cites = attributions(subset) if len(subset) else pd.DataFrame(columns=["article_id"])
    texts = {}
    for i in sorted(chosen):
        text = _text(frame.at[i, "text"])
        cut = len(text) > max_chars
        text = text[:max_chars]
        own = cites[cites["article_id"] == frame.at[i, "article_id"]]
        spans = [[int(s), int(e), _text(k), _text(src), _text(v),
                  int(qs) if pd.notna(qs) else -1, int(qe) if pd.notna(qe) else -1]
                 for s, e, k, src, v, qs, qe in zip(own["start"], own["end"], own["kind"], own["source"], own["verb"],
                                                    own["quote_start"], own["quote_end"]) if int(e) <= len(text)]
        texts[str(i)] = {"text": text, "cut": cut, "cites": spans}
    return {"title": title, "compared": compared, "kinds": _KINDS, "articles": rows, "terms": term_rows,
            "texts": texts, "limits": {"n_terms": n_terms, "n_lines": n_lines, "max_texts": max_texts,
                                       "max_chars": max_chars}}


def _json_for_script(data: dict) -> str:
    """JSON that cannot end its ``<script>`` element or open another: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                       ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return text


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:.8rem 1.5rem;border-bottom:1px solid #ddd;background:#fff} h1{font-size:1.3rem;margin:0}
.muted{color:#666;font-size:.85rem} main{display:grid;grid-template-columns:300px 1fr 320px;gap:1rem;padding:1rem 1.5rem}
section{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:.6rem .8rem;max-height:80vh;overflow:auto}
h2{font-size:1rem;margin:.2rem 0 .5rem} button.term{display:inline-block;margin:.15rem;padding:.15rem .45rem;border:1px solid #ccc;
border-radius:12px;background:#f4f4f4;cursor:pointer;font-size:.85rem} button.term.on{background:#1b6ca8;color:#fff;border-color:#1b6ca8}
.side{margin:.5rem 0 .2rem;font-weight:600;font-size:.85rem} table.kwic{border-collapse:collapse;width:100%;font-size:.88rem}
.kwic td{padding:.15rem .3rem;vertical-align:top} .kwic td.left{text-align:right;color:#444} .kwic td.match{font-weight:700;white-space:nowrap}
.kwic td.src a{font-size:.75rem} a{color:#1b6ca8;cursor:pointer} ul.articles{list-style:none;padding:0;margin:0;font-size:.85rem}
ul.articles li{padding:.2rem 0;border-bottom:1px solid #f0f0f0} input{width:100%;box-sizing:border-box;margin-bottom:.4rem;padding:.25rem}
.article{white-space:pre-wrap;line-height:1.5;font-size:.92rem} .cite{border-radius:3px;padding:0 .1rem} .quote{font-weight:700}
.legend span{display:inline-block;padding:0 .4rem;margin-right:.3rem;border-radius:3px}
"""

_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kit-data").textContent);
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text); return e; }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  var termsBox = document.getElementById("terms"), kwicBox = document.getElementById("kwic");
  var articleBox = document.getElementById("article"), listBox = document.getElementById("articles");
  document.getElementById("compared").textContent = data.compared;
  var legend = document.getElementById("legend");
  Object.keys(data.kinds).forEach(function (k) { var s = el("span", "", k); s.style.background = data.kinds[k] + "55"; legend.appendChild(s); });
  function articleLink(i) { var a = data.articles[i]; var link = el("a", "", a[1] || a[0]);
    link.href = "#"; link.addEventListener("click", function (ev) { ev.preventDefault(); showArticle(i); }); return link; }
  function showTerm(t, button) {
    Array.prototype.forEach.call(termsBox.querySelectorAll("button.on"), function (b) { b.classList.remove("on"); });
    button.classList.add("on"); clear(kwicBox);
    kwicBox.appendChild(el("h2", "", "\u201c" + t.term + "\u201d in context"));
    kwicBox.appendChild(el("p", "muted", t.count + " occurrences in " + t.side + (t.z === null ? "" : ", z = " + t.z) +
      "; the first " + t.lines.length + " lines"));
    var table = el("table", "kwic");
    t.lines.forEach(function (line) { var tr = el("tr", "kwic-line");
      tr.appendChild(el("td", "left", line[1])); tr.appendChild(el("td", "match", line[2]));
      tr.appendChild(el("td", "right", line[3])); var src = el("td", "src"); src.appendChild(articleLink(line[0]));
      tr.appendChild(src); table.appendChild(tr); });
    kwicBox.appendChild(table);
  }
  function showArticle(i) {
    var a = data.articles[i], t = data.texts[String(i)]; clear(articleBox);
    articleBox.appendChild(el("h2", "article-title", a[1] || a[0]));
    articleBox.appendChild(el("p", "muted", [a[0], a[2], a[3]].filter(Boolean).join(" \u00b7 ")));
    if (!t) { articleBox.appendChild(el("p", "muted", "This article's text is not in the page (it holds " +
      data.limits.max_texts + " texts at most, to stay small); see the exported tables.")); return; }
    var body = el("div", "article"), pos = 0;
    t.cites.slice().sort(function (x, y) { return x[0] - y[0]; }).forEach(function (c) {
      if (c[0] < pos) return;
      body.appendChild(document.createTextNode(t.text.slice(pos, c[0])));
      var span = el("span", "cite cite-" + c[2]); span.style.background = (data.kinds[c[2]] || "#999999") + "55";
      span.title = c[3] + " (" + c[2] + ")" + (c[4] ? ": " + c[4] : "");
      var qs = Math.max(c[5], c[0]), qe = Math.min(c[6], c[1]);
      if (c[5] >= 0 && qe > qs) { span.appendChild(document.createTextNode(t.text.slice(c[0], qs)));
        span.appendChild(el("span", "quote", t.text.slice(qs, qe))); span.appendChild(document.createTextNode(t.text.slice(qe, c[1])));
      } else { span.textContent = t.text.slice(c[0], c[1]); }
      body.appendChild(span); pos = c[1]; });
    body.appendChild(document.createTextNode(t.text.slice(pos) + (t.cut ? " \u2026 (cut)" : "")));
    articleBox.appendChild(el("p", "muted", t.cites.length + " citations highlighted; hover for the source"));
    articleBox.appendChild(body);
    if (articleBox.scrollIntoView) articleBox.scrollIntoView();
  }
  var lastSide = null;
  data.terms.forEach(function (t) {
    if (t.side !== lastSide) { termsBox.appendChild(el("div", "side", "more in " + t.side)); lastSide = t.side; }
    var b = el("button", "term", t.term); b.type = "button";
    b.addEventListener("click", function () { showTerm(t, b); }); termsBox.appendChild(b); });
  var filter = document.getElementById("filter");
  function listArticles() { clear(listBox); var q = filter.value.toLowerCase(), shown = 0;
    for (var i = 0; i < data.articles.length && shown < 300; i++) { var a = data.articles[i];
      if (q && (a[1] + " " + a[0] + " " + a[3]).toLowerCase().indexOf(q) < 0) continue;
      var li = el("li", "article-item"); li.appendChild(articleLink(i));
      li.appendChild(el("span", "muted", " " + [a[2], a[3]].filter(Boolean).join(" \u00b7 ") + (data.texts[String(i)] ? "" : " (no text)")));
      listBox.appendChild(li); shown++; } }
  filter.addEventListener("input", listArticles); listArticles();
})();
"""


def explorer_html(data: dict[str, Any]) -> str:
    """The explorer page for :func:`explorer_data`'s ``data``: one self-contained HTML file."""
    title = html.escape(data.get("title") or "corpus", quote=True)
    n_articles = len(data["articles"])
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="newsroom-kit explorer"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Explorer: {title}</title><style>{_CSS}</style></head>
<body><header><h1>Explorer: {title}</h1>
<div class="muted">{n_articles:,} articles · terms: <span id="compared"></span> · citations:
<span class="legend" id="legend"></span></div></header>
<main><section><h2>Distinctive terms</h2><div class="muted">click a term to see it in context</div><div id="terms"></div></section>
<section><div id="kwic"><p class="muted">Click a term on the left.</p></div><hr><div id="article"></div></section>
<section><h2>Articles</h2><input id="filter" type="search" placeholder="filter by title, id or outlet"><ul class="articles" id="articles"></ul></section>
</main>
<script type="application/json" id="kit-data">{_json_for_script(data)}</script>
<script>{_JS}</script>
</body></html>
"""


def write_explorer(articles: pd.DataFrame | str | Path, out: str | Path, *, title: str = "",
                   **options: Any) -> Path:
    """Write ``explorer.html`` into the folder ``out`` (atomically) and return its path.

    ``articles`` is an articles frame or what :func:`kit.load_corpus` reads;
    ``options`` go to :func:`explorer_data`.
    """
    from kit.files import write_atomic

    if not isinstance(articles, pd.DataFrame):
        from kit.load import load_corpus

        title = title or Path(str(articles)).name
        articles = load_corpus(articles)
    folder = Path(out)
    target = folder / EXPLORER
    if target.exists() and not _kit_page(target):
        raise FileExistsError(f"refusing to overwrite {target}: the kit did not write it; move it away "
                              "or choose another folder")
    page = explorer_html(explorer_data(articles, title=title, **options))
    folder.mkdir(parents=True, exist_ok=True)
    return write_atomic(target, page)


def _kit_page(path: Path) -> bool:
    """Is ``path`` an explorer page the kit wrote (its generator tag, or the heading of
    pages written before the tag)?"""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return False
    return 'content="newsroom-kit explorer"' in head or ("<title>Explorer: " in head and "<h1>Explorer: " in head)


def _notebook_scores(result) -> pd.DataFrame | None:
    """Notebook 02's table of every tested word, when it ran successfully in this run (else None)."""
    for run in getattr(result, "notebooks", []):
        if run.ok and NOTEBOOK_02 in getattr(run, "folders", []):
            try:
                table = pd.read_csv(Path(result.out) / NOTEBOOK_02 / SCORES_TABLE, keep_default_na=False,
                                    dtype={"group": str, "term": str})
            except (OSError, ValueError):
                return None
            needed = {"group", "term", "z", "count", "count_other", "passes"}
            return table if needed <= set(table.columns) else None
    return None


def write_run_explorer(result) -> Path | None:
    """The explorer of a :func:`kit.run.run_notebooks` run (None, with a warning, when it cannot be made).

    The terms are notebook 02's (its ``distinctive_terms_all`` table of this run), so
    the page adds no second permutation test to the run; without that table the test
    is run here.
    """
    if getattr(result, "load_error", None) or not getattr(result, "articles", 0):
        return None  # no articles: nothing to explore (the index says why)
    try:
        return write_explorer(result.data, result.out, scores=_notebook_scores(result))
    except Exception as e:  # noqa: BLE001 - the notebooks' results stand without the explorer
        warnings.warn(f"the explorer page was not written: {type(e).__name__}: {e}", stacklevel=2)
        return None
