"""Benchmark: loading articles, against ``pandas.read_csv`` of the same file.

    python benchmarks/bench_load.py --articles 10000

On ``--articles`` articles of ``--corpus`` (``easy``: :func:`kit.synthetic_corpus`;
``generated``: a real vocabulary; ``wikinews``: real Wikinews paragraphs; about 700
words each, seed 0) written by :func:`kit.write_corpus` to a temporary folder as one CSV file,
one JSONL file, and one ``.txt`` file per article, it times, keeping the best of
``--repeats`` runs (alternating, so that a busy machine slows every call alike):

- ``kit.load_articles`` on the CSV file, the JSONL file and the folder of ``.txt``
  files (reading, decoding, cleaning every body, ids, word counts, dates);
- ``pandas.read_csv`` of the same CSV file and ``pandas.read_json(lines=True)`` of
  the same JSONL file (parsing only: no cleaning, no ids, no word counts);
- reading the ``.txt`` files' bytes alone (the floor for a folder).

It prints wall seconds and CPU seconds of this process (on a shared machine, wall
above CPU is time spent waiting for a core) and the kit's seconds over the pandas
call's. The targets (issue 13) are under 2 s for the CSV and the JSONL and under
4 s for the folder, on one core of a quiet machine.

``run(n_articles)`` returns the figures as a dict (used by ``benchmarks/run.py``).
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

import kit
from kit import synth

TARGETS = {"kit_csv": 2.0, "kit_jsonl": 2.0, "kit_txt": 4.0}


DEFAULT_WIKINEWS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "wikinews_2020.csv"
CORPORA = ("easy", "generated", "wikinews")


def _corpus(kind: str, n_articles: int, words: int, seed: int, wikinews: Path = DEFAULT_WIKINEWS):
    """``easy``: :func:`kit.synthetic_corpus` (a few hundred distinct words);
    ``generated``: :func:`kit.synth.realistic_corpus` (a real vocabulary);
    ``wikinews``: articles of real Wikinews paragraphs (:func:`kit.synth.paragraph_corpus`)."""
    if kind == "easy":
        return kit.synthetic_corpus(n_articles, seed=seed, words=words)
    if kind == "generated":
        return synth.realistic_corpus(n_articles, seed=seed, words=words)
    if kind == "wikinews":
        if not Path(wikinews).exists():
            raise SystemExit(f"no Wikinews corpus at {wikinews}: pass --wikinews FILE or --corpus generated")
        return synth.paragraph_corpus(synth.corpus_paragraphs(wikinews), n_articles, seed=seed, words=words)
    raise ValueError(f"corpus {kind!r} is not one of {CORPORA}")


def _write(folder: Path, n_articles: int, words: int, seed: int, corpus_kind: str = "easy",
           wikinews: Path = DEFAULT_WIKINEWS) -> dict[str, Path]:
    corpus = _corpus(corpus_kind, n_articles, words, seed, wikinews)
    kit.write_corpus(corpus, folder / "txt", fmt="txt")
    return {"csv": kit.write_corpus(corpus, folder / "csv", fmt="csv")[0],
            "jsonl": kit.write_corpus(corpus, folder / "jsonl", fmt="jsonl")[0],
            "txt": folder / "txt"}


def _read_bytes(folder: Path) -> int:
    return sum(len(p.read_bytes()) for p in sorted(folder.iterdir()))


def run(n_articles: int = 10_000, *, words: int = 700, seed: int = 0, repeats: int = 3, corpus: str = "easy",
        wikinews: Path = DEFAULT_WIKINEWS) -> dict:
    """Time the loader and pandas on ``n_articles`` generated articles.

    Returns
    -------
    dict
        ``articles``, ``<method>_seconds`` and ``<method>_cpu_seconds`` (best of
        ``repeats``) for ``kit_csv``, ``pandas_read_csv``, ``kit_jsonl``,
        ``pandas_read_json``, ``kit_txt``, ``read_txt_bytes``; the ratios
        ``csv_vs_pandas`` and ``jsonl_vs_pandas`` (kit seconds / pandas seconds);
        ``targets_met`` (CPU seconds under the targets).
    """
    with tempfile.TemporaryDirectory(prefix="bench_load_") as tmp:
        paths = _write(Path(tmp), n_articles, words, seed, corpus, wikinews)
        methods = {
            "kit_csv": lambda: kit.load_articles(paths["csv"]),
            "pandas_read_csv": lambda: pd.read_csv(paths["csv"]),
            "kit_jsonl": lambda: kit.load_articles(paths["jsonl"]),
            "pandas_read_json": lambda: pd.read_json(paths["jsonl"], lines=True),
            "kit_txt": lambda: kit.load_articles(paths["txt"]),
            "read_txt_bytes": lambda: _read_bytes(paths["txt"]),
        }
        wall = {name: float("inf") for name in methods}
        cpu = {name: float("inf") for name in methods}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            kit.load_articles(paths["csv"])  # warm up: imports, word lists, the suffix list
            for _ in range(repeats):
                for name, fn in methods.items():
                    t0, c0 = time.perf_counter(), time.process_time()
                    fn()
                    wall[name] = min(wall[name], time.perf_counter() - t0)
                    cpu[name] = min(cpu[name], time.process_time() - c0)
    out: dict = {"articles": n_articles, "corpus": corpus}
    for name in methods:
        out[f"{name}_seconds"] = round(wall[name], 3)
        out[f"{name}_cpu_seconds"] = round(cpu[name], 3)
    out["csv_vs_pandas"] = round(wall["kit_csv"] / wall["pandas_read_csv"], 1)
    out["jsonl_vs_pandas"] = round(wall["kit_jsonl"] / wall["pandas_read_json"], 1)
    out["targets_met"] = all(cpu[k] < v for k, v in TARGETS.items())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--corpus", choices=CORPORA, default="easy",
                        help="easy: a few hundred distinct words; generated: a real vocabulary; wikinews: real "
                             "Wikinews paragraphs (default: easy)")
    parser.add_argument("--wikinews", type=Path, default=DEFAULT_WIKINEWS, help="the Wikinews CSV for --corpus wikinews")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    figures = run(args.articles, words=args.words, repeats=args.repeats, corpus=args.corpus, wikinews=args.wikinews)
    n = figures["articles"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"loading {n:,} {args.corpus} articles (~{args.words} words each), best of {args.repeats}, "
          f"load average {load:.2f}:")
    print(f"  {'':30s} {'wall s':>8s} {'cpu s':>8s}   target")
    for name, label in [("kit_csv", "kit.load_articles CSV"), ("pandas_read_csv", "pandas.read_csv"),
                        ("kit_jsonl", "kit.load_articles JSONL"), ("pandas_read_json", "pandas.read_json"),
                        ("kit_txt", f"kit.load_articles {n:,} .txt"), ("read_txt_bytes", "reading their bytes")]:
        target = f"< {TARGETS[name]:.0f} s" if name in TARGETS else ""
        print(f"  {label:30s} {figures[name + '_seconds']:8.2f} {figures[name + '_cpu_seconds']:8.2f}   {target}")
    print(f"  the kit's CSV load takes {figures['csv_vs_pandas']}x pandas.read_csv (it also cleans every body, "
          f"counts words, parses dates and gives ids); JSONL {figures['jsonl_vs_pandas']}x pandas.read_json")
    print(f"  targets met (cpu seconds): {figures['targets_met']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
