"""Periods of time and shares per group: the one place every analysis takes them from.

Part of the shared core (it imports no analysis). It holds

- the period lengths the kit knows (day, week, month, quarter, year), their pandas
  aliases and their names (:data:`FREQ_ALIASES`, :func:`normalize_freq`,
  :func:`period_name`);
- how a date falls into a period (:func:`auto_freq`, :func:`period_start`,
  :func:`period_range`, :func:`assign_period`) and how a period is written on every
  chart and in every table (:func:`format_period`, one date format per length);
- shares per group with the counts behind them and an interval from a bootstrap over
  articles (:func:`shares_by`), with groups below a minimum size marked.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

__all__ = ["DATE_FORMATS", "FREQ_ALIASES", "FREQ_NAMES", "assign_period", "auto_freq", "bootstrap_interval",
           "format_period", "normalize_freq", "period_name", "period_range", "period_start", "shares_by"]

#: Every spelling of a period length the kit accepts, mapped to its canonical alias.
FREQ_ALIASES: dict[str, str] = {
    "D": "D", "W": "W", "W-MON": "W",
    "M": "MS", "MS": "MS", "ME": "MS",
    "Q": "QS", "QS": "QS", "QE": "QS",
    "Y": "YS", "YS": "YS", "YE": "YS", "A": "YS", "AS": "YS",
}

#: The name of each canonical period length, as charts and summaries say it.
FREQ_NAMES: dict[str, str] = {"D": "day", "W": "week", "MS": "month", "QS": "quarter", "YS": "year"}

#: One date format per period length, used on every chart axis and label.
DATE_FORMATS: dict[str, str] = {"D": "%d %b %Y", "W": "%d %b %Y", "MS": "%b %Y", "QS": "%Y Q{q}", "YS": "%Y"}


def normalize_freq(freq: str) -> str:
    """The canonical alias of a period length: ``"D"``, ``"W"``, ``"MS"``, ``"QS"`` or ``"YS"``.

    Raises
    ------
    ValueError
        For a period length the kit does not know.
    """
    alias = FREQ_ALIASES.get(str(freq).upper())
    if alias is None:
        raise ValueError(f"unknown period {freq!r}; use D, W, M, Q or Y")
    return alias


def period_name(freq: str | None) -> str:
    """``"day"``, ``"week"``, ``"month"``, ``"quarter"`` or ``"year"`` (``"period"`` when unknown)."""
    try:
        return FREQ_NAMES[normalize_freq(freq)] if freq else "period"
    except ValueError:
        return "period"


def auto_freq(dates: pd.Series) -> str:
    """A period length that gives a readable time axis for ``dates``.

    Day for spans up to 62 days, week up to 6 months, month up to 4 years, else year.

    Returns
    -------
    str
        A pandas offset alias: ``"D"``, ``"W"``, ``"MS"`` or ``"YS"``.
    """
    d = pd.to_datetime(pd.Series(dates), errors="coerce").dropna()
    if d.empty:
        return "D"
    span = (d.max() - d.min()).days
    if span <= 62:
        return "D"
    if span <= 183:
        return "W"
    if span <= 4 * 366:
        return "MS"
    return "YS"


def period_start(dates: pd.Series, freq: str) -> pd.Series:
    """The start of the period (day, week from Monday, month, quarter, year) holding each date."""
    alias = normalize_freq(freq)
    dates = pd.to_datetime(dates)
    if alias == "D":
        return dates.dt.normalize()
    if alias == "W":
        return dates.dt.normalize() - pd.to_timedelta(dates.dt.day_of_week, unit="D")
    return dates.dt.to_period({"MS": "M", "QS": "Q", "YS": "Y"}[alias]).dt.start_time


def period_range(first, last, freq: str) -> pd.DatetimeIndex:
    """Every period start from the period of ``first`` to that of ``last``, gaps included."""
    alias = normalize_freq(freq)
    starts = period_start(pd.Series(pd.to_datetime([first, last])), alias)
    return pd.date_range(starts.iloc[0], starts.iloc[1], freq="W-MON" if alias == "W" else alias)


def format_period(periods, freq: str) -> pd.Series:
    """Period starts written as every chart writes them: ``"Mar 2022"``, ``"2022 Q2"``, ``"2022"``.

    Days and weeks are ``"07 Mar 2022"`` (a week by its Monday). Missing dates give ``""``.
    """
    alias = normalize_freq(freq)
    values = pd.to_datetime(pd.Series(periods))
    fmt = DATE_FORMATS[alias]
    if alias == "QS":
        text = values.dt.year.astype("Int64").astype(str) + " Q" + values.dt.quarter.astype("Int64").astype(str)
    else:
        text = values.dt.strftime(fmt)
    return text.where(values.notna(), "").astype(str)


def assign_period(frame: pd.DataFrame, *, freq: str = "auto", date: str = "date") -> pd.DataFrame:
    """The dated rows of ``frame`` with a ``period`` column (the start of the period).

    Returns
    -------
    DataFrame
        The rows with a date, plus ``period``; ``attrs["freq"]`` is the canonical
        period length used and ``attrs["undated"]`` the number of rows left out.
    """
    if date not in frame.columns:
        raise KeyError(f"assign_period(): no {date!r} column")
    dates = pd.to_datetime(frame[date], errors="coerce")
    used = normalize_freq(auto_freq(dates) if freq == "auto" else freq)
    out = frame[dates.notna()].copy()
    out["period"] = period_start(dates[dates.notna()], used).astype("datetime64[ns]")
    out.attrs.update(freq=used, undated=int(dates.isna().sum()))
    return out


def bootstrap_interval(numerator, denominator=None, *, n_boot: int = 1000, level: float = 0.95,
                       seed: int = 0) -> tuple[float, float]:
    """A percentile bootstrap interval over the units (articles) of a share.

    With ``denominator`` the share is ``sum(numerator) / sum(denominator)`` (a ratio:
    anonymous sources out of all sources); without, it is the mean of ``numerator``
    (an average share per article). Units are resampled with replacement.

    Returns
    -------
    tuple of float
        ``(low, high)``; NaN when there is nothing to resample.
    """
    num = np.asarray(numerator, dtype=float)
    den = None if denominator is None else np.asarray(denominator, dtype=float)
    keep = ~np.isnan(num) if den is None else ~(np.isnan(num) | np.isnan(den))
    num = num[keep]
    den = None if den is None else den[keep]
    if len(num) == 0 or (den is not None and den.sum() == 0):
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    stats = np.empty(n_boot)
    chunk = max(1, int(2_000_000 // max(len(num), 1)))
    for start in range(0, n_boot, chunk):
        stop = min(n_boot, start + chunk)
        idx = rng.integers(0, len(num), size=(stop - start, len(num)))
        if den is None:
            stats[start:stop] = num[idx].mean(axis=1)
        else:
            totals = den[idx].sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                stats[start:stop] = np.where(totals > 0, num[idx].sum(axis=1) / totals, np.nan)
    stats = stats[~np.isnan(stats)]
    if len(stats) == 0:
        return float("nan"), float("nan")
    tail = (1 - level) / 2
    low, high = np.quantile(stats, [tail, 1 - tail])
    return float(low), float(high)


def shares_by(frame: pd.DataFrame, by: str | None, columns: Iterable[str], *, total: str | None = None,
              min_articles: int = 5, drop_small: bool = False, n_boot: int = 1000, level: float = 0.95,
              seed: int = 0, freq: str = "auto", date: str = "date", fill_periods: bool = False,
              weight: str | None = None) -> pd.DataFrame:
    """Shares per group, with the articles (and counts) behind each and a bootstrap interval.

    ``frame`` has one row per article. Two kinds of share:

    - with ``total`` (a count column such as ``"sources"``), each column is a count and
      its share is ``sum(column) / sum(total)`` over the group's articles (anonymous
      sources out of all sources);
    - without, each column is already a share per article and the group's share is
      its mean over the group's articles (average topic share);
    - with ``weight`` (a count column such as ``"n_matches"``), each column is a share
      per article of that count, and the group's share is the weighted mean
      ``sum(column * weight) / sum(weight)``: the share of all the group's matches,
      with ``count`` and ``total`` saying how many matches it rests on.

    The interval resamples the group's articles with replacement (``n_boot`` times)
    and takes the percentiles ``(1 - level) / 2`` and ``1 - (1 - level) / 2``.

    Parameters
    ----------
    frame : DataFrame
        One row per article, with ``columns``, ``total`` and the group column.
    by : str or None
        The group column (``"outlet"``), ``"period"`` to group by the period of
        ``date``, or None for the whole frame as one group (``"all"``).
    columns : list of str
        The counts (with ``total``) or per-article shares (without) to summarise.
    total : str, optional
        The count column the shares are out of.
    min_articles : int, default 5
        Groups with fewer articles are marked ``small`` (their share rests on too few
        articles to compare); with ``drop_small=True`` they are left out.
    freq : str, default "auto"
        Period length for ``by="period"`` (see :func:`auto_freq`).
    fill_periods : bool, default False
        For ``by="period"``, add the periods without articles (``articles`` 0, share NaN).

    Returns
    -------
    DataFrame
        One row per group and column, groups in order (periods by date, others by
        articles, descending): ``<by>`` (or ``period``), ``series`` (the column),
        ``articles``, ``count`` (the column's sum; NaN for mean shares), ``total``
        (the total's sum; NaN for mean shares), ``share``, ``low``, ``high``,
        ``small``. ``attrs``: ``freq``, ``undated``, ``min_articles``, ``level``.
    """
    columns = list(columns)
    missing = [c for c in [*columns, *([total] if total else []), *([weight] if weight else []),
                           *([by] if by not in (None, "period") else [])]
               if c not in frame.columns]
    if missing:
        raise KeyError(f"shares_by(): missing column(s) {missing}")
    attrs = {"freq": "", "undated": 0, "min_articles": int(min_articles), "level": float(level)}
    data = frame
    key = by or "group"
    if by == "period":
        data = assign_period(frame, freq=freq, date=date)
        attrs.update(freq=data.attrs["freq"], undated=data.attrs["undated"])
    elif by is None:
        data = frame.assign(group="all")
    else:
        data = frame.assign(**{by: frame[by].astype(object).where(frame[by].notna(), "(unknown)")})
    rows = []
    for group, part in data.groupby(key, sort=True):
        n = len(part)
        for i, column in enumerate(columns):
            num = part[column].to_numpy(dtype=float)
            if weight:
                den = part[weight].to_numpy(dtype=float)
                num = np.nan_to_num(num) * den
            if total or weight:
                den = part[total].to_numpy(dtype=float) if total else den
                count, tot = float(np.nansum(num)), float(np.nansum(den))
                share = count / tot if tot > 0 else float("nan")
                low, high = bootstrap_interval(num, den, n_boot=n_boot, level=level, seed=seed + i)
            else:
                count = tot = float("nan")
                share = float(np.nanmean(num)) if np.isfinite(num).any() else float("nan")
                low, high = bootstrap_interval(num, n_boot=n_boot, level=level, seed=seed + i)
            rows.append((group, column, n, count, tot, share, low, high))
    out = pd.DataFrame(rows, columns=[key, "series", "articles", "count", "total", "share", "low", "high"])
    if by == "period" and fill_periods and len(out):
        full = period_range(out["period"].min(), out["period"].max(), attrs["freq"])
        grid = pd.MultiIndex.from_product([full, columns], names=["period", "series"]).to_frame(index=False)
        out = grid.merge(out, on=["period", "series"], how="left")
        out["articles"] = out["articles"].fillna(0)
    out["articles"] = out["articles"].astype("int64")
    out["small"] = out["articles"] < min_articles
    if drop_small:
        out = out[~out["small"]]
    if by == "period":
        out["period"] = out["period"].astype("datetime64[ns]")
        out = out.sort_values(["period", "series"], key=lambda s: s.map(columns.index) if s.name == "series" else s,
                              kind="stable")
    elif by is not None:
        order = out.groupby(key)["articles"].max().sort_values(ascending=False, kind="stable")
        rank = {g: r for r, g in enumerate(sorted(order.index, key=lambda g: (-order[g], str(g))))}
        out = out.sort_values([key, "series"], key=lambda s: s.map(rank) if s.name == key else s.map(columns.index),
                              kind="stable")
    out = out.reset_index(drop=True)
    out.attrs.update(attrs)
    return out
