"""The readiness commands as a user runs them: a real ``python -m checker`` process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def checker_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        check=False,
    )


def test_template_then_assess(tmp_path: Path) -> None:
    template = checker_process("template", "--format", "json")
    assert template.returncode == 0
    answers = json.loads(template.stdout)
    answers["dataset-identified"] = "no"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers))
    result = checker_process("assess", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # one blocker known, the rest unanswered: no verdict yet, but the blocker is already named
    assert report["verdict"] == "incomplete"
    assert report["blockers"][0]["id"] == "dataset-identified"


@pytest.mark.parametrize(
    "content",
    ['{"baseline-measurd": "yes"}', '{"rag-tried": "perhaps"}', "{oops", "[]"],
)
def test_bad_answers_give_one_line_and_exit_2(tmp_path: Path, content: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(content)
    result = checker_process("assess", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_package_imports_with_the_standard_library_only(tmp_path: Path) -> None:
    # -S skips site-packages, -I isolates from the environment: only the stdlib is importable.
    root = Path(__file__).resolve().parents[2]
    probe = "import checker; print(checker.assess({}).verdict)"
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            f"import sys; sys.path.insert(0, {str(root)!r}); {probe}",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "incomplete"


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "finetune-checker"
    assert script.exists(), "pip install -e . should install the finetune-checker command"
    result = subprocess.run([str(script), "criteria"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
