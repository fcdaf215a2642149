"""The pandas engine on both cores: worker processes give the frames one process gives."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

import kit
from kit import scale
from kit.scale import STAGES, analyze, available_stages, read_results

PER_ARTICLE = [n for n in available_stages() if STAGES[n].kind == "per_article"]


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel_corpus")
    kit.write_corpus(kit.synthetic_corpus(13, seed=5, words=250), folder, fmt="txt")
    kit.write_corpus(kit.synth.realistic_corpus(6, seed=5, words=250).assign(
        article_id=lambda f: "real-" + f["article_id"]), folder, fmt="txt")
    return kit.load_articles(folder)


@pytest.mark.parametrize("name", PER_ARTICLE)
@pytest.mark.parametrize("options", [{}, {"word_counts": {"ngram": 2}}])
def test_worker_processes_give_the_single_process_frame(articles, name, options):
    stage, opts = STAGES[name], options.get(name, {})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        one = scale._run_per_article_parallel(articles, stage, opts, workers=1)
        many = scale._run_per_article_parallel(articles, stage, opts, workers=2, min_articles=0, chunks=5)
    pd.testing.assert_frame_equal(many, one)


@pytest.mark.parametrize("parts, expected", [
    # each chunk sorted: the union sorted; else in order of first appearance
    ([["b", "c"], ["a", "c"]], ["a", "b", "c"]),
    ([["c", "b"], ["a", "c"]], ["c", "b", "a"]),
])
def test_categorical_columns_keep_one_set_of_categories(parts, expected):
    frames = [pd.DataFrame({"term": pd.Categorical(p, categories=p)}) for p in parts]
    out = scale._concat_chunks(frames)
    assert list(out["term"].cat.categories) == expected
    assert list(out["term"]) == [t for p in parts for t in p]


def test_small_corpora_and_by_stay_in_one_process(articles, monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("no worker process should start")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", boom)
    stage = STAGES["word_counts"]
    scale._run_per_article_parallel(articles, stage, {}, workers=2, min_articles=len(articles) + 1)
    scale._run_per_article_parallel(articles, stage, {"by": "outlet"}, workers=2, min_articles=0)


def test_analyze_in_parallel_writes_what_one_process_writes(articles, monkeypatch, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        monkeypatch.setattr(scale, "PANDAS_WORKERS", 1)
        analyze(articles, out=tmp_path / "one")
        monkeypatch.setattr(scale, "PANDAS_WORKERS", 2)
        monkeypatch.setattr(scale, "PARALLEL_ARTICLES", 1)
        analyze(articles, out=tmp_path / "two")
    one, two = read_results(tmp_path / "one"), read_results(tmp_path / "two")
    assert sorted(one) == sorted(two)
    for name in one:
        pd.testing.assert_frame_equal(two[name], one[name])


def test_warnings_of_the_workers_reach_the_caller(articles):
    blank = articles.head(3).assign(text=["", "One sentence here.", ""])
    stage = STAGES["readability"]
    with pytest.warns(UserWarning) as one:
        scale._run_per_article_parallel(blank, stage, {}, workers=1)
    with pytest.warns(UserWarning) as many:
        scale._run_per_article_parallel(blank, stage, {}, workers=2, min_articles=0, chunks=3)
    # one warning per chunk that had something to say, naming the same articles
    # (the "may mislead" flag warning of "One sentence here." is left aside)
    one = [w for w in one if "no words" in str(w.message)]
    many = [w for w in many if "no words" in str(w.message)]
    assert [str(w.message) for w in one] == [
        "readability(): 2 article(s) have no words, so no scores (left missing): real-synth-000000, real-synth-000002"]
    assert sorted(str(w.message) for w in many) == [
        "readability(): 1 article(s) have no words, so no scores (left missing): real-synth-000000",
        "readability(): 1 article(s) have no words, so no scores (left missing): real-synth-000002"]


def test_the_sourcing_tables_of_worker_processes_equal_one_process(articles, monkeypatch):
    """Notebook 03's one pass (sourcing_tables) and the three verbs use both cores on a large corpus."""
    from kit.sourcing import frames

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        monkeypatch.setattr(scale, "PANDAS_WORKERS", 1)
        one = frames.sourcing_tables(articles)
        monkeypatch.setattr(scale, "PANDAS_WORKERS", 2)
        monkeypatch.setattr(scale, "PARALLEL_ARTICLES", 3)
        started = _HERE
        started.clear()
        monkeypatch.setattr(frames, "_rows_of_real", frames._rows_of, raising=False)
        monkeypatch.setattr(frames, "_rows_of", _counting_rows)
        many = frames.sourcing_tables(articles)
        summary = frames.sourcing_summary(articles)
    assert started == [2, 2]  # here only the warm-ups (of the two parallel calls); the chunks ran in the workers
    for a, b in zip(many, one):
        pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(summary, one[2])
    assert len(one[0]) > 10  # the corpus has citations to compare


_HERE: list = []


def _counting_rows(items):
    """frames._rows_of, noting each call in this process (a worker's notes stay in the worker)."""
    from kit.sourcing import frames

    _HERE.append(len(items))
    return frames.__dict__["_rows_of_real"](items)


@pytest.mark.parametrize("verb", [
    lambda a: kit.readability(a), lambda a: kit.readability(a, level="paragraph"),
    lambda a: kit.sentence_lengths(a), lambda a: kit.sentences(a),
], ids=["readability", "readability_paragraphs", "sentence_lengths", "sentences"])
def test_readability_and_sentences_on_both_cores_equal_one_process(articles, monkeypatch, verb):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        monkeypatch.setattr(scale, "PANDAS_WORKERS", 1)
        one = verb(articles)
        monkeypatch.setattr(scale, "PANDAS_WORKERS", 2)
        monkeypatch.setattr(scale, "PARALLEL_ARTICLES", 3)
        many = verb(articles)
    assert len(one) >= len(articles)
    pd.testing.assert_frame_equal(many, one)


def test_over_cores_keeps_the_order_and_stays_here_when_small(monkeypatch):
    monkeypatch.setattr(scale, "PANDAS_WORKERS", 2)
    items = list(range(23))
    parts = scale.over_cores(_squares, items, 1, min_items=5)
    assert len(parts) == 8 and [x for p in parts for x in p] == [i * i + 1 for i in items]
    assert scale.over_cores(_squares, items, 1, min_items=24) == [[i * i + 1 for i in items]]


def _squares(items, plus):
    import multiprocessing

    assert multiprocessing.parent_process() is not None or len(items) in (2, 23)
    return [i * i + plus for i in items]
