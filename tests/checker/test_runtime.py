"""The package keeps its promise to run anywhere CPython 3.11+ runs, Pyodide included.

These tests run on the host and, through tests/pyodide/run_tests.mjs, on Pyodide itself,
where they inspect the installed wheel rather than the source tree.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import checker

# Import fine in Pyodide but cannot do their job there: no threads, processes or sockets.
UNUSABLE_IN_PYODIDE = frozenset(
    {"threading", "subprocess", "multiprocessing", "socket", "ctypes", "concurrent"}
)
# Standard-library modules that Pyodide 314.0.7 does not ship at all (ModuleNotFoundError).
MISSING_IN_PYODIDE = frozenset(
    {
        "curses",
        "dbm",
        "ensurepip",
        "idlelib",
        "pydoc_data",
        "readline",
        "test",
        "tkinter",
        "turtle",
        "venv",
    }
)
PACKAGE_DIR = Path(checker.__file__).parent
SOURCES = sorted(PACKAGE_DIR.rglob("*.py"))


def imported_modules(source: Path) -> Iterator[tuple[int, str]]:
    """Line and absolute name of every module the file imports (relative imports excluded)."""
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=str(source))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_sources_found() -> None:
    assert PACKAGE_DIR / "__init__.py" in SOURCES
    assert len(SOURCES) > 1


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE_DIR)))
def test_imports_only_usable_standard_library(source: Path) -> None:
    problems = []
    for line, name in imported_modules(source):
        top = name.partition(".")[0]
        if top == "checker":
            continue
        if top not in sys.stdlib_module_names:
            problems.append(f"line {line}: {name} is not in the standard library")
        elif top in UNUSABLE_IN_PYODIDE:
            problems.append(f"line {line}: {name} does not work in Pyodide")
        elif top in MISSING_IN_PYODIDE:
            problems.append(f"line {line}: {name} is not shipped with Pyodide")
    assert not problems, f"{source.name}: " + "; ".join(problems)


def test_fresh_import_loads_only_standard_library() -> None:
    """Import every checker module from scratch and look at what came in with it."""
    saved = {
        name: module
        for name, module in sys.modules.items()
        if name == "checker" or name.startswith("checker.")
    }
    for name in saved:
        del sys.modules[name]
    before = set(sys.modules)
    try:
        fresh = importlib.import_module("checker")
        for info in pkgutil.walk_packages(fresh.__path__, "checker."):
            if not info.name.endswith(".__main__"):  # running it would start the CLI
                importlib.import_module(info.name)
        new = set(sys.modules) - before
    finally:
        for name in [n for n in sys.modules if n == "checker" or n.startswith("checker.")]:
            del sys.modules[name]
        sys.modules.update(saved)

    assert {"checker", "checker.cli"} <= new
    outside = sorted(
        name for name in new if name.partition(".")[0] not in sys.stdlib_module_names | {"checker"}
    )
    assert not outside, f"importing checker pulled in non-standard modules: {outside}"
    unusable = sorted(name for name in new if name.partition(".")[0] in UNUSABLE_IN_PYODIDE)
    assert not unusable, f"importing checker pulled in modules Pyodide cannot use: {unusable}"
