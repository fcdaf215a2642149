"""Benchmark: the kit's sentence splitter against pysbd, textstat and NLTK's punkt.

    python benchmarks/bench_sentences.py

Two things:

- **right counts**: each splitter counts the sentences of the hand-counted news cases
  in ``tests/data/sentence_cases.csv`` (initials, abbreviations that end a sentence,
  quotes, decimals, ellipses, "No. 10"); a case is right when the count equals the
  count by hand. Scored per group of cases ("issue": the kinds issue 14 lists;
  "more": further news copy; both used while writing the rules; "held-out": written
  after the rules were set).
- **linear time**: the kit splits one paragraph of 1,000 sentences and one of 2,000
  (news sentences with abbreviations); the ratio of the two times should be about 2.

The splitters: ``kit.text.sentence_spans``; pysbd (``Segmenter(language="en",
clean=False)``) when installed; ``textstat.sentence_count`` (which does not count
runs of two words or fewer: that is its rule); NLTK's ``PunktSentenceTokenizer``,
whose English model is a run-time download (impossible offline), so it is trained
here on the shared Wikinews 2020 corpus when that is beside the project, and used
untrained otherwise.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from kit.config import PROJECT_ROOT
from kit.text import sentence_spans

CASES = PROJECT_ROOT / "tests" / "data" / "sentence_cases.csv"
TRAINING = PROJECT_ROOT.parent / "shared" / "corpus" / "wikinews_2020.csv"


def read_cases(path: Path = CASES) -> pd.DataFrame:
    """The hand-counted cases: columns ``text``, ``sentences``, ``group``, ``what``."""
    return pd.read_csv(path, comment="#")


def splitters(training: Path = TRAINING) -> dict:
    """Name -> function(text) -> number of sentences, for every splitter available."""
    out = {"kit": lambda t: len(sentence_spans(t))}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        out["pysbd"] = lambda t: len([s for s in seg.segment(t) if s.strip()])
    except ImportError:
        pass
    import textstat

    out["textstat"] = textstat.sentence_count
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer

        if training.exists():
            text = "\n\n".join(pd.read_csv(training)["text"].dropna())
            punkt = PunktSentenceTokenizer(text)
            out["punkt (trained on Wikinews 2020)"] = lambda t: len(punkt.tokenize(t))
        else:
            punkt = PunktSentenceTokenizer()
            out["punkt (untrained)"] = lambda t: len(punkt.tokenize(t))
    except ImportError:
        pass
    return out


def score(cases: pd.DataFrame, functions: dict) -> pd.DataFrame:
    """Cases right per splitter and group: one row per splitter."""
    rows = []
    for name, count in functions.items():
        right = [count(t) == n for t, n in zip(cases["text"], cases["sentences"])]
        row = {"splitter": name}
        for group in cases["group"].unique():
            mask = (cases["group"] == group).to_numpy()
            row[group] = f"{sum(r for r, m in zip(right, mask) if m)} of {int(mask.sum())}"
        row["all"] = f"{sum(right)} of {len(right)}"
        rows.append(row)
    return pd.DataFrame(rows)


_SENTENCES = [
    "Gen. Ivanov met J.K. Rowling in the U.S. on Jan. 6 at 5 p.m. and left.",
    "Prices rose 3.5 percent, officials said.",
    '"We will rebuild," the mayor said.',
    "The contract went to Acme Inc. and others.",
    "Is it safe?",
]


def paragraph(n_sentences: int) -> str:
    """One paragraph of ``n_sentences`` news sentences."""
    return " ".join(_SENTENCES[i % len(_SENTENCES)] for i in range(n_sentences))


def growth(sizes: tuple[int, int] = (1_000, 2_000), repeat: int = 5) -> dict:
    """Best-of-``repeat`` seconds to split one paragraph of each size, and their ratio."""
    seconds = {}
    for n in sizes:
        text = paragraph(n)
        assert len(sentence_spans(text)) == n
        best = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            sentence_spans(text)
            best = min(best, time.process_time() - t0)
        seconds[n] = best
    return {"seconds": seconds, "ratio": seconds[sizes[1]] / seconds[sizes[0]]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--training", type=Path, default=TRAINING,
                        help="a CSV with a text column to train punkt on (default: the shared "
                             "Wikinews 2020 corpus beside the project)")
    args = parser.parse_args(argv)
    cases = read_cases()
    print(f"{len(cases)} hand-counted cases ({', '.join(f'{g}: {n}' for g, n in cases['group'].value_counts(sort=False).items())})")
    print(score(cases, splitters(args.training)).to_string(index=False))
    g = growth()
    (a, ta), (b, tb) = g["seconds"].items()
    print(f"kit, one paragraph of {a:,} sentences: {ta * 1000:.1f} ms; of {b:,}: {tb * 1000:.1f} ms; "
          f"ratio {g['ratio']:.2f} (linear: about 2)")


if __name__ == "__main__":
    main()
