"""kit.run and kit.report: ``python -m kit run`` reruns every notebook, exports charts,
tables and executed notebooks, writes index.html, survives a failing notebook, and
gives the same tables on a rerun."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pandas as pd
import pytest

import kit
from kit.cli import main
from kit.config import PROJECT_ROOT, notebooks_dir
from kit.export import read_manifest, safe_name
from kit.report import collect_exports, notebook_title, write_index
from kit.run import NotebookRun, RunResult, find_notebooks, run_notebooks

SAMPLE_DIR = PROJECT_ROOT / "data" / "articles"
NOTEBOOKS = find_notebooks()  # the numbered notebooks, as `python -m kit run` finds them


# --- small notebooks written for the tests -------------------------------------------

def _notebook(path: Path, *cells: str, title: str | None = None) -> Path:
    """Write a notebook: a title, the standard parameters cell, then ``cells`` (code)."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('DATA = "../data/articles"\nEXPORTS = "../exports"\nFORMATS = "png,svg"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title or path.stem}"), params,
                *[nbformat.v4.new_code_cell(c) for c in cells]]
    nbformat.write(nb, str(path))
    return path


CHART = """\
import matplotlib
matplotlib.use("Agg")
import kit
kit.use_style()
exp = kit.Exporter(EXPORTS, notebook="{name}", formats=FORMATS)
articles = kit.load_articles(DATA)
per_outlet = kit.count_by(articles, "outlet")
fig = kit.plots.bar(per_outlet, "outlet", "articles", title="Articles per outlet", xlabel="Articles")
exp.figure(fig, "articles_by_outlet", data=per_outlet)
exp.table(articles[["article_id", "title"]], "articles")
"""


def _good(folder: Path, name: str) -> Path:
    return _notebook(folder / f"{name}.ipynb", CHART.format(name=name), title=f"{name} · good")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src") and value and not value.startswith("#"):
                self.links.append(value)


def _links(index: Path) -> list[str]:
    parser = _Links()
    parser.feed(index.read_text(encoding="utf-8"))
    return parser.links


def _check_links(out: Path) -> list[str]:
    links = _links(out / "index.html")
    for link in links:
        assert not re.match(r"^[a-z]+:|^/", link), f"index.html links outside the folder: {link}"
        target = (out / unquote(link)).resolve()
        assert target.is_relative_to(out.resolve()) and target.is_file(), f"broken link {link}"
    return links


def _hashes(out: Path, suffixes: tuple[str, ...]) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*")) if p.suffix in suffixes and p.parent.name != "notebooks"}


# --- fast units: finding notebooks, the index -----------------------------------------

