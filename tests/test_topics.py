"""Tests for kit/topics.py: topic models and codebook topics."""
from __future__ import annotations

import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

import kit
from kit.topics import (
    NO_MATCH,
    NO_TOPIC,
    keyword_matches,
    keyword_pattern,
    keyword_topics,
    load_codebook,
    topic_coherence,
    topic_model,
    topic_overlap,
)

THREE = ["war", "economy", "health"]


def _pure_corpus(n: int, topics: list[str], seed: int) -> pd.DataFrame:
    """Articles that each draw on exactly one vocabulary (their true topic)."""
    return kit.synthetic_corpus(n, seed=seed, words=250, topics=topics, topics_per_article=1)


@pytest.fixture(scope="module")
def three() -> pd.DataFrame:
    return _pure_corpus(60, THREE, seed=1)


def _purity(dominant: pd.Series, truth: pd.Series) -> float:
    """Share of articles whose dominant topic's majority true topic is their own."""
    table = pd.crosstab(dominant, truth)
    return table.max(axis=1).sum() / len(truth)


def _topic_vocabularies(model) -> dict[int, str]:
    """Map each topic to the vocabulary holding most of its top terms."""
    words = {t: {w for phrase in kit.synth.TOPIC_WORDS[t] for w in phrase.split()} for t in kit.synth.TOPIC_WORDS}
    out = {}
    for topic, terms in model.terms.groupby("topic")["term"]:
        out[topic] = max(words, key=lambda v: len(set(terms) & words[v]))
    return out


# --------------------------------------------------------------------------- topic_model

@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_mix_proportions_sum_to_one(other_articles, method):
    model = topic_model(other_articles, n_topics=4, method=method)
    labels = list(model.labels)
    assert list(model.mix.columns) == ["article_id", *labels]
    assert model.mix["article_id"].tolist() == other_articles["article_id"].tolist()
    values = model.mix[labels].to_numpy()
    assert np.allclose(values.sum(axis=1), 1.0)
    assert (values >= 0).all()
    assert model.unit == "article" and model.n_topics == 4


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_same_input_and_seed_give_the_same_topics(three, method):
    a = topic_model(three, n_topics=3, method=method, random_state=3)
    b = topic_model(three.copy(), n_topics=3, method=method, random_state=3)
    pd.testing.assert_frame_equal(a.terms, b.terms)
    pd.testing.assert_frame_equal(a.mix, b.mix)
    assert list(a.labels) == list(b.labels)


def test_input_is_not_modified(three):
    before = three.copy()
    topic_model(three, n_topics=3)
    pd.testing.assert_frame_equal(three, before)


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_topics_separate_distinct_vocabularies(three, method):
    model = topic_model(three, n_topics=3, method=method)
    dominant = model.dominant()
    assert _purity(dominant["topic"], three["topics"]) >= 0.9
    # Each topic's top terms come from one vocabulary, a different one per topic.
    assert sorted(_topic_vocabularies(model).values()) == sorted(THREE)


def test_terms_are_tidy_and_labels_come_from_top_terms(three):
    model = topic_model(three, n_topics=3, n_terms=5)
    terms = model.terms
    assert list(terms.columns) == ["topic", "label", "term", "weight", "rank"]
    assert terms.groupby("topic")["rank"].apply(list).tolist() == [[1, 2, 3, 4, 5]] * 3
    for topic, part in terms.groupby("topic"):
        assert model.labels[topic] == ", ".join(part["term"].head(3))
        assert part["weight"].is_monotonic_decreasing
    # Topics are numbered by their share of the corpus, largest first.
    assert model.topics["share"].is_monotonic_decreasing
    assert model.topics["topic"].tolist() == [1, 2, 3]


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_transform_applies_the_model_to_new_articles(three, method):
    model = topic_model(three, n_topics=3, method=method)
    new = _pure_corpus(24, THREE, seed=99)
    mix = model.transform(new, wide=True)
    assert list(mix.columns) == list(model.mix.columns)
    tidy = model.transform(new)
    assert list(tidy.columns) == ["article_id", "topic", "label", "share"]
    assert len(tidy) == len(new) * 3 and tidy["topic"].tolist()[:3] == [1, 2, 3]
    pd.testing.assert_frame_equal(model.dominant(tidy), model.dominant(mix))
    assert mix["article_id"].tolist() == new["article_id"].tolist()
    assert np.allclose(mix[list(model.labels)].sum(axis=1), 1.0)
    vocab = _topic_vocabularies(model)
    predicted = model.dominant(mix)["topic"].map(vocab)
    assert (predicted.to_numpy() == new["topics"].to_numpy()).mean() >= 0.9
    with pytest.raises(ValueError, match="unique"):
        model.transform(pd.concat([new.head(1), new.head(1)]))


