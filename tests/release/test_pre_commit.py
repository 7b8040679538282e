"""The pre-commit hook as a team's repository uses it: ``pre-commit try-repo`` installs the hook
from this repository (.pre-commit-hooks.yaml) into its own environment and runs it on files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.release.conftest import ROOT

HOOK_ID = "validate-finetune-dataset"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, timeout=60)


def _chat(question: str, answer: str) -> str:
    turns = [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return json.dumps({"messages": turns}) + "\n"


def test_the_hook_is_declared_for_jsonl_files() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == HOOK_ID
    assert hook["language"] == "python"  # pre-commit installs this repository as the package
    assert hook["entry"].startswith("python -m checker validate")


def test_try_repo_stops_a_broken_dataset_and_names_its_line(tmp_path: Path) -> None:
    team = tmp_path / "team"
    (team / "data").mkdir(parents=True)
    good = "".join(_chat(f"What is {n} squared?", f"{n * n}.") for n in range(12))
    (team / "data" / "train.jsonl").write_text(good, encoding="utf-8")
    (team / "data" / "broken.jsonl").write_text(good + "{oops\n", encoding="utf-8")
    (team / "notes.txt").write_text("not a dataset\n", encoding="utf-8")
    _git(team, "init", "--quiet")
    _git(team, "add", ".")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-cache")
    ran = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), HOOK_ID, "--all-files"],
        cwd=team,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = ran.stdout + ran.stderr
    assert ran.returncode == 1, output
    assert "validate fine-tuning dataset" in output and "Failed" in output
    assert "data/broken.jsonl:13:" in output  # --format lines: path:line: message
    assert not re.search(r"^data/train\.jsonl:\d+: error", output, re.MULTILINE)
    assert "notes.txt" not in output  # only .jsonl files are checked
