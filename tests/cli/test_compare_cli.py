"""``split`` then ``compare`` as a user runs them: real ``python -m checker`` processes, whose
string hashing differs from run to run."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.process import ROOT, checker_process

DATA = ROOT / "tests" / "data" / "compare"


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
    assert split.code == 0, split.err
    assert "20 duplicate groups covering 40 examples" in split.out
    held_out = validation.read_text().splitlines()
    assert len(held_out) == 15
    assert not set(held_out) & set(train.read_text().splitlines())

    results = tmp_path / "results.csv"
    rows = [f"v{i},{int(i % 3 == 0)},{int(i % 3 != 1)}" for i in range(len(held_out))]
    results.write_text("id,baseline,candidate\n" + "\n".join(rows) + "\n")
    compare = checker_process("compare", str(results), "--format", "json")
    assert compare.code == 0, compare.err
    report = json.loads(compare.out)
    assert report["items"] == 15
    assert report["test"]["name"] == "exact McNemar test"


def test_compare_text_output_is_reproducible() -> None:
    first = checker_process("compare", str(DATA / "pass_fail.jsonl"), "--seed", "5")
    second = checker_process("compare", str(DATA / "pass_fail.jsonl"), "--seed", "5")
    assert first.code == 0, first.err
    assert first.out == second.out
    assert "(p = 0.1094, exact McNemar test)" in first.out
