"""Where each stage spends its time: cProfile of every stage on a realistic corpus.

    python benchmarks/profile_stages.py --articles 500 [--corpus wikinews|generated|easy] [--top 8]

Makes the corpus as ``run.py`` does (real Wikinews paragraphs when the shared corpus
is there), writes it as ``.txt`` files, and profiles, one after another:
``kit.load_articles`` on the folder, ``kit.word_counts``, ``kit.sourcing_summary``,
``kit.readability`` and ``kit.topic_model`` (number of topics chosen, on the whole
corpus) with its ``transform``. Each stage is warmed up on two articles first
(word lists, dictionaries), outside the profile. For each stage it prints the
profiled seconds and the top functions by own time (``tottime``) and by
cumulative time (CPU time, so that a busy machine does not skew them).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import run as bench  # noqa: E402  (benchmarks/run.py: the corpora)


def _top(profile: cProfile.Profile, key: str, n: int) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats(key).print_stats(n)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("ncalls"))
    return "\n".join(lines[start:start + n + 1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--corpus", choices=["wikinews", "generated", "easy"])
    parser.add_argument("--wikinews", type=Path)
    parser.add_argument("--top", type=int, default=8)
    parser.add_argument("--stages", default="load,word_counts,sourcing,readability,topic_mix")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    if args.wikinews:
        bench.WIKINEWS = args.wikinews.resolve()
    import kit

    kind = args.corpus or ("wikinews" if bench.WIKINEWS.exists() else "generated")
    with tempfile.TemporaryDirectory(prefix="kit-profile-") as tmp:
        corpus = bench.make_corpus(kind, args.articles)
        kit.write_corpus(corpus, tmp, fmt="txt")
        articles = kit.load_articles(tmp)
        words = int(articles["n_words"].sum())
        print(f"{kind}: {len(articles):,} articles, {words:,} words; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        calls = {
            "load": lambda: kit.load_articles(tmp),
            "word_counts": lambda: kit.word_counts(articles),
            "sourcing": lambda: kit.sourcing_summary(articles),
            "readability": lambda: kit.readability(articles),
            "topic_mix": lambda: kit.topic_model(articles, random_state=0).transform(articles),
        }
        for name in args.stages.split(","):
            if name in ("word_counts", "sourcing", "readability"):
                {"word_counts": kit.word_counts, "sourcing": kit.sourcing_summary,
                 "readability": kit.readability}[name](articles.head(2))
            profile = cProfile.Profile(time.process_time)  # CPU time: the machine may be shared
            c0 = time.process_time()
            profile.enable()
            calls[name]()
            profile.disable()
            cpu = time.process_time() - c0
            print(f"\n== {name}: {cpu:.2f} CPU s under the profiler ({words / cpu:,.0f} words per CPU-s)")
            print("-- by own time")
            print(_top(profile, "tottime", args.top))
            print("-- by cumulative time")
            print(_top(profile, "cumulative", args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
