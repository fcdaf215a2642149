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
            for p in sorted(out.rglob("*"))
            if p.suffix in suffixes and p.parent.name != "notebooks" and p.name != "kit-run.json"}  # a run log


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
    _notebook(books / "03_slow.ipynb", "import time\ntime.sleep(600)")
    _good(books, "04_good")
    code = main(["run", "--data", str(SAMPLE_DIR), "--out", str(out), "--notebooks", str(books),
                 "--timeout", "30", "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert "FAILED  02_broken.ipynb, cell 4 of 5: `total = x / 0`\n        ZeroDivisionError: division by zero" in err
    assert "FAILED  03_slow.ipynb, cell 3 of 3: `import time`\n        CellTimeoutError: A cell timed out" in err
    assert "2 notebook(s) failed: 02_broken.ipynb, 03_slow.ipynb" in err
    for good in ("01_good", "04_good"):  # ran before and after the failures, outputs kept
        assert (out / good / "articles_by_outlet.png").stat().st_size > 1000
        assert (out / good / "articles_by_outlet.svg").exists() and (out / good / "articles.csv").exists()
    executed = nbformat.read(str(out / "notebooks" / "02_broken.failed.ipynb"), as_version=4)
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
    # an export of an earlier kit (listed in its manifest) is replaced; the user's files stay
    kit.Exporter(out, notebook="01_corpus_overview").table(pd.DataFrame({"a": [1]}), "old_chart")
    stale = out / "01_corpus_overview" / "old_chart.csv"
    keep = out / "01_corpus_overview" / "my_notes.txt"
    keep.write_text("not the kit's", encoding="utf-8")
    mine = out / "01_corpus_overview" / "my_chart.png"
    mine.write_bytes(b"not the kit's either")
    result = run_notebooks(data=data, out=out, notebooks=books, formats="png,svg,pdf", progress=False)
    assert result.exit_code == 0 and result.articles == 12
    assert not stale.exists() and keep.exists() and mine.exists()
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


# --- a safe output folder (fast: papermill replaced by a stand-in) ----------------------

class _Stand:
    """Stands in for ``papermill.execute_notebook``: each notebook exports ``tables``
    through kit.Exporter, then does what ``plan[notebook stem]`` says: ``ok``, ``fail``
    (a cell error), ``interrupt`` (Ctrl-C / SIGTERM half way), ``full`` (a full disk)."""

    def __init__(self, plan: dict[str, str], tables: dict[str, list[str]] | None = None):
        self.plan, self.tables, self.calls = plan, tables or {}, []

    def __call__(self, input_path, output_path, *, parameters, **kwargs):
        import papermill as pm

        stem = Path(input_path).stem
        self.calls.append((stem, parameters))
        exp = kit.Exporter(parameters["EXPORTS"], notebook=stem, formats=parameters["FORMATS"])
        for name in self.tables.get(stem, ["counts"]):
            exp.table(pd.DataFrame({"n": [1, 2]}), name)
        nb = nbformat.read(str(input_path), as_version=4)  # as papermill: the parameters, injected
        nb.cells.append(nbformat.v4.new_code_cell(f"EXPORTS = {parameters['EXPORTS']!r}"))
        nbformat.write(nb, str(output_path))
        what = self.plan.get(stem, "ok")
        if what == "fail":
            raise pm.PapermillExecutionError(cell_index=2, exec_count=1, source="1 / 0",
                                             ename="ZeroDivisionError", evalue="division by zero", traceback=[])
        if what == "interrupt":
            raise KeyboardInterrupt
        if what == "full":
            import errno
            raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def stand(monkeypatch, tmp_path):
    """Three notebooks in tmp_path/notebooks, and a way to run them with a stand-in papermill."""
    import papermill

    import kit.run

    books = tmp_path / "notebooks"
    books.mkdir()
    for name in ("01_a", "02_b", "03_c"):
        _notebook(books / f"{name}.ipynb", "1")
    data = tmp_path / "articles"
    data.mkdir()
    (data / "a.txt").write_text("Title\n\nSome text here.", encoding="utf-8")
    monkeypatch.setattr(kit.run, "_to_html", lambda executed: None)

    def run(out, plan=None, tables=None, **kw):
        fake = _Stand(plan or {}, tables)
        monkeypatch.setattr(papermill, "execute_notebook", fake)
        return run_notebooks(data=data, out=out, notebooks=books, progress=False, **kw)
    run.books, run.data = books, data
    return run


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("where, message", [
    ("project", "it is the project folder"),
    ("project_parent", "it contains the project folder"),
    ("notebooks", "it is the notebooks folder"),
    ("data", "it is the articles"),
    ("data_parent", "it contains the (project folder|notebooks folder|articles)"),
    ("inside_data", "inside the articles folder"),
])
def test_an_out_folder_that_holds_the_users_work_is_refused(stand, tmp_path, where, message, capsys, monkeypatch):
    import kit.config

    project = tmp_path / "project"  # a stand-in for the kit's project folder
    (project / "kit").mkdir(parents=True)
    (project / "README.md").write_text("the project", encoding="utf-8")
    monkeypatch.setattr(kit.config, "PROJECT_ROOT", project)
    out = {"project": project, "project_parent": tmp_path, "notebooks": stand.books,
           "data": stand.data, "data_parent": stand.data.parent, "inside_data": stand.data / "exports"}[where]
    before = _tree(stand.books) | _tree(stand.data) | _tree(project)
    with pytest.raises(ValueError, match=message):
        stand(out)
    assert _tree(stand.books) | _tree(stand.data) | _tree(project) == before
    assert not (stand.data / "exports").exists()
    # and on the command line: one line, exit code 2, nothing written
    code = main(["run", "--data", str(stand.data), "--out", str(out), "--notebooks", str(stand.books), "-q"])
    assert code == 2 and "refusing --out" in capsys.readouterr().err
    assert _tree(stand.books) | _tree(stand.data) | _tree(project) == before


def test_out_equal_to_the_project_with_the_kits_own_notebooks_is_refused(stand, tmp_path, monkeypatch, capsys):
    """`python -m kit run --out .` in the project folder used to delete all five notebooks."""
    import kit.config

    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    for name in ("01_a", "02_b"):
        _notebook(project / "notebooks" / f"{name}.ipynb", "1")
    monkeypatch.setattr(kit.config, "PROJECT_ROOT", project)
    before = _tree(project)
    code = main(["run", "--data", str(stand.data), "--out", str(project),
                 "--notebooks", str(project / "notebooks"), "-q"])
    assert code == 2 and f"refusing --out {project}: it is the project folder" in capsys.readouterr().err
    assert _tree(project) == before


def test_files_the_kit_did_not_write_are_never_overwritten_or_deleted(stand, tmp_path):
    out = tmp_path / "out"
    (out / "01_a").mkdir(parents=True)
    mine = {"01_a/my_table.csv": b"x\n1\n", "01_a/old_chart.png": b"mine", "notes.txt": b"mine",
            "notebooks/draft.ipynb": b"{}"}
    for rel, content in mine.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(content)
    result = stand(out, tables={"01_a": ["counts", "extra"]})
    assert result.exit_code == 0 and result.state == "finished"
    assert all((out / rel).read_bytes() == content for rel, content in mine.items())
    assert (out / "01_a" / "extra.csv").exists()
    # a rerun that no longer makes `extra` deletes the kit's extra.csv, and only that
    result = stand(out, tables={"01_a": ["counts"]})
    assert result.exit_code == 0
    assert not (out / "01_a" / "extra.csv").exists() and (out / "01_a" / "counts.csv").exists()
    assert all((out / rel).read_bytes() == content for rel, content in mine.items())


def test_an_index_html_of_the_users_is_not_overwritten(stand, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("<p>my page</p>", encoding="utf-8")
    with pytest.raises(ValueError, match="index.html was not written by the kit"):
        stand(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>my page</p>"
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


def test_an_export_with_the_name_of_a_users_file_fails_that_notebook_only(stand, tmp_path):
    out = tmp_path / "out"
    (out / "02_b").mkdir(parents=True)
    (out / "02_b" / "counts.csv").write_bytes(b"the user's")
    result = stand(out)
    assert [r.ok for r in result.notebooks] == [True, False, True]
    assert "refusing to overwrite 1 file(s)" in result.notebooks[1].error
    assert "02_b/counts.csv" in result.notebooks[1].error
    assert (out / "02_b" / "counts.csv").read_bytes() == b"the user's"


def test_a_failed_notebook_keeps_its_previous_exports(stand, tmp_path):
    out = tmp_path / "out"
    assert stand(out).exit_code == 0
    before = _tree(out / "02_b")
    result = stand(out, plan={"02_b": "fail"}, tables={"02_b": ["new_table"]})
    assert result.exit_code == 1
    assert _tree(out / "02_b") == before and not (out / "02_b" / "new_table.csv").exists()
    assert (out / "notebooks" / "02_b.ipynb").exists() and (out / "notebooks" / "02_b.failed.ipynb").exists()
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "2 of 3 ran, <span class=\"bad\">1 failed</span>" in text
    assert "from its last successful run" in text
    _check_links(out)
    assert not [p for p in out.iterdir() if p.name.startswith(".kit-staging")]
    # the next good run removes the failure's notebook
    assert stand(out).exit_code == 0 and not (out / "notebooks" / "02_b.failed.ipynb").exists()


@pytest.mark.parametrize("how", ["Ctrl-C", "SIGTERM"])
def test_an_interrupted_run_keeps_every_previous_export_and_says_so(stand, tmp_path, how, monkeypatch):
    out = tmp_path / "out"
    assert stand(out, tables={"02_b": [f"t{i}" for i in range(20)]}).exit_code == 0
    before = _tree(out / "02_b") | {"03": _tree(out / "03_c")["counts.csv"]}
    if how == "SIGTERM":
        import os
        import signal
        import threading

        if threading.current_thread() is not threading.main_thread():
            pytest.skip("signals reach the main thread only")

        class Kill(_Stand):
            def __call__(self, input_path, output_path, *, parameters, **kw):
                if Path(input_path).stem == "02_b":
                    kit.Exporter(parameters["EXPORTS"], notebook="02_b").table(pd.DataFrame({"a": [1]}), "t0")
                    os.kill(os.getpid(), signal.SIGTERM)
                return super().__call__(input_path, output_path, parameters=parameters, **kw)
        import papermill
        monkeypatch.setattr(papermill, "execute_notebook", Kill({}))
        with pytest.raises(KeyboardInterrupt):
            run_notebooks(data=stand.data, out=out, notebooks=stand.books, progress=False)
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler is put back
    else:
        with pytest.raises(KeyboardInterrupt):
            stand(out, plan={"02_b": "interrupt"}, tables={"02_b": ["t0"]})
    assert _tree(out / "02_b") | {"03": _tree(out / "03_c")["counts.csv"]} == before
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "INTERRUPTED" in text and "1 of 3 ran" in text and "1 interrupted" in text and "1 not run" in text
    assert "3 of 3 ran" not in text
    _check_links(out)
    assert not (out / ".kit-run.lock").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".kit-staging")]
    import json
    assert json.loads((out / "kit-run.json").read_text(encoding="utf-8"))["state"] == "interrupted"


def test_the_index_says_a_run_is_in_progress_until_it_ends(stand, tmp_path, monkeypatch):
    """After kill -9 the index must not claim that every notebook ran."""
    import papermill

    out = tmp_path / "out"
    assert stand(out).exit_code == 0
    seen = []

    class Peek(_Stand):
        def __call__(self, input_path, output_path, **kw):
            seen.append((out / "index.html").read_text(encoding="utf-8"))
            return super().__call__(input_path, output_path, **kw)
    monkeypatch.setattr(papermill, "execute_notebook", Peek({}))
    run_notebooks(data=stand.data, out=out, notebooks=stand.books, progress=False)
    assert "RUN IN PROGRESS" in seen[0] and "0 of 3 ran, 3 waiting to run" in seen[0]
    assert "RUN IN PROGRESS" in seen[2] and "2 of 3 ran, 1 waiting to run" in seen[2]
    assert "3 of 3 ran" in (out / "index.html").read_text(encoding="utf-8")


def test_two_runs_cannot_share_an_out_folder_and_a_stale_lock_is_taken_over(stand, tmp_path, capsys):
    import json
    import subprocess
    import sys

    out = tmp_path / "out"
    out.mkdir()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        import socket
        (out / ".kit-run.lock").write_text(json.dumps({"pid": sleeper.pid, "host": socket.gethostname()}))
        with pytest.raises(kit.files.FolderLockedError, match=f"another run \\(process {sleeper.pid}\\)"):
            stand(out)
        code = main(["run", "--data", str(stand.data), "--out", str(out), "--notebooks", str(stand.books), "-q"])
        assert code == 2 and f"another run (process {sleeper.pid}) is writing into {out}" in capsys.readouterr().err
        assert sorted(p.name for p in out.iterdir()) == [".kit-run.lock"]
    finally:
        sleeper.kill()
        sleeper.wait()
    assert stand(out).exit_code == 0  # the holder is gone: its lock is stale
    assert not (out / ".kit-run.lock").exists()


def test_a_full_disk_gives_one_line_naming_the_folder_and_no_empty_files(stand, tmp_path, monkeypatch, capsys):
    import errno
    import os

    out = tmp_path / "out"
    assert stand(out).exit_code == 0
    before = _tree(out)
    real = os.replace

    def full(src, dst):
        if str(dst).endswith("index.html"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(src, dst)
    monkeypatch.setattr(os, "replace", full)
    code = main(["run", "--data", str(stand.data), "--out", str(out), "--notebooks", str(stand.books), "-q"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == [f"error: no space left on the disk of {out} (writing index.html): "
                                        "free some space and run again; the previous exports are kept"]
    monkeypatch.setattr(os, "replace", real)
    after = _tree(out)
    assert {k: v for k, v in after.items() if k != "kit-run.json"} == \
        {k: v for k, v in before.items() if k != "kit-run.json"}
    assert not [p for p in out.rglob("*") if p.is_file() and p.stat().st_size == 0]
    assert not (out / ".kit-run.lock").exists()


def test_a_full_disk_inside_a_notebook_stops_the_run_with_the_same_line(stand, tmp_path, capsys):
    out = tmp_path / "out"
    with pytest.raises(kit.files.DiskFullError, match=f"no space left on the disk of {out}"):
        stand(out, plan={"02_b": "full"})
    assert (out / "01_a" / "counts.csv").exists() and not (out / "02_b").exists()
    assert not (out / ".kit-run.lock").exists()


def test_a_loader_crash_or_a_name_that_is_not_utf8_does_not_stop_the_run(stand, tmp_path, monkeypatch, capsys):
    """A file name that is not valid UTF-8 made the loader raise, and `kit run` ran 0 of 5 notebooks."""
    import os

    import kit.load

    bad = os.fsdecode(b"caf\xe9.txt")  # how Python spells a file name that is not UTF-8
    (stand.data / bad).write_bytes(b"Title\n\nText of the article.")

    def crash(*args, **kwargs):
        raise UnicodeEncodeError("utf-8", bad, 3, 4, "surrogates not allowed")
    monkeypatch.setattr(kit.load, "load_articles", crash)
    out = tmp_path / "out"
    result = stand(out)
    assert result.exit_code == 0 and [r.ok for r in result.notebooks] == [True, True, True]
    assert result.load_error.startswith("UnicodeEncodeError")
    text = (out / "index.html").read_text(encoding="utf-8")
    assert "the articles could not be loaded" in text
    code = main(["run", "--data", str(stand.data), "--out", str(out), "--notebooks", str(stand.books), "-q"])
    captured = capsys.readouterr()
    assert code == 0 and "warning: no articles loaded from" in captured.err
    assert "3 of 3 notebooks ran" in captured.out


def test_an_out_folder_written_by_an_earlier_kit_is_taken_over_without_losing_the_users_files(stand, tmp_path):
    out = tmp_path / "out"
    kit.Exporter(out, notebook="01_a").table(pd.DataFrame({"a": [1]}), "old_table")  # listed in its manifest
    (out / "01_a" / "mine.csv").write_text("the user's", encoding="utf-8")
    (out / "index.html").write_text("<p>Made by <code>python -m kit run</code>.</p>", encoding="utf-8")
    (out / "notebooks").mkdir()
    old_nb = json.dumps({"metadata": {"papermill": {"parameters": {"DATA": "x", "EXPORTS": str(out)}}}})
    (out / "notebooks" / "01_a.ipynb").write_text(old_nb, encoding="utf-8")  # kit run sent its EXPORTS here
    (out / "notebooks" / "01_a.html").write_text('<div class="jp-Notebook">old page</div>', encoding="utf-8")
    result = stand(out)
    assert result.exit_code == 0
    assert not (out / "01_a" / "old_table.csv").exists() and (out / "01_a" / "counts.csv").exists()
    assert (out / "01_a" / "mine.csv").read_text(encoding="utf-8") == "the user's"
    assert "newsroom-kit" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / "notebooks" / "01_a.ipynb").read_text(encoding="utf-8") != old_nb
    assert not (out / "notebooks" / "01_a.html").exists()  # the stand-in makes no page; the old one was the kit's


def test_a_notebook_you_ran_with_papermill_yourself_is_not_the_kits(stand, tmp_path):
    out = tmp_path / "out"
    (out / "notebooks").mkdir(parents=True)
    mine = json.dumps({"metadata": {"papermill": {"parameters": {"EXPORTS": str(tmp_path / "my_exports")}}}})
    (out / "notebooks" / "01_a.ipynb").write_text(mine, encoding="utf-8")
    (out / "notebooks" / "01_a.html").write_text("<p>my own notes</p>", encoding="utf-8")
    result = stand(out)
    assert result.exit_code != 0
    assert "refusing to overwrite" in result.notebooks[0].error
    assert (out / "notebooks" / "01_a.ipynb").read_text(encoding="utf-8") == mine
    assert (out / "notebooks" / "01_a.html").read_text(encoding="utf-8") == "<p>my own notes</p>"


def test_a_linked_folder_inside_out_is_never_written_through(stand, tmp_path):
    out = tmp_path / "out"
    assert stand(out).exit_code == 0
    theirs = tmp_path / "paper_tables"
    theirs.mkdir()
    (theirs / "counts.csv").write_text("my hand-corrected table", encoding="utf-8")
    (out / "01_a").rename(tmp_path / "old01")
    (out / "01_a").symlink_to(theirs)
    result = stand(out)
    assert result.exit_code != 0 and "symbolic link" in result.notebooks[0].error
    assert (theirs / "counts.csv").read_text(encoding="utf-8") == "my hand-corrected table"
    assert sorted(p.name for p in theirs.iterdir()) == ["counts.csv"]


def test_a_damaged_record_is_refused_rather_than_guessed(stand, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "kit-run.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(ValueError, match="kit-run.json is not readable JSON"):
        stand(out)
    assert not (out / ".kit-run.lock").exists()


def test_the_executed_notebook_shows_the_out_folder_not_the_staging_folder(stand, tmp_path):
    out = tmp_path / "out"
    assert stand(out).exit_code == 0
    executed = nbformat.read(str(out / "notebooks" / "01_a.ipynb"), as_version=4)
    assert executed.cells[-1].source == f"EXPORTS = {str(out)!r}"  # as papermill injected it, unstaged


@pytest.mark.parametrize("name", ["explorer.html", "run.json"])
def test_an_explorer_or_run_json_of_the_users_is_not_overwritten(stand, tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    (out / name).write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match=f"its {name} was not written by the kit"):
        stand(out)
    assert (out / name).read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in out.iterdir()) == [name]


def test_the_explorer_and_run_json_are_recorded_as_the_kits_and_replaced_by_a_rerun(stand, tmp_path):
    out = tmp_path / "out"
    result = stand(out)
    assert result.explorer == out / "explorer.html" and result.record == out / "run.json"
    files = json.loads((out / "kit-run.json").read_text(encoding="utf-8"))["files"]
    assert {"explorer.html", "run.json", "index.html"} <= set(files)
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["state"] == "finished"
    again = stand(out)
    assert again.exit_code == 0 and again.explorer == out / "explorer.html"


def test_the_notebooks_of_a_run_share_one_load_of_the_corpus_and_it_is_removed_after(stand, tmp_path, monkeypatch):
    """`kit run` loaded 10,000 articles six times (runner, five notebooks, explorer): ~40 s."""
    import os

    import kit.load
    from kit.load import RUN_CACHE_ENV

    fresh = kit.load_articles(stand.data)
    seen = []
    real_read = kit.load._read

    def counting_read(*args, **kwargs):
        seen.append("read")
        return real_read(*args, **kwargs)
    monkeypatch.setattr(kit.load, "_read", counting_read)

    class Sharing(_Stand):
        def __call__(self, input_path, output_path, *, parameters, **kwargs):
            before = len(seen)
            got = kit.load_corpus(parameters["DATA"])
            other = kit.load_articles(parameters["DATA"], dedupe=False)  # other options: a real load
            seen.append((os.environ.get(RUN_CACHE_ENV), len(seen) - before, got, other))
            return super().__call__(input_path, output_path, parameters=parameters, **kwargs)

    import papermill
    monkeypatch.setattr(papermill, "execute_notebook", Sharing({}))
    out = tmp_path / "out"
    result = run_notebooks(data=stand.data, out=out, notebooks=stand.books, progress=False)
    assert result.exit_code == 0 and not result.load_error
    calls = [s for s in seen if isinstance(s, tuple)]
    assert len(calls) == 3
    for path, reads, got, other in calls:
        assert path and Path(path).parent.parent.resolve() == out.resolve()
        assert reads == 1  # only the load with other options read the file
        pd.testing.assert_frame_equal(got, fresh)
        assert got.attrs == fresh.attrs and len(other) == len(fresh)
    assert RUN_CACHE_ENV not in os.environ
    assert not [p for p in out.iterdir() if p.name.startswith(".kit-staging-")]
    assert json.loads((out / "kit-run.json").read_text(encoding="utf-8"))["staging"] == []


def test_the_run_cache_answers_only_its_own_source_with_default_options(tmp_path, monkeypatch):
    import pickle

    import kit.load
    from kit.load import RUN_CACHE_ENV, RUN_CACHE_KEY_ENV, run_cache_key

    data = tmp_path / "articles"
    data.mkdir()
    (data / "a.txt").write_text("Title\n\nSome text here.", encoding="utf-8")
    planted = pd.DataFrame({"article_id": ["planted"]})
    cache = tmp_path / "articles.pickle"
    cache.write_bytes(pickle.dumps(planted))
    monkeypatch.setenv(RUN_CACHE_ENV, str(cache))
    monkeypatch.setenv(RUN_CACHE_KEY_ENV, run_cache_key(str(data)))
    assert list(kit.load_articles(str(data))["article_id"]) == ["planted"]
    assert list(kit.load_articles(str(data), strict=True)["article_id"]) == ["a"]
    assert list(kit.load_articles(str(data / "a.txt"))["article_id"]) == ["a"]
    monkeypatch.setenv("KIT_OUTLET_FROM", "folder")  # another outlet rule: another key
    assert list(kit.load_articles(str(data))["article_id"]) == ["a"]
    monkeypatch.delenv("KIT_OUTLET_FROM")
    cache.write_bytes(b"not a pickle")
    assert list(kit.load_articles(str(data))["article_id"]) == ["a"]


def test_a_non_ascii_out_folder_is_shown_in_the_executed_notebook(stand, tmp_path):
    out = tmp_path / "out é 出力"
    assert stand(out).exit_code == 0
    executed = nbformat.read(str(out / "notebooks" / "01_a.ipynb"), as_version=4)
    assert executed.cells[-1].source == f"EXPORTS = {str(out)!r}"
    assert ".kit-staging-" not in (out / "notebooks" / "01_a.ipynb").read_text(encoding="utf-8").split('"papermill"')[0]
