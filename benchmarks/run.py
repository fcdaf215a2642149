"""Benchmark the whole kit against the targets of issue 16, on realistic text.

    python benchmarks/run.py --articles 10000             # sizes 1,000 / 10,000 / 30,000
    python benchmarks/run.py --quick                      # sizes 200 / 2,000 / 6,000
    python benchmarks/run.py --articles 10000 --kit-run   # also `python -m kit run` (slow)

Corpora (``--corpus``):

- ``wikinews``: articles of about 700 words made of real paragraphs, drawn at random
  from the shared Wikinews 2020 corpus (``../shared/corpus/wikinews_2020.csv`` from
  the project root; :func:`kit.synth.paragraph_corpus`); used when that file is there;
- ``generated``: :func:`kit.synth.realistic_corpus`, a Zipf-distributed vocabulary
  of tens of thousands of English words, names, quotes and attributions;
- ``easy``: the old :func:`kit.synthetic_corpus` (365 distinct words), for
  comparison with earlier figures.

The main corpus (the targets) is ``wikinews`` when present, else ``generated``; the
two others are measured at the large size beside it (``--no-others`` skips them).

Each measurement runs in a fresh Python process (its own peak memory,
``ru_maxrss``): loading (:func:`kit.load_articles`), each per-article stage on one
core (:func:`kit.word_counts`, :func:`kit.sourcing_summary`, :func:`kit.readability`),
the topic mix (:func:`kit.topic_model` fitted on a sample of 2,000, applied to all),
and the whole pipeline (``kit.analyze(folder, engine="pandas")``, which uses every
core; with ``--dask`` also ``engine="dask"`` on a LocalCluster of 2 workers). CPU seconds count the process and its worker processes; on a shared machine
compare CPU seconds, not wall seconds. A stage's seconds leave out its one-off
setup (import and a first call on two articles). The 1-minute load average is
printed beside every figure. Then the direct library calls on the same articles
(scikit-learn's ``CountVectorizer``, ``TfidfVectorizer`` + ``NMF``, textstat formula
by formula) and the targets, each as a figure, a ratio and met / NOT MET.

Only public functions of the kit are called, so that the script survives changes
inside the stages. ``--bench-scripts`` also runs each ``benchmarks/bench_*.py``
(``run(n)``) on its own corpus; ``--json FILE`` writes every figure.
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
ROOT = HERE.parent
WIKINEWS = ROOT.parent / "shared" / "corpus" / "wikinews_2020.csv"  # --wikinews to use another
STAGES = ["load", "word_counts", "sourcing", "readability", "topic_mix"]
#: The per-stage benchmark scripts (``--bench-scripts``).
BENCH_FILE = {"load": "bench_load.py", "word_counts": "bench_words.py", "sourcing": "bench_sourcing.py",
              "readability": "bench_readability.py", "topic_mix": "bench_topics.py"}
TOPIC_SAMPLE = 2000
TEXTSTAT_ARTICLES = 300

# The targets of issue 16.
PIPELINE_WALL_S = 30.0
PIPELINE_CPU_S = 45.0
PIPELINE_MIB = 1024.0
GROWTH_10 = (8.0, 12.0)
GROWTH_3 = (2.4, 3.6)
SOURCING_WORDS_PER_CPU_S = 400_000
TOPIC_CHOICE_RATIO = 2.0
READABILITY_WORDS_PER_CPU_S = 1_500_000
WORD_COUNTS_MEMORY_RATIO = 2.0
KIT_RUN_S = 180.0


def _mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def _rss_mib() -> float:
    """The resident memory of this process now."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:  # not Linux: the peak so far
        return _mib(resource.RUSAGE_SELF)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (worker processes)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


# --------------------------------------------------------------------------- corpora

def make_corpus(kind: str, n: int):
    """The generated corpus ``kind`` of ``n`` articles (about 700 words each)."""
    import kit

    if kind == "wikinews":
        return kit.synth.paragraph_corpus(kit.synth.corpus_paragraphs(WIKINEWS), n, seed=0, words=700)
    if kind == "generated":
        return kit.synth.realistic_corpus(n, seed=0, words=700)
    if kind == "easy":
        return kit.synthetic_corpus(n, seed=0, words=700)
    raise ValueError(kind)


