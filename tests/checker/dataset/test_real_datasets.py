"""The public sample datasets: valid files are valid, other formats are named for what they are."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from checker.dataset import validate_dataset
from checker.facts import load_facts
from tests.checker.dataset.helpers import DATASETS

PAIRS = [
    ("sft-gsm8k-train.jsonl", "sft-gsm8k-validation.jsonl", 449, 50, "gpt-4o-mini"),
    # the validation file has 10 examples; its last line has no newline, so `wc -l` says 9
    ("sft-toolcall-train.jsonl", "sft-toolcall-validation.jsonl", 86, 10, "gpt-4o-mini"),
    # images: a model that can be fine-tuned on them
    ("sft-vision-chartqa-train.jsonl", "sft-vision-chartqa-validation.jsonl", 100, 20, "gpt-4o"),
]


@pytest.mark.parametrize(("train", "validation", "n_train", "n_validation", "model"), PAIRS)
def test_valid_chat_files_pass_with_their_known_counts(
    train: str, validation: str, n_train: int, n_validation: int, model: str
) -> None:
    report = validate_dataset(DATASETS / train, DATASETS / validation, model=model)
    data = report.to_dict()
    assert data["format"] == "chat"
    assert data["errors"] == 0, data["findings"]
    assert [f["examples"] for f in data["files"]] == [n_train, n_validation]
    assert [f["examples_with_errors"] for f in data["files"]] == [0, 0]
    assert data["checklist_evidence"]["dataset-formatted"]["answer"] == "yes"
    assert "holdout-set" not in data["checklist_evidence"]
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


def test_a_reinforcement_file_alone_passes_with_a_job_note() -> None:
    """A pre-commit hook checks files one by one: the job's need for a validation file is a
    note, not an error."""
    alone = validate_dataset(DATASETS / "rft-countdown-train.jsonl").to_dict()
    assert list(alone["findings"]) == ["few-examples"]
    assert alone["errors"] == 0
    assert (
        "Job requirement, not a problem in this file: a reinforcement fine-tuning job at Azure "
        "needs a validation file; check the two together with --validation FILE" in alone["notes"]
    )
    rft = DATASETS / "rft-countdown-train.jsonl"
    both = validate_dataset(rft, rft).to_dict()  # the same file as validation: overlap, no error
    assert not any(note.startswith("Job requirement") for note in both["notes"])


def test_a_reinforcement_validation_file_over_the_cap_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The packaged facts state no cap (no current Azure page states one); a provider that
    states one is modelled by setting it."""
    facts = load_facts()
    azure = dataclasses.replace(facts.provider("azure"), rft_validation_max_examples=1000)
    monkeypatch.setitem(facts.providers, "azure", azure)
    rft = DATASETS / "rft-countdown-train.jsonl"
    lines = rft.read_text(encoding="utf-8").splitlines()  # 25 examples
    big = tmp_path / "valid.jsonl"
    big.write_text("\n".join(lines * 41) + "\n", encoding="utf-8")  # 1,025 examples
    alone = validate_dataset(big).to_dict()
    assert alone["errors"] == 0
    assert any("this file's 1,025 examples are more than that" in n for n in alone["notes"])
    report = validate_dataset(rft, big).to_dict()
    found = report["findings"]["rft-validation-too-large"]
    assert found["shown"][0]["message"] == (
        "the validation file holds 1,025 examples; a reinforcement fine-tuning job at Azure "
        "accepts at most 1,000"
    )
    assert report["verdict"] == "fail"


@pytest.mark.parametrize(("model", "refused"), [("gpt-4o-mini", True), ("gpt-4o", False)])
def test_images_with_a_model_that_cannot_be_vision_tuned(model: str, refused: bool) -> None:
    report = validate_dataset(DATASETS / "sft-vision-chartqa-train.jsonl", model=model).to_dict()
    if refused:
        message = report["findings"]["model-cannot-take-images"]["shown"][0]["message"]
        assert message.startswith("100 examples of the training file hold images, but gpt-4o-mini")
    else:
        assert "model-cannot-take-images" not in report["findings"]


def test_question_answer_pairs_are_named_not_chat() -> None:
    data = validate_dataset(DATASETS / "not-chat-qa-pairs.jsonl").to_dict()
    assert data["format"] == "question-answer"
    assert "question/answer" in data["format_description"]
    assert data["errors"] >= 1
    assert list(data["findings"]) == ["question-answer-format"]
    assert data["checklist_evidence"]["dataset-formatted"]["answer"] == "no"


def test_preference_pairs_sharing_a_prompt_are_a_note_not_a_warning() -> None:
    lines = (DATASETS / "dpo-orca-validation.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    second = json.loads(lines[1])
    second["input"] = first["input"]  # another pair for the first prompt, as DPO data often has
    report = validate_dataset([*lines, json.dumps(second)]).to_dict()
    assert "near-duplicate-example" not in report["findings"]
    assert "conflicting-labels" not in report["findings"]
    assert (
        "1 preference pair shares a prompt with an earlier pair (several pairs for one prompt are "
        "normal for preference training; not a problem)" in report["notes"]
    )


def test_token_figures_say_when_tools_are_counted_by_convention() -> None:
    """Half the tokens of the tool-calling file are tool JSON: not labelled plain "exact"."""
    from checker.dataset.render import distribution_rows

    data = validate_dataset(DATASETS / "sft-toolcall-train.jsonl").to_dict()
    figures = data["stats"]["token_figures"]
    assert figures["billed_tokens"] == (
        "71,790 (exact for text; tools, tool calls and images by convention)"
    )
    assert (
        "in 86 examples part of the count (tools, tool calls, images)"
        in figures["tokens_per_example"]
    )
    labels = [label for label, _ in distribution_rows(data["stats"])]
    assert "tokens per example (text exact)" in labels
    plain = validate_dataset(DATASETS / "sft-gsm8k-train.jsonl").to_dict()
    assert plain["stats"]["token_figures"]["billed_tokens"].endswith("(exact)")
