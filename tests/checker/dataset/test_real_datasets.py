"""The public sample datasets: valid files are valid, other formats are named for what they are."""

from __future__ import annotations

import pytest

from checker.dataset import validate_dataset
from tests.checker.dataset.helpers import DATASETS

PAIRS = [
    ("sft-gsm8k-train.jsonl", "sft-gsm8k-validation.jsonl", 449, 50),
    # the validation file has 10 examples; its last line has no newline, so `wc -l` says 9
    ("sft-toolcall-train.jsonl", "sft-toolcall-validation.jsonl", 86, 10),
    ("sft-vision-chartqa-train.jsonl", "sft-vision-chartqa-validation.jsonl", 100, 20),
]


@pytest.mark.parametrize(("train", "validation", "n_train", "n_validation"), PAIRS)
def test_valid_chat_files_pass_with_their_known_counts(
    train: str, validation: str, n_train: int, n_validation: int
) -> None:
    report = validate_dataset(DATASETS / train, DATASETS / validation, model="gpt-4o-mini")
    data = report.to_dict()
    assert data["format"] == "chat"
    assert data["errors"] == 0, data["findings"]
    assert [f["examples"] for f in data["files"]] == [n_train, n_validation]
    assert [f["examples_with_errors"] for f in data["files"]] == [0, 0]
    assert data["checklist_evidence"]["dataset-formatted"]["answer"] == "yes"
    assert data["checklist_evidence"]["holdout-set"]["answer"] == "yes"
    assert data["stats"]["examples_over_token_limit"] == 0


def test_tool_calls_without_content_are_valid() -> None:
    data = validate_dataset(DATASETS / "sft-toolcall-train.jsonl").to_dict()
    assert data["findings"] == {}


def test_vision_examples_count_images() -> None:
    data = validate_dataset(DATASETS / "sft-vision-chartqa-train.jsonl").to_dict()
    assert data["stats"]["images"] == 100


def test_gsm8k_statistics_and_estimates() -> None:
    data = validate_dataset(DATASETS / "sft-gsm8k-train.jsonl", model="gpt-4.1-nano").to_dict()
    stats = data["stats"]
    assert stats["messages_per_example"] == {"min": 3, "median": 3, "p90": 3, "max": 3}
    tokens = stats["tokens_per_example"]
    assert 0 < tokens["min"] <= tokens["median"] <= tokens["p90"] <= tokens["max"]
    assert stats["estimated_epochs"] == 3
    assert stats["estimated_billed_tokens"] == 3 * tokens["total"]
    assert stats["token_limit"] == 32768  # gpt-4.1-nano at Azure, from checker/facts.toml
    assert data["checklist_evidence"]["training-examples"]["answer"] == "449"
    assert data["checklist_evidence"]["dataset-curated"]["answer"] == "unsure"
    assert "estimates" in data["token_estimate_note"]


def test_preference_file_is_preference_without_errors() -> None:
    data = validate_dataset(DATASETS / "dpo-orca-validation.jsonl").to_dict()
    assert data["format"] == "preference"
    assert data["errors"] == 0, data["findings"]
    assert data["examples"] == 284


def test_reinforcement_file_is_reinforcement_without_errors() -> None:
    data = validate_dataset(DATASETS / "rft-countdown-train.jsonl", provider="openai").to_dict()
    assert data["format"] == "reinforcement"
    assert data["method"]["method"] == "rft" and data["method"]["source"] == "detected"
    assert data["errors"] == 0, data["findings"]
    assert data["examples"] == 25


def test_reinforcement_file_gets_no_token_bill() -> None:
    data = validate_dataset(DATASETS / "rft-countdown-train.jsonl", provider="openai").to_dict()
    assert "estimated_billed_tokens" not in data["stats"]
    assert any("billed by training time" in note for note in data["notes"])


def test_azure_needs_a_validation_file_for_reinforcement() -> None:
    alone = validate_dataset(DATASETS / "rft-countdown-train.jsonl").to_dict()
    assert list(alone["findings"]) == ["rft-needs-validation-file", "few-examples"]
    rft = DATASETS / "rft-countdown-train.jsonl"
    both = validate_dataset(rft, rft).to_dict()  # the same file as validation: overlap, no error
    assert "rft-needs-validation-file" not in both["findings"]


def test_question_answer_pairs_are_named_not_chat() -> None:
    data = validate_dataset(DATASETS / "not-chat-qa-pairs.jsonl").to_dict()
    assert data["format"] == "question-answer"
    assert "question/answer" in data["format_description"]
    assert data["errors"] >= 1
    assert list(data["findings"]) == ["question-answer-format"]
    assert data["checklist_evidence"]["dataset-formatted"]["answer"] == "no"