def test_find_notebooks_takes_the_numbered_ones_in_order(tmp_path):
    for name in ["10_b", "02_a", "scratch", "01_c"]:
        (tmp_path / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    assert [p.stem for p in find_notebooks(tmp_path)] == ["01_c", "02_a", "10_b"]
    assert find_notebooks([tmp_path / "scratch.ipynb"]) == [tmp_path / "scratch.ipynb"]
    assert find_notebooks() == NOTEBOOKS


def test_notebook_title_is_the_first_heading(tmp_path):
    path = _notebook(tmp_path / "07_x.ipynb", "1", title="07 · A question")
    assert notebook_title(path) == "07 · A question"
    assert notebook_title(tmp_path / "missing.ipynb") == "missing"


def test_collect_exports_follows_the_manifest_then_adds_stray_files(tmp_path):
    exp = kit.Exporter(tmp_path, notebook="nb", formats="png")
    frame = pd.DataFrame({"outlet": ["A"], "articles": [1]})
    exp.table(frame, "zz_first")
    kit.use_style()
    exp.figure(kit.plots.bar(frame, "outlet", "articles", title="T", xlabel="Articles"), "chart", data=frame)
    (tmp_path / "nb" / "stray.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "nb" / "stray.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "nb" / "loose.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "nb" / "notes.txt").write_text("ignored", encoding="utf-8")
    entries = collect_exports(tmp_path / "nb")
    assert [(e["kind"], e["name"], e["files"], e["table"]) for e in entries] == [
        ("table", "zz_first", ["zz_first.csv"], None),
        ("chart", "chart", ["chart.png"], "chart.csv"),
        ("chart", "stray", ["stray.svg"], "stray.csv"),
        ("table", "loose", ["loose.csv"], None),
    ]
    (tmp_path / "nb" / "chart.png").unlink()  # a listed file that is gone is not shown
    assert [e["name"] for e in collect_exports(tmp_path / "nb")] == ["zz_first", "chart", "stray", "loose"]
    assert collect_exports(tmp_path / "nb")[1]["files"] == []


def test_index_escapes_names_and_links_relatively(tmp_path):
    out = tmp_path / "out"
    nb = _notebook(tmp_path / "01_evil.ipynb", "1", title="<script>alert(1)</script>")
    exp = kit.Exporter(out, notebook="01_evil", formats="png")
    exp.table(pd.DataFrame({"a": [1]}), "<img src=x onerror=alert(1)>")
    executed = out / "notebooks" / "01_evil.ipynb"
    executed.parent.mkdir(parents=True)
    shutil.copy(nb, executed)
    result = RunResult(out=out, data=str(tmp_path), formats=("png",), articles=2, files=3,
                       skipped=[{"path": str(tmp_path / "bad.json"), "record": None, "reason": "not JSON <b>"}],
                       notebooks=[NotebookRun(name="01_evil", path=nb, executed=executed, ok=False, cell=2,
                                              n_cells=2, source="1", error="ValueError: <bad>")])
    index = write_index(result)
    text = index.read_text(encoding="utf-8")
    assert "<script>" not in text and "<b>" not in text and "<bad>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "2 loaded from 3 files; 1 input skipped" in text
    assert "<code>bad.json</code>: not JSON &lt;b&gt;" in text  # skipped inputs shown relative to the data
    assert "failed at cell 2 of 2" in text
    assert _check_links(out) == ["notebooks/01_evil.ipynb", "01_evil/img_src_x_onerror_alert_1.csv"]


def test_cli_refuses_a_missing_data_folder_and_a_bad_format(tmp_path, capsys):
    assert main(["run", "--data", str(tmp_path / "nope"), "--out", str(tmp_path / "out"), "-q"]) == 2
    assert "no such file or folder of articles" in capsys.readouterr().err
    assert main(["run", "--formats", "png,gif", "--out", str(tmp_path / "out"), "-q"]) == 2
    assert "gif" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# --- runs through a kernel -------------------------------------------------------------

@pytest.mark.notebook
def test_a_failing_notebook_is_named_with_its_cell_and_the_others_are_kept(tmp_path, capsys):
    books, out = tmp_path / "notebooks", tmp_path / "out"
    books.mkdir()
    _good(books, "01_good")
    _notebook(books / "02_broken.ipynb", "x = 1", "# divide\ntotal = x / 0\nprint(total)", "print('never')")
    _notebook(books / "03_slow.ipynb", "import time\ntime.sleep(60)")
    _good(books, "04_good")
    code = main(["run", "--data", str(SAMPLE_DIR), "--out", str(out), "--notebooks", str(books),
                 "--timeout", "5", "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert "FAILED  02_broken.ipynb, cell 4 of 5: `total = x / 0`\n        ZeroDivisionError: division by zero" in err
    assert "FAILED  03_slow.ipynb, cell 3 of 3: `import time`\n        CellTimeoutError: A cell timed out" in err
    assert "2 notebook(s) failed: 02_broken.ipynb, 03_slow.ipynb" in err
    for good in ("01_good", "04_good"):  # ran before and after the failures, outputs kept
        assert (out / good / "articles_by_outlet.png").stat().st_size > 1000
        assert (out / good / "articles_by_outlet.svg").exists() and (out / good / "articles.csv").exists()
    executed = nbformat.read(str(out / "notebooks" / "02_broken.ipynb"), as_version=4)
    assert any(o.get("ename") == "ZeroDivisionError" for c in executed.cells for o in c.get("outputs", []))
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "2 of 4 ran" in text and text.count("FAILED") == 2
    assert "<code>total = x / 0</code>" in text
    assert text.index('id="01_good"') < text.index('id="02_broken"') < text.index('id="04_good"')
    _check_links(out)


@pytest.mark.notebook
def test_data_option_runs_on_another_folder_and_rerun_clears_stale_exports(tmp_path, capsys):
    data, books, out = tmp_path / "articles", tmp_path / "notebooks", tmp_path / "out"
    kit.write_corpus(kit.synthetic_corpus(12, seed=3, words=150), data, fmt="mixed")
    books.mkdir()
    shutil.copy(notebooks_dir() / "01_corpus_overview.ipynb", books)
    stale = out / "01_corpus_overview" / "old_chart.png"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"from an older run")
    keep = out / "01_corpus_overview" / "my_notes.txt"
    keep.write_text("not the kit's", encoding="utf-8")
    result = run_notebooks(data=data, out=out, notebooks=books, formats="png,svg,pdf", progress=False)
    assert result.exit_code == 0 and result.articles == 12
    assert not stale.exists() and keep.exists()
    folder = out / "01_corpus_overview"
    charts = [e for e in read_manifest(folder)["exports"] if e["kind"] == "chart"]
    assert charts and all(e["files"] == [f"{e['name']}.{f}" for f in ("png", "svg", "pdf")] for e in charts)
    assert pd.read_csv(folder / "articles.csv")["article_id"].nunique() == 12
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "12 loaded from" in text and "1 of 1 ran" in text
    assert (out / "notebooks" / "01_corpus_overview.ipynb").exists()
    assert (out / "notebooks" / "01_corpus_overview.html").exists()
    assert "https://" not in (out / "notebooks" / "01_corpus_overview.html").read_text(encoding="utf-8")[:5000]
    links = _check_links(out)
    assert "01_corpus_overview/articles_by_outlet.png" in links


@pytest.mark.notebook
@pytest.mark.slow
def test_every_notebook_on_the_sample_then_a_rerun_gives_identical_tables(tmp_path):
    """The README's main command, on the shipped sample, twice into the same folder."""
    out = tmp_path / "exports"
    first = run_notebooks(out=out, progress=False)
    assert [r.name for r in first.notebooks] == [p.stem for p in NOTEBOOKS]
    assert first.exit_code == 0, "\n".join(r.message() for r in first.failed)
    assert first.articles == len(kit.load_articles(SAMPLE_DIR)) >= 1 and first.skipped == []
    links = _check_links(out)
    for nb in NOTEBOOKS:
        folder = out / safe_name(nb.stem)
        assert (out / "notebooks" / nb.name).exists()
        executed = nbformat.read(str(out / "notebooks" / nb.name), as_version=4)
        assert any("image/png" in o.get("data", {}) for c in executed.cells for o in c.get("outputs", [])), \
            f"{nb.name} shows no chart"
        charts = [e for e in read_manifest(folder)["exports"] if e["kind"] == "chart"]
        assert charts, f"{nb.name} exported no chart through kit.Exporter"
        for chart in charts:
            assert chart["table"] == f"{chart['name']}.csv"
            if chart.get("reason"):  # nothing to show: no placeholder figure, the reason instead
                assert chart["files"] == [] and not (folder / f"{chart['name']}.png").exists()
                continue
            assert chart["files"] == [f"{chart['name']}.png", f"{chart['name']}.svg"]
            assert f"{folder.name}/{chart['name']}.png" in links
            assert f"{folder.name}/{chart['name']}.csv" in links
        assert f"notebooks/{nb.name}" in links
    before = _hashes(out, (".csv", ".svg", ".png", ".pdf", ".json"))
    second = run_notebooks(out=out, progress=False)
    assert second.exit_code == 0
    after = _hashes(out, (".csv", ".svg", ".png", ".pdf", ".json"))
    assert sorted(after) == sorted(before), "a rerun changed the exported file names"
    changed = [name for name in before if before[name] != after[name] and name != "run.json"]
    assert changed == [], f"a rerun on the same input changed {changed}"
    compared = json.loads((out / "run.json").read_text(encoding="utf-8"))["compared"]  # the record agrees
    assert compared["same_inputs"] and compared["same_outputs"] and compared["differences"] == []


@pytest.mark.notebook
def test_an_empty_folder_is_reported_and_the_run_still_writes_its_index(tmp_path, capsys):
    books, empty, out = tmp_path / "notebooks", tmp_path / "empty", tmp_path / "out"
    books.mkdir()
    empty.mkdir()
    _notebook(books / "01_tiny.ipynb", "print(DATA)")
    assert main(["run", "--data", str(empty), "--out", str(out), "--notebooks", str(books), "-q"]) == 0
    captured = capsys.readouterr()
    assert f"warning: no articles loaded from {empty.resolve()}: no article files found" in captured.err
    assert "0 articles loaded, 0 inputs skipped; 1 of 1 notebooks ran" in captured.out
    assert "0 loaded from 0 files" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.notebook
def test_the_kernel_is_this_python_even_when_another_python3_kernelspec_exists(tmp_path, monkeypatch):
    """A researcher's own ``python3`` kernelspec (another interpreter) must not break the run."""
    import json
    import sys

    spec = tmp_path / "jupyter" / "kernels" / "python3" / "kernel.json"
    spec.parent.mkdir(parents=True)
    spec.write_text(json.dumps({"argv": [str(tmp_path / "no-such-python"), "-m", "ipykernel_launcher",
                                         "-f", "{connection_file}"],
                                "display_name": "Other Python", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "0")  # the user's kernelspecs first, as outside a venv
    books = tmp_path / "notebooks"
    books.mkdir()
    _notebook(books / "01_which.ipynb", "import sys, kit\nprint(sys.executable)")
    result = run_notebooks(data=SAMPLE_DIR, out=tmp_path / "out", notebooks=books, progress=False)
    assert result.exit_code == 0, result.notebooks[0].message()
    executed = nbformat.read(str(tmp_path / "out" / "notebooks" / "01_which.ipynb"), as_version=4)
    assert executed.cells[-1].outputs[0]["text"].strip() == sys.executable
