"""Write and tidy the kit's notebooks.

    python tools/nbtools.py strip notebooks/*.ipynb   # remove outputs before committing

``new_notebook(cells)`` builds a notebook from ("md" | "code" | "parameters", source)
pairs; the notebooks in ``notebooks/`` were first written with it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell
from nbformat.v4 import new_notebook as _new


def new_notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = _new()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for kind, source in cells:
        source = source.strip("\n")
        if kind == "md":
            nb.cells.append(new_markdown_cell(source))
        else:
            cell = new_code_cell(source)
            if kind == "parameters":
                cell.metadata["tags"] = ["parameters"]
            nb.cells.append(cell)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    return nb


def strip(path: Path) -> bool:
    """Remove outputs and execution counts; return True when the file changed."""
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "code":
            if cell.outputs or cell.execution_count is not None:
                changed = True
            cell.outputs = []
            cell.execution_count = None
        for key in ("execution", "papermill"):
            if key in cell.metadata:
                del cell.metadata[key]
                changed = True
    for key in ("papermill", "widgets"):
        if key in nb.metadata:
            del nb.metadata[key]
            changed = True
    if changed:
        nbformat.write(nb, path)
    return changed


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "strip":
        sys.exit(__doc__)
    for p in sys.argv[2:]:
        if strip(Path(p)):
            print(f"stripped {p}")
