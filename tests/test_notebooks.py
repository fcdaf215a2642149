"""Every notebook runs top to bottom headless, on the sample and on another corpus,
from the project folder and from ``notebooks/``, and exports non-empty charts (PNG and
SVG) with their tables, no placeholder figures, and a summary in words."""
from __future__ import annotations

import ast
import json
import logging
from pathlib import Path

import pytest

from kit.config import PROJECT_ROOT, notebooks_dir
from kit.run import find_notebooks

NOTEBOOKS = find_notebooks()  # the numbered notebooks, as `python -m kit run` finds them


def _ids(paths):
    return [p.stem for p in paths]


def _code(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def test_there_are_notebooks():
    assert [p.stem for p in NOTEBOOKS][:1] == ["01_corpus_overview"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_committed_without_outputs_and_with_parameters(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), \
        f"{path.name} has outputs: run python tools/nbtools.py strip {path}"
    assert "parameters" in code[0].get("metadata", {}).get("tags", []), "first code cell must be tagged parameters"
    params = "".join(code[0]["source"])
    # None: the kit's defaults (KIT_DATA / KIT_EXPORTS, else the project's folders), never a ../ literal
    assert "DATA = None" in params and "EXPORTS = None" in params and "../" not in params


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_papermill_parses_every_parameter(path: Path, caplog):
    from papermill.translators import PythonTranslator

    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "code")
    with caplog.at_level(logging.WARNING, logger="papermill"):
        names = [p.name for p in PythonTranslator.inspect({"source": "".join(cell["source"])})]
    assert not [r.getMessage() for r in caplog.records], "papermill cannot parse a parameter line"
    assert names[:3] == ["DATA", "EXPORTS", "FORMATS"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebooks_hold_no_helper_functions_or_classes(path: Path):
    for source in _code(path):
        tree = ast.parse("\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))))
        defined = [n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
        assert not defined, f"{path.name} defines {defined}: move them into kit/ with a test"


def _check_exports(folder: Path) -> None:
    pngs, svgs = sorted(folder.glob("*.png")), sorted(folder.glob("*.svg"))
    assert pngs, f"exported no PNG into {folder}"
    assert [p.stem for p in pngs] == [p.stem for p in svgs]
    for chart in pngs + svgs:
        assert chart.stat().st_size > 1000, f"{chart.name} is (nearly) empty"
    for chart in pngs:
        assert (folder / f"{chart.stem}.csv").exists(), f"{chart.name} has no table behind it"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["exports"]:
        if entry.get("reason"):  # nothing to show: a reason, no placeholder figure
            assert entry["files"] == [] and not list(folder.glob(f"{entry['name']}.png")), entry
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["text"]) > 40


@pytest.mark.notebook
@pytest.mark.parametrize("dataset", ["sample", "other"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=_ids(NOTEBOOKS))
def test_notebook_runs_and_exports(path: Path, dataset: str, other_corpus_dir, tmp_path):
    import papermill as pm

    data = str(notebooks_dir().parent / "data" / "articles") if dataset == "sample" else str(other_corpus_dir)
    exports = tmp_path / "exports"
    pm.execute_notebook(
        str(path), str(tmp_path / path.name),
        parameters={"DATA": data, "EXPORTS": str(exports), "FORMATS": "png,svg"},
        # from notebooks/ (as JupyterLab runs it) for the sample, from the project folder for the other
        cwd=str(path.parent if dataset == "sample" else PROJECT_ROOT), kernel_name="python3", progress_bar=False,
    )
    _check_exports(exports / path.stem)


@pytest.mark.notebook
def test_defaults_follow_kit_data_and_kit_exports_from_the_project_folder(other_corpus_dir, tmp_path, monkeypatch):
    """No parameters given: the notebook reads $KIT_DATA and writes into $KIT_EXPORTS."""
    import papermill as pm

    monkeypatch.setenv("KIT_DATA", str(other_corpus_dir))
    monkeypatch.setenv("KIT_EXPORTS", str(tmp_path / "exports"))
    path = NOTEBOOKS[0]
    out = pm.execute_notebook(str(path), str(tmp_path / path.name), cwd=str(PROJECT_ROOT),
                              kernel_name="python3", progress_bar=False)
    _check_exports(tmp_path / "exports" / path.stem)
    printed = "".join(o.get("text", "") for c in out.cells if c.cell_type == "code" for o in c.outputs)
    assert "36 articles loaded" in printed
