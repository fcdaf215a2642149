"""kit.near_duplicates: groups of near-identical articles (MinHash / LSH, exact check)."""
from __future__ import annotations

import itertools

import pandas as pd
import pytest

import kit
import kit.dedup as dedup
from kit.dedup import jaccard, near_duplicates, shingle_sets
from kit.synth import synthetic_duplicates

TEXTS = {
    "a1": "alpha beta gamma delta",
    "a2": "alpha beta gamma epsilon",      # 3 of 5 words shared with a1: 0.6
    "a3": "zeta eta theta iota",
    "a4": "Alpha, BETA gamma delta!",      # a1's words: 1.0
    "a5": "",
}


def frame(texts=TEXTS):
    return pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})


@pytest.mark.parametrize("threshold, expected", [
    (0.5, [(1, "a1", 1.0, True, 3), (1, "a4", 1.0, False, 3), (1, "a2", 0.6, False, 3)]),
    (0.6, [(1, "a1", 1.0, True, 3), (1, "a4", 1.0, False, 3), (1, "a2", 0.6, False, 3)]),
    (0.7, [(1, "a1", 1.0, True, 2), (1, "a4", 1.0, False, 2)]),
])
def test_groups_by_hand(threshold, expected):
    got = near_duplicates(frame(), threshold=threshold, shingle=1)
    assert list(got.columns) == ["group", "article_id", "similarity", "first", "n_in_group"]
    assert [tuple(r) for r in got.itertuples(index=False)] == expected


def test_no_duplicates_gives_an_empty_frame_with_the_columns():
    got = near_duplicates(frame({"x": "one two three four five six", "y": "seven eight nine ten eleven"}))
    assert got.empty and list(got.columns) == ["group", "article_id", "similarity", "first", "n_in_group"]
    assert str(got["group"].dtype) == "int64" and str(got["similarity"].dtype) == "float64"


def test_keep_first_drops_the_other_members_and_keeps_the_groups():
    articles = frame()
    articles.attrs["files"] = 1
    kept = near_duplicates(articles, threshold=0.5, shingle=1, keep="first")
    assert list(kept["article_id"]) == ["a1", "a3", "a5"]
    assert kept.attrs["files"] == 1
    assert list(kept.attrs["near_duplicates"]["article_id"]) == ["a1", "a4", "a2"]
    assert list(articles["article_id"]) == ["a1", "a2", "a3", "a4", "a5"]  # input untouched


@pytest.mark.parametrize("kwargs, error, match", [
    ({"threshold": 0}, ValueError, "threshold"),
    ({"threshold": 1.5}, ValueError, "threshold"),
    ({"keep": "last"}, ValueError, "keep"),
])
def test_bad_options(kwargs, error, match):
    with pytest.raises(error, match=match):
        near_duplicates(frame(), **kwargs)


def test_a_frame_without_text_says_what_it_needs():
    with pytest.raises(KeyError, match="text"):
        near_duplicates(pd.DataFrame({"article_id": ["a"], "body": ["x"]}))


@pytest.mark.parametrize("a, b, shingle, expected", [
    ("a b c d", "a b c e", 1, 3 / 5),
    ("a b c d", "a b c d", 2, 1.0),
    ("a b c d e", "a b c d f", 2, 3 / 5),        # ab bc cd de / ab bc cd df
    ("One, two; THREE.", "one two three", 3, 1.0),
    ("“Quoted” words—here", '"quoted" words - here', 1, 1.0),
    ("short", "short", 5, 1.0),                   # shorter than a shingle: one shingle
    ("", "", 5, 0.0),
])
def test_jaccard_of_shingle_sets(a, b, shingle, expected):
    sa, sb = shingle_sets([a, b], shingle=shingle)
    assert jaccard(sa, sb) == pytest.approx(expected)


def test_chunking_does_not_change_the_shingles(monkeypatch):
    texts = [t for t in synthetic_duplicates(30, families=5, seed=1, words=80)["text"]]
    whole = shingle_sets(texts)
    monkeypatch.setattr(dedup, "_CHUNK_BYTES", 200)
    assert [list(s) for s in shingle_sets(texts)] == [list(s) for s in whole]


def precision_recall(corpus: pd.DataFrame, groups: pd.DataFrame) -> tuple[float, float]:
    truth = set()
    for _, g in corpus[corpus["family"].notna()].groupby("family"):
        truth |= set(itertools.combinations(sorted(g["article_id"]), 2))
    found = set()
    for _, g in groups.groupby("group"):
        found |= set(itertools.combinations(sorted(g["article_id"]), 2))
    hits = len(truth & found)
    return hits / len(found) if found else 1.0, hits / len(truth) if truth else 1.0


def test_planted_duplicates_are_found(capsys):
    corpus = synthetic_duplicates(400, families=60, seed=3, words=300)
    groups = kit.near_duplicates(corpus)
    precision, recall = precision_recall(corpus, groups)
    with capsys.disabled():
        print(f"\nnear_duplicates on {len(corpus)} generated articles, {corpus['family'].nunique()} planted "
              f"families: precision {precision:.3f}, recall {recall:.3f}")
    assert (precision, recall) == (1.0, 1.0)
    # Every kind of edit was planted and found.
    edits = set(";".join(corpus["edits"].dropna()).split(";"))
    assert edits == {"reworded lead", "new byline", "wire reprint", "trimmed", "exact copy"}
    assert set(corpus.loc[corpus["edits"].notna(), "article_id"]) <= set(groups["article_id"])


def test_synthetic_duplicates_is_reproducible():
    a = synthetic_duplicates(50, families=5, seed=2, words=100)
    b = synthetic_duplicates(50, families=5, seed=2, words=100)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 50 + a["edits"].notna().sum()
    assert a.loc[a["edits"].notna(), "family"].isin(a.loc[a["edits"].isna(), "article_id"]).all()


def test_a_filtered_frame_with_gaps_in_its_index():
    articles = frame().set_axis([10, 20, 30, 40, 50])
    kept = near_duplicates(articles, threshold=0.5, shingle=1, keep="first")
    assert list(kept.index) == [10, 30, 50]
    assert list(near_duplicates(articles.iloc[1:], shingle=1)["article_id"]) == ["a2", "a4"]
