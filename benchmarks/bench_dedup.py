"""Benchmark: kit.near_duplicates on generated articles with planted duplicates.

    python benchmarks/bench_dedup.py --articles 100000

Generates ``--articles`` articles in all (:func:`kit.synth.synthetic_duplicates`:
originals of about 700 words from :func:`kit.synthetic_corpus`, and ``--families``
of them republished one to four times with reworded leads, new bylines, wire
reprint furniture or trimmed endings), then prints for ``kit.near_duplicates``:

- wall and CPU seconds of the call (the import of datasketch and a warm-up call on
  20 articles are left out and printed apart);
- the rise of the peak resident set size during the call (Linux ``/proc``: the peak
  is reset just before), and the peak itself;
- precision and recall over pairs of articles (a pair is a true duplicate when
  both come from one planted family);
- for scale, datasketch's own ``MinHash`` (``update_batch`` over the same 5-word
  shingles, 128 permutations) timed on ``--sample`` articles and extrapolated to
  the corpus: the signatures alone, without the index.
"""
from __future__ import annotations

import argparse
import itertools
import resource
import time

import pandas as pd

import kit
from kit.synth import synthetic_duplicates


def _status_mib(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def precision_recall(corpus: pd.DataFrame, groups: pd.DataFrame) -> tuple[float, float, int, int]:
    truth = set()
    for _, g in corpus[corpus["family"].notna()].groupby("family"):
        truth |= set(itertools.combinations(sorted(g["article_id"]), 2))
    found = set()
    for _, g in groups.groupby("group"):
        found |= set(itertools.combinations(sorted(g["article_id"]), 2))
    hits = len(truth & found)
    return (hits / len(found) if found else 1.0, hits / len(truth) if truth else 1.0, len(truth), len(found))


def datasketch_seconds(texts: list[str], shingle: int = 5) -> float:
    """Seconds datasketch's MinHash takes for these texts' 5-word shingle sets."""
    import re

    from datasketch import MinHash

    shingles = []
    for t in texts:
        w = re.findall(r"\w+", t.lower())
        shingles.append({" ".join(w[i:i + shingle]).encode() for i in range(max(1, len(w) - shingle + 1))})
    start = time.perf_counter()
    for s in shingles:
        m = MinHash(num_perm=128)
        m.update_batch(list(s))
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000, help="articles in all, copies included")
    ap.add_argument("--families", type=int, default=None, help="originals with copies (default: 5%% of them)")
    ap.add_argument("--words", type=int, default=700)
    ap.add_argument("--vocabulary", type=int, default=0, help="rare-word vocabulary (see kit.synthetic_corpus)")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--sample", type=int, default=1000, help="articles for the datasketch MinHash comparison")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    # About 2.5 copies per family: choose the originals so that the total is --articles.
    families = args.families if args.families is not None else max(1, args.articles // 20)
    originals = max(1, args.articles - round(families * 2.5))
    t = time.perf_counter()
    corpus = synthetic_duplicates(originals, families=families, seed=args.seed, words=args.words,
                                  vocabulary=args.vocabulary)
    generated = time.perf_counter() - t
    n_words = int(corpus["text"].str.count(" ").sum() + len(corpus))
    print(f"corpus: {len(corpus):,} articles ({originals:,} originals, {families:,} with copies, "
          f"{corpus['edits'].notna().sum():,} copies), {n_words:,} words; generated in {generated:.1f} s")

    t = time.perf_counter()
    kit.near_duplicates(corpus.head(20))  # imports datasketch and scipy, warms up
    setup = time.perf_counter() - t
    before = _status_mib("VmRSS")
    reset = _reset_peak()
    t, c = time.perf_counter(), time.process_time()
    groups = kit.near_duplicates(corpus, threshold=args.threshold)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    peak = _status_mib("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    precision, recall, n_true, n_found = precision_recall(corpus, groups)
    print(f"near_duplicates: {wall:.1f} s wall, {cpu:.1f} s CPU ({len(corpus) / wall:,.0f} articles/s); "
          f"setup {setup:.1f} s")
    print(f"memory: peak RSS {peak:,.0f} MiB, {peak - before:,.0f} MiB above the {before:,.0f} MiB "
          f"held before the call{'' if reset else ' (peak not reset: an upper bound)'}")
    print(f"groups: {groups['group'].nunique():,} holding {len(groups):,} articles; pairs: {n_true:,} planted, "
          f"{n_found:,} found; precision {precision:.4f}, recall {recall:.4f} (threshold {args.threshold})")
    sample = corpus["text"].head(args.sample).tolist()
    ds = datasketch_seconds(sample)
    print(f"datasketch MinHash (update_batch, 128 permutations) on {len(sample):,} articles: {ds:.1f} s, "
          f"i.e. about {ds * len(corpus) / len(sample):,.0f} s for the corpus's signatures alone")


if __name__ == "__main__":
    main()
