"""``python -m checker validate`` in a real process: the interpreter's exit status for a pass
and a fail, and reports on a real stdout. Refusals are tested in process
(tests/checker/dataset/test_cli_inprocess.py)."""

from __future__ import annotations

import json

from tests.cli.process import ROOT, checker_process

DATASETS = ROOT / "tests" / "data" / "datasets"
INVALID = ROOT / "tests" / "data" / "invalid-datasets"


def test_valid_pair_exits_0() -> None:
    result = checker_process(
        "validate",
        str(DATASETS / "sft-toolcall-train.jsonl"),
        "--validation",
        str(DATASETS / "sft-toolcall-validation.jsonl"),
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert [f["examples"] for f in data["files"]] == [86, 10]


def test_broken_file_exits_1() -> None:
    result = checker_process("validate", str(INVALID / "binary-file.jsonl"))
    assert result.code == 1
    assert "binary-file" in result.out
