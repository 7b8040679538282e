"""What ``convert`` says about what it read: R's row names, legacy prompt/completion artefacts,
fields it left out (for every source format), and a preview of the first example."""

from __future__ import annotations

import json
from pathlib import Path

from tests.checker.cli_run import run

CASES = Path(__file__).resolve().parents[2] / "data" / "convert"


def convert(source: Path, tmp_path: Path, *args: str) -> tuple[str, list[str], dict[str, object]]:
    out = tmp_path / "out.jsonl"
    ran = run(["convert", str(source), *args, "-o", str(out)])
    assert ran.code in (0, 1), ran.err  # 1: a one-example file is too small to upload
    log = json.loads((tmp_path / "out.changes.json").read_text(encoding="utf-8"))
    return ran.out, out.read_text(encoding="utf-8").splitlines(), log


def test_r_row_names_are_a_header_and_left_out(tmp_path: Path) -> None:
    printed, examples, log = convert(
        CASES / "csv-r-rownames" / "input.csv", tmp_path, "--from", "csv"
    )
    assert "after an unnamed first column of row numbers (R's row names)" in printed
    assert (
        "Fields not used (left out of the examples): the unnamed first column (row names) (12)"
        in printed
    )
    assert len(examples) == 12
    first = json.loads(examples[0])["messages"]
    assert first == [
        {"role": "user", "content": "What is the capital of France?"},
        {"role": "assistant", "content": "Paris."},
    ]
    assert log["mapping"]["fields"] == {"user": "Question", "assistant": "Answer"}  # type: ignore[index]


def test_legacy_artefacts_are_reported_and_kept_unless_asked(tmp_path: Path) -> None:
    source = CASES / "prompt-completion-legacy" / "input.jsonl"
    printed, examples, log = convert(source, tmp_path, "--from", "prompt-completion")
    assert (
        "Legacy prompt/completion: user turns end with a legacy separator ('\\n\\n###\\n\\n'): "
        "12 turns, kept; --strip-legacy removes them" in printed
    )
    assert "assistant turns end with a legacy stop sequence (' END'): 12 turns, kept" in printed
    assert "turns start with a space (the legacy completion convention) (' '): 12 turns" in printed
    assert json.loads(examples[0])["messages"][0]["content"].endswith("\n\n###\n\n")
    assert log["legacy_artefacts"]["stripped"] is False  # type: ignore[index]


def test_strip_legacy_removes_them_and_logs_the_lines(tmp_path: Path) -> None:
    source = CASES / "prompt-completion-legacy" / "input.jsonl"
    printed, examples, _ = convert(
        source, tmp_path, "--from", "prompt-completion", "--strip-legacy"
    )
    assert "12 turns, removed" in printed
    assert (
        "legacy separator, stop sequence or leading space removed (--strip-legacy): 12 (lines 1-12)"
        in printed
    )
    assert json.loads(examples[1])["messages"][1]["content"] == "Eight."


def test_sharegpt_fields_left_out_are_reported(tmp_path: Path) -> None:
    source = tmp_path / "sharegpt.jsonl"
    turns = [{"from": "human", "value": "Hi?"}, {"from": "gpt", "value": "Hello."}]
    source.write_text(json.dumps({"conversations": turns, "source": "forum", "score": 3}) + "\n")
    printed, _, log = convert(source, tmp_path, "--from", "sharegpt")
    assert "Fields not used (left out of the examples): `source` (1), `score` (1)" in printed
    assert log["fields_not_used"] == {"source": 1, "score": 1}


def test_the_first_example_is_previewed_and_counts_are_singular(tmp_path: Path) -> None:
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"question": "Hi?", "answer": "Hello."}) + "\n")
    printed, _, _ = convert(source, tmp_path, "--from", "qa")
    assert "Wrote 1 chat example; 0 rejected" in printed
    assert (
        'First example: {"messages": [{"role": "user", "content": "Hi?"}, '
        '{"role": "assistant", "content": "Hello."}]}' in printed
    )
    assert "1 example," in printed and "1 examples" not in printed


def test_changes_never_made_are_not_listed(tmp_path: Path) -> None:
    printed, _, log = convert(CASES / "csv-header" / "input.csv", tmp_path, "--from", "auto")
    assert "--strip-legacy" not in printed and "(line )" not in printed
    changes = log["changes"]
    assert isinstance(changes, list) and changes
    assert all(change["count"] > 0 for change in changes)