@pytest.mark.parametrize(
    ("topics", "per_article", "n", "seed", "expected"),
    [
        (["war", "health"], 1, 40, 2, 2),
        (THREE, 1, 60, 2, 3),
        # Plain coherence picks 3 here: three topics that leave "law" out are as coherent.
        (["war", "economy", "health", "law"], 1, 80, 4, 4),
        (None, 2, 150, 2, 6),
    ],
    ids=["2 pure", "3 pure", "4 pure", "6 mixed in pairs"],
)
def test_number_of_topics_is_chosen_by_coherence_and_overlap(topics, per_article, n, seed, expected):
    corpus = kit.synthetic_corpus(n, seed=seed, words=250 if per_article == 1 else 300, topics=topics,
                                  topics_per_article=per_article)
    model = topic_model(corpus)
    assert model.n_topics == expected
    sel = model.selection
    assert list(sel.columns) == ["n_topics", "coherence", "overlap", "narrow", "score", "chosen"]
    assert sel["n_topics"].tolist() == list(range(2, 13))
    assert sel.loc[sel["chosen"], "n_topics"].tolist() == [expected]
    # The rule: the largest k scoring within K_TOLERANCE of the best.
    near = sel.loc[sel["score"] >= sel["score"].max() - kit.topics.K_TOLERANCE, "n_topics"]
    assert near.max() == expected


def test_search_in_single_precision_scores_as_double_precision(monkeypatch):
    # The candidates are fitted on float32 documents (about 15 % faster); the scores
    # and the choice must be those of float64 fits, and the final model stays float64.
    corpus = kit.synthetic_corpus(150, seed=2, words=300, topics_per_article=2)
    seen = set()
    fit = kit.topics._fit
    monkeypatch.setattr(kit.topics, "_fit", lambda *a, **k: (seen.add((a[3].dtype.type, k.get("search", False))),
                                                             fit(*a, **k))[1])
    fast = topic_model(corpus)
    assert seen == {(np.float32, True), (np.float64, False)}
    monkeypatch.setattr(kit.topics, "_search_matrix", lambda method, x: x)
    slow = topic_model(corpus)
    assert fast.n_topics == slow.n_topics == 6
    assert np.allclose(fast.selection["score"], slow.selection["score"], atol=1e-3)
    assert np.allclose(fast.topics["stability"], slow.topics["stability"], atol=1e-3)
    assert fast.model_.components_.dtype == np.float64
    pd.testing.assert_frame_equal(fast.mix, slow.mix)


def test_auto_unit_fits_paragraphs_of_the_one_article_sample(sample_articles):
    model = topic_model(sample_articles)
    assert model.unit == "paragraph"
    labels = list(model.labels)
    paras = model.paragraph_mix
    assert len(paras) == 7 and paras["paragraph"].tolist() == list(range(7))
    assert paras["n_words"].tolist() == kit.paragraphs(sample_articles)["n_words"].tolist()
    assert np.allclose(paras[labels].sum(axis=1), 1.0)
    # The article's mix is its paragraphs' mixes weighted by their length.
    expected = np.average(paras[labels].to_numpy(), axis=0, weights=paras["n_words"])
    assert np.allclose(model.mix[labels].to_numpy()[0], expected)
    assert model.mix[labels].to_numpy()[0].max() < 0.9  # a real mix of its parts
    assert 2 <= model.n_topics <= 3
    # New articles are split into paragraphs too, and aggregated the same way.
    again = model.transform(sample_articles, wide=True)
    assert np.allclose(again[labels].to_numpy(), model.mix[labels].to_numpy(), atol=0.05)