# --------------------------------------------------------------------------- one measurement, in a child

def _sample(n: int):
    import numpy as np

    if n <= TOPIC_SAMPLE:
        return np.arange(n)
    return np.sort(np.random.default_rng(0).choice(n, size=TOPIC_SAMPLE, replace=False))


def _textstat_all(texts: list[str]) -> None:
    import kit  # noqa: F401  (makes textstat read the CMU dictionary offline)
    import textstat

    formulas = [textstat.flesch_reading_ease, textstat.flesch_kincaid_grade, textstat.gunning_fog,
                textstat.smog_index, textstat.coleman_liau_index, textstat.automated_readability_index,
                textstat.dale_chall_readability_score, textstat.linsear_write_formula,
                textstat.difficult_words, textstat.text_standard, textstat.lexicon_count,
                textstat.sentence_count, textstat.syllable_count, textstat.polysyllabcount]
    for text in texts:
        for f in formulas:
            f(text)


def _child(task: str, spec: dict) -> dict:
    """Run one measurement and return its figures (in a fresh process)."""
    warnings.simplefilter("ignore")
    import kit

    r: dict = {"task": task}
    articles = None
    if task not in ("load", "pipeline", "pipeline_one", "pipeline_dask", "kit_run", "sourcing_wikinews"):
        with open(spec["articles"], "rb") as f:
            articles = pickle.load(f)
        r["words"] = int(articles["n_words"].sum()) if "n_words" in articles else None
    t0 = time.perf_counter()
    setup = {"word_counts": kit.word_counts, "sourcing": kit.sourcing_summary, "readability": kit.readability}
    if task in setup:
        setup[task](articles.head(2))
    elif task == "readability_part":
        kit.readability(articles.head(2))
    elif task == "textstat":  # its import and the CMU dictionary, as for the kit
        _textstat_all(articles["text"].head(1).tolist())
    elif task in ("topic_fixed", "topic_choice"):  # scikit-learn's import and the stop words
        kit.topic_model(articles.head(40), n_topics=2, random_state=0)
    r["setup_s"] = time.perf_counter() - t0
    before = _rss_mib()
    t0, c0 = time.perf_counter(), _cpu()
    if task == "load":
        articles = kit.load_articles(spec["folder"])
        r["rows"], r["words"] = len(articles), int(articles["n_words"].sum())
        with open(spec["articles"], "wb") as f:
            pickle.dump(articles, f)
    elif task in setup:
        r["rows"] = len(setup[task](articles))
    elif task == "topic_mix":
        model = kit.topic_model(articles.iloc[_sample(len(articles))], random_state=0)
        r["rows"], r["n_topics"] = len(model.transform(articles)), int(model.n_topics)
    elif task in ("topic_fixed", "topic_choice"):
        k = spec.get("k") if task == "topic_fixed" else None
        model = kit.topic_model(articles.iloc[_sample(len(articles))], n_topics=k, random_state=0)
        r["n_topics"] = int(model.n_topics)
    elif task == "nmf":
        from sklearn.decomposition import NMF
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = articles["text"].tolist()
        vectorizer = TfidfVectorizer(stop_words="english", max_features=5000)
        x = vectorizer.fit_transform([texts[i] for i in _sample(len(texts))])
        NMF(n_components=spec.get("k") or 6, random_state=0).fit(x)
    elif task == "countvectorizer":
        from sklearn.feature_extraction.text import CountVectorizer

        CountVectorizer().fit_transform(articles["text"].tolist())
    elif task == "textstat":
        part = articles.head(TEXTSTAT_ARTICLES)
        r["words"] = int(part["n_words"].sum())
        _textstat_all(part["text"].tolist())
    elif task == "readability_part":
        part = articles.head(TEXTSTAT_ARTICLES)
        r["words"] = int(part["n_words"].sum())
        kit.readability(part)
    elif task == "sourcing_wikinews":
        real = kit.load_articles(spec["folder"])
        kit.sourcing_summary(real.head(2))
        r["words"], repeats = int(real["n_words"].sum()) * 3, 3
        before = _rss_mib()
        t0, c0 = time.perf_counter(), _cpu()
        for _ in range(repeats):
            kit.sourcing_summary(real)
    elif task == "pipeline_dask":
        manifest = kit.analyze(spec["folder"], engine="dask", out=spec["out"], n_workers=2)
        r["rows"] = int(manifest.loc[manifest["dataset"] == "articles", "rows"].iloc[0])
        r["workers_peak_mib"] = _mib(resource.RUSAGE_CHILDREN)
    elif task in ("pipeline", "pipeline_one"):
        if task == "pipeline_one" and hasattr(kit.scale, "PANDAS_WORKERS"):
            kit.scale.PANDAS_WORKERS = 1  # one process, for comparison
        manifest = kit.analyze(spec["folder"], engine="pandas", out=spec["out"])
        r["rows"] = int(manifest.loc[manifest["dataset"] == "articles", "rows"].iloc[0])
        r["parts"] = {k: float(v) for k, v in zip(manifest["dataset"], manifest["seconds"])}
        r["workers_peak_mib"] = _mib(resource.RUSAGE_CHILDREN)
    elif task == "kit_run":
        proc = subprocess.run([sys.executable, "-m", "kit", "run", "--data", spec["folder"], "--out", spec["out"],
                               "-q"], capture_output=True, text=True, cwd=str(ROOT))
        r["exit_code"] = proc.returncode
        r["tail"] = proc.stdout.strip().splitlines()[-12:]
        r["workers_peak_mib"] = _mib(resource.RUSAGE_CHILDREN)
    else:
        raise ValueError(task)
    r["seconds"] = time.perf_counter() - t0
    r["cpu_s"] = _cpu() - c0
    r["peak_mib"] = _mib(resource.RUSAGE_SELF)
    r["added_mib"] = r["peak_mib"] - before
    return r


