"""Benchmark: word counts on generated articles, against scikit-learn's CountVectorizer.

    python benchmarks/bench_words.py --articles 10000

On ``--articles`` articles from :func:`kit.synthetic_corpus` (about 700 words each)
it times, alternating the calls and keeping the best of ``--repeats`` runs:

- ``kit.word_counts(articles)``: the tidy frame (article_id, term, count, share),
  English stopwords removed;
- scikit-learn called directly on the same texts: ``CountVectorizer()`` (its
  defaults) and ``CountVectorizer(stop_words="english")``, each giving a sparse
  document-term matrix (no tidy frame);
- the same for bigrams: ``kit.word_counts(articles, ngram=2)`` against
  ``CountVectorizer(ngram_range=(2, 2), stop_words="english")``.

Words per second use one word total for every method: the words the kit counts
(every word, stopwords included). Ratios are scikit-learn's seconds over the
kit's (above 1: the kit is faster). Peak memory is measured twice: traced Python
and NumPy allocations (``tracemalloc``, which does not see Arrow's buffers) in this
process, and the rise of the peak resident set size during the call (which sees
everything; Linux ``/proc``: the peak is reset just before the call) in a fresh child
process per method that reads the same corpus from a pickle and warms up on 20 articles.

``run(n_articles)`` returns the figures as a dict (used by ``benchmarks/run.py``).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import kit

TARGET_RATIO = 1.0  # at least as fast as the direct CountVectorizer call


def _methods(texts, articles) -> dict:
    from sklearn.feature_extraction.text import CountVectorizer

    return {
        "kit": lambda: kit.word_counts(articles),
        "sklearn_default": lambda: CountVectorizer().fit_transform(texts),
        "sklearn_stopwords": lambda: CountVectorizer(stop_words="english").fit_transform(texts),
        "kit_bigrams": lambda: kit.word_counts(articles, ngram=2),
        "sklearn_bigrams": lambda: CountVectorizer(ngram_range=(2, 2), stop_words="english").fit_transform(texts),
    }


#: The shared development corpus of real articles, beside the project when present.
SHARED_CORPUS = kit.config.PROJECT_ROOT.parent / "shared" / "corpus"


def real_vocabulary_corpus(n_articles: int, *, words: int = 700, seed: int = 0, source=None):
    """Articles of about ``words`` words made of paragraphs of real articles.

    The paragraphs of the articles in ``source`` (a folder or file; by default the
    shared corpus beside the project) are drawn at random, with a seeded generator,
    until each article has ``words`` words: the vocabulary and its frequencies are
    those of real news copy. None when there is no source.
    """
    import numpy as np
    import pandas as pd

    source = SHARED_CORPUS if source is None else source
    if not Path(source).exists():
        return None
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        paras = kit.paragraphs(kit.load_articles(source))
    texts, sizes = paras["text"].to_numpy(), paras["n_words"].to_numpy()
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(texts), size=(n_articles, 4 * max(1, words // int(max(sizes.mean(), 1)))))
    out = []
    for row in picks:
        total, chosen = 0, []
        for i in row:
            chosen.append(texts[i])
            total += sizes[i]
            if total >= words:
                break
        out.append("\n\n".join(chosen))
    return pd.DataFrame({"article_id": [f"real-{i:06d}" for i in range(n_articles)], "text": out})


def _corpus(n_articles: int, words: int, seed: int, real: bool = False, source=None):
    corpus = real_vocabulary_corpus(n_articles, words=words, seed=seed, source=source) if real else None
    if corpus is None:
        corpus = kit.synthetic_corpus(n_articles, seed=seed, words=words)
    return corpus[["article_id", "text"]], corpus["text"].tolist()


def _status_mib(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB
    raise KeyError(field)


def _child(method: str, corpus_file: str) -> None:
    """Run one method once in this (fresh) process; print how far the peak RSS rose."""
    import pandas as pd

    articles = pd.read_pickle(corpus_file)
    texts = articles["text"].tolist()
    _methods(texts[:20], articles.iloc[:20])[method]()  # imports and first-call set-up are not the call's memory
    fn = _methods(texts, articles)[method]
    # Linux: writing 5 to clear_refs resets the peak (VmHWM) to the current RSS.
    with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
        f.write("5")
    before = _status_mib("VmRSS")
    fn()
    print(json.dumps({"rss_rise_mib": _status_mib("VmHWM") - before}))


def _rss_rise_in_child(method: str, corpus_file: str) -> float | None:
    proc = subprocess.run([sys.executable, __file__, "--child", method, "--corpus-file", corpus_file],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])["rss_rise_mib"]


def _traced_peak_mib(fn) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def run(n_articles: int = 10_000, *, words: int = 700, seed: int = 0, repeats: int = 3,
        memory: bool = True, real: bool = False, source=None) -> dict:
    """Time ``kit.word_counts`` and ``CountVectorizer`` on ``n_articles`` generated articles.

    Returns
    -------
    dict
        ``articles``, ``words`` (total), ``<method>_seconds`` (best of ``repeats``)
        and ``<method>_words_per_s`` for ``kit``, ``sklearn_default``,
        ``sklearn_stopwords``, ``kit_bigrams``, ``sklearn_bigrams``; the ratios
        ``ratio_vs_sklearn_default``, ``ratio_vs_sklearn_stopwords``,
        ``ratio_bigrams`` (scikit-learn seconds / kit seconds; > 1: kit faster);
        ``target_met``; with ``memory``, for ``kit`` and ``sklearn_default``,
        ``<method>_traced_peak_mib`` and ``<method>_rss_rise_mib`` (Linux only; None
        elsewhere).
    """
    articles, texts = _corpus(n_articles, words, seed, real=real, source=source)
    methods = _methods(texts, articles)
    # every word the kit sees (stopwords and numbers included), the same total for all methods
    total_words = int(kit.word_counts(articles, stopwords=False, numbers=True)["count"].sum())
    best = {name: float("inf") for name in methods}
    for _ in range(repeats):  # alternate, so that a busy machine slows every method alike
        for name, fn in methods.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    corpus = "real paragraphs" if articles["article_id"].iloc[0].startswith("real-") else "generated"
    out: dict = {"corpus": corpus, "articles": n_articles, "words": total_words,
                 "distinct_words": int(kit.word_counts(articles, stopwords=False, numbers=True)["term"].nunique())}
    for name, seconds in best.items():
        out[f"{name}_seconds"] = round(seconds, 3)
        out[f"{name}_words_per_s"] = round(total_words / seconds)
    out["ratio_vs_sklearn_default"] = round(best["sklearn_default"] / best["kit"], 2)
    out["ratio_vs_sklearn_stopwords"] = round(best["sklearn_stopwords"] / best["kit"], 2)
    out["ratio_bigrams"] = round(best["sklearn_bigrams"] / best["kit_bigrams"], 2)
    out["target_met"] = bool(out["ratio_vs_sklearn_default"] >= TARGET_RATIO)
    if memory:
        with tempfile.TemporaryDirectory() as tmp:
            corpus_file = str(Path(tmp) / "corpus.pkl")
            articles.to_pickle(corpus_file)
            for name in ("kit", "sklearn_default"):
                out[f"{name}_traced_peak_mib"] = round(_traced_peak_mib(methods[name]), 1)
                rise = _rss_rise_in_child(name, corpus_file)
                out[f"{name}_rss_rise_mib"] = None if rise is None else round(rise, 1)
        if out.get("kit_rss_rise_mib") and out.get("sklearn_default_rss_rise_mib"):
            out["memory_ratio_vs_sklearn_default"] = round(out["kit_rss_rise_mib"] / out["sklearn_default_rss_rise_mib"], 2)
            out["memory_target_met (<= 2)"] = bool(out["memory_ratio_vs_sklearn_default"] <= 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=700, help="approximate words per article")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true", help="skip the memory measurements")
    parser.add_argument("--corpus", help="real articles whose paragraphs make the real-vocabulary corpus "
                        "(default: the shared corpus beside the project, when present)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.corpus_file)
        return 0
    for real in (False, True):
        if real and real_vocabulary_corpus(1, source=args.corpus) is None:
            print("no real articles found for the real-vocabulary corpus (pass --corpus)")
            break
        figures = run(args.articles, words=args.words, seed=args.seed, repeats=args.repeats,
                      memory=not args.no_memory, real=real, source=args.corpus)
        for key, value in figures.items():
            print(f"{key:34s} {value:,}" if isinstance(value, (int, float)) and not isinstance(value, bool)
                  else f"{key:34s} {value}")
        print(f"target (kit at least as fast as CountVectorizer()): {'met' if figures['target_met'] else 'NOT met'}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
