"""The release as a user outside the repository gets it: what the wheel and the sdist hold, and
that the wheel, installed alone in a fresh environment, runs every command."""

from __future__ import annotations

import subprocess
import tarfile
import tomllib
import zipfile
from pathlib import Path

import checker
from checker.commands import SUMMARIES
from checker.facts import load_facts
from checker.readiness.criteria import load_criteria
from tests.release.conftest import ROOT, Dist, load_script

DATA_FILES = {
    "checker/criteria.toml",
    "checker/facts.toml",
    "checker/py.typed",
    "checker/tokens/o200k_base.ranks.zlib",
    "checker/tokens/LICENSE-tiktoken",
}
DIST_INFO = {
    "METADATA",
    "WHEEL",
    "RECORD",
    "entry_points.txt",
    "top_level.txt",
    "licenses/LICENSE",
    "licenses/checker/tokens/LICENSE-tiktoken",
}
SDIST_TOP = {"LICENSE", "PKG-INFO", "README.md", "pyproject.toml", "setup.cfg", "checker"}


def _package_modules() -> set[str]:
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "checker").rglob("*.py")
        if "__pycache__" not in path.parts
    }


def test_the_wheel_holds_the_package_its_data_and_licences_and_nothing_else(dist: Dist) -> None:
    with zipfile.ZipFile(dist.wheel) as wheel:
        names = set(wheel.namelist())
    info = f"finetune_checker-{checker.__version__}.dist-info/"
    expected = _package_modules() | DATA_FILES | {info + name for name in DIST_INFO}
    assert sorted(names - expected) == []  # nothing else: no tests, hooks, docs or caches
    assert sorted(expected - names) == []  # everything the commands read at run time
    assert dist.wheel.name == f"finetune_checker-{checker.__version__}-py3-none-any.whl"


def test_the_sdist_holds_what_builds_the_wheel(dist: Dist) -> None:
    with tarfile.open(dist.sdist) as sdist:
        names = sdist.getnames()
    top = f"finetune_checker-{checker.__version__}"
    second = {name.split("/")[1] for name in names if name.count("/") >= 1 and name != top}
    assert second - {"finetune_checker.egg-info"} == SDIST_TOP
    assert f"{top}/checker/tokens/o200k_base.ranks.zlib" in names


def test_version_prints_the_package_criteria_and_facts_versions(
    installed: Path, tmp_path: Path
) -> None:
    smoke = load_script("smoke_wheel")
    ran = smoke.run_checker(installed, "--version", cwd=tmp_path)
    criteria, facts = load_criteria().version, load_facts().version
    assert (ran.code, ran.stderr) == (0, "")
    assert ran.stdout == (
        f"finetune-checker {checker.__version__} (criteria {criteria}, facts {facts})\n"
    )


def test_the_installed_checker_comes_from_the_environment_not_the_checkout(
    installed: Path, tmp_path: Path
) -> None:
    where = subprocess.run(
        [str(installed), "-I", "-c", "import checker; print(checker.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed.parents[1])
    assert not Path(where).is_relative_to(ROOT)


def test_every_command_runs_from_the_wheel_alone(installed: Path, tmp_path: Path) -> None:
    smoke = load_script("smoke_wheel")
    assert smoke.run_checks(installed, tmp_path) == []
    commands = {args[0] for _, args, _, _ in smoke.CHECKS if not args[0].startswith("-")}
    assert commands == set(SUMMARIES)  # every command the CLI lists


def test_a_cost_run_prints_a_dollar_figure(installed: Path, tmp_path: Path) -> None:
    smoke = load_script("smoke_wheel")
    (args,) = [args for what, args, _, _ in smoke.CHECKS if what == "cost"]
    ran = smoke.run_checker(installed, *args, cwd=tmp_path)
    assert ran.code == 0, ran.stderr
    assert smoke.DOLLARS.search(ran.stdout)


def test_the_version_is_written_once_in_the_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "checker.__version__"}


def test_the_installed_metadata_carries_the_package_version(
    installed: Path, tmp_path: Path
) -> None:
    script = "import importlib.metadata as m; print(m.version('finetune-checker'))"
    shown = subprocess.run(
        [str(installed), "-I", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert shown.stdout == f"{checker.__version__}\n"
