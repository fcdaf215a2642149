"""Benchmark: the explorer page (``explorer.html``) for a large generated corpus.

    python benchmarks/bench_explorer.py --articles 10000

Generates ``--articles`` articles with :func:`kit.synthetic_corpus` (about 700 words
each), builds the explorer page with its default limits (60 terms, 12 lines per
term, 200 article texts of at most 6,000 characters), and prints its size in bytes
and MB, the time taken and what the page holds. The target is a page under 5 MB.

``run(n_articles)`` returns the figures as a dict.
"""
from __future__ import annotations

import argparse
import json
import time
import warnings

import kit
from kit.explorer import explorer_data, explorer_html

TARGET_MB = 5.0


def run(n_articles: int = 10_000, *, seed: int = 0, words: int = 700) -> dict:
    articles = kit.synthetic_corpus(n_articles, seed=seed, words=words)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        data = explorer_data(articles, title=f"{n_articles} generated articles")
        page = explorer_html(data)
        seconds = time.perf_counter() - start
    size = len(page.encode("utf-8"))
    return {"articles": n_articles, "bytes": size, "megabytes": round(size / 1e6, 2), "seconds": round(seconds, 1),
            "terms": len(data["terms"]), "kwic_lines": sum(len(t["lines"]) for t in data["terms"]),
            "texts": len(data["texts"]), "under_target": size / 1e6 < TARGET_MB}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    figures = run(args.articles, seed=args.seed)
    print(f"explorer.html for {figures['articles']:,} articles: {figures['bytes']:,} bytes "
          f"({figures['megabytes']} MB, target < {TARGET_MB} MB) in {figures['seconds']} s; "
          f"{figures['terms']} terms, {figures['kwic_lines']} KWIC lines, {figures['texts']} article texts")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
