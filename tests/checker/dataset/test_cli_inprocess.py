"""``validate`` through ``checker.cli.main([...])``: exit codes, formats, several files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.checker.cli_run import assert_refused, run
from tests.checker.dataset.helpers import DATASETS, INVALID, chat_lines


def test_valid_file_exits_0_with_json_keys() -> None:
    argv = ["validate", str(DATASETS / "sft-gsm8k-train.jsonl"), "--format", "json"]
    argv += ["--validation", str(DATASETS / "sft-gsm8k-validation.jsonl"), "--model", "gpt-4o"]
    code, out, err = run(argv)
    data = json.loads(out)
    assert code == 0, err
    assert {"format", "examples", "errors", "warnings", "stats", "findings", "verdict"} <= set(data)
    assert {"token_estimate_note", "checklist_evidence", "files"} <= set(data)
    assert data["stats"]["model"] == "gpt-4o"


def test_errors_exit_1() -> None:
    code, out, _ = run(["validate", str(INVALID / "bad-weight.jsonl")])
    assert code == 1
    assert out.startswith("FAIL")


def test_markdown() -> None:
    rft = str(DATASETS / "rft-countdown-train.jsonl")
    # --provider openai: Azure would want a validation file for RFT (exit 1)
    code, out, _ = run(["validate", rft, "--format=markdown", "--provider=openai"])
    assert code == 0
    assert out.startswith("# Dataset check")


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (["validate", "missing.jsonl"], ["no such file"]),
        (["validate", "."], ["folder"]),
        (["validate", "x.jsonl", "--model", "gpt-9"], ["known models: gpt-4.1", "gpt-4o-mini"]),
        (["validate"], ["TRAIN"]),
    ],
)
def test_unusable_input_exits_2_with_one_line(argv: list[str], fragments: list[str]) -> None:
    assert_refused(run(argv), *fragments)


def test_a_missing_file_is_named_in_one_line() -> None:
    assert run(["validate", "no-such-file.jsonl"]).err == (
        "python -m checker: error: no-such-file.jsonl: no such file\n"
    )


def test_validation_needs_a_single_train_file(tmp_path: Path) -> None:
    a = DATASETS / "sft-gsm8k-train.jsonl"
    assert_refused(run(["validate", str(a), str(a), "--validation", str(a)]), "--validation")


def test_several_files_each_checked_exit_is_the_worst(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(chat_lines(60)) + "\n", encoding="utf-8")
    bad = INVALID / "invalid-json.jsonl"
    code, out, _ = run(["validate", str(good), str(bad), "--format", "json"])
    reports = json.loads(out)
    assert code == 1
    assert [r["verdict"] for r in reports] == ["pass", "fail"]
    code, out, _ = run(["validate", str(good), str(good)])
    assert code == 0
    assert out.count("PASS") == 2
