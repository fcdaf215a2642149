"""pyproject.toml and environment.yml list the same dependencies; CI runs the README's test command."""
from __future__ import annotations

import re
import tomllib

from kit.config import PROJECT_ROOT


def _name_and_bound(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*(.*)$", spec)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def pyproject_deps() -> dict[str, str]:
    meta = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = meta["dependencies"] + meta["optional-dependencies"]["test"]
    return dict(_name_and_bound(s) for s in specs)


def environment_deps() -> dict[str, str]:
    deps = {}
    text = (PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("\ndependencies:", 1)[1].splitlines():
        m = re.match(r"^\s+-\s+(?!pip:)([^\s#]+)\s*$", line)
        if m and not m.group(1).startswith("-e"):
            name, bound = _name_and_bound(m.group(1))
            if name not in ("python", "pip"):
                deps[name] = bound
    return deps


def test_environment_yml_and_pyproject_list_the_same_dependencies():
    assert environment_deps() == pyproject_deps()


def test_ci_runs_the_readme_test_command():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = [line for line in ci.splitlines() if line.startswith("python3 -m venv")]
    assert len(command) == 1 and command[0] in readme
