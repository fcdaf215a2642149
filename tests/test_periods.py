"""Periods and shares per group (kit/periods.py)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kit.periods import (assign_period, bootstrap_interval, format_period, normalize_freq, period_name,
                         period_range, period_start, shares_by)


@pytest.mark.parametrize("freq, alias", [
    ("D", "D"), ("W", "W"), ("M", "MS"), ("MS", "MS"), ("ME", "MS"), ("m", "MS"),
    ("Q", "QS"), ("QE", "QS"), ("Y", "YS"), ("A", "YS"), ("YE", "YS"),
])
def test_normalize_freq(freq, alias):
    assert normalize_freq(freq) == alias


def test_unknown_freq_is_an_error():
    with pytest.raises(ValueError, match="unknown period 'H'"):
        normalize_freq("H")


@pytest.mark.parametrize("freq, name", [("D", "day"), ("W", "week"), ("M", "month"), ("MS", "month"),
                                        ("Q", "quarter"), ("Y", "year"), ("", "period"), ("H", "period")])
def test_period_name(freq, name):
    assert period_name(freq) == name


@pytest.mark.parametrize("freq, expected", [
    ("D", ["07 Mar 2022", "17 May 2022"]),
    ("W", ["07 Mar 2022", "16 May 2022"]),
    ("M", ["Mar 2022", "May 2022"]),
    ("Q", ["2022 Q1", "2022 Q2"]),
    ("Y", ["2022", "2022"]),
])
def test_one_date_format_per_frequency(freq, expected):
    starts = period_start(pd.Series(pd.to_datetime(["2022-03-07 15:00", "2022-05-17 00:00"])), freq)
    assert format_period(starts, freq).tolist() == expected


def test_format_period_leaves_missing_dates_blank():
    assert format_period([pd.Timestamp("2022-01-01"), None], "M").tolist() == ["Jan 2022", ""]


def test_period_range_fills_gaps_from_first_to_last_period():
    got = period_range("2022-01-05", "2022-01-20", "W")
    assert [d.strftime("%Y-%m-%d") for d in got] == ["2022-01-03", "2022-01-10", "2022-01-17"]
    assert [d.strftime("%Y-%m") for d in period_range("2022-11-30", "2023-01-02", "M")] == \
        ["2022-11", "2022-12", "2023-01"]


def test_assign_period_drops_undated_rows_and_says_how_many():
    frame = pd.DataFrame({"date": pd.to_datetime(["2022-01-15", None, "2022-03-02"])})
    got = assign_period(frame, freq="M")
    assert got["period"].dt.strftime("%Y-%m-%d").tolist() == ["2022-01-01", "2022-03-01"]
    assert got.attrs == {"freq": "MS", "undated": 1}


@pytest.mark.parametrize("num, den, expected", [
    ([1, 1, 1], None, (1.0, 1.0)),          # no spread: the interval is the value
    ([2], [4], (0.5, 0.5)),                  # one article: nothing to resample but itself
    ([0, 0], [0, 0], (math.nan, math.nan)),  # no sources at all: no share
    ([], None, (math.nan, math.nan)),
])
def test_bootstrap_interval_edge_cases(num, den, expected):
    got = bootstrap_interval(num, den)
    assert all((math.isnan(e) and math.isnan(g)) or g == e for g, e in zip(got, expected))


def test_bootstrap_interval_brackets_the_share_and_is_seeded():
    rng = np.random.default_rng(1)
    num = rng.integers(0, 3, 200)
    den = num + rng.integers(1, 4, 200)
    low, high = bootstrap_interval(num, den)
    assert low < num.sum() / den.sum() < high
    assert (low, high) == bootstrap_interval(num, den)
    assert high - low < 0.1


def frame():
    return pd.DataFrame({
        "article_id": list("abcdefg"),
        "outlet": ["X", "X", "X", "Y", "Y", None, "X"],
        "date": pd.to_datetime(["2022-01-03", "2022-01-20", "2022-03-01", "2022-03-05", None, "2022-03-09",
                                "2022-03-10"]),
        "anonymous": [1, 0, 2, 0, 1, 0, 1],
        "named": [1, 2, 0, 1, 1, 0, 1],
        "sources": [2, 2, 2, 1, 2, 0, 2],
        "topic": [0.5, 0.25, 1.0, 0.0, 0.5, 0.75, 0.0],
    })


def test_shares_by_group_with_counts_articles_and_small_groups():
    got = shares_by(frame(), "outlet", ["anonymous"], total="sources", min_articles=3)
    assert got[["outlet", "series", "articles", "count", "total", "small"]].to_dict("list") == {
        "outlet": ["X", "Y", "(unknown)"], "series": ["anonymous"] * 3, "articles": [4, 2, 1],
        "count": [4.0, 1.0, 0.0], "total": [8.0, 3.0, 0.0], "small": [False, True, True]}
    assert got["share"].iloc[:2].tolist() == [0.5, 1 / 3] and math.isnan(got["share"].iloc[2])
    assert (got["low"].iloc[:2] <= got["share"].iloc[:2]).all() and (got["share"].iloc[:2] <= got["high"].iloc[:2]).all()


def test_shares_by_can_leave_small_groups_out():
    got = shares_by(frame(), "outlet", ["anonymous", "named"], total="sources", min_articles=3, drop_small=True)
    assert got[["outlet", "series", "count"]].to_dict("list") == {
        "outlet": ["X", "X"], "series": ["anonymous", "named"], "count": [4.0, 4.0]}


def test_shares_by_period_mean_shares_with_gaps_filled():
    got = shares_by(frame(), "period", ["topic"], freq="M", fill_periods=True, min_articles=2)
    assert got["period"].dt.strftime("%Y-%m").tolist() == ["2022-01", "2022-02", "2022-03"]
    assert got["articles"].tolist() == [2, 0, 4]
    assert got["share"].iloc[[0, 2]].tolist() == [0.375, 0.4375] and math.isnan(got["share"].iloc[1])
    assert got["small"].tolist() == [False, True, False]
    assert got.attrs == {"freq": "MS", "undated": 1, "min_articles": 2, "level": 0.95}


def test_shares_by_whole_frame():
    got = shares_by(frame(), None, ["anonymous"], total="sources")
    assert got[["group", "articles", "count", "total"]].iloc[0].tolist() == ["all", 7, 5.0, 11.0]


def test_shares_by_names_missing_columns():
    with pytest.raises(KeyError, match="missing column"):
        shares_by(frame(), "desk", ["anonymous"], total="sources")


def test_shares_by_weighted_mean_rests_on_the_matches():
    coded = pd.DataFrame({"war": [1.0, 0.25, 0.0], "law": [0.0, 0.75, 0.0], "n_matches": [1, 4, 0]})
    got = shares_by(coded, None, ["war", "law"], weight="n_matches")
    assert got[["series", "count", "total", "share"]].to_dict("list") == {
        "series": ["war", "law"], "count": [2.0, 3.0], "total": [5.0, 5.0], "share": [0.4, 0.6]}
