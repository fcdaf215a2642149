"""Terms per article (kit/trends.py)."""
from __future__ import annotations

import pandas as pd

from kit.periods import shares_by
from kit.trends import term_counts


def articles():
    return pd.DataFrame({"article_id": ["a", "b", "c"],
                         "date": pd.to_datetime(["2022-01-05", "2022-01-20", "2022-02-01"]),
                         "text": ["Troops moved. The troops' trucks followed the Defense Ministry's order.",
                                  "No soldiers here at all.",
                                  "The defense ministry said troops left."]})


def test_term_counts_per_article():
    got = term_counts(articles(), ["troops", "defense ministry"])
    assert got.to_dict("list") == {
        "article_id": ["a", "b", "c"], "date": list(articles()["date"]), "words": [10, 5, 6],
        "troops": [2, 0, 1], "defense ministry": [1, 0, 1]}


def test_term_counts_give_shares_of_words_per_period():
    got = shares_by(term_counts(articles(), ["troops"]), "period", ["troops"], total="words", freq="M")
    assert got[["articles", "count", "total"]].to_dict("list") == {
        "articles": [2, 1], "count": [2.0, 1.0], "total": [15.0, 6.0]}
