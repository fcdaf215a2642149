"""Benchmark the whole kit: every stage, the whole pipeline, growth with corpus size.

    python benchmarks/run.py --articles 10000

For each corpus size (``--small``, 1,000 by default, then ``--articles``) it
generates a corpus with :func:`kit.synthetic_corpus` (seed 0, about 700 words an
article), writes it to a temporary folder as one ``.txt`` file per article (the
loader's usual input: header lines, then the body), and times, each in a fresh
Python process so that each peak memory is its own:

- ``load``: :func:`kit.load_articles` on the folder;
- ``word_counts``, ``sourcing``, ``readability``, ``topic_mix``: the stages of
  :func:`kit.analyze` (``kit.scale.STAGES``) on the loaded articles; the topic model
  is fitted on a sample of 2,000 articles and applied to all of them, as
  :func:`kit.analyze` does;
- ``pipeline``: ``kit.analyze(folder, engine="pandas")``, loading, every stage and
  the Parquet output, in one process;
- ``pipeline_dask`` (with ``--dask``): the same with ``engine="dask"`` on a
  ``LocalCluster`` of 2 worker processes, cluster start included.

It prints wall seconds, CPU seconds of the process (on a shared machine, wall time
above CPU time is time the stage waited for a core; the dask pipeline's CPU is in
its workers and not counted), articles/s, words/s, and the peak resident memory of the process
(``ru_maxrss``) with the part the stage added over its input. A stage's seconds
leave out its one-off setup (importing its module and a first call on two
articles: word lists, dictionaries), printed apart; the pipeline includes
everything. The machine's 1-minute load average after each stage is printed too:
above the number of cores, other processes were competing for them. Then the growth
from the small to the large corpus (time ratio per stage; linear growth gives the
size ratio). Then the ratio against the library call a user would otherwise make
on the same texts: each ``benchmarks/bench_<stage>.py`` that exists is run (its own
``run()``) and its figures printed; for a stage without one, this script times the
direct call itself (textstat formula by formula, scikit-learn's ``CountVectorizer``,
scikit-learn's ``TfidfVectorizer`` + ``NMF``).

Options: ``--vocabulary N`` (mix in a long tail of rare words, see
:func:`kit.synthetic_corpus`; the bench_*.py comparisons keep the plain corpus),
``--small N``, ``--no-compare`` (skip the library comparison), ``--dask``,
``--json FILE`` (write every figure), ``--keep DIR`` (write the corpora there).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGE_ORDER = ["load", "word_counts", "sourcing", "readability", "topic_mix"]
#: The kit.scale stage each benchmark stage runs.
SCALE_NAME = {"word_counts": "word_counts", "sourcing": "sourcing_summary",
              "readability": "readability", "topic_mix": "topic_mix"}
#: The per-stage benchmark scripts, and the direct library call each compares with.
BENCH_FILE = {"load": "bench_load.py", "word_counts": "bench_words.py", "sourcing": "bench_sourcing.py",
              "readability": "bench_readability.py", "topic_mix": "bench_topics.py"}
STAGE_MODULE = {"word_counts": "kit.words", "sourcing": "kit.sourcing", "readability": "kit.readability",
                "topic_mix": "kit.topics"}
DIRECT_CALL = {"word_counts": "countvectorizer", "readability": "textstat", "topic_mix": "nmf"}
TARGET_SECONDS = 60.0
TARGET_MIB = 2048.0


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _children_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


# --------------------------------------------------------------------------- one stage, in a child

def _textstat_direct(texts: list[str]) -> None:
    """Every textstat formula called one by one on each text, as a user would."""
    import kit.readability  # noqa: F401  (makes textstat read the CMU dictionary offline)
    import textstat

    formulas = [textstat.flesch_reading_ease, textstat.flesch_kincaid_grade, textstat.gunning_fog,
                textstat.smog_index, textstat.coleman_liau_index, textstat.automated_readability_index,
                textstat.dale_chall_readability_score, textstat.linsear_write_formula,
                textstat.difficult_words, textstat.text_standard, textstat.lexicon_count,
                textstat.sentence_count, textstat.syllable_count, textstat.polysyllabcount]
    for text in texts:
        for f in formulas:
            f(text)


def _nmf_direct(texts: list[str], sample: list[int]) -> None:
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(stop_words="english")
    x = vectorizer.fit_transform([texts[i] for i in sample])
    model = NMF(n_components=6, random_state=0).fit(x)
    model.transform(vectorizer.transform(texts))


def _child(stage: str, folder: str, articles_path: str, out: str) -> dict:
    """Run one stage and return its figures (runs in a fresh process)."""
    warnings.simplefilter("ignore")
    import kit
    from kit import scale

    result: dict = {"stage": stage}
    if stage == "load":
        before = _peak_mib()
        t0, c0 = time.perf_counter(), time.process_time()
        articles = kit.load_articles(folder)
        result["seconds"] = time.perf_counter() - t0
        result["cpu_s"] = time.process_time() - c0
        with open(articles_path, "wb") as f:
            pickle.dump(articles, f)
        result["rows"] = len(articles)
    elif stage in ("pipeline", "pipeline_dask"):
        before = _peak_mib()
        t0, c0 = time.perf_counter(), time.process_time()
        engine = "dask" if stage == "pipeline_dask" else "pandas"
        manifest = kit.analyze(folder, engine=engine, out=out, n_workers=2 if engine == "dask" else None)
        result["seconds"] = time.perf_counter() - t0
        result["cpu_s"] = time.process_time() - c0
        result["rows"] = int(manifest.loc[manifest["dataset"] == "articles", "rows"].iloc[0])
        result["parts"] = dict(zip(manifest["dataset"], manifest["seconds"]))
        result["workers_peak_mib"] = _children_peak_mib()
    else:
        with open(articles_path, "rb") as f:
            articles = pickle.load(f)
        texts = articles["text"].tolist()
        sample = scale._sample_positions(len(articles), scale.TOPIC_SAMPLE, 0)
        # One-off setup outside the clock: importing the module, and for a per-article
        # stage a first call on two articles (word lists, dictionaries, compiled rules).
        t0 = time.perf_counter()
        if stage in SCALE_NAME:
            st = scale.STAGES[SCALE_NAME[stage]]
            fn = st.load()
            if st.kind != "fitted":
                fn(articles.head(2))
        result["setup_s"] = time.perf_counter() - t0
        before = _peak_mib()
        t0, c0 = time.perf_counter(), time.process_time()
        if stage == "textstat":
            _textstat_direct(texts)
        elif stage == "countvectorizer":
            from sklearn.feature_extraction.text import CountVectorizer

            CountVectorizer().fit_transform(texts)
        elif stage == "nmf":
            _nmf_direct(texts, list(sample))
        else:
            st = scale.STAGES[SCALE_NAME[stage]]
            if st.kind == "fitted":
                model = st.load()(articles.iloc[sample], random_state=0)
                out_frame = model.transform(articles)
                result["n_topics"] = int(model.n_topics) if hasattr(model, "n_topics") else None
            else:
                out_frame = fn(articles)
            result["rows"] = len(out_frame)
        result["seconds"] = time.perf_counter() - t0
        result["cpu_s"] = time.process_time() - c0
    result["peak_mib"] = _peak_mib()
    result["added_mib"] = result["peak_mib"] - before
    return result


def _run_child(stage: str, folder: Path, articles_path: Path, out: Path) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", stage, "--folder", str(folder),
           "--articles-file", str(articles_path), "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        return {"stage": stage, "error": " | ".join(tail)}
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- the parent

def _available(stage: str) -> bool:
    if stage in ("load", "pipeline", "pipeline_dask"):
        return True
    from kit import scale

    return scale.STAGES[SCALE_NAME[stage]].available()


def _measure_size(n: int, root: Path, *, dask: bool, vocabulary: int = 0) -> dict:
    import kit

    folder = root / f"corpus_{n}"
    t0 = time.perf_counter()
    corpus = kit.synthetic_corpus(n, seed=0, words=700, vocabulary=vocabulary)
    kit.write_corpus(corpus, folder, fmt="txt")
    made = time.perf_counter() - t0
    words = int(sum(kit.count_words(t) for t in corpus["text"]))
    distinct = len({w for text in corpus["text"] for w in text.lower().split()})
    print(f"\n== {n:,} articles, {words:,} words ({distinct:,} distinct): generated and written as .txt files in {made:.1f} s")
    articles_path = root / f"articles_{n}.pickle"
    stages = [s for s in STAGE_ORDER if _available(s)] + ["pipeline"] + (["pipeline_dask"] if dask else [])
    missing = [s for s in STAGE_ORDER if not _available(s)]
    rows = {}
    print(f"{'stage':15s} {'seconds':>8s} {'CPU s':>7s} {'articles/s':>11s} {'words/s':>11s} {'peak MiB':>9s} "
          f"{'added MiB':>10s} {'setup s':>8s} {'load avg':>9s}")
    for stage in stages:
        r = _run_child(stage, folder, articles_path, root / f"out_{n}_{stage}")
        r["loadavg_1min"] = os.getloadavg()[0]
        rows[stage] = r
        if "error" in r:
            print(f"{stage:15s} FAILED: {r['error']}")
            continue
        s = r["seconds"]
        setup = f"{r['setup_s']:8.2f}" if "setup_s" in r else f"{'':8s}"
        print(f"{stage:15s} {s:8.2f} {r['cpu_s']:7.2f} {n / s:11,.0f} {words / s:11,.0f} {r['peak_mib']:9.0f} "
              f"{r['added_mib']:10.0f} {setup} {r['loadavg_1min']:9.1f}")
    for s in missing:
        print(f"{s:15s} not run: its module ({STAGE_MODULE[s]}) is not installed")
    p = rows.get("pipeline", {})
    if "seconds" in p:
        print("pipeline parts (s): " + ", ".join(f"{k} {v:.2f}" for k, v in p["parts"].items()))
        ok_t, ok_m = p["seconds"] < TARGET_SECONDS, p["peak_mib"] < TARGET_MIB
        print(f"targets: whole pipeline under {TARGET_SECONDS:.0f} s: {'yes' if ok_t else 'NO'} "
              f"({p['seconds']:.1f} s); under {TARGET_MIB / 1024:.0f} GiB: {'yes' if ok_m else 'NO'} "
              f"({p['peak_mib']:.0f} MiB)")
    pd_ = rows.get("pipeline_dask", {})
    if "seconds" in pd_:
        print("pipeline_dask parts (s): " + ", ".join(f"{k} {v:.2f}" for k, v in pd_["parts"].items())
              + f"; largest worker peak {pd_['workers_peak_mib']:.0f} MiB")
    return {"articles": n, "words": words, "generate_s": made, "stages": rows, "missing": missing,
            "folder": folder, "articles_path": articles_path}


def _compare(big: dict, root: Path) -> dict:
    """The kit against the direct library call, per stage."""
    n = big["articles"]
    print(f"\n== against the direct library call ({n:,} articles)")
    found: dict = {}
    for stage, filename in BENCH_FILE.items():
        path = HERE / filename
        if path.exists():
            spec = importlib.util.spec_from_file_location(path.stem, path)
            module = importlib.util.module_from_spec(spec)
            sys.path.insert(0, str(HERE))
            try:
                spec.loader.exec_module(module)
                print(f"-- {filename}: run({n})")
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    figures = module.run(n)
            except Exception as e:  # a colleague's script failing must not hide the others
                print(f"   FAILED: {type(e).__name__}: {e}")
                found[stage] = {"error": str(e)}
                continue
            finally:
                sys.path.remove(str(HERE))
            for key, value in figures.items():
                print(f"   {key:34s} {value}")
            found[stage] = figures
        elif stage in DIRECT_CALL and "seconds" in big["stages"].get(stage, {}):
            call = DIRECT_CALL[stage]
            r = _run_child(call, big["folder"], big["articles_path"], root / f"out_{call}")
            if "error" in r:
                print(f"-- {stage}: direct call {call} FAILED: {r['error']}")
                continue
            kit_s = big["stages"][stage]["seconds"]
            print(f"-- {stage} (no {filename}): kit {kit_s:.2f} s, {call} {r['seconds']:.2f} s: "
                  f"direct call / kit = {r['seconds'] / kit_s:.2f}x")
            found[stage] = {"kit_s": kit_s, f"{call}_s": r["seconds"], "speedup": r["seconds"] / kit_s}
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--no-compare", action="store_true")
    parser.add_argument("--dask", action="store_true")
    parser.add_argument("--vocabulary", type=int, default=0,
                        help="rare words to mix in (kit.synthetic_corpus(vocabulary=...)); 0: the plain corpus")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--articles-file", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.folder, args.articles_file, args.out)))
        return 0

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU") if Path("/proc/cpuinfo").exists() else "unknown CPU"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"machine: {os.cpu_count()} cores, {mem:.0f} GiB, {cpu}; python {sys.version.split()[0]}; "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        sizes = sorted({args.small, args.articles}) if args.small else [args.articles]
        results = [_measure_size(n, root, dask=args.dask, vocabulary=args.vocabulary) for n in sizes]
        if len(results) == 2:
            small, big = results
            factor = big["articles"] / small["articles"]
            print(f"\n== growth: time({big['articles']:,}) / time({small['articles']:,}), wall then CPU; "
                  f"linear = {factor:.0f}")
            for stage, r in big["stages"].items():
                s = small["stages"].get(stage, {})
                if "seconds" in r and "seconds" in s:
                    ratio = r["seconds"] / s["seconds"]
                    cpu = (f"{r['cpu_s'] / s['cpu_s']:6.1f}" if stage != "pipeline_dask" and s["cpu_s"] > 0
                           else f"{'':6s}")
                    print(f"{stage:15s} {ratio:6.1f} {cpu}  (memory added {s['added_mib']:.0f} -> "
                          f"{r['added_mib']:.0f} MiB)")
        comparison = {} if args.no_compare else _compare(results[-1], root)
        if args.json:
            for r in results:
                r.pop("folder"), r.pop("articles_path")
            args.json.write_text(json.dumps({"results": results, "comparison": comparison},
                                            indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
