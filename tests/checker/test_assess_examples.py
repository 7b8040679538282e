"""Data-driven scoring scenarios: every answers file under tests/data/answers runs through the API
and through the CLI, and must give what its ``.expected.json`` (or ``.error``) file says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import checker
from checker.answers import read_answers_file
from checker.cli import main

ANSWERS = Path(__file__).parent.parent / "data" / "answers"
VALID = sorted(p for p in (ANSWERS / "valid").iterdir() if not p.name.endswith(".expected.json"))
INVALID = sorted(p for p in (ANSWERS / "invalid").iterdir() if p.suffix != ".error")


def expected_for(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.with_suffix(".expected.json").read_text())
    return data


def check_result(result: dict[str, Any], expected: dict[str, Any]) -> None:
    assert result["verdict"] == expected["verdict"]
    if "score" in expected:
        assert result["score"] == expected["score"]
    for key in ("blockers", "cautions", "open_blockers"):
        if key in expected:
            assert [flag["id"] for flag in result[key]] == expected[key]
    if "next_steps" in expected:
        assert result["next_steps"] == expected["next_steps"]
    if "first_step" in expected:
        assert result["next_steps"][0]["id"] == expected["first_step"]
    if "first_step_says" in expected:
        assert expected["first_step_says"] in result["next_steps"][0]["text"]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_scenario_through_api(path: Path) -> None:
    result = checker.assess(read_answers_file(str(path)))
    check_result(result.to_dict(), expected_for(path))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_scenario_through_cli(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(path), "--format", "json"]) == 0
    check_result(json.loads(capsys.readouterr().out), expected_for(path))


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_answers_through_api(path: Path) -> None:
    expected = path.with_suffix(".error").read_text().strip()
    with pytest.raises(checker.InputError) as caught:
        checker.assess(read_answers_file(str(path)))
    assert expected in str(caught.value)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_answers_through_cli(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = path.with_suffix(".error").read_text().strip()
    assert main(["assess", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, "one line, no traceback"
    assert expected in captured.err
    assert str(path) in captured.err