def _run(task: str, **spec) -> dict:
    spec = {k: str(v) if isinstance(v, Path) else v for k, v in spec.items()}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", task, "--spec", json.dumps(spec)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    r = ({"task": task, "error": " | ".join(proc.stderr.strip().splitlines()[-3:])} if proc.returncode
         else json.loads(proc.stdout.strip().splitlines()[-1]))
    r["loadavg"] = os.getloadavg()[0]
    return r


# --------------------------------------------------------------------------- the parent

HEAD = (f"{'':16s} {'wall s':>8s} {'CPU s':>8s} {'words/CPU-s':>12s} {'articles/s':>10s} {'peak MiB':>9s} "
        f"{'added MiB':>9s} {'setup s':>7s} {'load avg':>8s}")


def _line(name: str, r: dict, words: int | None = None, n: int | None = None) -> None:
    if "error" in r:
        print(f"{name:16s} FAILED: {r['error']}")
        return
    words = r.get("words") or words
    wps = f"{words / r['cpu_s']:12,.0f}" if words and r["cpu_s"] > 0 else f"{'':12s}"
    aps = f"{n / r['seconds']:10,.0f}" if n else f"{'':10s}"
    setup = f"{r['setup_s']:7.2f}" if r.get("setup_s") else f"{'':7s}"
    print(f"{name:16s} {r['seconds']:8.2f} {r['cpu_s']:8.2f} {wps} {aps} {r['peak_mib']:9.0f} "
          f"{r['added_mib']:9.0f} {setup} {r['loadavg']:8.1f}")


