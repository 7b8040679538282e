"""The incremental session and validate_dataset's inputs: lines, bytes, chunks, protocol."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import checker
from checker.dataset import DatasetSession, validate_dataset
from checker.errors import InputError
from tests.checker.dataset.helpers import DATASETS, chat_line, chat_lines


def test_exports_from_the_package() -> None:
    assert checker.validate_dataset is validate_dataset
    assert checker.DatasetSession is DatasetSession
    assert "DatasetReport" in checker.__all__


def test_lines_as_str_bytes_and_path_agree(tmp_path: Path) -> None:
    lines = chat_lines(12)
    path = tmp_path / "train.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    as_str = validate_dataset(lines).to_dict()
    as_bytes = validate_dataset([line.encode() + b"\n" for line in lines]).to_dict()
    as_path = validate_dataset(path).to_dict()
    for data in (as_str, as_bytes, as_path):
        data["files"][0]["name"] = "x"
        data["files"][0]["bytes"] = 0
    assert as_str == as_bytes == as_path
    assert as_str["examples"] == 12


def test_a_line_split_across_chunks_and_a_bom_only_at_the_start() -> None:
    data = ("\ufeff" + "\n".join(chat_lines(12)) + "\n").encode()
    session = DatasetSession()
    session.begin("train", name="t.jsonl", size=len(data))
    session.feed(data[:1])
    session.feed(data[1:2])
    for start in range(2, len(data), 100):
        session.feed(data[start : start + 100])
    progress = session.progress()
    assert progress["bytes_read"] == len(data)
    assert progress["fraction"] == 1.0
    report = session.finish().to_dict()
    assert report["errors"] == 0
    assert report["files"][0]["byte_order_mark"] is True


def test_progress_counts_examples_as_they_arrive() -> None:
    session = DatasetSession()
    assert session.progress()["file"] is None
    session.begin("train")
    session.feed(("\n".join(chat_lines(60)) + "\n").encode())
    assert session.progress()["examples"] == 60
    session.end()
    assert session.finish().train.examples == 60


def test_protocol_errors() -> None:
    session = DatasetSession()
    with pytest.raises(RuntimeError):
        session.feed(b"{}")
    with pytest.raises(RuntimeError):
        session.begin("validation")
    with pytest.raises(ValueError):
        session.begin("test")  # type: ignore[arg-type]
    session.begin("train")
    with pytest.raises(RuntimeError):
        session.begin("train")
    session.end()
    with pytest.raises(RuntimeError):
        session.begin("train")
    with pytest.raises(RuntimeError):
        DatasetSession().finish()


def test_unknown_model_names_the_known_ones() -> None:
    with pytest.raises(InputError, match="gpt-4o-mini"):
        validate_dataset(chat_lines(12), model="gpt-5-turbo-max")


@pytest.mark.parametrize(
    ("name", "provider"),
    [("gpt-4o-2024-08-06", "azure"), ("GPT-4.1-mini", "azure"), ("gpt-35-turbo", "openai")],
)
def test_model_snapshots_and_aliases(name: str, provider: str) -> None:
    assert validate_dataset(chat_lines(12), model=name, provider=provider).model is not None


def test_missing_file_and_folder_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        validate_dataset(tmp_path / "nope.jsonl")
    with pytest.raises(InputError, match="folder"):
        validate_dataset(tmp_path)


def test_over_long_line_is_reported_not_read() -> None:
    lines = chat_lines(12)
    lines[4] = json.dumps({"messages": [{"role": "user", "content": "x" * 5000}]})
    session = DatasetSession(max_line_bytes=1000)
    session.begin("train")
    data = ("\n".join(lines) + "\n").encode()
    for start in range(0, len(data), 64):
        session.feed(data[start : start + 64])
    report = session.finish()
    shown = report.shown["line-too-long"]
    assert [(f.line, f.severity) for f in shown] == [(5, "error")]
    assert report.train.examples == 12


def test_findings_are_capped_per_code_but_counted() -> None:
    lines = chat_lines(12) + ["not json"] * 500
    data = validate_dataset(lines).to_dict()
    group = data["findings"]["invalid-json"]
    assert group["count"] == 500
    assert len(group["shown"]) == 20
    assert all(len(f["excerpt"]) <= 80 for f in group["shown"])


def test_format_is_decided_by_the_majority_of_the_first_lines() -> None:
    lines = chat_lines(12)
    lines[0] = json.dumps({"prompt": "a", "completion": "b"})
    data = validate_dataset(lines).to_dict()
    assert data["format"] == "chat"
    assert data["findings"]["missing-messages"]["shown"][0]["line"] == 1
    assert "prompt/completion" in data["findings"]["missing-messages"]["shown"][0]["message"]


def test_validation_of_another_format_is_an_error() -> None:
    preference = (DATASETS / "dpo-orca-validation.jsonl").read_bytes().splitlines()[:12]
    data = validate_dataset(chat_lines(12), preference).to_dict()
    assert data["findings"]["format-mismatch"]["shown"][0]["file"] == "validation"


def test_checklist_evidence_for_volume() -> None:
    few = validate_dataset(chat_lines(12)).to_dict()["checklist_evidence"]
    assert few["training-examples"]["answer"] == "12"
    many = validate_dataset(chat_lines(120), [chat_line(500)]).to_dict()["checklist_evidence"]
    assert many["training-examples"]["answer"] == "120"


def test_a_validation_file_is_never_taken_for_the_holdout_set() -> None:
    """A validation file steers training, so it says nothing about a holdout set; one that
    shares examples with training is a finding about the data, not a "no holdout" answer."""
    overlapping = validate_dataset(chat_lines(60), [chat_line(3)]).to_dict()
    assert overlapping["findings"]["train-validation-overlap"]["count"] == 1
    assert "holdout-set" not in overlapping["checklist_evidence"]
    apart = validate_dataset(chat_lines(120), [chat_line(500)]).to_dict()["checklist_evidence"]
    assert "holdout-set" not in apart


def test_system_messages_that_vary_by_design_are_not_flagged() -> None:
    lines = [chat_line(i, system=f"You are persona {i}.") for i in range(12)]
    assert validate_dataset(lines).to_dict()["findings"].keys() == {"few-examples"}
