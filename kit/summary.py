"""A notebook's main findings in words, with their numbers.

Each notebook ends with a short paragraph generated from its results (not written by
hand, so it stays true on any corpus): :func:`overview`, :func:`words`,
:func:`sourcing`, :func:`readability`, :func:`topics`. Each returns a
:class:`Summary`, shown in the notebook as Markdown; :meth:`Summary.save` writes it
beside the notebook's exports (``summary.json``) so that ``index.html`` ends each
notebook's section with it too.

Part of the shared core: it takes the analyses' result frames as arguments and
imports no analysis.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from kit.periods import shares_by

__all__ = ["SUMMARY_FILE", "Summary", "overview", "read_summary", "readability", "sourcing", "topics", "words"]

#: The file, in a notebook's export folder, that holds its summary.
SUMMARY_FILE = "summary.json"


@dataclass
class Summary:
    """A paragraph of findings: ``sentences`` joined into ``text``; ``numbers`` holds
    the figures behind it (for a table, a test, or another sentence)."""

    notebook: str
    sentences: list[str]
    numbers: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(s for s in self.sentences if s)

    def __str__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        return f"**In words.** {self.text}"

    def save(self, exporter) -> Path:
        """Write ``summary.json`` into the exporter's folder (atomically) and return its path.

        With a :class:`kit.Exporter`, its manifest lists the file (an entry of kind
        ``summary``), so a rerun may replace it; a ``summary.json`` there that the kit
        did not write is never overwritten (``FileExistsError``).
        """
        from kit.files import write_json_atomic

        folder = Path(exporter.folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / SUMMARY_FILE
        claim, record = getattr(exporter, "_claim", None), getattr(exporter, "_record", None)
        if claim is not None:
            claim([path])
        payload = {"notebook": self.notebook, "text": self.text, "numbers": _plain(self.numbers)}
        write_json_atomic(path, payload)
        if record is not None:
            record({"kind": "summary", "name": Path(SUMMARY_FILE).stem, "title": "In words", "files": [path.name]})
        return path


def read_summary(folder: str | Path) -> str | None:
    """The summary text saved in a notebook's export folder, or None."""
    try:
        payload = json.loads((Path(folder) / SUMMARY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    text = payload.get("text") if isinstance(payload, dict) else None
    return str(text) if text else None


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if not np.isfinite(value) else round(float(value), 6)
    if isinstance(value, (pd.Timestamp,)):
        return value.strftime("%Y-%m-%d")
    return value


def _n(count: float, noun: str, plural: str | None = None) -> str:
    count = int(count)
    return f"{count:,} {noun if count == 1 else (plural or noun + 's')}"


def _pct(share: float, digits: int = 0) -> str:
    return "n/a" if share is None or not np.isfinite(share) else f"{100 * share:.{digits}f} %"


def _q(text: object, width: int = 70) -> str:
    from kit.plots import shorten

    return f"“{shorten(text, width)}”"


def _titles(articles: pd.DataFrame | None) -> dict:
    if articles is None or "article_id" not in articles:
        return {}
    titles = articles["title"] if "title" in articles else pd.Series(index=articles.index, dtype=object)
    return dict(zip(articles["article_id"], titles.fillna(articles["article_id"]).astype(str)))


def _list(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- one function per notebook -------------------------------------------------------------------

def overview(articles: pd.DataFrame) -> Summary:
    """What the corpus holds: articles, words, outlets, dates, what was skipped."""
    n = len(articles)
    words_ = articles["n_words"] if "n_words" in articles else pd.Series(dtype=float)
    dates = pd.to_datetime(articles["date"], errors="coerce") if "date" in articles else pd.Series(dtype="datetime64[ns]")
    outlets = articles["outlet"].dropna() if "outlet" in articles else pd.Series(dtype=object)
    skipped = len(articles.attrs.get("skipped", []))
    s = [f"The corpus holds {_n(n, 'article')} ({int(words_.sum()):,} words; median {words_.median():.0f} "
         f"words per article)." if n else "The corpus holds no article."]
    if outlets.nunique():
        top = outlets.value_counts()
        s.append(f"They come from {_n(outlets.nunique(), 'outlet')}; the largest is {top.index[0]} with "
                 f"{_n(top.iloc[0], 'article')} ({_pct(top.iloc[0] / n)}).")
    else:
        s.append("No article names its outlet.")
    if dates.notna().any():
        span = f"{dates.min():%d %b %Y}" if dates.min() == dates.max() else f"{dates.min():%d %b %Y} to {dates.max():%d %b %Y}"
        undated = int(dates.isna().sum())
        s.append(f"{'It was' if n == 1 else 'They were'} published {'on' if dates.min() == dates.max() else 'from'} {span}"
                 + (f"; {_n(undated, 'article')} {'has' if undated == 1 else 'have'} no date." if undated else "."))
    else:
        s.append("No article has a date, so nothing can be followed over time.")
    s.append(f"{_n(skipped, 'input')} {'was' if skipped == 1 else 'were'} skipped (see the load report)."
             if skipped else "Every input file loaded.")
    return Summary("01_corpus_overview", s, {"articles": n, "words": int(words_.sum()),
                                             "outlets": int(outlets.nunique()), "skipped": skipped})


def words(top: pd.DataFrame, bigrams: pd.DataFrame | None = None, distinctive: pd.DataFrame | None = None,
          *, groups: tuple[str, str] | None = None, description: str = "") -> Summary:
    """The most frequent words and phrases, and what sets two groups apart."""
    s = []
    if len(top):
        s.append("The most frequent words are " + _list(f"*{t}* ({c:,})" for t, c in
                                                         zip(top["term"].head(5), top["count"].head(5))) + ".")
    else:
        s.append("The corpus has no words to count once stopwords are left out.")
    if bigrams is not None and len(bigrams):
        s.append(f"The most frequent two-word phrase is *{bigrams['term'].iloc[0]}* ({bigrams['count'].iloc[0]:,} "
                 f"times).")
    numbers: dict[str, Any] = {"top_terms": top["term"].head(5).tolist()}
    if distinctive is not None and len(distinctive) and groups:
        a, b = groups
        side = distinctive[distinctive["group"] == a]
        if "passes" in distinctive:  # judged by a permutation test over articles (false discovery rate)
            other = distinctive[(distinctive["group"] == b) & distinctive["passes"]]
            strong = pd.concat([side[side["passes"]], other])
            up = side[side["passes"]].sort_values("z", ascending=False)["term"].head(3).tolist()
            down = other.sort_values("z", ascending=False)["term"].head(3).tolist()
            test = "pass the permutation test over articles (false discovery rate 5 %)"
        else:
            strong = side[side["z"].abs() > 1.96]
            up = side[side["z"] > 1.96].sort_values("z", ascending=False)["term"].head(3).tolist()
            down = side[side["z"] < -1.96].sort_values("z")["term"].head(3).tolist()
            test = "differ beyond |z| > 1.96"
        s.append(f"Comparing {description or f'{a} with {b}'}, "
                 + (f"{_n(len(strong), 'word')} {test}" if len(strong) else f"no word {test.replace('pass ', 'passes ').replace('differ ', 'differs ')}")
                 + (f"; *{'*, *'.join(up)}* mark {a}" if up else "")
                 + (f", *{'*, *'.join(down)}* mark {b}" if down else "") + ".")
        numbers.update(distinct_words=len(strong))
    return Summary("02_word_frequencies", s, numbers)


def sourcing(summary: pd.DataFrame, articles: pd.DataFrame | None = None, *, level: float = 0.95) -> Summary:
    """Sources per article, the share anonymous with its interval, direct quotes."""
    n = len(summary)
    if n == 0 or summary["sources"].sum() == 0:
        return Summary("03_sourcing", [f"The kit found no sources in {_n(n, 'article')}."], {"articles": n})
    total = int(summary["sources"].sum())
    per = summary["sources"]
    kinds = shares_by(summary, None, ["named", "anonymous", "institutional"], total="sources", level=level)
    anon = kinds[kinds["series"] == "anonymous"].iloc[0]
    named = kinds[kinds["series"] == "named"].iloc[0]
    inst = kinds[kinds["series"] == "institutional"].iloc[0]
    direct = shares_by(summary, None, ["direct_citations"], total="citations", level=level).iloc[0]
    none = int((per == 0).sum())
    s = [f"Across {_n(n, 'article')} the kit found {_n(summary['citations'].sum(), 'citation')} of "
         f"{_n(total, 'distinct source')}: {per.mean():.1f} sources per article on average (median "
         f"{per.median():.0f}, most {int(per.max())})" + (f"; {_n(none, 'article')} cite{'s' if none == 1 else ''} "
                                                          f"no one." if none else "."),
         f"{_pct(anon['share'])} of sources are anonymous "
         + (f"({100 * level:.0f} % interval {_pct(anon['low'])} to {_pct(anon['high'])}, bootstrap over articles), "
            if n > 1 else "(one article: no interval), ")
         + f"{_pct(named['share'])} named and "
         f"{_pct(inst['share'])} institutional.",
         f"{_pct(direct['share'])} of citations are direct quotes."]
    titles = _titles(articles)
    if titles and n > 1 and summary["anonymous"].max() > 0:
        most = summary.sort_values(["anonymous", "sources"], ascending=[False, True], kind="stable").iloc[0]
        s.append(f"The article relying most on anonymous sources is {_q(titles.get(most['article_id'], most['article_id']))} "
                 f"({int(most['anonymous'])} of {int(most['sources'])}).")
    return Summary("03_sourcing", s, {"articles": n, "sources": total, "sources_per_article": float(per.mean()),
                                      "share_anonymous": float(anon["share"]), "share_anonymous_low": float(anon["low"]),
                                      "share_anonymous_high": float(anon["high"]),
                                      "share_direct": float(direct["share"])})


def readability(scores: pd.DataFrame, articles: pd.DataFrame | None = None, *,
                measure: str = "flesch_kincaid_grade") -> Summary:
    """The typical grade level, the hardest and the easiest articles."""
    scored = scores.dropna(subset=[measure])
    if scored.empty:
        return Summary("04_readability", ["No article has words to score."], {"articles": 0})
    titles = _titles(articles)
    grade = scored[measure]
    spread = (f"the middle half between {grade.quantile(0.25):.1f} and {grade.quantile(0.75):.1f}, over "
              f"{_n(len(scored), 'article')}" if len(scored) >= 4 else _n(len(scored), "article"))
    s = [f"The {'median ' if len(scored) > 1 else ''}article reads at a Flesch-Kincaid grade of {grade.median():.1f} "
         f"({spread}); Flesch reading ease is {scored['flesch_reading_ease'].median():.0f}"
         f"{' at the median' if len(scored) > 1 else ''} (0 very hard, 100 very easy)."]
    if len(scored) > 1:
        hard = scored.loc[grade.idxmax()]
        easy = scored.loc[grade.idxmin()]
        s.append(f"The hardest is {_q(titles.get(hard['article_id'], hard['article_id']))} (grade {hard[measure]:.1f}), "
                 f"the easiest {_q(titles.get(easy['article_id'], easy['article_id']))} (grade {easy[measure]:.1f}).")
    if "mean_sentence_length" in scored:
        s.append(f"Sentences average {scored['mean_sentence_length'].median():.1f} words (median over articles).")
    return Summary("04_readability", s, {"articles": len(scored), "median_grade": float(grade.median()),
                                         "hardest": str(scored.loc[grade.idxmax(), "article_id"]),
                                         "easiest": str(scored.loc[grade.idxmin(), "article_id"])})


def topics(topic_table: pd.DataFrame, *, method: str = "", unit: str = "", coded: pd.DataFrame | None = None,
           codes: Iterable[str] | None = None) -> Summary:
    """The largest topics of the model, and what the codebook matched (and on how many matches)."""
    ranked = topic_table.sort_values("share", ascending=False, kind="stable")
    s = [f"The {method.upper() + ' ' if method else ''}model found {_n(len(ranked), 'topic')}"
         + (f", fitted on {unit}s" if unit else "") + "; the largest are "
         + _list(f"“{lab}” ({_pct(sh)} of the average article)" for lab, sh in
                 zip(ranked["label"].head(3), ranked["share"].head(3))) + "."]
    numbers: dict[str, Any] = {"topics": len(ranked), "largest": ranked["label"].head(3).tolist()}
    if coded is not None and len(coded):
        codes = list(codes or [c for c in coded.columns if c not in ("article_id", "title", "n_matches", "matched",
                                                                      "(no match)")])
        matched = coded[coded["n_matches"] > 0]
        total = int(coded["n_matches"].sum())
        s.append(f"The codebook matched {_n(total, 'keyword')} in {len(matched)} of {_n(len(coded), 'article')}"
                 + (f" (median {matched['n_matches'].median():.0f} matches per matched article)" if len(matched) else "")
                 + ".")
        if total:
            weights = coded[codes].mul(coded["n_matches"], axis=0).sum() / total
            best = weights.sort_values(ascending=False)
            s.append(f"Of all matches, {_pct(best.iloc[0])} are for {best.index[0]}"
                     + (f" and {_pct(best.iloc[1])} for {best.index[1]}" if len(best) > 1 and best.iloc[1] > 0 else "")
                     + ".")
            thin = int(((coded["n_matches"] > 0) & (coded["n_matches"] < 3)).sum())
            if thin:
                s.append(f"{_n(thin, 'article')} rest{'s' if thin == 1 else ''} on fewer than 3 matches: "
                         "read their codebook shares with care.")
        numbers.update(codebook_matches=total, codebook_articles=len(matched))
    return Summary("05_topic_mix", s, numbers)
