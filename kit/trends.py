"""Terms per article, for shares over time with intervals.

:func:`term_counts` gives one row per article with each term's count and the
article's words, so that :func:`kit.periods.shares_by` can put a bootstrap interval
over articles on a term's share of words per period (``total="words"``). It sits
above the analyses (it calls :func:`kit.words.term_trend`, with the same matching
rules: case-folded, possessives dropped, ``*`` for any ending, phrases not split by
punctuation).
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

__all__ = ["term_counts"]

_BASE = pd.Timestamp("2000-01-01")


def term_counts(articles: pd.DataFrame, terms: str | Iterable[str]) -> pd.DataFrame:
    """Each term's count in each article, with the article's words and date.

    Returns
    -------
    DataFrame
        One row per article, in order: ``article_id``, ``date``, ``words`` (all the
        article's words, as :func:`kit.words.term_trend` counts them), then one column
        per term (as normalised: ``"defense ministry"``) holding its count.
    """
    from kit.words import term_trend

    frame = articles[["article_id", "text"]].reset_index(drop=True)
    # one "day" per article: term_trend's daily counts are then counts per article
    frame = frame.assign(date=_BASE + pd.to_timedelta(np.arange(len(frame)), unit="D"))
    trend = term_trend(frame, terms, freq="D") if len(frame) else pd.DataFrame(
        columns=["period", "term", "count", "words"])
    out = articles[["article_id"]].reset_index(drop=True)
    out["date"] = articles["date"].to_numpy() if "date" in articles else pd.NaT
    if trend.empty:
        out["words"] = 0
        return out
    row = (pd.to_datetime(trend["period"]) - _BASE).dt.days
    words = trend.assign(row=row).drop_duplicates("row").set_index("row")["words"]
    out["words"] = words.reindex(range(len(out)), fill_value=0).astype("int64").to_numpy()
    wide = trend.assign(row=row).pivot_table(index="row", columns="term", values="count", aggfunc="sum")
    for term in dict.fromkeys(trend["term"]):
        out[term] = wide[term].reindex(range(len(out)), fill_value=0).fillna(0).astype("int64").to_numpy()
    return out
