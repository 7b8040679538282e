"""``python -m checker validate`` in a real process: exit codes, stdout, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "tests" / "data" / "datasets"
INVALID = ROOT / "tests" / "data" / "invalid-datasets"


def validate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", "validate", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_valid_pair_exits_0() -> None:
    result = validate(
        str(DATASETS / "sft-toolcall-train.jsonl"),
        "--validation",
        str(DATASETS / "sft-toolcall-validation.jsonl"),
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [f["examples"] for f in data["files"]] == [86, 10]


def test_broken_file_exits_1() -> None:
    result = validate(str(INVALID / "binary-file.jsonl"))
    assert result.returncode == 1
    assert "binary-file" in result.stdout


def test_missing_file_exits_2_without_traceback() -> None:
    result = validate("no-such-file.jsonl")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == "python -m checker: error: no-such-file.jsonl: no such file"


def test_unknown_model_exits_2_naming_known_models() -> None:
    result = validate(str(DATASETS / "sft-gsm8k-train.jsonl"), "--model", "gpt-7")
    assert result.returncode == 2
    assert "gpt-4o-mini" in result.stderr
    assert "Traceback" not in result.stderr


def test_pre_commit_style_several_files() -> None:
    result = validate(str(DATASETS / "sft-gsm8k-train.jsonl"), str(INVALID / "invalid-json.jsonl"))
    assert result.returncode == 1
    assert result.stdout.count("examples") >= 2
