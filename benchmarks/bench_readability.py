"""Benchmark: kit.readability against calling textstat formula by formula.

    python benchmarks/bench_readability.py --articles 10000

On the same generated articles (``kit.synthetic_corpus``, about 700 words each):

- the kit: ``kit.readability(articles)``, every score and count per article, from
  counts made once per article;
- textstat: the 19 functions behind the kit's columns (``flesch_reading_ease``,
  ``gunning_fog``, ..., ``text_standard`` twice: as a number and as words), called one
  after another on each article, as a researcher without the kit would.

Fairness: both sides use the same CMU dictionary object, loaded before either clock
starts (loading it is not timed for either). Before its run, each side starts cold:
``cache_clear()`` on every lru cache in textstat's modules (textstat still gets the
benefit of its caches within the run, e.g. ``text_standard`` reusing the formulas just
computed), and the kit's per-word syllable cache and count cache emptied.
Identity: every score of every article is compared, exact equality, with textstat's.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

import pandas as pd

import kit
from kit.readability import MEASURES

_rd = sys.modules["kit.readability"]  # the module (``kit.readability`` is the verb)


def _textstat_functions():
    import textstat

    return {
        "n_words": textstat.lexicon_count,
        "n_sentences": textstat.sentence_count,
        "n_syllables": textstat.syllable_count,
        "n_polysyllabic_words": textstat.polysyllabcount,
        "n_letters": textstat.letter_count,
        "n_characters": textstat.char_count,
        "mean_sentence_length": textstat.words_per_sentence,
        "mean_syllables_per_word": textstat.avg_syllables_per_word,
        "flesch_reading_ease": textstat.flesch_reading_ease,
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
        "gunning_fog": textstat.gunning_fog,
        "smog_index": textstat.smog_index,
        "coleman_liau_index": textstat.coleman_liau_index,
        "automated_readability_index": textstat.automated_readability_index,
        "dale_chall_readability_score": textstat.dale_chall_readability_score,
        "linsear_write_formula": textstat.linsear_write_formula,
        "difficult_words": textstat.difficult_words,
        "text_standard": lambda t: textstat.text_standard(t, float_output=True),
        "text_standard_grade": textstat.text_standard,
    }


def _clear_textstat_caches() -> int:
    cleared = {}
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("textstat"):
            continue
        for obj in list(vars(module).values()):
            if callable(getattr(obj, "cache_clear", None)):
                cleared[id(obj)] = obj
    for obj in cleared.values():
        obj.cache_clear()
    return len(cleared)


def _clear_kit_caches() -> None:
    _rd._SYLLABLES.clear()
    _rd.readability_counts.cache_clear()


def run(n_articles: int = 10_000, *, words: int = 700, seed: int = 0) -> dict:
    """Time the kit and textstat on ``n_articles`` generated articles; check identity.

    Returns
    -------
    dict
        ``articles``, ``mean_words``, ``kit_seconds``, ``kit_articles_per_second``,
        ``textstat_seconds``, ``textstat_articles_per_second``, ``speedup`` (textstat
        seconds / kit seconds), ``identical`` (every score of every article equal),
        ``mismatches`` (a few, if any), ``caches`` (how each side was started cold).
    """
    corpus = kit.synthetic_corpus(n_articles, seed=seed, words=words)
    texts = corpus["text"].tolist()
    functions = _textstat_functions()
    _rd.get_cmudict("en_US")  # load the shared dictionary outside both clocks

    _clear_kit_caches()
    t0 = time.perf_counter()
    ours = kit.readability(corpus)
    kit_seconds = time.perf_counter() - t0

    n_cleared = _clear_textstat_caches()
    rows = []
    t0 = time.perf_counter()
    for text in texts:
        rows.append({name: fn(text) for name, fn in functions.items()})
    textstat_seconds = time.perf_counter() - t0
    theirs = pd.DataFrame(rows, columns=list(MEASURES))

    mismatches = []
    for name in MEASURES:
        differ = (ours[name].to_numpy() != theirs[name].to_numpy()).nonzero()[0]
        for i in differ[:3]:
            mismatches.append({"article": int(i), "measure": name,
                               "kit": ours[name].iloc[i], "textstat": theirs[name].iloc[i]})
    return {
        "articles": n_articles,
        "mean_words": float(ours["n_words"].mean()),
        "kit_seconds": round(kit_seconds, 3),
        "kit_articles_per_second": round(n_articles / kit_seconds, 1),
        "textstat_seconds": round(textstat_seconds, 3),
        "textstat_articles_per_second": round(n_articles / textstat_seconds, 1),
        "speedup": round(textstat_seconds / kit_seconds, 2),
        "identical": not mismatches,
        "mismatches": mismatches,
        "caches": (f"textstat: cache_clear() on its {n_cleared} lru caches before its run; "
                   "kit: syllable and count caches emptied before its run; the CMU "
                   "dictionary (shared) loaded before both, not timed"),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="generated articles (default 10000)")
    parser.add_argument("--words", type=int, default=700, help="words per article (default 700)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    result = run(args.articles, words=args.words, seed=args.seed)
    print(f"{result['articles']} articles, {result['mean_words']:.0f} words on average")
    print(f"kit.readability : {result['kit_seconds']:8.2f} s  "
          f"{result['kit_articles_per_second']:9.1f} articles/s")
    print(f"textstat (x19)  : {result['textstat_seconds']:8.2f} s  "
          f"{result['textstat_articles_per_second']:9.1f} articles/s")
    print(f"speed-up        : {result['speedup']:.2f}x (target: 3x)")
    print(f"identical scores: {result['identical']} (all {len(MEASURES)} measures, every article)")
    print(f"caches          : {result['caches']}")
    if result["mismatches"]:
        print(json.dumps(result["mismatches"], indent=1, default=str))


if __name__ == "__main__":
    main()
