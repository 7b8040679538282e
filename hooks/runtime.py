"""The browser runtime the site serves itself: Pyodide's files and a wheel of ``checker``."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

from build import ProjectBuilder
from pyproject_hooks import quiet_subprocess_runner

# The files of the npm package `pyodide` a page needs to start Python (no optional packages).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
INSTALL_HINT = "run 'npm ci' in the project folder (or 'make serve' / 'make test', which do it)"


class RuntimeSetupError(Exception):
    """The browser runtime cannot be assembled; the message says how to fix it."""


def pyodide_dir(root: Path) -> Path:
    folder = root / "node_modules" / "pyodide"
    missing = [name for name in PYODIDE_FILES if not (folder / name).is_file()]
    if missing:
        raise RuntimeSetupError(
            f"Pyodide runtime files missing ({', '.join(missing)}): {INSTALL_HINT}"
        )
    return folder


def pyodide_version(root: Path) -> str:
    package = json.loads((pyodide_dir(root) / "package.json").read_text(encoding="utf-8"))
    return str(package["version"])


def source_digest(package: Path) -> str:
    """A digest of the package's files, so the wheel is rebuilt only when they change."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def checker_wheel(root: Path, cache: Path) -> Path:
    """Build (or reuse) a py3-none-any wheel of the project, the artifact Pyodide installs."""
    target = cache / source_digest(root / "checker")
    existing = sorted(target.glob("*-py3-none-any.whl"))
    if existing:
        return existing[0]
    with tempfile.TemporaryDirectory() as scratch:
        built = Path(ProjectBuilder(root, runner=quiet_subprocess_runner).build("wheel", scratch))
        if not built.name.endswith("-py3-none-any.whl"):
            raise RuntimeSetupError(f"expected a pure-Python wheel, got {built.name}")
        for stale in cache.glob("*"):  # wheels of earlier sources are never served again
            shutil.rmtree(stale, ignore_errors=True)
        target.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(built, target / built.name))
