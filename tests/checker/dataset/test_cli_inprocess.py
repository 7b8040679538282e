"""``validate`` through ``checker.cli.main([...])``: exit codes, formats, several files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from tests.checker.dataset.helpers import DATASETS, INVALID, chat_lines


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_valid_file_exits_0_with_json_keys(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["validate", str(DATASETS / "sft-gsm8k-train.jsonl"), "--format", "json"]
    argv += ["--validation", str(DATASETS / "sft-gsm8k-validation.jsonl"), "--model", "gpt-4o"]
    code, out, err = run(argv, capsys)
    data = json.loads(out)
    assert code == 0, err
    assert {"format", "examples", "errors", "warnings", "stats", "findings", "verdict"} <= set(data)
    assert {"token_estimate_note", "checklist_evidence", "files"} <= set(data)
    assert data["stats"]["model"] == "gpt-4o"


def test_errors_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(INVALID / "bad-weight.jsonl")], capsys)
    assert code == 1
    assert out.startswith("FAIL")


def test_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    rft = str(DATASETS / "rft-countdown-train.jsonl")
    # --provider openai: Azure would want a validation file for RFT (exit 1)
    code, out, _ = run(["validate", rft, "--format=markdown", "--provider=openai"], capsys)
    assert code == 0
    assert out.startswith("# Dataset check")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "missing.jsonl"], "no such file"),
        (["validate", "."], "folder"),
        (["validate", "x.jsonl", "--model", "gpt-9"], "known models: gpt-4.1"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_validation_needs_a_single_train_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = DATASETS / "sft-gsm8k-train.jsonl"
    code, _, err = run(["validate", str(a), str(a), "--validation", str(a)], capsys)
    assert code == 2
    assert "--validation" in err


def test_several_files_each_checked_exit_is_the_worst(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(chat_lines(60)) + "\n", encoding="utf-8")
    bad = INVALID / "invalid-json.jsonl"
    code, out, _ = run(["validate", str(good), str(bad), "--format", "json"], capsys)
    reports = json.loads(out)
    assert code == 1
    assert [r["verdict"] for r in reports] == ["pass", "fail"]
    code, out, _ = run(["validate", str(good), str(good)], capsys)
    assert code == 0
    assert out.count("PASS") == 2


def test_no_arguments_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["validate"], capsys)
    assert code == 2
    assert "TRAIN" in err
