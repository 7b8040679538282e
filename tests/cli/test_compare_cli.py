"""``split`` then ``compare`` as a user runs them: a real ``python -m checker`` process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "compare"


def checker_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_split_then_compare(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    lines = [
        json.dumps({"messages": [{"role": "user", "content": f"Question {i % 40}"}]})
        for i in range(60)
    ]
    data.write_text("\n".join(lines) + "\n")
    train, validation = tmp_path / "train.jsonl", tmp_path / "validation.jsonl"
    split = checker_process(
        "split", str(data), "--validation-fraction", "0.25", "--seed", "1",
        "--out-train", str(train), "--out-validation", str(validation),
    )  # fmt: skip
    assert split.returncode == 0, split.stderr
    assert "20 duplicate group(s) covering 40 examples" in split.stdout
    held_out = validation.read_text().splitlines()
    assert len(held_out) == 15
    assert not set(held_out) & set(train.read_text().splitlines())

    results = tmp_path / "results.csv"
    rows = [f"v{i},{int(i % 3 == 0)},{int(i % 3 != 1)}" for i in range(len(held_out))]
    results.write_text("id,baseline,candidate\n" + "\n".join(rows) + "\n")
    compare = checker_process("compare", str(results), "--format", "json")
    assert compare.returncode == 0, compare.stderr
    report = json.loads(compare.stdout)
    assert report["items"] == 15
    assert report["test"]["name"] == "exact McNemar test"


def test_compare_text_output_is_reproducible() -> None:
    first = checker_process("compare", str(DATA / "pass_fail.jsonl"), "--seed", "5")
    second = checker_process("compare", str(DATA / "pass_fail.jsonl"), "--seed", "5")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    assert "exact McNemar test: p = 0.1094" in first.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["errors/dup_ids.csv"], "duplicate id 'x'"),
        (["errors/bad_score.csv"], "line 3: column 'candidate': cannot read 'maybe'"),
        (["errors/empty.jsonl"], "no rows"),
        (["errors/mixed.jsonl"], "mixes pass/fail"),
        (
            ["--baseline", "outputs/baseline.jsonl",
             "--candidate", "outputs/candidate_missing.jsonl",
             "--reference", "outputs/reference.jsonl"],
            "ids do not match",
        ),
    ],
)  # fmt: skip
def test_compare_errors_exit_2_with_one_line(args: list[str], message: str) -> None:
    argv = [str(DATA / arg) if "/" in arg else arg for arg in args]
    result = checker_process("compare", *argv)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_split_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text('{"prompt": "a"}\n{"prompt": "b"}\n')
    result = checker_process(
        "split", str(data), "--validation-fraction", "0.5",
        "--out-train", str(data), "--out-validation", str(tmp_path / "v.jsonl"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "refusing to overwrite" in result.stderr and result.stderr.count("\n") == 1
    assert data.read_text() == '{"prompt": "a"}\n{"prompt": "b"}\n'