def test_explicit_units(three):
    assert topic_model(three.head(5), n_topics=2, unit="article").unit == "article"
    model = topic_model(three.head(25), n_topics=3, unit="paragraph")
    assert model.unit == "paragraph" and len(model.mix) == 25
    assert model.paragraph_mix["article_id"].nunique() == 25


EMPTY_CASES = [
    ("nan", [np.nan, np.nan], None),
    ("uniform", [0.5, 0.5], None),
    ("column", [0.0, 0.0], 1.0),
]


@pytest.mark.parametrize(("policy", "row", "flag"), EMPTY_CASES)
def test_articles_without_topical_words(three, policy, row, flag):
    extra = pd.DataFrame({"article_id": ["blank", "stop"], "text": ["", "And it was said that they would."]})
    corpus = pd.concat([three[["article_id", "text"]].head(30), extra], ignore_index=True)
    with pytest.warns(UserWarning, match=r"2 article\(s\) have no topical words \(blank, stop\)"):
        model = topic_model(corpus, n_topics=2, empty=policy)
    labels = list(model.labels)
    assert model.empty == ["blank", "stop"]
    got = model.mix[labels].to_numpy()[-2:]
    assert np.allclose(got, [row, row], equal_nan=True)
    if flag is not None:
        assert model.mix[NO_TOPIC].tolist() == [0.0] * 30 + [1.0, 1.0]
    assert np.allclose(model.mix[labels].to_numpy()[:30].sum(axis=1), 1.0)
    assert model.dominant()["topic"].isna().tolist() == [False] * 30 + [True, True]


def test_clear_errors():
    good = pd.DataFrame({"article_id": ["a"], "text": ["Troops and artillery."]})
    with pytest.raises(ValueError, match="method"):
        topic_model(good, method="pca")
    with pytest.raises(ValueError, match="column"):
        topic_model(pd.DataFrame({"article_id": ["a"]}))
    with pytest.raises(ValueError, match="no terms left"):
        topic_model(pd.DataFrame({"article_id": ["a", "b"], "text": ["", "It is so."]}))


def test_coherence_and_overlap_by_hand():
    # Documents: {a, b}, {a, b}, {c}, {a}. p(a)=3/4, p(b)=1/2, p(a,b)=1/2.
    docs = sparse.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 0]]))
    got = topic_coherence(docs, [[0, 1], [0, 2], [0, 1, 2]])
    ab = np.log((1 / 2) / (3 / 4 * 1 / 2)) / -np.log(1 / 2)  # 0.415
    assert got[0] == pytest.approx(ab)
    assert got[1] == -1.0
    assert got[2] == pytest.approx((ab - 1 - 1) / 3)
    # Topics {a}, {b}, {c}: a and b share documents, c shares none (floored at 0).
    assert topic_overlap(docs, [[0], [1], [2]], n=1) == pytest.approx([ab, ab, 0.0])
    # Topics {a, c} and {b}: mean NPMI of (a, b) and (c, b) = (0.415 - 1) / 2 < 0.
    assert topic_overlap(docs, [[0, 2], [1]]).tolist() == [0.0, 0.0]


def test_wikinews_mix(wikinews):
    model = topic_model(wikinews, n_topics=5)
    assert len(model.mix) == len(wikinews) and model.unit == "article"
    ok = model.mix.drop(columns="article_id").dropna()
    assert np.allclose(ok.sum(axis=1), 1.0)


# --------------------------------------------------------------------------- keyword topics

