"""One build of the release per session, by the release workflow's own build steps (the sdist,
the wheel from it, twine check, the smoke test of the wheel alone), and the wheel installed alone
in a fresh environment outside the checkout. Every test in tests/release shares them."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
import yaml

import checker
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


WORKFLOW = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8"))
# What a checkout of the tag holds that the build job reads.
CHECKOUT = (*PROJECT_FILES, "CHANGELOG.md", PROJECT_PACKAGE, "scripts", "requirements")
# Installing the locked tools: the test environment has them from the same lock files.
INSTALL_STEP = "python -m pip install"


@dataclass(frozen=True)
class Dist:
    folder: Path
    sdist: Path
    wheel: Path
    checkout: Path
    steps: dict[str, subprocess.CompletedProcess[str]]  # each run step of the build job


def build_job_runs() -> list[str]:
    steps = WORKFLOW["jobs"]["build"]["steps"]
    return [s["run"] for s in steps if "run" in s and not s["run"].startswith(INSTALL_STEP)]


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Dist:
    """The release workflow's build job, its run steps in order under bash as GitHub runs them,
    on a clean copy of a checkout of the version's tag; ``python`` is this test environment's.
    The only build of the session."""
    checkout = tmp_path_factory.mktemp("checkout")
    for name in CHECKOUT:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
            shutil.copytree(ROOT / name, checkout / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, checkout / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["GITHUB_REF_NAME"] = f"v{checker.__version__}"
    steps = {}
    for run in build_job_runs():
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", run],
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, f"{run}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        steps[run] = done
    out = checkout / "dist"
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Dist(out, sdist, wheel, checkout, steps)


@pytest.fixture(scope="session")
def installed(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Python of a fresh environment, outside the checkout, holding only the wheel."""
    smoke = load_script("smoke_wheel")
    python: Path = smoke.install_wheel(dist.wheel, tmp_path_factory.mktemp("env") / "venv")
    return python
