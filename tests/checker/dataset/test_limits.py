"""Provider limits from checker/facts.toml: images, token limits, retirement, methods, RFT."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest

from checker.cli import main
from checker.dataset import validate_dataset
from checker.errors import InputError
from checker.facts import load_facts
from tests.checker.dataset.helpers import chat_line, chat_lines


def codes(report: dict[str, Any]) -> dict[str, list[int | None]]:
    return {c: [f["line"] for f in g["shown"]] for c, g in report["findings"].items()}


def image_line(images: int, role: str = "user", size: int = 100) -> str:
    data = base64.b64encode(b"\xff" * size).decode()
    parts: list[dict[str, Any]] = [{"type": "text", "text": "What is in these pictures?"}]
    parts += [
        {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{data}"}}
        for _ in range(images)
    ]
    messages: list[dict[str, Any]] = (
        [{"role": "user", "content": "Look."}] if role != "user" else []
    )
    messages += [{"role": role, "content": parts}, {"role": "assistant", "content": "Cats."}]
    return json.dumps({"messages": messages})


def test_eleven_images_are_too_many_for_openai_not_azure() -> None:
    lines = [*chat_lines(11), image_line(11)]
    openai = validate_dataset(lines, provider="openai").to_dict()
    azure = validate_dataset(lines, provider="azure").to_dict()
    assert codes(openai)["too-many-images"] == [12]
    assert "too-many-images" not in codes(azure)
    limit = load_facts().provider("azure").images.max_per_example
    over = validate_dataset([*chat_lines(11), image_line(limit + 1)]).to_dict()
    assert codes(over)["too-many-images"] == [12]


def test_eleven_images_through_the_cli(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "vision.jsonl"
    path.write_text("\n".join([*chat_lines(11), image_line(11)]) + "\n")
    assert main(["validate", str(path), "--provider", "openai", "--format", "lines"]) == 1
    assert f"{path}:12: error too-many-images" in capsys.readouterr().out
    assert main(["validate", str(path), "--provider", "azure", "--format", "lines"]) == 0


def test_an_image_over_the_size_limit_and_an_image_in_a_system_message() -> None:
    limit = load_facts().provider("azure").images.max_bytes
    report = validate_dataset(
        [*chat_lines(11), image_line(1, size=limit + 3000), image_line(1, role="system")]
    ).to_dict()
    assert codes(report)["image-too-large"] == [12]
    assert codes(report)["image-outside-user-message"] == [13]


def test_a_line_longer_than_32_mib_is_read() -> None:
    """Three 9.5 MB images: a 38 MB line that both services accept."""
    data = base64.b64encode(b"\x01" * 9_500_000).decode()
    part = {"type": "image_url", "image_url": {"url": f"data:image/jpeg;base64,{data}"}}
    line = json.dumps(
        {
            "messages": [
                {
                    "role": "user",
                    "content": [{"type": "text", "text": "Compare."}, part, part, part],
                },
                {"role": "assistant", "content": "They match."},
            ]
        }
    )
    assert len(line) > 32 * 1024 * 1024
    report = validate_dataset([*chat_lines(11), line]).to_dict()
    assert report["errors"] == 0, report["findings"]
    assert report["stats"]["images"] == 3


def test_no_model_still_checks_the_length_of_each_example() -> None:
    huge = chat_line(99).replace("tighten", "tighten " + "very " * 1_000_000)
    report = validate_dataset([*chat_lines(11), huge]).to_dict()
    assert codes(report)["over-token-limit"] == [12]
    message = report["findings"]["over-token-limit"]["shown"][0]["message"]
    assert "every Azure model" in message


def test_retired_model_warns_with_the_date_and_today_is_injectable() -> None:
    model = next(m for m in load_facts().models_of("openai") if m.retires is not None)
    assert model.retires is not None
    before = validate_dataset(
        chat_lines(12), model=model.name, provider="openai", today=model.retires - dt.timedelta(1)
    ).to_dict()
    assert "model-retired" not in before["findings"]
    after = validate_dataset(
        chat_lines(12), model=model.name, provider="openai", today=model.retires
    ).to_dict()
    message = after["findings"]["model-retired"]["shown"][0]["message"]
    assert model.retires.isoformat() in message
    if model.replacement:
        assert model.replacement in message


def test_model_of_another_method_is_an_error() -> None:
    rft_only = next(m for m in load_facts().models_of("azure") if m.methods == ("rft",))
    report = validate_dataset(chat_lines(12), model=rft_only.name).to_dict()
    assert "model-method-mismatch" in report["findings"]


def test_declared_method_that_the_file_does_not_fit() -> None:
    prompts = [
        json.dumps({"messages": [{"role": "user", "content": f"Prompt {i}?"}]}) for i in range(12)
    ]
    detected = validate_dataset(prompts, provider="openai").to_dict()
    assert detected["method"]["method"] == "rft"
    assert detected["method"]["source"] == "detected"
    assert "reinforcement" in detected["method"]["summary"]
    declared = validate_dataset(prompts, provider="openai", method="sft").to_dict()
    assert declared["format"] == "chat"
    assert declared["method"]["method"] == "sft"
    assert declared["method"]["source"] == "declared"
    found = codes(declared)
    assert found["method-mismatch"] == [None]
    assert "reinforcement" in declared["findings"]["method-mismatch"]["shown"][0]["message"]
    assert found["missing-assistant"][:3] == [1, 2, 3]


def test_method_matching_the_file_adds_nothing() -> None:
    assert validate_dataset(chat_lines(60), method="sft").to_dict()["findings"] == {}


@pytest.mark.parametrize(
    ("kwargs", "error", "names"),
    [
        ({"model": 123}, TypeError, "model"),
        ({"provider": None}, TypeError, "provider"),
        ({"method": 5}, TypeError, "method"),
        ({"today": "2026-01-01"}, TypeError, "today"),
        ({"method": "ppo"}, InputError, "method"),
        ({"provider": "acme"}, InputError, "provider"),
        ({"model": "gpt-3.5-turbo", "provider": "azure"}, InputError, "model"),
    ],
)
def test_bad_arguments_name_the_parameter(
    kwargs: dict[str, Any], error: type[Exception], names: str
) -> None:
    with pytest.raises(error, match=names):
        validate_dataset(chat_lines(12), **kwargs)


def test_sources_of_the_wrong_type_name_the_parameter() -> None:
    with pytest.raises(TypeError, match="train must be a path or an iterable of lines, not bytes"):
        validate_dataset(b"ok1.jsonl")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="train: item 1 must be a line"):
        validate_dataset([None])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="validation must be"):
        validate_dataset(chat_lines(12), 5)  # type: ignore[arg-type]