CODEBOOK = {
    "war": ["soldier", "front line", "militar*"],
    "law": ["court", "supreme court"],
    "economy": ["economy"],
}
TEXTS = pd.DataFrame({
    "article_id": ["a", "b", "c"],
    "text": [
        "Soldiers and a soldier's family went to the Supreme Court. The court heard them "
        "near the front-line.\n\nEconomies shrank.",
        "Nothing relevant here. Courtesy matters, and the warplanes flew.",
        "The militarised zone and military police.",
    ],
})


def test_keyword_topics_by_hand():
    with pytest.warns(UserWarning, match=r"1 article\(s\) have no keyword match \(b\)"):
        got = keyword_topics(TEXTS, CODEBOOK)
    expected = pd.DataFrame({
        "article_id": ["a", "b", "c"],
        "war": [3 / 6, 0.0, 1.0],
        "law": [2 / 6, 0.0, 0.0],
        "economy": [1 / 6, 0.0, 0.0],
        NO_MATCH: [0.0, 1.0, 0.0],
        "n_matches": [6, 0, 2],
        "matched": [
            "war: soldier ×2, front line ×1; law: court ×1, supreme court ×1; economy: economy ×1",
            "",
            "war: militar* ×2",
        ],
    })
    pd.testing.assert_frame_equal(got, expected)


def test_keyword_topics_nan_and_uniform_policies():
    with pytest.warns(UserWarning):
        nan = keyword_topics(TEXTS, CODEBOOK, empty="nan")
    assert NO_MATCH not in nan.columns
    assert nan.loc[1, ["war", "law", "economy"]].isna().all()
    with pytest.warns(UserWarning):
        uniform = keyword_topics(TEXTS, CODEBOOK, empty="uniform")
    assert uniform.loc[1, ["war", "law", "economy"]].tolist() == [1 / 3] * 3


def test_keyword_matches_have_offsets_and_prefer_the_longest():
    got = keyword_matches(TEXTS, CODEBOOK)
    a = got[got["article_id"] == "a"]
    assert a["match"].tolist() == ["Soldiers", "soldier", "Supreme Court", "court", "front-line", "Economies"]
    assert a["keyword"].tolist() == ["soldier", "soldier", "supreme court", "court", "front line", "economy"]
    text = TEXTS.loc[0, "text"]
    assert [text[s:e] for s, e in zip(a["start"], a["end"])] == a["match"].tolist()


def test_a_keyword_under_two_topics_counts_for_both():
    got = keyword_topics(pd.DataFrame({"article_id": ["x"], "text": ["The minister of defense."]}),
                         {"war": ["defense"], "politics": ["minister", "defense"]})
    assert got.loc[0, ["war", "politics"]].tolist() == [1 / 3, 2 / 3]


@pytest.mark.parametrize(
    ("keyword", "text", "matches"),
    [
        ("soldier", "soldiers", True),
        ("soldier", "Soldier", True),
        ("soldier", "soldiery", False),
        ("economy", "economies", True),
        ("tax", "taxes", True),
        ("court", "courtesy", False),
        ("war", "warplanes", False),
        ("front line", "front  line", True),
        ("front line", "front-lines", True),
        ("front line", "frontline", False),
        ("militar*", "military", True),
        ("militar*", "paramilitary", False),
    ],
)
def test_keyword_pattern(keyword, text, matches):
    assert bool(re.fullmatch(keyword_pattern(keyword), text, re.IGNORECASE)) is matches


def test_example_codebook_ships_and_loads():
    book = load_codebook()
    assert list(book)[:5] == ["war", "politics", "law", "economy", "health"]
    assert all(len(words) >= 10 for words in book.values())
    got = keyword_topics(pd.DataFrame({"article_id": ["x"], "text": ["Troops shelled the hospital."]}))
    assert got.loc[0, ["war", "health"]].tolist() == [0.5, 0.5]


