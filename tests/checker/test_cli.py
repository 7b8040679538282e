"""The readiness commands through ``main([...])``: output, exit codes and one-line errors."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from checker.readiness.criteria import load_criteria
from tests.checker.cli_run import assert_refused, run


def test_criteria_markdown_lists_every_item() -> None:
    code, out, _ = run(["criteria"])
    assert code == 0
    for item in load_criteria().items():
        assert f"`{item.id}`" in out
    assert "How the score is computed" in out


def test_criteria_json_round_trips() -> None:
    code, out, _ = run(["criteria", "--format", "json"])
    data = json.loads(out)
    assert code == 0
    assert data["version"] == load_criteria().version
    assert len(data["questions"]) == 5


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_template_edit_assess_round_trip(fmt: str, tmp_path: Path) -> None:
    code, out, _ = run(["template", "--format", fmt])
    assert code == 0
    blank = tomllib.loads(out) if fmt == "toml" else json.loads(out)
    assert blank.pop("criteria_version") == load_criteria().version
    assert set(blank.values()) == {""}, "a blank template is unanswered, not unsure"
    answers = tmp_path / f"answers.{fmt}"
    answers.write_text(out)
    code, out_blank, err = run(["assess", str(answers), "--format", "json"])
    assert code == 0 and err == ""
    result = json.loads(out_blank)
    assert result["verdict"] == "incomplete" and result["score"] is None
    every_team = [item for item in load_criteria().items() if item.required and not item.methods]
    assert len(result["left"]) == len(every_team)
    edited = out.replace('baseline-measured = ""', 'baseline-measured = "no"').replace(
        '"baseline-measured": ""', '"baseline-measured": "no"'
    )
    answers.write_text(edited)
    code, out, err = run(["assess", str(answers), "--format", "json"])
    assert code == 0 and err == ""
    result = json.loads(out)
    for key in ("verdict", "score", "sections", "blockers", "cautions", "next_steps", "left"):
        assert key in result
    assert result["criteria_version"] == load_criteria().version
    assert result["verdict"] == "incomplete", "one blocker found, but most is still unanswered"
    assert [b["id"] for b in result["blockers"]] == ["baseline-measured"]
    assert result["next_steps"][0]["id"] == "baseline-measured"


def test_text_and_markdown_reports(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text('{"new-knowledge": "yes"}')
    code, text, _ = run(["assess", str(answers)])
    assert code == 0
    move, why, verdict = text.splitlines()[:3]
    assert move.startswith("Next move (retrieval): Use retrieval")
    assert why.startswith("Why: ")
    assert verdict == (
        "Verdict: Not assessed yet: 16 statements left to answer; 1 blocker found so far "
        "(incomplete)"
    )
    assert "Score:" not in text, "no overall score while incomplete"
    assert "retrieval augmented generation" in text
    code, markdown, _ = run(["assess", str(answers), "--format", "markdown"])
    assert markdown.startswith("# Fine-tuning readiness report\n\n**Next move (retrieval):**")
    assert "| What data will you use? |" in markdown
    assert "**Score:** none yet" in markdown
    assert "(`new-knowledge`) | yes |" in markdown


def test_fail_under(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text("{}")  # nothing answered: no score, so no bar is passed
    assert run(["assess", str(answers), "--fail-under", "0"])[0] == 1
    all_unsure = {item.id: "unsure" for item in load_criteria().items()}
    answers.write_text(json.dumps(all_unsure))  # score 50
    assert run(["assess", str(answers), "--fail-under", "51"])[0] == 1
    assert run(["assess", str(answers), "--fail-under", "50"])[0] == 0


def test_version_mismatch_is_noted_not_fatal(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text('{"criteria_version": "1999.1", "rag-tried": "yes"}')
    code, _, err = run(["assess", str(answers)])
    assert code == 0
    assert "a.json was written (version 1999.1, now" in err and err.startswith("note: ")


def test_answers_from_the_previous_version_are_migrated(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(
        '{"criteria_version": "2026.11.1", "dataset-volume": "yes", "rag-tried": "no"}'
    )
    code, out, err = run(["assess", str(answers), "--format", "json"])
    assert code == 0
    assert json.loads(out)["answers"] == {"rag-tried": "no"}
    assert "a.json was written (version 2026.11.1, now" in err
    assert "became a number" in err
    assert all(line.startswith("note: ") for line in err.splitlines())


def test_a_hostile_version_is_printed_escaped(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    hostile = "1\npython -m checker: error: forged\u001b]0;owned\u0007" + "x" * 500
    answers.write_text(json.dumps({"criteria_version": hostile}))
    code, _, err = run(["assess", str(answers)])
    assert code == 0
    assert err.count("\n") == 1, "one note line"
    assert "\x1b" not in err and "\x07" not in err and "forged" in err
    assert len(err) < 300


def test_oversized_answers_file_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text('{"note": "' + "x" * 1_100_000 + '"}')
    assert_refused(run(["assess", str(answers)]), "larger than 1,000,000 bytes")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["assess", "/nonexistent/answers.json"], "/nonexistent/answers.json: no such file"),
        (["assess", "."], ".: is a folder"),
        (["assess", "x.json", "--fail-under", "abc"], "'abc' is not a whole number"),
        (["assess", "x.json", "--fail-under", "101"], "101 is not between 0 and 100"),
        (["criteria", "--format", "yaml"], "invalid choice: 'yaml'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_unusable_input_exits_2_with_a_message(argv: list[str], message: str) -> None:
    assert_refused(run(argv), message)


def test_binary_answers_file(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_bytes(b"\xff\xfe\x00garbage")
    assert_refused(run(["assess", str(answers)]), "UTF-16 text: save it as UTF-8")


@pytest.mark.parametrize(
    "command", ["", "criteria", "template", "assess", "validate", "compare", "split"]
)
def test_help_works_for_every_command(command: str) -> None:
    code, out, _ = run([command, "--help"] if command else ["--help"])
    assert code == 0
    assert out.startswith("usage: python -m checker")


def test_argument_errors_are_one_line() -> None:
    ran = run(["assess"])
    assert_refused(ran)
    assert ran.err == (
        "python -m checker assess: error: the following arguments are required: ANSWERS"
        " (see --help)\n"
    )


def test_the_help_table_repeats_each_commands_own_help() -> None:
    """``--help`` lists commands from SUMMARIES without importing them: it must say what each
    command's module says, in the same order."""
    from checker.commands import SUMMARIES, all_commands

    assert [(c.NAME, c.HELP) for c in all_commands()] == list(SUMMARIES.items())


def test_top_level_help_lists_every_command() -> None:
    from checker.commands import SUMMARIES

    code, out, _ = run(["--help"])
    assert code == 0
    listed = " ".join(out.split())
    for name, summary in SUMMARIES.items():
        assert f"{name} {summary}" in listed
