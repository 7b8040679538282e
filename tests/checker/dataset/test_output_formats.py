"""The ``lines`` and ``github`` formats, and several files at once with one unreadable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.checker.cli_run import run
from tests.checker.dataset.helpers import INVALID, chat_lines


def test_lines_format_is_one_line_per_finding() -> None:
    path = INVALID / "bad-weight.jsonl"
    code, out, _ = run(["validate", str(path), "--format", "lines"])
    assert code == 1
    lines = out.splitlines()
    assert lines and all(line.startswith(f"{path}") for line in lines)
    assert any(line.startswith(f"{path}:") and " error bad-weight " in line for line in lines)


def test_lines_format_prints_nothing_for_a_clean_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.jsonl"
    path.write_text("\n".join(chat_lines(120)) + "\n")
    assert run(["validate", str(path), "--format", "lines"]) == (0, "", "")


def test_github_annotations() -> None:
    path = INVALID / "bad-weight.jsonl"
    code, out, _ = run(["validate", str(path), "--format", "github"])
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"::error file={path},line=")
    assert ",title=bad-weight::" in first


def test_several_files_with_one_missing(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(chat_lines(120)) + "\n")
    bad = INVALID / "bad-weight.jsonl"
    missing = tmp_path / "missing.jsonl"
    code, out, err = run(["validate", str(good), str(missing), str(bad), "--format", "json"])
    assert code == 2
    assert [r["files"][0]["name"] for r in json.loads(out)] == [str(good), str(bad)]
    assert err.count("\n") == 1 and "missing.jsonl: no such file" in err


def test_the_pre_commit_hook_uses_the_lines_format() -> None:
    hook = (Path(__file__).resolve().parents[3] / ".pre-commit-hooks.yaml").read_text()
    assert "entry: python -m checker validate --format lines" in hook


def test_standard_input_is_read_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = ("\n".join(chat_lines(120)) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert run(["validate", "-", "--format", "json"])[0] == 0
    zeros = io.BytesIO(b"\x00" * (3 << 20))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(zeros))
    code, out, _ = run(["validate", "-", "--format", "lines"])
    assert code == 1 and "binary-file" in out
    assert zeros.tell() < 3 << 20  # stopped reading once recognised
