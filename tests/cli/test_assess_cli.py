"""The readiness commands as a user runs them: a real ``python -m checker`` process, the
installed console script, and the package on the standard library alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli.process import ROOT, checker_process


def test_template_then_assess(tmp_path: Path) -> None:
    template = checker_process("template", "--format", "json")
    assert template.code == 0
    answers = json.loads(template.out)
    answers["dataset-identified"] = "no"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers))
    result = checker_process("assess", str(path), "--format", "json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    # one blocker known, the rest unanswered: no verdict yet, but the blocker is already named
    assert report["verdict"] == "incomplete"
    assert report["blockers"][0]["id"] == "dataset-identified"


def test_package_imports_with_the_standard_library_only(tmp_path: Path) -> None:
    # -S skips site-packages, -I isolates from the environment: only the stdlib is importable.
    probe = "import checker; print(checker.assess({}).verdict)"
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            f"import sys; sys.path.insert(0, {str(ROOT)!r}); {probe}",
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
    result = subprocess.run(
        [str(script), "criteria"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0
