"""Benchmark: fitting the topic model on generated articles, against scikit-learn.

    python benchmarks/bench_topics.py --articles 10000

Wall-clock time, and peak memory of traced Python allocations (numpy and scipy
included) measured in a second, separate run, for
- the kit: ``kit.topic_model(articles, n_topics=K)`` (fixed K) and
  ``kit.topic_model(articles)`` (K chosen by coherence on a sample);
- scikit-learn called directly: ``TfidfVectorizer`` (English stop words) then ``NMF``
  with the same K, on the same texts.
The generated corpus mixes two of six topic vocabularies per article, so K = 6.
``choosing_k_vs_fixed_k`` is the time of ``n_topics=None`` over the time of one fit at
the fixed K (issue 16's target: at most 2).
"""
from __future__ import annotations

import argparse
import time
import tracemalloc
import warnings

import kit
from kit.synth import TOPIC_WORDS


def _measure(fn):
    """Run ``fn`` twice: once timed, once under tracemalloc (which slows it) for peak memory."""
    t0 = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t0
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, seconds, peak / 2**20


def _sklearn(texts, k):
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(stop_words="english").fit_transform(texts)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return NMF(n_components=k, random_state=0).fit_transform(x)


def run(n_articles: int = 10_000, *, words: int = 700, seed: int = 0) -> dict:
    """Fit the kit's topic model and scikit-learn's NMF on ``n_articles`` articles.

    Returns
    -------
    dict
        ``articles``, ``words`` (total), ``n_topics_true``, the seconds and peak MiB of
        ``kit_fixed_k``, ``kit_auto_k`` and ``sklearn``, the ``n_topics`` the kit chose,
        and the ratios ``kit_fixed_vs_sklearn`` and ``kit_auto_vs_sklearn`` (time).
    """
    t0 = time.perf_counter()
    corpus = kit.synthetic_corpus(n_articles, seed=seed, words=words)
    generate = time.perf_counter() - t0
    k = len(TOPIC_WORDS)
    texts = corpus["text"].tolist()
    _, sk_s, sk_mb = _measure(lambda: _sklearn(texts, k))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fixed, fixed_s, fixed_mb = _measure(lambda: kit.topic_model(corpus, n_topics=k))
        auto, auto_s, auto_mb = _measure(lambda: kit.topic_model(corpus))
    # How well the fixed-K topics recover each article's two vocabularies.
    true = corpus["topics"].str.split(";")
    top_terms = fixed.terms.groupby("topic")["term"].apply(set)
    vocab_words = {t: {w for phrase in ws for w in phrase.split()} for t, ws in TOPIC_WORDS.items()}
    topic_vocab = {t: max(vocab_words, key=lambda v: len(terms & vocab_words[v])) for t, terms in top_terms.items()}
    dominant = fixed.dominant()["topic"].map(topic_vocab)
    hit = sum(d in t for d, t in zip(dominant, true)) / len(corpus)
    return {
        "articles": n_articles,
        "words": int(corpus["text"].str.split().str.len().sum()),
        "generate_s": round(generate, 2),
        "n_topics_true": k,
        "kit_fixed_k_s": round(fixed_s, 2), "kit_fixed_k_peak_mib": round(fixed_mb, 1),
        "kit_auto_k_s": round(auto_s, 2), "kit_auto_k_peak_mib": round(auto_mb, 1),
        "kit_auto_k_chosen": auto.n_topics,
        "sklearn_s": round(sk_s, 2), "sklearn_peak_mib": round(sk_mb, 1),
        "kit_fixed_vs_sklearn": round(fixed_s / sk_s, 2),
        "kit_auto_vs_sklearn": round(auto_s / sk_s, 2),
        "choosing_k_vs_fixed_k": round(auto_s / fixed_s, 2),
        "choosing_k_target_met (<= 2)": bool(auto_s <= 2 * fixed_s),
        "dominant_topic_in_true_topics": round(hit, 3),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=700)
    args = parser.parse_args()
    for key, value in run(args.articles, words=args.words).items():
        print(f"{key:32s} {value}")
