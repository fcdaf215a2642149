"""Corpus overview: how many articles, when, from which outlets, how long.

Part of the shared core (every notebook may use it); it imports no analysis. Periods
(``auto_freq``, ``period_start``) come from :mod:`kit.periods` and are re-exported here.
"""
from __future__ import annotations

import pandas as pd

from kit.periods import auto_freq, period_range, period_start
from kit.text import require_columns

__all__ = ["auto_freq", "count_by", "count_by_period", "describe_lengths", "period_start"]


def count_by_period(articles: pd.DataFrame, *, freq: str = "auto") -> pd.DataFrame:
    """Articles per period of publication, with empty periods filled with 0.

    Parameters
    ----------
    articles : DataFrame
        Needs a ``date`` column; undated articles are counted apart.
    freq : str, default "auto"
        ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"`` or ``"auto"`` (see :func:`auto_freq`).

    Returns
    -------
    DataFrame
        Columns ``period`` (period start), ``articles``; ``attrs["undated"]`` holds
        the number of articles without a date and ``attrs["freq"]`` the period used.
    """
    require_columns(articles, ["date"], what="count_by_period()")
    dates = pd.to_datetime(articles["date"])
    freq = auto_freq(dates) if freq == "auto" else freq
    dated = dates.dropna()
    if dated.empty:
        out = pd.DataFrame({"period": pd.Series([], dtype="datetime64[ns]"), "articles": pd.Series([], dtype="int64")})
    else:
        starts = period_start(dated, freq)
        counts = starts.value_counts().sort_index()
        full = period_range(counts.index.min(), counts.index.max(), freq)
        counts = counts.reindex(full.union(counts.index), fill_value=0)
        out = pd.DataFrame({"period": counts.index.astype("datetime64[ns]"), "articles": counts.to_numpy(dtype="int64")})
    out.attrs["undated"] = int(dates.isna().sum())
    out.attrs["freq"] = freq
    return out


def count_by(articles: pd.DataFrame, column: str, *, missing: str = "(unknown)") -> pd.DataFrame:
    """Articles per value of ``column`` (e.g. outlet), most frequent first.

    Returns
    -------
    DataFrame
        Columns ``<column>``, ``articles``, ``share`` (of all articles).
    """
    require_columns(articles, [column], what="count_by()")
    values = articles[column].astype(object).where(articles[column].notna(), missing)
    counts = values.value_counts(sort=False)
    out = counts.rename_axis(column).reset_index(name="articles")
    out = out.sort_values(["articles", column], ascending=[False, True], kind="stable").reset_index(drop=True)
    out["articles"] = out["articles"].astype("int64")
    out["share"] = out["articles"] / max(len(articles), 1)
    return out


def describe_lengths(articles: pd.DataFrame) -> pd.DataFrame:
    """Summary of article lengths in words and paragraphs.

    Returns
    -------
    DataFrame
        Index ``n_words``, ``n_paragraphs``; columns ``count``, ``mean``, ``std``,
        ``min``, ``25%``, ``50%``, ``75%``, ``max``.
    """
    require_columns(articles, ["n_words", "n_paragraphs"], what="describe_lengths()")
    return articles[["n_words", "n_paragraphs"]].astype("float64").describe().T
