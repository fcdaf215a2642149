"""Rerun every notebook on a folder of articles (``python -m kit run``)."""
from __future__ import annotations

from pathlib import Path

from kit.config import data_dir, exports_dir, notebooks_dir


def run_notebooks(*, data: str | Path | None = None, out: str | Path | None = None,
                  formats: str = "png,svg") -> int:
    """Execute every numbered notebook with papermill, writing into ``out``.

    Returns 0 when every notebook ran, 1 otherwise.
    """
    import papermill as pm

    data = str(Path(data or data_dir()).resolve())
    out = Path(out or exports_dir()).resolve()
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    failed = 0
    for nb in sorted(notebooks_dir().glob("[0-9]*.ipynb")):
        try:
            pm.execute_notebook(str(nb), str(out / "notebooks" / nb.name),
                                parameters={"DATA": data, "EXPORTS": str(out), "FORMATS": formats},
                                cwd=str(nb.parent), kernel_name="python3", progress_bar=False)
            print(f"ran {nb.name}")
        except pm.PapermillExecutionError as e:
            failed += 1
            print(f"FAILED {nb.name}, cell {e.exec_count}: {e.ename}: {e.evalue}")
    print(f"outputs in {out}")
    return 1 if failed else 0
