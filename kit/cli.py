"""The kit's command line: ``python -m kit COMMAND``.

Commands
--------
load      load a folder of articles and report what was loaded and what was skipped
run       rerun every notebook on a folder of articles and export charts and tables
evaluate-sourcing  score kit.sources against hand-made sourcing labels (GOLD_FORMAT): every
                   committed labelled set by default, --gold DIR, or PolNeAR (--polnear PATH)
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from kit.config import data_dir, exports_dir


def _cmd_load(args: argparse.Namespace) -> int:
    import pandas as pd

    from kit.load import load_articles, load_report

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            articles = load_articles(args.data, outlet_from=args.outlet_from, text=args.text)
        except (FileNotFoundError, ValueError) as e:
            _safe_print(f"error: {e}", file=sys.stderr)
            return 2
    report = load_report(articles)
    skipped = report[report["status"] == "skipped"]
    print(f"{len(articles)} articles loaded from {articles.attrs['files']} files; {len(skipped)} inputs skipped")
    outlets = articles["outlet"].fillna("(unknown)").value_counts()
    if len(outlets):
        more = f", and {len(outlets) - 10} more" if len(outlets) > 10 else ""
        print("outlets: " + ", ".join(f"{o} ({n})" for o, n in outlets.head(10).items()) + more)
    for row in skipped.itertuples():
        where = row.path if pd.isna(row.record) else f"{row.path} (record {row.record})"
        print(f"  skipped {where}: {row.reason}")
    return 0


def _safe_print(*args, file=None) -> None:
    """print(), showing characters the console cannot encode (a file name that is not UTF-8) as ?."""
    file = file or sys.stdout
    text = " ".join(str(a) for a in args)
    encoding = getattr(file, "encoding", None) or "utf-8"
    print(text.encode(encoding, "replace").decode(encoding, "replace"), file=file)


def _cmd_run(args: argparse.Namespace) -> int:
    import os

    from kit.files import DiskFullError, FolderLockedError, disk_full, is_disk_full
    from kit.run import run_notebooks

    if args.outlet_from:  # read by kit.load in this process and in the notebooks' kernels
        os.environ["KIT_OUTLET_FROM"] = args.outlet_from

    try:
        result = run_notebooks(data=args.data, out=args.out, formats=args.formats,
                               notebooks=args.notebooks, progress=not args.quiet, timeout=args.timeout)
    except DiskFullError as e:
        _safe_print(f"error: {e.strerror}", file=sys.stderr)
        return 2
    except (FileNotFoundError, ValueError, FolderLockedError) as e:
        _safe_print(f"error: {e}", file=sys.stderr)
        return 2
    except PermissionError as e:  # a read-only --out, or a parent the run may not write into
        _safe_print(f"error: cannot write into {e.filename or args.out}: permission denied; choose another --out",
                    file=sys.stderr)
        return 2
    except OSError as e:
        if is_disk_full(e):
            _safe_print(f"error: {disk_full(args.out).strerror}", file=sys.stderr)
            return 2
        raise
    except KeyboardInterrupt:
        _safe_print(f"interrupted: the notebooks that did not finish keep their previous exports; "
                    f"{Path(args.out).expanduser().resolve() / 'index.html'} says which ran", file=sys.stderr)
        return 130
    ran = len(result.notebooks) - len(result.failed)
    if result.load_error or not result.articles:
        why = result.load_error or ("no article files found" if not result.files else "every input was skipped")
        _safe_print(f"warning: no articles loaded from {result.data}: {why}", file=sys.stderr)
    _safe_print(f"{result.articles} articles loaded, {len(result.skipped)} inputs skipped; "
                f"{ran} of {len(result.notebooks)} notebooks ran in {result.seconds:.0f} s")
    for run in result.failed:
        _safe_print(run.message(), file=sys.stderr)
    _safe_print(f"charts, tables and executed notebooks in {result.out}; open {result.index}")
    if result.failed:
        names = ", ".join(r.path.name for r in result.failed)
        _safe_print(f"error: {len(result.failed)} notebook(s) failed: {names} (each keeps its previous exports; "
                    f"tracebacks in {result.out / 'notebooks'}/<notebook>.failed.ipynb)", file=sys.stderr)
    return result.exit_code


def _cmd_evaluate_sourcing(args: argparse.Namespace) -> int:
    from kit.evaluate import run_evaluation

    try:
        if args.polnear:
            from kit.evaluate_polnear import run_polnear

            return run_polnear(args.polnear, args.split)
        if args.split != "dev":
            raise ValueError("--split goes with --polnear")
        return run_evaluation(args.gold, args.articles, show_errors=not args.quiet)
    except (FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


def _outlet_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--outlet-from", choices=["folder", "file"], default=None,
                   help="name the outlet after each article's folder or file when neither its metadata "
                        "nor its address gives one (e.g. one folder or CSV per outlet)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("load", help="load articles and report skipped inputs")
    p.add_argument("--data", default=str(data_dir()), help="folder, file or glob of articles")
    _outlet_option(p)
    p.add_argument("--text", default=None, help="the CSV/JSON field holding the article text (default: found by name)")
    p.set_defaults(func=_cmd_load)

    p = sub.add_parser("run", help="rerun every notebook and export charts, tables and index.html")
    p.add_argument("--data", default=str(data_dir()), help="folder of articles (default: data/articles)")
    p.add_argument("--out", default=str(exports_dir()), help="output folder (default: exports/)")
    p.add_argument("--formats", default="png,svg", help="chart formats, e.g. png,svg,pdf (default: png,svg)")
    p.add_argument("--notebooks", default=None, help="folder of numbered notebooks to run (default: notebooks/)")
    p.add_argument("--timeout", type=float, default=None, help="seconds one cell may run (default: no limit)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    _outlet_option(p)
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("evaluate-sourcing", help="score sourcing (kit.sources) against labels: P/R/F1 per article")
    p.add_argument("--gold", default=None,
                   help="folder of JSON label files (see GOLD_FORMAT.md); default: every labelled set "
                        "committed under tests/data/sourcing, scored per set and overall")
    p.add_argument("--articles", default=None, help="folder, file or glob of the labelled articles "
                                                    "(with --gold; default: data/articles)")
    p.add_argument("--polnear", default=None, metavar="PATH",
                   help="score kit.attributions against a PolNeAR checkout at PATH instead")
    p.add_argument("--split", default="dev", choices=["train", "dev", "test"],
                   help="PolNeAR split (default: dev; test is held out and refused)")
    p.add_argument("-q", "--quiet", action="store_true", help="scores only, without the list of errors")
    p.set_defaults(func=_cmd_evaluate_sourcing)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
