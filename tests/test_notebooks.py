"""Every notebook runs top to bottom headless, on the sample and on another corpus,
and exports non-empty charts (PNG and SVG) with their tables."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.config import notebooks_dir
from kit.run import find_notebooks

NOTEBOOKS = find_notebooks()  # the numbered notebooks, as `python -m kit run` finds them


def _ids(paths):
    return [p.stem for p in paths]


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
    assert 'DATA = "../data/articles"' in params and "EXPORTS" in params


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
        cwd=str(path.parent), kernel_name="python3", progress_bar=False,
    )
    folder = exports / path.stem
    pngs, svgs = sorted(folder.glob("*.png")), sorted(folder.glob("*.svg"))
    assert pngs, f"{path.name} exported no PNG into {folder}"
    assert [p.stem for p in pngs] == [p.stem for p in svgs]
    for chart in pngs + svgs:
        assert chart.stat().st_size > 1000, f"{chart.name} is (nearly) empty"
    for chart in pngs:
        assert (folder / f"{chart.stem}.csv").exists(), f"{chart.name} has no table behind it"
