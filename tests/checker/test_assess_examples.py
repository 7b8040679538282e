"""Data-driven scoring scenarios: every answers file under tests/data/answers runs through the API
and through the CLI, and must give what its ``.expected.json`` (or ``.error``) file says.

The personas (blank, all unsure, strong team, no measurement plan, 40 examples, ...) are the
verdicts an experienced engineer would give; change them only with a reason in the commit."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import checker
from checker.cli import main
from checker.readiness.answers import read_answers_file
from tests.checker.cli_run import assert_refused, run

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
    if "left" in expected:
        assert len(result["left"]) == expected["left"]
    for key in ("blockers", "cautions", "open_blockers"):
        if key in expected:
            assert [flag["id"] for flag in result[key]] == expected[key], key
    steps = result["next_steps"]
    ids = [step["id"] for step in steps]
    assert len(ids) == len(set(ids)), "each item once in the next steps"
    if "first_steps" in expected:
        assert ids[: len(expected["first_steps"])] == expected["first_steps"]
    if "first_step_says" in expected:
        assert expected["first_step_says"] in steps[0]["text"]
    for item_id, words in expected.get("step_says", {}).items():
        assert words in next(step["text"] for step in steps if step["id"] == item_id)
    for words in expected.get("no_step_mentions", []):
        assert not any(words in step["text"] for step in steps), words
    if result["verdict"] == "incomplete":
        assert result["score"] is None and result["left"]
    else:
        assert isinstance(result["score"], int) and not result["left"]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_scenario_through_api(path: Path) -> None:
    result = checker.assess(read_answers_file(str(path)))
    check_result(result.to_dict(), expected_for(path))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_scenario_through_cli(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(path), "--format", "json"]) == 0
    check_result(json.loads(capsys.readouterr().out), expected_for(path))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_json_report_feeds_back_to_assess(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(path), "--format", "json"]) == 0
    first = capsys.readouterr().out
    report = tmp_path / "report.json"
    report.write_text(first, encoding="utf-8")
    assert main(["assess", str(report), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.out == first
    assert captured.err == ""


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_markdown_report_lists_every_statement_with_its_answer(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["assess", str(path), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    answers = checker.assess(read_answers_file(str(path))).answers
    for item in checker.load_criteria().items():
        row = next(line for line in markdown.splitlines() if f"(`{item.id}`)" in line)
        shown = row.rsplit("|", 2)[1].strip()
        if item.id not in answers:
            assert shown == "not answered"
        elif isinstance(answers[item.id], float):
            assert shown.startswith(f"{answers[item.id]:,g}".split(".")[0])
        else:
            assert shown == answers[item.id]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_answers_through_api(path: Path) -> None:
    expected = path.with_suffix(".error").read_text().strip()
    with pytest.raises(checker.InputError) as caught:
        checker.assess(read_answers_file(str(path)))
    assert expected in str(caught.value)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_answers_through_cli(path: Path) -> None:
    expected = path.with_suffix(".error").read_text().strip()
    ran = run(["assess", str(path)])
    assert_refused(ran, expected, str(path))
    assert len(ran.err) < 400