def measure(kind: str, n: int, root: Path, *, pipeline: bool = True, one: bool = False,
            dask: bool = False) -> dict:
    """Every stage and the pipeline on ``n`` articles of corpus ``kind``."""
    import kit

    folder = root / f"{kind}_{n}"
    c0 = time.process_time()
    corpus = make_corpus(kind, n)
    kit.write_corpus(corpus, folder, fmt="txt")
    words = int(sum(len(t.split()) for t in corpus["text"]))
    distinct = len({w for t in corpus["text"] for w in t.lower().split()})
    del corpus
    print(f"\n== {kind}: {n:,} articles, {words:,} words, {distinct:,} distinct "
          f"(generated and written in {time.process_time() - c0:.1f} CPU s)")
    print(HEAD)
    pickled = root / f"{kind}_{n}.pickle"
    rows: dict = {}
    for stage in STAGES:
        rows[stage] = _run(stage, folder=folder, articles=pickled)
        _line(stage, rows[stage], words, n)
        if "error" in rows.get("load", {}):
            return {"kind": kind, "articles": n, "words": words, "distinct": distinct, "stages": rows}
    if pipeline:
        rows["pipeline"] = r = _run("pipeline", folder=folder, out=root / f"out_{kind}_{n}")
        _line("pipeline (2 cores)" if (os.cpu_count() or 1) > 1 else "pipeline", r, words, n)
        if "parts" in r:
            print("   pipeline parts (wall s): " + ", ".join(f"{k} {v:.2f}" for k, v in r["parts"].items())
                  + f"; largest worker process {r['workers_peak_mib']:.0f} MiB")
        if one:
            rows["pipeline_one"] = r = _run("pipeline_one", folder=folder, out=root / f"out1_{kind}_{n}")
            _line("pipeline (1 core)", r, words, n)
        if dask:
            rows["pipeline_dask"] = r = _run("pipeline_dask", folder=folder, out=root / f"outd_{kind}_{n}")
            _line("pipeline (dask)", r, words, n)
    return {"kind": kind, "articles": n, "words": words, "distinct": distinct, "stages": rows,
            "folder": str(folder), "pickle": str(pickled)}


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "NOT MET")


