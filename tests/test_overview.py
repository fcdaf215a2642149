"""Corpus overview counts."""
from __future__ import annotations

import pandas as pd
import pytest

from kit.overview import auto_freq, count_by, count_by_period, describe_lengths, period_start


def frame(dates, outlets=None):
    n = len(dates)
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(n)], "date": pd.to_datetime(dates),
                         "outlet": outlets or [None] * n, "n_words": range(10, 10 + n), "n_paragraphs": [1] * n})


@pytest.mark.parametrize("dates, freq", [
    (["2022-01-01"], "D"),
    (["2022-01-01", "2022-03-01"], "D"),
    (["2022-01-01", "2022-05-01"], "W"),
    (["2022-01-01", "2023-12-01"], "MS"),
    (["2000-01-01", "2022-12-01"], "YS"),
    ([None], "D"),
])
def test_auto_freq(dates, freq):
    assert auto_freq(pd.Series(pd.to_datetime(dates))) == freq


def test_count_by_period_fills_gaps_and_counts_undated():
    got = count_by_period(frame(["2022-01-15", "2022-01-20", "2022-03-02", None]), freq="M")
    assert got["period"].dt.strftime("%Y-%m-%d").tolist() == ["2022-01-01", "2022-02-01", "2022-03-01"]
    assert got["articles"].tolist() == [2, 0, 1]
    assert got.attrs == {"undated": 1, "freq": "M"}


def test_count_by_period_weeks_start_on_monday():
    got = count_by_period(frame(["2022-01-05", "2022-01-20"]), freq="W")
    assert got["period"].dt.strftime("%Y-%m-%d").tolist() == ["2022-01-03", "2022-01-10", "2022-01-17"]
    assert got["articles"].tolist() == [1, 0, 1]
    assert period_start(pd.Series(pd.to_datetime(["2022-05-17"])), "Q").iloc[0] == pd.Timestamp("2022-04-01")


def test_count_by_period_with_no_dates():
    got = count_by_period(frame([None, None]))
    assert got.empty and got.attrs["undated"] == 2


def test_count_by_outlet_sorted_with_unknown():
    got = count_by(frame(["2022-01-01"] * 4, ["B", "A", None, "B"]), "outlet")
    assert got.to_dict("list") == {"outlet": ["B", "(unknown)", "A"],
                                   "articles": [2, 1, 1], "share": [0.5, 0.25, 0.25]}


def test_describe_lengths():
    got = describe_lengths(frame(["2022-01-01"] * 3))
    assert got.loc["n_words", "mean"] == 11.0 and got.loc["n_words", "max"] == 12.0
