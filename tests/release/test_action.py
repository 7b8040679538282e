"""The GitHub Action as a workflow runs it: each step of action.yml, its ``run`` under bash with
its ``env`` (inputs filled in), installing the release from the wheel built in this session
instead of PyPI (pip's own PIP_NO_INDEX and PIP_FIND_LINKS), and its annotations read back."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

import checker
from tests.release.conftest import ROOT, Dist

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
INPUT = re.compile(r"^\$\{\{ inputs\.([a-z-]+) \}\}$")
ANNOTATION = re.compile(
    r"^::(error|warning) file=([^,]+)(?:,line=(\d+))?,title=([a-z0-9-]+)::(.+)$"
)


@dataclass(frozen=True)
class Step:
    code: int
    stdout: str
    stderr: str


def _step_env(step: dict[str, Any], inputs: dict[str, str]) -> dict[str, str]:
    env = {}
    for name, value in step.get("env", {}).items():
        found = INPUT.match(value)
        assert found, f"{name}: an action's env value is one input, nothing else"
        key = found.group(1)
        env[name] = inputs.get(key, ACTION["inputs"][key].get("default", ""))
    return env


def run_step(index: int, inputs: dict[str, str], runner_temp: Path, cwd: Path, dist: Dist) -> Step:
    step = ACTION["runs"]["steps"][index]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {
        "GITHUB_ACTION_PATH": str(ROOT),
        "RUNNER_TEMP": str(runner_temp),
        "PIP_NO_INDEX": "1",  # the release comes from this session's wheel, not from PyPI
        "PIP_FIND_LINKS": str(dist.folder),
    }
    env |= _step_env(step, {"python": sys.executable, **inputs})
    assert step["shell"] == "bash"
    done = subprocess.run(
        ["bash", "-c", step["run"]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return Step(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def runner_temp(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The action's install step, run once: the pinned release in its own environment."""
    temp = tmp_path_factory.mktemp("runner-temp")
    installed = run_step(0, {}, temp, temp, dist)
    assert installed.code == 0, installed.stdout + installed.stderr
    assert installed.stdout.startswith(f"finetune-checker {checker.__version__} (criteria ")
    return temp


def _chat(text: str) -> str:
    reply = {"role": "assistant", "content": f"About {text}."}
    return json.dumps({"messages": [{"role": "user", "content": text}, reply]}) + "\n"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    data = tmp_path / "data" / "chat"
    data.mkdir(parents=True)
    examples = "".join(_chat(f"question {n}") for n in range(12))
    (data / "train.jsonl").write_text(examples, encoding="utf-8")
    (data / "broken.jsonl").write_text(examples + '{"messages": [\n', encoding="utf-8")
    return tmp_path


def _annotations(stdout: str) -> list[tuple[str | None, ...]]:
    return [m.groups() for m in map(ANNOTATION.match, stdout.splitlines()) if m is not None]


def test_every_step_is_a_script_the_tests_run_with_inputs_as_environment() -> None:
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    script = '"$GITHUB_ACTION_PATH/scripts/action_validate.py"'
    assert [step["run"] for step in steps] == [
        f'"$PYTHON" {script} install',
        f'"$PYTHON" {script} validate',
    ]
    assert all("${{" not in step["run"] for step in steps)  # no input pasted into a command
    assert {"files", "provider", "model", "method", "fail-on-warnings"} <= set(ACTION["inputs"])


def test_a_file_with_an_error_gets_error_annotations_on_its_lines(
    dist: Dist, runner_temp: Path, workspace: Path
) -> None:
    ran = run_step(1, {"files": "data/**/*.jsonl"}, runner_temp, workspace, dist)
    assert ran.code == 1, ran.stdout + ran.stderr
    errors = [a for a in _annotations(ran.stdout) if a[0] == "error"]
    assert ("error", "data/chat/broken.jsonl", "13", "invalid-json") in [a[:4] for a in errors]
    assert all(a[1] == "data/chat/broken.jsonl" for a in errors)  # the clean file has none
    assert re.search(r"not valid JSON", ran.stdout)


def test_warnings_fail_the_step_only_when_asked(
    dist: Dist, runner_temp: Path, workspace: Path
) -> None:
    files = {"files": "data/chat/train.jsonl", "provider": "openai"}
    lenient = run_step(1, files, runner_temp, workspace, dist)
    strict = run_step(1, {**files, "fail-on-warnings": "true"}, runner_temp, workspace, dist)
    warned = [  # OpenAI's wind-down is a lifecycle warning on every file checked for it
        ("warning", "data/chat/train.jsonl", None, "few-examples"),
        ("warning", "data/chat/train.jsonl", None, "model-lifecycle"),
    ]
    assert [a[:4] for a in _annotations(lenient.stdout)] == warned
    assert lenient.code == 0
    assert strict.code == 1
    assert "fail-on-warnings" in strict.stdout


def test_a_missing_file_and_an_unknown_model_are_annotated_errors(
    dist: Dist, runner_temp: Path, workspace: Path
) -> None:
    missing = run_step(1, {"files": "data/none.jsonl"}, runner_temp, workspace, dist)
    assert missing.code == 2
    assert re.search(r"^::error title=finetune-checker::.*data/none\.jsonl", missing.stdout, re.M)
    model = {"files": "data/chat/train.jsonl", "model": "no-such-model"}
    unknown = run_step(1, model, runner_temp, workspace, dist)
    assert unknown.code == 2
    assert re.search(r"^::error title=finetune-checker::.*no-such-model", unknown.stdout, re.M)
    nothing = run_step(1, {"files": "data/*.csv"}, runner_temp, workspace, dist)
    assert (nothing.code, nothing.stdout) == (
        2,
        "::error title=finetune-checker::no file matches the files input\n",
    )