def test_the_notebook_shows_the_shipped_example_codebook():
    import ast

    from kit.config import notebooks_dir

    nb = json.loads((notebooks_dir() / "05_topic_mix.ipynb").read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    literal = next(c for c in cells if c.startswith("CODEBOOK = {"))
    assert ast.literal_eval(literal.split("=", 1)[1].strip()) == load_codebook()


def test_own_codebook_files(tmp_path):
    csv_path = tmp_path / "mine.csv"
    csv_path.write_text("topic,keyword,note\nsport,football,\nsport, Goal ,scored\n#draft,x,\nsport,goal,dup\n"
                        "arts,museum,\n", encoding="utf-8")
    assert load_codebook(csv_path) == {"sport": ["football", "Goal"], "arts": ["museum"]}
    json_path = tmp_path / "mine.json"
    json_path.write_text(json.dumps({"sport": ["football", "goal"], "arts": "museum"}), encoding="utf-8")
    assert load_codebook(json_path) == {"sport": ["football", "goal"], "arts": ["museum"]}
    got = keyword_topics(pd.DataFrame({"article_id": ["x"], "text": ["Goals at the museum."]}), csv_path)
    assert got.loc[0, ["sport", "arts"]].tolist() == [0.5, 0.5]
    bad = tmp_path / "bad.csv"
    bad.write_text("name,words\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'topic' and 'keyword'"):
        load_codebook(bad)


def _old_codebook_regex(book):
    """The pattern as it was before: each alternative with its own (?<!\\w) check."""
    ordered = sorted({k.lower() for ks in book.values() for k in ks}, key=lambda k: (-len(k), k))
    return ordered, re.compile("|".join(f"(?P<k{i}>{keyword_pattern(k)})" for i, k in enumerate(ordered)),
                               re.IGNORECASE)


def _old_matches(texts, book):
    ordered, pattern = _old_codebook_regex(book)
    return [(i, ordered[int(m.lastgroup[1:])], m.start(), m.end())
            for i, text in enumerate(texts) for m in pattern.finditer(text)]


@pytest.mark.parametrize("source", ["fixture", "shipped"])
def test_one_scan_finds_the_same_matches_as_one_check_per_keyword(source):
    book = CODEBOOK if source == "fixture" else load_codebook()
    texts = list(TEXTS["text"]) + [
        "Anti-war protesters; the war-time economy. Courts-martial, courtship and the courthouse.",
        "Ukraine's soldiers, soldiery; MILITARY courts—front lines, front\nline, frontline.",
        "xsoldier soldierx _soldier soldier_ 9court court9 élcourt court",
    ]
    frame = pd.DataFrame({"article_id": [str(i) for i in range(len(texts))], "text": texts})
    got = keyword_matches(frame, book)
    mine = sorted({(int(a), k.lower(), s, e)
                   for a, k, s, e in got[["article_id", "keyword", "start", "end"]].itertuples(index=False)})
    assert mine == sorted(set(_old_matches(texts, book)))
    assert len(mine) > 5


def test_one_scan_on_real_articles(wikinews):
    book = load_codebook()
    got = keyword_matches(wikinews, book)
    mine = sorted({(a, k.lower(), s, e) for a, k, s, e in got[["article_id", "keyword", "start", "end"]]
                   .itertuples(index=False)})
    ids = list(wikinews["article_id"])
    old = sorted({(ids[i], k, s, e) for i, k, s, e in _old_matches(list(wikinews["text"]), book)})
    assert mine == old and len(mine) > 1000


def test_keyword_topics_reuses_matches():
    matches = keyword_matches(TEXTS, CODEBOOK)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd.testing.assert_frame_equal(keyword_topics(TEXTS, CODEBOOK, matches=matches),
                                      keyword_topics(TEXTS, CODEBOOK))
    with pytest.raises(ValueError, match="not in the codebook"):
        keyword_topics(TEXTS, {"war": ["soldier"]}, matches=matches)


def test_scikit_learn_shape(three):
    from kit.topics import TopicModel

    model = TopicModel(3, random_state=3)
    assert "not fitted" in repr(model)
    with pytest.raises(AttributeError, match="not fitted"):
        model.mix
    assert model.fit(three) is model
    short = topic_model(three, n_topics=3, random_state=3)
    pd.testing.assert_frame_equal(model.mix_, short.mix)
    pd.testing.assert_frame_equal(model.terms_, short.terms)
    assert model.n_topics_ == model.n_topics == 3 and model.unit_ == "article"
    assert model.model is model.model_ and model.vectorizer is model.vectorizer_
    tidy = model.transform(three)
    pd.testing.assert_frame_equal(tidy, model.mix_long(), check_exact=False, atol=1e-3)   # NMF re-solves
    assert list(model.topics_.columns) == ["topic", "label", "share", "coherence", "articles"]


def test_real_articles_choice_is_inside_its_range_and_reports_stability(wikinews):
    # Before: 12 topics, the top of the 2-12 range, the score still rising.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = topic_model(wikinews)
    sel = model.selection
    assert model.n_topics < sel["n_topics"].max() and not sel.attrs["edge"]
    assert (model.topics["articles"] >= kit.topics.MIN_TOPIC_ARTICLES).all()
    assert model.topics["stability"].between(0, 1).all() and 0 < sel.attrs["stability"] <= 1


def test_choice_at_the_top_of_a_given_range_warns(three):
    with pytest.warns(UserWarning, match="top of the range"):
        model = topic_model(three, k_range=[1, 2])
    assert model.selection.attrs["edge"] and model.n_topics == 2


@pytest.mark.parametrize("codebook", [
    None,  # the shipped example: the fast scan
    {"tech": ["ai", "city", "immigra*", "data center", "Über"], "short": ["x"]},  # the plain scan
    {"tech": ["city", "immigra*", "data center", "cities council", "kelvin"]},
])
def test_the_fast_codebook_scan_finds_what_one_regex_finds(codebook):
    # keyword_matches tries only the keywords that share a match's first two letters;
    # its matches must be those of the single regular expression of every keyword
    from kit.topics import _codebook, _codebook_regex, _codebook_scanner

    book = _codebook(codebook)
    ordered = tuple(sorted({k.lower() for ks in book.values() for k in ks}, key=lambda k: (-len(k), k)))
    rng = np.random.default_rng(4)
    pieces = [k.replace("*", "tion") for k in ordered] + [
        "Cities", "CITY", "data-centers", "the", "cosy", "co", "warplanes", "war-", "ſtorm", "\u212aelvin",
        "x", "X-ray", "über", "AI", "pre-war", "Supreme  Court", "soldiers'", "3war", "_army", "é", "\n\n"]
    texts = [" ".join(rng.choice(pieces, size=60)) for _ in range(40)]
    texts += [" ".join(pieces), "".join(pieces)]
    full, scan = _codebook_regex(ordered), _codebook_scanner(ordered)
    for text in texts:
        assert [(m.span(), m.lastgroup) for m in scan(text)] == [(m.span(), m.lastgroup) for m in full.finditer(text)]


def test_models_are_fitted_and_applied_on_one_blas_thread(three, monkeypatch):
    # Two BLAS threads only spin on NMF's small products (kit.topics._one_blas_thread).
    from threadpoolctl import threadpool_info, threadpool_limits

    def blas_threads():
        return {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    seen = []
    fit, make = kit.topics._fit, kit.topics._make_model

    def watched_fit(*args, **kwargs):
        seen.append(("fit", blas_threads()))
        return fit(*args, **kwargs)

    def watched_make(*args, **kwargs):
        model = make(*args, **kwargs)
        transform = model.transform
        model.transform = lambda x: (seen.append(("transform", blas_threads())), transform(x))[1]
        return model

    monkeypatch.setattr(kit.topics, "_fit", watched_fit)
    monkeypatch.setattr(kit.topics, "_make_model", watched_make)
    import sklearn.decomposition  # noqa: F401  (loads SciPy's BLAS)

    with threadpool_limits(limits=2, user_api="blas"):   # as on a 2-core machine
        model = topic_model(three, random_state=0)
        model.transform(three)
        after = blas_threads()
    assert {kind for kind, _ in seen} == {"fit", "transform"}
    assert all(threads == {1} for _, threads in seen), seen
    assert after == {2}   # the limit is lifted afterwards