def targets(runs: list[dict], big: dict, root: Path, *, kit_run: bool) -> list[dict]:
    """Every target of issue 16: figure, ratio, met or not."""
    out: list[dict] = []

    def report(name: str, figure: str, ok: bool | None, ratio: str = "", **extra) -> None:
        out.append({"target": name, "figure": figure, "ratio": ratio, "met": ok, **extra})
        print(f"[{_verdict(ok):7s}] {name}: {figure}" + (f"; {ratio}" if ratio else ""))

    n, words, st = big["articles"], big["words"], big["stages"]
    spec = {"articles": big["pickle"], "folder": big["folder"]}
    print(f"\n== direct library calls and targets ({big['kind']}, {n:,} articles)")
    print(HEAD)
    extra = {}
    for task in ["countvectorizer", "topic_choice", "readability_part", "textstat", "sourcing_wikinews"]:
        if task == "sourcing_wikinews":
            if not WIKINEWS.exists():
                continue
            extra[task] = _run(task, folder=WIKINEWS)
        else:
            extra[task] = _run(task, **spec)
        _line(task, extra[task], words if task in ("countvectorizer",) else None, None)
    k = extra["topic_choice"].get("n_topics")
    for task in ["topic_fixed", "nmf"]:
        extra[task] = _run(task, k=k, **spec)
        _line(task + f" (k={k})", extra[task])
    print()

    p = st.get("pipeline", {})
    load = p.get("loadavg")
    if "seconds" in p:
        report(f"pipeline on {n:,} articles, wall", f"{p['seconds']:.1f} s (load average {load:.1f})",
               p["seconds"] < PIPELINE_WALL_S, f"target {PIPELINE_WALL_S:.0f} s")
        report(f"pipeline on {n:,} articles, CPU", f"{p['cpu_s']:.1f} CPU s (this process and its workers)",
               p["cpu_s"] < PIPELINE_CPU_S, f"target {PIPELINE_CPU_S:.0f}")
        report(f"pipeline on {n:,} articles, memory",
               f"{p['peak_mib']:.0f} MiB peak (largest worker {p['workers_peak_mib']:.0f} MiB)",
               p["peak_mib"] < PIPELINE_MIB, f"target {PIPELINE_MIB:.0f} MiB")
    # growth
    by_size = sorted(runs, key=lambda r: r["articles"])
    for a, b in zip(by_size, by_size[1:]):
        factor = b["articles"] / a["articles"]
        lo, hi = GROWTH_10 if round(factor) == 10 else GROWTH_3 if round(factor) == 3 else (0.8 * factor, 1.2 * factor)
        for stage in [*STAGES, "pipeline"]:
            x, y = a["stages"].get(stage, {}), b["stages"].get(stage, {})
            if "cpu_s" in x and "cpu_s" in y and x["cpu_s"] > 0:
                ratio = y["cpu_s"] / x["cpu_s"]
                report(f"growth {stage} {a['articles']:,} -> {b['articles']:,}",
                       f"CPU ratio {ratio:.2f} (wall {y['seconds'] / x['seconds']:.2f})", lo <= ratio <= hi,
                       f"target {lo:g} to {hi:g}")
    # The cost per added article over each step: equal steps mean the cost is linear
    # plus a fixed part (the workers' start, the topic model's fixed-size sample),
    # which the ratios above count against the smaller size.
    if len(by_size) >= 3:
        for stage in [*STAGES, "pipeline"]:
            cpu = [(r["articles"], r["stages"].get(stage, {}).get("cpu_s")) for r in by_size]
            if any(c is None for _, c in cpu):
                continue
            steps = [1000 * (c1 - c0) / (n1 - n0) for (n0, c0), (n1, c1) in zip(cpu, cpu[1:])]
            report(f"cost per 1,000 added articles, {stage}",
                   ", ".join(f"{a:,} -> {b:,}: {x:.3f} CPU s" for (a, _), (b, _), x in zip(cpu, cpu[1:], steps)),
                   None, f"last step / first step {steps[-1] / steps[0]:.2f}" if steps[0] > 0 else "")
    # sourcing
    s = st.get("sourcing", {})
    if "cpu_s" in s:
        report("sourcing, generated articles", f"{words / s['cpu_s']:,.0f} words per CPU-s",
               words / s["cpu_s"] >= SOURCING_WORDS_PER_CPU_S, f"target {SOURCING_WORDS_PER_CPU_S:,}")
    w = extra.get("sourcing_wikinews", {})
    if "cpu_s" in w:
        report("sourcing, the real Wikinews 2020 corpus", f"{w['words'] / w['cpu_s']:,.0f} words per CPU-s",
               w["words"] / w["cpu_s"] >= SOURCING_WORDS_PER_CPU_S, f"target {SOURCING_WORDS_PER_CPU_S:,}")
    # topic count
    c, f_, nmf = extra.get("topic_choice", {}), extra.get("topic_fixed", {}), extra.get("nmf", {})
    if "cpu_s" in c and "cpu_s" in f_:
        report(f"choosing the number of topics (k={k}) vs one fit",
               f"{c['cpu_s']:.2f} against {f_['cpu_s']:.2f} CPU s = {c['cpu_s'] / f_['cpu_s']:.2f}x",
               c["cpu_s"] <= TOPIC_CHOICE_RATIO * f_["cpu_s"],
               (f"one fit = {f_['cpu_s'] / nmf['cpu_s']:.2f}x scikit-learn TfidfVectorizer + NMF "
                f"({nmf['cpu_s']:.2f} s); " if "cpu_s" in nmf else "") + f"target {TOPIC_CHOICE_RATIO:g}x")
    # readability
    rd, rp, ts = st.get("readability", {}), extra.get("readability_part", {}), extra.get("textstat", {})
    if "cpu_s" in rd:
        wps = words / rd["cpu_s"]
        ratio = (f"{(rp['words'] / rp['cpu_s']) / (ts['words'] / ts['cpu_s']):.1f}x textstat formula by formula "
                 f"on the first {TEXTSTAT_ARTICLES} articles; "
                 if "cpu_s" in rp and "cpu_s" in ts else "")
        report("readability", f"{wps:,.0f} words per CPU-s", wps >= READABILITY_WORDS_PER_CPU_S,
               ratio + f"target {READABILITY_WORDS_PER_CPU_S:,}")
    # word counts memory and speed
    wc, cv = st.get("word_counts", {}), extra.get("countvectorizer", {})
    if "added_mib" in wc and "added_mib" in cv:
        report("word_counts memory vs CountVectorizer",
               f"{wc['added_mib']:.0f} against {cv['added_mib']:.0f} MiB added = "
               f"{wc['added_mib'] / max(cv['added_mib'], 1):.2f}x",
               wc["added_mib"] <= WORD_COUNTS_MEMORY_RATIO * max(cv["added_mib"], 1),
               f"speed {cv['cpu_s'] / wc['cpu_s']:.2f}x CountVectorizer's; target {WORD_COUNTS_MEMORY_RATIO:g}x memory")
    # kit run
    if kit_run:
        r = _run("kit_run", folder=big["folder"], out=root / "kit_run")
        if "error" in r:
            report(f"python -m kit run on {n:,} articles", f"FAILED: {r['error']}", False)
        else:
            print("   " + "\n   ".join(r.get("tail", [])))
            report(f"python -m kit run on {n:,} articles",
                   f"{r['seconds']:.0f} s wall, {r['cpu_s']:.0f} CPU s, exit code {r['exit_code']} "
                   f"(load average {r['loadavg']:.1f})", r["seconds"] < KIT_RUN_S and r["exit_code"] == 0,
                   f"target {KIT_RUN_S:.0f} s")
    else:
        report(f"python -m kit run on {n:,} articles", "not measured (add --kit-run)", None)
    return out


