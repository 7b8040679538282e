"""What ``fix`` says about what it left out: every dropped line is written to the dropped file
with the line it repeats (a validation example names its training line), and conflicting labels
(one prompt, word for word, with two answers) are listed, not dropped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.checker.cli_run import run

DATASETS = Path(__file__).resolve().parents[2] / "data" / "datasets"


def gsm8k(count: int) -> list[dict[str, object]]:
    text = (DATASETS / "sft-gsm8k-train.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()[:count]]


def write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def with_answer(record: dict[str, object], answer: str) -> dict[str, object]:
    copy: dict[str, Any] = json.loads(json.dumps(record))
    copy["messages"][-1]["content"] = answer
    return copy


def test_overlap_names_the_training_line_and_goes_to_the_dropped_file(tmp_path: Path) -> None:
    train = gsm8k(12)
    validation = [with_answer(train[4], "Another answer."), *gsm8k(14)[12:]]
    ran = run([
        "fix", str(write(tmp_path / "train.jsonl", train)),
        "--validation", str(write(tmp_path / "valid.jsonl", validation)),
        "--validation-out", str(tmp_path / "valid.fixed.jsonl"),
        "-o", str(tmp_path / "train.fixed.jsonl"),
    ])  # fmt: skip
    assert ran.code in (0, 1), ran.err
    assert (
        "validation: validation example with the prompt of a training example dropped from "
        "validation (answers may differ; the dropped file names the training line): 1 (line 1)"
        in ran.out
    )
    assert "1 line dropped (kept in the dropped file)" in ran.out
    assert (
        "Validation lines dropped for a prompt in training (the training line in brackets): "
        "1 (train 5)" in ran.out
    )
    log = json.loads((tmp_path / "train.fixed.changes.json").read_text())
    assert log["validation_prompts_in_training"] == [{"validation_line": 1, "train_line": 5}]
    dropped = [json.loads(line) for line in (tmp_path / "train.fixed.dropped.jsonl").open()]
    assert dropped == [
        {
            "file": "validation",
            "line": 1,
            "same_as": "the prompt of train line 5",
            "text": json.dumps(validation[0]),
        }
    ]


def test_copies_go_to_the_dropped_file_and_conflicts_are_listed(tmp_path: Path) -> None:
    records = gsm8k(12)
    records += [records[2], with_answer(records[6], "The answer is 42.")]  # lines 13 and 14
    ran = run(["fix", str(write(tmp_path / "t.jsonl", records)), "-o", str(tmp_path / "o.jsonl")])
    assert ran.code in (0, 1), ran.err
    assert (
        "Conflicting labels (the same prompt word for word, another answer; kept: decide which "
        "is right): train line 14 (as line 7)" in ran.out
    )
    dropped = [json.loads(line) for line in (tmp_path / "o.dropped.jsonl").open()]
    assert [(d["line"], d["same_as"]) for d in dropped] == [(13, "the same line as train line 3")]
    log = json.loads((tmp_path / "o.changes.json").read_text())
    assert log["conflicting_labels"] == [{"file": "train", "line": 14, "same_prompt_as_line": 7}]
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 13  # the conflict is kept
