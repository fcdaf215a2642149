"""The record of a run (kit/record.py): run.json, its comparison with the last run, its HTML."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.record import RECORD, compare_records, file_digest, input_files, read_record, record_html, write_record
from kit.run import NotebookRun, RunResult

ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # sha256(b"abc")


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(b"abc")
    (folder / "sub" / "b.md").write_bytes(b"")
    (folder / ".hidden").write_bytes(b"x")
    return folder


def test_file_digest():
    assert file_digest(Path(__file__)) == file_digest(str(Path(__file__)))


def test_input_files_sizes_and_hashes(tmp_path):
    folder = corpus(tmp_path)
    assert input_files(folder) == [
        {"path": "a.txt", "bytes": 3, "sha256": ABC},
        {"path": "sub/b.md", "bytes": 0, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]
    assert input_files(folder / "a.txt") == [{"path": "a.txt", "bytes": 3, "sha256": ABC}]
    assert [f["path"] for f in input_files(str(folder / "*.txt"))] == ["a.txt"]


def record(**changes):
    base = {"kit": {"version": "0.1.0", "commit": "abc", "python": "3.11"}, "libraries": {"pandas": "2.2"},
            "notebooks": [{"name": "01", "parameters": {"DATA": "d", "TOP_N": 20, "EXPORTS": "x"}}],
            "inputs": [{"path": "a.txt", "bytes": 3, "sha256": ABC}], "outputs": {"01/c.png": "1"},
            "finished": "2026-01-01T00:00:00+00:00"}
    base.update(changes)
    return base


@pytest.mark.parametrize("changes, same_inputs, same_outputs, differences", [
    ({}, True, True, []),
    ({"notebooks": [{"name": "01", "parameters": {"DATA": "d", "TOP_N": 20, "EXPORTS": "elsewhere"}}]},
     True, True, []),  # another output folder is not a difference in the analysis
    ({"inputs": [{"path": "a.txt", "bytes": 3, "sha256": "0"}]}, False, True, ["input changed: a.txt"]),
    ({"inputs": [], "outputs": {}}, False, False, ["input removed: a.txt", "output removed: 01/c.png"]),
    ({"libraries": {"pandas": "2.3"}}, True, True, ["pandas: 2.2 -> 2.3"]),
    ({"kit": {"version": "0.1.0", "commit": "def", "python": "3.11"}}, True, True, ["kit commit: abc -> def"]),
    ({"notebooks": [{"name": "01", "parameters": {"DATA": "d", "TOP_N": 10, "EXPORTS": "x"}}]}, True, True,
     ["01 parameter TOP_N: 20 -> 10"]),
    ({"outputs": {"01/c.png": "2"}}, True, False, ["output differs: 01/c.png"]),
])
def test_compare_records(changes, same_inputs, same_outputs, differences):
    got = compare_records(record(), record(**changes))
    assert got == {"previous": "2026-01-01T00:00:00+00:00", "same_inputs": same_inputs,
                   "same_outputs": same_outputs, "differences": differences}


def test_write_record_then_a_rerun_says_nothing_differs(tmp_path):
    data = corpus(tmp_path)
    out = tmp_path / "out"
    nb = Path(__file__).resolve().parent.parent / "notebooks" / "01_corpus_overview.ipynb"
    result = RunResult(out=out, data=str(data), formats=("png",), articles=1, files=2, seconds=3.0,
                       notebooks=[NotebookRun(name=nb.stem, path=nb, executed=out / "x.ipynb", ok=True)])
    (out / nb.stem).mkdir(parents=True)
    (out / nb.stem / "chart.csv").write_text("a\n1\n")
    first = json.loads(write_record(result).read_text())
    assert sorted(p.name for p in out.iterdir()) == [nb.stem, RECORD]
    assert first["inputs"][0] == {"path": "a.txt", "bytes": 3, "sha256": ABC}
    assert first["notebooks"][0]["parameters"] == {"DATA": str(data), "EXPORTS": str(out), "FORMATS": "png"}
    assert first["outputs"] == {f"{nb.stem}/chart.csv": file_digest(out / nb.stem / "chart.csv")}
    assert set(first["libraries"]) >= {"textstat", "pandas", "scikit-learn", "numpy"}
    assert first["kit"]["version"] and "compared" not in first
    second = json.loads(write_record(result).read_text())
    assert second["compared"]["differences"] == [] and second["compared"]["same_inputs"]
    (data / "a.txt").write_bytes(b"abcd")
    third = read_record(out) if False else json.loads(write_record(result).read_text())
    assert third["compared"]["differences"] == ["input changed: a.txt"]
    page = record_html(out)
    assert "input changed: a.txt" in page and "different inputs" in page and ABC not in page


def test_record_html_escapes(tmp_path):
    (tmp_path / RECORD).write_text(json.dumps({
        "kit": {"version": "<b>", "commit": None}, "libraries": {"x": "<i>"},
        "inputs": [{"path": "<img src=x onerror=alert(1)>.txt", "bytes": 1, "sha256": "0"}],
        "notebooks": [{"path": "n.ipynb", "parameters": {"DATA": "<script>"}}]}))
    page = record_html(tmp_path)
    assert "<img" not in page and "<script" not in page and "<b>" not in page and "&lt;img src=x" in page
    assert record_html(tmp_path / "none") == ""