def bench_scripts(n: int) -> dict:
    """Each ``benchmarks/bench_<stage>.py`` that exists: its ``run(n)``, printed."""
    found: dict = {}
    for stage, filename in BENCH_FILE.items():
        path = HERE / filename
        if not path.exists():
            continue
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
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="the size of the targets (default 10,000)")
    parser.add_argument("--quick", action="store_true", help="sizes 200 / 2,000 / 6,000 instead of N/10, N, 3N")
    parser.add_argument("--sizes", type=str, help="comma-separated sizes, e.g. 1000,10000 (the second is the "
                                                  "size of the targets when there are several)")
    parser.add_argument("--corpus", choices=["wikinews", "generated", "easy"],
                        help="the main corpus (default: wikinews when present, else generated)")
    parser.add_argument("--wikinews", type=Path, help="the Wikinews CSV (default: ../shared/corpus/"
                                                      "wikinews_2020.csv from the project root)")
    parser.add_argument("--no-others", action="store_true", help="skip the other corpora")
    parser.add_argument("--kit-run", action="store_true", help="also time `python -m kit run` (minutes)")
    parser.add_argument("--dask", action="store_true", help="also the dask engine's pipeline (2 workers; "
                                                              "its CPU is in the workers, not counted)")
    parser.add_argument("--bench-scripts", action="store_true", help="also run benchmarks/bench_*.py")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path, help="write the corpora and results there")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, json.loads(args.spec))))
        return 0
    sys.path.insert(0, str(ROOT))
    global WIKINEWS
    if args.wikinews:
        WIKINEWS = args.wikinews.resolve()

    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
    elif args.quick:
        sizes = [200, 2000, 6000]
    else:
        sizes = [args.articles // 10, args.articles, args.articles * 3]
    target = sizes[1] if len(sizes) > 1 else sizes[0]
    main_kind = args.corpus or ("wikinews" if WIKINEWS.exists() else "generated")
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU") if Path("/proc/cpuinfo").exists() else "?"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"machine: {os.cpu_count()} cores, {mem:.0f} GiB, {cpu}; python {sys.version.split()[0]}; "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average {os.getloadavg()[0]:.1f}")
    print(f"main corpus: {main_kind}; sizes {', '.join(f'{s:,}' for s in sizes)}; targets at {target:,}")
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        runs = [measure(main_kind, n, root, one=n == target, dask=args.dask) for n in sizes]
        big = next(r for r in runs if r["articles"] == target)
        found = targets(runs, big, root, kit_run=args.kit_run) if "error" not in big["stages"]["load"] else []
        others = []
        if not args.no_others:
            for kind in ["wikinews", "generated", "easy"]:
                if kind != main_kind and (kind != "wikinews" or WIKINEWS.exists()):
                    others.append(measure(kind, target, root))
        scripts = bench_scripts(target) if args.bench_scripts else {}
        met = [t for t in found if t["met"] is not None]
        print(f"\n== {sum(t['met'] for t in met)} of {len(met)} targets met "
              f"(load average now {os.getloadavg()[0]:.1f}); not met: "
              + ("; ".join(t["target"] for t in met if not t["met"]) or "none"))
        if args.json:
            args.json.write_text(json.dumps({"sizes": sizes, "main": main_kind, "runs": runs, "targets": found,
                                             "others": others, "bench_scripts": scripts}, indent=1, default=str),
                                 encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
