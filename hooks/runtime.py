"""The browser runtime the site serves itself: Pyodide's files, a wheel of ``checker`` and, as
separate files, the tokenizer's vocabularies: they are most of the package's weight (1.7 MB) and
only the pages that count tokens need them, so the worker fetches them when counting starts and
writes them where the package would hold them (their sha256 is checked when they are read)."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
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
VOCABULARY_DIR = "checker/tokens"
VOCABULARY_SUFFIX = ".tiktoken.gz"
WHEEL_LAYOUT = "lazy-vocabulary"  # part of the cache key: wheels built before lack no file
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
    target = cache / f"{source_digest(root / 'checker')}-{WHEEL_LAYOUT}"
    existing = sorted(target.glob("*-py3-none-any.whl"))
    if existing:
        return existing[0]
    with tempfile.TemporaryDirectory() as scratch:
        built = Path(ProjectBuilder(root, runner=quiet_subprocess_runner).build("wheel", scratch))
        if not built.name.endswith("-py3-none-any.whl"):
            raise RuntimeSetupError(f"expected a pure-Python wheel, got {built.name}")
        without_vocabularies(built)
        for stale in cache.glob("*"):  # wheels of earlier sources are never served again
            shutil.rmtree(stale, ignore_errors=True)
        target.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(built, target / built.name))


def vocabulary_files(root: Path) -> list[Path]:
    """The vocabularies the site serves beside the wheel (``vocabulary/<name>``)."""
    return sorted((root / VOCABULARY_DIR).glob(f"*{VOCABULARY_SUFFIX}"))


def without_vocabularies(wheel: Path) -> None:
    """Rewrite ``wheel`` without the vocabularies (and their RECORD lines)."""

    def dropped(name: str) -> bool:
        return name.startswith(VOCABULARY_DIR + "/") and name.endswith(VOCABULARY_SUFFIX)

    lean = wheel.with_suffix(".lean")
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(lean, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if dropped(info.filename):
                continue
            data = source.read(info)
            if info.filename.endswith(".dist-info/RECORD"):
                lines = data.decode("utf-8").splitlines(keepends=True)
                data = "".join(ln for ln in lines if not dropped(ln.split(",", 1)[0])).encode()
            out.writestr(info, data)
    lean.replace(wheel)
