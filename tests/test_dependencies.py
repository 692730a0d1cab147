"""Every third-party module the package imports is a declared dependency.

A module that only arrives with the test extras (``platformdirs`` did, through a
test tool) works in every developer's venv and fails on a user's fresh install: README
command 1 ended in ``ModuleNotFoundError``.  This test reads every import in ``src/``.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "mic2025"


def _imported_top_levels() -> set[str]:
    names: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"mic2025", "__future__"}


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in ("postgres", "spark"):
        wanted += project["optional-dependencies"][extra]
    return {_normal(re.split(r"[\[<>=!~; ]", w, maxsplit=1)[0]) for w in wanted}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_imported_module_is_declared() -> None:
    owners = packages_distributions()
    undeclared = {}
    for module in sorted(_imported_top_levels()):
        dists = {_normal(d) for d in owners.get(module, [module])}
        if not dists & _declared():
            undeclared[module] = sorted(dists)
    assert not undeclared, f"imported but not in pyproject dependencies: {undeclared}"
