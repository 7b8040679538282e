"""One build of the release per session: the sdist, then the wheel from it, as the release
workflow builds them, and the wheel installed alone in a fresh environment outside the checkout.

Building and installing take seconds; every test in tests/release shares them."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from runtime import PROJECT_FILES, PROJECT_PACKAGE

ROOT = Path(__file__).resolve().parents[2]


def load_script(name: str) -> ModuleType:
    """A script from scripts/ as a module (they are run as files, not imported as a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Dist:
    folder: Path
    sdist: Path
    wheel: Path


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """``python -m build`` on a clean copy of what a checkout holds for the package."""
    source = tmp_path_factory.mktemp("source")
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(
        ROOT / PROJECT_PACKAGE,
        source / PROJECT_PACKAGE,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Dist(out, sdist, wheel)


@pytest.fixture(scope="session")
def installed(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a fresh environment, outside the checkout, holding only the wheel."""
    smoke = load_script("smoke_wheel")
    python: Path = smoke.install_wheel(dist.wheel, tmp_path_factory.mktemp("env") / "venv")
    return python
